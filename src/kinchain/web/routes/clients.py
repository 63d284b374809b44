"""A client's pages: her record, her report (HTML and PDF), and a new client from a file."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts import Action
from kinchain.errors import InputError, NotFoundError
from kinchain.services.records import evaluation_of, import_client, read_client
from kinchain.services.report import Document
from kinchain.web.client_view import client_page_view, report_document
from kinchain.web.deps import CurrentViewer, Uow
from kinchain.web.pages import render
from kinchain.web.rules import client_rule, practice_rule
from kinchain.web.security import REPORT_CSP

router = APIRouter(include_in_schema=False)

#: the largest intake file the web accepts (an intake is a few kB)
MAX_UPLOAD = 512 * 1024


@router.get("/clients/{client_id}")
@client_rule(Action.READ_CLINICAL_RECORD)
def client_page(request: Request, client_id: str, uow: Uow) -> Response:
    read = read_client(uow, client_id)  # one transaction: the record and its evaluation
    return render(request, "client.html", record=read.record,
                  page=client_page_view(read.evaluation, read.record),
                  proposals=list(read.proposals))


@router.post("/clients/{client_id}/proposals/{proposal_id}")
@client_rule(Action.APPROVE_PROPOSAL)
def decide(client_id: str, proposal_id: str, uow: Uow,
           decision: Annotated[str, Form(pattern="^(accept|decline)$")]) -> Response:
    from kinchain.services.lifecycle import decide_proposal

    with uow:  # the proposal must be this client's: another's is not found
        if proposal_id not in {p.id for p in uow.proposals.open(client_id)}:
            raise NotFoundError(f"proposal: no open proposal {proposal_id!r} for this client")
    decide_proposal(uow, proposal_id, accepted=decision == "accept")
    return RedirectResponse(f"/clients/{client_id}", status_code=303)


@router.get("/clients/{client_id}/report")
@client_rule(Action.READ_CLINICAL_RECORD)
def client_report(client_id: str, uow: Uow) -> Response:
    with uow:
        evaluation = evaluation_of(uow, client_id)
        uow.audit.record("report.read", client_id=client_id)
        uow.commit()
    return Response(report_document(evaluation, client_id=client_id),
                    media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": REPORT_CSP})


def _download(uow: Uow, client_id: str, kind: Document, suffix: str) -> Response:
    """One of the report's PDFs as a download, its reading recorded in the audit log."""
    with uow:
        evaluation = evaluation_of(uow, client_id)
        uow.audit.record("report.download", client_id=client_id,
                         detail="" if kind == "pdf" else kind)  # fmt: skip
        uow.commit()
    name = "".join(ch for ch in evaluation.intake.client.name if ch.isalnum()) or "client"
    return Response(report_document(evaluation, client_id=client_id, kind=kind),
                    media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}-{suffix}.pdf"'})


@router.get("/clients/{client_id}/report.pdf")
@client_rule(Action.READ_CLINICAL_RECORD)
def client_report_pdf(client_id: str, uow: Uow) -> Response:
    return _download(uow, client_id, "pdf", "report")


@router.get("/clients/{client_id}/handout.pdf")
@client_rule(Action.READ_CLINICAL_RECORD)
def client_handout_pdf(client_id: str, uow: Uow) -> Response:
    return _download(uow, client_id, "handout", "handout")


@router.get("/clients/{client_id}/summary.pdf")
@client_rule(Action.READ_CLINICAL_RECORD)
def client_summary_pdf(client_id: str, uow: Uow) -> Response:
    return _download(uow, client_id, "summary", "summary")


@router.post("/clients")
@practice_rule(Action.ADD_CLIENT)
async def add_client(viewer: CurrentViewer, uow: Uow,
                     intake: Annotated[UploadFile, File()]) -> Response:
    from kinchain.intake.files import parse_text

    raw = await intake.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD:
        raise InputError(f"intake: a file of at most {MAX_UPLOAD // 1024} kB; received more")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("intake: expected a YAML or JSON text file in UTF-8; received "
                         "something else") from None
    name = intake.filename or "intake"
    data = parse_text(text, source=name, json_format=name.lower().endswith(".json") or None)
    done = import_client(uow, data, source=name, coaches=(viewer.user.id,)
                         if "coach" in viewer.user.role.split() else ())
    return RedirectResponse(f"/clients/{done.client.id}", status_code=303)
