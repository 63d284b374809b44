"""Password reset by a single-use e-mailed link, through a real SMTP server on loopback, and
what happens without e-mail configured."""

from __future__ import annotations

import logging
import re

from fastapi.testclient import TestClient

from smtp_loopback import PUBLIC_URL, link_in
from web_world import PASSWORD, csrf_of, signed_in

NEW_PASSWORD = "seven lanterns drift along the canal"


def _forgot(app, email):
    return TestClient(app).post("/password/forgot", data={"email": email})


def test_a_reset_email_arrives_and_its_link_works_once(mail_app, world):
    app, inbox = mail_app
    tablet = signed_in(app, "ana@north.example")
    assert _forgot(app, "ana@north.example").status_code == 200
    [message] = inbox.to("ana@north.example")
    assert message["Subject"] == "Reset your kinchain password"
    assert message["From"] == "kinchain@north.example"
    text = message.get_payload(decode=True).decode()
    assert "North" in text and "1 hour" not in text and "60 minutes" in text
    for health in ("Maria", "pain", "knee", "injur"):
        assert health not in text  # says what it is about, without health details
    link = link_in(message)
    assert link.startswith("/password/reset/")
    browser = TestClient(app)
    assert browser.get(link).status_code == 200
    assert browser.post(link, data={"password": NEW_PASSWORD}).status_code == 200
    again = browser.post(link, data={"password": NEW_PASSWORD + " twice"})
    assert again.status_code == 410 and "used already" in again.text
    assert tablet.get("/dashboard", follow_redirects=False).status_code == 303  # signed out
    old = TestClient(app).post("/login", data={"email": "ana@north.example",
                                               "password": PASSWORD})
    assert old.status_code == 422
    new = TestClient(app).post("/login", data={"email": "ana@north.example",
                                               "password": NEW_PASSWORD},
                               follow_redirects=False)
    assert new.status_code == 303


def test_a_reset_for_an_unknown_address_gives_the_same_page(mail_app, world):
    app, inbox = mail_app
    known = _forgot(app, "ana@north.example")
    unknown = _forgot(app, "nobody@north.example")
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text
    assert len(inbox.messages) == 1 and inbox.to("nobody@north.example") == []


def test_a_reset_link_expires_after_an_hour(mail_app, world, clock):
    app, inbox = mail_app
    _forgot(app, "ana@north.example")
    link = link_in(inbox.to("ana@north.example")[0])
    clock.advance(minutes=60, seconds=1)
    expired = TestClient(app).post(link, data={"password": NEW_PASSWORD})
    assert expired.status_code == 410 and "expired" in expired.text


def test_reset_requests_for_one_address_are_capped_without_saying_so(mail_app, world):
    app, inbox = mail_app
    pages = {_forgot(app, "ana@north.example").text for _ in range(7)}
    assert len(pages) == 1  # the same answer every time
    assert len(inbox.to("ana@north.example")) == 5  # the throttle's limit


def test_an_invitation_is_emailed_and_not_shown_on_the_page(mail_app, world):
    app, inbox = mail_app
    admin = signed_in(app, "adam@north.example")
    page = admin.post("/admin/invitations", data={"csrf": csrf_of(admin),
                                                  "email": "zoe@north.example", "role": "coach"})
    assert page.status_code == 200 and "on its way" in page.text
    assert "/join/" not in page.text
    [message] = inbox.to("zoe@north.example")
    assert "invitation" in message["Subject"].lower() and "as a coach" in link_body(message)
    joined = TestClient(app).post(link_in(message), data={"password": NEW_PASSWORD})
    assert joined.status_code == 200


def link_body(message) -> str:
    return message.get_payload(decode=True).decode()


def test_no_link_reaches_the_log(mail_app, world, caplog):
    app, inbox = mail_app
    with caplog.at_level(logging.DEBUG):
        _forgot(app, "ana@north.example")
        link = link_in(inbox.to("ana@north.example")[0])
        TestClient(app).post(link, data={"password": NEW_PASSWORD})
    token = link.rsplit("/", 1)[1]
    server_side = [r.getMessage() for r in caplog.records if not r.name.startswith("httpx")]
    assert server_side is not None and all(token not in line for line in server_side)


def test_the_access_log_keeps_no_link_token(caplog):
    from kinchain.web.security import redact_links_in_logs

    redact_links_in_logs()
    access = logging.getLogger("uvicorn.access")
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET",
                    "/password/reset/Bf6h8Gvbdlj_dNxLjBFod35q", "1.1", 200)
    assert "Bf6h8Gvbdlj" not in caplog.text and "/password/reset/…" in caplog.text


def test_a_sent_message_keeps_no_link_in_the_database(mail_app, world, db):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from kinchain.store import tables as t

    app, inbox = mail_app
    _forgot(app, "ana@north.example")
    assert inbox.to("ana@north.example")
    with Session(db.engine) as s:
        rows = list(s.scalars(select(t.OutboxRow)))
    assert [(r.recipient, r.body, r.sent_at is not None) for r in rows] == [
        ("ana@north.example", "", True)]


def test_a_message_the_server_cannot_take_shows_on_the_admin_page(db, world, smtp_server):
    from kinchain.config import Settings
    from kinchain.web import create_app
    from web_world import SECRET_KEY

    _, port = smtp_server
    closed = port + 1 if port < 65535 else port - 1  # nothing listens there
    app = create_app(Settings(secret_key=SECRET_KEY, smtp_host="127.0.0.1", smtp_port=closed,
                              smtp_from="kinchain@north.example", smtp_starttls=False,
                              public_url=PUBLIC_URL), db=db)
    admin = signed_in(app, "adam@north.example")
    admin.post("/admin/invitations", data={"csrf": csrf_of(admin), "email": "zoe@north.example",
                                           "role": "coach"})
    page = admin.get("/admin/accounts").text
    assert "could not be sent" in page and "zoe@north.example" in page


def test_without_email_the_forgot_page_says_an_admin_can_help(app, world):
    page = TestClient(app).post("/password/forgot", data={"email": "ana@north.example"})
    assert page.status_code == 200 and "admin can give you a reset link" in page.text
    admin = signed_in(app, "adam@north.example")
    ana_id = app.state.signin.user_by_email("ana@north.example").id
    shown = admin.post("/admin/accounts/reset", data={"csrf": csrf_of(admin), "user_id": ana_id})
    link = re.search(r'readonly value="http://[^/"]+(/password/reset/[^"]+)"', shown.text)
    assert link, "the admin sees the reset link"
    assert TestClient(app).post(link.group(1), data={"password": NEW_PASSWORD}).status_code == 200


def test_email_without_a_public_address_stops_the_app_from_starting(db):
    import pytest

    from kinchain.config import Settings
    from kinchain.web import create_app

    with pytest.raises(RuntimeError, match="KINCHAIN_PUBLIC_URL"):
        create_app(Settings(smtp_host="127.0.0.1", smtp_from="k@north.example"), db=db)
