"""Bad intakes are refused with every problem at once, each with its path, in a coach's words."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kinchain.errors import IntakeError
from kinchain.intake import parse_intake
from kinchain.intake.files import read_intake_data

AS_OF = dt.date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def maria() -> dict[str, Any]:
    return copy.deepcopy(read_intake_data(EXAMPLES / "maria.yaml"))


def problems_after(change: Callable[[dict[str, Any]], None]) -> list[str]:
    data = maria()
    change(data)
    with pytest.raises(IntakeError) as caught:
        parse_intake(data, source="maria.yaml", as_of=AS_OF)
    return [str(p) for p in caught.value.problems]


def test_an_injury_dated_in_the_future_is_refused_with_its_path() -> None:
    problems = problems_after(lambda d: d["injuries"][1].update(date="2031-05"))
    assert problems == ["injuries[1].date: 2031-05 is in the future (as of 2026-11-25)"]


def test_a_date_this_month_is_not_in_the_future() -> None:
    data = maria()
    data["pain"][0]["since"] = "2026-11"
    assert str(parse_intake(data, as_of=AS_OF).pain[0].since) == "2026-11"


def test_pain_above_ten_is_outside_the_rating_scale() -> None:
    problems = problems_after(lambda d: d["pain"][0].update(intensity=12))
    assert problems == ["pain[0].intensity: 12 is outside 0..10"]


def test_a_misspelt_site_is_refused_with_the_likely_site() -> None:
    problems = problems_after(lambda d: d["pain"][0].update(site="ankel"))
    assert problems == ["pain[0].site: unknown site 'ankel' (did you mean 'ankle'?)"]


def test_a_side_on_a_spine_site_is_refused() -> None:
    problems = problems_after(lambda d: d["pain"][1].update(side="left"))
    assert len(problems) == 1
    assert problems[0].startswith("pain[1].side: lumbar_spine")
    assert "takes no side" in problems[0] and "'left'" in problems[0]


def test_a_limb_site_without_a_side_is_refused() -> None:
    problems = problems_after(lambda d: d["injuries"][0].pop("side"))
    assert problems == ["injuries[0].side: ankle takes a side (left, right or both); none given"]


def test_a_grade_on_a_fracture_is_refused_because_grades_belong_to_sprains_and_strains() -> None:
    problems = problems_after(lambda d: d["injuries"][1].update(grade=2))
    assert len(problems) == 1 and problems[0].startswith("injuries[1].grade: ")
    assert "sprain or strain" in problems[0] and "fracture" in problems[0]


def test_a_pregnancy_above_42_weeks_is_refused() -> None:
    problems = problems_after(
        lambda d: d["client"].update(life_stage={"status": "pregnant", "weeks": 45})
    )
    assert problems == ["client.life_stage.weeks: 45 weeks of pregnancy is outside 0..42"]


def test_an_unknown_top_level_key_is_called_a_likely_typo_of_the_right_key() -> None:
    problems = problems_after(lambda d: d.update(injures=d.pop("injuries")))
    assert problems == ["injures: unknown top-level key; likely a typo of 'injuries'"]


def test_a_typo_of_a_required_key_is_reported_once_not_also_as_missing() -> None:
    problems = problems_after(lambda d: d.update(clinet=d.pop("client")))
    assert problems == ["clinet: unknown top-level key; likely a typo of 'client'"]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("client", "height_cm"), "x", "client.height_cm: expected a number; received 'x' (text)"),
        (("daily_minutes",), 12.5, "daily_minutes: expected a whole number; received 12.5"),
        (
            ("pain", 0, "intensity"),
            True,
            "pain[0].intensity: expected a whole number; received true (a yes/no)",
        ),
        (("goals",), "jog", "goals: expected a list; received 'jog' (text)"),
        (("habits",), [1], "habits: expected a mapping of keys; received a list"),
        (("client", "name"), None, "client.name: expected text; received nothing (an empty value)"),
    ],
)
def test_a_wrong_type_names_what_was_expected_and_what_was_received(
    path: tuple[str | int, ...], value: object, expected: str
) -> None:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    assert problems_after(change) == [expected]


def test_a_value_outside_the_allowed_words_suggests_the_closest_word() -> None:
    problems = problems_after(lambda d: d["activities"][0].update(kind="joging"))
    assert len(problems) == 1
    assert problems[0].startswith("activities[0].kind: 'joging' is not one of")
    assert problems[0].endswith("(did you mean 'jog'?)")


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    def many(d: dict[str, Any]) -> None:
        d["injuries"][1]["date"] = "2031-05"
        d["pain"][0]["intensity"] = 12
        d["pain"][1]["site"] = "lumbar_spien"
        d["footwear"][0]["hours_per_day"] = 30
        d["screening"] = {"saddle_numbnes": True}

    paths = [p.split(": ")[0] for p in problems_after(many)]
    assert paths == [
        "injuries[1].date",
        "pain[0].intensity",
        "pain[1].site",
        "footwear[0].hours_per_day",
        "screening.saddle_numbnes",
    ]


def test_a_date_before_the_clients_birth_year_is_refused() -> None:
    problems = problems_after(lambda d: d["injuries"][0].update(date=1985))
    assert problems == ["injuries[0].date: 1985 is before the client's birth year 1991"]


def test_an_impossible_calendar_date_is_refused() -> None:
    problems = problems_after(lambda d: d["injuries"][0].update(date="2006-02-30"))
    assert problems == [
        "injuries[0].date: expected a day 01..28 (February 2006 has 28 days); "
        "received '2006-02-30' (day 30)"
    ]


def test_sitting_and_standing_cannot_exceed_a_day() -> None:
    problems = problems_after(lambda d: d["habits"].update(sitting_hours=16, standing_hours=10))
    assert problems == ["habits.standing_hours: 10 h standing and 16 h sitting exceed 24 hours"]


def test_a_questionnaire_in_the_wrong_shape_is_refused_with_the_allowed_shapes() -> None:
    problems = problems_after(lambda d: d["questionnaires"].update(cait=19))
    assert problems == [
        "questionnaires.cait: expected {total: n} or a list of item scores; received 19"
    ]


def test_a_misspelt_questionnaire_part_suggests_the_right_one() -> None:
    problems = problems_after(lambda d: d["questionnaires"].update(faam={"sport": [4] * 8}))
    assert problems == ["questionnaires.faam.sport: unknown key (did you mean 'sports'?)"]


def test_no_pydantic_words_reach_the_coach() -> None:
    def many(d: dict[str, Any]) -> None:
        d["client"] = {"name": 3, "birth_year": "x", "sex": 1, "height_cm": [], "mass_kg": {}}
        d["injuries"] = [{"site": 1, "kind": None, "date": {"y": 1}}, 5, "x"]
        d["questionnaires"] = {"rmdq": {"yes": "a", "no": 1}, "psfs": [3], "odi": "x"}

    for problem in problems_after(many):
        for jargon in ("Input should", "validation error", "pydantic", "[type=", "~", "Field "):
            assert jargon not in problem, problem


def test_an_intake_that_is_not_a_mapping_is_a_whole_file_problem() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_intake(["client"], source="x.yaml")
    (problem,) = caught.value.problems
    assert problem.path == "" and "received a list" in problem.message


def test_an_empty_optional_section_means_the_same_as_leaving_it_out() -> None:
    data = maria()
    data.update(injuries=None, goals=None, screening=None)
    data["pain"][0]["worse_with"] = None
    intake = parse_intake(data, as_of=AS_OF)
    assert (intake.injuries, intake.goals, intake.screening) == ((), (), {})
    assert intake.pain[0].worse_with == ()


def test_an_empty_required_value_is_still_refused() -> None:
    problems = problems_after(lambda d: d["pain"][0].update(intensity=None))
    assert problems == [
        "pain[0].intensity: expected a whole number; received nothing (an empty value)"
    ]


def test_a_key_written_in_the_wrong_section_is_told_where_it_belongs() -> None:
    def misplaced(d: dict[str, Any]) -> None:
        d["sitting_hours"] = d["habits"].pop("sitting_hours")
        d["injuries"][0]["intensity"] = 4

    assert problems_after(misplaced) == [
        "injuries[0].intensity: unknown key; intensity belongs under pain:",
        "sitting_hours: unknown top-level key; sitting_hours belongs under habits:",
    ]


def test_a_date_too_large_for_any_calendar_is_refused_not_crashed_on() -> None:
    problems = problems_after(lambda d: d["injuries"][0].update(date=2**70))
    assert len(problems) == 1 and problems[0].startswith("injuries[0].date: 11805916207174113...")
    assert "is not a calendar date" in problems[0]
