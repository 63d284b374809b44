"""The demo practice is real records made by the same use cases as a coach's work."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from kinchain.services import records
from kinchain.services.demo_records import DEMO_CLIENTS, WEEKS, seed_demo
from kinchain.store import Database

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_packaged_demo_clients_are_the_examples_byte_for_byte():
    for name in DEMO_CLIENTS:
        packaged = (resources.files("kinchain.report") / "demo" / f"{name}.yaml").read_bytes()
        assert packaged == (EXAMPLES / f"{name}.yaml").read_bytes(), name


def test_the_demo_practice_holds_three_clients_with_weeks_of_checkins(db):
    practice = db.add_practice("Demo")

    def uow_on(day):
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        return Database(engine=db.engine, clock=lambda: noon).unit_of_work(practice, actor="t")

    demo = seed_demo(uow_on, today=dt.date(2026, 12, 2), password="a long demo pass phrase")
    assert demo.checkins == WEEKS * len(DEMO_CLIENTS)
    page = records.client_page(db.unit_of_work(practice, actor="t"))
    assert page.total == 3
    maria = next(c for c in page.clients if c.name.startswith("Maria"))
    assert maria.last_checkin == dt.date(2026, 12, 2) and len(maria.pains) == 5
    assert maria.pains[-1] <= maria.pains[0]
