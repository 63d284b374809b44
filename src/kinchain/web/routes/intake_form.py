"""The intake form: a new client, or a new intake version of one, a section at a time.

What the coach types is kept as a draft (never a version) on every change; reopening the form
restores the latest draft. "Save" checks the whole intake with the one validation, keeps a new
version and shows what changed in the assessment. A file can still be imported into the form.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts import Action
from kinchain.errors import InputError, IntakeError, Problem
from kinchain.services.changes import assessment_changes
from kinchain.services.intake import validate_intake
from kinchain.services.lifecycle import TOPICS, record_consent
from kinchain.services.records import evaluation_of, import_client, save_intake
from kinchain.web import intake_form as form_model
from kinchain.web.deps import CurrentViewer, Uow
from kinchain.web.pages import render
from kinchain.web.rules import client_rule, practice_rule

router = APIRouter(include_in_schema=False)

Document = dict[str, Any]
MAX_UPLOAD = 512 * 1024


def _base(client_id: str | None) -> str:
    return f"/clients/{client_id}/intake" if client_id else "/clients/new/intake"


def _current(uow: Uow, viewer: CurrentViewer, client_id: str | None) -> tuple[Document, bool]:
    """The document the form shows: the latest draft when it is as new as the stored
    version (or there is none), else the stored version; and whether it is a draft."""
    with uow:
        draft = uow.drafts.latest(viewer.user.id, client_id)
        if client_id is None:
            return (dict(draft.document) if draft else {}), draft is not None
        stored = uow.intakes.current(client_id)
    if draft is not None and draft.saved_at >= stored.saved_at and draft.document:
        return dict(draft.document), True
    return dict(stored.document), False


def _problems(doc: Document) -> list[Problem]:
    if not doc:
        return []
    try:
        validate_intake(doc, source="the form")
    except IntakeError as e:
        return e.problems
    return []


def _keep_draft(uow: Uow, viewer: CurrentViewer, client_id: str | None, doc: Document) -> None:
    with uow:
        latest = uow.drafts.latest(viewer.user.id, client_id)
        if latest is None or latest.document != doc:
            uow.drafts.save(viewer.user.id, client_id, doc)
            uow.commit()


def _touched(doc: Document, key: str) -> bool:
    return key in doc or (key == "client" and bool(doc))


def _page(request: Request, uow: Uow, client_id: str | None, doc: Document, key: str, *,
          is_draft: bool, status: int = 200, banner: list[Problem] | None = None) -> Response:
    problems = _problems(doc)
    counts: dict[str, int] = {}
    for p in problems:
        counts[form_model.section_of(p.path)] = counts.get(form_model.section_of(p.path), 0) + 1
    shown = problems if _touched(doc, key) or banner else []
    name = None
    consents: list[Any] = []
    if client_id is not None:
        with uow:
            name = uow.clients.get(client_id).name
            consents = uow.consents.for_client(client_id)
    sec = form_model.section(key)
    return render(request, "intake_form.html", status=status, base=_base(client_id),
                  client_id=client_id, client_name=name, doc=doc, sec=sec,
                  sections=form_model.SECTIONS, counts=counts, is_draft=is_draft,
                  by_slot=form_model.problems_by_slot(doc, sec.key, shown), fm=form_model,
                  psfs=form_model.PSFS, banner=banner or [], consents=consents, topics=TOPICS)


def _form(data: FormData) -> dict[str, str]:
    return {k: str(v) for k, v in data.items() if isinstance(v, str)}


def _merged(doc: Document, posted: dict[str, str]) -> tuple[Document, str]:
    key = posted.get("section", "client")
    action = posted.get("action", "")
    remove = int(action[7:]) if action.startswith("remove:") and action[7:].isdigit() else None
    merged = form_model.merge_section(doc, key, posted, add_row=action == "add",
                                      remove_row=remove)
    return merged, key


def _show(request: Request, viewer: CurrentViewer, uow: Uow, client_id: str | None,
          section: str) -> Response:
    doc, is_draft = _current(uow, viewer, client_id)
    return _page(request, uow, client_id, doc, section, is_draft=is_draft)


async def _draft(request: Request, viewer: CurrentViewer, uow: Uow,
                 client_id: str | None) -> Response:
    """Keep what the coach typed as a draft; answer with each field's message (HTMX swaps
    them in place) or, without JavaScript, the form again."""
    posted = _form(await request.form())
    doc, _ = _current(uow, viewer, client_id)
    merged, key = _merged(doc, posted)
    _keep_draft(uow, viewer, client_id, merged)
    if not request.headers.get("hx-request"):
        return RedirectResponse(f"{_base(client_id)}?section={key}", status_code=303)
    sec = form_model.section(key)
    by_slot = form_model.problems_by_slot(merged, key, _problems(merged))
    with uow:
        saved = uow.now()
    return render(request, "_intake_draft.html", sec=sec, by_slot=by_slot, fm=form_model,
                  doc=merged, psfs=form_model.PSFS, saved=saved)


async def _section(request: Request, viewer: CurrentViewer, uow: Uow,
                   client_id: str | None) -> Response:
    """A row added or removed, or the move to another section: the draft kept, the form again."""
    posted = _form(await request.form())
    doc, _ = _current(uow, viewer, client_id)
    merged, key = _merged(doc, posted)
    _keep_draft(uow, viewer, client_id, merged)
    go = posted.get("go") or key
    return RedirectResponse(f"{_base(client_id)}?section={go}", status_code=303)


async def _save(request: Request, viewer: CurrentViewer, uow: Uow,
                client_id: str | None) -> Response:
    posted = _form(await request.form())
    doc, _ = _current(uow, viewer, client_id)
    merged, _ = _merged(doc, posted)
    _keep_draft(uow, viewer, client_id, merged)
    problems = _problems(merged) if merged else [Problem("client", "required, but missing")]
    if problems:
        first = form_model.section_of(problems[0].path)
        return _page(request, uow, client_id, merged, first, is_draft=True, status=422,
                     banner=problems)
    reason = posted.get("reason", "").strip()[:200] or None
    coaches = (viewer.user.id,) if "coach" in viewer.user.role.split() else ()
    before = None
    if client_id is None:
        done = import_client(uow, merged, source="the intake form", reason=reason,
                             coaches=coaches)
        with uow:
            uow.drafts.save(viewer.user.id, None, {})  # the new-client form starts empty again
            uow.commit()
    else:
        with uow:
            before = evaluation_of(uow, client_id)
        done = save_intake(uow, client_id, merged, source="the intake form", reason=reason)
    with uow:
        after = evaluation_of(uow, done.client.id)
    return render(request, "intake_saved.html", client=done.client, version=done.intake.version,
                  changes=assessment_changes(before, after), new=before is None)


async def _import(viewer: CurrentViewer, uow: Uow, client_id: str | None,
                  upload: UploadFile) -> Response:
    """A YAML or JSON intake file read into the form as a draft, to check and save."""
    from kinchain.intake.files import parse_text

    raw = await upload.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD:
        raise InputError(f"intake: a file of at most {MAX_UPLOAD // 1024} kB; received more")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("intake: expected a YAML or JSON text file in UTF-8; received "
                         "something else") from None
    name = upload.filename or "intake"
    data = parse_text(text, source=name, json_format=name.lower().endswith(".json") or None)
    if not isinstance(data, dict):
        raise InputError(f"intake: expected a mapping of sections; received "
                         f"{type(data).__name__}")
    _keep_draft(uow, viewer, client_id, data)
    return RedirectResponse(f"{_base(client_id)}?section=client", status_code=303)


Upload = Annotated[UploadFile, File()]


@router.get("/clients/new/intake")
@practice_rule(Action.ADD_CLIENT)
def new_intake(request: Request, viewer: CurrentViewer, uow: Uow,
               section: str = "client") -> Response:
    return _show(request, viewer, uow, None, section)


@router.post("/clients/new/intake/draft")
@practice_rule(Action.ADD_CLIENT)
async def new_intake_draft(request: Request, viewer: CurrentViewer, uow: Uow) -> Response:
    return await _draft(request, viewer, uow, None)


@router.post("/clients/new/intake/section")
@practice_rule(Action.ADD_CLIENT)
async def new_intake_section(request: Request, viewer: CurrentViewer, uow: Uow) -> Response:
    return await _section(request, viewer, uow, None)


@router.post("/clients/new/intake/save")
@practice_rule(Action.ADD_CLIENT)
async def new_intake_save(request: Request, viewer: CurrentViewer, uow: Uow) -> Response:
    return await _save(request, viewer, uow, None)


@router.post("/clients/new/intake/import")
@practice_rule(Action.ADD_CLIENT)
async def new_intake_import(viewer: CurrentViewer, uow: Uow, intake: Upload) -> Response:
    return await _import(viewer, uow, None, intake)


@router.get("/clients/{client_id}/intake")
@client_rule(Action.CHANGE_INTAKE)
def client_intake(request: Request, client_id: str, viewer: CurrentViewer, uow: Uow,
                  section: str = "client") -> Response:
    return _show(request, viewer, uow, client_id, section)


@router.post("/clients/{client_id}/intake/draft")
@client_rule(Action.CHANGE_INTAKE)
async def client_intake_draft(request: Request, client_id: str, viewer: CurrentViewer,
                              uow: Uow) -> Response:
    return await _draft(request, viewer, uow, client_id)


@router.post("/clients/{client_id}/intake/section")
@client_rule(Action.CHANGE_INTAKE)
async def client_intake_section(request: Request, client_id: str, viewer: CurrentViewer,
                                uow: Uow) -> Response:
    return await _section(request, viewer, uow, client_id)


@router.post("/clients/{client_id}/intake/save")
@client_rule(Action.CHANGE_INTAKE)
async def client_intake_save(request: Request, client_id: str, viewer: CurrentViewer,
                             uow: Uow) -> Response:
    return await _save(request, viewer, uow, client_id)


@router.post("/clients/{client_id}/intake/import")
@client_rule(Action.CHANGE_INTAKE)
async def client_intake_import(client_id: str, viewer: CurrentViewer, uow: Uow,
                               intake: Upload) -> Response:
    return await _import(viewer, uow, client_id, intake)


@router.post("/clients/{client_id}/consent")
@client_rule(Action.RECORD_CONSENT)
async def client_consent(request: Request, client_id: str, uow: Uow) -> Response:
    posted = _form(await request.form())
    granted = posted.get("granted", "")
    if granted not in ("yes", "no"):
        raise InputError(f"consent.granted: expected yes or no; received {granted!r}")
    record_consent(uow, client_id, posted.get("topic", ""), granted == "yes",
                   how=posted.get("how", "").strip() or "web form",
                   clinician=posted.get("clinician") or None,
                   guardian=posted.get("guardian") or None)
    return RedirectResponse(f"/clients/{client_id}/intake?section=consent", status_code=303)
