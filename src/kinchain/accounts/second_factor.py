"""The second factor: time-based one-time codes (TOTP, RFC 6238) from an authenticator app.

- The secret is 160 random bits (RFC 4226 §4 asks for at least 128, recommends 160), shown to
  the user as base32 text and as an ``otpauth://`` URI an app can read; the store keeps it
  encrypted (:mod:`kinchain.store.keys`).
- A code is 6 digits for a 30-second step (RFC 6238's defaults, which every app uses).
- A code is accepted for the current step and one step either side (RFC 6238 §5.2 allows a
  small window for clock drift and typing time): about 90 seconds in all.
- A code is used once: :func:`matching_step` accepts only a step after the last one used, and
  the store records that step with a compare-and-set (so a code read over a shoulder, or sent
  twice at once, opens one session).

>>> import datetime as dt
>>> secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
>>> now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
>>> code = code_at(secret, now)
>>> step = matching_step(secret, code, now, last_step=0)
>>> step == step_of(now)
True
>>> matching_step(secret, code, now, last_step=step) is None  # replayed
True
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Final
from urllib.parse import quote

__all__ = ["DIGITS", "STEP_SECONDS", "WINDOW", "code_at", "matching_step", "new_secret",
           "provisioning_uri", "step_of"]

#: digits in a code and seconds in a step: RFC 6238's defaults
DIGITS: Final = 6
STEP_SECONDS: Final = 30
#: steps accepted either side of the current one
WINDOW: Final = 1


def new_secret() -> str:
    """A new secret: 160 random bits as base32 text (what the user types into an app)."""
    import pyotp

    return pyotp.random_base32(length=32)


def step_of(now: dt.datetime, /) -> int:
    """The time step ``now`` falls in (seconds since 1970 over the step length)."""
    if now.utcoffset() is None:
        raise ValueError(f"now: expected a timezone-aware time, received {now!r}")
    return int(now.timestamp()) // STEP_SECONDS


def code_at(secret: str, now: dt.datetime, /) -> str:
    """The code an app shows at ``now`` (for tests and the enrolment check)."""
    import pyotp

    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).generate_otp(step_of(now))


def matching_step(secret: str, code: str, now: dt.datetime, /, *, last_step: int) -> int | None:
    """The step whose code ``code`` is, within the window around ``now`` and after
    ``last_step``; None when the code is wrong, too old or already used."""
    import pyotp

    typed = "".join(code.split())
    if len(typed) != DIGITS or not typed.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = step_of(now)
    found = None
    for step in range(current - WINDOW, current + WINDOW + 1):
        if hmac.compare_digest(typed, totp.generate_otp(step)) and step > last_step:
            found = step  # look at every step: the time taken says nothing about which matched
    return found


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The ``otpauth://totp/...`` URI an authenticator app reads (Key Uri Format)."""
    label = quote(f"{issuer}:{account}", safe="")
    return (f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer, safe='')}"
            f"&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}")
