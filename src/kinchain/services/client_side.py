"""The client's own side: today's routine with its ticks, the check-in form, progress over
time and everything kept about her. She sees the program as it was last shown to her (a
check-in's change waits for her coach), and the referral at once when a red flag suspends it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kinchain.errors import InputError
from kinchain.services.records import add_checkin, client_record, evaluation_of
from kinchain.services.uow import UnitOfWork

__all__ = [
    "CHECKIN_EVERY_DAYS",
    "Progress",
    "Today",
    "my_data",
    "progress",
    "request_erasure",
    "send_checkin",
    "tick",
    "today",
]

#: the default rhythm of check-ins (the coach may ask for another)
CHECKIN_EVERY_DAYS = 7
#: the days over which the gentle adherence figure is counted
ADHERENCE_DAYS = 7


@dataclass(frozen=True)
class Today:
    day: dt.date
    name: str
    routine: tuple[dict[str, Any], ...]  # each item as she was shown it
    done: frozenset[str]  # exercise ids ticked today
    minutes_done: float
    minutes_planned: float
    adherence: float | None  # share of the routine done over the last days; None: too soon
    provisional: bool
    referral: dict[str, Any] | None  # set when a red flag suspends the program
    next_checkin: dt.date
    pain_sites: tuple[tuple[str, str | None], ...]

    @property
    def pain_labels(self) -> tuple[str, ...]:
        """Each pain site in the body web's words ("left sacroiliac joint", "lower back")."""
        return tuple(_label(site, side) for site, side in self.pain_sites)


def _shown_routine(uow: UnitOfWork, client_id: str) -> dict[str, Any] | None:
    shown = uow.programs.history(client_id)
    return shown[-1].program if shown else None


def _adherence(uow: UnitOfWork, client_id: str, routine: int, day: dt.date, start: dt.date
               ) -> float | None:
    since = max(start, day - dt.timedelta(days=ADHERENCE_DAYS - 1))
    days = (day - since).days + 1
    if routine == 0 or days < 2:
        return None
    ticks = uow.ticks.for_client(client_id, since=since)
    return min(1.0, len(ticks) / (routine * days))


def today(uow: UnitOfWork, client_id: str, /, *, day: dt.date) -> Today:
    """Her routine for ``day``, what she has ticked, and when her next check-in is due."""
    with uow:
        evaluation = evaluation_of(uow, client_id)
        shown = _shown_routine(uow, client_id) or {}
        routine = tuple(shown.get("routine", ())) if not evaluation.suspended else ()
        ticks = {t.exercise_id for t in uow.ticks.for_client(client_id, since=day) if t.day == day}
        start = uow.intakes.current(client_id).saved_at.date()
        checkins = uow.checkins.for_client(client_id)
        last = checkins[-1].date if checkins else start
        referral = evaluation.assessment.referral
        view = Today(
            day, evaluation.intake.client.name, routine, frozenset(ticks),
            sum(float(i["minutes"]) for i in routine if i["exercise"] in ticks),
            sum(float(i["minutes"]) for i in routine),
            _adherence(uow, client_id, len(routine), day, start),
            bool(shown.get("provisional")),
            referral.to_json() if evaluation.suspended and referral is not None else None,
            last + dt.timedelta(days=CHECKIN_EVERY_DAYS),
            tuple((p.site, p.side) for p in evaluation.intake.pain),
        )
        uow.audit.record("today.read", client_id=client_id)
        uow.commit()
    return view


def tick(uow: UnitOfWork, client_id: str, exercise_id: str, /, *, day: dt.date) -> bool:
    """Tick an exercise of her shown routine as done on ``day`` (twice keeps one tick)."""
    with uow:
        routine = (_shown_routine(uow, client_id) or {}).get("routine", ())
        ids = [i["exercise"] for i in routine]
        if exercise_id not in ids:
            shown = ", ".join(ids) or "none"
            raise InputError(f"exercise: expected one of today's routine ({shown}); "
                             f"received {exercise_id!r}")
        if day > uow.now().date():
            raise InputError(f"day: expected today or earlier; received {day.isoformat()}")
        new = uow.ticks.add(client_id, day, exercise_id)
        uow.commit()
    return new


def send_checkin(uow: UnitOfWork, client_id: str, data: dict[str, Any], /, *,
                 key: str | None = None) -> Any:
    """Her own check-in: stored, its program change put to the coach, a red flag acting at once."""
    return add_checkin(uow, client_id, data, key=key, source="your check-in", propose=True)


@dataclass(frozen=True)
class Progress:
    pain: dict[str, tuple[tuple[dt.date, int], ...]]  # per site label: (date, 0-10)
    adherence: tuple[tuple[dt.date, float], ...]  # per week (its Monday): share done
    checkins: int


def _label(site: str, side: str | None) -> str:
    from kinchain.body import site_label

    return site_label(site, side)


def progress(uow: UnitOfWork, client_id: str, /) -> Progress:
    """Pain per site over time and adherence per week, from her check-ins and ticks."""
    with uow:
        pain: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
        checkins = uow.checkins.for_client(client_id)
        for c in checkins:
            for p in c.document.get("pain", []):
                pain[_label(p["site"], p.get("side"))].append((c.date, int(p["intensity"])))
        routine = len((_shown_routine(uow, client_id) or {}).get("routine", ())) or 1
        weeks: dict[dt.date, int] = defaultdict(int)
        for t in uow.ticks.for_client(client_id):
            weeks[t.day - dt.timedelta(days=t.day.weekday())] += 1
        uow.audit.record("progress.read", client_id=client_id)
        uow.commit()
    adherence = tuple((w, min(1.0, n / (routine * 7))) for w, n in sorted(weeks.items()))
    return Progress({k: tuple(v) for k, v in pain.items()}, adherence, len(checkins))


def my_data(uow: UnitOfWork, client_id: str, /) -> dict[str, Any]:
    """Everything kept about her, as JSON data: the record, her ticks and her consents."""
    record = client_record(uow, client_id)
    with uow:
        record["ticks"] = [{"day": t.day.isoformat(), "exercise": t.exercise_id}
                           for t in uow.ticks.for_client(client_id)]
        record["consents"] = [{"topic": c.topic, "granted": c.granted, "at": c.at.isoformat(),
                               "how": c.how} for c in uow.consents.for_client(client_id)]
        uow.audit.record("data.download", client_id=client_id)
        uow.commit()
    return record


def request_erasure(uow: UnitOfWork, client_id: str, /) -> None:
    """Her request to erase her data, for the practice to confirm (the audit log keeps it)."""
    with uow:
        uow.clients.get(client_id)
        uow.audit.record("erasure.request", client_id=client_id,
                         detail="the client asked for her data to be erased")
        uow.commit()
