"""FHIR over the stored records: a client's record exported as one Bundle, and a Bundle from a
clinical system imported as a new client (only once its intake validates)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinchain.errors import IntakeError
from kinchain.program import parse_checkin
from kinchain.services.records import Imported, evaluation_of, import_client
from kinchain.services.uow import UnitOfWork
from kinchain.services.versions import knowledge_hash

__all__ = ["FhirImport", "fhir_export", "fhir_import"]


def _coach(uow: UnitOfWork, client_id: str) -> tuple[str, str]:
    coaches = uow.clients.get(client_id).coaches
    if not coaches:
        return uow.practice.id, uow.practice.name
    user = uow.users.get(coaches[0])
    return user.id, user.email


def fhir_export(uow: UnitOfWork, client_id: str, /, *, release: str = "R4B",
                transaction: bool = False) -> dict[str, Any]:
    """The client's record as a FHIR Bundle of ``release`` (validated before it is returned)."""
    from kinchain.fhir import Coach, Practice, export_bundle

    with uow:
        evaluation = evaluation_of(uow, client_id)
        coach_id, coach_name = _coach(uow, client_id)
        checkins = [parse_checkin(c.document, source=c.id, today=c.date)
                    for c in uow.checkins.for_client(client_id)]
        bundle = export_bundle(
            evaluation, release=release,  # type: ignore[arg-type]
            practice=Practice(uow.practice.id, uow.practice.name),
            coach=Coach(coach_id, coach_name), checkins=checkins,
            as_of=uow.now().date(), knowledge_hash=knowledge_hash(), transaction=transaction,
        )
        uow.audit.record("fhir.export", client_id=client_id, detail=release)
        uow.commit()
    return bundle


@dataclass(frozen=True)
class FhirImport:
    unmapped: tuple[str, ...]  # what the Bundle held that kinchain could not read
    imported: Imported | None  # None: the intake did not validate, nothing was stored
    problems: tuple[str, ...] = ()


def fhir_import(uow: UnitOfWork, data: Any, /, *, release: str = "R4B",
                source: str = "FHIR Bundle") -> FhirImport:
    """A new client from a Bundle; nothing is stored unless the intake it gives validates."""
    from kinchain.fhir import import_bundle

    draft, unmapped = import_bundle(data, release=release)
    try:
        done = import_client(uow, draft, source=source, reason="imported from FHIR")
    except IntakeError as e:
        return FhirImport(tuple(unmapped), None, tuple(str(p) for p in e.problems))
    return FhirImport(tuple(unmapped), done)
