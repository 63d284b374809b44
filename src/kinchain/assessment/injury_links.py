"""Injury contributors: an old injury at the painful site, or elsewhere on the chain (a hypothesis).

Weighted by the joint's stability deficit (tissue model), the distance along the load path or a
pathway (body web), the side, and the extra load the mechanics engine finds at the painful site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kinchain.assessment._weigh import (
    BodyQueries,
    DeficitFn,
    LeakFn,
    deficit_weight,
    finish,
    r3,
    side_step,
    side_weight,
)
from kinchain.assessment.model import Contributor, Place
from kinchain.assessment.rules import ContributorRules
from kinchain.intake.model import Injury, Intake
from kinchain.tissue.recent import age_word
from kinchain.trail import Step

__all__ = ["injury_contributor"]


def _own_steps(steps: Sequence[Step], ref: str) -> list[Step]:
    """The joint's trail as one injury's contributor shows it: this injury's own steps and the
    joint's (the combination names every injury's deficit); the other injuries' derivations stay
    in the joint's trail. Forty injuries at one knee would otherwise repeat forty derivations in
    each of their contributors (a report of hundreds of megabytes)."""
    return [s for s in steps if s.ref == ref or not (s.ref or "").startswith("injuries[")]


def _injury_sides(injury: Injury, pain: Place, deficit_of: DeficitFn) -> str | None:
    """The side an injury is weighed on for a pain: its own side; for a both-sided injury the
    pain's side, or, for a pain with no side, the side whose joint is less stable today."""
    if injury.side != "both":
        return injury.side
    if pain.side in ("left", "right"):
        return pain.side
    return max(("left", "right"), key=lambda side: deficit_of(injury.site, side)[0])


def injury_contributor(
    intake: Intake,
    index: int,
    injury: Injury,
    pain_index: int,
    pain: Place,
    *,
    body: BodyQueries,
    deficit_of: DeficitFn,
    leak: LeakFn | None,
    rules: ContributorRules,
    recent: bool = False,
) -> Contributor | None:
    ref = f"injuries[{index}]"
    age = age_word(recent)
    side = _injury_sides(injury, pain, deficit_of)
    source = Place(injury.site, side)
    deficit, deficit_steps = deficit_of(injury.site, side)
    trail: list[Step] = _own_steps(deficit_steps, ref)
    trail.append(
        Step(
            f"{source} stability deficit",
            "from the tissue model (see joints)",
            r3(deficit),
            (),
            "",
            ref,
        )
    )
    if deficit <= 0.0:
        return None
    local = injury.site == pain.site
    if local:
        distance_w = 1.0
        trail.append(Step(f"{injury.site} is the painful site", "no distance", 1.0, (), "", ref))
    else:
        assert pain.site is not None
        links = body.chain_distance(injury.site, pain.site)
        paths = list(body.pathways_between(injury.site, pain.site))
        if links is None and not paths:
            return None
        if links is not None:
            distance_w = rules.distance_decay**links
            trail.append(
                Step(
                    f"{injury.site} to {pain.site}: {links} link(s) along the load path",
                    f"distance weight = {rules.distance_decay:g} per link",
                    r3(distance_w),
                    rules.weights_cite,
                    "",
                    ref,
                )
            )
        else:
            distance_w = rules.pathway_only
            trail.append(
                Step(
                    f"{injury.site} to {pain.site}: joined by a pathway, not the load path",
                    "distance weight for a pathway only",
                    r3(distance_w),
                    rules.weights_cite,
                    "",
                    ref,
                )
            )
        if paths:
            names = ", ".join(str(getattr(p, "name", p)) for p in paths[:3])
            pcite = tuple(dict.fromkeys(k for p in paths for k in getattr(p, "cite", ())))
            trail.append(
                Step(
                    f"pathways joining {injury.site} and {pain.site}: {names}",
                    "the body web's pathways (muscular, fascial, neural)",
                    len(paths),
                    pcite,
                    "",
                    ref,
                )
            )
    side_w = side_weight(side, pain.side, rules)
    trail.append(side_step(source, pain, side_w, rules, ref))
    leak_fraction = 0.0
    leak_known = False
    leak_how = ""
    if leak is not None and not local:
        result = leak(intake, source, deficit, pain)
        if result is not None:
            leak_known = True
            leak_fraction = max(0.0, result.fraction)
            leak_how = result.how
            trail.extend(s if s.ref else replace(s, ref=ref) for s in result.steps)
    deficit_w = deficit_weight(deficit, scale=rules.deficit_scale)
    rule = rules.local if local else rules.chain
    trail.append(
        Step(
            f"{age} {injury.kind} of the {source} and {pain} pain",
            rule.label,
            None,
            rule.cite,
            rule.note,
            ref,
        )
    )
    score = deficit_w * distance_w * side_w * (1.0 + rules.leak_gain * leak_fraction)
    formula = (
        f"deficit weight {deficit_w:.2f} (deficit {deficit:.2f}, scale {rules.deficit_scale:g}) "
        f"x distance {distance_w:.2f} x "
        f"side {side_w:g} x (1 + {rules.leak_gain:g} x leak {leak_fraction:.3f})"
    )
    structure = f" ({injury.structure})" if injury.structure else ""
    what = f"{age} {injury.kind}{structure} of the {source} ({injury.date})"
    summary = (
        f"The {what} is still healing (stability deficit {deficit:.2f})."
        if recent
        else f"The {what} left a stability deficit of {deficit:.2f}."
    )
    if not local:
        summary += f" {rule.note.split('.')[0]}."
        if leak_known:
            summary += (
                f" The mechanics model finds {leak_fraction:.0%} more demand reaching the {pain}"
                + (f": {leak_how}." if leak_how else ".")
                if leak_fraction > 0.005
                else f" The mechanics model finds no extra load reaching the {pain}."
            )
    return finish(
        rules=rules,
        kind="injury",
        pain=pain,
        pain_ref=f"pain[{pain_index}]",
        source=source,
        ref=ref,
        label=what,
        score=score,
        claim_cite=rule.cite,
        hypothesis=not local,
        summary=summary,
        trail=trail,
        formula=formula,
    )
