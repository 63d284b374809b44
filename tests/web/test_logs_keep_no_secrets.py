"""What the server logs while a coach signs in, uses the API and a check-in is stored holds
no password, session id, API token or the client's record."""

from __future__ import annotations

import logging

from kinchain.services.signin import issue_api_token
from kinchain.web.viewer import COOKIE
from web_world import PASSWORD, signed_in


def test_no_log_line_holds_a_password_a_session_id_a_token_or_the_clients_record(
    app, world, caplog
):
    caplog.set_level(logging.DEBUG)
    browser = signed_in(app, "ana@north.example")
    session = browser.cookies.get(COOKIE)
    token = issue_api_token(app.state.signin, "ana@north.example", name="logs")
    api = {"Authorization": f"Bearer {token}"}
    answer = browser.post(f"/api/v1/clients/{world.maria}/checkins", headers=api,
                          json={"date": "2026-11-02", "effort": "ok"})
    assert answer.status_code < 500, answer.text
    record = browser.get(f"/api/v1/clients/{world.maria}", headers=api)
    assert record.status_code == 200
    browser.post("/login", data={"email": "ana@north.example", "password": "wrong " + PASSWORD})
    logged = caplog.text
    assert caplog.records, "the server logged nothing: the test would prove nothing"
    print(f"{len(caplog.records)} log records checked")
    assert session and token
    for secret in (PASSWORD, session, token, "Maria Example"):
        assert secret not in logged, f"a log line holds {secret[:6]}…"
