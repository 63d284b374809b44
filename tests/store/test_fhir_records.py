"""A stored client's record goes out as FHIR and comes back in as a new client."""

from __future__ import annotations

import json

from test_records_kept import intake, uow

from kinchain.services import fhir_records, records


def test_a_stored_client_exports_as_a_bundle_and_imports_back_as_a_new_client(db):
    db.add_practice("North")
    done = records.import_client(uow(db), intake(), source="maria.yaml")
    bundle = fhir_records.fhir_export(uow(db), done.client.id, release="R4B")
    assert bundle["resourceType"] == "Bundle"
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "Condition", "CarePlan", "Provenance"} <= kinds
    back = fhir_records.fhir_import(uow(db), json.dumps(bundle), release="R4B")
    assert back.imported is not None
    assert back.imported.client.name == done.client.name
    assert records.client_page(uow(db)).total == 2


def test_a_bundle_whose_intake_does_not_validate_stores_nothing(db):
    db.add_practice("North")
    done = records.import_client(uow(db), intake(), source="maria.yaml")
    bundle = fhir_records.fhir_export(uow(db), done.client.id, release="R4B")
    bundle["entry"] = [e for e in bundle["entry"]
                       if e["resource"]["resourceType"] != "Patient"]
    back = fhir_records.fhir_import(uow(db), bundle, release="R4B")
    assert back.imported is None and back.problems
    assert records.client_page(uow(db)).total == 1
