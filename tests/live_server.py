"""The real web app served by uvicorn on 127.0.0.1 (a free port, in a thread) over a seeded
SQLite file: the demo practice (its coach, Maria, Tom and Ruth with six weeks of check-ins, and
a coach assigned to nobody) and a second practice with its own coach and client.

For the browser tests and for the screenshots in docs/img (``python tests/live_server.py``
serves it until interrupted, printing the address and the logins).
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from kinchain.config import Settings
from kinchain.intake.files import read_intake_data
from kinchain.services import people, records
from kinchain.services.demo_records import DEMO_COACH, seed_demo
from kinchain.store import Database
from kinchain.store.migrate import upgrade
from kinchain.web import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PASSWORD = "correct horse battery staple kinchain-e2e"
UNASSIGNED = "una@demo.kinchain.example"
OTHER_COACH = "cai@south.example"
OTHER_CLIENT = "Sofia South"


@dataclass(frozen=True)
class LiveServer:
    url: str
    clients: dict[str, str]  # demo client name (maria, tom, ruth) -> id
    other_client: str  # the second practice's client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(url: str, *, today: dt.date) -> tuple[dict[str, str], str]:
    """The two practices; returns the demo clients' ids by name and the other practice's."""
    db = Database(url)
    upgrade(db.engine)
    demo = db.add_practice("Demo Practice")

    def uow_on(day: dt.date):  # type: ignore[no-untyped-def]
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        return Database(engine=db.engine, clock=lambda: noon).unit_of_work(demo, actor="setup")

    done = seed_demo(uow_on, today=today, password=PASSWORD)
    people.add_user(db.unit_of_work(demo, actor="setup"), UNASSIGNED, "coach", PASSWORD)
    db.add_practice("South")
    cai = people.add_user(db.unit_of_work("South", actor="setup"), OTHER_COACH, "coach",
                          PASSWORD)
    data = read_intake_data(EXAMPLES / "ruth.yaml")
    data["client"]["name"] = OTHER_CLIENT  # Ruth's intake under another name: no name is shared
    other = records.import_client(db.unit_of_work("South", actor="setup"), data,
                                  source="sofia.yaml", coaches=(cai.id,))
    db.engine.dispose()
    return dict(zip(("maria", "tom", "ruth"), done.clients, strict=True)), other.client.id


@contextmanager
def live_server(folder: Path, *, today: dt.date | None = None) -> Iterator[LiveServer]:
    """Serve the seeded app until the block ends (the server thread is stopped and joined)."""
    url = f"sqlite:///{folder / 'kinchain.sqlite3'}"
    clients, other = seed(url, today=today or dt.date.today())
    app = create_app(Settings(), db=Database(url))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start within 15 s")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", clients, other)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as live:
        print(live.url, "coach:", DEMO_COACH, "unassigned:", UNASSIGNED, "other:", OTHER_COACH,
              "password:", PASSWORD, flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
