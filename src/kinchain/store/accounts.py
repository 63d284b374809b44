"""The repositories of a practice's accounts and mail: single-use links, passwords, disabled
accounts, coach assignments, the practice's settings and the outbox. Each is built by a unit
of work for one practice and reads and writes that practice's rows only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from kinchain.errors import ConflictError, InputError
from kinchain.records import Link, Mail, User, new_id
from kinchain.store import tables as t
from kinchain.store.ledger import user_of
from kinchain.store.repositories import Scope

__all__ = ["Accounts", "Outbox", "link_of"]

#: how many times the outbox tries a message before it stops and shows it as failed
MAX_ATTEMPTS = 5


def link_of(row: t.LinkTokenRow, /) -> Link:
    return Link(row.digest, row.purpose, row.practice_id, row.email, row.role, row.client_id,
                row.created_by, row.created_at, row.expires_at, row.used_at)


class Accounts:
    """Links, passwords, disabled accounts, assignments and the practice's settings."""

    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def add_link(self, digest: str, purpose: str, email: str, role: str, /, *,
                 client_id: str | None, expires_at: dt.datetime) -> None:
        if client_id is not None:
            self._s.client(client_id)
        self._s.add(t.LinkTokenRow(digest=digest, purpose=purpose, practice_id=self._s.practice.id,
                                   email=email.strip().lower(), role=role, client_id=client_id,
                                   created_by=self._s.actor, created_at=self._s.now,
                                   expires_at=expires_at))

    def email_taken(self, email: str, /) -> bool:
        """Whether any account (of any practice: e-mails are logins) has this address."""
        query = select(t.UserRow.id).where(t.UserRow.email == email.strip().lower())
        return self._s.session.scalar(query) is not None

    def user_by_email(self, email: str, /) -> User | None:
        """The practice's user with this address, or None."""
        query = self._s.select(t.UserRow).where(t.UserRow.email == email.strip().lower())
        row = self._s.session.scalars(query).one_or_none()
        return user_of(row) if row is not None else None

    def open_links(self, purpose: str, /) -> list[Link]:
        """Links not used and not expired, newest first."""
        query = (self._s.select(t.LinkTokenRow)
                 .where(t.LinkTokenRow.purpose == purpose, t.LinkTokenRow.used_at.is_(None),
                        t.LinkTokenRow.expires_at > self._s.now)
                 .order_by(t.LinkTokenRow.created_at.desc()))
        return [link_of(r) for r in self._s.session.scalars(query)]

    def use_link(self, digest: str, /) -> None:
        """Mark a link used, once: a compare-and-set on ``used_at``, in this transaction, so two
        clicks at once use it once (the second raises ConflictError)."""
        done = self._s.session.execute(
            update(t.LinkTokenRow)
            .where(t.LinkTokenRow.digest == digest,
                   t.LinkTokenRow.practice_id == self._s.practice.id,
                   t.LinkTokenRow.used_at.is_(None))
            .values(used_at=self._s.now))
        if getattr(done, "rowcount", 0) != 1:
            raise ConflictError("link: this link was used already; ask for a new one")

    def set_password(self, user_id: str, password_hash: str, /) -> None:
        self._s.one(t.UserRow, "user", id=user_id).password_hash = password_hash
        self._s.session.flush()

    def end_sessions(self, user_id: str, /) -> int:
        """End every open session of the user (in this transaction); how many were open."""
        self._s.one(t.UserRow, "user", id=user_id)
        done = self._s.session.execute(
            update(t.WebSessionRow)
            .where(t.WebSessionRow.user_id == user_id, t.WebSessionRow.ended_at.is_(None))
            .values(ended_at=self._s.now))
        return int(getattr(done, "rowcount", 0) or 0)

    def set_disabled(self, user_id: str, disabled: bool, /) -> None:
        row = self._s.one(t.UserRow, "user", id=user_id)
        row.disabled_at = self._s.now if disabled else None
        self._s.session.flush()
        if disabled:
            self.end_sessions(user_id)

    def remove_second_factor(self, user_id: str, /) -> None:
        self._s.one(t.UserRow, "user", id=user_id)
        self._s.session.execute(delete(t.SecondFactorRow)
                                .where(t.SecondFactorRow.user_id == user_id))

    def second_factor_users(self) -> frozenset[str]:
        """The practice's users with a confirmed second factor."""
        query = (select(t.SecondFactorRow.user_id)
                 .join(t.UserRow, t.UserRow.id == t.SecondFactorRow.user_id)
                 .where(t.UserRow.practice_id == self._s.practice.id,
                        t.SecondFactorRow.confirmed_at.is_not(None)))
        return frozenset(self._s.session.scalars(query))

    def assignments(self) -> list[tuple[str, str]]:
        """Every (client id, coach's user id) of the practice."""
        query = (self._s.select(t.ClientCoachRow)
                 .order_by(t.ClientCoachRow.client_id, t.ClientCoachRow.user_id))
        return [(r.client_id, r.user_id) for r in self._s.session.scalars(query)]

    def unassign(self, client_id: str, user_id: str, /) -> None:
        self._s.client(client_id)
        done = self._s.session.execute(
            delete(t.ClientCoachRow)
            .where(t.ClientCoachRow.practice_id == self._s.practice.id,
                   t.ClientCoachRow.client_id == client_id, t.ClientCoachRow.user_id == user_id))
        if getattr(done, "rowcount", 0) != 1:
            raise InputError(f"coach: {user_id!r} is not assigned to client {client_id!r}")

    def change_settings(self, *, coaches_see_all: bool, second_factor_required: bool,
                        retention_years: int) -> None:
        row = self._s.session.get(t.PracticeRow, self._s.practice.id)
        assert row is not None  # the unit of work's own practice
        row.coaches_see_all = coaches_see_all
        row.second_factor_required = second_factor_required
        row.retention_years = retention_years
        self._s.session.flush()


class Outbox:
    """E-mails to send, kept in the same transaction as the change they tell of."""

    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def queue(self, recipient: str, subject: str, body: str, /) -> str:
        row = t.OutboxRow(id=new_id("ml"), practice_id=self._s.practice.id, recipient=recipient,
                          subject=subject, body=body, created_at=self._s.now, attempts=0)
        self._s.add(row)
        return row.id

    def pending(self, *, limit: int = 20) -> list[Mail]:
        query = (self._s.select(t.OutboxRow)
                 .where(t.OutboxRow.sent_at.is_(None), t.OutboxRow.attempts < MAX_ATTEMPTS)
                 .order_by(t.OutboxRow.created_at, t.OutboxRow.id).limit(limit))
        return [Mail(r.id, r.recipient, r.subject, r.body, r.attempts)
                for r in self._s.session.scalars(query)]

    def sent(self, mail_id: str, /) -> None:
        row = self._s.one(t.OutboxRow, "mail", id=mail_id)
        row.sent_at, row.body, row.last_error = self._s.now, "", None
        row.attempts += 1
        self._s.session.flush()

    def failed(self, mail_id: str, error: str, /) -> None:
        row = self._s.one(t.OutboxRow, "mail", id=mail_id)
        row.attempts += 1
        row.last_error = error[:500]
        if row.attempts >= MAX_ATTEMPTS:
            row.body = ""  # it will not be sent: its link must not stay readable
        self._s.session.flush()

    def failures(self) -> list[tuple[str, str, str]]:
        """Messages that could not be sent: (recipient, subject, last error), newest first."""
        query = (self._s.select(t.OutboxRow)
                 .where(t.OutboxRow.sent_at.is_(None), t.OutboxRow.last_error.is_not(None))
                 .order_by(t.OutboxRow.created_at.desc()).limit(20))
        return [(r.recipient, r.subject, r.last_error or "")
                for r in self._s.session.scalars(query)]
