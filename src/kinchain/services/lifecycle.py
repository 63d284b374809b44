"""The use cases of a record's life beyond the program: consent, erasure on request, and the
coach's decisions on program changes that a knowledge update proposes.

A knowledge update (a new exercise library, new rules) never swaps a client's program silently:
each client whose program would differ gets a proposal the coach accepts or declines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinchain.errors import ConflictError, InputError
from kinchain.records import Consent, Proposal
from kinchain.services.memo import forget_client
from kinchain.services.records import evaluation_of, show_program
from kinchain.services.uow import UnitOfWork
from kinchain.services.versions import KINCHAIN_VERSION, knowledge_hash

__all__ = [
    "KnowledgeCheck",
    "decide_proposal",
    "erase_client",
    "propose_knowledge_updates",
    "record_consent",
]

TOPICS = ("health_data", "reminders", "share_with_clinician")
ADULT_AGE = 18


def record_consent(uow: UnitOfWork, client_id: str, topic: str, granted: bool, /, *, how: str,
                   clinician: str | None = None, guardian: str | None = None) -> Consent:
    """Keep what a client agreed to (or withdrew), when and how. A client under 18 needs the
    guardian who consents named; sharing names the clinician."""
    if topic not in TOPICS:
        raise InputError(f"consent.topic: expected one of {', '.join(TOPICS)}; received {topic!r}")
    if topic == "share_with_clinician" and granted and not (clinician or "").strip():
        raise InputError("consent.clinician: sharing needs the clinician's name; received none")
    with uow:
        intake = uow.intakes.current(client_id).document
        birth_year = int(intake.get("client", {}).get("birth_year", 0) or 0)
        minor = birth_year and uow.now().year - birth_year < ADULT_AGE
        if minor and not (guardian or "").strip():
            raise InputError(f"consent.guardian: the client was born in {birth_year}, under "
                             f"{ADULT_AGE}: name the guardian who consents; received none")
        consent = Consent(client_id, topic, granted, uow.now(), how, uow.actor,  # type: ignore[arg-type]
                          clinician, guardian)
        uow.consents.add(consent)
        uow.audit.record("consent.record", client_id=client_id,
                         detail=f"{topic} {'granted' if granted else 'withdrawn'}")
        uow.commit()
    return consent


def _last_contact(uow: UnitOfWork, client_id: str) -> dt.date:
    dates = [v.saved_at.date() for v in uow.intakes.history(client_id)]
    dates += [c.date for c in uow.checkins.for_client(client_id)]
    dates += [t.day for t in uow.ticks.for_client(client_id)]
    return max(dates)


def erase_client(uow: UnitOfWork, client_id: str, /, *, confirmed_by: str) -> None:
    """Erase a client's personal data on her confirmed request: the one sanctioned removal.
    Refused while the practice's retention duty still binds (its ``retention_years`` after the
    last contact); the audit log keeps that the erasure happened, without her data. Her entries
    leave every in-memory memo of this process (evaluations, parsed check-ins, plots, reports)."""
    with uow:
        last = _last_contact(uow, client_id)
        years = uow.practice.retention_years
        until = last.replace(year=last.year + years) if years else last
        if uow.now().date() < until and years:
            raise ConflictError(f"erasure: the practice keeps records {years} year(s) after the "
                                f"last contact ({last.isoformat()}); erasure is possible from "
                                f"{until.isoformat()}")
        uow.clients.erase(client_id, confirmed_by=confirmed_by)
        uow.audit.record("client.erase", client_id=client_id,
                         detail=f"personal data erased on a request confirmed by {confirmed_by}")
        uow.commit()
    forget_client(client_id)  # nor kept in this process's memos until they are pushed out


@dataclass(frozen=True)
class KnowledgeCheck:
    checked: int
    proposed: tuple[Proposal, ...]


def propose_knowledge_updates(uow: UnitOfWork, /) -> KnowledgeCheck:
    """After the knowledge changed: a proposal for each client whose program would now differ
    from the one she was last shown (once per client and knowledge version)."""
    made: list[Proposal] = []
    with uow:
        ids = uow.clients.ids()
        for client_id in ids:
            shown = uow.programs.history(client_id)
            if not shown or shown[-1].knowledge_hash == knowledge_hash():
                continue
            if any(p.because == "knowledge" for p in uow.proposals.open(client_id)):
                continue
            program = evaluation_of(uow, client_id).program
            if program is None or program.to_json() == shown[-1].program:
                continue
            made.append(uow.proposals.add(
                client_id, program.to_json(), because="knowledge",
                summary="the exercise library or its rules changed; her program would change",
                kinchain_version=KINCHAIN_VERSION, knowledge_hash=knowledge_hash()))
        uow.audit.record("knowledge.check", detail=f"{len(made)} proposal(s) for {len(ids)}")
        uow.commit()
    return KnowledgeCheck(len(ids), tuple(made))


def decide_proposal(uow: UnitOfWork, proposal_id: str, /, *, accepted: bool) -> Proposal:
    """The coach accepts (the client is shown the proposed program) or declines a proposal."""
    with uow:
        proposal = uow.proposals.decide(proposal_id, accepted=accepted)
        if accepted:
            show_program(uow, proposal.client_id, evaluation_of(uow, proposal.client_id),
                         "knowledge")
        uow.audit.record("proposal.decide", client_id=proposal.client_id,
                         detail=f"{proposal_id} {'accepted' if accepted else 'declined'}")
        uow.commit()
    return proposal
