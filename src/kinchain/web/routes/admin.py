"""The practice admin's pages: the accounts (coaches, admins, client users) and their roles,
invitations by single-use link, coach assignments, disabling an account, the audit log and the
practice's settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts import Action, ClientRecord, require
from kinchain.services import accounts as service
from kinchain.services.accounts import IssuedLink
from kinchain.web.deps import CurrentViewer, Uow
from kinchain.web.mailer import base_url, deliver, smtp_config
from kinchain.web.pages import render
from kinchain.web.rules import client_rule, practice_rule

router = APIRouter(include_in_schema=False, prefix="/admin")

UserId = Annotated[str, Form(max_length=40)]


def _accounts_page(request: Request, uow: Uow, *, issued: IssuedLink | None = None,
                   issued_what: str = "") -> Response:
    overview = service.admin_overview(uow)
    names = {c.id: c.name for c in overview.clients}
    coaches = [u for u in overview.users if "coach" in u.role.split() and not u.disabled_at]
    assigned: dict[str, list[str]] = {}
    for client_id, user_id in overview.assignments:
        assigned.setdefault(client_id, []).append(user_id)
    emails = {u.id: u.email for u in overview.users}
    response = render(request, "admin_accounts.html", overview=overview, names=names,
                      coaches=coaches, assigned=assigned, emails=emails, issued=issued,
                      issued_what=issued_what,
                      mail=smtp_config(request.app.state.settings) is not None)
    if issued is not None and not issued.mailed:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _mail_later(request: Request, background: BackgroundTasks, viewer: CurrentViewer) -> bool:
    config = smtp_config(request.app.state.settings)
    if config is not None:
        background.add_task(deliver, request.app.state.db, viewer.practice, config)
    return config is not None


@router.get("")
@practice_rule(Action.MANAGE_USERS)
def admin_home() -> Response:
    return RedirectResponse("/admin/accounts", status_code=303)


@router.get("/accounts")
@practice_rule(Action.MANAGE_USERS)
def accounts_page(request: Request, uow: Uow) -> Response:
    return _accounts_page(request, uow)


@router.post("/invitations")
@practice_rule(Action.MANAGE_USERS)
def invite(request: Request, viewer: CurrentViewer, uow: Uow, background: BackgroundTasks,
           email: Annotated[str, Form(max_length=320)], role: Annotated[str, Form(max_length=20)],
           client_id: Annotated[str | None, Form(max_length=40)] = None) -> Response:
    if role == "client" and client_id:
        require(viewer.principal, Action.INVITE_CLIENT,
                ClientRecord(practice_id=viewer.practice.id, client_id=client_id))
    mail = smtp_config(request.app.state.settings) is not None
    issued = service.invite(uow, email, role, client_id=client_id if role == "client" else None,
                            base_url=base_url(request), mail=mail)
    _mail_later(request, background, viewer)
    return _accounts_page(request, uow, issued=issued, issued_what="invitation")


@router.post("/accounts/disable")
@practice_rule(Action.MANAGE_USERS)
def disable(uow: Uow, user_id: UserId) -> Response:
    service.set_disabled(uow, user_id, True)
    return RedirectResponse("/admin/accounts", status_code=303)


@router.post("/accounts/enable")
@practice_rule(Action.MANAGE_USERS)
def enable(uow: Uow, user_id: UserId) -> Response:
    service.set_disabled(uow, user_id, False)
    return RedirectResponse("/admin/accounts", status_code=303)


@router.post("/accounts/reset")
@practice_rule(Action.MANAGE_USERS)
def reset_link(request: Request, viewer: CurrentViewer, uow: Uow, background: BackgroundTasks,
               user_id: UserId) -> Response:
    """A password-reset link for one of the practice's accounts: e-mailed, or shown here."""
    with uow:
        user = uow.users.get(user_id)
    mail = smtp_config(request.app.state.settings) is not None
    issued = service.issue_reset(uow, user.email, base_url=base_url(request), mail=mail)
    if issued is None:
        from kinchain.errors import ConflictError

        raise ConflictError(f"account: {user_id!r} is disabled; enable it first")
    _mail_later(request, background, viewer)
    return _accounts_page(request, uow, issued=issued, issued_what="password reset")


@router.post("/accounts/second-factor/remove")
@practice_rule(Action.MANAGE_USERS)
def remove_second_factor(uow: Uow, user_id: UserId) -> Response:
    service.remove_second_factor(uow, user_id)
    return RedirectResponse("/admin/accounts", status_code=303)


@router.post("/clients/{client_id}/coaches")
@client_rule(Action.ASSIGN_COACHES)
def assign(client_id: str, uow: Uow, user_id: UserId) -> Response:
    service.assign_coach(uow, client_id, user_id)
    return RedirectResponse("/admin/accounts#assignments", status_code=303)


@router.post("/clients/{client_id}/coaches/remove")
@client_rule(Action.ASSIGN_COACHES)
def unassign(client_id: str, uow: Uow, user_id: UserId) -> Response:
    service.unassign_coach(uow, client_id, user_id)
    return RedirectResponse("/admin/accounts#assignments", status_code=303)


@router.get("/audit")
@practice_rule(Action.READ_AUDIT_LOG)
def audit_page(request: Request, uow: Uow, client: str = "", page: int = 1) -> Response:
    found = service.audit_page(uow, client_id=client[:40] or None, page=page)
    with uow:
        names = {c.id: c.name for c in uow.clients.page(limit=10_000)}
    return render(request, "admin_audit.html", log=found, client=client[:40], names=names)


@router.get("/settings")
@practice_rule(Action.CHANGE_SETTINGS)
def settings_page(request: Request, viewer: CurrentViewer) -> Response:
    practice = request.app.state.db.practice_by_id(viewer.practice.id)
    return render(request, "admin_settings.html", practice=practice, saved=False)


@router.post("/settings")
@practice_rule(Action.CHANGE_SETTINGS)
def change_settings(request: Request, viewer: CurrentViewer, uow: Uow,
                    retention_years: Annotated[int, Form(ge=0, le=100)],
                    coaches_see_all: Annotated[str | None, Form(max_length=5)] = None,
                    second_factor_required: Annotated[str | None, Form(max_length=5)] = None,
                    ) -> Response:
    service.change_settings(uow, coaches_see_all=coaches_see_all == "yes",
                            second_factor_required=second_factor_required == "yes",
                            retention_years=retention_years)
    practice = request.app.state.db.practice_by_id(viewer.practice.id)
    return render(request, "admin_settings.html", practice=practice, saved=True)
