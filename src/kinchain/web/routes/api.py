"""The JSON API, ``/api/v1/``: the same use cases as the pages, for integrations and tests.
Authenticated by a personal access token (``Authorization: Bearer ...``; ``kinchain token
add``). A client of another practice, or one the user may not see, answers 404."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Query
from starlette.requests import Request

from kinchain.accounts import Action
from kinchain.services.assessment import assessment_json
from kinchain.services.records import (
    add_checkin,
    client_page,
    client_record,
    evaluation_of,
    import_client,
    save_intake,
)
from kinchain.web.deps import CurrentViewer, Uow, coach_filter
from kinchain.web.rules import client_rule, practice_rule

router = APIRouter(prefix="/api/v1", tags=["clients"])

Json = dict[str, Any]
IntakeBody = Annotated[Json, Body(description="An intake, as in docs/intake.md.")]
CheckinBody = Annotated[Json, Body(description="A check-in, as in docs/program.md.")]


@router.get("/clients", summary="The clients the user sees, by name, a page at a time")
@practice_rule(Action.LIST_CLIENTS)
def list_clients(viewer: CurrentViewer, uow: Uow,
                 offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Json:
    page = client_page(uow, offset=offset, limit=limit,
                       coach=coach_filter(viewer))
    return {"total": page.total, "offset": page.offset, "clients": [
        {"id": c.id, "name": c.name, "pain_trend": list(c.pains),
         "last_checkin": c.last_checkin.isoformat() if c.last_checkin else None}
        for c in page.clients]}


@router.post("/clients", status_code=201, summary="A new client from an intake")
@practice_rule(Action.ADD_CLIENT)
def create_client(viewer: CurrentViewer, uow: Uow, intake: IntakeBody) -> Json:
    coaches = (viewer.user.id,) if "coach" in viewer.user.role.split() else ()
    done = import_client(uow, intake, source="request body", coaches=coaches)
    return {"id": done.client.id, "name": done.client.name, "intake_version": 1}


@router.get("/clients/{client_id}", summary="A client's whole record")
@client_rule(Action.READ_CLINICAL_RECORD)
def get_client(client_id: str, uow: Uow) -> Json:
    return client_record(uow, client_id)


@router.get("/clients/{client_id}/intake", summary="Every intake version")
@client_rule(Action.READ_CLINICAL_RECORD)
def get_intake(client_id: str, uow: Uow) -> Json:
    with uow:
        versions = uow.intakes.history(client_id)
        uow.audit.record("intake.read", client_id=client_id)
        uow.commit()
    return {"versions": [{"version": v.version, "saved_at": v.saved_at.isoformat(),
                          "saved_by": v.saved_by, "reason": v.reason, "document": v.document}
                         for v in versions]}


@router.post("/clients/{client_id}/intake", status_code=201, summary="Save a new intake version")
@client_rule(Action.CHANGE_INTAKE)
def post_intake(client_id: str, uow: Uow, intake: IntakeBody,
                reason: str | None = None) -> Json:
    done = save_intake(uow, client_id, intake, source="request body", reason=reason)
    return {"id": client_id, "intake_version": done.intake.version}


@router.get("/clients/{client_id}/assessment", summary="The assessment, as kinchain assess --json")
@client_rule(Action.READ_CLINICAL_RECORD)
def get_assessment(client_id: str, uow: Uow) -> Json:
    with uow:
        evaluation = evaluation_of(uow, client_id)
        uow.audit.record("assessment.read", client_id=client_id)
        uow.commit()
    return assessment_json(evaluation)


@router.get("/clients/{client_id}/program", summary="The program now")
@client_rule(Action.READ_CLINICAL_RECORD)
def get_program(client_id: str, uow: Uow) -> Json:
    record = client_record(uow, client_id)
    return {"program_suspended": record["program_suspended"], "referral": record["referral"],
            "program_starts": record["program_starts"], "program": record["program"]}


@router.get("/clients/{client_id}/checkins", summary="The stored check-ins")
@client_rule(Action.READ_CLINICAL_RECORD)
def get_checkins(client_id: str, uow: Uow) -> Json:
    return {"checkins": client_record(uow, client_id)["checkins"]}


@router.post("/clients/{client_id}/checkins", status_code=201, summary="Store a check-in")
@client_rule(Action.ADD_CHECKIN)
def post_checkin(request: Request, client_id: str, uow: Uow, checkin: CheckinBody,
                 idempotency_key: Annotated[str | None, Header(max_length=200)] = None) -> Json:
    added = add_checkin(uow, client_id, checkin, key=idempotency_key, source="request body")
    if not added.new:
        request.state.replayed = True
    return {"id": added.checkin_id, "new": added.new, "changes": added.changes()}


@router.get("/clients/{client_id}/history", summary="Versions, edits, check-ins, programs shown")
@client_rule(Action.READ_CLINICAL_RECORD)
def get_history(client_id: str, uow: Uow) -> Json:
    record = client_record(uow, client_id)
    keys = ("intake_versions", "checkins", "edits", "shown")
    return {k: record[k] for k in keys}


@router.get("/clients/{client_id}/fhir", summary="The record as one FHIR Bundle (R4B or R5)")
@client_rule(Action.EXPORT_FHIR)
def get_fhir(client_id: str, uow: Uow, release: str = "R4B") -> Json:
    from kinchain.services.fhir_records import fhir_export

    return fhir_export(uow, client_id, release=release)
