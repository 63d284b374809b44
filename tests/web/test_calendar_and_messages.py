"""Maria's calendar feed at a secret, revocable URL (no sign-in), and the messages between her
and her coach: kept with her record, a notice by e-mail that says only that a message waits,
and only her own thread."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from icalendar import Calendar

import smtp_inbox
from kinchain.config import Settings
from kinchain.mail import seal
from kinchain.services.reminders import set_reminder
from kinchain.store.reminders import SmtpSetting
from kinchain.web import create_app
from web_world import signed_in

KEY = Fernet.generate_key()


@pytest.fixture
def mail_app(db):
    return create_app(Settings(secret_key=KEY.decode()), db=db)


@pytest.fixture
def inbox(db):
    box = smtp_inbox.Inbox()
    controller = smtp_inbox.start(box)
    uow = db.unit_of_work("North", actor="setup")
    with uow:
        uow.reminders.set_smtp(SmtpSetting("127.0.0.1", controller.port, False, smtp_inbox.USER,
                                           seal(smtp_inbox.PASSWORD, KEY),
                                           "reminders@north.example", "http://testserver"))
        uow.commit()
    yield box
    controller.stop()


def _path(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_her_calendar_feed_has_her_daily_routine_at_her_local_time_and_her_next_check_in(
        db, world, mail_app):
    set_reminder(db.unit_of_work("North", actor="maria"), world.maria, at="07:45",
                 zone="Europe/Berlin")
    maria = signed_in(mail_app, "maria@client.example")
    answer = maria.get(f"/api/v1/clients/{world.maria}/calendar")
    assert answer.status_code == 200
    url = answer.json()["url"]
    assert url.endswith(".ics") and world.maria not in url
    feed = TestClient(mail_app).get(_path(url))  # no sign-in: a phone's calendar fetches it
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    daily = events["My routine"]
    start = daily.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (7, 45, "Europe/Berlin")
    assert daily["rrule"]["FREQ"] == ["DAILY"]
    checkin = events["My check-in"].decoded("dtstart")
    assert isinstance(checkin, dt.date) and checkin > dt.date(2026, 11, 1)
    assert "pain" not in feed.text.lower()


def test_her_coach_gets_the_same_url_and_a_revoked_or_wrong_secret_is_not_found(
        db, world, mail_app):
    maria = signed_in(mail_app, "maria@client.example")
    url = maria.get(f"/api/v1/clients/{world.maria}/calendar").json()["url"]
    ana = signed_in(mail_app, "ana@north.example")
    assert ana.get(f"/api/v1/clients/{world.maria}/calendar").json()["url"] == url
    anonymous = TestClient(mail_app)
    assert anonymous.get(_path(url)).status_code == 200
    assert anonymous.get(_path(url).replace(".ics", "0.ics")).status_code == 404
    csrf = maria.get(f"/my/{world.maria}/today").text.split('name="csrf" value="', 1)[1][:64]
    revoked = maria.post(f"/api/v1/clients/{world.maria}/calendar/revoke",
                         headers={"x-csrf-token": csrf.split('"', 1)[0]})
    assert revoked.status_code == 200
    assert anonymous.get(_path(url)).status_code == 404
    fresh = maria.get(f"/api/v1/clients/{world.maria}/calendar").json()["url"]
    assert fresh != url and anonymous.get(_path(fresh)).status_code == 200


def _csrf(client, path: str) -> str:
    return client.get(path).text.split('name="csrf" value="', 1)[1].split('"', 1)[0]


def test_a_message_from_maria_reaches_her_coach_with_a_notice_that_holds_no_health_detail(
        db, world, mail_app, inbox):
    maria = signed_in(mail_app, "maria@client.example")
    sent = maria.post(f"/messages/{world.maria}",
                      data={"csrf": _csrf(maria, f"/messages/{world.maria}"),
                            "body": "My left knee hurts after the step-downs."})
    assert sent.status_code == 200 and "Sent." in sent.text
    ana = signed_in(mail_app, "ana@north.example")
    assert "My left knee hurts after the step-downs." in ana.get(f"/messages/{world.maria}").text
    [notice] = inbox.to("ana@north.example")
    text = (notice["Subject"] + notice.get_content()).lower()
    assert "a new message" in text and f"/messages/{world.maria}" in text
    for detail in ("knee", "hurt", "step", "maria"):
        assert detail not in text
    reply = ana.post(f"/messages/{world.maria}",
                     data={"csrf": _csrf(ana, f"/messages/{world.maria}"),
                           "body": "Thank you: skip them until we talk on Friday."})
    assert reply.status_code == 200
    assert "skip them until we talk" in maria.get(f"/messages/{world.maria}").text
    assert [m["To"] for m in inbox.messages] == ["ana@north.example", "maria@client.example"]


def test_maria_sees_only_her_own_thread(db, world, mail_app, inbox):
    bea = signed_in(mail_app, "bea@north.example")
    bea.post(f"/messages/{world.tom}", data={"csrf": _csrf(bea, f"/messages/{world.tom}"),
                                             "body": "Tom, see you on Monday."})
    maria = signed_in(mail_app, "maria@client.example")
    assert maria.get(f"/messages/{world.tom}").status_code == 404
    assert "see you on Monday" not in maria.get(f"/messages/{world.maria}").text


def test_a_message_is_kept_with_the_record_and_never_changed(db, world, mail_app, inbox):
    from sqlalchemy import text

    maria = signed_in(mail_app, "maria@client.example")
    maria.post(f"/messages/{world.maria}",
               data={"csrf": _csrf(maria, f"/messages/{world.maria}"), "body": "Hello"})
    with pytest.raises(Exception, match="never changed"), db.engine.begin() as c:
        c.execute(text("UPDATE message SET body = 'changed'"))
    empty = maria.post(f"/messages/{world.maria}",
                       data={"csrf": _csrf(maria, f"/messages/{world.maria}"), "body": "  "})
    assert empty.status_code == 422 and "message: expected some text" in empty.text


def test_a_notice_that_cannot_be_sent_shows_on_the_coach_s_dashboard(db, world, mail_app, inbox):
    inbox.refuse.add("ana@north.example")
    maria = signed_in(mail_app, "maria@client.example")
    maria.post(f"/messages/{world.maria}",
               data={"csrf": _csrf(maria, f"/messages/{world.maria}"), "body": "Hello"})
    dashboard = signed_in(mail_app, "ana@north.example").get("/dashboard").text
    assert "the e-mail saying a message waits of 2026-11-02 was not sent" in dashboard
    assert "(550)" in dashboard


def test_a_red_flag_yes_tells_her_coach_at_once_by_e_mail_without_the_detail(
        db, world, mail_app, inbox, clock):
    clock.advance(days=7)
    maria = signed_in(mail_app, "maria@client.example")
    sent = maria.post(f"/my/{world.maria}/checkin", data={
        "csrf": _csrf(maria, f"/my/{world.maria}/checkin"), "effort": "ok",
        "q_saddle_numbness": "yes"})
    assert "stop the exercises" in sent.text
    [alert] = inbox.to("ana@north.example")
    text = (alert["Subject"] + alert.get_content()).lower()
    assert "needs you today" in text and f"/clients/{world.maria}" in text
    for detail in ("saddle", "numb", "maria", "bladder"):
        assert detail not in text
