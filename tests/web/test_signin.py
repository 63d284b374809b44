"""Signing in and out, as a coach at a shared tablet would."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web_world import PASSWORD, csrf_of, signed_in


def test_a_coach_signs_in_sees_her_client_and_signs_out(app, world):
    client = signed_in(app, "ana@north.example")
    page = client.get("/dashboard")
    assert page.status_code == 200 and "Maria Example" in page.text
    assert "Tom Example" not in page.text  # assigned to another coach
    out = client.post("/logout", data={"csrf": csrf_of(client)}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(app, world):
    client = TestClient(app)
    wrong = client.post("/login", data={"email": "ana@north.example", "password": "nope"})
    nobody = client.post("/login", data={"email": "zed@north.example", "password": "nope"})
    assert wrong.status_code == nobody.status_code == 422
    assert "wrong" in wrong.text
    assert wrong.text.replace("ana@north.example", "X") == nobody.text.replace(
        "zed@north.example", "X")


def test_repeated_failures_pause_sign_in_for_that_address(app, world):
    client = TestClient(app)
    for _ in range(5):
        client.post("/login", data={"email": "ana@north.example", "password": "nope"})
    paused = client.post("/login", data={"email": "ana@north.example", "password": PASSWORD})
    assert paused.status_code == 429 and "paused" in paused.text


def test_a_form_without_its_csrf_token_is_refused(app, world):
    client = signed_in(app, "ana@north.example")
    refused = client.post("/logout", data={}, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/dashboard").status_code == 200  # still signed in


def test_an_idle_session_ends(app, world, clock):
    client = signed_in(app, "ana@north.example")
    clock.advance(minutes=31)
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_every_page_carries_a_content_security_policy_without_inline_script(app, world):
    answer = TestClient(app).get("/login")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in answer.text  # only <script src=...>
    assert "session" not in answer.headers.get("set-cookie", "")


def test_the_session_cookie_is_http_only_and_same_site(app, world):
    answer = TestClient(app).post("/login", data={"email": "ana@north.example",
                                                  "password": PASSWORD}, follow_redirects=False)
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_health_answers_without_sign_in(app, world):
    assert TestClient(app).get("/healthz").json() == {"status": "ok"}
