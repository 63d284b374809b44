"""The second factor: a coach or admin enrols an authenticator app (the secret shown as text and
as an ``otpauth://`` URI; no QR service is asked) and gives its code after her password.

The secret is stored sealed with the server's key; each code works once (the step it belongs
to is recorded by a compare-and-set); wrong codes are throttled like passwords.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts.second_factor import matching_step, new_secret, provisioning_uri
from kinchain.errors import InputError, TooManyAttempts
from kinchain.store.keys import SecretBox
from kinchain.web.deps import CurrentViewer
from kinchain.web.pages import render
from kinchain.web.routes.auth import _origin, _safe_next
from kinchain.web.rules import signed_in
from kinchain.web.viewer import Viewer

router = APIRouter(include_in_schema=False)

WRONG_CODE = ("second factor: the code is wrong, too old or used already; type the code your "
              "app shows now (six digits)")


def secret_box(request: Request) -> SecretBox:
    """The server's key, opened once (made on first use when no key is configured)."""
    state = request.app.state
    box = getattr(state, "secret_box", None)
    if box is None:
        box = state.secret_box = SecretBox(state.settings.secret_key)
    return box


def _page(request: Request, viewer: Viewer, next: str, *, status: int = 200,
          problem: str | None = None) -> Response:
    signin = request.app.state.signin
    factor = signin.second_factor(viewer.user.id)
    enrolling = factor is None or factor.confirmed_at is None
    secret = uri = None
    if enrolling and factor is not None:
        secret = secret_box(request).open(factor.secret)
        uri = provisioning_uri(secret, account=viewer.user.email,
                               issuer=f"kinchain {viewer.practice.name}")
    return render(request, "second_factor.html", status=status, next=_safe_next(next),
                  enrolling=enrolling, started=factor is not None, secret=secret, uri=uri,
                  done=viewer.second_factor_done, problem=problem,
                  required=viewer.practice.second_factor_required)


@router.get("/login/second-factor")
@signed_in
def second_factor_page(request: Request, viewer: CurrentViewer, next: str = "/") -> Response:
    if viewer.user.role == "client" or viewer.session is None:
        return RedirectResponse("/", status_code=303)
    return _page(request, viewer, next)


@router.post("/login/second-factor/start")
@signed_in
def start_enrolment(request: Request, viewer: CurrentViewer,
                    next: Annotated[str, Form(max_length=400)] = "/") -> Response:
    """A new secret to enrol (only while none is confirmed: a confirmed factor is removed by
    an admin, never replaced by whoever holds the password)."""
    if viewer.user.role == "client" or viewer.session is None:
        return RedirectResponse("/", status_code=303)
    sealed = secret_box(request).seal(new_secret())
    request.app.state.signin.start_second_factor(viewer.user.id, sealed)
    return _page(request, viewer, next)


@router.post("/login/second-factor")
@signed_in
def give_code(request: Request, viewer: CurrentViewer,
              code: Annotated[str, Form(max_length=20)],
              next: Annotated[str, Form(max_length=400)] = "/") -> Response:
    if viewer.user.role == "client" or viewer.session is None:
        return RedirectResponse("/", status_code=303)
    try:
        _check_code(request, viewer, code)
    except (InputError, TooManyAttempts) as e:
        status = 429 if isinstance(e, TooManyAttempts) else 422
        return _page(request, viewer, next, status=status, problem=str(e))
    return RedirectResponse(_safe_next(next), status_code=303)


def _check_code(request: Request, viewer: Viewer, code: str) -> None:
    state = request.app.state
    signin, settings = state.signin, state.settings
    key = f"second factor {viewer.user.id}"
    now = state.db.clock()
    window = dt.timedelta(minutes=settings.throttle_minutes)
    if signin.failures_since(key, now - window) >= settings.throttle_failures:
        raise TooManyAttempts(f"second factor: paused after {settings.throttle_failures} wrong "
                              f"codes; try again in {settings.throttle_minutes} minutes")
    factor = signin.second_factor(viewer.user.id)
    if factor is None:
        raise InputError("second factor: none is set up yet; start the set-up first")
    secret = secret_box(request).open(factor.secret)
    step = matching_step(secret, code, now, last_step=factor.last_step)
    ok = step is not None and signin.use_second_factor_step(viewer.user.id, step)
    signin.attempt(key, ok, _origin(request))
    if not ok:
        raise InputError(WRONG_CODE)
    assert viewer.session is not None
    signin.second_factor_passed(viewer.session)
    action = "second_factor.enrol" if factor.confirmed_at is None else "second_factor.pass"
    with state.db.unit_of_work(viewer.practice, actor=viewer.user.id,
                               origin=f"web {_origin(request)}") as uow:
        uow.audit.record(action, detail=viewer.user.id)
        uow.commit()
