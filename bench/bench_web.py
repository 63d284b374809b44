"""Benchmark: the web app on loopback under 50 coaches, each opening a page every 1 to 3 s,
over the demo practice and then over a generated practice of 1,000 clients.

Run by hand (not a timed test; CI runs a tiny size through tests/unit/test_bench_smoke.py)::

    nice -n 10 .venv/bin/python bench/bench_web.py                      # 50 coaches, 1,000 clients
    .venv/bin/python bench/bench_web.py --coaches 2 --clients 20 --seconds 3   # smoke
    .venv/bin/python bench/bench_web.py --database postgresql+psycopg://...    # an empty database

The workload is OPEN: each coach's arrivals are scheduled by the clock (the next one 1 to 3 s
after the previous one was due, uniformly), never by waiting for a response, so a slow server
meets a queue as it would in a practice. The generator (asyncio + httpx, one client and cookie
jar per coach) runs in this process; the server (uvicorn, one process, the app as
``create_app`` makes it) in a subprocess on 127.0.0.1, on the same 2 cores.

Pages: the dashboard, a client page and a report (HTML) of one of the coach's clients, and
``/healthz`` as the peer measured in the same run. Each is timed at the client (request sent to
the body read) and at the server: a bench-only ASGI wrapper around the app measures from the
request's arrival to the response's start (the pages are rendered in full before it) and sends
it back in an ``x-bench-server-ms`` header. Target on these 2 cores: p95 under 50 ms at the
server for the dashboard and the client page.

Data: (a) the demo practice (``services.demo_records.seed_demo``: three clients, six weeks of
check-ins), with 49 more coaches each assigned its three clients; (b) a practice of
``--clients`` clients generated in bulk by ``bench/store_data.py`` (as ``bench_store.py``
does) and spread over the coaches. Both practices live in one database, the generated one
loaded after the demo run. The coaches are added with ``services.people.add_user`` and sign
in through ``POST /login``. A SQLite file in a temporary folder by default, deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

import store_data as gen  # noqa: E402
from bench_store import Target  # noqa: E402
from kinchain.records import Practice  # noqa: E402
from kinchain.services.demo_records import DEMO_COACH, seed_demo  # noqa: E402
from kinchain.services.people import add_user  # noqa: E402
from kinchain.store import Database, upgrade  # noqa: E402

TARGET_MS = 50.0
PAGES = ("dashboard", "client page", "report HTML", "healthz")
HEADER = "x-bench-server-ms"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Asgi = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                Awaitable[None]]  # fmt: skip


# --- the server side (run in the subprocess) -------------------------------------------------


def timed(app: Asgi) -> Asgi:
    """``app`` with its time to the response's start sent back in :data:`HEADER`."""

    async def wrapped(scope: Scope, receive: Callable[[], Awaitable[Message]],
                      send: Callable[[Message], Awaitable[None]]) -> None:  # fmt: skip
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        start = time.perf_counter()

        async def send_timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - start) * 1e3
                message["headers"] = [*message.get("headers", []),
                                      (HEADER.encode(), f"{ms:.3f}".encode())]  # fmt: skip
            await send(message)

        await app(scope, receive, send_timed)

    return wrapped


def serve(url: str, port: int) -> None:
    import uvicorn
    from cryptography.fernet import Fernet

    from kinchain.config import Settings
    from kinchain.web.app import create_app

    settings = Settings(database_url=url, secret_key=Fernet.generate_key().decode())
    app = timed(create_app(settings))  # type: ignore[arg-type]
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


@contextlib.contextmanager
def server(url: str, port: int) -> Iterator[str]:
    """The app served by a subprocess on 127.0.0.1:``port`` until the block ends."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"),
                                                         os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, __file__, "--serve", url, "--port", str(port)],
                            env=env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"the server stopped at start (exit code {proc.returncode})")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- the data ---------------------------------------------------------------------------------


@dataclass
class Coach:
    email: str
    clients: list[str]


def _coaches(db: Database, practice: Practice, count: int, password: str,
             prefix: str) -> list[str]:  # fmt: skip
    uow = lambda: db.unit_of_work(practice, actor="bench")  # noqa: E731
    return [add_user(uow(), f"{prefix}{n}@bench.example", "coach", password).id
            for n in range(count)]  # fmt: skip


def _kind(db: Database) -> str:
    return "postgresql" if db.engine.dialect.name == "postgresql" else "sqlite"


def seed_demo_practice(db: Database, coaches: int, password: str) -> list[Coach]:
    """The demo practice with ``coaches`` coaches, each assigned the three demo clients."""
    practice = db.add_practice("Demo Practice")

    def uow_on(day: dt.date) -> Any:
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        return Database(engine=db.engine, clock=lambda: noon).unit_of_work(practice, actor="bench")

    demo = seed_demo(uow_on, today=dt.date.today(), password=password)
    others = _coaches(db, practice, coaches - 1, password, "demo")
    clients = list(demo.clients)
    Target(_kind(db), db).insert({"client_coach": [(c, u, practice.id)
                                                   for u in others for c in clients]})
    return [Coach(DEMO_COACH, clients)] + [Coach(f"demo{n}@bench.example", clients)
                                           for n in range(coaches - 1)]


def load_practice(db: Database, coaches: int, clients: int, password: str) -> list[Coach]:
    """A generated practice of ``clients`` clients spread over ``coaches`` coaches."""
    practice = db.add_practice("Bench practice")
    ids = _coaches(db, practice, coaches, password, "coach")
    today = dt.datetime.now(dt.UTC).date()
    generator = gen.Generator(gen.Practice(practice.id, ids, today),
                              gen.load_bases(gen.Generator.base_start), ids=gen.Ids())
    target = Target(_kind(db), db)
    assigned: dict[str, list[str]] = {u: [] for u in ids}
    start = time.perf_counter()
    for rows in generator.chunks(clients):
        target.insert(rows)
        for client_id, user_id, _ in rows["client_coach"]:
            assigned[user_id].append(client_id)
    print(f"  loaded {clients:,} clients, {generator.counts['checkin']:,} check-ins in "
          f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    return [Coach(f"coach{n}@bench.example", assigned[u]) for n, u in enumerate(ids)]


# --- the load ---------------------------------------------------------------------------------


@dataclass
class Run:
    client_ms: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PAGES})
    server_ms: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PAGES})
    lag_ms: list[float] = field(default_factory=list)  # how late each request left
    errors: list[str] = field(default_factory=list)
    pending: set[asyncio.Task[None]] = field(default_factory=set)


def _path(page: str, coach: Coach, rng: random.Random) -> str:
    if page == "dashboard":
        return "/dashboard"
    if page == "healthz":
        return "/healthz"
    if not coach.clients:  # a coach the generator gave no client (a tiny practice)
        return "/dashboard"
    client = rng.choice(coach.clients)
    return f"/clients/{client}" + ("/report" if page == "report HTML" else "")


async def _one(run: Run, http: httpx.AsyncClient, page: str, path: str, due: float) -> None:
    start = time.perf_counter()
    run.lag_ms.append((start - due) * 1e3)
    try:
        response = await http.get(path)
    except httpx.HTTPError as e:
        run.errors.append(f"{page} {path}: {type(e).__name__} {e}")
        return
    run.client_ms[page].append((time.perf_counter() - start) * 1e3)
    if response.status_code != 200:
        run.errors.append(f"{page} {path}: HTTP {response.status_code}")
        return
    run.server_ms[page].append(float(response.headers[HEADER]))


async def _coach(run: Run, http: httpx.AsyncClient, coach: Coach, end: float,
                 rng: random.Random) -> None:  # fmt: skip
    due = time.perf_counter() + rng.uniform(0, 2)  # the coaches do not start in step
    while due < end:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        page = rng.choice(PAGES)
        task = asyncio.create_task(_one(run, http, page, _path(page, coach, rng), due))
        run.pending.add(task)
        task.add_done_callback(run.pending.discard)
        due += rng.uniform(1.0, 3.0)


async def _sign_in(http: httpx.AsyncClient, coach: Coach, password: str) -> None:
    response = await http.post("/login", data={"email": coach.email, "password": password})
    if response.status_code != 303:
        raise SystemExit(f"{coach.email} could not sign in: HTTP {response.status_code}")


async def drive(base: str, coaches: list[Coach], password: str, seconds: float,
                seed: int, wait: float = 30.0) -> Run:  # fmt: skip
    """Sign every coach in, open each page once (not counted), then the open workload for
    ``seconds``; waits for what is in flight (at most ``wait`` s more, the client's timeout)."""
    run, rng = Run(), random.Random(seed)
    limits = httpx.Limits(max_connections=20, max_keepalive_connections=5)
    clients = [httpx.AsyncClient(base_url=base, timeout=wait, limits=limits) for _ in coaches]
    try:
        for http, coach in zip(clients, coaches, strict=True):
            await _sign_in(http, coach, password)
        for page in PAGES:  # the server's first request of a page imports and compiles; once
            await clients[0].get(_path(page, coaches[0], random.Random(seed)))
        end = time.perf_counter() + seconds
        await asyncio.gather(*(_coach(run, http, coach, end, random.Random(rng.random()))
                               for http, coach in zip(clients, coaches, strict=True)))
        if run.pending:
            await asyncio.wait(list(run.pending), timeout=wait)
    finally:
        for http in clients:
            await http.aclose()
    return run


# --- the report -------------------------------------------------------------------------------


def _pct(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94]


def report(title: str, run: Run, seconds: float) -> None:
    sent = sum(len(v) for v in run.client_ms.values()) + len(run.errors)
    print(f"\n{title}: {sent} requests in {seconds:.0f} s ({sent / seconds:.1f}/s), "
          f"{len(run.errors)} errors; start lag p50/p95 {_fmt(_pct(run.lag_ms))} ms")
    for problem in run.errors[:5]:
        print(f"  error: {problem}")
    peer_server = _pct(run.server_ms["healthz"])[1]
    print(f"  {'p50 / p95 in ms':<14} {'n':>5}  {'at the server':>15}  {'at the client':>15}"
          f"  {'server p95 / healthz':>20}  target")
    for page in PAGES:
        server, client = _pct(run.server_ms[page]), _pct(run.client_ms[page])
        ratio = server[1] / peer_server if peer_server > 0 else float("nan")
        verdict = ""
        if page in ("dashboard", "client page"):
            verdict = "met" if server[1] < TARGET_MS else f"MISSED (p95 < {TARGET_MS:.0f} ms)"
        print(f"  {page:<14} {len(run.client_ms[page]):>5}  {_fmt(server):>15}  "
              f"{_fmt(client):>15}  {ratio:>19.1f}x  {verdict}")


def profile(db: Database, coach: Coach) -> None:
    """cProfile of the use cases behind the dashboard and the client page, in this process on
    the same database (the pages run them in a worker thread of the server, where a profiler
    here cannot see), each after one warm call: the functions with the most cumulative time."""
    import cProfile
    import pstats

    from sqlalchemy import text

    from kinchain.services.dashboard import dashboard
    from kinchain.services.records import client_record

    practice = db.practice("Bench practice")
    with db.engine.connect() as c:
        query = text("SELECT id FROM user_account WHERE email = :e")
        user = str(c.execute(query, {"e": coach.email}).scalar_one())
    today = db.clock().date()
    calls: dict[str, Callable[[], object]] = {
        "dashboard": lambda: dashboard(db.unit_of_work(practice, actor=user), today=today,
                                       coach=user, search=""),
        "client_record": lambda: client_record(db.unit_of_work(practice, actor=user),
                                               coach.clients[0]),
    }
    for name, call in calls.items():
        call()
        start, cpu = time.perf_counter(), time.process_time()
        profiler = cProfile.Profile()
        profiler.enable()
        call()
        profiler.disable()
        print(f"\nprofile of {name} for {coach.email} ({len(coach.clients)} clients): "
              f"{(time.perf_counter() - start) * 1e3:.0f} ms wall, "
              f"{(time.process_time() - cpu) * 1e3:.0f} ms CPU")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(15)


def _fmt(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.1f} / {pair[1]:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--coaches", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=45.0, help="per practice")
    parser.add_argument("--wait", type=float, default=30.0,
                        help="the client's timeout, and how long a run waits for what is in flight")
    parser.add_argument("--database", help="an empty database's URL (default: SQLite, temp)")
    parser.add_argument("--port", type=int, default=8105, help="0: any free port")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--profile", action="store_true", help="cProfile the pages' use cases")
    parser.add_argument("--serve", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port)
        return 0
    if args.coaches < 1 or args.clients < args.coaches or args.seconds <= 0:
        parser.error("expected --coaches >= 1, --clients >= --coaches and --seconds > 0")
    if args.port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="kinchain-bench-web-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'web.sqlite3'}"
        db = Database(url)
        upgrade(db.engine)
        password = "bench " + secrets.token_urlsafe(18)  # 15+ characters, fresh each run
        demo = seed_demo_practice(db, args.coaches, password)
        print(f"bench_web: {args.coaches} coaches, a page every 1 to 3 s each (open), "
              f"{args.seconds:.0f} s per practice, {db.engine.dialect.name}, "
              f"load average {os.getloadavg()[0]:.1f}")
        with server(url, args.port) as base:
            run = asyncio.run(drive(base, demo, password, args.seconds, args.seed, args.wait))
            report("(a) demo practice, 3 clients", run, args.seconds)
            coaches = load_practice(db, args.coaches, args.clients, password)
            run = asyncio.run(drive(base, coaches, password, args.seconds, args.seed, args.wait))
            report(f"(b) generated practice, {args.clients:,} clients", run, args.seconds)
        if args.profile:
            profile(db, coaches[0])
        db.engine.dispose()
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
