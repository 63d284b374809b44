"""After a referral the program resumes only once the coach records the clinician's clearance;
a back pain recorded as worse at night counts as night pain; the NICE recheck date is given."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kinchain.assessment import assess
from kinchain.errors import IntakeError
from kinchain.intake import parse_intake
from kinchain.program import build_program

AS_OF = dt.date(2026, 12, 2)


def intake(**extra: Any) -> Any:
    doc: dict[str, Any] = {
        "client": {
            "name": "Ann Test",
            "birth_year": 1966,
            "sex": "female",
            "height_cm": 162,
            "mass_kg": 61,
        },
        "daily_minutes": 10,
        "pain": [{"site": "lumbar_spine", "intensity": 5, "since": "2026-06"}],
        "screening": {"history_of_cancer": True},
    }
    doc.update(extra)
    return parse_intake(doc, as_of=AS_OF)


def clearance(day: str = "2026-11-20", flags: list[str] | None = None) -> list[dict[str, Any]]:
    return [
        {
            "date": day,
            "by": "Dr A Patel, GP",
            "said": "Examined; exercise may start.",
            "flags": flags or ["history_of_cancer", "age_at_onset"],
        }
    ]


def test_a_referred_client_gets_no_program_until_a_clearance_is_recorded() -> None:
    client = intake()
    result = assess(client, as_of=AS_OF)
    assert result.program_suspended
    assert build_program(client, result, as_of=AS_OF) is None


def test_a_recorded_clearance_covering_every_flag_resumes_the_program_and_says_who_cleared() -> (
    None
):
    client = intake(clearance=clearance())
    result = assess(client, as_of=AS_OF)
    assert not result.program_suspended
    assert build_program(client, result, as_of=AS_OF) is not None
    ref = result.to_json()["referral"]
    assert {c["key"] for c in ref["cleared"]} == {"history_of_cancer", "age_at_onset"}
    assert all(c["by"] == "Dr A Patel, GP" and c["date"] == "2026-11-20" for c in ref["cleared"])


def test_a_clearance_that_leaves_one_flag_uncovered_keeps_the_program_suspended() -> None:
    client = intake(clearance=clearance(flags=["history_of_cancer"]))  # age_at_onset uncovered
    assert assess(client, as_of=AS_OF).program_suspended


def test_a_back_pain_that_began_after_the_clearance_day_is_not_covered_by_it() -> None:
    later = [{"site": "lumbar_spine", "intensity": 5, "since": "2026-11-25"}]
    client = intake(pain=later, clearance=clearance(day="2026-11-20"))
    assert assess(client, as_of=AS_OF).program_suspended


def test_a_clearance_dated_in_the_future_is_refused_with_its_path() -> None:
    with pytest.raises(IntakeError, match=r"clearance\[0\]\.date: 2026-12-05 is in the future"):
        intake(clearance=clearance(day="2026-12-05"))


def test_a_clearance_naming_an_unknown_flag_is_refused_with_a_suggestion() -> None:
    with pytest.raises(IntakeError, match=r"clearance\[0\]\.flags\[0\].*history_of_cancer"):
        intake(clearance=clearance(flags=["history_of_cancr"]))


def test_a_clearance_needs_the_whole_day_it_was_given() -> None:
    with pytest.raises(IntakeError, match=r"clearance\[0\]\.date: .*needs a day"):
        intake(clearance=clearance(day="2026-11"))


def test_a_sixteen_year_old_whose_back_pain_is_worse_at_night_is_held_until_a_clinician_looks() -> (
    None
):
    teen = parse_intake(
        {
            "client": {
                "name": "Sam Young",
                "birth_year": 2010,
                "sex": "male",
                "height_cm": 170,
                "mass_kg": 60,
            },
            "daily_minutes": 10,
            "pain": [
                {"site": "lumbar_spine", "intensity": 5, "since": "2026-09", "pattern": "night"}
            ],
        },
        as_of=AS_OF,
    )
    result = assess(teen, as_of=AS_OF)
    assert result.program_suspended
    assert {f.key for f in result.screening.flags} == {"night_pain_unrelenting", "age_at_onset"}
    assert build_program(teen, result, as_of=AS_OF) is None
    assert any(n.startswith("Ask about night pain") for n in result.notes)


def test_an_explicit_no_to_the_night_pain_question_wins_over_the_recorded_pattern() -> None:
    client = intake(
        pain=[{"site": "lumbar_spine", "intensity": 5, "since": "2026-06", "pattern": "night"}],
        screening={"night_pain_unrelenting": False},
    )
    assert assess(client, as_of=AS_OF).referral is None


def test_the_coach_is_told_the_date_to_recheck_inflammatory_back_pain_at_three_months() -> None:
    client = parse_intake(
        {
            "client": {
                "name": "Lee",
                "birth_year": 1996,
                "sex": "male",
                "height_cm": 180,
                "mass_kg": 75,
            },
            "daily_minutes": 10,
            "pain": [{"site": "lumbar_spine", "intensity": 4, "since": "2026-11-01"}],
            "screening": dict.fromkeys(
                ["wakes_second_half_of_night", "buttock_pain", "improves_with_movement"], True
            ),
        },
        as_of=AS_OF,
    )
    result = assess(client, as_of=AS_OF)
    assert result.referral is None
    assert any("2027-02-01" in n and "4 features" in n for n in result.notes)
    assert result.to_json()["screening"]["notes"] == list(result.screening.notes)
