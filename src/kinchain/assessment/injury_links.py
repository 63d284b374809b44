"""Injury contributors: an old injury at the painful site, or elsewhere on the chain (a hypothesis).

Weighted by the joint's stability deficit (tissue model), the distance along the load path or a
pathway (body web), the side, and the extra load the mechanics engine finds at the painful site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kinchain.assessment._weigh import (
    BodyQueries,
    DeficitFn,
    Leak,
    LeakFn,
    deficit_weight,
    finish,
    r3,
    side_step,
    side_weight,
)
from kinchain.assessment.model import Contributor
from kinchain.assessment.rules import ContributorRules, InjuryRule
from kinchain.body import SIDES, SiteRef
from kinchain.intake.model import Injury, Intake, Side
from kinchain.intake.refs import InjuryRef, InjuryRefs
from kinchain.tissue.recent import age_word
from kinchain.trail import Step

__all__ = ["injury_contributor"]


def _own_steps(steps: Sequence[Step], ref: InjuryRef) -> list[Step]:
    """The joint's trail as one injury's contributor shows it: this injury's own steps and the
    joint's (the combination names every injury's deficit); the other injuries' derivations stay
    in the joint's trail. Forty injuries at one knee would otherwise repeat forty derivations in
    each of their contributors (a report of hundreds of megabytes)."""
    return [s for s in steps if s.ref == ref or not isinstance(s.ref, InjuryRef | InjuryRefs)]


def _injury_sides(injury: Injury, pain: SiteRef, deficit_of: DeficitFn) -> Side | None:
    """The side an injury is weighed on for a pain: its own side; for a both-sided injury the
    pain's side, or, for a pain with no side, the side whose joint is less stable today."""
    if injury.side != "both":
        return injury.side
    if pain.side == "left" or pain.side == "right":
        return pain.side
    return max(SIDES, key=lambda side: deficit_of(injury.site, side)[0])


def _deficit_step(source: SiteRef, deficit: float, ref: InjuryRef) -> Step:
    return Step(
        f"{source} stability deficit",
        "from the tissue model (see joints)",
        r3(deficit),
        (),
        "",
        ref,
    )


def _load_path_step(
    site: str, pain_site: str, links: int, rules: ContributorRules, ref: InjuryRef
) -> Step:
    return Step(
        f"{site} to {pain_site}: {links} link(s) along the load path",
        f"distance weight = {rules.distance_decay:g} per link",
        r3(rules.distance_decay**links),
        rules.weights_cite,
        "",
        ref,
    )


def _pathway_only_step(site: str, pain_site: str, rules: ContributorRules, ref: InjuryRef) -> Step:
    return Step(
        f"{site} to {pain_site}: joined by a pathway, not the load path",
        "distance weight for a pathway only",
        r3(rules.pathway_only),
        rules.weights_cite,
        "",
        ref,
    )


def _pathways_step(site: str, pain_site: str, paths: Sequence[Any], ref: InjuryRef) -> Step:
    names = ", ".join(str(getattr(p, "name", p)) for p in paths[:3])
    cite = tuple(dict.fromkeys(k for p in paths for k in getattr(p, "cite", ())))
    return Step(
        f"pathways joining {site} and {pain_site}: {names}",
        "the body web's pathways (muscular, fascial, neural)",
        len(paths),
        cite,
        "",
        ref,
    )


def _distance(
    site: str, pain: SiteRef, body: BodyQueries, rules: ContributorRules, ref: InjuryRef
) -> tuple[float, list[Step]] | None:
    """The distance weight from an injured joint to the painful site and the steps behind it:
    1 at the painful site, a decay per link along the load path, a fixed weight for a pathway
    only; None when neither joins them."""
    if site == pain.site:
        return 1.0, [Step(f"{site} is the painful site", "no distance", 1.0, (), "", ref)]
    assert pain.site is not None
    links = body.chain_distance(site, pain.site)
    paths = list(body.pathways_between(site, pain.site))
    if links is None and not paths:
        return None
    if links is not None:
        weight = rules.distance_decay**links
        steps = [_load_path_step(site, pain.site, links, rules, ref)]
    else:
        weight = rules.pathway_only
        steps = [_pathway_only_step(site, pain.site, rules, ref)]
    if paths:
        steps.append(_pathways_step(site, pain.site, paths, ref))
    return weight, steps


def _leak_reaching(
    leak: LeakFn | None, intake: Intake, source: SiteRef, deficit: float, pain: SiteRef, local: bool
) -> Leak | None:
    """The extra load the mechanics engine finds at a distant painful site, or None when it does
    not model the path (or the injury is at the painful site)."""
    if leak is None or local:
        return None
    return leak(intake, source, deficit, pain)


def _leak_steps(found: Leak | None, ref: InjuryRef) -> list[Step]:
    if found is None:
        return []
    return [s if s.ref else replace(s, ref=ref) for s in found.steps]


def _claim_step(
    age: str, injury: Injury, source: SiteRef, pain: SiteRef, rule: InjuryRule, ref: InjuryRef
) -> Step:
    return Step(
        f"{age} {injury.kind} of the {source} and {pain} pain",
        rule.label,
        None,
        rule.cite,
        rule.note,
        ref,
    )


def _label(age: str, injury: Injury, source: SiteRef) -> str:
    structure = f" ({injury.structure})" if injury.structure else ""
    return f"{age} {injury.kind}{structure} of the {source} ({injury.date})"


def _leak_sentence(found: Leak, pain: SiteRef) -> str:
    fraction = max(0.0, found.fraction)
    if fraction > 0.005:
        return f" The mechanics model finds {fraction:.0%} more demand reaching the {pain}" + (
            f": {found.how}." if found.how else "."
        )
    return f" The mechanics model finds no extra load reaching the {pain}."


def _summary(
    what: str,
    deficit: float,
    *,
    recent: bool,
    local: bool,
    note: str,
    found: Leak | None,
    pain: SiteRef,
) -> str:
    summary = (
        f"The {what} is still healing (stability deficit {deficit:.2f})."
        if recent
        else f"The {what} left a stability deficit of {deficit:.2f}."
    )
    if not local:
        summary += f" {note.split('.')[0]}."
        if found is not None:
            summary += _leak_sentence(found, pain)
    return summary


def _score(
    deficit: float, distance_w: float, side_w: float, leak_fraction: float, rules: ContributorRules
) -> tuple[float, str]:
    """The ranking weight of an injury for a pain and the formula that shows it."""
    deficit_w = deficit_weight(deficit, scale=rules.deficit_scale)
    score = deficit_w * distance_w * side_w * (1.0 + rules.leak_gain * leak_fraction)
    formula = (
        f"deficit weight {deficit_w:.2f} (deficit {deficit:.2f}, scale {rules.deficit_scale:g}) "
        f"x distance {distance_w:.2f} x "
        f"side {side_w:g} x (1 + {rules.leak_gain:g} x leak {leak_fraction:.3f})"
    )
    return score, formula


def injury_contributor(
    intake: Intake,
    ref: InjuryRef,
    injury: Injury,
    pain_index: int,
    pain: SiteRef,
    *,
    body: BodyQueries,
    deficit_of: DeficitFn,
    leak: LeakFn | None,
    rules: ContributorRules,
    recent: bool = False,
) -> Contributor | None:
    """An injury as a contributor to one pain: its stability deficit, weighed by the distance to
    the painful site, the side and the extra load reaching it; None when it leaves no deficit or
    nothing joins it to the pain."""
    age = age_word(recent)
    side = _injury_sides(injury, pain, deficit_of)
    source = SiteRef(injury.site, side)
    deficit, deficit_steps = deficit_of(injury.site, side)
    trail = [*_own_steps(deficit_steps, ref), _deficit_step(source, deficit, ref)]
    if deficit <= 0.0:
        return None
    local = injury.site == pain.site
    distance = _distance(injury.site, pain, body, rules, ref)
    if distance is None:
        return None
    distance_w, distance_steps = distance
    trail.extend(distance_steps)
    side_w = side_weight(side, pain.side, rules)
    trail.append(side_step(source, pain, side_w, rules, ref))
    found = _leak_reaching(leak, intake, source, deficit, pain, local)
    trail.extend(_leak_steps(found, ref))
    rule = rules.local if local else rules.chain
    trail.append(_claim_step(age, injury, source, pain, rule, ref))
    leak_fraction = max(0.0, found.fraction) if found is not None else 0.0
    score, formula = _score(deficit, distance_w, side_w, leak_fraction, rules)
    what = _label(age, injury, source)
    summary = _summary(
        what, deficit, recent=recent, local=local, note=rule.note, found=found, pain=pain
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
