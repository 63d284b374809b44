"""A backup taken while check-ins are being stored is one state of the database: every row it
holds belongs with the others (each check-in with its client and its audit entry), and the
counts in its trailer are the rows it holds."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from backup_cases import KEY, checkin, counts, fill, uow

from kinchain.services import records
from kinchain.store import Database
from kinchain.store.archive import SealedWriter
from kinchain.store.backup import archive_lines, backup
from kinchain.store.restore import ArchiveReader, restore


@pytest.fixture
def restored(other_empty_url: str, clock):
    database = Database(other_empty_url, clock=clock)
    yield database
    database.engine.dispose()


def _belongs_together(path: Path) -> dict[str, int]:
    """Check that an archive's check-ins each have their client and their audit entry, and
    that nothing else was audited as a stored check-in; the archive's counts."""
    reader = ArchiveReader(path, KEY)
    clients: set[str] = set()
    checkins: dict[str, str] = {}
    audited: set[str] = set()
    for table, row in reader.rows():
        if table.name == "client":
            clients.add(str(row["id"]))
        elif table.name == "checkin":
            checkins[str(row["id"])] = str(row["client_id"])
        elif table.name == "audit_event" and row["action"] == "checkin.add":
            audited.add(str(row["detail"]))
    assert set(checkins.values()) <= clients
    assert set(checkins) == audited
    assert reader.summary is not None
    return dict(reader.summary.counts)


def test_a_checkin_stored_while_a_backup_reads_is_not_in_that_backup_nor_half_of_it(
    db, restored, clock, tmp_path: Path
):
    maria = fill(db, clock)["North"][0]
    lines = archive_lines(db.engine)
    taken = [next(lines) for _ in range(3)]  # the header and the practices: the read is open
    clock.advance(days=1)
    added = records.add_checkin(uow(db), maria, checkin(clock.now.date(), 2))
    taken.extend(lines)
    assert added.new and added.checkin_id.encode() not in b"".join(taken)
    assert json.loads(taken[-1])["counts"]["checkin"] == counts(db.engine)["checkin"] - 1
    path = tmp_path / "during.kcb"
    with path.open("wb") as out:
        sealed = SealedWriter(out, KEY)
        for line in taken:
            sealed.write(line)
        sealed.close()
    assert _belongs_together(path)["checkin"] == 2
    summary = restore(path, restored.engine, KEY)
    assert counts(restored.engine) == summary.counts


def test_backups_taken_while_a_writer_adds_checkins_restore_to_a_consistent_database(
    db, restored, clock, tmp_path: Path
):
    maria = fill(db, clock)["North"][0]
    finished = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            for i in range(10):
                clock.advance(days=1)
                records.add_checkin(uow(db), maria, checkin(clock.now.date(), i % 8))
        except BaseException as e:  # the test fails with it below
            failures.append(e)
        finally:
            finished.set()

    writer = threading.Thread(target=write)
    writer.start()
    archives: list[Path] = []
    while not finished.is_set():
        archives.append(tmp_path / f"backup-{len(archives)}.kcb")
        backup(db.engine, archives[-1], KEY)
    writer.join()
    assert failures == []
    seen = [_belongs_together(path)["checkin"] for path in archives]
    assert len(set(seen)) >= 2, f"the backups did not run while check-ins were stored: {seen}"
    during = archives[next(i for i, n in enumerate(seen) if n > seen[0])]
    summary = restore(during, restored.engine, KEY)
    assert counts(restored.engine) == summary.counts
    assert 2 < summary.counts["checkin"] <= 12
