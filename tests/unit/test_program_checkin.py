"""Check-ins move routine items along their chains by the rules in rules.yaml."""

from __future__ import annotations

from typing import Any

import pytest
from test_program_checkin_replay import _checkin, _program

from kinchain.errors import CheckinError
from kinchain.program import Program, apply_checkins, load_checkin, parse_checkin
from kinchain.program.rules import default_rules


@pytest.fixture(scope="module")
def program() -> Program:
    return _program(daily_minutes=30)



def _si_items(program: Program) -> list[str]:
    return [
        i.exercise.id
        for i in program.routine
        if any(s == "sacroiliac" and sd in ("left", "both") for s, sd in i.targets)
    ]


def test_pain_rising_two_points_regresses_the_items_working_that_site(program: Program) -> None:
    rules = default_rules()
    start = {p.site: p.intensity for p in program.context.pains}["sacroiliac"]
    rise = [{"site": "sacroiliac", "side": "left", "intensity": start + rules.pain_rise_points}]
    outcome = apply_checkins(program, [_checkin(program, 14, "ok", pain=rise)])
    touched = {c.exercise for c in outcome.changes if c.action in ("regress", "hold", "pause")}
    assert set(_si_items(program)) <= touched
    regressed = [c for c in outcome.changes if c.action == "regress"]
    for change in regressed:
        assert outcome.program.item(change.to or "") is not None
        assert "pain" in change.rule
    assert outcome.program.minutes <= program.daily_minutes


def test_pain_rising_one_point_regresses_nothing(program: Program) -> None:
    start = {p.site: p.intensity for p in program.context.pains}["sacroiliac"]
    rise = [{"site": "sacroiliac", "side": "left", "intensity": start + 1}]
    outcome = apply_checkins(program, [_checkin(program, 14, "ok", pain=rise)])
    assert not [c for c in outcome.changes if c.action == "regress"]


def test_two_easy_check_ins_without_rising_pain_progress_the_items_done(program: Program) -> None:
    outcome = apply_checkins(
        program, [_checkin(program, 14, "easy"), _checkin(program, 28, "easy")]
    )
    progressed = [c for c in outcome.changes if c.action == "progress"]
    assert progressed
    for change in progressed:
        before = program.item(change.exercise)
        after = outcome.program.item(change.to or "")
        assert before is not None and after is not None
        assert after.exercise.regresses_to == before.exercise.id
        assert after.because == before.because
    assert outcome.program.minutes <= program.daily_minutes


def test_one_easy_check_in_is_not_enough_to_progress(program: Program) -> None:
    outcome = apply_checkins(program, [_checkin(program, 14, "easy")])
    assert not [c for c in outcome.changes if c.action == "progress"]


def test_an_easy_check_in_with_pain_rising_does_not_count_toward_progress(
    program: Program,
) -> None:
    start = {p.site: p.intensity for p in program.context.pains}["lumbar_spine"]
    up = [{"site": "lumbar_spine", "intensity": start + 1}]
    outcome = apply_checkins(
        program, [_checkin(program, 14, "easy"), _checkin(program, 28, "easy", pain=up)]
    )
    assert not [c for c in outcome.changes if c.action == "progress"]


def test_two_hard_check_ins_regress_the_items_done(program: Program) -> None:
    outcome = apply_checkins(
        program, [_checkin(program, 14, "hard"), _checkin(program, 28, "hard")]
    )
    assert [c for c in outcome.changes if c.action in ("regress", "hold")]
    assert not [c for c in outcome.changes if c.action == "progress"]


def test_reassessed_questionnaires_are_judged_against_the_minimal_important_difference(
    program: Program,
) -> None:
    first = _checkin(program, 14, "ok", instruments={"nprs": 6})
    second = _checkin(program, 28, "ok", instruments={"nprs": 3})
    third = _checkin(program, 42, "ok", instruments={"nprs": 2})
    deltas = apply_checkins(program, [first, second, third]).instruments
    assert [d.verdict for d in deltas] == ["no earlier score", "better", "no meaningful change"]
    assert deltas[1].mcid == 2 and deltas[1].change == -3


def test_a_check_in_with_pain_out_of_range_is_refused_with_its_path() -> None:
    with pytest.raises(CheckinError) as err:
        parse_checkin(
            {"date": "2026-12-01", "effort": "ok", "pain": [{"site": "ankle", "intensity": 12}]},
            source="bad.yaml",
        )
    assert "bad.yaml" in str(err.value) and "pain[0].intensity" in str(err.value)


def test_a_check_in_naming_an_unknown_exercise_or_site_is_refused() -> None:
    with pytest.raises(CheckinError, match=r"done\[1\]: unknown exercise id 'bird_dogg'"):
        parse_checkin({"date": "2026-12-01", "effort": "ok", "done": ["bird_dog", "bird_dogg"]})
    with pytest.raises(CheckinError, match="did you mean 'ankle'"):
        parse_checkin(
            {"date": "2026-12-01", "effort": "ok", "pain": [{"site": "ankel", "intensity": 2}]}
        )


def test_a_check_in_with_an_unknown_effort_is_refused() -> None:
    with pytest.raises(CheckinError, match="effort"):
        parse_checkin({"date": "2026-12-01", "effort": "fine"})


def test_a_check_in_dated_before_the_program_is_refused(program: Program) -> None:
    early = _checkin(program, -3, "ok")
    with pytest.raises(CheckinError, match="date order"):
        apply_checkins(program, [early])


def test_progression_never_gives_an_exercise_the_client_s_pregnancy_rules_out() -> None:
    client = {"name": "P", "birth_year": 1992, "sex": "female", "height_cm": 160, "mass_kg": 70,
              "life_stage": {"status": "pregnant", "weeks": 19}}  # fmt: skip
    built = _program(client=client, daily_minutes=30)
    outcome = apply_checkins(
        built, [_checkin(built, 14, "easy"), _checkin(built, 28, "easy")]
    )  # by then she is 23 weeks pregnant
    for item in outcome.program.routine:
        assert item.exercise.contraindications.get("pregnant_from_week", 99) > 23


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\xbb\xff binary", "is a binary file, not a check-in"),
        (b"\xbb\xff\xfe not utf-8", "is not UTF-8 text"),
        (b"", "the file is empty; expected a check-in"),
        (b"date: [", "not valid YAML"),
    ],
)
def test_an_unreadable_check_in_file_is_refused_with_one_clear_message(
    tmp_path: Any, content: bytes, expected: str
) -> None:
    path = tmp_path / "checkin.yaml"
    path.write_bytes(content)
    with pytest.raises(CheckinError) as refused:
        load_checkin(path)
    assert expected in str(refused.value)
    assert str(path) in str(refused.value)
