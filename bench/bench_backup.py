"""Benchmark: how long a backup and a restore of a large practice take, and how big the
archive is, from SQLite into PostgreSQL and back.

Run by hand (not a timed test)::

    .venv/bin/python bench/bench_backup.py    # 1,000 clients, 100,000 check-ins
    .venv/bin/python bench/bench_backup.py --clients 10000 --checkins 1000000

The practice is generated as rows (one real intake and program snapshot shared by every client,
check-ins of the stored format with their audit entries), not by running the pipeline. The
PostgreSQL cluster is a throw-away one (tests/pg_cluster.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text

from kinchain.intake.files import read_intake_data
from kinchain.records import canonical_json
from kinchain.store import tables as t
from kinchain.store.archive import BackupKey
from kinchain.store.backup import backup
from kinchain.store.engine import open_engine
from kinchain.store.migrate import upgrade
from kinchain.store.restore import restore

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import pg_cluster  # noqa: E402

KEY = BackupKey(bytes(range(32)))
START = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)


def _fill(engine: Engine, clients: int, checkins: int) -> None:
    intake = canonical_json(read_intake_data(ROOT / "examples" / "maria.yaml"))
    with engine.begin() as c:
        c.execute(
            insert(t.PracticeRow),
            [
                dict(
                    id="pr_1",
                    name="North",
                    country="UK",
                    coaches_see_all=False,
                    retention_years=8,
                    created_at=START,
                )
            ],
        )
        c.execute(
            insert(t.SnapshotRow),
            [
                dict(
                    practice_id="pr_1",
                    hash="0" * 64,
                    document='{"routine":[]}',
                    kinchain_version="0.1.0",
                    knowledge_hash="1" * 64,
                )
            ],
        )
        ids = [f"cl_{i:06d}" for i in range(clients)]
        for start in range(0, clients, 5000):
            chunk = ids[start : start + 5000]
            c.execute(
                insert(t.ClientRow),
                [
                    dict(
                        id=i,
                        practice_id="pr_1",
                        name=f"Client {i}",
                        created_at=START,
                        erased_at=None,
                    )
                    for i in chunk
                ],
            )
            c.execute(
                insert(t.IntakeRow),
                [
                    dict(
                        id=f"in_{i}",
                        practice_id="pr_1",
                        client_id=i,
                        version=1,
                        document=intake,
                        format_version=1,
                        saved_by="cli:bench",
                        saved_at=START,
                        reason=None,
                    )
                    for i in chunk
                ],
            )
        per = max(1, checkins // clients)
        for start in range(0, checkins, 20000):
            rows, audit = [], []
            for n in range(start, min(start + 20000, checkins)):
                client, week = ids[(n // per) % clients], n % per
                day = START + dt.timedelta(days=7 * week + 1, microseconds=n)
                doc = canonical_json(
                    {
                        "date": day.date().isoformat(),
                        "effort": "ok",
                        "pain": [{"site": "knee", "side": "left", "intensity": n % 10}],
                    }
                )
                rows.append(
                    dict(
                        id=f"ch_{n:08d}",
                        practice_id="pr_1",
                        client_id=client,
                        date=day.date(),
                        document=doc,
                        format_version=1,
                        content_hash=f"{n:064d}",
                        idempotency_key=None,
                        worst_pain=n % 10,
                        recorded_by="cli:bench",
                        recorded_at=day,
                    )
                )
                audit.append(
                    dict(
                        id=f"au_{n:08d}",
                        practice_id="pr_1",
                        at=day,
                        user_id=None,
                        client_id=client,
                        action="checkin.add",
                        origin="bench",
                        detail=f"ch_{n:08d}",
                    )
                )
            c.execute(insert(t.CheckinRow), rows)
            c.execute(insert(t.AuditRow), audit)


def _timed(label: str, work) -> float:
    """Run ``work``; print its wall time and this process's CPU time (the machine is shared:
    the CPU time is what the work costs, the wall time what it took here and now)."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label}: {wall:.1f} s ({cpu:.1f} s CPU in this process)", flush=True)
    return wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--checkins", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kinchain-bench-backup-"))
    with pg_cluster.cluster() as admin_url:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text("CREATE DATABASE restored"))
            c.execute(text("CREATE DATABASE source"))
        pg_target = admin_url.replace("/postgres?", "/restored?")
        pg_source = admin_url.replace("/postgres?", "/source?")
        sqlite = open_engine(f"sqlite:///{folder / 'source.sqlite3'}")
        upgrade(sqlite)
        print(f"{args.clients:,} clients, {args.checkins:,} check-ins", flush=True)
        _timed("generate the SQLite practice", lambda: _fill(sqlite, args.clients, args.checkins))
        size = (folder / "source.sqlite3").stat().st_size
        print(f"  SQLite file: {size / 1e6:.0f} MB", flush=True)
        archive = folder / "all.kbak"
        took = _timed("backup from SQLite", lambda: backup(sqlite, archive, KEY))
        print(
            f"  archive: {archive.stat().st_size / 1e6:.1f} MB "
            f"({args.checkins / took:,.0f} check-ins/s)",
            flush=True,
        )
        target = open_engine(pg_target)
        _timed("restore into PostgreSQL (check, then load)", lambda: restore(archive, target, KEY))
        again = folder / "again.kbak"
        _timed("backup from PostgreSQL", lambda: backup(target, again, KEY))
        back = open_engine(f"sqlite:///{folder / 'back.sqlite3'}")
        _timed("restore into SQLite", lambda: restore(again, back, KEY))
        for engine in (sqlite, target, back):
            engine.dispose()
        admin.dispose()
        del pg_source
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
