"""The repositories of what was shown and who did what: program snapshots, the audit log,
consents and the practice's user accounts."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import select

from kinchain.errors import ConflictError, NotFoundError
from kinchain.records import (
    AuditEntry,
    Consent,
    Proposal,
    Role,
    ShownBecause,
    ShownProgram,
    User,
    canonical_json,
    content_hash,
    new_id,
)
from kinchain.store import tables as t
from kinchain.store.repositories import Scope

__all__ = ["Audit", "Consents", "Programs", "Proposals", "Users", "user_of"]

Document = dict[str, Any]


class Programs:
    """Each program a client was shown, as a snapshot stored once per practice and content."""

    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def show(
        self,
        client_id: str,
        program: Document,
        /,
        *,
        because: ShownBecause,
        kinchain_version: str,
        knowledge_hash: str,
    ) -> ShownProgram:
        self._s.client(client_id)
        digest = self.snapshot(program, kinchain_version, knowledge_hash)
        row = t.ShownRow(id=new_id("sh"), practice_id=self._s.practice.id, client_id=client_id,
                         snapshot=digest, shown_at=self._s.now, because=because)
        self._s.add(row)
        return ShownProgram(client_id, digest, row.shown_at, because, kinchain_version,
                            knowledge_hash, program)

    def snapshot(self, program: Document, kinchain_version: str, knowledge_hash: str) -> str:
        """Store a program once per practice and content; its address (a SHA-256)."""
        text = canonical_json(program)
        digest = content_hash(canonical_json([text, kinchain_version, knowledge_hash]))
        if self._s.session.get(t.SnapshotRow, (self._s.practice.id, digest)) is None:
            self._s.add(
                t.SnapshotRow(
                    practice_id=self._s.practice.id,
                    hash=digest,
                    document=text,
                    kinchain_version=kinchain_version,
                    knowledge_hash=knowledge_hash,
                )
            )
        return digest

    def history(self, client_id: str, /) -> list[ShownProgram]:
        return self._shown(client_id)

    def latest(self, client_id: str, /) -> ShownProgram | None:
        """The program the client was shown last (one row read, not her whole history)."""
        found = self._shown(client_id, latest=True)
        return found[0] if found else None

    def _shown(self, client_id: str, /, *, latest: bool = False) -> list[ShownProgram]:
        self._s.client(client_id)
        query = (
            select(t.ShownRow, t.SnapshotRow)
            .join(
                t.SnapshotRow,
                (t.SnapshotRow.hash == t.ShownRow.snapshot)
                & (t.SnapshotRow.practice_id == t.ShownRow.practice_id),
            )
            .where(t.ShownRow.practice_id == self._s.practice.id, t.ShownRow.client_id == client_id)
        )
        if latest:
            query = query.order_by(t.ShownRow.shown_at.desc(), t.ShownRow.id.desc()).limit(1)
        else:
            query = query.order_by(t.ShownRow.shown_at, t.ShownRow.id)
        return [
            ShownProgram(
                shown.client_id,
                shown.snapshot,
                shown.shown_at,
                cast(ShownBecause, shown.because),
                snap.kinchain_version,
                snap.knowledge_hash,
                json.loads(snap.document),
            )
            for shown, snap in self._s.session.execute(query)
        ]


class Audit:
    """Who read or changed which record, when and from where; append-only."""

    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def record(self, action: str, /, *, client_id: str | None = None, detail: str = "") -> None:
        self._s.add(
            t.AuditRow(
                id=new_id("au"),
                practice_id=self._s.practice.id,
                at=self._s.now,
                user_id=self._s.actor,
                client_id=client_id,
                action=action,
                origin=self._s.origin,
                detail=detail,
            )
        )

    def entries(self, *, client_id: str | None = None, limit: int = 100,
                offset: int = 0) -> list[AuditEntry]:
        """Newest first; ``offset`` entries skipped (a page of the log)."""
        query = self._s.select(t.AuditRow)
        if client_id is not None:
            query = query.where(t.AuditRow.client_id == client_id)
        rows = self._s.session.scalars(
            query.order_by(t.AuditRow.at.desc(), t.AuditRow.id.desc()).offset(offset).limit(limit))
        return [
            AuditEntry(r.id, r.at, r.user_id, r.client_id, r.action, r.origin, r.detail)
            for r in rows
        ]


class Consents:
    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def add(self, consent: Consent, /) -> None:
        self._s.client(consent.client_id)
        self._s.add(
            t.ConsentRow(
                id=new_id("co"),
                practice_id=self._s.practice.id,
                client_id=consent.client_id,
                topic=consent.topic,
                granted=consent.granted,
                at=consent.at,
                how=consent.how,
                recorded_by=consent.recorded_by,
                clinician=consent.clinician,
                guardian=consent.guardian,
            )
        )

    def for_client(self, client_id: str, /) -> list[Consent]:
        self._s.client(client_id)
        query = self._s.select(t.ConsentRow).where(t.ConsentRow.client_id == client_id)
        return [
            Consent(
                r.client_id,
                cast(Any, r.topic),
                r.granted,
                r.at,
                r.how,
                r.recorded_by,
                r.clinician,
                r.guardian,
            )
            for r in self._s.session.scalars(query.order_by(t.ConsentRow.at, t.ConsentRow.id))
        ]


def user_of(row: t.UserRow, /) -> User:
    return User(
        row.id,
        row.practice_id,
        row.email,
        cast(Role, row.role),
        row.client_id,
        row.password_hash,
        row.created_at,
        row.disabled_at,
    )


class Users:
    def __init__(self, scope: Scope) -> None:
        self._s = scope

    def add(
        self, email: str, role: str, password_hash: str, /, *, client_id: str | None = None
    ) -> User:
        email = email.strip().lower()
        taken = select(t.UserRow.id).where(t.UserRow.email == email)  # e-mails are global
        if self._s.session.scalar(taken) is not None:
            raise ConflictError(f"email: {email!r} already has an account")
        if client_id is not None:
            self._s.client(client_id)
        row = t.UserRow(
            id=new_id("us"),
            practice_id=self._s.practice.id,
            email=email,
            role=role,
            client_id=client_id,
            password_hash=password_hash,
            created_at=self._s.now,
        )
        self._s.add(row)
        return user_of(row)

    def get(self, user_id: str, /) -> User:
        return user_of(self._s.one(t.UserRow, "user", id=user_id))

    def all(self) -> list[User]:
        query = self._s.select(t.UserRow).order_by(t.UserRow.email)
        return [user_of(r) for r in self._s.session.scalars(query)]


class Proposals:
    """Program changes put to the coach, and her decisions (kept beside, never updated)."""

    def __init__(self, scope: Scope, programs: Programs) -> None:
        self._s = scope
        self._programs = programs

    def add(self, client_id: str, program: Document, /, *, because: ShownBecause, summary: str,
            kinchain_version: str, knowledge_hash: str,
            checkin_id: str | None = None) -> Proposal:
        self._s.client(client_id)
        digest = self._programs.snapshot(program, kinchain_version, knowledge_hash)
        row = t.ProposalRow(
            id=new_id("pp"),
            practice_id=self._s.practice.id,
            client_id=client_id,
            because=because,
            snapshot=digest,
            summary=summary,
            created_at=self._s.now,
            checkin_id=checkin_id,
        )
        self._s.add(row)
        return Proposal(row.id, client_id, because, digest, summary, row.created_at, program)

    def open(self, client_id: str | None = None) -> list[Proposal]:
        decided = select(t.ProposalDecisionRow.proposal_id)
        query = self._s.select(t.ProposalRow).where(t.ProposalRow.id.not_in(decided))
        if client_id is not None:
            query = query.where(t.ProposalRow.client_id == client_id)
        rows = self._s.session.scalars(query.order_by(t.ProposalRow.id))
        return [self._proposal(r) for r in rows]

    def checkin_states(self, client_id: str, /) -> dict[str, bool | None]:
        """For each check-in of the client that put a change to the coach: accepted (True),
        declined (False) or waiting (None). A check-in not here moved the program at once."""
        query = (
            select(t.ProposalRow.checkin_id, t.ProposalDecisionRow.accepted)
            .outerjoin(t.ProposalDecisionRow,
                       t.ProposalDecisionRow.proposal_id == t.ProposalRow.id)
            .where(t.ProposalRow.practice_id == self._s.practice.id,
                   t.ProposalRow.client_id == client_id, t.ProposalRow.checkin_id.is_not(None))
        )
        return {str(c): accepted for c, accepted in self._s.session.execute(query)}

    def decide(self, proposal_id: str, /, *, accepted: bool) -> Proposal:
        row = self._s.one(t.ProposalRow, "proposal", id=proposal_id)
        if self._s.session.get(t.ProposalDecisionRow, proposal_id) is not None:
            raise ConflictError(f"proposal: {proposal_id!r} was already decided")
        self._s.add(t.ProposalDecisionRow(proposal_id=proposal_id,
                                          practice_id=self._s.practice.id,
                                          client_id=row.client_id, accepted=accepted,
                                          decided_by=self._s.actor, decided_at=self._s.now))
        return replace(self._proposal(row), accepted=accepted, decided_by=self._s.actor)

    def _proposal(self, row: t.ProposalRow) -> Proposal:
        snap = self._s.session.get(t.SnapshotRow, (self._s.practice.id, row.snapshot))
        if snap is None:
            raise NotFoundError(f"snapshot: {row.snapshot} of proposal {row.id} is missing")
        return Proposal(row.id, row.client_id, cast(ShownBecause, row.because), row.snapshot,
                        row.summary, row.created_at, json.loads(snap.document))
