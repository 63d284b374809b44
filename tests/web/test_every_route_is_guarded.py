"""Every route of the app, walked with users of two practices, every role and an unassigned
coach: no read or write across practices or assignments, no role escalation, and a route that
declares no rule cannot exist."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from kinchain.accounts import ClientRecord, PracticeScope, can, visible
from kinchain.config import Settings
from kinchain.web import create_app
from kinchain.web.rules import api_routes, rule_of
from web_world import signed_in

USERS = ("ana@north.example", "bea@north.example", "una@north.example", "adam@north.example",
         "maria@client.example", "cai@south.example")
NAMES = {"maria": "Maria Example", "tom": "Tom Example", "sofia": "Ruth Example"}
BODIES = {
    "/api/v1/clients/{client_id}/checkins": {"date": "2026-11-02", "effort": "ok"},
    "/api/v1/clients/{client_id}/program/edits": {"kind": "dose", "exercise": "metronome_walk",
                                                 "minutes": 1},
    "/api/v1/clients/{client_id}/whatif": {"shoe": "barefoot", "step_rate_pct": 5},
    # the pages' forms (sent with the CSRF token)
    "/clients/{client_id}/intake/draft": {"section": "habits", "habits.sitting_hours": "7"},
    "/clients/{client_id}/intake/section": {"section": "habits", "habits.sitting_hours": "7"},
    "/clients/{client_id}/intake/save": {"section": "habits", "habits.sitting_hours": "7"},
    "/clients/new/intake/draft": {"section": "client", "client.name": "Walk Example"},
    "/clients/new/intake/section": {"section": "client", "client.name": "Walk Example"},
    "/clients/new/intake/save": {"section": "client", "client.name": "Walk Example"},
    "/clients/{client_id}/program/try": {"op": "dose", "exercise": "metronome_walk",
                                         "minutes": "1"},
    "/clients/{client_id}/program/edits": {"op": "dose", "exercise": "metronome_walk",
                                           "minutes": "1"},
    "/clients/{client_id}/consent": {"topic": "reminders", "granted": "yes"},
}


def _routes(app: FastAPI) -> list[APIRoute]:
    """Every route, signing out last (it ends the session the walk uses)."""
    return sorted(api_routes(app), key=lambda r: r.path == "/logout")


def _call(client, route: APIRoute, path: str, csrf: str):
    method = sorted(route.methods)[0]
    if method == "GET":
        return client.get(path, follow_redirects=False)
    body = BODIES.get(route.path, {})
    if path.startswith("/api/"):
        return client.request(method, path, json=body, headers={"x-csrf-token": csrf})
    return client.request(method, path, data={"csrf": csrf, **body}, follow_redirects=False)


def _csrf(client) -> str:
    page = client.get("/dashboard")
    marker = 'name="csrf" value="'
    return page.text.split(marker, 1)[1].split('"', 1)[0] if marker in page.text else ""


def test_every_route_answers_each_user_as_the_policy_says_and_leaks_no_other_client(app, world):
    clients = {"maria": world.maria, "tom": world.tom, "sofia": world.sofia}
    checked = 0
    for email in USERS:
        client = signed_in(app, email)
        viewer_principal = _principal(app, email)
        csrf = _csrf(client)
        for route in _routes(app):
            rule = rule_of(route.endpoint)
            assert rule is not None, route.path
            targets = clients.items() if "{client_id}" in route.path else [(None, None)]
            for name, client_id in targets:
                path = route.path.replace("{client_id}", client_id or "")
                answer = _call(client, route, path, csrf)
                checked += 1
                _judge(answer, rule, viewer_principal, client_id, email, route, name, clients)
    assert checked > 100


def _principal(app, email):
    from kinchain.web.viewer import principal_of

    signin = app.state.signin
    user = signin.user_by_email(email)
    practice = signin.db.practice_by_id(user.practice_id)
    return principal_of(user, practice, signin.assigned_clients(user.id))


def _judge(answer, rule, principal, client_id, email, route, name, clients):
    where = f"{email} {sorted(route.methods)[0]} {route.path} ({name})"
    status = answer.status_code
    assert status < 500, f"{where}: {status} {answer.text[:300]}"
    if rule.kind == "client":
        target = ClientRecord(practice_id=principal.practice_id, client_id=client_id)
        same_practice = (name == "sofia") == email.endswith("south.example")
        if not same_practice or not visible(principal, target):
            assert status == 404, f"{where}: expected 404 (not visible), got {status}"
            return
        if not can(principal, rule.action, target):
            assert status == 403, f"{where}: expected 403, got {status}"
            return
        assert status not in (401, 403, 404), f"{where}: allowed, got {status}"
    elif rule.kind == "practice":
        allowed = can(principal, rule.action, PracticeScope(practice_id=principal.practice_id))
        assert (status == 403) == (not allowed), f"{where}: allowed={allowed}, got {status}"
    if status < 300:
        seen = {n for n, cid in clients.items()
                if visible(principal, ClientRecord(practice_id=principal.practice_id,
                                                   client_id=cid))
                and (n != "sofia") == (not email.endswith("south.example"))}
        for other, full in NAMES.items():
            if other not in seen:
                assert full not in answer.text, f"{where}: shows {full}"


def test_a_route_without_a_declared_rule_stops_the_app_from_starting(db, monkeypatch):
    from kinchain.web.routes import health

    stray = APIRouter()

    @stray.get("/stray")
    def no_rule() -> dict[str, str]:
        return {}

    monkeypatch.setattr(health, "router", stray)
    with pytest.raises(RuntimeError, match="/stray"):
        create_app(Settings(), db=db)
