"""The server's settings, in one object: from ``KINCHAIN_*`` environment variables, with safe
defaults for a single practice on one machine."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """What the web app reads at start. Each field is also ``KINCHAIN_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="KINCHAIN_", extra="ignore")

    database_url: str | None = None  # None: the embedded SQLite file (store.default_url)
    #: a signed-in browser is signed out after this many idle minutes (a shared tablet)
    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    #: and after this many hours in any case
    session_max_hours: int = Field(default=12, ge=1, le=24 * 7)
    #: failed sign-ins for one e-mail address within ``throttle_minutes`` before a pause
    throttle_failures: int = Field(default=5, ge=1, le=100)
    throttle_minutes: int = Field(default=15, ge=1, le=24 * 60)
    #: cookies marked Secure; leave None to follow the request (HTTPS behind a proxy: True)
    secure_cookies: bool | None = None
    #: the key that encrypts stored second-factor secrets (Fernet, base64); None: a key file
    #: in the user data folder, made on first use
    secret_key: str | None = None
    #: the address the server is reached at (``https://kinchain.example``): e-mailed links
    #: point here. Required when e-mail is configured, so that a forged Host header cannot
    #: send a reset link to somewhere else
    public_url: str | None = None
    #: the practice's SMTP server; e-mail is off while ``smtp_host`` is None (links are then
    #: shown to the admin on the page)
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None
    smtp_starttls: bool = True
    #: run the reminder scheduler inside this server process (``kinchain serve`` turns it on;
    #: however many processes run, one sends: a lease row in the database)
    reminders: bool = False
    #: seconds between two passes of the reminder scheduler
    reminder_every_seconds: float = Field(default=30.0, ge=1.0, le=3600.0)
