"""Maria's reminders, sent through a real SMTP server on loopback and read back from it: at her
chosen local time, an evening nudge only when nothing was ticked, an unsubscribe link honoured
at once, no double or missed reminder across a restart, one sender among several processes,
and every failure on her coach's dashboard."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

import smtp_inbox
from kinchain.config import Settings
from kinchain.mail import seal
from kinchain.services.reminders import set_reminder
from kinchain.store import Database
from kinchain.store.reminders import SmtpSetting
from kinchain.web import create_app
from kinchain.web.scheduler import Scheduler, sign_link
from web_world import signed_in

KEY = Fernet.generate_key()
MARIA = "maria@client.example"


@pytest.fixture
def inbox():
    box = smtp_inbox.Inbox()
    controller = smtp_inbox.start(box)
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def mail_app(db):
    return create_app(Settings(secret_key=KEY.decode()), db=db)


def _smtp(db, port: int, password: str = smtp_inbox.PASSWORD) -> None:
    uow = db.unit_of_work("North", actor="setup")
    with uow:
        uow.reminders.set_smtp(SmtpSetting("127.0.0.1", port, False, smtp_inbox.USER,
                                           seal(password, KEY), "reminders@north.example",
                                           "http://testserver"))
        uow.commit()


def _at(clock, day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> None:
    clock.now = dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def _plan(db, world, at: str = "08:00", zone: str = "Europe/London", evening: str = "19:00"):
    set_reminder(db.unit_of_work("North", actor="maria"), world.maria, at=at, zone=zone,
                 evening=evening)


def _scheduler(db, clock, **kw) -> Scheduler:
    return Scheduler(db, key=KEY, clock=clock, **kw)


def test_the_reminder_arrives_at_her_chosen_local_time_and_says_nothing_of_her_health(
        db, world, inbox, clock):
    _smtp(db, inbox.port)
    _at(clock, 2, 6)
    _plan(db, world, at="08:15", zone="Europe/Madrid")  # 07:15 UTC in November
    scheduler = _scheduler(db, clock)
    _at(clock, 2, 7, 14)
    assert scheduler.run_once() == 0 and inbox.to(MARIA) == []
    _at(clock, 2, 7, 15)
    assert scheduler.run_once() == 1
    [message] = inbox.to(MARIA)
    assert message["Subject"] == "Your routine for today"
    assert message["List-Unsubscribe"].startswith("<http://testserver/unsubscribe/")
    body = message.get_content()
    assert "http://testserver/today" in body
    for health in ("pain", "knee", "ankle", "injur", "Maria"):
        assert health.lower() not in body.lower() + message["Subject"].lower()
    assert inbox.logins == [smtp_inbox.USER]  # signed in with the unsealed password
    assert scheduler.run_once() == 0  # once a day


def test_the_reminder_keeps_her_local_time_across_the_change_to_summer_time(
        db, world, inbox, clock):
    _smtp(db, inbox.port)
    _at(clock, 26, 12, month=3, year=2027)
    _plan(db, world, at="08:00", zone="Europe/London")
    scheduler = _scheduler(db, clock)
    _at(clock, 27, 8, month=3, year=2027)  # Saturday: GMT, 08:00 local is 08:00 UTC
    assert scheduler.run_once() == 1
    _at(clock, 28, 6, 59, month=3, year=2027)  # Sunday: BST, 08:00 local is 07:00 UTC
    assert scheduler.run_once() == 0
    _at(clock, 28, 7, 0, month=3, year=2027)
    assert scheduler.run_once() == 1
    assert len(inbox.to(MARIA)) == 2


def test_the_evening_nudge_comes_only_on_a_day_with_nothing_ticked(
        db, world, inbox, clock, mail_app):
    _smtp(db, inbox.port)
    _at(clock, 2, 6)
    _plan(db, world)
    scheduler = _scheduler(db, clock)
    _at(clock, 2, 8)
    scheduler.run_once()
    _at(clock, 2, 19)
    assert scheduler.run_once() == 1
    assert [m["Subject"] for m in inbox.to(MARIA)][-1].startswith("A gentle nudge")
    _at(clock, 3, 8)
    scheduler.run_once()
    _at(clock, 3, 12)
    maria = signed_in(mail_app, MARIA)
    page = maria.get(f"/my/{world.maria}/today").text
    exercise = page.split('name="exercise" value="', 1)[1].split('"', 1)[0]
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert maria.post(f"/my/{world.maria}/ticks",
                      data={"csrf": csrf, "exercise": exercise}).status_code == 200
    _at(clock, 3, 19, 30)
    assert scheduler.run_once() == 0
    subjects = [m["Subject"] for m in inbox.to(MARIA)]
    assert subjects == ["Your routine for today", "A gentle nudge: your routine for today",
                        "Your routine for today"]


def test_the_unsubscribe_link_stops_her_reminders_at_once_and_records_the_withdrawal(
        db, world, inbox, clock, mail_app):
    _smtp(db, inbox.port)
    _at(clock, 2, 6)
    _plan(db, world)
    scheduler = _scheduler(db, clock)
    _at(clock, 2, 8)
    scheduler.run_once()
    [link] = [line.strip() for line in inbox.to(MARIA)[0].get_content().splitlines()
              if "/unsubscribe/" in line]
    path = link.removeprefix("http://testserver")
    anonymous = TestClient(mail_app)  # the link works without signing in
    page = anonymous.get(path)
    assert page.status_code == 200 and "Stop your reminder e-mails?" in page.text
    done = anonymous.post(path)
    assert done.status_code == 200 and "Your reminders are stopped" in done.text
    _at(clock, 2, 19)
    assert scheduler.run_once() == 0  # not even the evening nudge, the same day
    _at(clock, 3, 8)
    assert scheduler.run_once() == 0
    uow = db.unit_of_work("North", actor="check")
    with uow:
        consents = [(c.topic, c.granted) for c in uow.consents.for_client(world.maria)]
    assert consents[-1] == ("reminders", False)


def test_an_unsubscribe_token_that_was_changed_or_made_for_another_purpose_is_not_found(
        world, mail_app):
    anonymous = TestClient(mail_app)
    good = sign_link("unsubscribe", world.maria, KEY)
    assert anonymous.get(f"/unsubscribe/{good[:-2]}xx").status_code == 404
    other = sign_link("calendar", world.maria, KEY)
    assert anonymous.post(f"/unsubscribe/{other}").status_code == 404
    assert anonymous.get(f"/unsubscribe/{sign_link('unsubscribe', world.maria, b'x' * 44)}"
                         ).status_code == 404


def test_a_restart_between_two_reminders_neither_doubles_nor_skips_one(
        db, world, inbox, clock, database_url):
    _smtp(db, inbox.port)
    _at(clock, 2, 6)
    _plan(db, world)
    first = _scheduler(db, clock)
    _at(clock, 2, 8, 1)
    assert first.run_once() == 1
    first.stop()  # the server stops, and comes back as a new process with its own engine
    again = Database(database_url, clock=clock)
    second = _scheduler(again, clock)
    _at(clock, 2, 8, 2)
    assert second.run_once() == 0  # the morning's reminder was sent already
    _at(clock, 2, 20, 30)  # down across 19:00: the nudge goes out when it is back
    assert second.run_once() == 1
    _at(clock, 3, 8)
    assert second.run_once() == 1
    again.engine.dispose()
    subjects = [m["Subject"] for m in inbox.to(MARIA)]
    assert subjects == ["Your routine for today", "A gentle nudge: your routine for today",
                        "Your routine for today"]


def test_two_server_processes_on_one_database_send_one_reminder(
        db, world, inbox, clock, database_url):
    _smtp(db, inbox.port)
    _at(clock, 2, 6)
    _plan(db, world)
    _at(clock, 2, 8)
    databases = [Database(database_url, clock=clock) for _ in range(4)]
    schedulers = [_scheduler(d, clock) for d in databases]
    counts: list[int] = []
    start = threading.Barrier(len(schedulers))

    def run(scheduler: Scheduler) -> None:
        start.wait()
        counts.append(scheduler.run_once())

    threads = [threading.Thread(target=run, args=(s,)) for s in schedulers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for d in databases:
        d.engine.dispose()
    assert sorted(counts) == [0, 0, 0, 1]
    assert len(inbox.to(MARIA)) == 1


def test_a_second_scheduler_waits_while_the_first_holds_the_lease(db, world, inbox, clock):
    _smtp(db, inbox.port)
    _at(clock, 2, 6)
    _plan(db, world)
    first, second = _scheduler(db, clock), _scheduler(db, clock)
    _at(clock, 2, 7, 59)
    clock.advance(seconds=30)
    first.run_once()  # takes the lease for 60 s; nothing due yet
    _at(clock, 2, 8, 0)
    assert second.run_once() == 0 and inbox.to(MARIA) == []
    assert first.run_once() == 1


def test_a_refused_address_shows_on_the_coach_s_dashboard(db, world, inbox, clock, mail_app):
    _smtp(db, inbox.port)
    inbox.refuse.add(MARIA)
    _at(clock, 2, 6)
    _plan(db, world)
    _at(clock, 2, 8)
    assert _scheduler(db, clock).run_once() == 0
    dashboard = signed_in(mail_app, "ana@north.example").get("/dashboard").text
    assert "the daily reminder of 2026-11-02 was not sent" in dashboard
    assert "refused the address (550)" in dashboard


def test_a_mail_server_that_cannot_be_reached_or_refuses_the_sign_in_shows_on_the_dashboard(
        db, world, inbox, clock, mail_app):
    _smtp(db, inbox.port, password="not the password")
    _at(clock, 2, 6)
    _plan(db, world)
    _at(clock, 2, 8)
    scheduler = _scheduler(db, clock)
    assert scheduler.run_once() == 0
    _smtp(db, smtp_inbox.free_port())  # nothing listens there
    _at(clock, 2, 19)
    assert scheduler.run_once() == 0
    dashboard = signed_in(mail_app, "ana@north.example").get("/dashboard").text
    assert "refused the sign-in (535)" in dashboard
    assert "the evening nudge of 2026-11-02 was not sent" in dashboard
    assert "could not be reached" in dashboard
    assert smtp_inbox.PASSWORD not in dashboard and "not the password" not in dashboard


def test_the_scheduler_starts_with_the_server_when_the_settings_ask(db, world, inbox, clock):
    _smtp(db, inbox.port)
    _at(clock, 2, 6)
    _plan(db, world)
    _at(clock, 2, 8)
    app = create_app(Settings(secret_key=KEY.decode(), reminders=True,
                              reminder_every_seconds=1), db=db)
    with TestClient(app):
        for _ in range(100):
            if inbox.to(MARIA):
                break
            threading.Event().wait(0.05)
    assert len(inbox.to(MARIA)) == 1


def test_the_smtp_password_set_on_the_command_line_is_stored_sealed_and_never_printed(
        db, world, database_url, monkeypatch):
    from typer.testing import CliRunner

    from kinchain.cli import _register_commands, app
    from kinchain.mail import unseal

    monkeypatch.setenv("KINCHAIN_SECRET_KEY", KEY.decode())
    _register_commands()
    done = CliRunner().invoke(app, [
        "mail", "set", "North", "--host", "127.0.0.1", "--port", "2525", "--user", "practice",
        "--sender", "reminders@north.example", "--base-url", "https://north.example",
        "--database", database_url], input="s3cret smtp password\n")
    assert done.exit_code == 0, done.output
    assert "s3cret" not in done.output
    uow = db.unit_of_work("North", actor="check")
    with uow:
        stored = uow.reminders.smtp()
    assert stored is not None and stored.password_sealed is not None
    assert "s3cret" not in stored.password_sealed
    assert unseal(stored.password_sealed, KEY) == "s3cret smtp password"
