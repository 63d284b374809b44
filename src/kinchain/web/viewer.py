"""Who is asking: the signed-in user of a request, found from the session cookie (pages) or a
personal access token (the JSON API), with the principal the accounts policy reads."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from starlette.requests import Request

from kinchain.accounts import Principal, Role
from kinchain.config import Settings
from kinchain.records import Practice, User
from kinchain.store.signin import SignInStore

__all__ = ["COOKIE", "Viewer", "find_viewer", "principal_of"]

COOKIE = "kinchain_session"
#: how often a live session's last-seen time is written (the idle limit is in minutes)
TOUCH_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Viewer:
    user: User
    practice: Practice
    principal: Principal
    session: str | None  # the cookie's secret; None for an API token
    csrf: str
    second_factor_done: bool


def principal_of(user: User, practice: Practice, assigned: frozenset[str]) -> Principal:
    roles = frozenset(Role(r) for r in user.role.split())
    return Principal(
        user_id=user.id, practice_id=user.practice_id, roles=roles,
        client_id=user.client_id,
        assigned_client_ids=assigned if Role.COACH in roles else frozenset(),
        practice_shares_clients=practice.coaches_see_all,
    )


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _session_live(row_created: dt.datetime, row_seen: dt.datetime, now: dt.datetime,
                  settings: Settings) -> bool:
    idle = dt.timedelta(minutes=settings.session_idle_minutes)
    longest = dt.timedelta(hours=settings.session_max_hours)
    return now - row_seen <= idle and now - row_created <= longest


def find_viewer(request: Request, signin: SignInStore, settings: Settings) -> Viewer | None:
    """The request's signed-in user, or None (no cookie, an ended or idle session, a revoked
    token). A live session's last-seen time moves on."""
    token = _bearer(request)
    if token is not None:
        user = signin.token_user(token)
        return _viewer(signin, user, None, secrets.token_hex(16), True) if user else None
    secret = request.cookies.get(COOKIE)
    if not secret:
        return None
    row = signin.session(secret)
    now = signin.db.clock()
    if row is None or row.ended_at is not None or not _session_live(
        row.created_at, row.last_seen_at, now, settings
    ):
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:  # one write a minute per session, not per request
        signin.touch(secret)
    user = signin.user(row.user_id)
    return _viewer(signin, user, secret, row.csrf, row.second_factor_done) if user else None


def _viewer(signin: SignInStore, user: User | None, secret: str | None, csrf: str,
            second: bool) -> Viewer | None:
    if user is None or user.password_hash == "!" or user.disabled_at is not None:
        return None
    practice = signin.db.practice_by_id(user.practice_id)
    principal = principal_of(user, practice, signin.assigned_clients(user.id))
    return Viewer(user, practice, principal, secret, csrf, second)
