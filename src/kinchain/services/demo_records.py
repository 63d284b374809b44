"""A demo practice with history, for trying the web app: a coach, and the three example clients
taken on six weeks ago with a weekly check-in since (pain easing, the routine feeling easier).

The history is made through the same use cases a coach's work goes through, each on its own
day (``uow_on(day)`` opens a unit of work whose clock reads that day), so the demo's records
are real records, rebuilt and audited like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kinchain.records import User
from kinchain.services.people import add_user
from kinchain.services.records import add_checkin, import_client
from kinchain.services.uow import UnitOfWork

__all__ = ["DEMO_CLIENTS", "DEMO_COACH", "DemoPractice", "seed_demo"]

DEMO_CLIENTS = ("maria", "tom", "ruth")
DEMO_COACH = "coach@demo.kinchain.example"
WEEKS = 6
EFFORTS = ("hard", "ok", "ok", "easy", "easy", "easy")


@dataclass(frozen=True)
class DemoPractice:
    coach: User
    clients: tuple[str, ...]  # ids
    checkins: int


def _example(name: str) -> dict[str, Any]:
    from kinchain.intake.files import parse_text

    text = (resources.files("kinchain.report") / "demo" / f"{name}.yaml").read_text()
    data = parse_text(text, source=f"{name}.yaml", json_format=False)
    assert isinstance(data, dict)
    return data


def _checkin(intake: dict[str, Any], day: dt.date, week: int) -> dict[str, Any]:
    pains = [{"site": p["site"], **({"side": p["side"]} if p.get("side") else {}),
              "intensity": max(0, int(p["intensity"]) - week // 2)}
             for p in intake.get("pain", [])]
    return {"date": day.isoformat(), "effort": EFFORTS[week % len(EFFORTS)], "pain": pains}


def seed_demo(uow_on: Callable[[dt.date], UnitOfWork], /, *, today: dt.date,
              password: str) -> DemoPractice:
    """Fill the (empty) demo practice: a coach, three clients and ``WEEKS`` weeks of check-ins."""
    start = today - dt.timedelta(weeks=WEEKS)
    coach = add_user(uow_on(start), DEMO_COACH, "coach", password)
    ids, count = [], 0
    for name in DEMO_CLIENTS:
        data = _example(name)
        done = import_client(uow_on(start), data, source=f"{name}.yaml", coaches=(coach.id,))
        ids.append(done.client.id)
        for week in range(1, WEEKS + 1):
            day = start + dt.timedelta(weeks=week)
            add_checkin(uow_on(day), done.client.id, _checkin(data, day, week),
                        key=f"demo-{name}-{week}")
            count += 1
    return DemoPractice(coach, tuple(ids), count)
