"""What an assessment says: the result objects and their JSON form.

The JSON form is published as ``docs/assessment.schema.json``.

Sides in the JSON are ``"left"``, ``"right"``, ``"both"`` or ``null``. Every conclusion carries a
trail of :class:`~kinchain.trail.Step` s from an intake fact to a number and its citations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kinchain.assessment.contrasts import Contrast
from kinchain.assessment.instruments import Score
from kinchain.assessment.red_flags import Referral, Screening
from kinchain.assessment.warning_signs import WarningSigns
from kinchain.body import SiteRef
from kinchain.intake.refs import InjuryRef, InjuryRefs, IntakeRef
from kinchain.trail import Trail, steps_to_json

__all__ = [
    "CONTRIBUTOR_KINDS",
    "SCHEMA_VERSION",
    "Assessment",
    "Contributor",
    "JointReport",
    "WeakestLink",
]

#: bumped when the JSON form changes in a way a reader would notice
SCHEMA_VERSION = 1

#: the five kinds of source a contributor can come from
CONTRIBUTOR_KINDS: tuple[str, ...] = ("injury", "footwear", "habit", "activity", "life_stage")


@dataclass(frozen=True)
class JointReport:
    """One joint's stability deficit (0 = as good as new, 1 = no stability left) and why."""

    site: str
    side: str | None
    stability_deficit: float
    trail: Trail

    def to_json(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "side": self.side,
            "stability_deficit": round(self.stability_deficit, 3),
            "trail": steps_to_json(self.trail),
        }


@dataclass(frozen=True)
class Contributor:
    """Something that plausibly adds to one pain: a source, a score in 0..1, and its evidence.

    ``evidence`` is the weakest grade the chain of reasoning rests on; ``hypothesis`` marks the
    kinetic-chain reasoning, which no study has shown directly.
    """

    pain: SiteRef
    pain_ref: str
    kind: str
    source: SiteRef
    ref: IntakeRef  # an InjuryRef for an injury, else the intake path ("habits.carrying")
    label: str
    score: float
    evidence: str
    hypothesis: bool
    summary: str
    trail: Trail

    def to_json(self) -> dict[str, Any]:
        return {
            "pain": {**self.pain.to_json(), "ref": self.pain_ref},
            "source": {"kind": self.kind, **self.source.to_json(), "ref": str(self.ref)},
            "label": self.label,
            "score": round(self.score, 3),
            "evidence": self.evidence,
            "hypothesis": self.hypothesis,
            "summary": self.summary,
            "trail": steps_to_json(self.trail),
        }


@dataclass(frozen=True)
class WeakestLink:
    """For one injured joint: where the load it no longer holds goes next, and the margin."""

    injury: SiteRef
    injury_ref: InjuryRef | InjuryRefs  # the joint's injuries: one names itself
    link: SiteRef
    margin: float
    trail: Trail

    def to_json(self) -> dict[str, Any]:
        return {
            "injury": {**self.injury.to_json(), "ref": str(self.injury_ref)},
            "link": self.link.to_json(),
            "margin": round(self.margin, 3),
            "trail": steps_to_json(self.trail),
        }


@dataclass(frozen=True)
class Assessment:
    """The whole first-session assessment of one client on one date."""

    client: str
    as_of: dt.date
    screening: Screening
    instruments: Mapping[str, Score]
    joints: tuple[JointReport, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    weakest_links: tuple[WeakestLink, ...] = ()
    notes: tuple[str, ...] = field(default=())
    contrasts: tuple[Contrast, ...] = ()  # the article's claims the evidence contradicts, here
    warning_signs: WarningSigns | None = None  # pregnancy: when to stop and call

    @property
    def referral(self) -> Referral | None:
        return self.screening.referral

    @property
    def program_suspended(self) -> bool:
        return self.screening.program_suspended

    def to_json(self) -> dict[str, Any]:
        """The JSON object documented in ``docs/assessment.md``; ``program`` is left null."""
        return {
            "schema_version": SCHEMA_VERSION,
            "client": self.client,
            "as_of": self.as_of.isoformat(),
            "screening": self.screening.status_json(),
            "referral": self.referral.to_json() if self.referral else None,
            "program_suspended": self.program_suspended,
            "red_flags": {
                "flags": [f.to_json() for f in self.screening.flags],
                "rheumatology_criteria": self.screening.rheumatology_criteria,
                "trail": steps_to_json(self.screening.trail),
            },
            "joints": [j.to_json() for j in self.joints],
            "contributors": [c.to_json() for c in self.contributors],
            "weakest_links": [w.to_json() for w in self.weakest_links],
            "instruments": {k: v.to_json() for k, v in self.instruments.items()},
            "notes": list(self.notes),
            "article_contrasts": [c.to_json() for c in self.contrasts],
            "warning_signs": self.warning_signs.to_json() if self.warning_signs else None,
            "program": None,
        }
