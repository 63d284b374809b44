"""The second factor (TOTP): required by the practice, it blocks every page until the code is
given; a code works once; wrong codes are throttled; the secret is stored sealed."""

from __future__ import annotations

import re

from kinchain.accounts.second_factor import code_at
from kinchain.web.rules import api_routes, rule_of
from web_world import csrf_of, signed_in


def _require_second_factor(db):
    from kinchain.services.accounts import change_settings

    change_settings(db.unit_of_work("North", actor="setup"), coaches_see_all=False,
                    second_factor_required=True, retention_years=8)


def _csrf(page: str) -> str:
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]


def _enrol(client) -> str:
    """Set up an authenticator app from the second-factor page; the secret it shows."""
    page = client.get("/login/second-factor").text
    started = client.post("/login/second-factor/start", data={"csrf": _csrf(page)}).text
    secret = re.search(r'id="secret" aria-labelledby="secret-label">([A-Z2-7]+)<', started)
    assert secret and "otpauth://totp/" in started
    return secret.group(1)


def _give(client, code: str, next: str = "/dashboard"):
    page = client.get("/login/second-factor").text
    return client.post("/login/second-factor", data={"csrf": _csrf(page), "code": code,
                                                     "next": next}, follow_redirects=False)


def test_a_required_second_factor_blocks_every_page_until_the_code_is_given(app, world, db,
                                                                            clock):
    _require_second_factor(db)
    ana = signed_in(app, "ana@north.example")
    pages = [r.path.replace("{client_id}", world.maria) for r in api_routes(app)
             if "GET" in r.methods and rule_of(r.endpoint).kind != "public"
             and not r.path.startswith("/login")]
    assert len(pages) >= 8
    for path in pages:
        answer = ana.get(path, follow_redirects=False)
        if path.startswith("/api/"):  # the JSON API with the session's cookie
            assert answer.status_code == 401, path
            continue
        where = answer.headers.get("location", "")
        assert answer.status_code == 303 and where.startswith("/login/second-factor"), path
    secret = _enrol(ana)
    assert _give(ana, "000000").status_code == 422
    done = _give(ana, code_at(secret, clock()))
    assert done.status_code == 303 and done.headers["location"] == "/dashboard"
    assert "Maria Example" in ana.get("/dashboard").text
    assert ana.get(f"/clients/{world.maria}").status_code == 200


def test_a_replayed_code_is_refused(app, world, db, clock):
    _require_second_factor(db)
    ana = signed_in(app, "ana@north.example")
    secret = _enrol(ana)
    code = code_at(secret, clock())
    assert _give(ana, code).status_code == 303
    other = signed_in(app, "ana@north.example")  # the same code, read over her shoulder
    replayed = _give(other, code)
    assert replayed.status_code == 422 and "used already" in replayed.text
    assert other.get("/dashboard", follow_redirects=False).status_code == 303
    clock.advance(seconds=30)
    assert _give(other, code_at(secret, clock())).status_code == 303
    assert other.get("/dashboard").status_code == 200


def test_a_code_older_than_the_small_window_is_refused(app, world, db, clock):
    _require_second_factor(db)
    ana = signed_in(app, "ana@north.example")
    secret = _enrol(ana)
    old = code_at(secret, clock())
    clock.advance(seconds=95)  # three steps on: outside one step either side
    assert _give(ana, old).status_code == 422


def test_wrong_codes_are_throttled_like_passwords(app, world, db, clock):
    _require_second_factor(db)
    ana = signed_in(app, "ana@north.example")
    secret = _enrol(ana)
    for _ in range(5):
        assert _give(ana, "123456").status_code == 422
    paused = _give(ana, code_at(secret, clock()))
    assert paused.status_code == 429 and "paused" in paused.text


def test_the_secret_is_stored_sealed_with_the_servers_key(app, world, db):
    from kinchain.store.keys import SecretBox
    from web_world import SECRET_KEY

    _require_second_factor(db)
    ana = signed_in(app, "ana@north.example")
    secret = _enrol(ana)
    stored = app.state.signin.second_factor(app.state.signin.user_by_email("ana@north.example").id)
    assert secret not in stored.secret
    assert SecretBox(SECRET_KEY).open(stored.secret) == secret


def test_a_second_factor_set_up_by_choice_is_asked_for_at_the_next_sign_in(app, world, clock):
    bea = signed_in(app, "bea@north.example")
    assert bea.get("/dashboard").status_code == 200  # the practice does not require one
    secret = _enrol(bea)
    assert _give(bea, code_at(secret, clock())).status_code == 303
    again = signed_in(app, "bea@north.example")
    blocked = again.get("/dashboard", follow_redirects=False)
    assert blocked.headers["location"].startswith("/login/second-factor")
    clock.advance(seconds=30)
    assert _give(again, code_at(secret, clock())).status_code == 303


def test_a_confirmed_factor_cannot_be_replaced_by_whoever_has_the_password(app, world, clock):
    bea = signed_in(app, "bea@north.example")
    secret = _enrol(bea)
    _give(bea, code_at(secret, clock()))
    thief = signed_in(app, "bea@north.example")
    page = thief.get("/login/second-factor").text
    thief.post("/login/second-factor/start", data={"csrf": _csrf(page)})
    user_id = app.state.signin.user_by_email("bea@north.example").id
    from kinchain.store.keys import SecretBox
    from web_world import SECRET_KEY

    stored = app.state.signin.second_factor(user_id)
    assert SecretBox(SECRET_KEY).open(stored.secret) == secret


def test_an_admin_removes_a_lost_second_factor(app, world, db, clock):
    _require_second_factor(db)
    ana = signed_in(app, "ana@north.example")
    _give(ana, code_at(_enrol(ana), clock()))
    admin = signed_in(app, "adam@north.example")
    _give(admin, code_at(_enrol(admin), clock()))
    ana_id = app.state.signin.user_by_email("ana@north.example").id
    assert "second factor" in admin.get("/admin/accounts").text
    removed = admin.post("/admin/accounts/second-factor/remove",
                         data={"csrf": csrf_of(admin), "user_id": ana_id},
                         follow_redirects=False)
    assert removed.status_code == 303
    assert app.state.signin.second_factor(ana_id) is None
    assert ana.get("/dashboard", follow_redirects=False).headers["location"].startswith(
        "/login?")  # her sessions ended: she signs in and enrols again


def test_signing_out_works_before_the_code_is_given(app, world, db):
    _require_second_factor(db)
    ana = signed_in(app, "ana@north.example")
    page = ana.get("/login/second-factor").text
    out = ana.post("/logout", data={"csrf": _csrf(page)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert ana.get("/login/second-factor", follow_redirects=False).headers["location"].startswith(
        "/login")
