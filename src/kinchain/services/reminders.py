"""The client's reminders, her calendar feed and the messages with her coach, as use cases.

Setting a reminder records her consent to reminders; stopping it (her page or the unsubscribe
link) records its withdrawal, at once. The scheduler that sends them is
:mod:`kinchain.web.scheduler`; what it could not send shows on the coach's dashboard.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from kinchain.errors import InputError
from kinchain.records import Message, ReminderPlan
from kinchain.services.client_side import CHECKIN_EVERY_DAYS
from kinchain.services.lifecycle import record_consent
from kinchain.services.uow import UnitOfWork

__all__ = [
    "MESSAGE_LIMIT",
    "calendar_secret",
    "calendar_view",
    "feed_digest",
    "parse_time",
    "parse_zone",
    "post_message",
    "recipients",
    "revoke_calendar",
    "set_reminder",
    "stop_reminders",
    "thread",
]

MESSAGE_LIMIT = 4000


def parse_time(field: str, text: str, /) -> dt.time:
    try:
        value = dt.time.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{field}: expected a time such as 07:30; received {text!r}") from None
    return value.replace(second=0, microsecond=0)


def parse_zone(text: str, /) -> str:
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"zone: expected an IANA time zone such as Europe/London; "
                         f"received {text!r}") from None
    if name not in available_timezones() and name != "UTC":
        raise InputError(f"zone: expected an IANA time zone such as Europe/London; "
                         f"received {text!r}")
    return name


def _email_of(uow: UnitOfWork, client_id: str) -> str:
    for user in uow.users.all():
        if user.client_id == client_id:
            return user.email
    raise InputError("email: the client has no account to send reminders to; invite her first")


def set_reminder(uow: UnitOfWork, client_id: str, /, *, at: str, zone: str,
                 evening: str = "19:00") -> ReminderPlan:
    """Her daily reminder at local time ``at`` in ``zone``, and the evening nudge."""
    local, nudge, name = parse_time("time", at), parse_time("evening", evening), parse_zone(zone)
    if nudge <= local:
        raise InputError(f"evening: expected a time after the reminder ({local:%H:%M}); "
                         f"received {nudge:%H:%M}")
    with uow:
        plan = uow.reminders.set_plan(client_id, email=_email_of(uow, client_id),
                                      local_time=local, evening_time=nudge, zone=name)
        uow.audit.record("reminders.set", client_id=client_id,
                         detail=f"{local:%H:%M} {name}, evening {nudge:%H:%M}")
        uow.commit()
    record_consent(uow, client_id, "reminders", True, how="set on her reminders page")
    return plan


def stop_reminders(uow: UnitOfWork, client_id: str, /, *, how: str) -> bool:
    """No more reminders, from now; the withdrawal of consent is recorded (once)."""
    with uow:
        stopped = uow.reminders.stop(client_id)
        uow.commit()
    if stopped:
        record_consent(uow, client_id, "reminders", False, how=how)
    return stopped


def _secret(key: bytes, nonce: str) -> tuple[str, str]:
    secret = hmac.new(key, f"calendar:{nonce}".encode(), hashlib.sha256).hexdigest()
    return secret, hashlib.sha256(secret.encode()).hexdigest()


def calendar_secret(uow: UnitOfWork, client_id: str, key: bytes, /) -> str:
    """The secret in her calendar feed's URL (made on first ask; only its digest is stored)."""
    with uow:
        nonce = uow.reminders.calendar_nonce(client_id)
        if nonce is None:
            if uow.reminders.plan(client_id) is None:
                uow.reminders.set_plan(client_id, email="", local_time=dt.time(8),
                                       evening_time=dt.time(19), zone="UTC", active=False)
            nonce = secrets.token_hex(16)
            uow.reminders.set_calendar(client_id, nonce, _secret(key, nonce)[1])
            uow.audit.record("calendar.create", client_id=client_id)
        uow.commit()
    return _secret(key, nonce)[0]


def revoke_calendar(uow: UnitOfWork, client_id: str, /) -> None:
    """The feed's URL stops working at once (a later ask makes a new one)."""
    with uow:
        if uow.reminders.calendar_nonce(client_id) is not None:
            uow.reminders.set_calendar(client_id, None, None)
            uow.audit.record("calendar.revoke", client_id=client_id)
        uow.commit()


def feed_digest(secret: str, /) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def post_message(uow: UnitOfWork, client_id: str, body: str, /, *, role: str) -> Message:
    text = body.strip()
    if not text:
        raise InputError("message: expected some text; received nothing")
    if len(text) > MESSAGE_LIMIT:
        raise InputError(f"message: expected at most {MESSAGE_LIMIT} characters; "
                         f"received {len(text)}")
    with uow:
        message = uow.reminders.add_message(client_id, text, author_role=role)
        uow.audit.record("message.add", client_id=client_id, detail=f"by the {role}")
        uow.commit()
    return message


def thread(uow: UnitOfWork, client_id: str, /) -> list[Message]:
    with uow:
        messages = uow.reminders.thread(client_id)
        uow.audit.record("message.read", client_id=client_id)
        uow.commit()
    return messages


def calendar_view(uow: UnitOfWork, client_id: str, /, *,
                  every_days: int = CHECKIN_EVERY_DAYS) -> tuple[ReminderPlan | None, dt.date]:
    """What her calendar feed shows: her reminder plan and the day of her next check-in."""
    with uow:
        plan = uow.reminders.plan(client_id)
        checkins = uow.checkins.for_client(client_id)
        last = checkins[-1].date if checkins else uow.intakes.current(client_id).saved_at.date()
        uow.audit.record("calendar.read", client_id=client_id)
        uow.commit()
    return plan, last + dt.timedelta(days=every_days)


def recipients(uow: UnitOfWork, client_id: str, /, *, to_client: bool) -> list[str]:
    """Whom a message notice goes to: the client's account, or her assigned coaches."""
    with uow:
        users = uow.users.all()
        coaches = set(uow.clients.get(client_id).coaches)
    if to_client:
        return [u.email for u in users if u.client_id == client_id]
    return [u.email for u in users if u.id in coaches]
