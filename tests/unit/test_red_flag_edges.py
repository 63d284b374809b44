"""The red-flag screen's edges the mutation run found untested: the NICE count's action in the
trail, the recheck note's words, which flags a referral speaks of, night pain, later back pains
and clearances of the second flag."""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError
from typing import Any

import pytest

from kinchain.assessment.red_flags import red_flag_rules, screen
from kinchain.intake import Intake

AS_OF = dt.date(2026, 12, 2)
RHEUM = [
    "wakes_second_half_of_night",
    "buttock_pain",
    "improves_with_movement",
    "improves_with_nsaids",
    "family_history_spondyloarthritis",
]


def client(
    *,
    born: int = 1985,
    pain: list[dict[str, Any]] | None = None,
    answers: dict[str, bool] | None = None,
    as_of: dt.date = AS_OF,
    **extra: Any,
) -> Intake:
    doc: dict[str, Any] = {
        "client": {
            "name": "T",
            "birth_year": born,
            "sex": "male",
            "height_cm": 175,
            "mass_kg": 70,
        },
        "daily_minutes": 10,
        "pain": pain or [{"site": "lumbar_spine", "intensity": 4, "since": "2020-03"}],
        "screening": answers or {},
    }
    doc.update(extra)
    return Intake.model_validate(doc, context={"as_of": as_of})


def _reason(cause: str, key: str) -> str:
    return next(f.reason for f in red_flag_rules().cause(cause).flags if f.key == key)


@pytest.mark.parametrize(
    ("count", "action"),
    [
        (2, "no referral"),
        (3, "HLA-B27 test first"),
        (4, "refer to rheumatology"),
        (5, "refer to rheumatology"),
    ],
)
def test_the_trail_names_the_action_the_nice_count_calls_for(count: int, action: str) -> None:
    # red_flags.yaml rheumatology: test_at 3, refer_at 4 (nice2017)
    result = screen(client(answers=dict.fromkeys(RHEUM[:count], True)), as_of=AS_OF)
    step = next(s for s in result.trail if s.fact.startswith("criteria met"))
    assert step.note == action
    assert step.value == count


def test_the_trail_says_none_when_no_nice_criterion_is_met() -> None:
    result = screen(client(), as_of=AS_OF)
    step = next(s for s in result.trail if s.fact.startswith("criteria met"))
    assert step.fact == "criteria met: none"


@pytest.mark.parametrize(
    ("since", "applies"), [("2020-03", "applies"), ("2026-11-01", "does not apply")]
)
def test_the_trail_says_whether_the_nice_rule_applies(since: str, applies: str) -> None:
    intake = client(pain=[{"site": "lumbar_spine", "intensity": 4, "since": since}])
    step = next(s for s in screen(intake, as_of=AS_OF).trail if "inflammatory" in s.rule)
    assert step.value == applies


@pytest.mark.parametrize(("count", "noted"), [(2, False), (3, True), (4, True)])
def test_three_features_in_a_too_recent_pain_already_ask_for_a_recheck(
    count: int, noted: bool
) -> None:
    intake = client(
        pain=[{"site": "lumbar_spine", "intensity": 4, "since": "2026-11-01"}],
        answers=dict.fromkeys(RHEUM[:count], True),
    )
    notes = screen(intake, as_of=AS_OF).notes
    assert bool(notes) is noted
    if noted:
        assert f"{count} features" in notes[0]


@pytest.mark.parametrize(
    ("since", "words"),
    [
        ("2026-11-18", "only less than a month;"),  # 14 days
        ("2026-11-01", "only 1 month;"),  # 31 days
        ("2026-10-02", "only 2 months;"),  # 61 days
    ],
)
def test_the_recheck_note_says_how_long_the_pain_has_lasted(since: str, words: str) -> None:
    intake = client(
        pain=[{"site": "lumbar_spine", "intensity": 4, "since": since}],
        answers=dict.fromkeys(RHEUM[:4], True),
    )
    notes = screen(intake, as_of=AS_OF).notes
    assert len(notes) == 1 and words in notes[0]


def test_an_urgent_referral_speaks_only_of_the_urgent_flags_not_the_routine_ones() -> None:
    answers = {"history_of_cancer": True, **dict.fromkeys(RHEUM[:4], True)}
    referral = screen(client(answers=answers), as_of=AS_OF).referral
    assert referral is not None and referral.urgency == "urgent"
    assert referral.reasons == (_reason("cancer", "history_of_cancer"),)


def test_an_emergency_referral_speaks_only_of_the_emergency_flags_not_the_same_day_ones() -> None:
    answers = {"saddle_numbness": True, "fever_or_rigors": True}
    referral = screen(client(answers=answers), as_of=AS_OF).referral
    assert referral is not None and referral.urgency == "emergency"
    assert referral.reasons == (_reason("cauda_equina", "saddle_numbness"),)


def test_two_urgent_causes_take_the_advice_of_the_one_listed_first() -> None:
    # red_flags.yaml lists cancer before fracture_minor_trauma; both are urgent
    answers = {"history_of_cancer": True, "osteoporosis_or_long_term_steroids": True}
    referral = screen(client(answers=answers), as_of=AS_OF).referral
    assert referral is not None and referral.cause == "cancer"
    assert len(referral.reasons) == 2


@pytest.mark.parametrize(("pattern", "flagged"), [("night", True), ("constant", False)])
def test_a_back_pain_worse_at_night_stands_for_the_unanswered_night_pain_question(
    pattern: str, flagged: bool
) -> None:
    intake = client(
        pain=[{"site": "lumbar_spine", "intensity": 4, "since": "2020-03", "pattern": pattern}]
    )
    flags = [f for f in screen(intake, as_of=AS_OF).flags if f.key == "night_pain_unrelenting"]
    assert bool(flags) is flagged
    if flagged:
        assert flags[0].reason.startswith(_reason("cancer", "night_pain_unrelenting"))


def test_a_second_back_pain_worse_at_night_is_seen_after_a_first_that_is_not() -> None:
    intake = client(
        pain=[
            {"site": "lumbar_spine", "intensity": 4, "since": "2020-03"},
            {"site": "thoracic_spine", "intensity": 4, "since": "2020-03", "pattern": "night"},
        ]
    )
    assert "night_pain_unrelenting" in {f.key for f in screen(intake, as_of=AS_OF).flags}


def test_a_second_back_pain_that_began_after_fifty_counts_after_a_first_that_began_at_forty() -> (
    None
):
    intake = client(
        born=1960,
        pain=[
            {"site": "lumbar_spine", "intensity": 4, "since": "2000-03"},
            {"site": "thoracic_spine", "intensity": 4, "since": "2020-03"},
        ],
        answers={"history_of_cancer": True},
    )
    assert "age_at_onset" in {f.key for f in screen(intake, as_of=AS_OF).flags}


def _clearance(day: str, flags: list[str]) -> list[dict[str, Any]]:
    return [{"date": day, "by": "Dr A, GP", "said": "Exercise may start.", "flags": flags}]


def test_a_clearance_on_the_day_the_back_pain_began_covers_its_night_pain() -> None:
    pain = [{"site": "lumbar_spine", "intensity": 4, "since": "2026-06-01", "pattern": "night"}]
    on_the_day = client(pain=pain, clearance=_clearance("2026-06-01", ["night_pain_unrelenting"]))
    day_before = client(pain=pain, clearance=_clearance("2026-05-31", ["night_pain_unrelenting"]))
    assert not screen(on_the_day, as_of=AS_OF).program_suspended
    assert screen(day_before, as_of=AS_OF).program_suspended


def test_a_clearance_of_the_second_flag_is_recorded_though_the_first_is_not_cleared() -> None:
    answers = {"history_of_cancer": True, "unexplained_weight_loss": True}
    intake = client(
        answers=answers, clearance=_clearance("2026-11-20", ["unexplained_weight_loss"])
    )
    result = screen(intake, as_of=AS_OF)
    assert result.referral is not None
    assert [c.key for c in result.referral.cleared] == ["unexplained_weight_loss"]
    assert result.uncleared == ("history_of_cancer",)


def test_the_screen_result_cannot_be_changed_once_made() -> None:
    result = screen(client(answers={"history_of_cancer": True}), as_of=AS_OF)
    assert result.referral is not None
    with pytest.raises(FrozenInstanceError):
        result.asked = 1
    with pytest.raises(FrozenInstanceError):
        result.referral.urgency = "routine"
    with pytest.raises(FrozenInstanceError):
        result.flags[0].group = "routine"


def test_a_flag_carries_the_question_the_client_answered_yes_to_and_a_derived_one_none() -> None:
    pain = [{"site": "lumbar_spine", "intensity": 4, "since": "2020-03", "pattern": "night"}]
    flags = screen(client(pain=pain, answers={"history_of_cancer": True}), as_of=AS_OF).flags
    by_key = {f.key: f.to_json() for f in flags}
    assert by_key["history_of_cancer"]["question"]
    assert "question" not in by_key["night_pain_unrelenting"]


def test_a_recorded_clearance_cannot_be_changed_once_made() -> None:
    intake = client(
        answers={"history_of_cancer": True},
        clearance=_clearance("2026-11-20", ["history_of_cancer"]),
    )
    referral = screen(intake, as_of=AS_OF).referral
    assert referral is not None and referral.cleared
    with pytest.raises(FrozenInstanceError):
        referral.cleared[0].by = "someone else"
