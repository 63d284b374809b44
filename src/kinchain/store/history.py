"""The repositories of a client's history: intake versions, drafts, check-ins, coach edits and
routine ticks. Rows are only ever added; the database's triggers refuse an update."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from kinchain.errors import ConflictError, NotFoundError
from kinchain.records import (
    Draft,
    StoredCheckin,
    StoredEdit,
    StoredIntake,
    Tick,
    canonical_json,
    content_hash,
    new_id,
)
from kinchain.store import tables as t
from kinchain.store.documents import CURRENT, parse
from kinchain.store.repositories import Scope

__all__ = ["Checkins", "Drafts", "Edits", "Intakes", "Ticks"]

Document = dict[str, Any]


def _intake(row: t.IntakeRow) -> StoredIntake:
    return StoredIntake(
        row.client_id,
        row.version,
        parse("intake", row.format_version, row.document),
        row.format_version,
        row.saved_by,
        row.saved_at,
        row.reason,
    )


class Intakes:
    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def add(
        self, client_id: str, document: Document, /, *, saved_by: str, reason: str | None = None
    ) -> StoredIntake:
        self._s.client(client_id)
        latest = self._s.session.scalar(
            select(func.max(t.IntakeRow.version)).where(t.IntakeRow.client_id == client_id)
        )
        row = t.IntakeRow(
            id=new_id("in"),
            practice_id=self._s.practice.id,
            client_id=client_id,
            version=(latest or 0) + 1,
            document=canonical_json(document),
            format_version=CURRENT["intake"],
            saved_by=saved_by,
            saved_at=self._s.now,
            reason=reason,
        )
        self._s.add(row)
        return _intake(row)

    def current(self, client_id: str, /, *, on: dt.date | None = None) -> StoredIntake:
        """The latest version, or the latest saved on or before the day ``on`` (UTC)."""
        self._s.client(client_id)
        query = self._s.select(t.IntakeRow).where(t.IntakeRow.client_id == client_id)
        if on is not None:
            end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
            query = query.where(t.IntakeRow.saved_at < end)
        row = self._s.session.scalars(query.order_by(t.IntakeRow.version.desc()).limit(1)).first()
        if row is None:
            when = f" on or before {on.isoformat()}" if on else ""
            raise NotFoundError(f"intake: client {client_id!r} has no intake saved{when}")
        return _intake(row)

    def history(self, client_id: str, /) -> list[StoredIntake]:
        self._s.client(client_id)
        query = self._s.select(t.IntakeRow).where(t.IntakeRow.client_id == client_id)
        return [_intake(r) for r in self._s.session.scalars(query.order_by(t.IntakeRow.version))]


class Drafts:
    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def save(self, author_id: str, client_id: str | None, document: Document, /) -> Draft:
        if client_id is not None:
            self._s.client(client_id)
        row = t.DraftRow(
            id=new_id("dr"),
            practice_id=self._s.practice.id,
            client_id=client_id,
            author_id=author_id,
            document=canonical_json(document),
            saved_at=self._s.now,
        )
        self._s.add(row)
        return Draft(row.id, client_id, author_id, document, row.saved_at)

    def latest(self, author_id: str, client_id: str | None, /) -> Draft | None:
        query = self._s.select(t.DraftRow).where(
            t.DraftRow.author_id == author_id,
            t.DraftRow.client_id.is_(client_id)
            if client_id is None
            else t.DraftRow.client_id == client_id,
        )
        row = self._s.session.scalars(query.order_by(t.DraftRow.id.desc()).limit(1)).first()
        if row is None:
            return None
        return Draft(
            row.id, row.client_id, row.author_id, parse("intake", 1, row.document), row.saved_at
        )


def _checkin(row: t.CheckinRow) -> StoredCheckin:
    return StoredCheckin(
        row.id,
        row.client_id,
        row.date,
        parse("checkin", row.format_version, row.document),
        row.format_version,
        row.recorded_by,
        row.recorded_at,
        row.idempotency_key,
    )


class Checkins:
    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def add(
        self,
        client_id: str,
        date: dt.date,
        document: Document,
        /,
        *,
        key: str | None,
        recorded_by: str,
        worst_pain: int | None,
    ) -> tuple[StoredCheckin, bool]:
        """Store a check-in once: the same idempotency key, or (without one) the same content
        for the same client on the same day, gives back the stored one (``False``: not new);
        the same key with another body is a conflict."""
        self._s.client(client_id)
        text = canonical_json(document)
        digest = content_hash(text)
        earlier = self._earlier(client_id, date, digest, key)
        if earlier is not None:
            if earlier.content_hash != digest or earlier.client_id != client_id:
                raise ConflictError(
                    f"idempotency key {key!r} was already used for another "
                    "check-in; send a new key for a new check-in"
                )
            return _checkin(earlier), False
        row = t.CheckinRow(
            id=new_id("ck"),
            practice_id=self._s.practice.id,
            client_id=client_id,
            date=date,
            document=text,
            format_version=CURRENT["checkin"],
            content_hash=digest,
            idempotency_key=key,
            worst_pain=worst_pain,
            recorded_by=recorded_by,
            recorded_at=self._s.now,
        )
        self._s.add(row)
        return _checkin(row), True

    def _earlier(
        self, client_id: str, date: dt.date, digest: str, key: str | None
    ) -> t.CheckinRow | None:
        if key is not None:
            query = self._s.select(t.CheckinRow).where(t.CheckinRow.idempotency_key == key)
        else:
            query = self._s.select(t.CheckinRow).where(
                t.CheckinRow.client_id == client_id,
                t.CheckinRow.date == date,
                t.CheckinRow.content_hash == digest,
            )
        return self._s.session.scalars(query.limit(1)).first()

    def for_client(self, client_id: str, /) -> list[StoredCheckin]:
        self._s.client(client_id)
        query = self._s.select(t.CheckinRow).where(t.CheckinRow.client_id == client_id)
        rows = self._s.session.scalars(query.order_by(t.CheckinRow.date, t.CheckinRow.id))
        return [_checkin(r) for r in rows]


class Edits:
    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def add(self, client_id: str, document: Document, /, *, recorded_by: str) -> StoredEdit:
        self._s.client(client_id)
        row = t.EditRow(
            id=new_id("ed"),
            practice_id=self._s.practice.id,
            client_id=client_id,
            document=canonical_json(document),
            format_version=CURRENT["edit"],
            recorded_by=recorded_by,
            recorded_at=self._s.now,
        )
        self._s.add(row)
        return self._edit(row)

    def for_client(self, client_id: str, /) -> list[StoredEdit]:
        self._s.client(client_id)
        query = self._s.select(t.EditRow).where(t.EditRow.client_id == client_id)
        return [self._edit(r) for r in self._s.session.scalars(query.order_by(t.EditRow.id))]

    @staticmethod
    def _edit(row: t.EditRow) -> StoredEdit:
        return StoredEdit(
            row.id,
            row.client_id,
            parse("edit", row.format_version, row.document),
            row.format_version,
            row.recorded_by,
            row.recorded_at,
        )


class Ticks:
    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def add(self, client_id: str, day: dt.date, exercise_id: str, /) -> bool:
        """Tick an exercise done on a day; ticking it twice keeps one tick (``False``)."""
        self._s.client(client_id)
        query = self._s.select(t.TickRow).where(
            t.TickRow.client_id == client_id,
            t.TickRow.day == day,
            t.TickRow.exercise_id == exercise_id,
        )
        if self._s.session.scalars(query.limit(1)).first() is not None:
            return False
        self._s.add(
            t.TickRow(
                id=new_id("tk"),
                practice_id=self._s.practice.id,
                client_id=client_id,
                day=day,
                exercise_id=exercise_id,
                recorded_at=self._s.now,
            )
        )
        return True

    def for_client(self, client_id: str, /, *, since: dt.date | None = None) -> list[Tick]:
        self._s.client(client_id)
        query = self._s.select(t.TickRow).where(t.TickRow.client_id == client_id)
        if since is not None:
            query = query.where(t.TickRow.day >= since)
        rows = self._s.session.scalars(query.order_by(t.TickRow.day, t.TickRow.exercise_id))
        return [Tick(r.client_id, r.day, r.exercise_id, r.recorded_at) for r in rows]
