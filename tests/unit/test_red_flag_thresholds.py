"""Every red-flag threshold is tested on the year or day before, at, and after it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_red_flag_edges import client as _client

from kinchain.assessment.red_flags import screen
from kinchain.intake import Intake

RHEUM = [
    "wakes_second_half_of_night",
    "buttock_pain",
    "improves_with_movement",
    "improves_with_nsaids",
    "family_history_spondyloarthritis",
]


def client(*, born: int, since: Any, answers: dict[str, bool], as_of: dt.date) -> Intake:
    """A client with lower back pain (4/10) since ``since``."""
    pain = [{"site": "lumbar_spine", "intensity": 4, "since": since}]
    return _client(born=born, pain=pain, answers=answers, as_of=as_of)


AS_OF = dt.date(2026, 12, 2)


@pytest.mark.parametrize(("onset_age", "counts"), [(49, False), (50, False), (51, True)])
def test_new_back_pain_counts_beside_another_flag_only_when_it_began_after_fifty(
    onset_age: int, counts: bool
) -> None:
    intake = client(
        born=2020 - onset_age, since="2020-03", answers={"history_of_cancer": True}, as_of=AS_OF
    )
    keys = {f.key for f in screen(intake, as_of=AS_OF).flags}
    assert ("age_at_onset" in keys) is counts


@pytest.mark.parametrize(("onset_age", "counts"), [(19, True), (20, False), (21, False)])
def test_new_back_pain_counts_beside_another_flag_only_when_it_began_before_twenty(
    onset_age: int, counts: bool
) -> None:
    intake = client(
        born=2020 - onset_age, since="2020-03", answers={"iv_drug_use": True}, as_of=AS_OF
    )
    keys = {f.key for f in screen(intake, as_of=AS_OF).flags}
    assert ("age_at_onset" in keys) is counts


@pytest.mark.parametrize(("days", "applies"), [(90, False), (91, False), (92, True)])
def test_the_nice_rule_applies_only_once_back_pain_has_lasted_over_three_months(
    days: int, applies: bool
) -> None:
    start = dt.date(2026, 6, 1)
    as_of = start + dt.timedelta(days=days)
    intake = client(
        born=1995, since=start.isoformat(), answers=dict.fromkeys(RHEUM[:4], True), as_of=as_of
    )
    result = screen(intake, as_of=as_of)
    assert (result.rheumatology_criteria is not None) is applies
    assert (result.referral is not None) is applies


@pytest.mark.parametrize(("onset_age", "applies"), [(44, True), (45, False), (46, False)])
def test_the_nice_rule_applies_only_to_back_pain_that_began_before_forty_five(
    onset_age: int, applies: bool
) -> None:
    intake = client(
        born=2020 - onset_age, since="2020-03", answers=dict.fromkeys(RHEUM[:4], True), as_of=AS_OF
    )
    assert (screen(intake, as_of=AS_OF).rheumatology_criteria is not None) is applies


@pytest.mark.parametrize(("onset_age", "criteria"), [(34, 4), (35, 3), (36, 3)])
def test_back_pain_that_began_before_thirty_five_is_one_more_criterion(
    onset_age: int, criteria: int
) -> None:
    intake = client(
        born=2020 - onset_age, since="2020-03", answers=dict.fromkeys(RHEUM[:3], True), as_of=AS_OF
    )
    assert screen(intake, as_of=AS_OF).rheumatology_criteria == criteria


@pytest.mark.parametrize(
    ("count", "urgency", "words"),
    [
        (2, None, None),
        (3, "routine", "HLA-B27"),
        (4, "routine", "rheumatologist"),
        (5, "routine", "rheumatologist"),
    ],
)
def test_three_criteria_ask_for_a_blood_test_and_four_or_more_for_a_rheumatologist(
    count: int, urgency: str | None, words: str | None
) -> None:
    intake = client(
        born=1985, since="2020-03", answers=dict.fromkeys(RHEUM[:count], True), as_of=AS_OF
    )
    result = screen(intake, as_of=AS_OF)
    assert result.rheumatology_criteria == count
    if urgency is None:
        assert result.referral is None
    else:
        assert result.referral is not None and result.referral.urgency == urgency
        assert words is not None and words in result.referral.advice + result.referral.see


def test_four_features_after_one_month_tell_the_coach_the_day_to_recheck_at_three_months() -> None:
    intake = client(
        born=1985, since="2026-11-01", answers=dict.fromkeys(RHEUM[:4], True), as_of=AS_OF
    )
    result = screen(intake, as_of=AS_OF)
    assert result.referral is None  # no referral yet is right
    assert len(result.notes) == 1
    assert "2027-02-01" in result.notes[0] and "4 features" in result.notes[0]
    assert "only 1 month;" in result.notes[0]
    # the date given is the first day the rule applies
    on_the_day = screen(intake, as_of=dt.date(2027, 2, 1))
    day_before = screen(intake, as_of=dt.date(2027, 1, 31))
    assert on_the_day.referral is not None and day_before.referral is None


def test_two_features_after_one_month_need_no_recheck_note() -> None:
    intake = client(
        born=1985, since="2026-11-01", answers=dict.fromkeys(RHEUM[:2], True), as_of=AS_OF
    )
    assert screen(intake, as_of=AS_OF).notes == ()
