"""The practice admin's accounts: invitations by single-use link, joining, coach assignments,
disabling an account and the practice's settings, as an admin and her coaches would use them."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from kinchain.services import people
from web_world import PASSWORD, csrf_of, signed_in

NEW_PASSWORD = "a quiet heron waits by the old mill pond"


def _admin(app):
    client = signed_in(app, "adam@north.example")
    return client, csrf_of(client)


def _invite(client, csrf, email, role="coach", client_id=""):
    page = client.post("/admin/invitations", data={"csrf": csrf, "email": email, "role": role,
                                                   "client_id": client_id})
    assert page.status_code == 200, page.text
    found = re.search(r'id="issued-link" type="text" readonly value="http://[^/"]+(/join/[^"]+)"',
                      page.text)
    assert found, "the page shows the invitation link when no e-mail is sent"
    return found.group(1)


def _user_id(app, email):
    return app.state.signin.user_by_email(email).id


def test_an_admin_invites_a_coach_who_joins_and_signs_in(app, world):
    admin, csrf = _admin(app)
    link = _invite(admin, csrf, "zoe@north.example")
    stranger = TestClient(app)
    page = stranger.get(link)
    assert page.status_code == 200 and "zoe@north.example" in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    joined = stranger.post(link, data={"password": NEW_PASSWORD})
    assert joined.status_code == 200 and "ready" in joined.text
    zoe = TestClient(app)
    answer = zoe.post("/login", data={"email": "zoe@north.example", "password": NEW_PASSWORD},
                      follow_redirects=False)
    assert answer.status_code == 303
    assert zoe.get("/dashboard").status_code == 200
    accounts = admin.get("/admin/accounts").text
    assert "zoe@north.example" in accounts and "Open invitations" not in accounts


def test_a_joining_password_is_checked_by_the_password_policy(app, world):
    admin, csrf = _admin(app)
    link = _invite(admin, csrf, "zoe@north.example")
    refused = TestClient(app).post(link, data={"password": "password123"})
    assert refused.status_code == 422 and "password" in refused.text
    assert app.state.signin.user_by_email("zoe@north.example") is None
    assert TestClient(app).post(link, data={"password": NEW_PASSWORD}).status_code == 200


def test_an_invitation_link_works_once_and_not_after_expiry(app, world, clock):
    admin, csrf = _admin(app)
    first = _invite(admin, csrf, "zoe@north.example")
    later = _invite(admin, csrf, "yan@north.example")
    assert TestClient(app).post(first, data={"password": NEW_PASSWORD}).status_code == 200
    again = TestClient(app).post(first, data={"password": NEW_PASSWORD + " again"})
    assert again.status_code == 410 and "used already" in again.text
    assert TestClient(app).get(first).status_code == 410
    clock.advance(days=7, seconds=1)
    expired = TestClient(app).post(later, data={"password": NEW_PASSWORD})
    assert expired.status_code == 410 and "expired" in expired.text
    assert app.state.signin.user_by_email("yan@north.example") is None
    assert TestClient(app).get("/join/not-a-token").status_code == 404


def test_only_the_digest_of_an_invitation_link_is_stored(app, world, db):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from kinchain.accounts import token_digest
    from kinchain.store import tables as t

    admin, csrf = _admin(app)
    token = _invite(admin, csrf, "zoe@north.example").removeprefix("/join/")
    with Session(db.engine) as s:
        digests = list(s.scalars(select(t.LinkTokenRow.digest)))
    assert digests == [token_digest(token)] and token not in digests


def test_a_client_joins_only_after_agreeing_to_keep_her_health_data(app, world, db):
    admin, csrf = _admin(app)
    link = _invite(admin, csrf, "tom@client.example", role="client", client_id=world.tom)
    stranger = TestClient(app)
    assert "health details" in stranger.get(link).text
    refused = stranger.post(link, data={"password": NEW_PASSWORD})
    assert refused.status_code == 422 and "consent" in refused.text
    assert app.state.signin.user_by_email("tom@client.example") is None
    assert stranger.post(link, data={"password": NEW_PASSWORD, "consent": "yes"}).status_code == 200
    user = app.state.signin.user_by_email("tom@client.example")
    assert user.role == "client" and user.client_id == world.tom
    with db.unit_of_work("North", actor="test", writes=False) as uow:
        consents = uow.consents.for_client(world.tom)
    assert [(c.topic, c.granted) for c in consents] == [("health_data", True)]


def test_a_coach_cannot_open_the_admin_pages(app, world):
    ana = signed_in(app, "ana@north.example")
    csrf = csrf_of(ana)
    for path in ("/admin/accounts", "/admin/audit", "/admin/settings"):
        assert ana.get(path).status_code == 403, path
    invited = ana.post("/admin/invitations", data={"csrf": csrf, "email": "x@north.example",
                                                   "role": "admin"})
    assert invited.status_code == 403
    assigned = ana.post(f"/admin/clients/{world.maria}/coaches",  # her own client
                        data={"csrf": csrf, "user_id": _user_id(app, "una@north.example")})
    assert assigned.status_code == 403
    hidden = ana.post(f"/admin/clients/{world.tom}/coaches",  # not hers: not found
                      data={"csrf": csrf, "user_id": _user_id(app, "ana@north.example")})
    assert hidden.status_code == 404
    assert "bea@north.example" not in ana.get(f"/clients/{world.maria}").text


def test_another_practices_admin_sees_none_of_it(app, world, db):
    people.add_user(db.unit_of_work("South", actor="setup"), "sam@south.example", "admin",
                    PASSWORD)
    sam = signed_in(app, "sam@south.example")
    csrf = csrf_of(sam)
    page = sam.get("/admin/accounts").text
    assert "cai@south.example" in page and "Ruth Example" in page
    for north in ("ana@north.example", "Maria Example", "Tom Example", world.maria):
        assert north not in page
    assert sam.get(f"/admin/audit?client={world.maria}").status_code == 404
    assert "Maria" not in sam.get("/admin/audit").text
    ana_id = _user_id(app, "ana@north.example")
    assert sam.post(f"/admin/clients/{world.maria}/coaches",
                    data={"csrf": csrf, "user_id": ana_id}).status_code == 404
    for action in ("disable", "reset", "second-factor/remove"):
        answer = sam.post(f"/admin/accounts/{action}", data={"csrf": csrf, "user_id": ana_id})
        assert answer.status_code == 404, action
    invited = sam.post("/admin/invitations", data={"csrf": csrf, "email": "m2@client.example",
                                                   "role": "client", "client_id": world.maria})
    assert invited.status_code == 404
    assert signed_in(app, "ana@north.example").get("/dashboard").status_code == 200


def test_a_disabled_account_is_signed_out_and_cannot_sign_in(app, world):
    ana = signed_in(app, "ana@north.example")
    admin, csrf = _admin(app)
    done = admin.post("/admin/accounts/disable",
                      data={"csrf": csrf, "user_id": _user_id(app, "ana@north.example")},
                      follow_redirects=False)
    assert done.status_code == 303
    assert ana.get("/dashboard", follow_redirects=False).status_code == 303  # to sign in
    again = TestClient(app).post("/login", data={"email": "ana@north.example",
                                                 "password": PASSWORD})
    assert again.status_code == 422 and "wrong" in again.text
    assert "disabled" in admin.get("/admin/accounts").text
    admin.post("/admin/accounts/enable",
               data={"csrf": csrf, "user_id": _user_id(app, "ana@north.example")})
    assert signed_in(app, "ana@north.example").get("/dashboard").status_code == 200


def test_an_admin_cannot_disable_her_own_account(app, world):
    admin, csrf = _admin(app)
    refused = admin.post("/admin/accounts/disable",
                         data={"csrf": csrf, "user_id": _user_id(app, "adam@north.example")})
    assert refused.status_code == 403
    assert admin.get("/admin/accounts").status_code == 200


def test_an_admin_assigns_a_client_to_a_coach_and_takes_her_off_again(app, world):
    una_id = _user_id(app, "una@north.example")
    una = signed_in(app, "una@north.example")
    assert "Maria Example" not in una.get("/dashboard").text
    admin, csrf = _admin(app)
    admin.post(f"/admin/clients/{world.maria}/coaches", data={"csrf": csrf, "user_id": una_id})
    assert "Maria Example" in una.get("/dashboard").text
    assert una.get(f"/clients/{world.maria}").status_code == 200
    twice = admin.post(f"/admin/clients/{world.maria}/coaches",
                       data={"csrf": csrf, "user_id": una_id})
    assert twice.status_code == 409
    admin.post(f"/admin/clients/{world.maria}/coaches/remove",
               data={"csrf": csrf, "user_id": una_id})
    assert una.get(f"/clients/{world.maria}").status_code == 404
    not_a_coach = admin.post(f"/admin/clients/{world.maria}/coaches",
                             data={"csrf": csrf, "user_id": _user_id(app, "adam@north.example")})
    assert not_a_coach.status_code == 422 and "coach" in not_a_coach.text


def test_the_practice_settings_decide_what_coaches_see(app, world, db):
    una = signed_in(app, "una@north.example")
    admin, csrf = _admin(app)
    saved = admin.post("/admin/settings", data={"csrf": csrf, "coaches_see_all": "yes",
                                                "retention_years": "10"})
    assert saved.status_code == 200 and "saved" in saved.text
    practice = db.practice("North")
    assert practice.coaches_see_all and practice.retention_years == 10
    assert not practice.second_factor_required
    assert "Maria Example" in una.get("/dashboard").text
    wrong = admin.post("/admin/settings", data={"csrf": csrf, "retention_years": "-3"})
    assert wrong.status_code == 422 and "retention_years" in wrong.text
