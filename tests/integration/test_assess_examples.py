"""The three shared intakes assessed end to end, every output valid against the published schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.services import assess_file

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "assessment.schema.json").read_text(encoding="utf-8"))
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    return {
        name: assess_file(ROOT / "examples" / f"{name}.yaml", as_of=AS_OF)
        for name in ("maria", "tom", "ruth")
    }


def test_the_published_schema_is_itself_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", ["maria", "tom", "ruth"])
def test_every_example_assessment_validates_against_the_published_schema(
    results: dict[str, dict[str, Any]], name: str
) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(results[name])
    json.dumps(results[name])  # plain JSON all the way down


def test_ruth_is_sent_for_urgent_medical_review_and_gets_no_program(
    results: dict[str, dict[str, Any]],
) -> None:
    ruth = results["ruth"]
    assert ruth["referral"]["urgency"] == "urgent"
    assert ruth["program_suspended"] is True
    assert ruth["program"] is None
    assert "GP" in ruth["referral"]["see"]
    assert ruth["referral"]["safety_net"]


def test_maria_and_tom_have_no_red_flag_and_keep_their_program_open(
    results: dict[str, dict[str, Any]],
) -> None:
    for name in ("maria", "tom"):
        assert results[name]["referral"] is None
        assert results[name]["program_suspended"] is False


def test_maria_left_ankle_ranks_high_for_her_left_si_pain_beside_life_stage_and_carrying(
    results: dict[str, dict[str, Any]],
) -> None:
    si = [c for c in results["maria"]["contributors"] if c["pain"]["ref"] == "pain[0]"]
    top3 = [c["source"]["ref"] for c in si[:3]]
    assert top3[0] == "injuries[0]"
    assert set(top3[1:]) == {"client.life_stage", "habits.carrying"}
    ankle = si[0]
    assert ankle["hypothesis"] is True and ankle["evidence"] == "EXP"
    carrying = next(c for c in si if c["source"]["ref"] == "habits.carrying")
    assert carrying["source"]["side"] == "left"


def test_tom_knee_and_sitting_are_weighed_with_the_evidence_each_has(
    results: dict[str, dict[str, Any]],
) -> None:
    back = [c for c in results["tom"]["contributors"] if c["pain"]["ref"] == "pain[0]"]
    knee = next(c for c in back if c["source"]["ref"] == "injuries[0]")
    sitting = next(c for c in back if c["source"]["ref"] == "habits.sitting_hours")
    assert knee["score"] > sitting["score"]
    assert knee["hypothesis"] and knee["evidence"] == "EXP"
    assert not sitting["hypothesis"]
    assert "not shown to cause" in sitting["summary"]


def test_the_instrument_scores_of_the_examples_match_the_hand_computed_values(
    results: dict[str, dict[str, Any]],
) -> None:
    sb = results["maria"]["instruments"]["start_back"]
    assert (sb["total"], sb["distress"], sb["risk"]) == (4, 1, "medium")
    assert results["maria"]["instruments"]["psfs"]["mean"] == 4.0
    assert results["tom"]["instruments"]["rmdq"]["score"] == 7
    assert results["tom"]["instruments"]["lefs"]["total"] == 65


def test_each_injured_joint_names_a_next_weakest_link(results: dict[str, dict[str, Any]]) -> None:
    links = results["maria"]["weakest_links"]
    assert {(w["injury"]["site"], w["injury"]["side"]) for w in links} >= {("ankle", "left")}
    for w in links:
        assert w["trail"]


def test_kinchain_assess_prints_the_screening_gap_then_the_referral_first_for_ruth() -> None:
    out = CliRunner().invoke(
        app, ["assess", str(ROOT / "examples" / "ruth.yaml"), "--as-of", "2026-11-25"]
    )
    assert out.exit_code == 0, out.output
    assert out.output.startswith("Red-flag screening not complete: 20 of 23 questions")
    assert "URGENT REFERRAL" in out.output
    assert out.output.index("URGENT REFERRAL") < out.output.index("What may add")


def test_kinchain_assess_json_is_the_service_object() -> None:
    out = CliRunner().invoke(
        app, ["assess", str(ROOT / "examples" / "maria.yaml"), "--json", "--as-of", "2026-11-25"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data == assess_file(ROOT / "examples" / "maria.yaml", as_of=AS_OF)


def test_kinchain_assess_refuses_a_bad_date_with_a_clear_message() -> None:
    out = CliRunner().invoke(
        app, ["assess", str(ROOT / "examples" / "maria.yaml"), "--as-of", "soon"]
    )
    assert out.exit_code == 2
    assert "--as-of" in out.output
