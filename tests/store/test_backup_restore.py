"""A backup restored into an empty database, SQLite or PostgreSQL, gives back every record as
it was: the same ids, the same values and, for every client, the same `client show --json`."""

from __future__ import annotations

from pathlib import Path

import pytest
from backup_cases import KEY, counts, every_row, fill, shown_records, uow

from kinchain.store import Database
from kinchain.store.backup import backup
from kinchain.store.restore import restore


@pytest.fixture
def restored(other_empty_url: str, clock):
    database = Database(other_empty_url, clock=clock)
    yield database
    database.engine.dispose()


def test_every_client_shows_the_same_bytes_after_a_restore_into_the_other_database(
    db, restored, clock, tmp_path: Path
):
    clients = fill(db, clock)
    summary = backup(db.engine, tmp_path / "all.kcb", KEY)
    restore(tmp_path / "all.kcb", restored.engine, KEY)
    assert summary.practices == ("North", "South")
    assert counts(restored.engine) == summary.counts == counts(db.engine)
    before, after = shown_records(db, clients), shown_records(restored, clients)
    assert len(after) == 4 and after == before


def test_every_row_comes_back_with_its_id_and_every_value_as_it_was(
    db, restored, clock, tmp_path: Path
):
    fill(db, clock)
    backup(db.engine, tmp_path / "all.kcb", KEY)
    restore(tmp_path / "all.kcb", restored.engine, KEY)
    rows = every_row(db.engine)
    assert all(rows.values()), f"a table is empty, so untested: {rows}"
    assert every_row(restored.engine) == rows


def test_a_backup_of_one_practice_holds_its_records_and_nothing_of_another(
    db, restored, clock, tmp_path: Path
):
    clients = fill(db, clock)
    summary = backup(db.engine, tmp_path / "north.kcb", KEY, practice="North")
    restore(tmp_path / "north.kcb", restored.engine, KEY)
    assert summary.practices == ("North",)
    assert [p.name for p in restored.practices()] == ["North"]
    south = db.practice("South").id
    for name, rows in every_row(restored.engine).items():
        assert south not in {str(v) for row in rows for v in row}, f"{name} holds South's rows"
    north = {c: clients["North"] for c in ("North",)}
    assert shown_records(restored, north) == shown_records(db, north)


def test_each_practices_audit_log_keeps_who_backed_it_up_and_where_to(db, clock, tmp_path):
    fill(db, clock)
    backup(db.engine, tmp_path / "north.kbak", KEY, practice="North", actor="cli:coach")
    with uow(db) as north:
        entry = north.audit.entries(limit=1)[0]
    with uow(db, "South") as south:
        assert "practice.backup" not in [e.action for e in south.audit.entries()]
    assert (entry.action, entry.user_id) == ("practice.backup", "cli:coach")
    assert "north.kbak" in entry.detail and KEY.key_id in entry.detail
