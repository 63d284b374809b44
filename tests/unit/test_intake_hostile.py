"""Inputs that once passed validation and then crashed a later step, or made kinchain work for
minutes: lone surrogates, month or day 0, values nested hundreds deep, lists of thousands."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.errors import IntakeError, Problem
from kinchain.intake import PartialDate, parse_intake
from kinchain.intake._checks import describe, shown
from kinchain.intake._limits import LIMIT_NAMES, _parse, limit
from kinchain.intake.files import read_intake_data
from kinchain.intake.problems import problems_from

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOM = read_intake_data(EXAMPLES / "tom.yaml")
AS_OF = dt.date(2026, 12, 2)


def refused(change: Any) -> list[str]:
    data = copy.deepcopy(TOM)
    change(data)
    with pytest.raises(IntakeError) as error:
        parse_intake(data, source="t.yaml", as_of=AS_OF)
    return [str(p) for p in error.value.problems]


# ------------------------------------------------------------------------------ lone surrogates


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_lone_surrogate_in_the_name_is_refused_by_validate_with_its_field_and_position(
    tmp_path: Path, suffix: str
) -> None:
    text = (EXAMPLES / f"tom{suffix}").read_text(encoding="utf-8")
    path = tmp_path / f"tom{suffix}"
    escaped = '"Tom \\ud800 Example"'  # a YAML escape only inside double quotes
    text = text.replace('"Tom Example"', escaped).replace("name: Tom Example", f"name: {escaped}")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--as-of", "2026-12-02"])
    assert result.exit_code == 2, result.output
    assert (
        "client.name: text contains an invalid character (a lone UTF-16 surrogate) at position 5"
        in result.output
    )


def test_assess_program_and_report_refuse_a_lone_surrogate_instead_of_crashing(
    tmp_path: Path,
) -> None:
    data = copy.deepcopy(TOM)
    data["goals"] = ["run \ud83d again"]
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    for command in (["assess"], ["program"], ["report", "--out", str(tmp_path / "r.html")]):
        result = CliRunner().invoke(app, [*command, str(path), "--as-of", "2026-12-02"])
        assert result.exit_code == 2, (command, result.output)
        assert isinstance(result.exception, SystemExit), result.exception
        assert "goals[0]: text contains an invalid character" in result.output
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    "path",
    [
        ("pain", 0, "worse_with", 0),
        ("injuries", 0, "notes"),
        ("footwear", 0, "name"),
        ("activities", 0, "surface"),
        ("habits", "gait_notes"),
        ("questionnaires", "psfs"),
    ],
)
def test_a_lone_surrogate_is_refused_in_every_kind_of_text(path: tuple[Any, ...]) -> None:
    def change(data: dict[str, Any]) -> None:
        if path[0] == "questionnaires":
            data["questionnaires"]["psfs"] = [{"activity": "jog \udc00", "score": 3}]
            return
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = "low \udfff end"

    problems = refused(change)
    assert len(problems) == 1 and "a lone UTF-16 surrogate) at position" in problems[0]


def test_an_emoji_written_as_a_yaml_escape_pair_is_read_as_the_emoji(tmp_path: Path) -> None:
    text = (EXAMPLES / "tom.yaml").read_text(encoding="utf-8")
    path = tmp_path / "emoji.yaml"
    path.write_text(text.replace("name: Tom Example", 'name: "Tom \\ud83d\\ude00"', 1), "utf-8")
    intake = parse_intake(read_intake_data(path), as_of=AS_OF)
    assert intake.client.name == "Tom \N{GRINNING FACE}"


# ---------------------------------------------------------------------------- month and day zero


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2019-00", "expected a month 01..12; received '2019-00'"),
        ("2019-07-00", "expected a day 01..31 (July 2019 has 31 days); received '2019-07-00'"),
        ("2019-02-30", "expected a day 01..28 (February 2019 has 28 days); received '2019-02-30'"),
        ("2019-13", "expected a month 01..12; received '2019-13'"),
        ({"year": 2019, "month": 0}, "expected a month 01..12; received '2019-00'"),
        ({"year": 2019, "month": 4, "day": 0}, "expected a day 01..30 (April 2019 has 30 days)"),
    ],
)
@pytest.mark.parametrize(
    ("where", "key"), [(("injuries", 1), "date"), (("pain", 0), "since")]
)
def test_a_month_or_day_zero_is_refused_with_the_path_not_read_as_the_first(
    written: Any, expected: str, where: tuple[str, int], key: str
) -> None:
    problems = refused(lambda d: d[where[0]][where[1]].__setitem__(key, written))
    assert len(problems) == 1
    assert problems[0].startswith(f"{where[0]}[{where[1]}].{key}: {expected}")


def test_the_29th_of_february_is_a_day_in_a_leap_year_only() -> None:
    assert str(PartialDate.model_validate("2020-02-29")) == "2020-02-29"
    with pytest.raises(ValueError, match="February 2019 has 28 days"):
        PartialDate.model_validate("2019-02-29")


def test_an_intake_with_month_zero_is_refused_by_assess_instead_of_crashing(
    tmp_path: Path,
) -> None:
    text = (EXAMPLES / "tom.yaml").read_text(encoding="utf-8")
    path = tmp_path / "month0.yaml"
    path.write_text(text.replace("date: 2019-07", "date: 2019-00", 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(path), "--as-of", "2026-12-02"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "injuries[1].date: expected a month 01..12; received '2019-00'" in result.output


# ------------------------------------------------------------------------ short quotes of values


def test_a_message_quotes_a_long_text_as_a_short_excerpt_with_its_length() -> None:
    quoted = shown("x" * 300_083)
    assert len(quoted) < 80 and quoted.endswith("...' (300,083 characters)")


def test_a_value_nested_six_hundred_deep_is_quoted_without_a_recursion_error() -> None:
    deep: Any = 1
    for _ in range(600):
        deep = {"a": [deep]}
    assert len(shown(deep)) < 100 and describe(deep) == "a mapping"


def test_every_message_about_a_huge_or_deeply_nested_value_stays_short() -> None:
    deep: Any = "x" * 100_000
    for _ in range(600):
        deep = [deep]
    problems = refused(lambda d: d.update(daily_minutes=deep, goals=["y" * 300_083],
                                          habits={"sitting_hours": 10**5000}))
    assert len(problems) == 3
    assert all(len(p) < 200 for p in problems), problems
    assert any("300,083 characters long" in p for p in problems)


# ---------------------------------------------------------------------------------------- limits


@pytest.mark.parametrize(
    ("field", "entry", "word"),
    [
        ("injuries", {"site": "knee", "side": "right", "kind": "sprain", "date": "2019"},
         "injuries"),
        ("pain", {"site": "lumbar_spine", "intensity": 3, "since": "2025"}, "pains"),
        ("footwear", {"name": "flats", "kind": "flat"}, "shoes"),
        ("activities", {"kind": "walk", "minutes_per_week": 60}, "activities"),
        ("goals", "walk more", "goals"),
    ],
)
def test_more_entries_than_the_limit_are_refused_naming_the_field_the_limit_and_the_count(
    field: str, entry: Any, word: str
) -> None:
    most = limit(field)
    assert parse_intake({**TOM, field: [entry] * most}, as_of=AS_OF)  # the limit itself is fine
    problems = refused(lambda d: d.__setitem__(field, [entry] * (most + 1)))
    assert problems == [
        f"{field}: {most + 1:,} {word} given; at most {most:,} are allowed "
        "(a limit far above what a real client needs)"
    ]


def test_ten_thousand_bad_activities_are_refused_by_one_count_not_thousands_of_problems() -> None:
    problems = refused(lambda d: d.__setitem__("activities", [{"kind": "jogg"}] * 10_000))
    assert problems == [
        "activities: 10,000 activities given; at most 30 are allowed "
        "(a limit far above what a real client needs)"
    ]


def test_a_questionnaire_list_longer_than_any_instrument_is_refused_before_its_items() -> None:
    problems = refused(lambda d: d["questionnaires"].__setitem__("lefs", ["x"] * 5000))
    assert problems == [
        "questionnaires.lefs: 5,000 answers given; at most 60 are allowed "
        "(a limit far above what a real client needs)"
    ]


def test_a_refusal_with_thousands_of_problems_prints_fifty_and_counts_the_rest() -> None:
    data = {**TOM, "habits": {f"habit_{i}": i for i in range(3000)}}
    with pytest.raises(IntakeError) as error:
        parse_intake(data, source="t.yaml", as_of=AS_OF)
    assert len(error.value.problems) == 3000
    lines = str(error.value).splitlines()
    assert lines[0] == "t.yaml: 3,000 problem(s)"
    assert len(lines) == 1 + limit("problems_shown") + 1
    assert lines[-1] == f"  ... and {3000 - limit('problems_shown'):,} more problems"


def test_kinchain_validate_prints_at_most_fifty_problems_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps({**TOM, "habits": {f"h{i}": i for i in range(500)}}, default=str))
    result = CliRunner().invoke(app, ["validate", str(path), "--as-of", "2026-12-02"])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == limit("problems_shown") + 1
    assert lines[-1] == f"{path}: ... and {500 - limit('problems_shown'):,} more problems"


def test_a_problem_repeated_thousands_of_times_is_kept_once_in_file_order() -> None:
    from pydantic import ValidationError

    from kinchain.intake import Intake

    data = {**TOM, "habits": {"b": 1, "a": 2}}
    try:
        Intake.model_validate(data, context={"as_of": AS_OF})
    except ValidationError as e:
        problems = problems_from(e)
    assert [p.path for p in problems] == ["habits.b", "habits.a"]
    assert len({p for p in problems}) == len(problems)
    assert isinstance(problems[0], Problem)


def test_the_limits_file_must_give_every_limit_and_no_other() -> None:
    good = {"cite": ["heuristic"], "limits": {name: 5 for name in LIMIT_NAMES}}
    assert _parse(good)["injuries"] == 5
    for bad in (
        {**good, "limits": {k: v for k, v in good["limits"].items() if k != "pain"}},
        {**good, "limits": {**good["limits"], "elbows": 2}},
        {**good, "limits": {**good["limits"], "pain": 0}},
        {**good, "limits": {**good["limits"], "pain": True}},
    ):
        with pytest.raises(ValueError, match=r"limits\.yaml"):
            _parse(bad)


def test_every_limit_in_the_data_file_says_why_it_is_generous() -> None:
    lines = (Path(__file__).resolve().parents[2] / "src/kinchain/intake/limits.yaml").read_text(
        encoding="utf-8").splitlines()
    body = lines[lines.index("limits:") + 1:]
    for i, line in enumerate(body):
        if not line.lstrip().startswith("#"):
            assert body[i - 1].lstrip().startswith("#"), f"no reason given above {line.strip()}"


def test_more_check_in_files_than_the_limit_are_refused_before_any_is_read(
    tmp_path: Path,
) -> None:
    files = [str(tmp_path / f"c{i}.yaml") for i in range(limit("checkins") + 1)]  # none exist
    result = CliRunner().invoke(app, ["checkin", str(EXAMPLES / "tom.yaml"), *files])
    assert result.exit_code == 2, result.output
    assert f"{limit('checkins') + 1:,} check-in files given; at most {limit('checkins'):,}" in (
        " ".join(result.output.split())
    )


@pytest.mark.parametrize("as_list", [True, False], ids=["lists", "mappings"])
def test_questionnaire_answers_nested_nine_hundred_deep_are_refused_not_a_recursion_error(
    as_list: bool,
) -> None:
    from kinchain.assessment.instruments import score_instruments
    from kinchain.errors import InstrumentError

    deep: Any = 3
    for _ in range(900):
        deep = [deep] if as_list else {"a": deep}
    with pytest.raises(InstrumentError) as refused:
        score_instruments({"lefs": deep})
    assert len(str(refused.value)) < 300
