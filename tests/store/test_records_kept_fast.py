"""What the storage benchmark changed keeps the records' meaning: the client list's pain trend
read per client, an evaluation kept by the records it was made from, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kinchain.services import records
from kinchain.store import Database

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def intake(name: str = "maria") -> dict:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())


def checkin(day: str, pain: int) -> dict:
    return {"date": day, "effort": "ok",
            "pain": [{"site": "sacroiliac", "side": "left", "intensity": pain}]}  # fmt: skip


def uow(db: Database):
    return db.unit_of_work("North", actor="cli:test")


@pytest.fixture
def north(db: Database) -> Database:
    db.add_practice("North")
    return db


def test_the_pain_trend_is_each_clients_own_latest_five_checkins_oldest_first(north, clock):
    maria = records.import_client(uow(north), intake(), source="maria.yaml").client.id
    twin = records.import_client(uow(north), intake(), source="twin.yaml").client.id
    for pain in (9, 8, 7, 6, 5, 4, 3):
        clock.advance(days=3)
        day = clock.now.date().isoformat()
        records.add_checkin(uow(north), maria, checkin(day, pain))
        records.add_checkin(uow(north), twin, checkin(day, 10 - pain))
    rows = {row.id: row for row in records.client_page(uow(north)).clients}
    assert rows[maria].pains == (7, 6, 5, 4, 3)
    assert rows[twin].pains == (3, 4, 5, 6, 7)
    assert rows[maria].last_checkin == rows[twin].last_checkin == clock.now.date()


def test_a_client_without_checkins_has_no_trend_beside_one_with_them(north, clock):
    quiet = records.import_client(uow(north), intake(), source="quiet.yaml").client.id
    busy = records.import_client(uow(north), intake(), source="busy.yaml").client.id
    clock.advance(days=3)
    records.add_checkin(uow(north), busy, checkin(clock.now.date().isoformat(), 4))
    rows = {row.id: row for row in records.client_page(uow(north)).clients}
    assert rows[quiet].pains == () and rows[quiet].last_checkin is None
    assert rows[busy].pains == (4,)


def test_a_kept_evaluation_is_used_only_while_her_records_are_the_same(north, clock):
    client = records.import_client(uow(north), intake(), source="maria.yaml").client.id
    first = records.client_record(uow(north), client)["program"]
    hits = records.EVALUATIONS.hits
    assert records.client_record(uow(north), client)["program"] == first
    assert records.EVALUATIONS.hits == hits + 1, "the same records: the kept evaluation"
    clock.advance(days=7)
    added = records.add_checkin(uow(north), client, checkin(clock.now.date().isoformat(), 8))
    after = records.client_record(uow(north), client)["program"]
    assert after == added.evaluation.program.to_json()
    assert after["as_of"] == clock.now.date().isoformat() != first["as_of"]
