"""The coach's dashboard: who needs her first."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts import Action, Role
from kinchain.services.dashboard import dashboard
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
def dashboard_page(request: Request, viewer: CurrentViewer, uow: Uow, q: str = "") -> Response:
    today = request.app.state.db.clock().date()
    rows = dashboard(uow, today=today, coach=coach_filter(viewer), search=q[:100])
    first = [r for r in rows if r.reasons]
    rest = [r for r in rows if not r.reasons]
    template = "_client_rows.html" if request.headers.get("hx-request") else "dashboard.html"
    return render(request, template, first=first, rest=rest, q=q, today=today)
