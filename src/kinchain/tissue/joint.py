"""Per joint and side: the stability deficit the joint's old injuries leave, with its trail.

Several injuries at one joint combine as independent losses, ``1 - prod(1 - d_i)``. An injury on
``both`` sides counts for the left and for the right joint. For an ankle, a CAIT total at or
below its cut-off, or a FAAM subscale below its cut-off, raises the confidence that the
instability is real; a CAIT above its cut-off lowers it. The deficit itself is never changed by a
questionnaire: the number comes from the history, the questionnaire says how far to trust it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from kinchain.body import Side
from kinchain.intake import InjuryRef, Intake
from kinchain.tissue.constants import HealingModel
from kinchain.tissue.curves import combine_deficits
from kinchain.tissue.injury import InjuryState
from kinchain.tissue.instruments import cait_total, faam_subscale_pct
from kinchain.trail import Step, Trail, steps_to_json

__all__ = ["Confidence", "JointState", "joint_states"]

#: How far the deficit can be trusted: ``none`` when there is no history at all, ``moderate``
#: from the history alone, ``high`` when a questionnaire agrees, ``low`` when one disagrees.
Confidence = Literal["none", "low", "moderate", "high"]

#: The site whose instability the ankle questionnaires (CAIT, FAAM) measure.
ANKLE = "ankle"


@dataclass(frozen=True)
class JointState:
    """One joint on one side: its stability deficit in 0..1, and why."""

    site: str
    side: Side | None  # "left", "right" or None for the spine
    stability_deficit: float = 0.0
    trail: Trail = ()
    injuries: tuple[InjuryRef, ...] = ()  # the intake's injuries at this joint
    confidence: Confidence = "none"

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {
            "site": self.site,
            "side": self.side,
            "stability_deficit": self.stability_deficit,
            "confidence": self.confidence,
            "injuries": [r.index for r in self.injuries],
            "trail": steps_to_json(self.trail),
        }


def _sides(side: str | None) -> tuple[Side | None, ...]:
    if side == "both":
        return ("left", "right")
    if side == "left":
        return ("left",)
    if side == "right":
        return ("right",)
    return (None,)


def _questionnaire_steps(
    intake: Intake, model: HealingModel
) -> tuple[list[Step], bool, bool]:
    """Ankle questionnaire steps, whether any says 'unstable', whether any says 'stable'."""
    steps: list[Step] = []
    unstable = stable = False
    q = intake.questionnaires
    c = model.cait
    total = cait_total(q.cait, items=c.items, max_total=c.max_total)
    if total is not None:
        if total <= c.cutoff_total:
            unstable = True
            rule = f"CAIT at or below {c.cutoff_total}: the instability is real"
        elif total > c.stable_above:
            stable = True
            rule = f"CAIT above {c.stable_above:g}: the client does not report instability"
        else:
            rule = (
                f"CAIT between {c.cutoff_total} and {c.stable_above:g}: below the original "
                "cut-off but above the research one, so it neither confirms nor argues "
                "against instability"
            )
        steps.append(Step(
            f"CAIT total {total} of {c.max_total}", rule, total, c.cite, c.note,
            "questionnaires.cait",
        ))
    f = model.faam
    faam: Mapping[str, Any] = q.faam or {}
    for sub, below, items in (
        ("adl", f.adl_below, f.adl_items),
        ("sports", f.sports_below, f.sports_items),
    ):
        pct = faam_subscale_pct(
            faam.get(sub), items=items, min_answered_fraction=f.min_answered_fraction
        )
        if pct is None:
            continue
        if pct < below:
            unstable = True
            name = "ADL" if sub == "adl" else "Sports"
            rule = f"FAAM {name} below {below:g}%: ankle function is limited"
            steps.append(Step(
                f"FAAM {sub} {pct:g}%", rule, pct, f.cite, f.note, f"questionnaires.faam.{sub}"
            ))
    return steps, unstable, stable


def joint_states(
    intake: Intake, injuries: Sequence[InjuryState], /, *, model: HealingModel
) -> tuple[JointState, ...]:
    """Aggregate injury states per joint and side, in the order the joints first appear."""
    groups: dict[tuple[str, Side | None], list[InjuryState]] = {}
    for s in injuries:
        for side in _sides(s.side):
            groups.setdefault((s.site, side), []).append(s)

    q_steps: list[Step] = []
    unstable = stable = False
    if any(site == ANKLE for site, _ in groups):
        q_steps, unstable, stable = _questionnaire_steps(intake, model)

    rule = model.rules["joint_deficit"]
    out: list[JointState] = []
    for (site, side), states in groups.items():
        trail: list[Step] = []
        for s in states:
            trail.extend(s.trail)
        deficit = round(combine_deficits(s.stability_deficit for s in states), 3)
        where = f"{side} {site}" if side else site
        trail.append(Step(
            f"{where}: " + ", ".join(f"{s.ref} {s.stability_deficit:g}" for s in states),
            "joint stability deficit = 1 - prod(1 - d_i)",
            deficit, rule.cite, rule.note, None,
        ))
        confidence: Confidence = "moderate"
        if site == ANKLE and q_steps:
            trail.extend(q_steps)
            confidence = "high" if unstable else "low" if stable else "moderate"
        out.append(JointState(
            site=site,
            side=side,
            stability_deficit=deficit,
            trail=tuple(trail),
            injuries=tuple(s.ref for s in states),
            confidence=confidence,
        ))
    return tuple(out)
