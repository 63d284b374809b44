"""Check-ins over a whole replay: paused items come back, flares pause their kind, a provisional
program is not progressed, and every move respects the contraindications on its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from test_program_generator import AS_OF, ASSESSMENT, FakeAssessment, _intake

from kinchain.program import Program, apply_checkins, build_program, parse_checkin
from kinchain.program.checkin import ReplayState, step
from kinchain.program.rules import default_rules

TODAY = dt.date(2027, 6, 1)  # check-ins below are dated before it


@dataclass(frozen=True)
class _Screened(FakeAssessment):
    """The fake assessment with the red-flag screening done (or not)."""

    screening: Any = field(default_factory=lambda: SimpleNamespace(complete=True))


def _assessment(*, screened: bool = True) -> _Screened:
    return _Screened(
        contributors=ASSESSMENT.contributors,
        joints=ASSESSMENT.joints,
        weakest_links=ASSESSMENT.weakest_links,
        screening=SimpleNamespace(complete=screened),
    )


def _program(*, screened: bool = True, **intake: Any) -> Program:
    built = build_program(_intake(**intake), _assessment(screened=screened), as_of=AS_OF)
    assert built is not None
    return built


@pytest.fixture(scope="module")
def program() -> Program:
    return _program(daily_minutes=12)


def _checkin(program: Program, days: int, effort: str, **extra: Any) -> Any:
    data = {
        "date": (AS_OF + dt.timedelta(days=days)).isoformat(),
        "effort": effort,
        "done": [i.exercise.id for i in program.routine],
        **extra,
    }
    return parse_checkin(data, source=f"checkin-{days}.yaml", today=TODAY)


def _worked(program: Program) -> set[tuple[str, str | None]]:
    return {t for item in program.routine for t in item.targets}


def _easy_twice(program: Program) -> list[Any]:
    return [_checkin(program, 14, "easy"), _checkin(program, 28, "easy")]


# ------------------------------------------------------------------------- fault 1: make room


def test_progressing_an_item_pauses_lower_ranked_items_to_make_room_within_the_minutes(
    program: Program,
) -> None:
    outcome = apply_checkins(program, _easy_twice(program))
    pauses = [c for c in outcome.changes if c.action == "pause"]
    assert pauses and all(c.rule == "room for a higher-ranked item" for c in pauses)
    assert outcome.program.minutes <= program.daily_minutes
    assert {p.item.exercise.id for p in outcome.paused} == {c.exercise for c in pauses}
    for change in pauses:
        assert outcome.program.item(change.exercise) is None


def test_making_room_keeps_every_need_of_the_routine_worked_by_some_item(
    program: Program,
) -> None:
    outcome = apply_checkins(program, _easy_twice(program))
    assert [c for c in outcome.changes if c.action == "pause"]
    assert _worked(program) <= _worked(outcome.program)


def test_an_item_paused_to_make_room_comes_back_once_the_harder_item_is_regressed(
    program: Program,
) -> None:
    balance = "single_leg_balance_eyes_open"
    hard = [_checkin(program, d, "hard", done=[balance]) for d in (42, 56)]
    outcome = apply_checkins(program, [*_easy_twice(program), *hard])
    assert ("regress", balance) in {(c.action, c.exercise) for c in outcome.changes}
    restored = [c for c in outcome.changes if c.action == "restore"]
    assert restored
    assert not outcome.paused
    paused_first = {c.exercise for c in outcome.changes if c.action == "pause"}
    assert {c.exercise for c in restored} == paused_first
    for change in restored:
        assert outcome.program.item(change.to or change.exercise) is not None
    assert outcome.program.minutes <= program.daily_minutes
    assert _worked(program) <= _worked(outcome.program)


def test_a_routine_shrunk_by_a_pain_rise_takes_its_paused_items_back_where_they_fit() -> None:
    pains = [{"site": "sacroiliac", "side": "left", "intensity": 4, "since": "2025-09"},
             {"site": "lumbar_spine", "intensity": 3, "since": "2025-10"}]  # fmt: skip
    program = _program(daily_minutes=12, pain=pains)
    flare = [{"site": "sacroiliac", "side": "left", "intensity": 6}]
    checkins = [*_easy_twice(program), _checkin(program, 42, "ok", pain=flare)]
    outcome = apply_checkins(program, checkins)
    on_day = [c for c in outcome.changes if c.date == checkins[-1].date]
    assert any(c.action == "regress" for c in on_day)
    assert outcome.paused
    left = program.daily_minutes - outcome.program.minutes
    for p in outcome.paused:  # what stays paused fits in no version into the minutes left
        assert p.why == "room"
        assert min(_chain_minutes(p.item.exercise.id)) > left


def _chain_minutes(exercise_id: str) -> list[float]:
    """The one-side minutes of an exercise and of every easier version below it."""
    library = _library()
    out, current = [], library[exercise_id]
    while True:
        out.append(current.minutes)
        if current.regresses_to is None:
            return out
        current = library[current.regresses_to]


def test_pausing_to_make_room_cites_a_heuristic_not_the_pain_scale_study(
    program: Program,
) -> None:
    outcome = apply_checkins(program, _easy_twice(program))
    pauses = [c for c in outcome.changes if c.action == "pause"]
    assert pauses
    for change in pauses:
        assert change.cite == ("heuristic",)
    rises = [c for c in outcome.changes if c.action == "progress"]
    assert all("childs2005" not in c.cite for c in rises)


# ------------------------------------------------------------------------------- fault 2: flare


def test_a_flare_put_down_to_carrying_pauses_the_carry_and_keeps_it_out_while_it_lasts(
    program: Program,
) -> None:
    assert program.item("suitcase_carry") is not None
    flare = _checkin(program, 14, "ok", flare_with=["carrying"])
    again = _checkin(program, 28, "ok", flare_with=["carrying"])
    outcome = apply_checkins(program, [flare, again])
    assert outcome.program.item("suitcase_carry") is None
    pause = [c for c in outcome.changes if c.action == "pause" and c.exercise == "suitcase_carry"]
    assert len(pause) == 1 and "carrying" in pause[0].reason
    assert not [c for c in outcome.changes if c.action == "restore"]


def test_the_carry_comes_back_once_a_check_in_names_no_flare_and_no_pain_rises(
    program: Program,
) -> None:
    flare = _checkin(program, 14, "ok", flare_with=["carrying"])
    settled = _checkin(program, 28, "ok")
    outcome = apply_checkins(program, [flare, settled])
    assert outcome.program.item("suitcase_carry") is not None
    assert ("restore", "suitcase_carry") in {(c.action, c.exercise) for c in outcome.changes}


def test_a_flare_put_down_to_running_sets_aside_the_running_habits() -> None:
    running = [{"kind": "jog", "minutes_per_week": 60}]
    built = _program(daily_minutes=12, activities=running)
    assert "step_rate_cue" in {h.id for h in built.habits}
    outcome = apply_checkins(built, [_checkin(built, 14, "ok", flare_with=["running"])])
    assert "step_rate_cue" not in {h.id for h in outcome.program.habits}
    habit = [c for c in outcome.changes if c.kind == "habit"]
    assert habit and habit[0].exercise == "step_rate_cue" and habit[0].action == "pause"
    for item in outcome.program.routine:
        assert not item.exercise.tags & {"runner", "high_impact"}


def test_a_flare_put_down_to_one_exercise_pauses_that_exercise_only(program: Program) -> None:
    outcome = apply_checkins(program, [_checkin(program, 14, "ok", flare_with=["toe_yoga"])])
    assert outcome.program.item("toe_yoga") is None
    assert len(outcome.program.routine) == len(program.routine) - 1


# ------------------------------------------------------------------------- fault 8: provisional


def test_a_provisional_program_is_not_progressed_by_easy_check_ins_and_says_why() -> None:
    draft = _program(screened=False, daily_minutes=12)
    assert draft.provisional
    outcome = apply_checkins(draft, _easy_twice(draft))
    assert not [c for c in outcome.changes if c.action in ("progress", "pause")]
    held = [c for c in outcome.changes if c.action == "hold" and c.to is not None]
    assert held and all("screening" in c.reason for c in held)
    assert [i.exercise.id for i in outcome.program.routine] == [
        i.exercise.id for i in draft.routine
    ]
    assert outcome.notes and "provisional" in outcome.notes[0]


def test_a_provisional_program_still_eases_the_items_when_pain_rises() -> None:
    draft = _program(screened=False, daily_minutes=30)
    start = {p.site: p.intensity for p in draft.context.pains}["sacroiliac"]
    rise = [{"site": "sacroiliac", "side": "left", "intensity": start + 2}]
    outcome = apply_checkins(draft, [_checkin(draft, 14, "ok", pain=rise)])
    assert [c for c in outcome.changes if c.action in ("regress", "hold") and "pain" in c.rule]


# --------------------------------------------------------- fault 9: contraindications on moves


def _refused_now(item: Any, severe_from: int, worst: int) -> bool:
    """The severe-pain rule written out from docs/program.md, independent of safety.py."""
    return worst >= severe_from and (
        item.exercise.level > 1 or "severe_pain" in item.exercise.contraindications
    )


def test_check_in_moves_never_give_an_exercise_that_severe_pain_rules_out() -> None:
    severe = [
        {"site": "knee", "side": "right", "intensity": 7, "since": "2026-10"},
        {"site": "sacroiliac", "side": "left", "intensity": 5, "since": "2025-09"},
    ]
    built = _program(daily_minutes=12, pain=severe)
    assert all(not _refused_now(i, 7, 7) for i in built.routine)
    outcome = apply_checkins(built, _easy_twice(built))
    for item in outcome.program.routine:
        assert not _refused_now(item, 7, 7), item.exercise.id
    blocked = [c for c in outcome.changes if c.action == "hold" and "is not given now" in c.reason]
    assert blocked, "a progression to a level-2 exercise must be held while pain is 7/10"
    assert all(c.to is not None and outcome.program.item(c.to) is None for c in blocked)


def test_progression_is_blocked_when_pregnancy_will_soon_rule_out_the_harder_version() -> None:
    client = {"name": "P", "birth_year": 1992, "sex": "female", "height_cm": 160, "mass_kg": 70,
              "life_stage": {"status": "pregnant", "weeks": 14}}  # fmt: skip
    built = _program(client=client, daily_minutes=30)
    outcome = apply_checkins(built, _easy_twice(built))  # week 18 at the second check-in
    lookahead = default_rules().contraindications["pregnant_from_week"].params["lookahead_weeks"]
    for change in outcome.changes:
        if change.action != "progress":
            continue
        item = outcome.program.item(change.to or "")
        assert item is not None
        limit = item.exercise.contraindications.get("pregnant_from_week", 99)
        assert 18 + lookahead < limit, change
    blocked = [c for c in outcome.changes if "pregnancy" in c.reason and c.action == "hold"]
    assert blocked


# ---------------------------------------------------------------------- fault 10: explicit step


def test_a_replay_is_the_same_as_stepping_through_the_check_ins_one_by_one(
    program: Program,
) -> None:
    checkins = [*_easy_twice(program), _checkin(program, 42, "hard")]
    state = ReplayState.start(program)
    changes = []
    for checkin in checkins:
        state, made = step(state, checkin, rules=default_rules(), library=_library())
        changes.extend(made)
    outcome = apply_checkins(program, checkins)
    assert tuple(changes) == outcome.changes
    assert state.as_program().routine == outcome.program.routine
    assert state.date == checkins[-1].date


def _library() -> Any:
    from kinchain.program import default_library

    return default_library()
