"""The use cases over a practice's stored records: import a client, save a new intake version,
add a check-in or a coach's edit, list the clients, show one client's record.

Each takes a unit of work (:class:`kinchain.services.uow.UnitOfWork`) and plain data, checks
the data first, and changes nothing unless all of it is right: the whole change is one
transaction. The program is never stored as the truth: it is rebuilt from the intake version,
the coach's edits and the check-ins (:func:`evaluate`); what was shown is kept as a snapshot.

The program starts on the day its intake version was saved: the check-ins from that day on are
replayed over it, and the coach's edits are replayed over every new version (an edit that no
longer passes the contraindications is left out with a note saying so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinchain.errors import CheckinError, EditError, KinchainError, Problem
from kinchain.program import Checkin, parse_checkin
from kinchain.program.edits import Edit, apply_edits, parse_edit
from kinchain.records import (
    ClientSummary,
    Proposal,
    ShownBecause,
    ShownProgram,
    StoredCheckin,
    StoredEdit,
    StoredIntake,
    canonical_json,
)
from kinchain.services.editor import budget_problem
from kinchain.services.evaluate import Evaluation, evaluate
from kinchain.services.intake import validate_intake
from kinchain.services.memo import Memo
from kinchain.services.uow import UnitOfWork
from kinchain.services.versions import KINCHAIN_VERSION, knowledge_hash

__all__ = [
    "CheckinAdded",
    "ClientPage",
    "ClientRead",
    "Imported",
    "add_checkin",
    "add_edit",
    "client_page",
    "client_record",
    "evaluation_of",
    "import_client",
    "import_files",
    "read_client",
    "save_intake",
    "show_program",
]

Document = dict[str, Any]


@dataclass(frozen=True)
class Imported:
    """A client stored from an intake: the client, the intake version and the program shown."""

    client: ClientSummary
    intake: StoredIntake
    shown: ShownProgram | None  # None while a red flag suspends the program


def _start(stored: StoredIntake) -> dt.date:
    return stored.saved_at.date()


#: stored check-ins parsed, by id, canonical text, day and the knowledge that read them (the
#: id too: a parsed check-in names its record in messages, so two alike are not shared)
PARSED: Memo[Checkin] = Memo(20_000)
#: evaluations by the records they were made from (see :func:`_evaluation_key`)
EVALUATIONS: Memo[Evaluation] = Memo(256)


def _edits(stored: Sequence[StoredEdit]) -> list[Edit]:
    return [parse_edit(e.document) for e in stored]


def _parsed(checkin: StoredCheckin) -> Checkin:
    """A stored check-in read back (validated again: the library may have changed since)."""
    key = (checkin.id, canonical_json(checkin.document), checkin.date, knowledge_hash())
    return PARSED.get(
        key,
        lambda: parse_checkin(
            checkin.document, source=f"check-in {checkin.id}", today=checkin.date
        ),
        owner=checkin.client_id,
    )


def _since(stored: Sequence[StoredCheckin], start: dt.date) -> list[StoredCheckin]:
    return [c for c in stored if c.date >= start]


def _split(
    uow: UnitOfWork, client_id: str, stored: Sequence[StoredCheckin], start: dt.date
) -> tuple[list[StoredCheckin], list[StoredCheckin]]:
    """The check-ins since the program started: those that move the program (no proposal, or
    one the coach accepted) and those held back (a proposal waiting or declined), whose
    red-flag answers still count at once."""
    states = uow.proposals.checkin_states(client_id)
    since = _since(stored, start)
    applied = [c for c in since if states.get(c.id, True) is True]
    held = [c for c in since if states.get(c.id, True) is not True]
    return applied, held


def _evaluation_key(
    uow: UnitOfWork,
    intake: StoredIntake,
    checkins: Sequence[StoredCheckin],
    edits: Sequence[StoredEdit],
    extra_edits: Sequence[Edit],
) -> tuple[object, ...]:
    """What an evaluation is made from: the practice and its country, the intake version, the
    ids of the check-ins and edits (stored rows never change), the edits not yet stored, and
    the kinchain version and knowledge that evaluate them."""
    return (
        uow.practice.id,
        uow.practice.country,
        intake.client_id,
        intake.version,
        intake.saved_at,
        tuple(c.id for c in checkins),
        tuple(e.id for e in edits),
        tuple(extra_edits),
        KINCHAIN_VERSION,
        knowledge_hash(),
    )


def _evaluation(
    uow: UnitOfWork,
    stored: StoredIntake,
    checkins: Sequence[StoredCheckin],
    edits: Sequence[StoredEdit],
    extra_edits: Sequence[Edit] = (),
) -> Evaluation:
    start = _start(stored)
    applied, held = _split(uow, stored.client_id, checkins, start)

    def make() -> Evaluation:
        intake = validate_intake(
            stored.document, source=f"intake version {stored.version}", as_of=start
        )
        return evaluate(
            intake,
            as_of=start,
            country=uow.practice.country,
            checkins=[_parsed(c) for c in applied],
            asked_again=[_parsed(c) for c in held],
            edits=[*_edits(edits), *extra_edits],
            stale_edits="note",
        )

    key = (*_evaluation_key(uow, stored, applied, edits, extra_edits), tuple(c.id for c in held))
    return EVALUATIONS.get(key, make, owner=stored.client_id)


def evaluation_of(
    uow: UnitOfWork, client_id: str, /, *, extra_edits: Sequence[Edit] = ()
) -> Evaluation:
    """The client's evaluation from her stored records: the latest intake version as of the day
    it was saved, the coach's edits (plus ``extra_edits``, not yet stored), the check-ins since.
    The same records give the same evaluation, so it is made once and kept (:data:`EVALUATIONS`)."""
    return _evaluation(
        uow,
        uow.intakes.current(client_id),
        uow.checkins.for_client(client_id),
        uow.edits.for_client(client_id),
        extra_edits,
    )


def show_program(
    uow: UnitOfWork, client_id: str, evaluation: Evaluation, because: ShownBecause
) -> ShownProgram | None:
    """Keep the program the client is shown now, when it differs from the last one shown."""
    program = evaluation.program
    if program is None:
        return None
    document = program.to_json()
    last = uow.programs.latest(client_id)
    if last is not None and last.program == document and last.knowledge_hash == knowledge_hash():
        return last
    return uow.programs.show(
        client_id,
        document,
        because=because,
        kinchain_version=KINCHAIN_VERSION,
        knowledge_hash=knowledge_hash(),
    )


def import_client(
    uow: UnitOfWork,
    data: Document,
    /,
    *,
    source: str,
    reason: str | None = None,
    coaches: Sequence[str] = (),
) -> Imported:
    """Store a new client from intake data: checked whole first (nothing is stored when any
    of it is wrong), then the client, her first intake version and the program she is shown."""
    with uow:
        intake = validate_intake(data, source=source, as_of=uow.now().date())
        client = uow.clients.add(intake.client.name, coaches=coaches)
        stored = uow.intakes.add(client.id, data, saved_by=uow.actor, reason=reason)
        shown = show_program(uow, client.id, evaluation_of(uow, client.id), "intake")
        uow.audit.record("client.import", client_id=client.id, detail=f"from {source}")
        uow.commit()
    return Imported(client, stored, shown)


def save_intake(
    uow: UnitOfWork, client_id: str, data: Document, /, *, source: str, reason: str | None = None
) -> Imported:
    """A new intake version of a stored client (the earlier ones are kept as they were)."""
    with uow:
        intake = validate_intake(data, source=source, as_of=uow.now().date())
        if intake.client.name != uow.clients.get(client_id).name:
            uow.clients.rename(client_id, intake.client.name)
        client = uow.clients.get(client_id)
        stored = uow.intakes.add(client_id, data, saved_by=uow.actor, reason=reason)
        shown = show_program(uow, client_id, evaluation_of(uow, client_id), "intake")
        uow.audit.record("intake.save", client_id=client_id, detail=f"version {stored.version}")
        uow.commit()
    return Imported(client, stored, shown)


@dataclass(frozen=True)
class FileImport:
    """What became of one intake file: the client it made, or why it was refused."""

    source: Path
    client_id: str | None = None
    name: str | None = None
    refused: str | None = None


def import_files(new_uow: Callable[[], UnitOfWork], paths: Sequence[Path], /) -> list[FileImport]:
    """Import intake files one by one, each in its own transaction: a bad file imports
    nothing and says why; the others go on. (The file adapter at the command line's edge.)"""
    from kinchain.intake.files import read_intake_data

    outcomes = []
    for path in paths:
        try:
            done = import_client(new_uow(), read_intake_data(path), source=str(path))
        except KinchainError as e:
            outcomes.append(FileImport(path, refused=f"{path}: refused, nothing imported: {e}"))
        else:
            outcomes.append(FileImport(path, done.client.id, done.client.name))
    return outcomes


@dataclass(frozen=True)
class CheckinAdded:
    """A stored check-in (``new`` False when it had been stored before: sent twice) and the
    program after it."""

    checkin_id: str
    new: bool
    evaluation: Evaluation
    shown: ShownProgram | None
    proposal: Proposal | None = None  # the change put to the coach (a client's check-in)

    def changes(self) -> list[dict[str, Any]]:
        outcome = self.evaluation.outcome
        return [c.to_json() for c in outcome.changes] if outcome is not None else []


def _worst(checkin: Checkin) -> int | None:
    return max((p.intensity for p in checkin.pain), default=None)


def add_checkin(
    uow: UnitOfWork,
    client_id: str,
    data: Document,
    /,
    *,
    key: str | None = None,
    source: str = "check-in",
    propose: bool = False,
) -> CheckinAdded:
    """Store a check-in and replay the program over it. Refused whole when it is wrong, dated
    before the program, or after today; sent twice (the same idempotency key, or the same
    content on the same day) it is stored once; the same key with another body is a conflict.

    With ``propose`` (a client's own check-in), a change of her program is put to the coach
    as a proposal instead of shown; a serious red-flag answer suspends the program at once."""
    with uow:
        today = uow.now().date()
        checkin = parse_checkin(data, source=source, today=today)
        current = uow.intakes.current(client_id)
        start = _start(current)
        if checkin.date < start:
            raise CheckinError(
                source,
                [
                    Problem(
                        "date",
                        f"{checkin.date} is before the program "
                        f"(started {start}); a check-in follows the program",
                    )
                ],
            )
        stored, new = uow.checkins.add(
            client_id,
            checkin.date,
            data,
            key=key,
            recorded_by=uow.actor,
            worst_pain=_worst(checkin),
        )
        evaluation = _evaluation(
            uow, current, uow.checkins.for_client(client_id), uow.edits.for_client(client_id)
        )
        shown, proposal = None, None
        if new and propose and not evaluation.suspended:
            proposal = _propose(uow, client_id, stored.id, evaluation)
        if new and proposal is None:
            shown = show_program(uow, client_id, evaluation, "checkin")
        if new:
            uow.audit.record("checkin.add", client_id=client_id, detail=stored.id)
        uow.commit()
    return CheckinAdded(stored.id, new, evaluation, shown, proposal)


def _propose(uow: UnitOfWork, client_id: str, checkin_id: str, evaluation: Evaluation
             ) -> Proposal | None:
    """Put the check-in's program change to the coach; None when nothing would change."""
    program = evaluation.program
    last = uow.programs.latest(client_id)
    if program is None or (last is not None and last.program == program.to_json()):
        return None
    outcome = evaluation.outcome
    made = [c for c in outcome.changes if c.date == evaluation.checkins[-1].date] if outcome else []
    words = "; ".join(f"{c.action} {c.exercise}: {c.reason}" for c in made) or "the routine changes"
    return uow.proposals.add(client_id, program.to_json(), because="checkin", summary=words,
                             kinchain_version=KINCHAIN_VERSION, knowledge_hash=knowledge_hash(),
                             checkin_id=checkin_id)


def add_edit(uow: UnitOfWork, client_id: str, data: Document, /) -> ShownProgram | None:
    """Store a coach's edit of the program, once it applies (a contraindicated or impossible
    edit, or one that would take more than the client's daily minutes, is refused with its
    reason and nothing is stored)."""

    with uow:
        edit = parse_edit(
            {
                **data,
                "who": data.get("who") or uow.actor,
                "when": data.get("when") or uow.now().date().isoformat(),
            }
        )
        evaluation = evaluation_of(uow, client_id)
        if evaluation.built is not None:  # refused now, not kept to be noted later
            over = budget_problem(apply_edits(evaluation.built, [edit]))
            if over is not None:
                raise EditError(f"{edit.label()}: {over}")
        uow.edits.add(client_id, edit.to_json(), recorded_by=uow.actor)
        shown = show_program(uow, client_id, evaluation_of(uow, client_id), "edit")
        uow.audit.record("program.edit", client_id=client_id, detail=edit.label())
        uow.commit()
    return shown


@dataclass(frozen=True)
class ClientPage:
    clients: tuple[ClientSummary, ...]
    total: int
    offset: int


def client_page(
    uow: UnitOfWork, /, *, offset: int = 0, limit: int = 50, coach: str | None = None
) -> ClientPage:
    """One page of the practice's clients (by name), each with the last check-in and the
    worst pain of the latest check-ins."""
    with uow:
        rows = uow.clients.page(offset=offset, limit=limit, coach=coach)
        total = uow.clients.count()
        uow.audit.record("client.list", detail=f"offset {offset}")
        uow.commit()
    return ClientPage(tuple(rows), total, offset)


def _moment(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _versions(uow: UnitOfWork, client_id: str) -> list[dict[str, Any]]:
    return [
        {
            "version": v.version,
            "saved_at": _moment(v.saved_at),
            "saved_by": v.saved_by,
            "reason": v.reason,
            "format_version": v.format_version,
        }
        for v in uow.intakes.history(client_id)
    ]


def _history(
    uow: UnitOfWork,
    client_id: str,
    checkins: Sequence[StoredCheckin],
    edits: Sequence[StoredEdit],
) -> dict[str, Any]:
    return {
        "checkins": [
            {
                "id": c.id,
                "date": c.date.isoformat(),
                "recorded_at": _moment(c.recorded_at),
                "document": c.document,
            }
            for c in checkins
        ],
        "edits": [
            {"id": e.id, "recorded_at": _moment(e.recorded_at), "edit": e.document} for e in edits
        ],
        "shown": [
            {
                "shown_at": _moment(p.shown_at),
                "because": p.because,
                "snapshot": p.snapshot,
                "kinchain_version": p.kinchain_version,
                "knowledge_hash": p.knowledge_hash,
            }
            for p in uow.programs.history(client_id)
        ],
    }


def _record(uow: UnitOfWork, client_id: str) -> tuple[dict[str, Any], Evaluation]:
    """The client's whole record as JSON data and the evaluation it was read from (inside an
    open unit of work)."""
    client = uow.clients.get(client_id)
    current = uow.intakes.current(client_id)
    checkins = uow.checkins.for_client(client_id)  # read once, for the program and the list
    edits = uow.edits.for_client(client_id)
    evaluation = _evaluation(uow, current, checkins, edits)
    program = evaluation.program
    record = {
        "id": client.id,
        "name": client.name,
        "created_at": _moment(client.created_at),
        "coaches": list(client.coaches),
        "intake": {"version": current.version, "document": current.document},
        "intake_versions": _versions(uow, client_id),
        "program_starts": _start(current).isoformat(),
        "program_suspended": program is None,
        "referral": (
            evaluation.assessment.referral.to_json()
            if evaluation.assessment.referral is not None
            else None
        ),
        "program": program.to_json() if program is not None else None,
        **_history(uow, client_id, checkins, edits),
    }
    return record, evaluation


def client_record(uow: UnitOfWork, client_id: str, /) -> dict[str, Any]:
    """A stored client's whole record as JSON data: who she is, the current intake and every
    version, the check-ins, the coach's edits, the program now and every program shown.
    The same records give the same bytes (a restored database prints the same)."""
    with uow:
        record, _ = _record(uow, client_id)
        uow.audit.record("client.read", client_id=client_id)
        uow.commit()
    return record


@dataclass(frozen=True)
class ClientRead:
    """What the coach's page of one client shows: her record (:func:`client_record`), the
    evaluation it was read from, and the program changes waiting for the coach."""

    record: dict[str, Any]
    evaluation: Evaluation
    proposals: tuple[Proposal, ...]


def read_client(uow: UnitOfWork, client_id: str, /) -> ClientRead:
    """A stored client's record, its evaluation and her open proposals, read in one
    transaction (audited as one read)."""
    with uow:
        record, evaluation = _record(uow, client_id)
        proposals = tuple(uow.proposals.open(client_id))
        uow.audit.record("client.read", client_id=client_id)
        uow.commit()
    return ClientRead(record, evaluation, proposals)
