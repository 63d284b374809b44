"""The program editor and the what-if of one client, as pages and in the JSON API.

An edit is tried as the coach chooses (the minutes against her budget, or the reason it is
refused, update in place with HTMX) and kept only when she applies it; every edit carries an
optional reason and joins the history. The what-if runs the chain over another shoe or gait.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts import Action
from kinchain.errors import EditError, InputError
from kinchain.services.editor import edit_from_form, editor_view, try_edit
from kinchain.services.records import add_edit, evaluation_of
from kinchain.services.whatif import (
    STEP_RATE_RANGE,
    STRIDE_RANGE,
    client_what_if,
)
from kinchain.web.deps import Uow
from kinchain.web.pages import render
from kinchain.web.rules import client_rule

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["clients"])

Json = dict[str, Any]


def _editor(request: Request, uow: Uow, client_id: str, *, status: int = 200,
            refused: dict[str, str] | None = None, fragment: bool = False) -> Response:
    with uow:
        name = uow.clients.get(client_id).name
        evaluation = evaluation_of(uow, client_id)
        history = [e.document for e in uow.edits.for_client(client_id)]
    view = editor_view(evaluation)
    return render(request, "_editor_body.html" if fragment else "editor.html", status=status,
                  client_id=client_id, client_name=name, view=view, refused=refused or {},
                  history=list(reversed(history)))


@router.get("/clients/{client_id}/program/edit")
@client_rule(Action.EDIT_PROGRAM)
def program_editor(request: Request, client_id: str, uow: Uow) -> Response:
    return _editor(request, uow, client_id)


def _posted(data: Any) -> dict[str, str]:
    return {k: str(v) for k, v in data.items() if isinstance(v, str)}


@router.post("/clients/{client_id}/program/try")
@client_rule(Action.EDIT_PROGRAM)
async def program_try(request: Request, client_id: str, uow: Uow) -> Response:
    """An edit tried, not kept: the minutes it would give against her budget, or why not."""
    posted = _posted(await request.form())
    with uow:
        evaluation = evaluation_of(uow, client_id)
        tried = try_edit(uow, evaluation, edit_from_form(posted, evaluation.built))
    return render(request, "_editor_tried.html", tried=tried, target=posted.get("exercise", ""))


@router.post("/clients/{client_id}/program/edits")
@client_rule(Action.EDIT_PROGRAM)
async def program_edit(request: Request, client_id: str, uow: Uow) -> Response:
    posted = _posted(await request.form())
    htmx = bool(request.headers.get("hx-request"))
    built = None
    if posted.get("op") in ("up", "down"):  # a move is saved as the place it moves to
        with uow:
            built = evaluation_of(uow, client_id).built
    try:
        add_edit(uow, client_id, edit_from_form(posted, built))
    except EditError as e:  # shown beside the item, nothing stored
        where = posted.get("exercise") or "add"
        return _editor(request, uow, client_id, status=200 if htmx else 422,
                       refused={where: str(e)}, fragment=htmx)
    if htmx:
        return _editor(request, uow, client_id, fragment=True)
    return RedirectResponse(f"/clients/{client_id}/program/edit", status_code=303)


def _number(raw: str | None, name: str) -> float:
    text = (raw or "0").strip().replace(",", ".").rstrip("%") or "0"
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{name}: expected a number of percent; received {raw!r}") from None


@router.get("/clients/{client_id}/whatif")
@client_rule(Action.READ_CLINICAL_RECORD)
def whatif_page(request: Request, client_id: str, uow: Uow, shoe: str = "usual",
                step_rate_pct: str = "0", stride_length_pct: str = "0") -> Response:
    rate = _number(step_rate_pct, "step_rate_pct")
    stride = _number(stride_length_pct, "stride_length_pct")
    answer = client_what_if(uow, client_id, shoe=shoe, step_rate_pct=rate,
                            stride_length_pct=stride)
    with uow:
        client = uow.clients.get(client_id)
    template = "_whatif_answer.html" if request.headers.get("hx-request") else "whatif.html"
    return render(request, template, client=client, answer=answer, options=answer.options,
                  shoe=shoe, rate=rate, stride=stride, rate_range=STEP_RATE_RANGE,
                  stride_range=STRIDE_RANGE)


EditBody = Annotated[Json, Body(description="One edit: kind (replace, remove, add, reorder, "
                                "dose, pause), exercise, and replacement, position, minutes, "
                                "targets or why as the kind needs.")]
WhatIfBody = Annotated[Json, Body(description="shoe (a key of the what-if's shoes, default "
                                  "usual), step_rate_pct, stride_length_pct")]


@api.post("/clients/{client_id}/program/edits", status_code=201,
          summary="Keep one coach's edit of the program")
@client_rule(Action.EDIT_PROGRAM)
def api_program_edit(client_id: str, uow: Uow, edit: EditBody) -> Json:
    shown = add_edit(uow, client_id, {k: v for k, v in edit.items() if k not in ("who", "when")})
    return {"id": client_id, "program": shown.program if shown is not None else None}


@api.post("/clients/{client_id}/whatif", summary="Loads per activity and side, today and "
          "changed, and the weakest link before -> after")
@client_rule(Action.READ_CLINICAL_RECORD)
def api_whatif(client_id: str, uow: Uow, change: WhatIfBody) -> Json:
    shoe = change.get("shoe") or "usual"
    if not isinstance(shoe, str):
        raise InputError(f"shoe: expected a shoe's key as text; received {shoe!r}")
    answer = client_what_if(uow, client_id, shoe=shoe,
                            step_rate_pct=change.get("step_rate_pct", 0.0),
                            stride_length_pct=change.get("stride_length_pct", 0.0))
    return answer.to_json()
