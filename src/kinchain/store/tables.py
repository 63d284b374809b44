"""The tables, as SQLAlchemy 2 typed ORM classes. The migrations in ``migrations/`` create them;
a test holds the two equal (Alembic's autogenerate finds no difference).

Every clinical table carries ``practice_id``: the tenant. Documents are canonical JSON text
(the same bytes on SQLite and PostgreSQL) with their format's version. Rows of the history
tables (intake versions, check-ins, edits, ticks, shown programs, consents, the audit log) are
never updated; the migrations install triggers that refuse an UPDATE, and a DELETE unless an
erasure of that client has been confirmed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.expression import false

__all__ = [
    "HISTORY_TABLES",
    "ApiTokenRow",
    "AuditRow",
    "Base",
    "CheckinRow",
    "ClientCoachRow",
    "ClientRow",
    "ConsentRow",
    "DraftRow",
    "EditRow",
    "ErasureRow",
    "IntakeRow",
    "LeaseRow",
    "LinkTokenRow",
    "LoginAttemptRow",
    "MessageRow",
    "OutboxRow",
    "PracticeRow",
    "ProposalDecisionRow",
    "ProposalRow",
    "ReminderPlanRow",
    "ReminderSendRow",
    "SecondFactorRow",
    "ShownRow",
    "SmtpRow",
    "SnapshotRow",
    "TickRow",
    "UserRow",
    "WebSessionRow",
]

#: constraint names, so migrations name them the same on both databases
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: the tables whose rows are never updated, and deleted only by a confirmed erasure
HISTORY_TABLES = (
    "intake_version",
    "checkin",
    "program_edit",
    "routine_tick",
    "program_shown",
    "consent",
    "audit_event",
    "program_proposal",
    "proposal_decision",
    "message",
)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC: stored without a zone (the same on both databases), read back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a stored time must carry its zone; received {value.isoformat()}")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _id() -> Mapped[str]:
    return mapped_column(String(40), primary_key=True)


def _practice() -> Mapped[str]:
    return mapped_column(ForeignKey("practice.id"), index=True)


def _client() -> Mapped[str]:
    return mapped_column(ForeignKey("client.id"), index=True)


def _moment() -> Mapped[dt.datetime]:
    return mapped_column(UtcDateTime())


class PracticeRow(Base):
    __tablename__ = "practice"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(8))
    coaches_see_all: Mapped[bool] = mapped_column(Boolean)
    retention_years: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = _moment()
    second_factor_required: Mapped[bool] = mapped_column(Boolean, server_default=false())


class ClientRow(Base):
    __tablename__ = "client"
    #: a practice's client list in name order, read from the index instead of sorted each time
    __table_args__ = (Index("ix_client_practice_name", "practice_id", "name", "id"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = _moment()
    erased_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class UserRow(Base):
    __tablename__ = "user_account"
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    client_id: Mapped[str | None] = mapped_column(ForeignKey("client.id"), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = _moment()
    #: set when an admin disabled the account: it cannot sign in, its sessions ended
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class ClientCoachRow(Base):
    """Which coaches a client is assigned to."""

    __tablename__ = "client_coach"
    __table_args__ = (Index("ix_client_coach_user_id", "user_id"),)  # a coach's clients
    client_id: Mapped[str] = mapped_column(ForeignKey("client.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    practice_id: Mapped[str] = _practice()


class IntakeRow(Base):
    __tablename__ = "intake_version"
    __table_args__ = (UniqueConstraint("client_id", "version"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = _client()
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)
    format_version: Mapped[int] = mapped_column(Integer)
    saved_by: Mapped[str] = mapped_column(String(320))
    saved_at: Mapped[dt.datetime] = _moment()
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class DraftRow(Base):
    """An unvalidated intake being typed; each save is a new row, the latest one counts."""

    __tablename__ = "intake_draft"
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str | None] = mapped_column(ForeignKey("client.id"), nullable=True)
    author_id: Mapped[str] = mapped_column(String(40), index=True)
    document: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = _moment()


class CheckinRow(Base):
    __tablename__ = "checkin"
    __table_args__ = (
        UniqueConstraint("practice_id", "idempotency_key", name="uq_checkin_key"),
        UniqueConstraint("client_id", "date", "content_hash", name="uq_checkin_content"),
        Index("ix_checkin_client_date", "client_id", "date"),
        # every read is scoped by practice: with practice and client both in one index, the
        # planner stops walking all of a practice's check-ins to find one client's latest
        Index("ix_checkin_practice_client_date", "practice_id", "client_id", "date", "id"),
    )
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = mapped_column(ForeignKey("client.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    document: Mapped[str] = mapped_column(Text)
    format_version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    worst_pain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(320))
    recorded_at: Mapped[dt.datetime] = _moment()


class EditRow(Base):
    __tablename__ = "program_edit"
    __table_args__ = (Index("ix_program_edit_practice_client", "practice_id", "client_id"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = _client()
    document: Mapped[str] = mapped_column(Text)
    format_version: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(320))
    recorded_at: Mapped[dt.datetime] = _moment()


class TickRow(Base):
    __tablename__ = "routine_tick"
    __table_args__ = (UniqueConstraint("client_id", "day", "exercise_id", name="uq_tick_once"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = _client()
    day: Mapped[dt.date] = mapped_column(Date)
    exercise_id: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = _moment()


class SnapshotRow(Base):
    """A program as it was shown, stored once per practice and content (its hash)."""

    __tablename__ = "program_snapshot"
    practice_id: Mapped[str] = mapped_column(ForeignKey("practice.id"), primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    document: Mapped[str] = mapped_column(Text)
    kinchain_version: Mapped[str] = mapped_column(String(40))
    knowledge_hash: Mapped[str] = mapped_column(String(64))


class ShownRow(Base):
    __tablename__ = "program_shown"
    __table_args__ = (Index("ix_program_shown_client_at", "client_id", "shown_at"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = mapped_column(ForeignKey("client.id"))
    snapshot: Mapped[str] = mapped_column(String(64))
    shown_at: Mapped[dt.datetime] = _moment()
    because: Mapped[str] = mapped_column(String(16))


class ConsentRow(Base):
    __tablename__ = "consent"
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = _client()
    topic: Mapped[str] = mapped_column(String(40))
    granted: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[dt.datetime] = _moment()
    how: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(320))
    clinician: Mapped[str | None] = mapped_column(String(200), nullable=True)
    guardian: Mapped[str | None] = mapped_column(String(200), nullable=True)


class AuditRow(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_practice_at", "practice_id", "at"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = mapped_column(ForeignKey("practice.id"))
    at: Mapped[dt.datetime] = _moment()
    user_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    client_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    origin: Mapped[str] = mapped_column(String(100))
    detail: Mapped[str] = mapped_column(Text)


class ErasureRow(Base):
    """A confirmed request to erase a client's personal data: the one sanctioned removal."""

    __tablename__ = "erasure"
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = mapped_column(String(40), index=True)
    requested_at: Mapped[dt.datetime] = _moment()
    confirmed_by: Mapped[str] = mapped_column(String(320))


class ProposalRow(Base):
    """A program change put to the coach (after a knowledge update or a check-in), never a
    silent swap: what the program would become (a snapshot) and why."""

    __tablename__ = "program_proposal"
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = _client()
    because: Mapped[str] = mapped_column(String(16))
    snapshot: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _moment()
    #: the check-in whose program change this is (None for a knowledge update)
    checkin_id: Mapped[str | None] = mapped_column(String(40), nullable=True)


class ProposalDecisionRow(Base):
    """The coach's answer to a proposal, kept beside it (the proposal is never updated)."""

    __tablename__ = "proposal_decision"
    proposal_id: Mapped[str] = mapped_column(ForeignKey("program_proposal.id"), primary_key=True)
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = _client()
    accepted: Mapped[bool] = mapped_column(Boolean)
    decided_by: Mapped[str] = mapped_column(String(320))
    decided_at: Mapped[dt.datetime] = _moment()


# ------------------------------------------------------------------ the web app's sign-in state


class WebSessionRow(Base):
    """A signed-in browser: kept on the server (logout and revoke work), found by the SHA-256
    of the cookie's secret, never by the secret itself."""

    __tablename__ = "web_session"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    practice_id: Mapped[str] = _practice()
    csrf: Mapped[str] = mapped_column(String(64))
    second_factor_done: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = _moment()
    last_seen_at: Mapped[dt.datetime] = _moment()
    ended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    origin: Mapped[str] = mapped_column(String(100))


class ApiTokenRow(Base):
    """A personal access token for the JSON API, kept as its SHA-256."""

    __tablename__ = "api_token"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    practice_id: Mapped[str] = _practice()
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = _moment()
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class LoginAttemptRow(Base):
    """A sign-in attempt, by the SHA-256 of the e-mail typed (throttling; no user enumeration)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_email_at", "email_digest", "at"),)
    id: Mapped[str] = _id()
    email_digest: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = _moment()
    succeeded: Mapped[bool] = mapped_column(Boolean)
    origin: Mapped[str] = mapped_column(String(100))


class LinkTokenRow(Base):
    """A single-use link (an invitation or a password reset), kept as its SHA-256."""

    __tablename__ = "link_token"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))
    practice_id: Mapped[str] = _practice()
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(40))
    client_id: Mapped[str | None] = mapped_column(ForeignKey("client.id"), nullable=True)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[dt.datetime] = _moment()
    expires_at: Mapped[dt.datetime] = _moment()
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class SecondFactorRow(Base):
    """A user's TOTP secret (RFC 6238), encrypted with the server's key."""

    __tablename__ = "second_factor"
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    secret: Mapped[str] = mapped_column(Text)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_step: Mapped[int] = mapped_column(Integer)  # the last time step used: no replay


class OutboxRow(Base):
    """An e-mail to send: kept until the SMTP server took it. Once sent, its body (which may
    hold a single-use link) is blanked, so a copy of the database opens no link."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "created_at"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _moment()
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
# ------------------------------------------------------ reminders, calendar and messages (0004r)


class SmtpRow(Base):
    """The practice's SMTP server; the password sealed with the server's key (Fernet)."""

    __tablename__ = "smtp_setting"
    practice_id: Mapped[str] = mapped_column(ForeignKey("practice.id"), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int] = mapped_column(Integer)
    starttls: Mapped[bool] = mapped_column(Boolean)
    username: Mapped[str | None] = mapped_column(String(320), nullable=True)
    password_sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    sender: Mapped[str] = mapped_column(String(320))
    base_url: Mapped[str] = mapped_column(String(500))  # where the links in a message point


class ReminderPlanRow(Base):
    """When a client wants her reminder, in her own time zone; the calendar feed's secret as
    its SHA-256 (None: no feed, or revoked)."""

    __tablename__ = "reminder_plan"
    client_id: Mapped[str] = mapped_column(ForeignKey("client.id"), primary_key=True)
    practice_id: Mapped[str] = _practice()
    email: Mapped[str] = mapped_column(String(320))
    local_time: Mapped[str] = mapped_column(String(5))  # HH:MM
    evening_time: Mapped[str] = mapped_column(String(5))  # HH:MM: the nudge if nothing ticked
    zone: Mapped[str] = mapped_column(String(64))  # IANA, e.g. Europe/London
    active: Mapped[bool] = mapped_column(Boolean)
    calendar_digest: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    #: with the server's key, makes the feed's secret (a new nonce revokes the old URL)
    calendar_nonce: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[dt.datetime] = _moment()


class ReminderSendRow(Base):
    """One reminder of one kind for one client's local day, claimed before it is sent: the
    unique key keeps a restart or a second server from sending it twice."""

    __tablename__ = "reminder_send"
    __table_args__ = (UniqueConstraint("client_id", "day", "kind", name="uq_reminder_once"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = _client()
    day: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))  # daily, evening, message <id>
    status: Mapped[str] = mapped_column(String(16))  # sending, sent, failed
    detail: Mapped[str] = mapped_column(Text)
    claimed_at: Mapped[dt.datetime] = _moment()
    done_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    holder: Mapped[str] = mapped_column(String(100))


class LeaseRow(Base):
    """Which server process may run a job now, until ``expires_at``."""

    __tablename__ = "scheduler_lease"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[dt.datetime] = _moment()


class MessageRow(Base):
    """A message between a client and her coach, kept with the record (never changed)."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_client_at", "client_id", "at"),)
    id: Mapped[str] = _id()
    practice_id: Mapped[str] = _practice()
    client_id: Mapped[str] = mapped_column(ForeignKey("client.id"))
    author_id: Mapped[str] = mapped_column(String(40))
    author_role: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = _moment()
