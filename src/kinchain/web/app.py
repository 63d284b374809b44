"""The web app: ``create_app(settings)`` builds it; ``kinchain serve`` runs it with uvicorn.

Every route declares its rule (:mod:`kinchain.web.rules`); one dependency enforces it before the
route runs, and the app refuses to start when a route declares none.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request

from kinchain.accounts import ClientRecord, PracticeScope, require
from kinchain.config import Settings
from kinchain.store import Database
from kinchain.store.signin import SignInStore
from kinchain.web import errors
from kinchain.web.rules import api_routes, rule_of
from kinchain.web.security import SecurityHeaders, check_csrf, redact_links_in_logs
from kinchain.web.viewer import Viewer, find_viewer

__all__ = ["SECOND_FACTOR_PENDING", "create_app"]

_UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
#: the pages a session may open before its second factor: giving the code, and signing out
_BEFORE_SECOND_FACTOR = ("/login", "/logout")
SECOND_FACTOR_PENDING = "please finish signing in with your second factor"


async def authorize(request: Request) -> None:
    """Enforce the route's declared rule: who is asking, may she, and (forms) is the CSRF
    token hers. Another practice's client, or one she may not see, is not found (404)."""
    route = request.scope.get("route")
    rule = rule_of(getattr(route, "endpoint", None))
    if rule is None:
        raise HTTPException(500, "this route declares no rule")
    state = request.app.state
    viewer = find_viewer(request, state.signin, state.settings)
    request.state.viewer = viewer
    if rule.kind == "public":
        return
    if viewer is None:
        raise HTTPException(401, "please sign in", headers={"WWW-Authenticate": "Bearer"})
    if (not request.url.path.startswith(_BEFORE_SECOND_FACTOR)
            and _needs_second_factor(state.signin, viewer)):
        raise HTTPException(401, SECOND_FACTOR_PENDING)
    if request.method in _UNSAFE and viewer.session is not None:
        form = await request.form() if _is_form(request) else None
        sent = (form.get("csrf") if form else None) or request.headers.get("x-csrf-token")
        check_csrf(str(sent) if sent else None, viewer.csrf)
    if rule.kind == "practice" and rule.action is not None:
        require(viewer.principal, rule.action, PracticeScope(practice_id=viewer.practice.id))
    if rule.kind == "client" and rule.action is not None:
        client_id = str(request.path_params.get("client_id", ""))
        _exists_in_practice(state.db, viewer, client_id)
        require(viewer.principal, rule.action,
                ClientRecord(practice_id=viewer.practice.id, client_id=client_id))


def _exists_in_practice(db: Database, viewer: Viewer, client_id: str) -> None:
    """A client of another practice (or none) is not found, before any rule is asked: the
    answer is the same 404 for both, whoever asks."""
    with db.unit_of_work(viewer.practice, actor=viewer.user.id, writes=False) as uow:
        uow.clients.get(client_id)


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def _needs_second_factor(signin: SignInStore, viewer: Viewer) -> bool:
    """A coach or admin signed in by password who has not given her code yet, where the
    practice requires a second factor or she has one. (A session that passed, and a request
    with an API token, need none.)"""
    if viewer.session is None or viewer.second_factor_done or viewer.user.role == "client":
        return False
    if viewer.practice.second_factor_required:
        return True
    factor = signin.second_factor(viewer.user.id)
    return factor is not None and factor.confirmed_at is not None


def _check_rules(app: FastAPI) -> None:
    routes = api_routes(app)
    if not routes:
        raise RuntimeError("the app has no routes to check")
    missing = [r.path for r in routes if not rule_of(r.endpoint)]
    if missing:
        raise RuntimeError(f"routes without a declared rule: {', '.join(missing)}")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the reminder scheduler with the server when the settings ask for it."""
    from kinchain.web.scheduler import Scheduler

    settings: Settings = app.state.settings
    scheduler = None
    if settings.reminders:
        key = settings.secret_key.encode() if settings.secret_key else None
        scheduler = Scheduler(app.state.db, key=key,
                              every_seconds=settings.reminder_every_seconds)
        scheduler.start()
    app.state.scheduler = scheduler
    try:
        yield
    finally:
        if scheduler is not None:
            scheduler.stop()


def create_app(settings: Settings | None = None, *, db: Database | None = None) -> FastAPI:
    """The app over ``db`` (default: the settings' database URL, else the embedded SQLite)."""
    from kinchain.web.mailer import check_mail_settings
    from kinchain.web.routes import (
        admin,
        api,
        auth,
        clients,
        dashboard,
        editor,
        health,
        intake_form,
        links,
        me,
        reminders,
        second,
    )


    settings = settings or Settings()
    check_mail_settings(settings)
    redact_links_in_logs()
    app = FastAPI(title="kinchain", version="1", dependencies=[Depends(authorize)],
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  lifespan=_lifespan)
    app.state.settings = settings
    app.state.db = db or Database(settings.database_url)
    app.state.signin = SignInStore(app.state.db)
    app.add_middleware(SecurityHeaders)
    errors.install(app)
    for module in (health, auth, second, links, admin, dashboard, intake_form, editor,
                   clients, me, reminders, api):
        app.include_router(module.router)
    app.include_router(editor.api)
    app.include_router(reminders.api)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), "static")
    _check_rules(app)
    return app
