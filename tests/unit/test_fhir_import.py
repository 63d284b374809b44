"""A Bundle kinchain wrote reads back into the same intake, and a Bundle it cannot read is refused
with one clear message that names the resource and the element."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fhir_cases import (
    AS_OF,
    CLIENTS,
    COACH,
    KNOWLEDGE_HASH,
    PRACTICE,
    RELEASES,
    ROOT,
    bundle,
    evaluation,
    export,
    maria_checkins,
    resources,
)
from kinchain.errors import FhirError, InputError
from kinchain.fhir import export_bundle, import_bundle
from kinchain.fhir._checks import MAX_BYTES, MAX_ENTRIES
from kinchain.services.evaluate import evaluate
from kinchain.services.intake import validate_intake

CASES = [(c, r) for c in CLIENTS for r in RELEASES]
#: what a client's record holds that a round trip must keep
CLINICAL = ("Patient", "Condition", "Observation", "QuestionnaireResponse", "Goal")


def _clinical(b: dict[str, Any]) -> list[dict[str, Any]]:
    return [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] in CLINICAL]


@pytest.mark.parametrize(("client", "release"), CASES)
def test_export_then_import_gives_back_the_same_intake(client: str, release: str) -> None:
    draft, _ = import_bundle(bundle(client, release), release=release)
    back = validate_intake(draft, source=f"{client}.fhir.json", as_of=AS_OF)
    assert back.model_dump(mode="json") == evaluation(client).intake.model_dump(mode="json")


@pytest.mark.parametrize(("client", "release"), CASES)
def test_export_import_export_keeps_the_clinical_content(client: str, release: str) -> None:
    draft, _ = import_bundle(json.dumps(bundle(client, release)), release=release)
    again = evaluate(validate_intake(draft, source="re-read", as_of=AS_OF), as_of=AS_OF)
    second = export_bundle(again, release=release, practice=PRACTICE, coach=COACH,
                           as_of=AS_OF, knowledge_hash=KNOWLEDGE_HASH)  # fmt: skip
    assert _clinical(second) == _clinical(bundle(client, release))


def test_what_kinchain_does_not_read_back_is_listed_resource_by_resource() -> None:
    _, unmapped = import_bundle(bundle("ruth", "R4B"), release="R4B")
    for kind in ("CarePlan", "ServiceRequest", "Provenance", "Practitioner", "Organization"):
        assert any(line.startswith(f"{kind}/") for line in unmapped), kind


def test_a_later_checkin_rating_is_listed_not_taken_for_the_intakes() -> None:
    draft, unmapped = import_bundle(
        export("maria", "R4B", checkins=maria_checkins()), release="R4B"
    )
    assert [p["intensity"] for p in draft["pain"]] == [
        p.intensity for p in evaluation("maria").intake.pain
    ]
    assert any("check-in" in line for line in unmapped)


def _refusal(data: Any, release: str = "R4B") -> str:
    with pytest.raises(FhirError) as caught:
        import_bundle(data, release=release)
    assert isinstance(caught.value, InputError)
    return str(caught.value)


def test_text_that_is_not_json_is_refused_as_not_json() -> None:
    assert "not JSON" in _refusal('{"resourceType": "Bundle", ')


def test_json_that_is_not_an_object_is_refused_naming_what_came() -> None:
    assert "received list" in _refusal([1, 2])


def test_a_resource_that_is_not_a_bundle_is_refused() -> None:
    message = _refusal({"resourceType": "Patient"})
    assert "Bundle.resourceType" in message and "'Patient'" in message


def test_an_object_that_is_not_fhir_is_refused() -> None:
    assert "not a FHIR resource" in _refusal({"client": {"name": "Maria"}})


def test_an_r5_bundle_read_as_r4b_is_refused_naming_both_releases() -> None:
    message = _refusal(bundle("ruth", "R5"), release="R4B")
    assert "R5" in message and "R4B" in message


def test_an_unknown_release_is_refused() -> None:
    with pytest.raises(InputError, match="R4B or R5"):
        import_bundle(bundle("ruth", "R4B"), release="R4")


def test_a_resource_type_kinchain_does_not_know_is_refused_naming_the_entry() -> None:
    b = bundle("tom", "R4B")
    b["entry"].append({"fullUrl": "urn:uuid:1", "resource": {"resourceType": "MedicationRequest"}})
    message = _refusal(b)
    assert f"entry[{len(b['entry']) - 1}]" in message and "MedicationRequest" in message


def test_an_unknown_body_site_code_is_refused_naming_the_condition_and_element() -> None:
    b = bundle("maria", "R4B")
    cond = resources(b, "Condition")[0]
    cond["bodySite"][0]["coding"][0]["code"] = "99999999"
    message = _refusal(b)
    assert f"Condition/{cond['id']}" in message and "bodySite" in message and "99999999" in message


def test_an_element_fhir_does_not_have_is_refused_naming_the_resource_and_element() -> None:
    b = bundle("tom", "R4B")
    obs = resources(b, "Observation")[0]
    obs["painfulness"] = 3
    message = _refusal(b)
    assert f"Observation/{obs['id']}" in message and "painfulness" in message


def test_a_huge_bundle_is_refused_before_it_is_read() -> None:
    b = bundle("ruth", "R4B")
    b["entry"] = b["entry"] * (MAX_ENTRIES // len(b["entry"]) + 1)
    assert f"{MAX_ENTRIES:,}" in _refusal(b)
    assert f"{MAX_BYTES:,}" in _refusal(" " * (MAX_BYTES + 1))


def _every_form_intake() -> Any:
    """Maria with an injury a clinician cleared, pelvic-floor answers, some screening answers
    and every instrument in each answer form kinchain reads."""
    from kinchain.intake.files import read_intake_data

    data = read_intake_data(ROOT / "examples" / "maria.yaml")
    data["injuries"][0]["cleared"] = {"date": "2020-03", "by": "Dr A Khan", "said": "no limits"}
    data["client"]["life_stage"]["pelvic_floor"] = {"leaking": True, "heaviness": False}
    data["screening"] = {"improves_with_movement": False, "buttock_pain": True}
    data["questionnaires"].update({
        "rmdq": [0, 1] * 12, "odi": [1, 2, 0, None, 1, 1, 0, 2, 1, 0],
        "faam": {"adl": [4] * 20 + [None], "sports": [3] * 8}, "lefs": [3] * 20,
        "koos12": [2] * 12, "pgq": {"activity": [1] * 20, "symptom": [2] * 5}, "nprs": 6,
    })  # fmt: skip
    return validate_intake(data, source="every-form", as_of=AS_OF)


@pytest.mark.parametrize("release", RELEASES)
def test_every_answer_form_and_a_clearance_survive_the_round_trip(release: str) -> None:
    intake = _every_form_intake()
    b = export_bundle(evaluate(intake, as_of=AS_OF), release=release, practice=PRACTICE,
                      coach=COACH, as_of=AS_OF, knowledge_hash=KNOWLEDGE_HASH)  # fmt: skip
    draft, _ = import_bundle(b, release=release)
    back = validate_intake(draft, source="re-read", as_of=AS_OF)
    assert back.model_dump(mode="json") == intake.model_dump(mode="json")


def test_a_bundle_nested_beyond_any_resource_is_refused_not_crashed_on() -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(100_000):
        node["extension"] = [{}]
        node = node["extension"][0]
    b = bundle("ruth", "R4B")
    b["entry"][0]["resource"]["extension"] = [deep]
    assert "nested more deeply" in _refusal(b)
    text = '{"resourceType": "Bundle", "entry": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert "nested more deeply" in _refusal(text)
