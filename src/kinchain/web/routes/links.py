"""The pages single-use links open, and asking for one: joining by an invitation, "forgot my
password", and setting a new password by a reset link.

These are public (the person is not signed in). A link's token is looked up by its digest;
everything after goes through the unit of work of the link's own practice. "Forgot my
password" answers the same whether or not the address has an account.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form
from starlette.requests import Request
from starlette.responses import Response

from kinchain.accounts import PASSWORD_RESET_TTL, TokenPurpose, token_digest
from kinchain.errors import ConflictError, InputError, NotFoundError
from kinchain.records import Link
from kinchain.services.accounts import (
    accept_invitation,
    issue_reset,
    link_state,
    reset_password,
)
from kinchain.store import SqlUnitOfWork
from kinchain.web.mailer import base_url, deliver, smtp_config
from kinchain.web.pages import render
from kinchain.web.routes.auth import _origin
from kinchain.web.rules import public

router = APIRouter(include_in_schema=False)

#: a link's page names no referrer to anywhere (the token is in its address)
NO_REFERRER = {"Referrer-Policy": "no-referrer"}
LINK_PROBLEMS = {"expired": "This link has expired. Ask for a new one.",
                 "used": "This link was used already. Ask for a new one if you need it.",
                 "wrong": "This link is not known. Check that it was copied whole."}


def _link(request: Request, token: str) -> Link | None:
    return request.app.state.signin.link(token_digest(token))


def _uow(request: Request, link: Link, actor: str) -> SqlUnitOfWork:
    db = request.app.state.db
    return db.unit_of_work(db.practice_by_id(link.practice_id), actor=actor,
                           origin=f"web {_origin(request)}")


def _link_page(request: Request, template: str, token: str, purpose: TokenPurpose, *,
               problem: str | None = None, status: int | None = None) -> Response:
    link = _link(request, token)
    state = link_state(link, token, request.app.state.db.clock(), purpose.value)
    shown = {"ok": 200, "wrong": 404}.get(state, 410)
    problem = problem or (None if state == "ok" else LINK_PROBLEMS[state])
    response = render(request, template, status=status or shown,
                      link=link if state == "ok" else None, token=token, problem=problem)
    response.headers.update(NO_REFERRER)
    return response


@router.get("/join/{token}")
@public
def join_page(request: Request, token: str) -> Response:
    return _link_page(request, "join.html", token, TokenPurpose.INVITATION)


@router.post("/join/{token}")
@public
def join(request: Request, token: str, password: Annotated[str, Form(max_length=1024)],
         consent: Annotated[str | None, Form(max_length=10)] = None,
         guardian: Annotated[str | None, Form(max_length=200)] = None) -> Response:
    link = _link(request, token)
    if link is None:
        return _link_page(request, "join.html", token, TokenPurpose.INVITATION)
    try:
        user = accept_invitation(_uow(request, link, f"invitation {link.email}"), link, token,
                                 password, consented=consent == "yes", guardian=guardian)
    except (InputError, ConflictError, NotFoundError) as e:
        status = 422 if isinstance(e, InputError) else 410
        return _link_page(request, "join.html", token, TokenPurpose.INVITATION,
                          problem=str(e), status=status)
    return render(request, "link_done.html", title="Welcome to kinchain",
                  message=f"Your account {user.email} is ready. Sign in with your new password.")


@router.get("/password/forgot")
@public
def forgot_page(request: Request) -> Response:
    return render(request, "forgot.html", sent=False,
                  mail=smtp_config(request.app.state.settings) is not None)


@router.post("/password/forgot")
@public
def forgot(request: Request, background: BackgroundTasks,
           email: Annotated[str, Form(max_length=320)]) -> Response:
    """The same answer whether or not the address has an account; requests are throttled per
    address like sign-ins, silently (a pause would tell which addresses are asked for)."""
    state = request.app.state
    settings, signin = state.settings, state.signin
    config = smtp_config(settings)
    key = f"password reset {email.strip().lower()}"
    now = state.db.clock()
    window = dt.timedelta(minutes=settings.throttle_minutes)
    if config is not None and signin.failures_since(key, now - window) < settings.throttle_failures:
        signin.attempt(key, False, _origin(request))
        user = signin.user_by_email(email)
        if user is not None:
            practice = state.db.practice_by_id(user.practice_id)
            uow = state.db.unit_of_work(practice, actor=user.id, origin=f"web {_origin(request)}")
            if issue_reset(uow, user.email, base_url=base_url(request), mail=True):
                background.add_task(deliver, state.db, practice, config)
    return render(request, "forgot.html", sent=True, mail=config is not None,
                  minutes=int(PASSWORD_RESET_TTL.total_seconds() // 60))


@router.get("/password/reset/{token}")
@public
def reset_page(request: Request, token: str) -> Response:
    return _link_page(request, "reset.html", token, TokenPurpose.PASSWORD_RESET)


@router.post("/password/reset/{token}")
@public
def reset(request: Request, token: str,
          password: Annotated[str, Form(max_length=1024)]) -> Response:
    link = _link(request, token)
    if link is None:
        return _link_page(request, "reset.html", token, TokenPurpose.PASSWORD_RESET)
    try:
        reset_password(_uow(request, link, f"password reset {link.email}"), link, token,
                       password)
    except (InputError, ConflictError, NotFoundError) as e:
        status = 422 if isinstance(e, InputError) else 410
        return _link_page(request, "reset.html", token, TokenPurpose.PASSWORD_RESET,
                          problem=str(e), status=status)
    return render(request, "link_done.html", title="Your password is changed",
                  message="Sign in with your new password. Every place you were signed in "
                          "has been signed out.")
