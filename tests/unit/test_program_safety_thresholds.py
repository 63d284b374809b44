"""Every safety threshold held on the day or week before, at and after it.

Each test names the threshold it holds; the numbers are the documented rules (docs/program.md,
"Contraindications"), written here, not read back from rules.yaml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from kinchain.assessment import assess
from kinchain.intake import parse_intake
from kinchain.program import build_program
from kinchain.program.checkin import apply_checkins, parse_checkin
from kinchain.program.generator import context_from_intake, resolve_targets
from kinchain.program.library import default_library
from kinchain.program.model import Context, Pain, Program, RoutineItem
from kinchain.program.rules import default_rules
from kinchain.program.safety import refusal
from kinchain.tissue import tissue_state

AS_OF = dt.date(2026, 12, 2)
LIB = default_library()
RULES = default_rules()
NO_SYMPTOMS = frozenset()


def ctx(stage: str = "none", weeks: int | None = None, pain: int = 0, **kw: Any) -> Context:
    pains = (Pain("lumbar_spine", None, pain, "pain[0]"),) if pain else ()
    return Context(AS_OF, stage, weeks, pains=pains, **kw)


def refused(ex_id: str, context: Context, *, starting: bool = True) -> str | None:
    ex = LIB[ex_id]
    targets, _ = resolve_targets(ex, "left")
    r = refusal(ex, context, RULES, targets=targets, starting=starting)
    return None if r is None else r.key


# --- pregnancy: the week an exercise is ruled out from (>=), checked again with no look-ahead


@pytest.mark.parametrize(("week", "expected"), [(19, None), (20, "pregnant_from_week"),
                                                (21, "pregnant_from_week")])  # fmt: skip
def test_a_bridge_on_the_back_already_in_the_routine_stops_exactly_at_week_20(
    week: int, expected: str | None
) -> None:
    assert refused("glute_bridge", ctx("pregnant", week), starting=False) == expected


# --- pregnancy: an exercise ruled out within 4 weeks is not started


@pytest.mark.parametrize(("week", "expected"), [(15, None), (16, "pregnant_from_week"),
                                                (19, "pregnant_from_week")])  # fmt: skip
def test_a_bridge_on_the_back_is_not_started_within_four_weeks_of_week_20(
    week: int, expected: str | None
) -> None:
    assert refused("glute_bridge", ctx("pregnant", week)) == expected


def test_a_supine_exercise_is_not_given_at_week_19_of_pregnancy_in_a_whole_program() -> None:
    data = {"client": {"name": "P", "birth_year": 1992, "sex": "female", "height_cm": 165,
                       "mass_kg": 62, "life_stage": {"status": "pregnant", "weeks": 19}},
            "daily_minutes": 30,
            "pain": [{"site": "sacroiliac", "side": "both", "intensity": 3, "since": "2026-10"},
                     {"site": "lumbar_spine", "intensity": 3, "since": "2026-10"}]}  # fmt: skip
    intake = parse_intake(data, as_of=AS_OF)
    program = build_program(intake, assess(intake, as_of=AS_OF), as_of=AS_OF)
    assert program is not None and program.routine
    assert not [i.exercise.id for i in program.routine if "supine" in i.exercise.tags]


# --- postpartum: the week impact work may start (< 12 is refused)


@pytest.mark.parametrize(("week", "expected"), [(11, "postpartum_before_week"), (12, None),
                                                (13, None)])  # fmt: skip
def test_hops_after_a_birth_start_at_week_12_once_the_pelvic_floor_is_clear(
    week: int, expected: str | None
) -> None:
    context = ctx("postpartum", week, pelvic_floor_yes=NO_SYMPTOMS)
    assert refused("pogo_hops", context) == expected


# --- severe pain: from 7/10 only gentle level-1 items


@pytest.mark.parametrize(("pain", "expected"), [(6, None), (7, "severe_pain"), (8, "severe_pain")])
def test_a_level_two_item_waits_from_a_pain_of_seven(pain: int, expected: str | None) -> None:
    assert LIB["toe_yoga"].level == 2
    assert refused("toe_yoga", ctx(pain=pain)) == expected


# --- the contraindication on screening answers


def test_an_exercise_naming_a_screening_answer_is_left_out_when_that_answer_is_yes() -> None:
    ex = replace(LIB["toe_spreading"], contraindications={"screening": ("significant_trauma",)})
    targets, _ = resolve_targets(ex, "left")
    yes = refusal(ex, ctx(screening_yes=frozenset({"significant_trauma"})), RULES, targets=targets)
    assert yes is not None and yes.key == "screening" and "significant_trauma" in yes.detail
    other = ctx(screening_yes=frozenset({"night_pain"}))
    assert refusal(ex, other, RULES, targets=targets) is None
    assert refusal(ex, ctx(), RULES, targets=targets) is None


# --- the healing-phase end day (each phase runs up to and including its end day)


@pytest.mark.parametrize(("days", "phase"), [(41, "proliferation"), (42, "proliferation"),
                                             (43, "remodelling")])  # fmt: skip
def test_an_ankle_sprain_is_in_repair_up_to_day_42_and_remodelling_from_day_43(
    days: int, phase: str
) -> None:
    sprained = AS_OF - dt.timedelta(days=days)
    data = {"client": {"name": "S", "birth_year": 1990, "sex": "male", "height_cm": 180,
                       "mass_kg": 80}, "daily_minutes": 10,
            "injuries": [{"site": "ankle", "side": "left", "kind": "sprain", "grade": 2,
                          "date": sprained.isoformat()}]}  # fmt: skip
    (state,) = tissue_state(parse_intake(data, as_of=AS_OF), as_of=AS_OF).injuries
    assert state.days_since == days and state.phase == phase


# --- re-checks at check-ins: an item in the routine is checked with no look-ahead


def _pregnant_program(weeks: int, item_id: str) -> Program:
    data = {"client": {"name": "P", "birth_year": 1992, "sex": "female", "height_cm": 165,
                       "mass_kg": 62, "life_stage": {"status": "pregnant", "weeks": weeks}},
            "daily_minutes": 30}  # fmt: skip
    intake = parse_intake(data, as_of=AS_OF)
    program = build_program(intake, assess(intake, as_of=AS_OF), as_of=AS_OF)
    assert program is not None
    ex = LIB[item_id]
    targets, minutes = resolve_targets(ex, "left")
    item = RoutineItem(ex, targets, minutes, (), ex.why, 1.0, "left ankle")
    context = context_from_intake(intake, as_of=AS_OF)  # screening answered: not provisional
    return replace(program, routine=(item,), context=context, provisional=False)


def _checkin(days: int, effort: str = "ok") -> Any:
    day = AS_OF + dt.timedelta(days=days)  # weeks ahead: seen on the day it is made
    return parse_checkin({"date": day.isoformat(), "effort": effort, "done": []}, today=day)


def test_a_bridge_given_at_week_14_stays_through_week_19_and_leaves_at_week_20() -> None:
    program = _pregnant_program(14, "glute_bridge")
    at_19 = apply_checkins(program, [_checkin(35)]).program
    assert [i.exercise.id for i in at_19.routine] == ["glute_bridge"]
    outcome = apply_checkins(program, [_checkin(42)])
    assert "glute_bridge" not in [i.exercise.id for i in outcome.program.routine]
    assert any(c.rule == "contraindication: pregnant_from_week" for c in outcome.changes)


def test_an_easy_balance_item_is_not_progressed_to_one_pregnancy_will_soon_rule_out() -> None:
    program = _pregnant_program(25, "single_leg_balance_eyes_open")
    done = {"date": "", "effort": "easy", "done": ["single_leg_balance_eyes_open"]}
    checkins = [
        parse_checkin(
            {**done, "date": (AS_OF + dt.timedelta(days=d)).isoformat()},
            today=AS_OF + dt.timedelta(days=d),
        )
        for d in (3, 6)
    ]  # at week 25, eyes closed (ruled out from week 28) is within the 4-week look-ahead
    outcome = apply_checkins(program, checkins)
    assert [i.exercise.id for i in outcome.program.routine] == ["single_leg_balance_eyes_open"]
    assert any("is not given now" in c.reason for c in outcome.changes)
