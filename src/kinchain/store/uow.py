"""The SQL unit of work: one transaction over one practice's records, and the database that
opens it. ``Database(url).unit_of_work(practice_name)`` is all the CLI and the web app need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from kinchain.errors import ConflictError, InputError, NotFoundError, StorageUnavailable
from kinchain.records import Practice, new_id
from kinchain.store import tables as t
from kinchain.store.accounts import Accounts, Outbox
from kinchain.store.engine import WRITE_OPTION, open_engine
from kinchain.store.history import Checkins, Drafts, Edits, Intakes, Ticks
from kinchain.store.ledger import Audit, Consents, Programs, Proposals, Users
from kinchain.store.migrate import schema_status
from kinchain.store.reminders import Reminders
from kinchain.store.repositories import Clients, Scope

__all__ = ["Database", "SqlUnitOfWork", "translate", "utc_now"]

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def translate(error: DBAPIError, /) -> ConflictError | StorageUnavailable:
    """A database's refusal as kinchain's own error: a clash with a record stored meanwhile
    (409), or the database unable to store anything now (503). Nothing was kept either way."""
    first = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
    if isinstance(error, IntegrityError) or "never changed" in first or "erasure" in first:
        return ConflictError(
            f"the change clashes with a stored record; nothing was saved ({first})"
        )
    return StorageUnavailable(
        f"the database could not store or read records now; nothing was saved ({first})"
    )


def _practice(row: t.PracticeRow) -> Practice:
    return Practice(row.id, row.name, row.country, row.coaches_see_all, row.retention_years,
                    row.created_at, row.second_factor_required)


class Database:
    """A kinchain database (SQLite or PostgreSQL by URL) and its practices."""

    def __init__(
        self, url: str | None = None, /, *, clock: Clock = utc_now, engine: Engine | None = None
    ) -> None:
        self.engine = engine or open_engine(url)
        self.clock = clock

    def check_schema(self) -> None:
        """Refuse to work on a database whose schema is not kinchain's newest."""
        status = schema_status(self.engine)
        if not status.up_to_date:
            found = status.current or "no kinchain schema"
            raise ConflictError(
                f"database: at {found}, expected {status.head}; run `kinchain db upgrade` first"
            )

    def add_practice(
        self,
        name: str,
        /,
        *,
        country: str = "UK",
        coaches_see_all: bool = False,
        retention_years: int = 8,
        second_factor_required: bool = False,
    ) -> Practice:
        name = name.strip()
        if not name:
            raise InputError("practice name: expected some text; received nothing")
        with Session(self._writer()) as session, session.begin():
            if session.scalar(select(t.PracticeRow).where(t.PracticeRow.name == name)):
                raise ConflictError(f"practice: {name!r} already exists")
            row = t.PracticeRow(
                id=new_id("pr"),
                name=name,
                country=country,
                coaches_see_all=coaches_see_all,
                retention_years=retention_years,
                created_at=self.clock(),
                second_factor_required=second_factor_required,
            )
            session.add(row)
            session.flush()
            return _practice(row)

    def practice(self, name: str, /) -> Practice:
        with Session(self.engine) as session:
            row = session.scalar(select(t.PracticeRow).where(t.PracticeRow.name == name))
            if row is None:
                known = session.scalars(select(t.PracticeRow.name).order_by(t.PracticeRow.name))
                names = ", ".join(known) or "none yet"
                raise NotFoundError(
                    f"practice: no practice {name!r} (known: {names}); "
                    "add it with `kinchain practice add`"
                )
            return _practice(row)

    def practice_of_client(self, client_id: str, /) -> Practice:
        """The practice a client belongs to: an operator's lookup for the command line (the
        one read across practices, by name); the web app never calls it."""
        with Session(self.engine) as session:
            row = session.get(t.ClientRow, client_id)
            if row is None:
                raise NotFoundError(f"client: no client {client_id!r} in this database")
            practice = session.get(t.PracticeRow, row.practice_id)
            assert practice is not None  # a foreign key
            return _practice(practice)

    def practice_by_id(self, practice_id: str, /) -> Practice:
        with Session(self.engine) as session:
            row = session.get(t.PracticeRow, practice_id)
            if row is None:
                raise NotFoundError(f"practice: no practice {practice_id!r}")
            return _practice(row)

    def practices(self) -> list[Practice]:
        with Session(self.engine) as session:
            rows = session.scalars(select(t.PracticeRow).order_by(t.PracticeRow.name))
            return [_practice(r) for r in rows]

    def unit_of_work(
        self, practice: str | Practice, /, *, actor: str, origin: str = "cli", writes: bool = True
    ) -> SqlUnitOfWork:
        """A unit of work for one practice (by name or record). ``writes=False`` opens a
        read-only transaction, which on SQLite never waits for a writer."""
        found = practice if isinstance(practice, Practice) else self.practice(practice)
        return SqlUnitOfWork(self, found, actor=actor, origin=origin, writes=writes)

    def _writer(self) -> Engine:
        return self.engine.execution_options(**{WRITE_OPTION: True})


class SqlUnitOfWork:
    """``with uow: ...; uow.commit()``: everything in the block is one transaction; leaving it
    without a commit, or with an error, keeps none of it."""

    def __init__(
        self, db: Database, practice: Practice, *, actor: str, origin: str, writes: bool
    ) -> None:
        self._db = db
        self.practice = practice
        self.actor = actor
        self.origin = origin
        self._writes = writes
        self._session: Session | None = None

    def now(self) -> dt.datetime:
        return self._scope.now

    def __enter__(self) -> SqlUnitOfWork:
        engine = self._db._writer() if self._writes else self._db.engine
        self._session = Session(engine, expire_on_commit=False, autoflush=False)
        self._session.begin()
        self._scope = Scope(self._session, self.practice, self.actor, self.origin, self._db.clock())
        scope = self._scope
        self.clients = Clients(scope)
        self.intakes = Intakes(scope)
        self.drafts = Drafts(scope)
        self.checkins = Checkins(scope)
        self.edits = Edits(scope)
        self.ticks = Ticks(scope)
        self.programs = Programs(scope)
        self.proposals = Proposals(scope, self.programs)
        self.audit = Audit(scope)
        self.consents = Consents(scope)
        self.users = Users(scope)
        self.accounts = Accounts(scope)
        self.outbox = Outbox(scope)
        self.reminders = Reminders(scope)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self._session
        self._session = None
        if session is None:
            return
        try:
            session.rollback()  # a no-op after commit(); otherwise nothing is kept
        except DBAPIError:
            pass  # the connection is gone: the database keeps nothing of the transaction
        finally:
            session.close()
        if isinstance(error, DBAPIError):
            raise translate(error) from None

    def commit(self) -> None:
        if self._session is None:
            raise RuntimeError("commit() outside `with uow:`")
        try:
            self._session.commit()
        except DBAPIError as e:
            self._session.rollback()
            raise translate(e) from None

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
            self._scope.forget()
