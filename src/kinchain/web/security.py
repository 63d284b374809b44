"""Security headers on every answer, and the CSRF check of every form."""

from __future__ import annotations

import hmac
import logging
import re

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

from kinchain.errors import PermissionDeniedError

__all__ = ["CSP", "REPORT_CSP", "RedactLinks", "SecurityHeaders", "check_csrf",
           "redact_links_in_logs"]

#: no inline script, no script or style from anywhere but the server itself
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
#: the stored report is one self-contained page (its CSS inline, its plots inline SVG, no script
#: at all): nothing may load, only its own inline style applies
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.scheme == "https":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.url.path.startswith(("/clients", "/api", "/admin", "/dashboard")):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def check_csrf(sent: str | None, expected: str, /) -> None:
    """A form's CSRF token must be the session's own (compared in constant time)."""
    if not sent or not hmac.compare_digest(sent, expected):
        raise PermissionDeniedError("the form has expired or did not come from this site; "
                                    "reload the page and send it again")


#: a single-use link's token in a path: what a log must never keep
_LINK_TOKEN = re.compile(r"(/join/|/password/reset/)[A-Za-z0-9_\-]+")


class RedactLinks(logging.Filter):
    """Takes the token out of any single-use link a log line names (uvicorn's access log
    writes each request's path): the line keeps ``/join/…``."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if _LINK_TOKEN.search(text):
            record.msg, record.args = _LINK_TOKEN.sub(r"\1…", text), ()
        return True


def redact_links_in_logs() -> None:
    """Install :class:`RedactLinks` on the server's access log (once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactLinks) for f in access.filters):
        access.addFilter(RedactLinks())
