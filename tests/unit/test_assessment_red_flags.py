"""Red flags come first: emergency and urgent flags suspend the program, rheumatology is routine."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kinchain.assessment.red_flags import red_flag_rules, screen, screening_gaps
from kinchain.evidence import default_registry
from kinchain.intake import Intake, screening_questions

AS_OF = dt.date(2026, 11, 25)


def make_intake(
    *,
    birth_year: int = 1990,
    screening: dict[str, bool] | None = None,
    pain: list[dict[str, Any]] | None = None,
) -> Intake:
    """A small client with low back pain since mid-2025 unless told otherwise."""
    return Intake.model_validate(
        {
            "client": {
                "name": "Test Client",
                "birth_year": birth_year,
                "sex": "female",
                "height_cm": 165,
                "mass_kg": 60,
            },
            "daily_minutes": 10,
            "pain": pain
            if pain is not None
            else [{"site": "lumbar_spine", "intensity": 4, "since": {"year": 2025, "month": 6}}],
            "screening": screening or {},
        }
    )


def _keys(cause: str) -> list[str]:
    return [f.key for f in red_flag_rules().cause(cause).flags]


def test_a_client_with_no_flag_gets_no_referral_and_keeps_the_program() -> None:
    result = screen(make_intake(), as_of=AS_OF)
    assert result.referral is None
    assert not result.program_suspended


@pytest.mark.parametrize("key", _keys("cauda_equina"))
def test_each_cauda_equina_sign_sends_the_client_to_an_emergency_department_today(key: str) -> None:
    result = screen(make_intake(screening={key: True}), as_of=AS_OF)
    assert result.referral is not None
    assert result.referral.urgency == "emergency"
    assert result.program_suspended
    assert "A&E" in result.referral.advice
    assert "same day" in result.referral.within
    assert result.referral.safety_net
    assert [f.ref for f in result.referral.flags] == [f"screening.{key}"]


@pytest.mark.parametrize("key", _keys("cancer") + _keys("fracture_minor_trauma"))
def test_each_urgent_flag_sends_the_client_to_a_doctor_soon_and_stops_exercise(key: str) -> None:
    result = screen(make_intake(screening={key: True}), as_of=AS_OF)
    assert result.referral is not None
    assert result.referral.urgency == "urgent"
    assert result.program_suspended
    assert "GP" in result.referral.see
    assert "urgent appointment" in result.referral.within
    assert result.referral.safety_net


def test_an_emergency_sign_outranks_an_urgent_flag_given_together() -> None:
    result = screen(
        make_intake(screening={"history_of_cancer": True, "saddle_numbness": True}), as_of=AS_OF
    )
    assert result.referral is not None
    assert result.referral.urgency == "emergency"
    assert {f.key for f in result.flags} == {"history_of_cancer", "saddle_numbness"}


def test_new_back_pain_after_fifty_alone_is_not_a_red_flag() -> None:
    result = screen(make_intake(birth_year=1960), as_of=AS_OF)
    assert result.referral is None
    assert any("not a flag alone" in s.rule for s in result.trail)


def test_new_back_pain_after_fifty_joins_the_reasons_beside_another_flag() -> None:
    result = screen(
        make_intake(birth_year=1960, screening={"unexplained_weight_loss": True}), as_of=AS_OF
    )
    assert result.referral is not None
    assert [f.key for f in result.referral.flags] == ["unexplained_weight_loss", "age_at_onset"]
    assert len(result.referral.reasons) == 2


def test_new_back_pain_before_twenty_counts_beside_another_flag() -> None:
    result = screen(make_intake(birth_year=2008, screening={"fever_or_rigors": True}), as_of=AS_OF)
    assert "age_at_onset" in {f.key for f in result.flags}


def test_every_referral_carries_the_caveat_that_red_flags_screen_but_do_not_diagnose() -> None:
    result = screen(make_intake(screening={"iv_drug_use": True}), as_of=AS_OF)
    assert result.referral is not None
    assert "not a diagnosis" in result.referral.caveat
    assert set(red_flag_rules().caveat_cite) <= set(result.referral.cite)
    assert all(
        default_registry().grade(k) in {"GL", "SR/MA", "heuristic"} for k in result.referral.cite
    )


RHEUM = [
    "wakes_second_half_of_night",
    "buttock_pain",
    "improves_with_movement",
    "improves_with_nsaids",
]


def test_four_inflammatory_criteria_give_a_routine_rheumatology_referral_program_goes_on() -> None:
    # onset at 35 (born 1990, pain since 2025): onset is not itself a criterion here
    result = screen(make_intake(screening=dict.fromkeys(RHEUM, True)), as_of=AS_OF)
    assert result.rheumatology_criteria == 4
    assert result.referral is not None
    assert result.referral.urgency == "routine"
    assert "rheumatologist" in result.referral.see
    assert not result.program_suspended


def test_exactly_three_inflammatory_criteria_suggest_an_hla_b27_test_first() -> None:
    result = screen(make_intake(screening=dict.fromkeys(RHEUM[:3], True)), as_of=AS_OF)
    assert result.rheumatology_criteria == 3
    assert result.referral is not None
    assert result.referral.urgency == "routine"
    assert "HLA-B27" in result.referral.advice
    assert not result.program_suspended


def test_two_inflammatory_criteria_give_no_referral() -> None:
    result = screen(make_intake(screening=dict.fromkeys(RHEUM[:2], True)), as_of=AS_OF)
    assert result.rheumatology_criteria == 2
    assert result.referral is None


def test_back_pain_starting_before_thirty_five_is_itself_one_criterion() -> None:
    young = screen(
        make_intake(birth_year=1995, screening=dict.fromkeys(RHEUM[:3], True)), as_of=AS_OF
    )
    older = screen(
        make_intake(birth_year=1985, screening=dict.fromkeys(RHEUM[:3], True)), as_of=AS_OF
    )
    assert young.rheumatology_criteria == 4
    assert older.rheumatology_criteria == 3
    assert young.referral is not None and "rheumatologist" in young.referral.see


def test_the_rheumatology_rule_needs_back_pain_lasting_over_three_months() -> None:
    recent = [{"site": "lumbar_spine", "intensity": 4, "since": {"year": 2026, "month": 10}}]
    result = screen(make_intake(pain=recent, screening=dict.fromkeys(RHEUM, True)), as_of=AS_OF)
    assert result.rheumatology_criteria is None
    assert result.referral is None


def test_back_pain_dated_only_to_this_year_lasts_from_the_middle_of_its_days_so_far() -> None:
    # "2026" seen on 15 September began between 1 January and 15 September: about four months
    # ago in the middle, so it has lasted over three months (1 July, the middle of the whole
    # year, would make it two and a half)
    this_year = [{"site": "lumbar_spine", "intensity": 4, "since": {"year": 2026}}]
    intake = make_intake(pain=this_year, screening=dict.fromkeys(RHEUM, True))
    result = screen(intake, as_of=dt.date(2026, 9, 15))
    assert result.rheumatology_criteria == 4
    assert result.referral is not None and "rheumatologist" in result.referral.see


def test_the_rheumatology_rule_needs_back_pain_that_started_before_forty_five() -> None:
    result = screen(make_intake(birth_year=1970, screening=dict.fromkeys(RHEUM, True)), as_of=AS_OF)
    assert result.rheumatology_criteria is None
    assert result.referral is None



def test_arthritis_enthesitis_and_psoriasis_are_three_nice_criteria_not_one() -> None:
    # NICE NG65 counts current or past arthritis, enthesitis and psoriasis separately: with
    # buttock pain they make four criteria (onset at 35 is not one), a rheumatology referral
    answers = {"arthritis": True, "enthesitis": True, "psoriasis": True, "buttock_pain": True}
    result = screen(make_intake(screening=answers), as_of=AS_OF)
    assert result.rheumatology_criteria == 4
    assert result.referral is not None
    assert "rheumatologist" in result.referral.see

def test_an_urgent_flag_outranks_a_rheumatology_referral() -> None:
    answers = dict.fromkeys(RHEUM, True) | {"osteoporosis_or_long_term_steroids": True}
    result = screen(make_intake(screening=answers), as_of=AS_OF)
    assert result.referral is not None
    assert result.referral.urgency == "urgent"


def test_every_key_the_red_flag_rules_read_is_a_screening_question_of_the_intake() -> None:
    asked = {q.key for q in screening_questions()}
    assert red_flag_rules().screening_keys() == asked


def test_a_flag_carries_the_question_the_client_answered_yes_to() -> None:
    result = screen(make_intake(screening={"saddle_numbness": True}), as_of=AS_OF)
    assert result.flags[0].question.endswith("?")


def _all_answered(**answers: bool) -> dict[str, bool]:
    return {q.key: answers.get(q.key, False) for q in screening_questions()}


def test_unanswered_screening_questions_are_named_for_the_coach_to_ask() -> None:
    gaps = screening_gaps(make_intake(screening={"saddle_numbness": False}))
    assert len(gaps) == 1
    total = len(screening_questions())
    assert f"{total - 1} of {total} were not answered" in gaps[0]
    assert "not a no" in gaps[0]
    assert "between your legs" not in gaps[0]  # the answered emergency question is not repeated


def test_a_fully_answered_screen_leaves_nothing_to_ask() -> None:
    assert screening_gaps(make_intake(screening=_all_answered())) == ()


def test_night_pain_in_the_pain_pattern_prompts_the_night_pain_question_when_unanswered() -> None:
    night = [{"site": "lumbar_spine", "intensity": 5, "since": {"year": 2025}, "pattern": "night"}]
    answered = _all_answered()
    del answered["night_pain_unrelenting"]
    gaps = screening_gaps(make_intake(screening=answered, pain=night))
    assert len(gaps) == 2 and gaps[0].startswith("Ask about night pain: pain[0]")
    assert screening_gaps(make_intake(screening=_all_answered(), pain=night)) == ()
