"""Reminders, the calendar feed, messages and the practice's SMTP server, in SQL.

:class:`Reminders` is a unit of work's repository (scoped to one practice, like the others).
:class:`Jobs` is the scheduler's view across practices: the lease that lets one server process
send, the plans that are active, and the claim of one reminder (client, local day, kind) before
it is sent, whose unique key keeps a restart or a second process from sending it twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kinchain.errors import InputError, NotFoundError
from kinchain.records import Message, ReminderPlan, SendProblem, new_id
from kinchain.store import tables as t
from kinchain.store.engine import WRITE_OPTION
from kinchain.store.repositories import Scope

__all__ = ["STALE_SENDING", "Jobs", "Reminders", "SmtpSetting"]

#: a claim still "sending" after this long was cut short (the process stopped mid-send)
STALE_SENDING = dt.timedelta(minutes=10)
#: how far back the dashboard looks for a reminder that was not sent
PROBLEM_DAYS = 14


@dataclass(frozen=True)
class SmtpSetting:
    host: str
    port: int
    starttls: bool
    username: str | None
    password_sealed: str | None
    sender: str
    base_url: str


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _plan(row: t.ReminderPlanRow) -> ReminderPlan:
    return ReminderPlan(row.client_id, row.email, _time(row.local_time), _time(row.evening_time),
                        row.zone, row.active, row.calendar_digest is not None)


def _message(row: t.MessageRow) -> Message:
    return Message(row.id, row.client_id, row.author_id, row.author_role, row.body, row.at)


class Reminders:
    """One practice's reminder plans, send problems, calendar secrets, messages and SMTP."""

    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def _row(self, client_id: str) -> t.ReminderPlanRow | None:
        self._s.client(client_id)
        query = self._s.select(t.ReminderPlanRow).where(t.ReminderPlanRow.client_id == client_id)
        return self._s.session.scalars(query).one_or_none()

    def plan(self, client_id: str, /) -> ReminderPlan | None:
        row = self._row(client_id)
        return None if row is None else _plan(row)

    def set_plan(self, client_id: str, /, *, email: str, local_time: dt.time,
                 evening_time: dt.time, zone: str, active: bool = True) -> ReminderPlan:
        row = self._row(client_id)
        if row is None:
            row = t.ReminderPlanRow(client_id=client_id, practice_id=self._s.practice.id)
            self._s.session.add(row)
        row.email, row.zone, row.active = email, zone, active
        row.local_time = local_time.strftime("%H:%M")
        row.evening_time = evening_time.strftime("%H:%M")
        row.updated_at = self._s.now
        self._s.session.flush()
        return _plan(row)

    def stop(self, client_id: str, /) -> bool:
        """Stop her reminders; ``False`` when they were already off."""
        row = self._row(client_id)
        if row is None or not row.active:
            return False
        row.active, row.updated_at = False, self._s.now
        self._s.session.flush()
        return True

    def calendar_nonce(self, client_id: str, /) -> str | None:
        row = self._row(client_id)
        return None if row is None else row.calendar_nonce

    def set_calendar(self, client_id: str, nonce: str | None, digest: str | None, /) -> None:
        """Keep the feed's nonce and its secret's digest (both None: no feed)."""
        row = self._row(client_id)
        if row is None:
            raise InputError("calendar: set a reminder time first; received no reminder plan")
        row.calendar_nonce, row.calendar_digest = nonce, digest
        self._s.session.flush()

    def problems(self, client_id: str, /) -> list[SendProblem]:
        """Reminders and notices of the last days that failed, or stopped mid-send."""
        since = self._s.now.date() - dt.timedelta(days=PROBLEM_DAYS)
        stale = self._s.now - STALE_SENDING
        S = t.ReminderSendRow
        query = self._s.select(S).where(
            S.client_id == client_id, S.day >= since,
            or_(S.status == "failed", (S.status == "sending") & (S.claimed_at < stale)),
        ).order_by(S.day, S.kind)
        return [SendProblem(r.client_id, r.day, r.kind,
                            r.detail if r.status == "failed" else "stopped while sending; it "
                            "may not have arrived")
                for r in self._s.session.scalars(query)]

    def add_message(self, client_id: str, body: str, /, *, author_role: str) -> Message:
        self._s.client(client_id)
        row = t.MessageRow(id=new_id("ms"), practice_id=self._s.practice.id, client_id=client_id,
                           author_id=self._s.actor, author_role=author_role, body=body,
                           at=self._s.now)
        self._s.session.add(row)
        self._s.session.flush()
        return _message(row)

    def thread(self, client_id: str, /) -> list[Message]:
        self._s.client(client_id)
        query = self._s.select(t.MessageRow).where(t.MessageRow.client_id == client_id)
        rows = self._s.session.scalars(query.order_by(t.MessageRow.at, t.MessageRow.id))
        return [_message(r) for r in rows]

    def smtp(self) -> SmtpSetting | None:
        row = self._s.session.get(t.SmtpRow, self._s.practice.id)
        return None if row is None else SmtpSetting(row.host, row.port, row.starttls,
                                                    row.username, row.password_sealed,
                                                    row.sender, row.base_url)

    def set_smtp(self, setting: SmtpSetting, /) -> None:
        """The practice's SMTP server; the password already sealed (never plain here)."""
        row = self._s.session.get(t.SmtpRow, self._s.practice.id)
        if row is None:
            row = t.SmtpRow(practice_id=self._s.practice.id)
            self._s.session.add(row)
        row.host, row.port, row.starttls = setting.host, setting.port, setting.starttls
        row.username, row.password_sealed = setting.username, setting.password_sealed
        row.sender, row.base_url = setting.sender, setting.base_url
        self._s.session.flush()


@dataclass(frozen=True)
class DuePlan:
    practice_id: str
    plan: ReminderPlan
    since: dt.datetime  # when the plan was last set: nothing before it is due


class Jobs:
    """The scheduler's queries across practices, each in its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})

    def take_lease(self, name: str, holder: str, now: dt.datetime, seconds: float) -> bool:
        """Hold the lease ``name`` until ``now + seconds`` if it is free, expired or ours."""
        until = now + dt.timedelta(seconds=seconds)
        with Session(self._writer) as session, session.begin():
            L = t.LeaseRow
            done = session.execute(update(L).where(
                L.name == name, or_(L.holder == holder, L.expires_at < now),
            ).values(holder=holder, expires_at=until))
            if done.rowcount:  # type: ignore[attr-defined]
                return True
            if session.get(L, name) is not None:
                return False
        try:
            with Session(self._writer) as session, session.begin():
                session.add(t.LeaseRow(name=name, holder=holder, expires_at=until))
        except IntegrityError:
            return False  # another process made the row first: it holds the lease
        return True

    def release(self, name: str, holder: str) -> None:
        with Session(self._writer) as session, session.begin():
            row = session.get(t.LeaseRow, name)
            if row is not None and row.holder == holder:
                session.delete(row)

    def active_plans(self) -> list[DuePlan]:
        with Session(self._engine) as session:
            P = t.ReminderPlanRow
            rows = session.scalars(select(P).join(t.ClientRow, t.ClientRow.id == P.client_id)
                                   .where(P.active, t.ClientRow.erased_at.is_(None))
                                   .order_by(P.client_id))
            return [DuePlan(r.practice_id, _plan(r), r.updated_at) for r in rows]

    def claim(self, practice_id: str, client_id: str, day: dt.date, kind: str, *,
              holder: str, now: dt.datetime) -> str | None:
        """Claim one reminder before sending it: its id, or None when it was claimed already."""
        send_id = new_id("rs")
        try:
            with Session(self._writer) as session, session.begin():
                session.add(t.ReminderSendRow(
                    id=send_id, practice_id=practice_id, client_id=client_id, day=day,
                    kind=kind, status="sending", detail="", claimed_at=now, holder=holder))
        except IntegrityError:
            return None
        return send_id

    def finish(self, send_id: str, *, sent: bool, detail: str, now: dt.datetime) -> None:
        with Session(self._writer) as session, session.begin():
            S = t.ReminderSendRow
            session.execute(update(S).where(S.id == send_id).values(
                status="sent" if sent else "failed", detail=detail[:1000], done_at=now))

    def ticked(self, client_id: str, day: dt.date, start: dt.datetime, end: dt.datetime) -> bool:
        """Whether she ticked anything for her local ``day`` (or within its hours)."""
        with Session(self._engine) as session:
            T = t.TickRow
            query = select(T.id).where(T.client_id == client_id, or_(
                T.day == day, (T.recorded_at >= start) & (T.recorded_at < end)))
            return session.scalars(query.limit(1)).first() is not None

    def smtp(self, practice_id: str) -> SmtpSetting | None:
        with Session(self._engine) as session:
            row = session.get(t.SmtpRow, practice_id)
            return None if row is None else SmtpSetting(row.host, row.port, row.starttls,
                                                        row.username, row.password_sealed,
                                                        row.sender, row.base_url)

    def by_calendar(self, digest: str) -> tuple[str, str]:
        """(practice id, client id) of the feed whose secret has ``digest``, else not found."""
        with Session(self._engine) as session:
            P = t.ReminderPlanRow
            row = session.scalars(select(P).where(P.calendar_digest == digest)).one_or_none()
            client = None if row is None else session.get(t.ClientRow, row.client_id)
            if row is None or client is None or client.erased_at is not None:
                raise NotFoundError("calendar: no such calendar feed")
            return row.practice_id, row.client_id
