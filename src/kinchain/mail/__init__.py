"""Sending e-mail through the practice's own SMTP server: one message, one ``send``.

The interface the reminders, the message notices (and, at merge, the invitations and password
resets) share: :class:`Message` says who gets what, :class:`Smtp` says how to reach the
server, and :func:`send` hands the message over or raises :class:`MailError` with words fit for
the coach's dashboard (never the password). The stored SMTP password is sealed with Fernet under
the server's key (``KINCHAIN_SECRET_KEY``), so neither the database nor a log holds it plain.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid

from kinchain.errors import InputError

__all__ = ["KEY_VAR", "MailError", "Message", "Smtp", "seal", "send", "server_key", "unseal"]

#: the environment variable that holds the server's Fernet key
KEY_VAR = "KINCHAIN_SECRET_KEY"


class MailError(Exception):
    """A message could not be handed to the SMTP server (refused, unreachable, bad sign-in)."""


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)  # e.g. List-Unsubscribe


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    sender: str
    starttls: bool = True
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # plain, only while sending
    timeout: float = 20.0
    cafile: str | None = None  # a CA bundle for a server with a private certificate


def server_key() -> bytes:
    """The server's Fernet key from ``KINCHAIN_SECRET_KEY``; a clear message when it is missing."""
    key = os.environ.get(KEY_VAR, "").strip()
    if not key:
        raise InputError(f"{KEY_VAR}: expected a Fernet key (44 base64 characters) in the "
                         f"server's environment; received nothing")
    return key.encode()


def _fernet(key: bytes) -> object:
    from cryptography.fernet import Fernet

    try:
        return Fernet(key)
    except ValueError:
        raise InputError(f"{KEY_VAR}: expected a Fernet key (44 url-safe base64 characters); "
                         f"received {len(key)} characters that are not one") from None


def seal(secret: str, key: bytes, /) -> str:
    """``secret`` encrypted under ``key``, as text to store."""
    from cryptography.fernet import Fernet

    fernet = _fernet(key)
    assert isinstance(fernet, Fernet)
    return fernet.encrypt(secret.encode()).decode()


def unseal(token: str, key: bytes, /) -> str:
    """The secret that :func:`seal` stored; a clear message when the key is not the one used."""
    from cryptography.fernet import Fernet, InvalidToken

    fernet = _fernet(key)
    assert isinstance(fernet, Fernet)
    try:
        return fernet.decrypt(token.encode()).decode()
    except InvalidToken:
        raise InputError(f"smtp.password: the stored password does not open with the key in "
                         f"{KEY_VAR}; was the key changed? Enter the password again") from None


def _email(message: Message, smtp: Smtp) -> EmailMessage:
    email = EmailMessage()
    email["From"] = smtp.sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2] or "kinchain")
    for name, value in message.headers.items():
        email[name] = value
    email.set_content(message.body)
    return email


def send(message: Message, smtp: Smtp, /) -> None:
    """Hand ``message`` to the SMTP server (STARTTLS and sign-in when set), or raise MailError."""
    where = f"{smtp.host}:{smtp.port}"
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as server:
            if smtp.starttls:
                server.starttls(context=ssl.create_default_context(cafile=smtp.cafile))
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            refused = server.send_message(_email(message, smtp))
    except smtplib.SMTPRecipientsRefused as error:
        codes = ", ".join(str(code) for code, _ in error.recipients.values())
        raise MailError(f"the mail server {where} refused the address ({codes})") from None
    except smtplib.SMTPAuthenticationError as error:
        raise MailError(f"the mail server {where} refused the sign-in "
                        f"({error.smtp_code})") from None
    except smtplib.SMTPResponseException as error:
        said = error.smtp_error
        text = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
        raise MailError(f"the mail server {where} answered {error.smtp_code}: "
                        f"{text[:120]}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"the mail server {where} could not be reached "
                        f"({type(error).__name__}: {str(error)[:120]})") from None
    if refused:
        raise MailError(f"the mail server {where} refused {', '.join(refused)}")
