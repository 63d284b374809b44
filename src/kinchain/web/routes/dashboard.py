"""The coach's dashboard: who needs her first."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts import Action, Role
from kinchain.errors import InputError
from kinchain.services.dashboard import REASON_KINDS, dashboard
from kinchain.web.deps import CurrentViewer, Uow, coach_filter
from kinchain.web.pages import render
from kinchain.web.rules import practice_rule, signed_in

router = APIRouter(include_in_schema=False)


@router.get("/")
@signed_in
def home(viewer: CurrentViewer) -> Response:
    if Role.CLIENT in viewer.principal.roles:
        return RedirectResponse(f"/my/{viewer.user.client_id}/today", status_code=303)
    return RedirectResponse("/dashboard", status_code=303)


@router.get("/dashboard")
@practice_rule(Action.LIST_CLIENTS)
def dashboard_page(request: Request, viewer: CurrentViewer, uow: Uow, q: str = "",
                   needs: str = "", reason: str = "") -> Response:
    """The list, searched by name; ``needs`` keeps only who needs the coach, ``reason`` only
    one kind of reason (an unknown kind is refused by name, with the kinds it may be)."""
    if reason and reason not in REASON_KINDS:
        raise InputError(f"reason: expected one of {', '.join(REASON_KINDS)}; received "
                         f"{reason[:40]!r}")
    today = request.app.state.db.clock().date()
    rows = dashboard(uow, today=today, coach=coach_filter(viewer), search=q[:100])
    if reason:
        rows = [r for r in rows if reason in r.kinds]
    first = [r for r in rows if r.reasons]
    rest = [] if needs or reason else [r for r in rows if not r.reasons]
    part = request.headers.get("hx-request") and not request.headers.get(
        "hx-history-restore-request")
    template = "_client_rows.html" if part else "dashboard.html"
    return render(request, template, first=first, rest=rest, q=q, today=today,
                  needs=bool(needs or reason), reason=reason, kinds=REASON_KINDS,
                  filtered=bool(q or needs or reason))
