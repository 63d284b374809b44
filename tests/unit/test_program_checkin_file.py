"""A check-in file is read with the intake's strictness and refused in its voice: every problem
at once, with the path, what was expected and what was received."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from test_program_checkin_replay import TODAY, _checkin, _program
from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.errors import CheckinError
from kinchain.program import Program, apply_checkins, load_checkin, parse_checkin
from kinchain.services.program import checkin_file

ROOT = Path(__file__).resolve().parents[2]
MARIA = ROOT / "examples" / "maria.yaml"


def _refused(data: Any, **kwargs: Any) -> CheckinError:
    with pytest.raises(CheckinError) as refused:
        parse_checkin(data, source="c.yaml", today=kwargs.pop("today", TODAY), **kwargs)
    return refused.value


def _messages(error: CheckinError) -> dict[str, str]:
    return {p.path: p.message for p in error.problems}


@pytest.fixture(scope="module")
def program() -> Program:
    return _program(daily_minutes=12)


# --------------------------------------------------------------------- fault 6: no coercion


@pytest.mark.parametrize(
    ("intensity", "received"), [(True, "true (a yes/no)"), ("5", "'5' (text)"), (4.5, "4.5")]
)
def test_a_pain_intensity_given_as_a_yes_no_text_or_fraction_is_refused_not_read_as_a_number(
    intensity: Any, received: str
) -> None:
    pain = [{"site": "ankle", "side": "left", "intensity": intensity}]
    error = _refused({"date": "2026-12-01", "effort": "ok", "pain": pain})
    assert _messages(error)["pain[0].intensity"] == f"expected a whole number; received {received}"


@pytest.mark.parametrize("date", [0, True, 20261201, "2026-12", "1.12.2026"])
def test_a_check_in_date_that_is_not_a_calendar_day_is_refused_not_read_as_1970(date: Any) -> None:
    error = _refused({"date": date, "effort": "ok"})
    assert _messages(error)["date"].startswith("expected a date as YYYY-MM-DD; received")


def test_a_side_given_for_the_lower_back_is_refused_instead_of_making_a_phantom_pain() -> None:
    pain = [{"site": "lumbar_spine", "side": "left", "intensity": 5}]
    error = _refused({"date": "2026-12-01", "effort": "ok", "pain": pain})
    assert "midline site and takes no side" in _messages(error)["pain[0].side"]


def test_a_one_sided_report_is_compared_with_the_intake_s_both_sided_pain(
    program: Program,
) -> None:
    pains = [{"site": "sacroiliac", "side": "both", "intensity": 5, "since": "2025-09"}]
    both = _program(daily_minutes=12, pain=pains)
    same = [{"site": "sacroiliac", "side": "left", "intensity": 5}]
    outcome = apply_checkins(both, [_checkin(both, 14, "ok", pain=same)])
    assert not [c for c in outcome.changes if "pain" in c.rule]


def test_a_site_given_twice_in_one_check_in_is_refused() -> None:
    pain = [
        {"site": "sacroiliac", "side": "both", "intensity": 3},
        {"site": "sacroiliac", "side": "left", "intensity": 6},
    ]
    error = _refused({"date": "2026-12-01", "effort": "ok", "pain": pain})
    assert "given twice" in _messages(error)["pain"]


def test_an_instruments_mapping_nested_600_deep_is_refused_cleanly_with_a_short_message(
    tmp_path: Path,
) -> None:
    deep: Any = 1
    for _ in range(600):
        deep = {"a": deep}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps({"date": "2026-12-01", "effort": "ok", "instruments": deep}))
    with pytest.raises(CheckinError) as refused:
        load_checkin(path, today=TODAY)
    assert len(str(refused.value)) < 300
    assert refused.value.problems
    assert "nested" in str(refused.value)


def test_a_long_bad_value_is_quoted_as_a_short_excerpt() -> None:
    error = _refused({"date": "2026-12-01", "effort": "x" * 5000})
    assert len(_messages(error)["effort"]) < 120


# ---------------------------------------------------------- fault 5: every problem, one voice


def test_every_problem_of_a_check_in_is_reported_at_once_in_the_intake_s_words() -> None:
    data = {
        "date": "2031-01-01",
        "effort": "fine",
        "pain": [{"site": "ankel", "side": "left", "intensity": 12}],
        "done": ["bird_dog", "bird_dogg", "toe_yogaa"],
        "instruments": {"cait": {"total": 31}},
        "mood": "good",
    }
    error = _refused(data)
    found = _messages(error)
    assert set(found) == {
        "date",
        "effort",
        "pain[0].site",
        "pain[0].intensity",
        "done[1]",
        "done[2]",
        "instruments.cait.total",
        "mood",
    }
    assert found["done[1]"] == "unknown exercise id 'bird_dogg' (did you mean 'bird_dog'?)"
    assert "did you mean 'toe_yoga'" in found["done[2]"]
    assert found["date"] == "2031-01-01 is in the future (today is 2027-06-01)"
    assert found["pain[0].intensity"] == "12 is outside 0..10"
    text = str(error)
    assert "Input should" not in text and "pydantic" not in text
    assert text.startswith("c.yaml: 8 problem(s)")


def test_a_check_in_dated_after_today_is_refused_by_the_file_loader(tmp_path: Path) -> None:
    path = tmp_path / "later.yaml"
    path.write_text("date: 2031-05-01\neffort: ok\n")
    with pytest.raises(CheckinError) as refused:
        load_checkin(path, today=dt.date(2026, 12, 2))
    assert "2031-05-01 is in the future" in str(refused.value)
    assert str(path) in str(refused.value)


def test_an_unknown_flare_cause_gets_a_did_you_mean() -> None:
    error = _refused({"date": "2026-12-01", "effort": "ok", "flare_with": ["carying"]})
    assert "did you mean 'carrying'" in _messages(error)["flare_with[0]"]


def test_a_check_in_dated_before_the_intake_names_the_check_in_not_the_intake(
    tmp_path: Path,
) -> None:
    early = tmp_path / "early.yaml"
    early.write_text("date: 2019-01-01\neffort: ok\n")
    with pytest.raises(CheckinError) as refused:
        checkin_file(MARIA, [early], today=dt.date(2026, 12, 2))
    assert refused.value.source == str(early)
    assert refused.value.problems[0].path == "date"


def test_a_check_in_dated_before_the_program_names_the_check_in_and_the_program_date(
    tmp_path: Path,
) -> None:
    early = tmp_path / "early.yaml"
    early.write_text("date: 2026-10-01\neffort: ok\n")
    with pytest.raises(CheckinError) as refused:
        checkin_file(MARIA, [early], as_of=dt.date(2026, 11, 1), today=dt.date(2026, 12, 2))
    assert refused.value.source == str(early)
    assert "2026-10-01 is before 2026-11-01" in refused.value.problems[0].message


def test_validate_recognises_a_check_in_file_and_checks_it_as_one(tmp_path: Path) -> None:
    good = ROOT / "examples" / "checkin-maria-1.yaml"
    out = CliRunner().invoke(app, ["validate", str(good), "--as-of", "2026-12-02"])
    assert out.exit_code == 0, out.output
    assert "ok (check-in)" in out.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("date: 2026-12-01\neffort: ok\ndone: [bird_dogg]\npain:\n  - {site: ankle}\n")
    out = CliRunner().invoke(app, ["validate", str(bad), "--as-of", "2026-12-02"])
    assert out.exit_code == 2
    assert "belongs under" not in out.output
    assert f"{bad}: done[0]: unknown exercise id 'bird_dogg'" in out.output
    assert f"{bad}: pain[0].intensity: required, but missing" in out.output


# ------------------------------------------------------------ fault 3: CAIT's minimal difference


def test_a_cait_rise_of_4_points_is_better_by_its_3_point_minimal_important_difference(
    program: Program,
) -> None:
    checkins = [
        _checkin(program, 14, "ok", instruments={"cait": {"total": 19}}),
        _checkin(program, 28, "ok", instruments={"cait": {"total": 23}}),
        _checkin(program, 42, "ok", instruments={"cait": {"total": 21}}),
    ]
    deltas = apply_checkins(program, checkins).instruments
    assert [d.mcid for d in deltas] == [3, 3, 3]
    assert [d.verdict for d in deltas] == ["no earlier score", "better", "no meaningful change"]


def test_a_questionnaire_that_worsens_by_its_minimal_important_difference_is_judged_worse(
    program: Program,
) -> None:
    checkins = [
        _checkin(program, 14, "ok", instruments={"nprs": 3}),
        _checkin(program, 28, "ok", instruments={"nprs": 6}),
    ]
    deltas = apply_checkins(program, checkins).instruments
    assert deltas[1].change == 3 and deltas[1].verdict == "worse"


# --------------------------------------------------------- fault 5 and 7: ids and dose words


def test_the_program_text_shows_each_exercise_id_beside_its_name() -> None:
    out = CliRunner().invoke(app, ["program", str(MARIA), "--as-of", "2026-12-02"])
    assert out.exit_code == 0, out.output
    assert "Side-to-side weight shift (2 x 10)  id: ankle_weight_shift" in out.output


def test_the_report_s_routine_shows_each_exercise_id_a_check_in_names(tmp_path: Path) -> None:
    from kinchain.services.report import render_report_file

    out = tmp_path / "maria.html"
    render_report_file(MARIA, out=out, as_of=dt.date(2026, 12, 2))
    html = out.read_text(encoding="utf-8")
    assert "check-in id: <code>ankle_weight_shift</code>" in html


def test_checkin_prints_the_same_dose_words_as_program_for_a_one_sided_item() -> None:
    files = sorted((ROOT / "examples").glob("checkin-maria-*.yaml"))
    out = CliRunner().invoke(app, ["checkin", str(MARIA), *map(str, files)])
    assert out.exit_code == 0, out.output
    assert "Side leg swings (1 x 15, left side only, 1 min)" in out.output
    assert "Side leg swings (1 x 15, each side" not in out.output


# ------------------------------------------------------------- bounded refusals (fuzz seed 55573)


def test_a_check_in_listing_thousands_of_exercise_ids_is_refused_with_one_count() -> None:
    error = _refused({"date": "2026-11-04", "effort": "ok", "done": ["dead_bugg"] * 4_422})
    assert _messages(error) == {
        "done": "4,422 exercise ids given; at most 100 are allowed "
        "(a limit far above what a real client needs)"
    }


def test_a_refused_check_in_prints_the_first_fifty_problems_and_counts_the_rest() -> None:
    error = _refused({"date": "2026-11-04", "effort": "ok", "done": ["dead_bugg"] * 60})
    assert len(error.problems) == 60
    text = str(error)
    assert "done[49]: unknown exercise id 'dead_bugg' (did you mean 'dead_bug'?)" in text
    assert "done[50]" not in text
    assert text.endswith("  ... and 10 more problems")
