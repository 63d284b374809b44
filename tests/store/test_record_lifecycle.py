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


def _fill_every_memo(db, client_id: str, day: str) -> None:
    """Read a client every way that keeps something in memory: her record (evaluation and
    parsed check-ins), a what-if, her page's plots and her report."""
    from kinchain.services import whatif
    from kinchain.web import client_view

    records.add_checkin(uow(db), client_id, {"date": day, "effort": "ok", "pain": [
        {"site": "sacroiliac", "side": "left", "intensity": 3}]})
    record = records.client_record(uow(db), client_id)
    whatif.client_what_if(uow(db), client_id, shoe="usual", step_rate_pct=5)
    with uow(db) as u:
        evaluation = records.evaluation_of(u, client_id)
    client_view.client_page_view(evaluation, record)
    client_view.report_document(evaluation, client_id=client_id)


def test_an_erased_client_leaves_no_entry_in_any_memo_and_the_others_keep_theirs(lenient, clock):
    from kinchain.services import memo, whatif
    from kinchain.web import client_view

    maria = records.import_client(uow(lenient), intake(), source="maria.yaml").client.id
    other = intake()
    other["client"] = {**other["client"], "name": "Tom Berg", "mass_kg": 82, "sex": "male"}
    tom = records.import_client(uow(lenient), other, source="tom.yaml").client.id
    clock.advance(days=2)
    for client_id in (maria, tom):
        _fill_every_memo(lenient, client_id, clock.now.date().isoformat())
    kept = [records.EVALUATIONS, records.PARSED, whatif.EVALUATIONS,
            client_view._plots, client_view._reports]
    assert all({maria, tom} <= m.owners() for m in kept), "each memo holds both clients"
    assert all(m in memo.memos() for m in kept)

    lifecycle.erase_client(uow(lenient), maria, confirmed_by="admin@north")

    assert [m for m in memo.memos() if maria in m.owners()] == []
    assert all(tom in m.owners() for m in kept), "another client's entries stay"
