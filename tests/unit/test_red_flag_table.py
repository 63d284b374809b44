"""Each red-flag key's urgency is held by the table in docs/red-flags.md, not by red_flags.yaml.

The table is the clinical specification: moving a cauda-equina sign from emergency to urgent in
the data, or infection back to "within a few days", fails here whatever the YAML says.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kinchain.assessment.red_flags import screen
from kinchain.intake import Intake, screening_questions

DOC = Path(__file__).resolve().parents[2] / "docs" / "red-flags.md"
AS_OF = dt.date(2026, 12, 2)
ROW = re.compile(r"^\| `(?P<key>[a-z_]+)` \| (?P<cause>[^|]+) \| (?P<urgency>[a-z_]+) \|")


def _table() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = ROW.match(line)
        if found:
            rows[found["key"]] = (found["urgency"], found["cause"].strip())
    return rows


TABLE = _table()


def _client(answers: dict[str, bool], birth_year: int = 1990) -> Intake:
    return Intake.model_validate(
        {
            "client": {
                "name": "T",
                "birth_year": birth_year,
                "sex": "female",
                "height_cm": 165,
                "mass_kg": 60,
            },
            "daily_minutes": 10,
            "pain": [{"site": "lumbar_spine", "intensity": 4, "since": "2025-06"}],
            "screening": answers,
        }
    )


def test_the_docs_table_has_one_row_for_every_screening_question() -> None:
    assert set(TABLE) == {q.key for q in screening_questions()}


@pytest.mark.parametrize("key", sorted(k for k, (u, _) in TABLE.items() if u != "routine"))
def test_a_yes_to_each_red_flag_gets_the_urgency_written_in_the_docs_table(key: str) -> None:
    result = screen(_client({key: True}), as_of=AS_OF)
    assert result.referral is not None
    assert result.referral.urgency == TABLE[key][0]
    assert result.program_suspended


def test_each_inflammatory_criterion_counts_toward_a_routine_referral_as_the_table_says() -> None:
    routine = [k for k, (u, _) in TABLE.items() if u == "routine"]
    # born 1985: onset at 40 is before 45 but not before 35, so only the answers count
    result = screen(_client(dict.fromkeys(routine[:4], True), birth_year=1985), as_of=AS_OF)
    assert result.referral is not None and result.referral.urgency == "routine"
    assert not result.program_suspended


def test_a_suspected_spinal_infection_is_seen_the_same_day_not_within_a_few_days() -> None:
    result = screen(_client({"fever_or_rigors": True, "iv_drug_use": True}), as_of=AS_OF)
    assert result.referral is not None
    assert result.referral.urgency == "same_day"
    assert "today" in result.referral.within
    assert "within the next few days" not in result.referral.advice


def test_a_fracture_after_major_trauma_is_an_emergency_but_after_thin_bones_urgent_review() -> None:
    major = screen(_client({"significant_trauma": True}), as_of=AS_OF)
    minor = screen(_client({"osteoporosis_or_long_term_steroids": True}), as_of=AS_OF)
    assert major.referral is not None and major.referral.urgency == "emergency"
    assert minor.referral is not None and minor.referral.urgency == "urgent"
    assert "X-ray or scan" in minor.referral.see


def test_a_suspected_cancer_is_urgent_within_the_two_week_cancer_pathway() -> None:
    result = screen(_client({"history_of_cancer": True}), as_of=AS_OF)
    assert result.referral is not None and result.referral.urgency == "urgent"
    assert "2 weeks" in result.referral.within
    assert "nice2015" in result.referral.cite


def test_no_red_flag_cites_a_source_the_registry_marks_not_verified_for_its_urgency() -> None:
    for key in TABLE:
        result = screen(_client({key: True}), as_of=AS_OF)
        if result.referral is None:
            continue
        assert "nhs_cauda_equina" not in result.referral.cite
        assert "bmj_best_practice" not in result.referral.cite
        if result.referral.urgency != "routine":
            assert "finucane2020" in result.referral.cite


def test_a_cause_with_a_heuristic_timeframe_takes_the_heuristic_grade() -> None:
    infection = screen(_client({"fever_or_rigors": True}), as_of=AS_OF).referral
    cauda = screen(_client({"saddle_numbness": True}), as_of=AS_OF).referral
    assert infection is not None and infection.grade == "heuristic"
    assert cauda is not None and cauda.grade == "GL"
