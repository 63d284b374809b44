"""The stored records, as plain frozen values: what the store hands to the use cases.

These types sit beside :mod:`kinchain.errors` at the bottom of the layers: the store builds them
from its rows, the use cases (:mod:`kinchain.services.records`) read them, and neither needs the
other. A document (an intake, a check-in, a coach's edit) is kept as canonical JSON text with
its format's version; :mod:`kinchain.store.documents` brings an old one forward.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "AuditEntry",
    "ClientSummary",
    "Consent",
    "Draft",
    "Link",
    "Mail",
    "Message",
    "Practice",
    "Proposal",
    "ReminderPlan",
    "Role",
    "SendProblem",
    "ShownBecause",
    "ShownProgram",
    "StoredCheckin",
    "StoredEdit",
    "StoredIntake",
    "Tick",
    "User",
    "canonical_json",
    "content_hash",
    "new_id",
]

Role = Literal["coach", "admin", "client"]
ShownBecause = Literal["intake", "edit", "checkin", "knowledge"]


def new_id(prefix: str, /) -> str:
    """A new record id: a prefix, the time in milliseconds (so ids sort by creation), and 40
    random bits, e.g. ``cl_0192f3a4b5c6_9f8e7d6c5b``. Ids say nothing about other practices.

    >>> new_id("cl").startswith("cl_") and len(new_id("cl")) == 26
    True
    """
    return f"{prefix}_{time.time_ns() // 1_000_000:012x}_{secrets.token_hex(5)}"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def canonical_json(document: Any, /) -> str:
    """One text for one document: sorted keys, no spaces, dates as ISO text, UTF-8 kept.

    >>> canonical_json({"b": 1, "a": [dt.date(2026, 12, 2)]})
    '{"a":["2026-12-02"],"b":1}'
    """
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
    )


def content_hash(text: str, /) -> str:
    """The SHA-256 of a canonical JSON text, in hex: the address of a stored snapshot."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Practice:
    id: str
    name: str
    country: str
    coaches_see_all: bool  # whether a coach sees the practice's clients not assigned to her
    retention_years: int  # how long records must be kept after the last contact
    created_at: dt.datetime
    second_factor_required: bool = False  # coaches and admins must use a second factor


@dataclass(frozen=True)
class User:
    id: str
    practice_id: str
    email: str
    role: Role
    client_id: str | None  # the client record a client user is linked to
    password_hash: str
    created_at: dt.datetime
    disabled_at: dt.datetime | None = None  # an admin disabled the account


@dataclass(frozen=True)
class ClientSummary:
    """One row of a coach's client list."""

    id: str
    name: str
    created_at: dt.datetime
    last_checkin: dt.date | None
    pains: tuple[int, ...]  # the worst pain (0-10) of the latest check-ins, oldest first
    coaches: tuple[str, ...]  # user ids
    erased: bool = False


@dataclass(frozen=True)
class StoredIntake:
    """One immutable version of a client's intake (the validated data as received)."""

    client_id: str
    version: int
    document: dict[str, Any]
    format_version: int
    saved_by: str
    saved_at: dt.datetime
    reason: str | None


@dataclass(frozen=True)
class Draft:
    """An unvalidated intake a coach is typing; never a version."""

    id: str
    client_id: str | None
    author_id: str
    document: dict[str, Any]
    saved_at: dt.datetime


@dataclass(frozen=True)
class StoredCheckin:
    id: str
    client_id: str
    date: dt.date
    document: dict[str, Any]
    format_version: int
    recorded_by: str
    recorded_at: dt.datetime
    key: str | None  # the idempotency key it was sent with


@dataclass(frozen=True)
class StoredEdit:
    id: str
    client_id: str
    document: dict[str, Any]  # kind, exercise, who, when, why, replacement, position, ...
    format_version: int
    recorded_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class Tick:
    """An exercise the client did on a day."""

    client_id: str
    day: dt.date
    exercise_id: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class ShownProgram:
    """A program version a client was shown: the snapshot's address, when and why."""

    client_id: str
    snapshot: str  # content hash of the program's canonical JSON
    shown_at: dt.datetime
    because: ShownBecause
    kinchain_version: str
    knowledge_hash: str
    program: dict[str, Any]


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: dt.datetime
    user_id: str | None
    client_id: str | None
    action: str
    origin: str  # "cli", or the address a web request came from
    detail: str


@dataclass(frozen=True)
class Consent:
    """What a client agreed to (or withdrew), when and how; a new row for every change."""

    client_id: str
    topic: Literal["health_data", "reminders", "share_with_clinician"]
    granted: bool
    at: dt.datetime
    how: str  # "signed form", "web", ...
    recorded_by: str
    clinician: str | None = None  # the named clinician for share_with_clinician
    guardian: str | None = None  # who consented for a client under 18


@dataclass(frozen=True)
class Proposal:
    """A program change put to the coach: what the program would become and why; ``accepted``
    is None until she decides."""

    id: str
    client_id: str
    because: ShownBecause
    snapshot: str
    summary: str
    created_at: dt.datetime
    program: dict[str, Any]
    accepted: bool | None = None
    decided_by: str | None = None


@dataclass(frozen=True)
class Link:
    """A single-use link as stored (never its token): an invitation or a password reset."""

    digest: str
    purpose: str  # a TokenPurpose value
    practice_id: str
    email: str
    role: str
    client_id: str | None
    created_by: str
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None


@dataclass(frozen=True)
class Mail:
    """An e-mail waiting in the outbox."""

    id: str
    recipient: str
    subject: str
    body: str
    attempts: int


@dataclass(frozen=True)
class ReminderPlan:
    """When a client wants her reminder: a local time in her own IANA time zone."""

    client_id: str
    email: str
    local_time: dt.time
    evening_time: dt.time  # the nudge when nothing was ticked that day
    zone: str
    active: bool
    calendar: bool  # a calendar feed secret is set


@dataclass(frozen=True)
class SendProblem:
    """A reminder or notice that bounced or could not be sent, for the coach's dashboard."""

    client_id: str
    day: dt.date
    kind: str
    detail: str


@dataclass(frozen=True)
class Message:
    """A message between a client and her coach, as kept with the record."""

    id: str
    client_id: str
    author_id: str
    author_role: str
    body: str
    at: dt.datetime
