"""Consent, erasure on request, and knowledge updates put to the coach, never swapped in."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from test_records_kept import intake, uow

from kinchain.errors import ConflictError, InputError, NotFoundError
from kinchain.services import lifecycle, records, versions


@pytest.fixture
def north(db):
    db.add_practice("North")
    return db


@pytest.fixture
def lenient(db):
    db.add_practice("North", retention_years=0)
    return db


def test_a_client_under_18_needs_the_guardian_who_consents_named(north):
    young = {"client": {"name": "Lea Young", "birth_year": 2012, "sex": "female",
                        "height_cm": 158, "mass_kg": 48}, "daily_minutes": 10}
    done = records.import_client(uow(north), young, source="teen.yaml")
    with pytest.raises(InputError, match="guardian"):
        lifecycle.record_consent(uow(north), done.client.id, "health_data", True, how="form")
    lifecycle.record_consent(uow(north), done.client.id, "health_data", True, how="signed form",
                             guardian="Ana Silva (mother)")
    with uow(north) as u:
        kept = u.consents.for_client(done.client.id)
    assert [(c.topic, c.granted, c.guardian) for c in kept] == [
        ("health_data", True, "Ana Silva (mother)")]


def test_a_withdrawn_consent_is_a_new_row_and_the_first_is_kept(north):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    lifecycle.record_consent(uow(north), done.client.id, "reminders", True, how="web")
    lifecycle.record_consent(uow(north), done.client.id, "reminders", False, how="web")
    with uow(north) as u:
        assert [c.granted for c in u.consents.for_client(done.client.id)] == [True, False]


def test_erasure_is_refused_while_the_practice_must_keep_the_record(north):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    with pytest.raises(ConflictError, match="erasure is possible from"):
        lifecycle.erase_client(uow(north), done.client.id, confirmed_by="admin@north")


def test_an_erased_client_is_gone_but_the_audit_log_keeps_that_it_happened(lenient):
    db = lenient
    done = records.import_client(uow(db), intake(), source="maria.yaml")
    name = done.client.name
    lifecycle.erase_client(uow(db), done.client.id, confirmed_by="admin@north")
    with pytest.raises(NotFoundError, match="erased"):
        records.client_record(uow(db), done.client.id)
    with db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM intake_version")).scalar() == 0
        dump = " ".join(str(r) for r in c.execute(text("SELECT * FROM audit_event")))
        assert name not in dump
        assert c.execute(text("SELECT count(*) FROM program_snapshot")).scalar() == 0
    with uow(db) as u:
        assert u.audit.entries(client_id=done.client.id)[0].action == "client.erase"


def test_a_knowledge_update_that_changes_a_program_is_proposed_not_swapped(north, monkeypatch):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    shown = records.client_record(uow(north), done.client.id)["shown"]
    assert len(shown) == 1
    monkeypatch.setattr(versions, "knowledge_hash", lambda: "new-library")
    monkeypatch.setattr(records, "knowledge_hash", lambda: "new-library")
    monkeypatch.setattr(lifecycle, "knowledge_hash", lambda: "new-library")
    with uow(north) as u:  # the program the new library builds differs by one coach's note
        u.programs.show(done.client.id, {"routine": []}, because="intake",
                        kinchain_version="0.0.9", knowledge_hash="old-library")
        u.commit()
    check = lifecycle.propose_knowledge_updates(uow(north))
    assert check.checked == 1 and len(check.proposed) == 1
    assert len(records.client_record(uow(north), done.client.id)["shown"]) == 2  # not swapped
    again = lifecycle.propose_knowledge_updates(uow(north))
    assert again.proposed == ()  # one open proposal per client and update
    lifecycle.decide_proposal(uow(north), check.proposed[0].id, accepted=True)
    after = records.client_record(uow(north), done.client.id)["shown"]
    assert after[-1]["because"] == "knowledge" and after[-1]["knowledge_hash"] == "new-library"
    with pytest.raises(ConflictError, match="already decided"):
        lifecycle.decide_proposal(uow(north), check.proposed[0].id, accepted=False)
