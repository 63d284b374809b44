"""The assessment's public API, its data files refusing bad rules, and its whole-client result."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

import kinchain.assessment as assessment
from kinchain.assessment import assess
from kinchain.assessment._data import read_yaml
from kinchain.assessment.red_flags import parse_red_flag_rules
from kinchain.assessment.rules import parse_contributor_rules
from kinchain.errors import DataFileError, InstrumentError
from kinchain.intake import InjuryRef, load_intake, parse_intake

AS_OF = dt.date(2026, 11, 25)


def test_the_public_api_is_exactly_what_other_packages_call() -> None:
    assert set(assessment.__all__) == {
        "Assessment", "Contributor", "CountryWords", "Flag", "JointReport", "Referral",
        "Score", "Screening", "WarningSigns", "WeakestLink", "assess", "check_answers",
        "country_codes", "country_words", "pregnancy_warning_signs", "score_instruments",
        "screen",
    }  # fmt: skip
    for name in assessment.__all__:
        assert getattr(assessment, name) is not None


def _bad_red_flags(edit: Any) -> None:
    doc = copy.deepcopy(read_yaml("red_flags.yaml"))
    edit(doc)
    parse_red_flag_rules(doc)


def test_a_red_flag_rule_on_a_key_the_intake_never_asks_is_refused_with_file_and_key() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["causes"]["cancer"]["flags"].append({"key": "feels_odd", "reason": "odd"})

    with pytest.raises(
        DataFileError, match=r"red_flags.yaml: causes.cancer.flags\[3\].key: 'feels_odd'"
    ):
        _bad_red_flags(edit)


def test_an_unknown_urgency_is_refused() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["causes"]["cancer"]["urgency"] = "soonish"

    with pytest.raises(DataFileError, match="soonish"):
        _bad_red_flags(edit)


def test_a_red_flag_reason_split_by_an_unquoted_comma_is_caught() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["causes"]["cancer"]["flags"][0] = {"key": "history_of_cancer", "reason": "a", "b": None}

    with pytest.raises(DataFileError, match=r"causes.cancer.flags\[0\]"):
        _bad_red_flags(edit)


def test_a_contributor_rule_citing_an_unknown_source_is_refused() -> None:
    doc = copy.deepcopy(read_yaml("contributors.yaml"))
    doc["habit"][0]["cite"] = ["nosuch1999"]
    with pytest.raises(DataFileError, match=r"contributors.yaml: habit\[0\].cite: .*nosuch1999"):
        parse_contributor_rules(doc)


def test_a_contributor_rule_with_an_unknown_test_is_refused() -> None:
    doc = copy.deepcopy(read_yaml("contributors.yaml"))
    doc["footwear"][0]["when"]["colour"] = ["red"]
    with pytest.raises(DataFileError, match="colour"):
        parse_contributor_rules(doc)


def test_a_client_with_no_pain_gets_no_contributors_but_still_a_weakest_link() -> None:
    intake = parse_intake(
        {
            "client": {"name": "T", "birth_year": 1990, "sex": "male", "height_cm": 180,
                       "mass_kg": 80},
            "daily_minutes": 10,
            "injuries": [{"site": "knee", "side": "right", "kind": "sprain", "grade": 3,
                          "structure": "acl", "date": "2018-04"}],
            "activities": [{"kind": "jog", "minutes_per_week": 90}],
        },
        as_of=AS_OF,
    )  # fmt: skip
    result = assess(intake, as_of=AS_OF)
    assert result.contributors == ()
    assert [(w.injury.site, w.injury.side) for w in result.weakest_links] == [("knee", "right")]
    assert result.weakest_links[0].trail


def test_assessing_unscorable_answers_raises_an_instrument_error_with_the_path() -> None:
    intake = parse_intake(
        {
            "client": {
                "name": "T",
                "birth_year": 1990,
                "sex": "male",
                "height_cm": 180,
                "mass_kg": 80,
            },
            "daily_minutes": 10,
            "questionnaires": {"lefs": [4] * 19},
        },
        as_of=AS_OF,
    )
    with pytest.raises(InstrumentError, match=r"questionnaires.lefs: 19 answers, expected 20"):
        assess(intake, as_of=AS_OF)


def test_the_assessment_is_the_same_on_the_same_day(maria_path: Any) -> None:
    intake = load_intake(maria_path, as_of=AS_OF)
    assert assess(intake, as_of=AS_OF).to_json() == assess(intake, as_of=AS_OF).to_json()


def test_an_emergency_sign_in_an_otherwise_ordinary_intake_suspends_the_program(
    maria_path: Any,
) -> None:
    intake = load_intake(maria_path, as_of=AS_OF)
    urgent = intake.model_copy(update={"screening": {"bladder_or_bowel_change": True}})
    result = assess(urgent, as_of=AS_OF).to_json()
    assert result["referral"]["urgency"] == "emergency"
    assert result["program_suspended"] is True
    assert result["program"] is None


def test_an_injury_the_chain_model_does_not_hold_gets_no_mechanics_answer_rather_than_zero() -> (
    None
):
    intake = parse_intake(
        {
            "client": {"name": "T", "birth_year": 1990, "sex": "male", "height_cm": 180,
                       "mass_kg": 80},
            "daily_minutes": 10,
            "injuries": [{"site": "shoulder", "side": "left", "kind": "dislocation",
                          "date": "2015"}],
            "pain": [{"site": "lumbar_spine", "intensity": 4, "since": "2025-01"}],
        },
        as_of=AS_OF,
    )  # fmt: skip
    shoulder = assess(intake, as_of=AS_OF).contributors[0]
    assert shoulder.ref == InjuryRef(0) and shoulder.hypothesis
    assert "mechanics model" not in shoulder.summary
    assert not any("added demand" in s.rule for s in shoulder.trail)
