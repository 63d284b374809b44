"""Single-use tokens for invitation and password-reset links.

Following the OWASP Forgot Password Cheat Sheet (tokens "randomly generated using a
cryptographically safe algorithm", "sufficiently long to protect against brute-force attacks",
"stored securely", "single use and expire after an appropriate period"):

- the token is 32 bytes from :mod:`secrets` (256 bits), URL-safe text of 43 characters;
- only its SHA-256 digest is stored (:class:`TokenRecord`), so a copy of the database opens no
  link. A plain hash is enough because the token is random and long: NIST SP 800-63B-4
  §3.1.2.2 asks for a salted, costly password hash only for secrets under 112 bits;
- a presented token is compared with the stored digest in constant time
  (:func:`hmac.compare_digest`);
- expiry is explicit: each record carries ``expires_at``, and the caller passes ``now``;
- single use: :func:`mark_used` returns the record with ``used_at`` set. The store must write
  it with a compare-and-set (``... WHERE used_at IS NULL``) in the same transaction as the
  change the token allows, so two clicks at once use it once.

The store looks a record up by :func:`token_digest` of the presented token, then calls
:func:`check_token`.

>>> from datetime import UTC, datetime, timedelta
>>> now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
>>> plain, record = issue_token(now, timedelta(hours=1), purpose=TokenPurpose.PASSWORD_RESET)
>>> check_token(plain, record, now, purpose=TokenPurpose.PASSWORD_RESET)
<TokenCheck.OK: 'ok'>
>>> check_token(plain, record, now + timedelta(hours=2), purpose=TokenPurpose.PASSWORD_RESET)
<TokenCheck.EXPIRED: 'expired'>
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from kinchain.errors import ConflictError

__all__ = [
    "INVITATION_TTL",
    "PASSWORD_RESET_TTL",
    "TOKEN_BYTES",
    "TokenCheck",
    "TokenPurpose",
    "TokenRecord",
    "check_token",
    "issue_token",
    "mark_used",
    "token_digest",
]

#: Random bytes in a token (256 bits).
TOKEN_BYTES: Final = 32
#: How long an invitation link stays open: a client may read the e-mail days later. kinchain's
#: choice (OWASP asks only for "an appropriate period").
INVITATION_TTL: Final = timedelta(days=7)
#: How long a password-reset link stays open: the person has just asked for it. kinchain's
#: choice, as above.
PASSWORD_RESET_TTL: Final = timedelta(hours=1)


class TokenPurpose(StrEnum):
    """What a token opens; a token for one purpose is wrong for the other."""

    INVITATION = "invitation"
    PASSWORD_RESET = "password reset"


class TokenCheck(StrEnum):
    """The outcome of presenting a token."""

    OK = "ok"
    EXPIRED = "expired"
    USED = "used"
    WRONG = "wrong"


@dataclass(frozen=True)
class TokenRecord:
    """What is stored for one token: never the token itself."""

    purpose: TokenPurpose
    #: SHA-256 of the token's text, as 64 lowercase hex digits
    digest: str
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("issued_at", "expires_at", "used_at"):
            value = getattr(self, name)
            if value is not None:
                _check_aware(name, value)
        if self.expires_at <= self.issued_at:
            raise ValueError(
                f"expires_at: expected after issued_at {self.issued_at.isoformat()}, received "
                f"{self.expires_at.isoformat()}"
            )


def _check_aware(name: str, value: object) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name}: expected a timezone-aware datetime (UTC), received {value!r}")


def token_digest(plain: str, /) -> str:
    """SHA-256 of the token's text as hex: what the store keeps and looks a token up by."""
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def issue_token(
    now: datetime, ttl: timedelta, /, *, purpose: TokenPurpose
) -> tuple[str, TokenRecord]:
    """A new token: ``(plain, record)``. Send ``plain`` in the link and store only ``record``."""
    _check_aware("now", now)
    if not isinstance(ttl, timedelta) or ttl <= timedelta(0):
        raise ValueError(f"ttl: expected a positive duration, received {ttl!r}")
    plain = secrets.token_urlsafe(TOKEN_BYTES)
    record = TokenRecord(
        purpose=purpose, digest=token_digest(plain), issued_at=now, expires_at=now + ttl
    )
    return plain, record


def check_token(
    plain: str, record: TokenRecord, now: datetime, /, *, purpose: TokenPurpose
) -> TokenCheck:
    """What presenting ``plain`` against ``record`` at ``now`` for ``purpose`` gives.

    ``wrong`` (not this token, or a token for another purpose) is decided before anything else,
    so a wrong token learns nothing about the record; then ``used``, then ``expired`` (at
    ``expires_at`` and after), else ``ok``.
    """
    _check_aware("now", now)
    presented = token_digest(plain) if isinstance(plain, str) else ""
    if not hmac.compare_digest(presented, record.digest) or record.purpose is not purpose:
        return TokenCheck.WRONG
    if record.used_at is not None:
        return TokenCheck.USED
    if now >= record.expires_at:
        return TokenCheck.EXPIRED
    return TokenCheck.OK


def mark_used(record: TokenRecord, now: datetime, /) -> TokenRecord:
    """The record once its token has been used at ``now``; a used token raises ConflictError."""
    _check_aware("now", now)
    if record.used_at is not None:
        raise ConflictError(
            f"token: expected an unused {record.purpose} token, received one used at "
            f"{record.used_at.isoformat()}"
        )
    return dataclasses.replace(record, used_at=now)
