"""kinchain.mail over a real SMTP server on loopback: STARTTLS and a password, a clear message
for each way a send fails, and a sealed password that opens only with its key."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

import smtp_inbox
from kinchain.errors import InputError
from kinchain.mail import MailError, Message, Smtp, seal, send, unseal


def test_a_message_goes_over_starttls_with_the_practice_s_user_and_password(tmp_path):
    cert, key = smtp_inbox.self_signed(tmp_path)
    inbox = smtp_inbox.Inbox()
    controller = smtp_inbox.start_tls(inbox, cert, key)
    try:
        send(Message("maria@client.example", "Your routine for today", "Hello"),
             Smtp("127.0.0.1", controller.port, "reminders@north.example", True,
                  smtp_inbox.USER, smtp_inbox.PASSWORD, cafile=cert))
        with pytest.raises(MailError, match="answered 530: Must issue a STARTTLS"):
            send(Message("maria@client.example", "x", "y"),
                 Smtp("127.0.0.1", controller.port, "r@north.example", False, None, None))
    finally:
        controller.stop()
    assert [m["Subject"] for m in inbox.messages] == ["Your routine for today"]
    assert inbox.logins == [smtp_inbox.USER]


def test_a_server_whose_certificate_is_not_trusted_is_not_sent_to(tmp_path):
    cert, key = smtp_inbox.self_signed(tmp_path)
    inbox = smtp_inbox.Inbox()
    controller = smtp_inbox.start_tls(inbox, cert, key)
    try:
        with pytest.raises(MailError, match=r"CERTIFICATE_VERIFY_FAILED|could not be reached"):
            send(Message("maria@client.example", "x", "y"),
                 Smtp("127.0.0.1", controller.port, "r@north.example", True,
                      smtp_inbox.USER, smtp_inbox.PASSWORD))
    finally:
        controller.stop()
    assert inbox.messages == [] and inbox.logins == []


def test_a_sealed_password_opens_only_with_its_key_and_a_missing_key_is_named(monkeypatch):
    key = Fernet.generate_key()
    sealed = seal("smtp password", key)
    assert "smtp password" not in sealed and unseal(sealed, key) == "smtp password"
    with pytest.raises(InputError, match="does not open with the key"):
        unseal(sealed, Fernet.generate_key())
    with pytest.raises(InputError, match="KINCHAIN_SECRET_KEY: expected a Fernet key"):
        seal("x", b"too short")
    from kinchain.mail import server_key

    monkeypatch.delenv("KINCHAIN_SECRET_KEY", raising=False)
    with pytest.raises(InputError, match="KINCHAIN_SECRET_KEY: expected a Fernet key"):
        server_key()
