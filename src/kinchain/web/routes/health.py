"""``GET /healthz``: the server answers and its database too (no sign-in)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from kinchain.web.rules import public

router = APIRouter()


@router.get("/healthz", include_in_schema=False)
@public
def healthz(request: Request) -> JSONResponse:
    try:
        with request.app.state.db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # the database is down: say so, with the status a balancer reads
        return JSONResponse({"status": "database unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})
