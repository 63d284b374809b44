"""The screening questions: every red-flag key has a plain question, and answers are yes/no."""

from __future__ import annotations

import datetime as dt

import pytest

from kinchain.errors import IntakeError
from kinchain.intake import parse_intake, screening_questions
from kinchain.intake.screening import screening_groups

EMERGENCY = {
    "saddle_numbness", "bladder_or_bowel_change", "new_sexual_dysfunction",
    "progressive_leg_weakness", "bilateral_leg_symptoms",
}
URGENT = {
    "history_of_cancer", "unexplained_weight_loss", "night_pain_unrelenting", "fever_or_rigors",
    "immunosuppressed", "iv_drug_use", "recent_infection", "significant_trauma",
    "osteoporosis_or_long_term_steroids", "spinal_deformity",
}
RHEUMATOLOGY = {
    "wakes_second_half_of_night", "buttock_pain", "improves_with_movement", "improves_with_nsaids",
    "family_history_spondyloarthritis", "arthritis", "enthesitis", "psoriasis",
}
CLIENT = {
    "client": {"name": "A", "birth_year": 1980, "sex": "female", "height_cm": 160, "mass_kg": 60},
    "daily_minutes": 10,
}


def by_group(group: str) -> set[str]:
    return {q.key for q in screening_questions() if q.group == group}


def test_every_red_flag_key_of_the_assessment_is_asked_in_its_group() -> None:
    assert by_group("emergency") == EMERGENCY
    assert by_group("urgent") == URGENT
    assert by_group("rheumatology") == RHEUMATOLOGY


def test_groups_run_from_the_most_urgent_and_each_says_what_it_screens_for() -> None:
    assert list(screening_groups()) == ["emergency", "urgent", "rheumatology"]
    assert all(title.strip() for title in screening_groups().values())


def test_each_question_is_a_short_question_without_clinical_key_words() -> None:
    for q in screening_questions():
        assert q.question.endswith("?") and len(q.question) < 160
        assert "_" not in q.question, q.key


def test_a_yes_answer_to_a_known_key_is_kept() -> None:
    intake = parse_intake({**CLIENT, "screening": {"saddle_numbness": True, "buttock_pain": False}})
    assert intake.screening == {"saddle_numbness": True, "buttock_pain": False}


def test_an_unknown_screening_key_is_refused_with_the_likely_key() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_intake({**CLIENT, "screening": {"night_pain": True}}, as_of=dt.date(2026, 1, 1))
    assert [str(p) for p in caught.value.problems] == [
        "screening.night_pain: unknown screening key 'night_pain' "
        "(did you mean 'night_pain_unrelenting'?)"
    ]


@pytest.mark.parametrize("answer", ["yes", 1, None, [True]])
def test_a_screening_answer_must_be_true_or_false(answer: object) -> None:
    with pytest.raises(IntakeError) as caught:
        parse_intake({**CLIENT, "screening": {"fever_or_rigors": answer}})
    (problem,) = caught.value.problems
    assert problem.path == "screening.fever_or_rigors"
    assert problem.message.startswith("expected true or false; received ")
