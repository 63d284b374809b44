"""Check-in move edges the mutation run found untested: the pain rise threshold and its words,
how hard and easy streaks count and restart, what a hold at the end of a chain says, and that a
provisional program is still eased."""

from __future__ import annotations

import pytest
from test_program_checkin_replay import _checkin, _program

from kinchain.program import Program, apply_checkins
from kinchain.program.checkin_changes import Change
from kinchain.program.rules import default_rules


@pytest.fixture(scope="module")
def program() -> Program:
    return _program(daily_minutes=30)


def _start(program: Program, site: str) -> int:
    return {p.site: p.intensity for p in program.context.pains}[site]


def _pain_changes(program: Program, site: str, side: str | None, rise: int) -> list[Change]:
    pain = [{"site": site, "side": side, "intensity": _start(program, site) + rise}]
    outcome = apply_checkins(program, [_checkin(program, 14, "ok", pain=pain)])
    return [c for c in outcome.changes if c.rule.startswith("pain up")]


@pytest.mark.parametrize("rise", [1, 2, 3])
def test_pain_up_two_points_or_more_and_only_then_eases_the_items_at_that_site(
    program: Program, rise: int
) -> None:
    points = default_rules().pain_rise_points  # 2 (childs2005)
    assert points == 2
    assert bool(_pain_changes(program, "sacroiliac", "left", rise)) is (rise >= points)


def test_a_pain_rise_says_which_side_and_site_went_from_what_to_what(program: Program) -> None:
    start = _start(program, "sacroiliac")
    changes = _pain_changes(program, "sacroiliac", "left", 2)
    assert changes
    assert all(
        f"left sacroiliac pain went from {start} to {start + 2}" in c.reason for c in changes
    )


def test_a_pain_rise_with_no_side_names_the_site_alone(program: Program) -> None:
    start = _start(program, "lumbar_spine")
    changes = _pain_changes(program, "lumbar_spine", None, 2)
    assert changes
    assert all(c.reason.startswith(f"lumbar spine pain went from {start}") for c in changes)


def _moves(program: Program, efforts: list[str], action: str) -> list[list[str]]:
    """For each check-in in turn, the items that moved ``action`` (regress/progress) on it."""
    checkins = [_checkin(program, 14 * (n + 1), e) for n, e in enumerate(efforts)]
    outcome = apply_checkins(program, checkins)
    return [
        [c.exercise for c in outcome.changes if c.action == action and c.date == ci.date]
        for ci in checkins
    ]


@pytest.mark.parametrize(
    ("efforts", "moved_on"),
    [
        (["hard"], []),
        (["ok", "hard"], []),
        (["hard", "ok", "hard"], []),
        (["hard", "hard"], [1]),
        (["hard", "ok", "hard", "hard"], [3]),
    ],
)
def test_only_two_hard_check_ins_in_a_row_regress_an_item(
    program: Program, efforts: list[str], moved_on: list[int]
) -> None:
    # rules.yaml: hard_checkins 2
    moved = _moves(program, efforts, "regress")
    assert [n for n, ids in enumerate(moved) if ids] == moved_on


@pytest.mark.parametrize(
    ("efforts", "moved_on"),
    [
        (["easy"], []),
        (["easy", "ok", "easy"], []),
        (["easy", "easy"], [1]),
        (["easy", "ok", "easy", "easy"], [3]),
    ],
)
def test_only_two_easy_check_ins_in_a_row_progress_an_item(
    program: Program, efforts: list[str], moved_on: list[int]
) -> None:
    # rules.yaml: easy_checkins 2
    moved = _moves(program, efforts, "progress")
    assert [n for n, ids in enumerate(moved) if ids] == moved_on


def test_a_held_progression_starts_its_easy_count_again() -> None:
    draft = _program(screened=False, daily_minutes=12)
    checkins = [_checkin(draft, 14 * (n + 1), "easy") for n in range(4)]
    outcome = apply_checkins(draft, checkins)
    held_on = sorted(
        {
            ci.date
            for ci in checkins
            for c in outcome.changes
            if c.date == ci.date and c.action == "hold"
        }
    )
    assert held_on == [checkins[1].date, checkins[3].date]


def test_an_item_already_at_its_easiest_version_is_held_with_advice_to_pause_if_pain_keeps_rising(
    program: Program,
) -> None:
    holds = [c for c in _pain_changes(program, "lumbar_spine", None, 2) if c.action == "hold"]
    assert holds
    advice = "already the easiest version. If pain keeps rising, pause it and talk to your coach."
    assert all(c.reason.endswith(advice) and c.to is None for c in holds)


def _easy_twice_holds(daily_minutes: int) -> tuple[Program, list[Change]]:
    built = _program(daily_minutes=daily_minutes)
    easy = [_checkin(built, 14, "easy"), _checkin(built, 28, "easy")]
    outcome = apply_checkins(built, easy)
    return outcome.program, [c for c in outcome.changes if c.action == "hold"]


def test_an_item_already_at_its_hardest_version_is_held_without_the_pain_advice() -> None:
    _, holds = _easy_twice_holds(12)
    hardest = [c for c in holds if c.to is None]
    assert hardest
    assert all(c.reason.endswith("; already the hardest version.") for c in hardest)


def test_a_progression_that_would_overrun_the_minutes_with_nothing_to_pause_is_held() -> None:
    after, holds = _easy_twice_holds(15)
    over = [c for c in holds if "would take the routine past 15 minutes" in c.reason]
    assert over and all(c.to is not None and after.item(c.to) is None for c in over)
    assert after.minutes <= 15


def test_after_a_hard_streak_is_acted_on_two_more_hard_check_ins_are_needed(
    program: Program,
) -> None:
    checkins = [_checkin(program, 14 * (n + 1), "hard") for n in range(4)]
    outcome = apply_checkins(program, checkins)
    acted = [
        n
        for n, ci in enumerate(checkins)
        if any(c.date == ci.date and c.rule.startswith("hard in") for c in outcome.changes)
    ]
    assert acted == [1, 3]


def test_a_provisional_program_still_eases_an_item_when_pain_at_its_site_rises() -> None:
    draft = _program(screened=False, daily_minutes=12)
    assert draft.provisional
    toe_yoga = draft.item("toe_yoga")
    assert toe_yoga is not None and toe_yoga.exercise.regresses_to == "toe_spreading"
    toes = [{"site": "toes", "side": "left", "intensity": 3}]  # from no reading: up 3 points
    outcome = apply_checkins(draft, [_checkin(draft, 14, "ok", pain=toes)])
    eased = [(c.exercise, c.to) for c in outcome.changes if c.action == "regress"]
    assert eased == [("toe_yoga", "toe_spreading")]
    assert outcome.program.item("toe_spreading") is not None
    assert not [c for c in outcome.changes if "provisional" in c.reason]
