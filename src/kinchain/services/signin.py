"""Signing in and out: the password checked against its Argon2 hash, failures throttled per
e-mail address, no answer that tells who has an account, sessions and API tokens kept on the
server as digests of secrets the browser or integration holds."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Protocol

from kinchain.errors import InputError, TooManyAttempts
from kinchain.records import User

__all__ = ["SignInRecords", "SignedIn", "issue_api_token", "sign_in", "sign_out"]

WRONG = "the e-mail address or the password is wrong"


class SignInRecords(Protocol):
    def user_by_email(self, email: str, /) -> User | None: ...
    def failures_since(self, email: str, since: dt.datetime, /) -> int: ...
    def attempt(self, email: str, succeeded: bool, origin: str, /) -> None: ...
    def start_session(self, secret: str, user: User, csrf: str, origin: str, *,
                      second_factor_done: bool) -> None: ...
    def end_session(self, secret: str, /) -> None: ...
    def add_token(self, secret: str, user: User, name: str, /) -> None: ...


@dataclass(frozen=True)
class SignedIn:
    user: User
    secret: str  # the session cookie's value
    csrf: str


def sign_in(records: SignInRecords, email: str, password: str, /, *, origin: str,
            now: dt.datetime, failures: int, window: dt.timedelta,
            second_factor_done: bool) -> SignedIn:
    """Start a session for the right e-mail and password. After ``failures`` failed attempts
    within ``window`` the address is paused (the same for an address with no account)."""
    from kinchain.accounts import verify_password, verify_password_for_missing_user

    email = email.strip().lower()
    if records.failures_since(email, now - window) >= failures:
        minutes = int(window.total_seconds() // 60)
        raise TooManyAttempts(f"sign-in is paused for this address after {failures} failed "
                              f"attempts; try again in {minutes} minutes or reset the password")
    user = records.user_by_email(email)
    if user is None or user.password_hash == "!" or user.disabled_at is not None:
        verify_password_for_missing_user(password)
        ok = False
    else:
        ok, _ = verify_password(password, stored_hash=user.password_hash)
    records.attempt(email, ok, origin)
    if not ok or user is None:
        raise InputError(WRONG)
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    records.start_session(secret, user, csrf, origin, second_factor_done=second_factor_done)
    return SignedIn(user, secret, csrf)


def sign_out(records: SignInRecords, secret: str, /) -> None:
    records.end_session(secret)


def issue_api_token(records: SignInRecords, email: str, /, *, name: str) -> str:
    """A new personal access token for the JSON API (shown once; only its digest is kept)."""
    user = records.user_by_email(email)
    if user is None:
        raise InputError(f"email: no account {email!r}")
    token = "kc_" + secrets.token_urlsafe(32)
    records.add_token(token, user, name)
    return token
