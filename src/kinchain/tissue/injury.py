"""One old injury as it stands on a given day: phase, fraction healed, residual deficits, trail.

The model in plain words (docs/model.md has every constant and its source):

1. The tissue type comes from the intake (``tissue``) or from the injury kind; the structure from
   the intake (``structure``) or a default per site and kind (an ankle sprain is an ATFL sprain).
2. The structure's healing class (muscle; ligament outside or inside a joint capsule; tendon
   graft; tendon; bone; cartilage) gives the phase boundaries and a recovery curve: the strength
   the repaired tissue has regained, as a fraction of normal, by day, up to a plateau.
3. The mechanical deficit is the strength still missing: ``severity * (1 - fraction_healed)``,
   where severity is the fraction of the structure the injury took (by grade or kind).
4. The functional instability starts from the class's lasting instability after a complete
   injury, scaled by severity; every later episode (``recurrences``) takes a further share of
   the stability left; care multiplies it (completed rehabilitation by the trial's RR 0.63).
5. The injury's contribution to its joint's stability deficit combines the two:
   ``1 - (1 - share * mechanical) * (1 - functional)``, ``share`` being the structure's part in
   the joint's passive stability.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinchain.body import Tissue, site_label
from kinchain.intake import Injury, InjuryRef, PartialDate
from kinchain.tissue.constants import HealingClass, HealingModel
from kinchain.tissue.curves import (
    after_recurrences,
    interpolate_recovery,
    phase_at,
    stability_contribution,
)
from kinchain.tissue.loader import body_tissue_type
from kinchain.trail import Step, Trail, steps_to_json

__all__ = ["InjuryState", "injury_state"]


@dataclass(frozen=True)
class InjuryState:
    """What one intake injury means for its tissue on the ``as_of`` day."""

    ref: InjuryRef
    site: str
    side: str | None  # as in the intake: "left", "right", "both" or None
    kind: str
    tissue: str
    structure: str | None
    healing_class: str  # e.g. "ligament_extracapsular", "graft"
    days_since: int
    phase: str  # inflammation | proliferation | remodelling | plateau
    fraction_healed: float  # strength of the repaired tissue, fraction of normal, <= plateau
    plateau: float
    severity: float
    mechanical_deficit: float  # strength still missing, fraction of the structure's normal
    functional_instability: float
    stability_share: float
    stability_deficit: float  # this injury's contribution to its joint, 0..1
    trail: Trail

    @property
    def index(self) -> int:
        """Where the injury stands in ``intake.injuries``."""
        return self.ref.index

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {
            "index": self.ref.index,
            "ref": str(self.ref),
            "site": self.site,
            "side": self.side,
            "kind": self.kind,
            "tissue": self.tissue,
            "structure": self.structure,
            "healing_class": self.healing_class,
            "days_since": self.days_since,
            "phase": self.phase,
            "fraction_healed": self.fraction_healed,
            "plateau": self.plateau,
            "severity": self.severity,
            "mechanical_deficit": self.mechanical_deficit,
            "functional_instability": self.functional_instability,
            "stability_share": self.stability_share,
            "stability_deficit": self.stability_deficit,
            "trail": steps_to_json(self.trail),
        }


def _r(x: float) -> float:
    return round(x, 3)


def _describe(injury: Injury) -> str:
    grade = f", grade {injury.grade}" if injury.grade is not None else ""
    return f"{site_label(injury.site, injury.side)} {injury.kind}{grade}, {injury.date}"


def _tissue(
    injury: Injury,
    model: HealingModel,
    body_tissues: Mapping[str, Tissue],
    ref: InjuryRef,
    fact: str,
) -> tuple[str, Step]:
    sid = injury.structure
    if sid is not None and (sid in model.structures or sid in body_tissues):
        known = model.structures.get(sid)
        tissue = known.tissue if known else body_tissue_type(body_tissues[sid].type)
        cite = known.cite if known else body_tissues[sid].cite
        said = f" (the intake says {injury.tissue})" if injury.tissue not in (None, tissue) else ""
        return tissue, Step(
            fact, f"tissue type of the named structure {sid}: {tissue}{said}", tissue, cite,
            "the named structure decides how the injury heals", ref,
        )
    inferred = model.kind_tissue[injury.kind]
    if injury.tissue is None or injury.tissue == inferred.tissue:
        return inferred.tissue, Step(
            fact, f"tissue type from the injury kind: {injury.kind} -> {inferred.tissue}",
            inferred.tissue, inferred.cite, inferred.note, ref,
        )
    return injury.tissue, Step(
        fact, f"tissue type named in the intake: {injury.tissue}", injury.tissue, (), "", ref
    )


def _structure(
    injury: Injury, tissue: str, model: HealingModel, ref: InjuryRef, fact: str
) -> tuple[str | None, Step | None]:
    if injury.structure is not None:
        return injury.structure, Step(
            fact, f"structure named in the intake: {injury.structure}", injury.structure,
            (), "", ref,
        )
    default = model.defaults.get((injury.site, injury.kind))
    if default is None or model.structures[default.structure].tissue != tissue:
        return None, None
    return default.structure, Step(
        fact, f"default structure for a {injury.site.replace('_', ' ')} {injury.kind}",
        default.structure, default.cite, default.note, ref,
    )


def _healing_class(
    injury: Injury,
    tissue: str,
    structure: str | None,
    model: HealingModel,
    body_tissues: Mapping[str, Tissue],
    ref: InjuryRef,
    fact: str,
) -> tuple[HealingClass, float, list[Step]]:
    steps: list[Step] = []
    known = model.structures.get(structure) if structure is not None else None
    in_body = body_tissues.get(structure) if structure is not None else None
    if known is None and in_body is not None:
        # a body-web tissue this file has no entry for: heal it as its type, inside or outside
        # a capsule as the body web says
        tc = model.tissue_classes[body_tissue_type(in_body.type)]
        inside = in_body.intracapsular and tc.intracapsular_class is not None
        cls_id = tc.intracapsular_class if inside and tc.intracapsular_class else tc.healing_class
        share = tc.stability_share
        where = "inside" if in_body.intracapsular else "outside"
        steps.append(Step(
            fact, f"{in_body.name}: a {in_body.type} {where} a joint capsule, heals as "
            f"{model.classes[cls_id].label}; share of the joint's passive stability",
            share, tc.cite, tc.note, ref,
        ))
    elif known is not None:
        cls_id, share = known.healing_class, known.stability_share
        steps.append(Step(
            fact, f"{known.name}: heals as {model.classes[cls_id].label}; "
            f"share of the joint's passive stability",
            share, known.cite, known.note, ref,
        ))
    else:
        tc = model.tissue_classes[tissue]
        cls_id, share = tc.healing_class, tc.stability_share
        what = f"structure {structure!r} has no entry of its own; " if structure else ""
        steps.append(Step(
            fact, f"{what}{tissue} heals as {model.classes[cls_id].label}; "
            f"share of the joint's passive stability",
            share, tc.cite, tc.note, ref,
        ))
    hc = model.classes[cls_id]
    if injury.kind == "surgery" and hc.after_surgery != hc.id:
        hc = model.classes[hc.after_surgery]
        steps.append(Step(
            fact, f"after an operation the structure heals as {hc.label}", hc.id,
            hc.phases[0].cite, hc.phases[0].note, ref,
        ))
    return hc, share, steps


def _severity(injury: Injury, model: HealingModel, ref: InjuryRef, fact: str) -> tuple[float, Step]:
    if injury.grade is not None and injury.grade in model.grades:
        c = model.grades[injury.grade]
        rule = f"severity of a grade {injury.grade} injury (fraction of the structure torn)"
    elif injury.kind in model.kind_severity:
        c = model.kind_severity[injury.kind]
        rule = f"severity of a {injury.kind}"
    else:
        c = model.ungraded
        rule = f"severity of an ungraded {injury.kind}"
    return c.value, Step(fact, rule, c.value, c.cite, c.note, ref)


def _days_since(date: PartialDate, as_of: dt.date) -> int:
    """Days from a partial date to ``as_of`` (see :meth:`PartialDate.middle_as_of`).

    >>> _days_since(PartialDate(year=2026), dt.date(2026, 6, 20))
    85
    >>> _days_since(PartialDate(year=2025, month=6), dt.date(2026, 6, 20))
    370
    """
    return max(0, (as_of - date.middle_as_of(as_of)).days)


def _phase(hc: HealingClass, days: int, date: PartialDate, ref: InjuryRef) -> tuple[str, Step]:
    """The healing phase on day ``days`` of the class's phases, past the last one the plateau."""
    phase = phase_at([(p.name, p.end_day) for p in hc.phases], days=days)
    p = next((ph for ph in hc.phases if ph.name == phase), hc.phases[-1])
    return phase, Step(
        f"{days} days since {date} (a month or year alone counts from its middle, or "
        "from the middle of its days so far while it has not ended)",
        f"{hc.label}: phase on day {days}" + (
            "" if phase != "plateau" else f" (healing ends on day {hc.plateau_day})"
        ),
        phase, p.cite, p.note, ref,
    )


def _recovery(hc: HealingClass, days: int, ref: InjuryRef) -> tuple[float, Step]:
    """The strength the repaired tissue has regained by day ``days``, read off the class's
    recovery curve, citing the one or two points it lies between."""
    fraction = interpolate_recovery([(r.day, r.fraction) for r in hc.recovery], days=days)
    after = next((i for i, r in enumerate(hc.recovery) if r.day >= days), len(hc.recovery) - 1)
    used = hc.recovery[max(0, after - 1) : after + 1] if hc.recovery[after].day > days else (
        hc.recovery[after : after + 1]
    )
    cites = tuple(dict.fromkeys(k for r in used for k in r.cite))
    return fraction, Step(
        f"{hc.label}, day {days}",
        f"strength of the repaired tissue, fraction of normal (plateau {hc.plateau:g})",
        _r(fraction), cites, " ".join(r.note for r in used if r.note), ref,
    )


def _mechanical(
    severity: float, fraction: float, model: HealingModel, ref: InjuryRef
) -> tuple[float, Step]:
    mechanical = severity * (1.0 - fraction)
    return mechanical, Step(
        f"severity {severity:g}, healed {fraction:.2f}",
        "mechanical deficit = severity x (1 - fraction healed)",
        _r(mechanical), model.rules["mechanical"].cite, model.rules["mechanical"].note, ref,
    )


def _functional(
    injury: Injury,
    hc: HealingClass,
    severity: float,
    model: HealingModel,
    ref: InjuryRef,
    fact: str,
) -> tuple[float, list[Step]]:
    """The lasting functional instability: the class's after a complete injury scaled by
    severity, each later episode taking a share of the stability left, then care."""
    base = hc.instability
    functional = base.value * severity
    steps = [Step(
        fact, f"lasting functional instability after a complete injury ({base.value:g}) x severity",
        _r(functional), base.cite, base.note, ref,
    )]
    if injury.recurrences:
        rec = model.recurrence
        functional = after_recurrences(functional, injury.recurrences, per_episode=rec.value)
        steps.append(Step(
            f"{injury.recurrences} later episode(s)",
            f"each episode takes {rec.value:g} of the stability left",
            _r(functional), rec.cite, rec.note, ref,
        ))
    care = model.care[injury.care]
    functional = min(1.0, functional * care.value)
    steps.append(Step(
        f"care: {injury.care}", f"functional instability x {care.value:g}",
        _r(functional), care.cite, care.note, ref,
    ))
    return functional, steps


def _contribution(
    mechanical: float, functional: float, share: float, model: HealingModel, ref: InjuryRef
) -> tuple[float, Step]:
    contribution = stability_contribution(mechanical, functional, share=share)
    return contribution, Step(
        f"mechanical {mechanical:.2f} (share {share:g}), functional {functional:.2f}",
        "injury's stability deficit = 1 - (1 - share x mechanical) x (1 - functional)",
        _r(contribution), model.rules["injury_deficit"].cite, model.rules["injury_deficit"].note,
        ref,
    )


def injury_state(
    injury: Injury,
    /,
    *,
    ref: InjuryRef,
    as_of: dt.date,
    model: HealingModel,
    body_tissues: Mapping[str, Tissue],
) -> InjuryState | None:
    """The state of the intake's injury ``ref`` on ``as_of``; None if it had not yet happened.

    ``body_tissues`` (the body web's tissues by id) tells how a named structure that
    ``model`` has no entry for heals: by its type, and inside or outside a joint capsule.
    """
    if injury.date.earliest() > as_of:
        return None
    fact = _describe(injury)
    tissue, tissue_step = _tissue(injury, model, body_tissues, ref, fact)
    structure, structure_step = _structure(injury, tissue, model, ref, fact)
    hc, share, class_steps = _healing_class(
        injury, tissue, structure, model, body_tissues, ref, fact
    )
    days = _days_since(injury.date, as_of)
    phase, phase_step = _phase(hc, days, injury.date, ref)
    fraction, recovery_step = _recovery(hc, days, ref)
    severity, severity_step = _severity(injury, model, ref, fact)
    mechanical, mechanical_step = _mechanical(severity, fraction, model, ref)
    functional, functional_steps = _functional(injury, hc, severity, model, ref, fact)
    contribution, contribution_step = _contribution(mechanical, functional, share, model, ref)
    steps = [tissue_step, structure_step, *class_steps, phase_step, recovery_step, severity_step,
             mechanical_step, *functional_steps, contribution_step]  # fmt: skip
    return InjuryState(
        ref=ref,
        site=injury.site,
        side=injury.side,
        kind=injury.kind,
        tissue=tissue,
        structure=structure,
        healing_class=hc.id,
        days_since=days,
        phase=phase,
        fraction_healed=_r(fraction),
        plateau=hc.plateau,
        severity=severity,
        mechanical_deficit=_r(mechanical),
        functional_instability=_r(functional),
        stability_share=share,
        stability_deficit=_r(contribution),
        trail=tuple(s for s in steps if s is not None),
    )
