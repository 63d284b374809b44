"""Benchmark: a practice of 10,000 clients and 1,000,000 check-ins in SQLite and PostgreSQL, and
how fast a coach's client list, one client's timeline and storing a check-in are on it.

Run by hand (not a timed test; CI runs a tiny size through tests/unit/test_bench_smoke.py)::

    nice -n 10 .venv/bin/python bench/bench_store.py                  # 10,000 clients
    nice -n 10 .venv/bin/python bench/bench_store.py --clients 1000   # scaled down
    .venv/bin/python bench/bench_store.py --clients 20 --samples 5   # smoke

The records are generated in bulk (``bench/store_data.py`` says how and in what proportions):
SQLAlchemy Core ``insert()`` executemany into SQLite, PostgreSQL ``COPY`` through psycopg into a
throw-away cluster (``tests/pg_cluster.py``, fsync off). Then, on each database, through the
use cases of :mod:`kinchain.services.records` with a unit of work as the CLI opens it:

* ``client_page``: a coach's page of 50 clients with last check-in and pain trend;
* ``client_record``: one client's whole timeline, which rebuilds her program;
* ``add_checkin``: storing a check-in dated today and rebuilding the program over it; beside
  it ``evaluate()`` alone on the same client's records (the pipeline without the database).

Printed: p50/p95 and n of each, ratios against a peer measured in the same run (SQLite against
PostgreSQL; the list page against a bare ``SELECT count(*)``; the check-in against its
``evaluate()``), each database's size and its growth per client (measured between the half-way
point of the load and the end). Targets on these 2 cores: p95 under 20 ms for the reads, under
100 ms for a check-in with its rebuild. The databases are deleted at the end. Beside each wall
time it prints this process's CPU time (the whole cost for SQLite, which runs in-process).

The numbers of 2026-12-02 at 10,000 clients, what they showed and what was changed for them:
bench/README.md. ``--profile`` adds a cProfile of one more round on each database.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

import pg_cluster  # noqa: E402
import store_data as gen  # noqa: E402
from kinchain.program import parse_checkin  # noqa: E402
from kinchain.program.edits import parse_edit  # noqa: E402
from kinchain.records import Practice  # noqa: E402
from kinchain.services import records  # noqa: E402
from kinchain.services.evaluate import evaluate  # noqa: E402
from kinchain.services.intake import validate_intake  # noqa: E402
from kinchain.store import Database, upgrade  # noqa: E402
from kinchain.store import tables as t  # noqa: E402

READ_TARGET_MS, WRITE_TARGET_MS = 20.0, 100.0
TABLES = {table.__tablename__: table.__table__ for table in t.Base.__subclasses__()}


@dataclass
class Target:
    """One database under test and what was measured on it."""

    kind: str  # "sqlite" or "postgresql"
    db: Database
    practice: Practice | None = None
    load_s: float = 0.0
    sizes: list[tuple[int, int]] = field(default_factory=list)  # (clients loaded, bytes)
    times: dict[str, list[float]] = field(default_factory=dict)  # ms

    @property
    def engine(self) -> Engine:
        return self.db.engine

    def size(self) -> int:
        with self.engine.connect() as c:
            if self.kind == "postgresql":
                size = c.execute(text("SELECT pg_database_size(current_database())"))
                return int(size.scalar_one())
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(str(self.engine.url.database))
        wal = path.with_name(path.name + "-wal")
        return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)

    def insert(self, rows: dict[str, list[gen.Row]]) -> None:
        start = time.perf_counter()
        if self.kind == "postgresql":
            self._copy(rows)
        else:
            # the driver's executemany: the rows are already in SQLAlchemy's SQLite form
            with self.engine.begin() as c:
                for table, batch in rows.items():
                    if batch:
                        columns = gen.COLUMNS[table]
                        marks = ", ".join("?" * len(columns))
                        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
                        c.exec_driver_sql(sql, batch)
        self.load_s += time.perf_counter() - start

    def _copy(self, rows: dict[str, list[gen.Row]]) -> None:
        raw = self.engine.raw_connection()
        try:
            with raw.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
                for table, batch in rows.items():
                    if not batch:
                        continue
                    columns = ", ".join(gen.COLUMNS[table])
                    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in batch:
                            copy.write_row(row)
            raw.commit()
        finally:
            raw.close()


@contextlib.contextmanager
def databases(kinds: list[str], folder: Path) -> Iterator[list[Target]]:
    """An empty, migrated database of each kind; deleted on the way out."""
    with contextlib.ExitStack() as stack:
        found = []
        for kind in kinds:
            if kind == "sqlite":
                url = f"sqlite:///{folder / 'bench.sqlite3'}"
            else:
                admin_url = stack.enter_context(pg_cluster.cluster())
                admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
                with admin.connect() as c:
                    c.execute(text("CREATE DATABASE kinchain_bench"))
                admin.dispose()
                url = admin_url.replace("/postgres?", "/kinchain_bench?")
            db = Database(url)
            upgrade(db.engine)
            found.append(Target(kind, db))
            stack.callback(db.engine.dispose)
        yield found


def load(targets: list[Target], clients: int) -> gen.Generator:
    """Fill every target with the same generated practice; sizes at half-way and the end."""
    bases = gen.load_bases(gen.Generator.base_start)
    now = gen.moment_of(dt.datetime.now(dt.UTC))
    ids = gen.Ids()
    coaches = [ids("us", now) for _ in range(max(2, clients // 500))]
    practice = gen.Practice(ids("pr", now), coaches, dt.datetime.now(dt.UTC).date())
    first = {
        "practice": [(practice.id, "Bench practice", "UK", 0, 8, now.text)],
        "user_account": [(c, practice.id, f"coach{n}@bench.invalid", "coach", None, "!", now.text)
                         for n, c in enumerate(coaches)],
    }  # fmt: skip
    for target in targets:
        target.insert(first)
        target.practice = target.db.practice("Bench practice")
    generator = gen.Generator(practice, bases, ids=ids)
    done, start, half = 0, time.perf_counter(), clients // 2
    for rows in generator.chunks(clients):
        before, done = done, done + len(rows["client"])
        for target in targets:
            target.insert(rows)
            if before < half <= done:
                target.sizes.append((done, target.size()))
        _progress(done, clients, start)
    for target in targets:
        target.sizes.append((done, target.size()))
        _analyze(target)
    print(file=sys.stderr)
    return generator


def _progress(done: int, total: int, start: float) -> None:
    elapsed = time.perf_counter() - start
    print(f"\r  loaded {done:,}/{total:,} clients in {elapsed:.0f} s", end="", file=sys.stderr)


def _analyze(target: Target) -> None:
    """PostgreSQL's autovacuum analyzes a table soon after a bulk load; do it now. SQLite is
    left as kinchain leaves it (kinchain never runs ANALYZE)."""
    if target.kind == "postgresql":
        with target.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE")


#: this process's CPU time of each timed call (ms), by the list its wall time went to: on a
#: shared machine the wall time includes waiting for a core, the CPU time does not (for
#: SQLite it is the whole cost; PostgreSQL's server process is not counted)
CPU: dict[int, list[float]] = {}


def _timed(times: list[float], fn: Callable[[], object]) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    times.append((time.perf_counter() - start) * 1e3)
    CPU.setdefault(id(times), []).append((time.process_time() - cpu) * 1e3)


def measure(target: Target, generator: gen.Generator, samples: int, seed: int) -> None:
    """The three use cases and their peers on one database, ``samples`` times each."""
    assert target.practice is not None
    rng = random.Random(seed)
    db, practice = target.db, target.practice
    with db.unit_of_work(practice, actor="cli:bench") as uow:
        coaches = [u.id for u in uow.users.all()]
        everyone = uow.clients.ids()
    programmed = [c for c in everyone if not generator.base_of[c].suspended]
    uow = lambda: db.unit_of_work(practice, actor=coaches[0], origin="bench")  # noqa: E731
    times = target.times = {k: [] for k in LABELS}
    records.EVALUATIONS.clear()  # the same ids in both databases: start each one cold
    records.PARSED.clear()
    records.client_page(uow(), coach=coaches[0])  # warm the connection pool and caches
    for _ in range(samples):
        coach = rng.choice(coaches)
        page = rng.randrange(0, max(1, len(everyone) // len(coaches) - 50)) // 50 * 50
        _timed(times["page"], lambda: records.client_page(uow(), offset=page, coach=coach))  # noqa: B023
        _timed(times["count"], lambda: _count(target))
    for client in rng.sample(everyone, min(samples, len(everyone))):
        _timed(times["record"], lambda: records.client_record(uow(), client))  # noqa: B023
    today = dt.datetime.now(dt.UTC).date()
    checked = rng.sample(programmed, min(samples, len(programmed)))
    for n, client in enumerate(checked):
        base = generator.base_of[client]
        doc = gen._checkin_doc(base, rng, today, 1.0)
        key = f"bench-{seed}-{n}"
        _timed(times["checkin"], lambda: records.add_checkin(uow(), client, doc, key=key))  # noqa: B023
        _evaluate_alone(times["evaluate"], db, practice, client)
    for client in checked:  # the coach opens her after the check-in: the evaluation is kept
        _timed(times["record_after"], lambda: records.client_record(uow(), client))  # noqa: B023


def _evaluate_alone(times: list[float], db: Database, practice: Practice, client_id: str) -> None:
    """``evaluate()`` on the client's stored records (loaded first, not timed), in ms."""
    with db.unit_of_work(practice, actor="cli:bench", writes=False) as uow:
        stored = uow.intakes.current(client_id)
        start = stored.saved_at.date()
        intake = validate_intake(stored.document, source="bench", as_of=start)
        checkins = [
            parse_checkin(c.document, source=c.id, today=c.date)
            for c in uow.checkins.for_client(client_id)
            if c.date >= start
        ]
        edits = [parse_edit(e.document) for e in uow.edits.for_client(client_id)]
    _timed(times, lambda: evaluate(intake, as_of=start, country=practice.country,
                                   checkins=checkins, edits=edits, stale_edits="note"))  # fmt: skip


def _count(target: Target) -> None:
    assert target.practice is not None
    with target.engine.connect() as c:
        c.execute(text("SELECT count(*) FROM client WHERE practice_id = :p"),
                  {"p": target.practice.id}).scalar_one()  # fmt: skip


def _pct(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94]


LABELS = {
    "page": ("client list page of 50 (client_page)", READ_TARGET_MS),
    "count": ("bare SELECT count(*) of the clients", None),
    "record": ("one client's timeline, first open (client_record)", READ_TARGET_MS),
    "checkin": ("store a check-in + rebuild (add_checkin)", WRITE_TARGET_MS),
    "evaluate": ("  of which evaluate() alone", None),
    "record_after": ("her timeline right after her check-in", READ_TARGET_MS),
}


def report(targets: list[Target], generator: gen.Generator) -> None:
    for target in targets:
        print(f"\n{target.kind}: loaded in {target.load_s:.0f} s")
        for key, (label, goal) in LABELS.items():
            p50, p95 = _pct(target.times[key])
            verdict = "" if goal is None else ("  ok" if p95 < goal else f"  OVER {goal:.0f} ms")
            cpu = CPU.get(id(target.times[key]))
            own = f"  (CPU p50 {_pct(cpu)[0]:6.2f} ms)" if cpu else ""
            print(f"  {label:50s} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  n={len(target.times[key])}"
                  f"{verdict}{own}")  # fmt: skip
        page, count = _pct(target.times["page"])[0], _pct(target.times["count"])[0]
        check, alone = _pct(target.times["checkin"])[0], _pct(target.times["evaluate"])[0]
        print(
            f"  ratio list page / count(*): {page / count:.1f}x; evaluate() is "
            f"{alone / check:.0%} of a check-in (p50)"
        )
        (half, half_size), (full, full_size) = target.sizes[0], target.sizes[-1]
        growth = (full_size - half_size) / max(1, full - half)
        print(
            f"  size {full_size / 2**20:,.0f} MiB for {full:,} clients; "
            f"growth {growth / 2**10:,.0f} KiB per client (from {half:,} to {full:,} clients)"
        )
    if len(targets) == 2:
        a, b = targets
        print(f"\nratio {a.kind} / {b.kind} (p50): " + ", ".join(
            f"{k} {_pct(a.times[k])[0] / _pct(b.times[k])[0]:.2f}x" for k in LABELS))  # fmt: skip


def _profile(target: Target, generator: gen.Generator, samples: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    measure(target, generator, samples, seed=99)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000, help="clients in the practice")
    parser.add_argument("--samples", type=int, default=200, help="runs of each measurement")
    parser.add_argument("--databases", default="sqlite,postgresql", help="comma-separated")
    parser.add_argument("--profile", action="store_true", help="cProfile one more round")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.databases.split(",") if k.strip()]
    folder = Path(tempfile.mkdtemp(prefix="kinchain-bench-"))
    try:
        with databases(kinds, folder) as targets:
            generator = load(targets, args.clients)
            print(f"{args.clients:,} clients: " + ", ".join(
                f"{n:,} {table}" for table, n in generator.counts.items() if n))  # fmt: skip
            for target in targets:
                measure(target, generator, args.samples, seed=1)
            busy = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"machine load average while measuring (1, 5, 15 min): {busy} on "
                  f"{os.cpu_count()} cores")  # fmt: skip
            report(targets, generator)
            if args.profile:
                for target in targets:
                    print(f"\nprofile on {target.kind}:")
                    _profile(target, generator, max(5, args.samples // 4))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
