"""A client's evaluation exports as a valid FHIR Bundle in R4B and R5: fhir.resources accepts it,
every code is one the codes file sources, the R4B bundle passes HL7's R4 JSON schema, and what
it says is honest (a reported history, not a diagnosis)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from fhir.resources.bundle import Bundle as R5Bundle
from fhir.resources.R4B.bundle import Bundle as R4BBundle

from fhir_cases import (
    CLIENTS,
    KNOWLEDGE_HASH,
    RELEASES,
    bundle,
    codings,
    evaluation,
    export,
    maria_checkins,
    r4_schema,
    resources,
)
from kinchain import __version__
from kinchain.fhir._plan import PRIORITY
from kinchain.fhir.codes import core_codes, extension_url, value_sets

CASES = [(c, r) for c in CLIENTS for r in RELEASES]


@pytest.mark.parametrize(("client", "release"), CASES)
def test_every_bundle_passes_fhir_resources_validation_for_its_release(
    client: str, release: str
) -> None:
    cls = R4BBundle if release == "R4B" else R5Bundle
    parsed = cls.model_validate(bundle(client, release))
    assert len(parsed.entry) == len(bundle(client, release)["entry"])


@pytest.mark.parametrize("client", CLIENTS)
def test_the_r4b_bundle_validates_against_hl7s_official_r4_json_schema(client: str) -> None:
    schema = r4_schema()
    b = bundle(client, "R4B")
    jsonschema.Draft6Validator(schema).validate(b)
    for entry in b["entry"]:  # each resource alone too, for a message that names it
        one = {**schema, "$ref": f"#/definitions/{entry['resource']['resourceType']}"}
        jsonschema.Draft6Validator(one).validate(entry["resource"])


def test_the_r4_schema_refuses_what_r4_does_not_have_so_the_check_can_fail() -> None:
    r5 = bundle("ruth", "R5")  # R5 Condition.participant does not exist in R4
    assert list(jsonschema.Draft6Validator(r4_schema()).iter_errors(r5))


@pytest.mark.parametrize(("client", "release"), CASES)
def test_every_coding_is_a_code_of_a_value_set_in_the_codes_file(client: str, release: str) -> None:
    known: dict[str, set[str]] = {}
    for vs in value_sets().values():
        known.setdefault(vs.system, set()).update(c.code for c in vs.codes.values() if c)
    for entry in bundle(client, release)["entry"]:
        for path, coding in codings(entry["resource"]):
            where = f"{entry['resource']['resourceType']} {path}"
            assert coding["system"] in known, f"{where}: system {coding['system']} not sourced"
            assert coding["code"] in known[coding["system"]], f"{where}: {coding['code']}"


def _in(value_set: str, concept: Any) -> bool:
    vs = value_sets()[value_set]
    return all(c["system"] == vs.system and vs.by_code(c["code"]) for c in concept["coding"])


@pytest.mark.parametrize(("client", "release"), CASES)
def test_each_coded_element_draws_from_the_value_set_bound_to_it(client: str, release: str) -> None:
    b = bundle(client, release)
    for cond in resources(b, "Condition"):
        assert _in("condition_category", cond["category"][0])
        assert _in("condition_clinical", cond["clinicalStatus"])
        assert _in("condition", cond["code"])
        for site in cond["bodySite"]:
            assert "coding" not in site or _in("body_site", site)
            for ext in site.get("extension", []):
                assert ext["url"] == extension_url("laterality")
                assert _in("laterality", ext["valueCodeableConcept"])
    for obs in resources(b, "Observation"):
        assert _in("observation_category", obs["category"][0])
        assert any(_in(vs, obs["code"]) for vs in
                   ("vital_sign", "pain_rating", "record", "screening", "instrument"))  # fmt: skip


@pytest.mark.parametrize(("client", "release"), CASES)
def test_every_fhir_code_element_holds_a_code_of_its_required_value_set(
    client: str, release: str
) -> None:
    b = bundle(client, release)
    allowed = core_codes()
    seen: dict[str, list[str]] = {"Bundle.type": [b["type"]]}
    for entry in b["entry"]:
        r = entry["resource"]
        for path in allowed:
            kind, *fields = path.split(".")
            if kind != r["resourceType"]:
                continue
            values: list[object] = [r]
            for f in fields:
                values = [
                    x for v in values for x in _list(v.get(f) if isinstance(v, dict) else None)
                ]
            seen.setdefault(path, []).extend(str(v) for v in values)
    for path, values in seen.items():
        assert set(values) <= allowed[path], f"{path}: {set(values) - allowed[path]}"


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else [] if value is None else [value]


@pytest.mark.parametrize(("client", "release"), CASES)
def test_a_condition_is_a_history_the_client_reported_not_a_diagnosis(
    client: str, release: str
) -> None:
    b = bundle(client, release)
    intake = evaluation(client).intake
    conditions = resources(b, "Condition")
    assert len(conditions) == len(intake.injuries) + len(intake.pain)
    patient = next(e["fullUrl"] for e in b["entry"] if e["resource"]["resourceType"] == "Patient")
    for cond in conditions:
        assert cond["verificationStatus"]["coding"][0]["code"] == "unconfirmed"
        assert cond["category"][0]["coding"][0]["code"] == "problem-list-item"
        who = cond["asserter"] if release == "R4B" else cond["participant"][0]["actor"]
        assert who["reference"] == patient


def test_ruths_red_flags_give_a_referral_and_hold_her_care_plan() -> None:
    referral = evaluation("ruth").assessment.referral
    assert referral is not None
    for release in RELEASES:
        b = bundle("ruth", release)
        (request,) = resources(b, "ServiceRequest")
        assert request["priority"] == PRIORITY[referral.urgency]
        answered_yes = {k for k, v in evaluation("ruth").intake.screening.items() if v}
        assert len(request["supportingInfo"]) == len(answered_yes)
        (plan,) = resources(b, "CarePlan")
        assert plan["status"] == "on-hold"
        assert "activity" not in plan


@pytest.mark.parametrize("client", ["maria", "tom"])
def test_a_provisional_program_is_a_draft_care_plan_with_an_activity_per_item(client: str) -> None:
    program = evaluation(client).program
    assert program is not None and program.provisional
    for release in RELEASES:
        (plan,) = resources(bundle(client, release), "CarePlan")
        assert plan["status"] == "draft"
        assert len(plan["activity"]) == len(program.routine) + len(program.habits)
        assert len(plan["goal"]) == len(evaluation(client).intake.goals)
        assert not resources(bundle(client, release), "ServiceRequest")


@pytest.mark.parametrize(("client", "release"), CASES)
def test_provenance_names_kinchains_version_and_the_knowledge_hash(
    client: str, release: str
) -> None:
    b = bundle(client, release)
    (prov,) = resources(b, "Provenance")
    (device,) = resources(b, "Device")
    assert device["version"][0]["value"] == __version__
    assert prov["entity"][0]["what"]["identifier"]["value"] == KNOWLEDGE_HASH
    targets = {t["reference"] for t in prov["target"]}
    plan = next(e["fullUrl"] for e in b["entry"] if e["resource"]["resourceType"] == "CarePlan")
    assert plan in targets


def test_instrument_scores_derive_from_their_response_and_a_bare_total_has_none() -> None:
    b = bundle("maria", "R4B")
    urls = {e["resource"]["id"]: e["fullUrl"] for e in b["entry"]}
    scores = {o["code"]["coding"][0]["code"]: o for o in resources(b, "Observation")
              if o["id"].startswith("score-")}  # fmt: skip
    assert scores["start_back"]["derivedFrom"][0]["reference"] == urls["response-start-back"]
    assert "derivedFrom" not in scores["cait"]  # Maria's CAIT is a total without items
    assert "response-cait" not in urls


def test_each_checkin_pain_rating_is_a_dated_observation_of_its_pain() -> None:
    checkins = maria_checkins()
    b = export("maria", "R4B", checkins=checkins)
    ratings = [
        o for o in resources(b, "Observation") if o["code"]["coding"][0]["code"] == "72514-3"
    ]
    expected = len(evaluation("maria").intake.pain) + sum(len(c.pain) for c in checkins)
    assert len(ratings) == expected
    assert {c.date.isoformat() for c in checkins} <= {r["effectiveDateTime"] for r in ratings}
    R4BBundle.model_validate(b)


def test_a_transaction_bundle_posts_every_resource() -> None:
    b = export("tom", "R4B", transaction=True)
    assert b["type"] == "transaction"
    assert all(e["request"] == {"method": "POST", "url": e["resource"]["resourceType"]}
               for e in b["entry"])  # fmt: skip
    R4BBundle.model_validate(b)
    jsonschema.Draft6Validator(r4_schema()).validate(b)


def test_a_pain_reported_after_a_birth_says_so_and_an_injury_note_is_the_coachs() -> None:
    stage = evaluation("maria").intake.client.life_stage
    b = bundle("maria", "R4B")
    pains = [c for c in resources(b, "Condition") if c["id"].startswith("pain-")]
    assert all(f"{stage.weeks} weeks after a birth" in p["note"][0]["text"] for p in pains)
    injuries = [c for c in resources(b, "Condition") if c["id"].startswith("injury-")]
    assert [i["note"][0]["text"] for i in injuries] == [
        i.notes for i in evaluation("maria").intake.injuries
    ]
    assert all("note" not in p for p in resources(bundle("tom", "R4B"), "Condition")
               if p["id"].startswith("pain-"))  # fmt: skip
