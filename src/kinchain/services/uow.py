"""What the use cases need from storage, as protocols: a unit of work opened for one practice
and its repositories. The SQL implementation is :mod:`kinchain.store`; the use cases import
neither it nor any SQL library, so the CLI, the web app and the tests call the same functions.

Every repository is already scoped to the unit of work's practice: a record of another
practice is not found, exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Protocol

from kinchain.records import (
    AuditEntry,
    ClientSummary,
    Consent,
    Draft,
    Message,
    Practice,
    Proposal,
    ReminderPlan,
    SendProblem,
    ShownProgram,
    StoredCheckin,
    StoredEdit,
    StoredIntake,
    Tick,
    User,
)
from kinchain.records import ShownBecause as ShownBecause

__all__ = [
    "Audit",
    "Checkins",
    "Clients",
    "Consents",
    "Drafts",
    "Edits",
    "Intakes",
    "Programs",
    "Proposals",
    "Reminders",
    "Ticks",
    "UnitOfWork",
    "Users",
]

Document = dict[str, Any]


class Clients(Protocol):
    def add(self, name: str, /, *, coaches: Sequence[str] = ()) -> ClientSummary: ...
    def assign(self, client_id: str, user_id: str, /) -> None: ...
    def get(self, client_id: str, /) -> ClientSummary: ...
    def page(
        self, *, offset: int = 0, limit: int = 50, coach: str | None = None
    ) -> list[ClientSummary]: ...
    def count(self) -> int: ...
    def ids(self) -> list[str]: ...
    def rename(self, client_id: str, name: str, /) -> None: ...
    def erase(self, client_id: str, /, *, confirmed_by: str) -> None: ...


class Intakes(Protocol):
    def add(
        self, client_id: str, document: Document, /, *, saved_by: str, reason: str | None = None
    ) -> StoredIntake: ...
    def current(self, client_id: str, /, *, on: dt.date | None = None) -> StoredIntake: ...
    def history(self, client_id: str, /) -> list[StoredIntake]: ...


class Drafts(Protocol):
    def save(self, author_id: str, client_id: str | None, document: Document, /) -> Draft: ...
    def latest(self, author_id: str, client_id: str | None, /) -> Draft | None: ...


class Checkins(Protocol):
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
    ) -> tuple[StoredCheckin, bool]: ...
    def for_client(self, client_id: str, /) -> list[StoredCheckin]: ...


class Edits(Protocol):
    def add(self, client_id: str, document: Document, /, *, recorded_by: str) -> StoredEdit: ...
    def for_client(self, client_id: str, /) -> list[StoredEdit]: ...


class Ticks(Protocol):
    def add(self, client_id: str, day: dt.date, exercise_id: str, /) -> bool: ...
    def for_client(self, client_id: str, /, *, since: dt.date | None = None) -> list[Tick]: ...


class Programs(Protocol):
    def show(
        self,
        client_id: str,
        program: Document,
        /,
        *,
        because: ShownBecause,
        kinchain_version: str,
        knowledge_hash: str,
    ) -> ShownProgram: ...
    def history(self, client_id: str, /) -> list[ShownProgram]: ...
    def latest(self, client_id: str, /) -> ShownProgram | None: ...


class Proposals(Protocol):
    def add(self, client_id: str, program: Document, /, *, because: ShownBecause, summary: str,
            kinchain_version: str, knowledge_hash: str,
            checkin_id: str | None = None) -> Proposal: ...
    def open(self, client_id: str | None = None) -> list[Proposal]: ...
    def checkin_states(self, client_id: str, /) -> dict[str, bool | None]: ...
    def decide(self, proposal_id: str, /, *, accepted: bool) -> Proposal: ...


class Audit(Protocol):
    def record(self, action: str, /, *, client_id: str | None = None, detail: str = "") -> None: ...
    def entries(self, *, client_id: str | None = None, limit: int = 100,
                offset: int = 0) -> list[AuditEntry]: ...


class Consents(Protocol):
    def add(self, consent: Consent, /) -> None: ...
    def for_client(self, client_id: str, /) -> list[Consent]: ...


class Users(Protocol):
    def add(
        self, email: str, role: str, password_hash: str, /, *, client_id: str | None = None
    ) -> User: ...
    def get(self, user_id: str, /) -> User: ...
    def all(self) -> list[User]: ...


class Reminders(Protocol):
    def plan(self, client_id: str, /) -> ReminderPlan | None: ...
    def set_plan(self, client_id: str, /, *, email: str, local_time: dt.time,
                 evening_time: dt.time, zone: str, active: bool = True) -> ReminderPlan: ...
    def stop(self, client_id: str, /) -> bool: ...
    def calendar_nonce(self, client_id: str, /) -> str | None: ...
    def set_calendar(self, client_id: str, nonce: str | None, digest: str | None, /) -> None: ...
    def problems(self, client_id: str, /) -> list[SendProblem]: ...
    def add_message(self, client_id: str, body: str, /, *, author_role: str) -> Message: ...
    def thread(self, client_id: str, /) -> list[Message]: ...


class UnitOfWork(Protocol):
    """One transaction over one practice's records: ``with uow: ...; uow.commit()``. Leaving
    the block without ``commit()`` keeps nothing of it."""

    @property
    def practice(self) -> Practice: ...
    @property
    def actor(self) -> str: ...  # who acts: a user id, or "cli:<login>" for the command line
    @property
    def clients(self) -> Clients: ...
    @property
    def intakes(self) -> Intakes: ...
    @property
    def drafts(self) -> Drafts: ...
    @property
    def checkins(self) -> Checkins: ...
    @property
    def edits(self) -> Edits: ...
    @property
    def ticks(self) -> Ticks: ...
    @property
    def programs(self) -> Programs: ...
    @property
    def proposals(self) -> Proposals: ...
    @property
    def audit(self) -> Audit: ...
    @property
    def consents(self) -> Consents: ...
    @property
    def users(self) -> Users: ...
    @property
    def reminders(self) -> Reminders: ...


    def now(self) -> dt.datetime: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
