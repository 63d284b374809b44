"""Rank what plausibly adds to each pain: old injuries, footwear, habits, activities, life stage.

The rules and weights live in ``contributors.yaml``. A score is a ranking weight in 0..1, not a
probability; ``evidence`` is the weakest grade the claim rests on; an old injury elsewhere on
the chain is labelled a hypothesis. No injury in the intake means no injury contributor.

The body web (distances along the chain, pathways) and the mechanics engine (how much extra load
reaches the painful site) come in as arguments, so this module stays a pure function of its
inputs and can be tested with small fakes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from kinchain.assessment._data import weakest_grade
from kinchain.assessment.model import Contributor, Place
from kinchain.assessment.rules import ContributorRules, SourceRule, contributor_rules
from kinchain.intake.model import Injury, Intake, Pain
from kinchain.trail import Step

__all__ = ["BodyQueries", "Leak", "LeakFn", "contributors", "side_weight"]


class BodyQueries(Protocol):
    """What the contributor ranking asks of the body web (``kinchain.body.Body``)."""

    def chain_distance(self, a: str, b: str, /) -> int | None: ...

    def pathways_between(self, a: str, b: str, /) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Leak:
    """Extra peak load at the painful site from one joint's deficit, as a fraction of baseline."""

    fraction: float
    steps: tuple[Step, ...]


#: (intake, injured joint, its stability deficit, the painful place) -> Leak, or None when the
#: mechanics engine does not model that path
LeakFn = Callable[[Intake, Place, float, Place], Leak | None]

#: a joint's stability deficit and the cited steps behind it
DeficitFn = Callable[[str, str | None], tuple[float, tuple[Step, ...]]]


def _r(x: float) -> float:
    return round(x, 3)


def deficit_weight(deficit: float, /, *, scale: float) -> float:
    """A stability deficit as a weight: steep for small deficits, 1 at 1, always rising.

    >>> round(deficit_weight(0.3, scale=0.35), 3), deficit_weight(1.0, scale=0.35)
    (0.611, 1.0)
    """
    return (1.0 - math.exp(-deficit / scale)) / (1.0 - math.exp(-1.0 / scale))


def side_weight(source_side: str | None, pain_side: str | None, rules: ContributorRules) -> float:
    """How much a source on one side counts for a pain on another.

    >>> r = contributor_rules()
    >>> side_weight("left", "left", r), side_weight("right", "left", r)
    (1.0, 0.5)
    >>> side_weight("left", None, r)
    0.8
    """
    if source_side is None and pain_side is None:
        return rules.side_same
    if source_side is None or pain_side is None:
        return rules.side_unsided_pain
    if "both" in (source_side, pain_side) or source_side == pain_side:
        return rules.side_same
    return rules.side_other


def _side_step(
    source: Place, pain: Place, weight: float, rules: ContributorRules, ref: str
) -> Step:
    if source.side is None or pain.side is None:
        how = (
            "one side, a spine pain"
            if pain.side is None and source.side
            else "no side on one of them"
        )
    elif weight == rules.side_same:
        how = "same side"
    else:
        how = "other side"
    return Step(
        f"source {source}, pain {pain}",
        f"side weight ({how})",
        weight,
        rules.weights_cite,
        "The same side as the pain counts more than the other side.",
        ref,
    )


def _aggravates(pain: Pain, words: Sequence[str]) -> str | None:
    said = [w.lower() for w in pain.worse_with]
    for w in said:
        if any(word in w for word in words):
            return w
    return None


def _finish(
    *,
    rules: ContributorRules,
    kind: str,
    pain: Place,
    pain_ref: str,
    source: Place,
    ref: str,
    label: str,
    score: float,
    claim_cite: tuple[str, ...],
    hypothesis: bool,
    summary: str,
    trail: list[Step],
    formula: str,
) -> Contributor:
    score = max(0.0, min(1.0, score))
    trail.append(
        Step(
            f"{label} for {pain} pain",
            formula,
            _r(score),
            rules.weights_cite,
            "A ranking weight between 0 and 1, not a probability; the weights are a coaching "
            "heuristic.",
            ref,
        )
    )
    grounds = tuple(k for k in claim_cite) or rules.weights_cite
    return Contributor(
        pain=pain,
        pain_ref=pain_ref,
        kind=kind,
        source=source,
        ref=ref,
        label=label,
        score=_r(score),
        evidence=weakest_grade(grounds),
        hypothesis=hypothesis,
        summary=summary,
        trail=tuple(trail),
    )


# -- injuries ----------------------------------------------------------------------------------


def _injury_sides(injury: Injury, pain: Place) -> str | None:
    if injury.side == "both":
        return pain.side if pain.side in ("left", "right") else "left"
    return injury.side


def _injury_contributor(
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
) -> Contributor | None:
    ref = f"injuries[{index}]"
    side = _injury_sides(injury, pain)
    source = Place(injury.site, side)
    deficit, deficit_steps = deficit_of(injury.site, side)
    trail: list[Step] = list(deficit_steps)
    trail.append(
        Step(
            f"{source} stability deficit",
            "from the tissue model (see joints)",
            _r(deficit),
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
                    _r(distance_w),
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
                    _r(distance_w),
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
    trail.append(_side_step(source, pain, side_w, rules, ref))
    leak_fraction = 0.0
    leak_known = False
    if leak is not None and not local:
        result = leak(intake, source, deficit, pain)
        if result is not None:
            leak_known = True
            leak_fraction = max(0.0, result.fraction)
            trail.extend(s if s.ref else replace(s, ref=ref) for s in result.steps)
    deficit_w = deficit_weight(deficit, scale=rules.deficit_scale)
    rule = rules.local if local else rules.chain
    trail.append(
        Step(
            f"old {injury.kind} of the {source} and {pain} pain",
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
    what = f"old {injury.kind}{structure} of the {source} ({injury.date})"
    summary = f"The {what} left a stability deficit of {deficit:.2f}."
    if not local:
        summary += f" {rule.note.split('.')[0]}."
        if leak_known:
            summary += (
                f" The mechanics model finds {leak_fraction:.0%} more demand reaching the {pain}."
                if leak_fraction > 0.005
                else f" The mechanics model finds no extra load reaching the {pain}."
            )
    return _finish(
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


# -- footwear, habits, activities, life stage --------------------------------------------------


def _sided_word(text: str) -> str | None:
    words = text.lower().replace(",", " ").split()
    has_left, has_right = "left" in words, "right" in words
    if has_left and has_right:
        return "both"
    return "left" if has_left else "right" if has_right else None


def _exposure(
    rule: SourceRule, amount: float | None, what: str, rules: ContributorRules, ref: str
) -> tuple[float, list[Step]]:
    if rule.exposure_field is None or amount is None:
        return 1.0, []
    share = min(1.0, max(0.0, amount / rule.exposure_full))
    unit = {"hours_per_day": "h a day", "minutes_per_week": "min a week", "hours": "h a day"}[
        rule.exposure_field
    ]
    return share, [
        Step(
            f"{what}: {amount:g} {unit}",
            f"exposure = min(1, {amount:g} / {rule.exposure_full:g})",
            _r(share),
            rules.weights_cite,
            "",
            ref,
        )
    ]


def _source_contributor(
    rule: SourceRule,
    *,
    fact: str,
    ref: str,
    source: Place,
    amount: float | None,
    pain_index: int,
    pain: Pain,
    place: Place,
    rules: ContributorRules,
    base: float | None = None,
    lead: Sequence[Step] = (),
    activity: Any = None,
) -> Contributor | None:
    if pain.site not in rule.pain_sites:
        return None
    trail: list[Step] = list(lead)
    trail.append(Step(fact, rule.label, None, rule.cite, rule.note, ref))
    share, steps = _exposure(rule, amount, fact, rules, ref)
    trail.extend(steps)
    side_w = 1.0
    if rule.sided:
        side_w = side_weight(source.side, place.side, rules)
        trail.append(_side_step(source, place, side_w, rules, ref))
    start = rule.base if base is None else base
    score = start * share * side_w
    formula = f"base {start:g} x exposure {share:.2f} x side {side_w:g}"
    words = list(rule.aggravator)
    if activity is not None:
        words += list(rule.aggravator_by_kind.get(activity.kind, ()))
        words += [w.lower() for w in (activity.sport or "").replace("-", " ").split() if len(w) > 3]
    said = _aggravates(pain, words) if words else None
    if said is not None:
        score += rules.aggravator_bonus
        formula += f" + {rules.aggravator_bonus:g} (worse with {said})"
        trail.append(
            Step(
                f"pain worse with: {said}",
                "an aggravating activity the client names",
                rules.aggravator_bonus,
                rules.aggravator_cite,
                rules.aggravator_note,
                f"pain[{pain_index}].worse_with",
            )
        )
    return _finish(
        rules=rules,
        kind=rule.kind,
        pain=place,
        pain_ref=f"pain[{pain_index}]",
        source=source,
        ref=ref,
        label=rule.label,
        score=score,
        claim_cite=rule.cite,
        hypothesis=False,
        summary=rule.note,
        trail=trail,
        formula=formula,
    )


def _footwear_matches(rule: SourceRule, shoe: Any, runner: bool) -> bool:
    w = rule.when
    if "kind" in w and shoe.kind not in w["kind"]:
        return False
    if "toe_box" in w and shoe.toe_box not in w["toe_box"]:
        return False
    if "cushioning" in w and shoe.cushioning not in w["cushioning"]:
        return False
    if "heel_min_mm" in w and shoe.heel_height_mm < float(w["heel_min_mm"]):
        return False
    return not (w.get("runner") and not runner)


def _habit_fact(
    rule: SourceRule, intake: Intake
) -> tuple[str, str, float | None, str | None] | None:
    """(fact, ref, exposure amount, side) when the habit rule applies to this intake."""
    h = intake.habits
    name = rule.when["habit"]
    if name in ("sitting", "standing"):
        hours = h.sitting_hours if name == "sitting" else h.standing_hours
        if hours is None or hours < float(rule.when.get("min_hours", 0)):
            return None
        return f"{name} {hours:g} h a day", f"habits.{name}_hours", hours, None
    if name in ("sleep", "lifting", "breathing"):
        field = {"sleep": "sleep_position", "lifting": "lifting", "breathing": "breathing"}[name]
        value = getattr(h, field)
        if value is None or value not in rule.when.get("values", ()):
            return None
        return f"{field.replace('_', ' ')}: {value}", f"habits.{field}", None, None
    if name == "carrying":
        c = h.carrying
        if c is None:
            return None
        side = c.side if c.side is not None else _sided_word(c.what)
        return (
            f"carrying {c.what}, {c.hours_per_day:g} h a day",
            "habits.carrying",
            c.hours_per_day,
            side,
        )
    if name == "gait":
        if not h.gait_notes.strip():
            return None
        return f"gait: {h.gait_notes}", "habits.gait_notes", None, _sided_word(h.gait_notes)
    return None


def _other_contributors(
    intake: Intake,
    pain_index: int,
    pain: Pain,
    place: Place,
    rules: ContributorRules,
    life_stage: Any,
) -> list[Contributor]:
    out: list[Contributor | None] = []
    runner = any(a.kind in ("run", "jog") for a in intake.activities)
    for rule in rules.footwear:
        for k, shoe in enumerate(intake.footwear):
            if _footwear_matches(rule, shoe, runner):
                fact = (
                    f"{shoe.name} ({shoe.kind}, heel {shoe.heel_height_mm:g} mm, "
                    f"{shoe.toe_box} toe box, {shoe.cushioning} cushioning)"
                )
                out.append(
                    _source_contributor(
                        rule,
                        fact=fact,
                        ref=f"footwear[{k}]",
                        source=Place(None, None),
                        amount=shoe.hours_per_day,
                        pain_index=pain_index,
                        pain=pain,
                        place=place,
                        rules=rules,
                    )
                )
    for rule in rules.habit:
        found = _habit_fact(rule, intake)
        if found is not None:
            fact, ref, amount, side = found
            out.append(
                _source_contributor(
                    rule,
                    fact=fact,
                    ref=ref,
                    source=Place(None, side),
                    amount=amount,
                    pain_index=pain_index,
                    pain=pain,
                    place=place,
                    rules=rules,
                )
            )
    for rule in rules.activity:
        for k, act in enumerate(intake.activities):
            if act.kind in rule.when["activity"]:
                fact = f"{act.kind} {act.minutes_per_week:g} min a week" + (
                    f" ({act.sport})" if act.sport else ""
                )
                out.append(
                    _source_contributor(
                        rule,
                        fact=fact,
                        ref=f"activities[{k}]",
                        source=Place(None, None),
                        amount=act.minutes_per_week,
                        activity=act,
                        pain_index=pain_index,
                        pain=pain,
                        place=place,
                        rules=rules,
                    )
                )
    if life_stage is not None:
        for rule in rules.life_stage:
            if life_stage.status in rule.when["status"]:
                base = min(rule.cap, life_stage.factor * rule.scale)
                lead = [
                    *life_stage.trail,
                    Step(
                        f"life-stage factor {life_stage.factor:g}",
                        f"score = min({rule.cap:g}, factor x {rule.scale:g})",
                        _r(base),
                        rules.weights_cite,
                        "",
                        "client.life_stage",
                    ),
                ]
                out.append(
                    _source_contributor(
                        rule,
                        fact=f"{life_stage.status}"
                        + (f", {life_stage.weeks} weeks" if life_stage.weeks is not None else ""),
                        ref="client.life_stage",
                        source=Place(None, None),
                        amount=None,
                        pain_index=pain_index,
                        pain=pain,
                        place=place,
                        rules=rules,
                        base=base,
                        lead=lead,
                    )
                )
    return [c for c in out if c is not None]


# -- all together ------------------------------------------------------------------------------


def contributors(
    intake: Intake,
    /,
    *,
    body: BodyQueries,
    deficit_of: DeficitFn,
    life_stage: Any = None,
    leak: LeakFn | None = None,
    rules: ContributorRules | None = None,
) -> tuple[Contributor, ...]:
    """Every contributor to every pain in the intake, highest score first.

    ``deficit_of(site, side)`` gives a joint's stability deficit and its trail (the tissue
    model); ``life_stage`` is the tissue model's life-stage risk (``status``, ``weeks``,
    ``factor``, ``trail``) or None; ``leak`` asks the mechanics engine how much extra load
    reaches the painful site (None leaves the mechanics out).
    """
    rules = rules or contributor_rules()
    found: list[Contributor] = []
    for p, pain in enumerate(intake.pain):
        place = Place(pain.site, pain.side)
        for i, injury in enumerate(intake.injuries):
            c = _injury_contributor(
                intake,
                i,
                injury,
                p,
                place,
                body=body,
                deficit_of=deficit_of,
                leak=leak,
                rules=rules,
            )
            if c is not None:
                found.append(c)
        found.extend(_other_contributors(intake, p, pain, place, rules, life_stage))
    kept = [c for c in found if c.score >= rules.min_score]
    return tuple(sorted(kept, key=lambda c: (-c.score, c.pain_ref, c.ref)))
