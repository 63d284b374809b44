"""Check-in step edges the mutation run found untested: which earlier reading a pain is judged
against, a pain that stays the same, a check-in on the program's own day, and flare habits that
come back or stay aside."""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError

import pytest
from test_program_checkin_replay import _checkin, _program

from kinchain.program import Program, apply_checkins
from kinchain.program.checkin import ReplayState
from kinchain.program.checkin_step import _before
from kinchain.program.rules import default_rules


@pytest.fixture(scope="module")
def program() -> Program:
    return _program(daily_minutes=12)


@pytest.fixture(scope="module")
def runner() -> Program:
    return _program(daily_minutes=12, activities=[{"kind": "jog", "minutes_per_week": 60}])


@pytest.mark.parametrize(
    ("pains", "side", "before"),
    [
        ({("sacroiliac", "left"): 5}, "left", 5),
        ({("sacroiliac", "both"): 4}, "left", 4),
        ({("sacroiliac", "both"): 4}, "right", 4),
        ({}, "left", 0),
        ({("sacroiliac", "left"): 2, ("sacroiliac", "right"): 5}, "both", 5),
        ({("sacroiliac", "left"): 6, ("sacroiliac", "right"): 3}, "both", 6),
        ({}, "both", 0),
        ({("sacroiliac", "left"): 6}, None, 0),
        ({("sacroiliac", None): 3}, None, 3),
    ],
)
def test_a_pain_is_judged_against_the_last_reading_of_its_side_or_the_both_sides_one(
    pains: dict[tuple[str, str | None], int], side: str | None, before: int
) -> None:
    assert _before(pains, "sacroiliac", side) == before


def test_a_pain_reported_at_its_earlier_level_does_not_stop_easy_check_ins_progressing(
    program: Program,
) -> None:
    same = [
        {"site": p.site, "side": p.side, "intensity": p.intensity} for p in program.context.pains
    ]
    assert same
    easy = [_checkin(program, 14, "easy", pain=same), _checkin(program, 28, "easy", pain=same)]
    assert [c for c in apply_checkins(program, easy).changes if c.action == "progress"]


def test_a_check_in_on_the_day_the_program_was_built_is_taken(program: Program) -> None:
    outcome = apply_checkins(program, [_checkin(program, 0, "ok")])
    assert outcome.program.routine


def _running_habits(p: Program) -> set[str]:
    return {h.id for h in p.habits} & {"step_rate_cue"}


def test_a_running_habit_set_aside_for_a_flare_comes_back_when_the_flare_settles(
    runner: Program,
) -> None:
    flare = _checkin(runner, 14, "ok", flare_with=["running"])
    outcome = apply_checkins(runner, [flare, _checkin(runner, 28, "ok")])
    assert _running_habits(outcome.program) == {"step_rate_cue"}
    restored = [c for c in outcome.changes if c.action == "restore" and c.kind == "habit"]
    assert [c.exercise for c in restored] == ["step_rate_cue"]


def test_a_running_habit_stays_aside_while_check_ins_still_name_the_running_flare(
    runner: Program,
) -> None:
    flare = _checkin(runner, 14, "ok", flare_with=["running"])
    again = _checkin(runner, 28, "ok", flare_with=["running"])
    outcome = apply_checkins(runner, [flare, again])
    assert not _running_habits(outcome.program)
    assert not [c for c in outcome.changes if c.action == "restore" and c.kind == "habit"]


def test_a_running_habit_stays_aside_while_a_pain_is_still_rising(runner: Program) -> None:
    rising = [
        {"site": p.site, "side": p.side, "intensity": min(10, p.intensity + 1)}
        for p in runner.context.pains
    ]
    flare = _checkin(runner, 14, "ok", flare_with=["running"])
    outcome = apply_checkins(runner, [flare, _checkin(runner, 28, "ok", pain=rising)])
    assert not _running_habits(outcome.program)


def test_a_replay_state_cannot_be_changed_once_made(program: Program) -> None:
    state = ReplayState.start(program)
    with pytest.raises(FrozenInstanceError):
        state.date = dt.date(2000, 1, 1)


def test_a_pain_reported_lower_than_before_does_not_stop_easy_check_ins_progressing(
    program: Program,
) -> None:
    lower = [
        {"site": p.site, "side": p.side, "intensity": p.intensity - 1}
        for p in program.context.pains
        if p.intensity > 0
    ]
    assert lower
    easy = [_checkin(program, 14, "easy", pain=lower), _checkin(program, 28, "easy", pain=lower)]
    assert [c for c in apply_checkins(program, easy).changes if c.action == "progress"]


def test_an_item_paused_to_make_room_waits_for_a_flare_put_down_to_it_and_only_it(
    program: Program,
) -> None:
    easy = [_checkin(program, 14, "easy"), _checkin(program, 28, "easy")]
    roomed = {p.item.exercise.id: p.why for p in apply_checkins(program, easy).paused}
    assert roomed == {"toe_yoga": "room"}
    flare = _checkin(program, 42, "ok", flare_with=["toe_yoga"])
    paused = {
        p.item.exercise.id: (p.why, p.cause) for p in apply_checkins(program, [*easy, flare]).paused
    }
    assert paused["toe_yoga"] == ("flare", "toe_yoga")
    assert all(why != "flare" for ex, (why, _) in paused.items() if ex != "toe_yoga")


@pytest.fixture(scope="module")
def postpartum_runner() -> Program:
    client = {
        "name": "Test Client",
        "birth_year": 1990,
        "sex": "female",
        "height_cm": 165,
        "mass_kg": 60,
        "life_stage": {"status": "postpartum", "weeks": 20},
    }
    jog = [{"kind": "jog", "minutes_per_week": 60}]
    return _program(daily_minutes=12, client=client, activities=jog)


def test_a_running_flare_named_again_keeps_both_running_habits_aside_without_pausing_them_anew(
    postpartum_runner: Program,
) -> None:
    both = {"step_rate_cue", "postpartum_return_to_running"}
    assert both <= {h.id for h in postpartum_runner.habits}
    flare = _checkin(postpartum_runner, 14, "ok", flare_with=["running"])
    again = _checkin(postpartum_runner, 28, "ok", flare_with=["running"])
    outcome = apply_checkins(postpartum_runner, [flare, again])
    assert not both & {h.id for h in outcome.program.habits}
    first = {c.exercise for c in outcome.changes if c.kind == "habit" and c.date == flare.date}
    assert first == both
    assert not [c for c in outcome.changes if c.kind == "habit" and c.date == again.date]


@pytest.mark.parametrize(
    ("instrument", "first", "second", "value"),
    [
        # nprs also has a "score" and sorts before rmdq; cait also has a "total", before lefs
        ("rmdq", {"yes": 8}, {"yes": 4}, "score"),
        ("lefs", [3] * 20, [4] * 20, "total"),
    ],
)
def test_a_re_assessed_questionnaire_is_read_only_against_its_own_instrument_rule(
    program: Program, instrument: str, first: object, second: object, value: str
) -> None:
    checkins = [
        _checkin(program, 14, "ok", instruments={instrument: first}),
        _checkin(program, 28, "ok", instruments={instrument: second}),
    ]
    deltas = apply_checkins(program, checkins).instruments
    own = [s for s in default_rules().instrument_change if s.instrument == instrument]
    assert [(s.value, s.better) for s in own] == [(value, own[0].better)]
    assert [(d.date, d.instrument, d.value, d.better) for d in deltas] == [
        (ci.date, instrument, value, own[0].better) for ci in checkins
    ]
