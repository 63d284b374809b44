"""One mapping from kinchain's errors to HTTP: input error 422 with the field messages, not found
404, permission 403, conflict 409, storage down 503. No route catches domain errors itself; no
traceback reaches a browser."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kinchain.errors import (
    CheckinError,
    ConflictError,
    InputError,
    IntakeError,
    KinchainError,
    NotFoundError,
    PermissionDeniedError,
    StorageUnavailable,
    TooManyAttempts,
)
from kinchain.store.uow import translate

__all__ = ["install", "status_of"]

log = logging.getLogger("kinchain.web")

_STATUS: tuple[tuple[type[KinchainError], int], ...] = (
    (InputError, 422), (NotFoundError, 404), (TooManyAttempts, 429), (PermissionDeniedError, 403),
    (ConflictError, 409), (StorageUnavailable, 503),
)
TITLES = {400: "Bad request", 401: "Please sign in", 403: "Not allowed", 404: "Not found",
          405: "Not allowed", 409: "Conflict", 422: "Please check the form",
          429: "Too many attempts", 500: "Something went wrong", 503: "Not available now"}


def status_of(error: KinchainError, /) -> int:
    return next((code for kind, code in _STATUS if isinstance(error, kind)), 500)


def _problems(error: KinchainError) -> list[str]:
    if isinstance(error, IntakeError | CheckinError) and error.problems:
        return [str(p) for p in error.problems]
    return [str(error)]


def _answer(request: Request, status: int, problems: list[str]) -> Response:
    if request.url.path.startswith("/api/") or "json" in request.headers.get("accept", ""):
        return JSONResponse({"status": status, "title": TITLES.get(status, "Error"),
                             "problems": problems}, status_code=status)
    from kinchain.web.pages import render_error

    return render_error(request, status, TITLES.get(status, "Error"), problems)


def install(app: FastAPI) -> None:
    @app.exception_handler(KinchainError)
    async def _kinchain(request: Request, error: KinchainError) -> Response:
        return _answer(request, status_of(error), _problems(error))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
                    for e in error.errors()]
        return _answer(request, 422, problems)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> Response:
        if error.status_code == 401 and not request.url.path.startswith("/api/"):
            from urllib.parse import quote

            from starlette.responses import RedirectResponse

            page = "/login/second-factor" if getattr(request.state, "viewer", None) else "/login"
            return RedirectResponse(f"{page}?next={quote(request.url.path)}", status_code=303)
        detail = error.detail if isinstance(error.detail, str) else TITLES.get(error.status_code)
        response = _answer(request, error.status_code, [str(detail)])
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, error: DBAPIError) -> Response:
        translated = translate(error)  # busy, down, full, read-only: nothing was half-saved
        return _answer(request, status_of(translated), [str(translated)])

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _answer(request, 500, ["kinchain met an error it did not expect; nothing was "
                                      "half-saved. The server's log has the details."])
