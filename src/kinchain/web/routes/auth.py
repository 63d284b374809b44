"""Signing in and out of the web app."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.errors import InputError, TooManyAttempts
from kinchain.services.signin import sign_in, sign_out
from kinchain.web.pages import render
from kinchain.web.rules import public, signed_in
from kinchain.web.viewer import COOKIE

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //elsewhere or a full URL) after signing in."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _origin(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login")
@public
def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=_safe_next(next), problem=None)


@router.post("/login")
@public
def login(request: Request, email: Annotated[str, Form(max_length=320)],
          password: Annotated[str, Form(max_length=1024)],
          next: Annotated[str | None, Form()] = None) -> Response:
    state = request.app.state
    settings = state.settings
    try:
        done = sign_in(state.signin, email, password, origin=_origin(request),
                       now=state.db.clock(), failures=settings.throttle_failures,
                       window=dt.timedelta(minutes=settings.throttle_minutes),
                       second_factor_done=False)
    except (InputError, TooManyAttempts) as e:
        status = 429 if isinstance(e, TooManyAttempts) else 422
        return render(request, "login.html", status=status, next=_safe_next(next),
                      problem=str(e), email=email)
    earlier = request.cookies.get(COOKIE)
    if earlier:  # a new session at each sign-in: the old cookie's session ends
        sign_out(state.signin, earlier)
    response = RedirectResponse(_safe_next(next), status_code=303)
    secure = settings.secure_cookies
    response.set_cookie(COOKIE, done.secret, httponly=True, samesite="lax", path="/",
                        secure=request.url.scheme == "https" if secure is None else secure,
                        max_age=settings.session_max_hours * 3600)
    return response


@router.post("/logout")
@signed_in
def logout(request: Request) -> Response:
    viewer = request.state.viewer
    if viewer is not None and viewer.session:
        sign_out(request.app.state.signin, viewer.session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
