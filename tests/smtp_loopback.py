"""A real SMTP server on loopback (aiosmtpd) that keeps the messages it received, and the web
app configured to send through it."""

from __future__ import annotations

import socket
from email import message_from_bytes
from email.message import Message

import pytest

from kinchain.config import Settings
from kinchain.web import create_app
from web_world import SECRET_KEY

PUBLIC_URL = "http://kinchain.test"


class Inbox:
    """What the server received: each message parsed, with its envelope's recipients."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: object, session: object, envelope) -> str:
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [m for rcpt, m in self.messages if address in rcpt]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def mail_app(db, smtp_server):
    inbox, port = smtp_server
    settings = Settings(secret_key=SECRET_KEY, smtp_host="127.0.0.1", smtp_port=port,
                        smtp_from="kinchain@north.example", smtp_starttls=False,
                        public_url=PUBLIC_URL)
    return create_app(settings, db=db), inbox


def link_in(message: Message) -> str:
    """The one link of a message's text, as a path on the server."""
    body = message.get_payload(decode=True).decode("utf-8")
    line = next(w for w in body.split() if w.startswith(PUBLIC_URL))
    return line.removeprefix(PUBLIC_URL)
