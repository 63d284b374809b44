"""Everyday contributors: footwear, habits, activities and life stage, each by its rule.

A score is ``base x exposure x side``, plus a bonus when the client says the pain is worse with
it; life stage takes the tissue model's prevalence factor instead of a base.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kinchain.assessment._weigh import aggravates, finish, r3, side_step, side_weight
from kinchain.assessment.model import Contributor, Place
from kinchain.assessment.rules import ContributorRules, SourceRule
from kinchain.intake.model import Intake, Pain
from kinchain.trail import Step

__all__ = ["daily_life_contributors"]


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
            r3(share),
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
        trail.append(side_step(source, place, side_w, rules, ref))
    start = rule.base if base is None else base
    score = start * share * side_w
    formula = f"base {start:g} x exposure {share:.2f} x side {side_w:g}"
    words = list(rule.aggravator)
    if activity is not None:
        words += list(rule.aggravator_by_kind.get(activity.kind, ()))
        words += [w.lower() for w in (activity.sport or "").replace("-", " ").split() if len(w) > 3]
    said = aggravates(pain, words) if words else None
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
    return finish(
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


def daily_life_contributors(
    intake: Intake,
    pain_index: int,
    pain: Pain,
    place: Place,
    rules: ContributorRules,
    life_stage: Any,
) -> list[Contributor]:
    """The footwear, habit, activity and life-stage contributors to one pain (unsorted)."""
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
                        r3(base),
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
