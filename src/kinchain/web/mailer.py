"""E-mail from the web app: the SMTP settings, the address e-mailed links point to, and the
delivery of a practice's outbox after the answer was sent (a background task)."""

from __future__ import annotations

import logging

from starlette.requests import Request

from kinchain.config import Settings
from kinchain.records import Practice
from kinchain.services.mail import SmtpConfig, deliver_outbox
from kinchain.store import Database

__all__ = ["base_url", "check_mail_settings", "deliver", "smtp_config"]

log = logging.getLogger("kinchain.web.mail")


def smtp_config(settings: Settings, /) -> SmtpConfig | None:
    """The SMTP server of ``KINCHAIN_SMTP_*``, or None when e-mail is off."""
    if not settings.smtp_host:
        return None
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    return SmtpConfig(host=settings.smtp_host, port=settings.smtp_port,
                      sender=settings.smtp_from or "", user=settings.smtp_user,
                      password=password, starttls=settings.smtp_starttls)


def check_mail_settings(settings: Settings, /) -> None:
    """Refuse to start with e-mail half configured: links need the public address (a forged
    Host header must not choose where a reset link points) and messages need a sender."""
    if not settings.smtp_host:
        return
    missing = [name for name, value in (("KINCHAIN_PUBLIC_URL", settings.public_url),
                                        ("KINCHAIN_SMTP_FROM", settings.smtp_from)) if not value]
    if missing:
        raise RuntimeError(f"e-mail: KINCHAIN_SMTP_HOST is set, so {' and '.join(missing)} "
                           "must be set too; received none")


def base_url(request: Request, /) -> str:
    """Where links point: the configured public address, else the address the request used
    (only shown to the admin who asked, never e-mailed: see :func:`check_mail_settings`)."""
    settings: Settings = request.app.state.settings
    return (settings.public_url or str(request.base_url)).rstrip("/")


def deliver(db: Database, practice: Practice, config: SmtpConfig, /) -> None:
    """Send the practice's waiting e-mails (a failure stays in the outbox, shown to admins)."""
    try:
        deliver_outbox(db.unit_of_work(practice, actor="mail", origin="outbox"), config)
    except Exception:  # the answer was sent already: keep the server up, say what happened
        log.exception("e-mail delivery for practice %s stopped", practice.id)
