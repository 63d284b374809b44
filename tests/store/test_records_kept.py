"""A practice's records are kept whole, never changed in place, and never shown to another
practice: the storage use cases on SQLite and PostgreSQL alike."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from kinchain.errors import CheckinError, ConflictError, IntakeError, NotFoundError
from kinchain.services import records
from kinchain.store import Database

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def intake(name: str = "maria") -> dict:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())


def checkin(day: str, pain: int = 3, effort: str = "ok") -> dict:
    return {
        "date": day,
        "effort": effort,
        "pain": [{"site": "sacroiliac", "side": "left", "intensity": pain}],
    }


def uow(db: Database, practice: str = "North"):
    return db.unit_of_work(practice, actor="cli:test")


@pytest.fixture
def north(db: Database) -> Database:
    db.add_practice("North")
    db.add_practice("South")
    return db


def test_an_imported_client_has_her_first_intake_version_and_the_program_she_was_shown(north):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    record = records.client_record(uow(north), done.client.id)
    assert record["name"] == done.client.name
    assert [v["version"] for v in record["intake_versions"]] == [1]
    assert record["program"]["routine"], "Maria's program has a routine"
    assert len(record["shown"]) == 1 and record["shown"][0]["because"] == "intake"


def test_a_client_of_another_practice_is_not_found_as_if_she_did_not_exist(north):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    with pytest.raises(NotFoundError) as other:
        records.client_record(uow(north, "South"), done.client.id)
    with pytest.raises(NotFoundError) as missing:
        records.client_record(uow(north, "South"), "cl_000000000000_0000000000")
    assert str(other.value).replace(done.client.id, "X") == str(missing.value).replace(
        "cl_000000000000_0000000000", "X"
    )


def test_an_intake_that_fails_validation_stores_nothing(north):
    bad = intake()
    bad["daily_minutes"] = "twelve"
    with pytest.raises(IntakeError, match="daily_minutes"):
        records.import_client(uow(north), bad, source="bad.yaml")
    assert records.client_page(uow(north)).total == 0


def test_a_new_intake_version_keeps_the_earlier_one_as_it_was(north, clock):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    clock.advance(days=3)
    changed = copy.deepcopy(intake())
    changed["daily_minutes"] = 20
    records.save_intake(uow(north), done.client.id, changed, source="web", reason="more time")
    record = records.client_record(uow(north), done.client.id)
    versions = record["intake_versions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[1]["reason"] == "more time"
    assert record["intake"]["document"]["daily_minutes"] == 20
    with uow(north) as u:
        first = u.intakes.current(done.client.id, on=clock.now.date().replace(day=2))
    assert first.version == 1 and first.document["daily_minutes"] == intake()["daily_minutes"]


def test_a_stored_record_cannot_be_changed_in_place_even_by_sql(north):
    records.import_client(uow(north), intake(), source="maria.yaml")
    with north.engine.connect() as c, pytest.raises(Exception, match="never changed"):
        c.execute(text("UPDATE intake_version SET document = '{}'"))
    with north.engine.connect() as c, pytest.raises(Exception, match="confirmed erasure"):
        c.execute(text("DELETE FROM intake_version"))


def test_a_checkin_sent_twice_with_its_key_is_stored_once(north, clock):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    clock.advance(days=7)
    day = clock.now.date().isoformat()
    first = records.add_checkin(uow(north), done.client.id, checkin(day), key="k-1")
    again = records.add_checkin(uow(north), done.client.id, checkin(day), key="k-1")
    assert first.new and not again.new and first.checkin_id == again.checkin_id
    with pytest.raises(ConflictError, match="idempotency key"):
        records.add_checkin(uow(north), done.client.id, checkin(day, pain=6), key="k-1")
    assert len(records.client_record(uow(north), done.client.id)["checkins"]) == 1


def test_the_same_checkin_without_a_key_on_the_same_day_is_stored_once(north, clock):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    clock.advance(days=7)
    day = clock.now.date().isoformat()
    records.add_checkin(uow(north), done.client.id, checkin(day))
    second = records.add_checkin(uow(north), done.client.id, checkin(day))
    assert not second.new


def test_a_checkin_dated_before_the_program_is_refused_and_nothing_is_kept(north, clock):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    before = (clock.now.date().replace(day=1)).isoformat()
    clock.advance(days=7)
    with pytest.raises(CheckinError, match="before the program"):
        records.add_checkin(uow(north), done.client.id, checkin(before))
    assert records.client_record(uow(north), done.client.id)["checkins"] == []


def test_a_checkin_for_another_practices_client_is_not_found(north, clock):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    clock.advance(days=7)
    with pytest.raises(NotFoundError):
        records.add_checkin(
            uow(north, "South"), done.client.id, checkin(clock.now.date().isoformat())
        )


def test_a_coachs_edit_survives_the_next_checkin_and_the_next_intake_version(north, clock):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    program = records.client_record(uow(north), done.client.id)["program"]
    removed = program["routine"][-1]["exercise"]
    records.add_edit(
        uow(north),
        done.client.id,
        {"kind": "remove", "exercise": removed, "why": "she has no step at home"},
    )
    clock.advance(days=7)
    records.add_checkin(uow(north), done.client.id, checkin(clock.now.date().isoformat()))
    records.save_intake(uow(north), done.client.id, intake(), source="web")
    after = records.client_record(uow(north), done.client.id)["program"]
    assert removed not in [i["exercise"] for i in after["routine"]]


def test_a_contraindicated_edit_is_refused_with_its_reason_and_not_stored(north):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    with pytest.raises(Exception, match="exercise"):
        records.add_edit(
            uow(north),
            done.client.id,
            {"kind": "add", "exercise": "no-such-exercise", "why": "try"},
        )
    assert records.client_record(uow(north), done.client.id)["edits"] == []


def test_identical_programs_are_stored_once(north):
    a = records.import_client(uow(north), intake(), source="maria.yaml")
    b = records.import_client(uow(north), intake(), source="maria-twin.yaml")
    assert a.shown is not None and b.shown is not None
    assert a.shown.snapshot == b.shown.snapshot
    with north.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM program_snapshot")).scalar() == 1


def test_every_read_and_change_of_a_record_is_in_the_audit_log(north):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    records.client_record(uow(north), done.client.id)
    with uow(north) as u:
        actions = [e.action for e in u.audit.entries(client_id=done.client.id)]
    assert actions == ["client.read", "client.import"]


def test_the_coach_reads_a_clients_page_in_one_transaction_and_one_audited_read(
        north, monkeypatch):
    from kinchain.store.uow import SqlUnitOfWork

    done = records.import_client(uow(north), intake(), source="maria.yaml")
    opened = []
    enter = SqlUnitOfWork.__enter__
    monkeypatch.setattr(SqlUnitOfWork, "__enter__", lambda u: opened.append(1) or enter(u))
    read = records.read_client(uow(north), done.client.id)
    assert len(opened) == 1, "the record, its evaluation and the proposals: one transaction"
    monkeypatch.undo()
    assert read.record == records.client_record(uow(north), done.client.id)
    assert read.record["program"] == read.evaluation.program.to_json()
    assert read.proposals == ()
    with uow(north) as u:
        actions = [e.action for e in u.audit.entries(client_id=done.client.id)]
    assert actions == ["client.read", "client.read", "client.import"]


def test_the_client_list_shows_the_last_checkin_and_the_pain_trend(north, clock):
    done = records.import_client(uow(north), intake(), source="maria.yaml")
    for pain in (6, 5, 3):
        clock.advance(days=7)
        records.add_checkin(
            uow(north), done.client.id, checkin(clock.now.date().isoformat(), pain=pain)
        )
    row = records.client_page(uow(north)).clients[0]
    assert row.pains == (6, 5, 3) and row.last_checkin == clock.now.date()
