"""E-mail: what kinchain's messages say, and their delivery through the practice's SMTP server
(the standard library's :mod:`smtplib`) from the outbox.

A message says what it is about and never carries health details. A link in a message is a
single-use secret: it is never logged, and the outbox blanks a message's body once sent.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from types import TracebackType
from typing import Protocol

from kinchain.records import Mail

__all__ = ["MailOutbox", "SmtpConfig", "deliver_outbox", "invitation_mail", "reset_mail",
           "send_mail"]


@dataclass(frozen=True)
class SmtpConfig:
    """The practice's SMTP server (``KINCHAIN_SMTP_*``); the password never reaches a log."""

    host: str
    port: int
    sender: str  # the From address
    user: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 20.0

    def __repr__(self) -> str:  # never print the password
        return f"SmtpConfig(host={self.host!r}, port={self.port}, sender={self.sender!r})"


class MailOutbox(Protocol):
    def pending(self, *, limit: int = 20) -> list[Mail]: ...
    def sent(self, mail_id: str, /) -> None: ...
    def failed(self, mail_id: str, error: str, /) -> None: ...


class _OutboxUnitOfWork(Protocol):
    @property
    def outbox(self) -> MailOutbox: ...
    def commit(self) -> None: ...
    def __enter__(self) -> _OutboxUnitOfWork: ...
    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None: ...


def invitation_mail(practice: str, role: str, url: str, *, days: int) -> tuple[str, str]:
    """The subject and text of an invitation."""
    what = "a client" if role == "client" else f"a {role}"
    subject = f"Your invitation to {practice} on kinchain"
    body = (f"Hello,\n\n{practice} invites you to kinchain as {what}.\n\n"
            f"Open this link within {days} days to choose your password and join:\n\n{url}\n\n"
            "The link works once. If you did not expect this e-mail, ignore it: no account is "
            "made until the link is used.\n\n-- kinchain\n")
    return subject, body


def reset_mail(practice: str, url: str, *, minutes: int) -> tuple[str, str]:
    """The subject and text of a password reset."""
    subject = "Reset your kinchain password"
    body = (f"Hello,\n\nSomeone asked to reset the password of your kinchain account at "
            f"{practice}.\n\nOpen this link within {minutes} minutes to choose a new password:"
            f"\n\n{url}\n\nThe link works once; every place you are signed in is signed out. "
            "If it was not you, ignore this e-mail: your password stays as it is.\n\n"
            "-- kinchain\n")
    return subject, body


def send_mail(config: SmtpConfig, recipient: str, subject: str, body: str, /) -> None:
    """Hand one message to the SMTP server (STARTTLS and login when configured)."""
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=config.sender.rpartition("@")[2] or None)
    message.set_content(body)
    with smtplib.SMTP(config.host, config.port, timeout=config.timeout) as smtp:
        if config.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if config.user:
            smtp.login(config.user, config.password or "")
        smtp.send_message(message)


def deliver_outbox(uow: _OutboxUnitOfWork, config: SmtpConfig, /) -> int:
    """Send the practice's waiting messages; how many the server took. A message the server
    refuses stays in the outbox with its error (tried again later, at most a few times), and
    the admin pages show it: a failure is never silent."""
    with uow:
        waiting = uow.outbox.pending()
    sent = 0
    for mail in waiting:
        try:
            send_mail(config, mail.recipient, mail.subject, mail.body)
        except (OSError, smtplib.SMTPException) as e:
            error = f"{type(e).__name__}: {e}"  # the server's words; never the message body
            with uow:
                uow.outbox.failed(mail.id, error)
                uow.commit()
            continue
        with uow:
            uow.outbox.sent(mail.id)
            uow.commit()
        sent += 1
    return sent
