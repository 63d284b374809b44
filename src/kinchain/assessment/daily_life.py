"""Everyday contributors: footwear, habits, activities and life stage, each by its rule.

A score is ``base x exposure x side``, plus a bonus when the client says the pain is worse with
it; life stage takes the tissue model's prevalence factor instead of a base.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kinchain.assessment._weigh import aggravates, finish, r3, side_step, side_weight
from kinchain.assessment.model import Contributor
from kinchain.assessment.rules import ContributorRules, SourceRule
from kinchain.body import SiteRef
from kinchain.intake.model import Activity, Intake, Pain, Side
from kinchain.intake.refs import ActivityRef, IntakeRef
from kinchain.trail import Step

__all__ = ["daily_life_contributors"]


def _sided_word(text: str) -> Side | None:
    words = text.lower().replace(",", " ").split()
    has_left, has_right = "left" in words, "right" in words
    if has_left and has_right:
        return "both"
    return "left" if has_left else "right" if has_right else None


def _exposure(
    rule: SourceRule, amount: float | None, what: str, rules: ContributorRules, ref: IntakeRef
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
            r3(share),
            rules.weights_cite,
            "",
            ref,
        )
    ]


@dataclass(frozen=True)
class _Found:
    """One everyday source a rule applies to: what the intake says, where, and how much."""

    rule: SourceRule
    fact: str
    ref: IntakeRef  # a path ("habits.carrying", "footwear[0]") or an ActivityRef
    source: SiteRef
    amount: float | None
    base: float | None = None
    lead: tuple[Step, ...] = ()
    activity: Activity | None = None


def _side(
    rule: SourceRule, source: SiteRef, place: SiteRef, rules: ContributorRules, ref: IntakeRef
) -> tuple[float, list[Step]]:
    """The side weight of a sided rule (1 for a rule that has no side)."""
    if not rule.sided:
        return 1.0, []
    side_w = side_weight(source.side, place.side, rules)
    return side_w, [side_step(source, place, side_w, rules, ref)]


def _aggravator_words(rule: SourceRule, activity: Activity | None) -> list[str]:
    """The words that, in the pain's "worse with", name this source: the rule's, plus for an
    activity those of its kind and the longer words of its sport."""
    words = list(rule.aggravator)
    if activity is not None:
        words += list(rule.aggravator_by_kind.get(activity.kind, ()))
        words += [w.lower() for w in (activity.sport or "").replace("-", " ").split() if len(w) > 3]
    return words


def _aggravator_step(said: str, pain_index: int, rules: ContributorRules) -> Step:
    return Step(
        f"pain worse with: {said}",
        "an aggravating activity the client names",
        rules.aggravator_bonus,
        rules.aggravator_cite,
        rules.aggravator_note,
        f"pain[{pain_index}].worse_with",
    )


def _source_contributor(
    found: _Found, *, pain_index: int, pain: Pain, place: SiteRef, rules: ContributorRules
) -> Contributor | None:
    """One everyday source as a contributor to one pain: base x exposure x side, plus a bonus
    when the pain is worse with it; None when the rule is not about this painful site."""
    rule, ref = found.rule, found.ref
    if pain.site not in rule.pain_sites:
        return None
    trail: list[Step] = [*found.lead, Step(found.fact, rule.label, None, rule.cite, rule.note, ref)]
    share, exposure_steps = _exposure(rule, found.amount, found.fact, rules, ref)
    side_w, side_steps = _side(rule, found.source, place, rules, ref)
    trail += exposure_steps + side_steps
    start = rule.base if found.base is None else found.base
    score = start * share * side_w
    formula = f"base {start:g} x exposure {share:.2f} x side {side_w:g}"
    words = _aggravator_words(rule, found.activity)
    said = aggravates(pain, words) if words else None
    if said is not None:
        score += rules.aggravator_bonus
        formula += f" + {rules.aggravator_bonus:g} (worse with {said})"
        trail.append(_aggravator_step(said, pain_index, rules))
    return finish(
        rules=rules,
        kind=rule.kind,
        pain=place,
        pain_ref=f"pain[{pain_index}]",
        source=found.source,
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
) -> tuple[str, str, float | None, Side | None] | None:
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


def _footwear_sources(intake: Intake, rules: ContributorRules) -> Iterator[_Found]:
    """Each pair of shoes a footwear rule matches, worn so many hours a day."""
    runner = any(a.kind in ("run", "jog") for a in intake.activities)
    for rule in rules.footwear:
        for k, shoe in enumerate(intake.footwear):
            if _footwear_matches(rule, shoe, runner):
                fact = (
                    f"{shoe.name} ({shoe.kind}, heel {shoe.heel_height_mm:g} mm, "
                    f"{shoe.toe_box} toe box, {shoe.cushioning} cushioning)"
                )
                yield _Found(rule, fact, f"footwear[{k}]", SiteRef(None, None), shoe.hours_per_day)


def _habit_sources(intake: Intake, rules: ContributorRules) -> Iterator[_Found]:
    """Each habit a habit rule applies to."""
    for rule in rules.habit:
        found = _habit_fact(rule, intake)
        if found is not None:
            fact, ref, amount, side = found
            yield _Found(rule, fact, ref, SiteRef(None, side), amount)


def _activity_sources(intake: Intake, rules: ContributorRules) -> Iterator[_Found]:
    """Each activity of a kind an activity rule names, done so many minutes a week."""
    for rule in rules.activity:
        for k, act in enumerate(intake.activities):
            if act.kind in rule.when["activity"]:
                fact = f"{act.kind} {act.minutes_per_week:g} min a week" + (
                    f" ({act.sport})" if act.sport else ""
                )
                where = ActivityRef(k)
                yield _Found(
                    rule, fact, where, SiteRef(None, None), act.minutes_per_week, activity=act
                )


def _life_stage_sources(life_stage: Any, rules: ContributorRules) -> Iterator[_Found]:
    """The life stage a life-stage rule names, its base from the tissue model's prevalence
    factor (capped) instead of the rule's own."""
    if life_stage is None:
        return
    for rule in rules.life_stage:
        if life_stage.status in rule.when["status"]:
            base = min(rule.cap, life_stage.factor * rule.scale)
            lead = (
                *life_stage.trail,
                Step(
                    f"life-stage factor {life_stage.factor:g}",
                    f"score = min({rule.cap:g}, factor x {rule.scale:g})",
                    r3(base),
                    rules.weights_cite,
                    "",
                    "client.life_stage",
                ),
            )
            weeks = f", {life_stage.weeks} weeks" if life_stage.weeks is not None else ""
            fact = f"{life_stage.status}{weeks}"
            yield _Found(
                rule, fact, "client.life_stage", SiteRef(None, None), None, base=base, lead=lead
            )


def daily_life_contributors(
    intake: Intake,
    pain_index: int,
    pain: Pain,
    place: SiteRef,
    rules: ContributorRules,
    life_stage: Any,
) -> list[Contributor]:
    """The footwear, habit, activity and life-stage contributors to one pain (unsorted)."""
    found = (
        *_footwear_sources(intake, rules),
        *_habit_sources(intake, rules),
        *_activity_sources(intake, rules),
        *_life_stage_sources(life_stage, rules),
    )
    out = (
        _source_contributor(f, pain_index=pain_index, pain=pain, place=place, rules=rules)
        for f in found
    )
    return [c for c in out if c is not None]
