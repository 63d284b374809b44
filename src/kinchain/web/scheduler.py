"""The reminder scheduler, inside the server process: each tick it takes the lease (one
process sends, however many run), finds the reminders due at each client's local time, claims
each one in the database before sending it (a restart or a second process never sends it
twice, and one missed while the server was down goes out when it is back, that same day), and
records every failure where the coach's dashboard shows it.

A test drives it by hand: ``Scheduler(db, key=..., clock=...).run_once()``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import socket
import threading
from base64 import urlsafe_b64decode, urlsafe_b64encode
from collections.abc import Callable
from zoneinfo import ZoneInfo

from kinchain.mail import MailError, Message, Smtp, send, unseal
from kinchain.store import Database
from kinchain.store.reminders import DuePlan, Jobs, SmtpSetting

__all__ = ["LEASE", "Scheduler", "notify", "sign_link", "verify_link"]

LEASE = "reminders"
log = logging.getLogger("kinchain.scheduler")


def sign_link(purpose: str, subject: str, key: bytes, /) -> str:
    """A token for one purpose and one subject (a client id), signed with the server's key."""
    mac = hmac.new(key, f"{purpose}:{subject}".encode(), hashlib.sha256).digest()[:20]
    raw = urlsafe_b64encode(subject.encode()).decode().rstrip("=")
    return f"{raw}.{urlsafe_b64encode(mac).decode().rstrip('=')}"


def verify_link(purpose: str, token: str, key: bytes, /) -> str | None:
    """The subject of a token signed for ``purpose``; None for any other token."""
    raw, _, _mac = token.partition(".")
    try:
        subject = urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    return subject if hmac.compare_digest(sign_link(purpose, subject, key), token) else None


def _bodies(kind: str, base: str, unsubscribe: str) -> tuple[str, str]:
    """Subject and text: what the e-mail is about, never a health detail."""
    if kind == "evening":
        subject = "A gentle nudge: your routine for today"
        lead = "Nothing is ticked for today yet. If you have a few minutes, your routine is here:"
    else:
        subject = "Your routine for today"
        lead = "Your routine for today is ready:"
    body = (f"Hello,\n\n{lead}\n{base}/today\n\nYou asked your practice to remind you. "
            f"To stop these reminders, open:\n{unsubscribe}\n")
    return subject, body


class Scheduler:
    """Sends each client's daily reminder and evening nudge at her local times."""

    def __init__(self, db: Database, *, key: bytes | None, clock: Callable[[], dt.datetime]
                 | None = None, holder: str | None = None, lease_seconds: float = 60.0,
                 every_seconds: float = 30.0) -> None:
        self.db, self.key = db, key
        self.jobs = Jobs(db.engine)
        self.clock = clock or db.clock
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.lease_seconds, self.every_seconds = lease_seconds, every_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int:
        """One pass: how many reminders this process sent (0 without the lease)."""
        now = self.clock()
        if not self.jobs.take_lease(LEASE, self.holder, now, self.lease_seconds):
            return 0
        sent = 0
        for due in self.jobs.active_plans():
            for kind in self._due_kinds(due, now):
                sent += self._send_one(due, kind, now)
        return sent

    def _due_kinds(self, due: DuePlan, now: dt.datetime) -> list[tuple[str, dt.date]]:
        zone = ZoneInfo(due.plan.zone)
        day = now.astimezone(zone).date()
        kinds = []
        for kind, at in (("daily", due.plan.local_time), ("evening", due.plan.evening_time)):
            moment = dt.datetime.combine(day, at, tzinfo=zone)
            if moment <= now and moment >= due.since:
                kinds.append((kind, day))
        if any(k == "evening" for k, _ in kinds):
            start = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
            if self.jobs.ticked(due.plan.client_id, day, start, start + dt.timedelta(days=1)):
                kinds = [k for k in kinds if k[0] != "evening"]
        return kinds

    def _send_one(self, due: DuePlan, kind_day: tuple[str, dt.date], now: dt.datetime) -> int:
        kind, day = kind_day
        plan = due.plan
        send_id = self.jobs.claim(due.practice_id, plan.client_id, day, kind,
                                  holder=self.holder, now=now)
        if send_id is None:
            return 0  # sent (or tried) already, by this process or another
        try:
            smtp, base = self.smtp_for(due.practice_id)
            token = sign_link("unsubscribe", plan.client_id, self._key())
            unsubscribe = f"{base}/unsubscribe/{token}"
            subject, body = _bodies(kind, base, unsubscribe)
            send(Message(plan.email, subject, body, headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}), smtp)
        except MailError as error:
            log.warning("reminder %s for client %s not sent: %s", kind, plan.client_id, error)
            self.jobs.finish(send_id, sent=False, detail=str(error), now=self.clock())
            return 0
        self.jobs.finish(send_id, sent=True, detail="", now=self.clock())
        return 1

    def _key(self) -> bytes:
        if self.key is None:
            raise MailError("the server has no KINCHAIN_SECRET_KEY: links cannot be signed")
        return self.key

    def smtp_for(self, practice_id: str) -> tuple[Smtp, str]:
        setting: SmtpSetting | None = self.jobs.smtp(practice_id)
        if setting is None:
            raise MailError("the practice has no mail server set up")
        password = None
        if setting.password_sealed:
            try:
                password = unseal(setting.password_sealed, self._key())
            except ValueError as error:  # InputError: the key changed
                raise MailError(str(error)) from None
        smtp = Smtp(setting.host, setting.port, setting.sender, setting.starttls,
                    setting.username, password)
        return smtp, setting.base_url.rstrip("/")

    # ------------------------------------------------------------ running in the server

    def start(self) -> None:
        """Run passes every ``every_seconds`` in a background thread until :meth:`stop`."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="kinchain-reminders",
                                        daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # a database outage: say so, and try again next pass
                log.exception("the reminder pass failed; it runs again in %ss",
                              self.every_seconds)
            self._stop.wait(self.every_seconds)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.jobs.release(LEASE, self.holder)


def notify(scheduler: Scheduler, practice_id: str, client_id: str, kind: str, to: list[str],
           subject: str, body: str) -> bool:
    """Send a notice (a message is waiting) now, recorded like a reminder: a failure shows
    on the coach's dashboard. ``False`` when it was not sent."""
    now = scheduler.clock()
    send_id = scheduler.jobs.claim(practice_id, client_id, now.date(), kind[:40],
                                   holder=scheduler.holder, now=now)
    if send_id is None:
        return False
    try:
        if not to:
            raise MailError("nobody has an account to receive it")
        smtp, base = scheduler.smtp_for(practice_id)
        for address in to:
            send(Message(address, subject, body.format(base=base)), smtp)
    except MailError as error:
        scheduler.jobs.finish(send_id, sent=False, detail=str(error), now=scheduler.clock())
        return False
    scheduler.jobs.finish(send_id, sent=True, detail="", now=scheduler.clock())
    return True
