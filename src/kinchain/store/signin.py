"""The sign-in state of the web app: server-side sessions, API tokens, sign-in attempts,
single-use links and second factors.

These are found by the SHA-256 of a secret the browser or the integration holds, before anyone
is known, so they are the one place rows are looked up without a practice; each row names its
user and practice, and everything after the lookup goes through a practice's unit of work.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kinchain.records import Link, User, new_id
from kinchain.store import tables as t
from kinchain.store.accounts import link_of
from kinchain.store.ledger import user_of
from kinchain.store.uow import Database

__all__ = ["SignInStore", "digest"]


def digest(secret: str, /) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class SignInStore:
    """Sessions, tokens and attempts over one database (each method is one transaction)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _session(self) -> Session:
        return Session(self.db._writer(), expire_on_commit=False)

    def user_by_email(self, email: str, /) -> User | None:
        with Session(self.db.engine) as s:
            row = s.scalar(select(t.UserRow).where(t.UserRow.email == email.strip().lower()))
            return user_of(row) if row is not None else None

    def user(self, user_id: str, /) -> User | None:
        with Session(self.db.engine) as s:
            row = s.get(t.UserRow, user_id)
            return user_of(row) if row is not None else None

    def failures_since(self, email: str, since: dt.datetime, /) -> int:
        with Session(self.db.engine) as s:
            query = select(func.count()).where(
                t.LoginAttemptRow.email_digest == digest(email.strip().lower()),
                t.LoginAttemptRow.at >= since, t.LoginAttemptRow.succeeded.is_(False))
            return int(s.scalar(query) or 0)

    def attempt(self, email: str, succeeded: bool, origin: str, /) -> None:
        with self._session() as s, s.begin():
            s.add(t.LoginAttemptRow(id=new_id("la"), email_digest=digest(email.strip().lower()),
                                    at=self.db.clock(), succeeded=succeeded, origin=origin))

    def start_session(self, secret: str, user: User, csrf: str, origin: str, *,
                      second_factor_done: bool) -> None:
        now = self.db.clock()
        with self._session() as s, s.begin():
            s.add(t.WebSessionRow(digest=digest(secret), user_id=user.id,
                                  practice_id=user.practice_id, csrf=csrf,
                                  second_factor_done=second_factor_done, created_at=now,
                                  last_seen_at=now, origin=origin))

    def session(self, secret: str, /) -> t.WebSessionRow | None:
        with Session(self.db.engine, expire_on_commit=False) as s:
            row = s.get(t.WebSessionRow, digest(secret))
            if row is not None:
                s.expunge(row)
            return row

    def touch(self, secret: str, /) -> None:
        with self._session() as s, s.begin():
            s.execute(update(t.WebSessionRow).where(t.WebSessionRow.digest == digest(secret))
                      .values(last_seen_at=self.db.clock()))

    def second_factor_passed(self, secret: str, /) -> None:
        with self._session() as s, s.begin():
            s.execute(update(t.WebSessionRow).where(t.WebSessionRow.digest == digest(secret))
                      .values(second_factor_done=True))

    def end_session(self, secret: str, /) -> None:
        with self._session() as s, s.begin():
            s.execute(update(t.WebSessionRow)
                      .where(t.WebSessionRow.digest == digest(secret),
                             t.WebSessionRow.ended_at.is_(None))
                      .values(ended_at=self.db.clock()))

    def end_sessions_of(self, user_id: str, /) -> None:
        with self._session() as s, s.begin():
            s.execute(update(t.WebSessionRow)
                      .where(t.WebSessionRow.user_id == user_id,
                             t.WebSessionRow.ended_at.is_(None))
                      .values(ended_at=self.db.clock()))

    def add_token(self, secret: str, user: User, name: str, /) -> None:
        with self._session() as s, s.begin():
            s.add(t.ApiTokenRow(digest=digest(secret), user_id=user.id,
                                practice_id=user.practice_id, name=name,
                                created_at=self.db.clock()))

    def token_user(self, secret: str, /) -> User | None:
        with Session(self.db.engine) as s:
            row = s.get(t.ApiTokenRow, digest(secret))
            if row is None or row.revoked_at is not None:
                return None
            user = s.get(t.UserRow, row.user_id)
            return user_of(user) if user is not None else None

    def assigned_clients(self, user_id: str, /) -> frozenset[str]:
        with Session(self.db.engine) as s:
            rows = s.scalars(select(t.ClientCoachRow.client_id)
                             .where(t.ClientCoachRow.user_id == user_id))
            return frozenset(rows)

    # ------------------------------------------------------------- single-use links, by digest

    def link(self, token_digest: str, /) -> Link | None:
        """The link a presented token names (looked up by its digest, before anyone is known);
        its practice's unit of work does everything after."""
        with Session(self.db.engine) as s:
            row = s.get(t.LinkTokenRow, token_digest)
            return link_of(row) if row is not None else None

    # ------------------------------------------------------------------- the second factor

    def second_factor(self, user_id: str, /) -> t.SecondFactorRow | None:
        with Session(self.db.engine, expire_on_commit=False) as s:
            row = s.get(t.SecondFactorRow, user_id)
            if row is not None:
                s.expunge(row)
            return row

    def start_second_factor(self, user_id: str, sealed_secret: str, /) -> None:
        """Keep a new, unconfirmed secret for the user (replacing an unconfirmed one only: a
        confirmed factor is removed by an admin, never replaced by whoever holds a password)."""
        with self._session() as s, s.begin():
            row = s.get(t.SecondFactorRow, user_id)
            if row is not None and row.confirmed_at is not None:
                return
            if row is None:
                s.add(t.SecondFactorRow(user_id=user_id, secret=sealed_secret, last_step=0))
            else:
                row.secret = sealed_secret

    def use_second_factor_step(self, user_id: str, step: int, /) -> bool:
        """Record that the code of ``step`` was used, once: a compare-and-set on ``last_step``
        (a replayed or concurrent code finds it moved on). Confirms an enrolment."""
        with self._session() as s, s.begin():
            done = s.execute(update(t.SecondFactorRow)
                             .where(t.SecondFactorRow.user_id == user_id,
                                    t.SecondFactorRow.last_step < step)
                             .values(last_step=step))
            if getattr(done, "rowcount", 0) != 1:
                return False
            s.execute(update(t.SecondFactorRow)
                      .where(t.SecondFactorRow.user_id == user_id,
                             t.SecondFactorRow.confirmed_at.is_(None))
                      .values(confirmed_at=self.db.clock()))
            return True
