"""Invitation and password-reset tokens are random, stored only as a hash, single-use, expire at a
stated time, and a tampered or misdirected token is simply wrong."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinchain.accounts import (
    INVITATION_TTL,
    PASSWORD_RESET_TTL,
    TokenCheck,
    TokenPurpose,
    TokenRecord,
    check_token,
    issue_token,
    mark_used,
    token_digest,
)
from kinchain.errors import ConflictError

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
RESET = TokenPurpose.PASSWORD_RESET
INVITE = TokenPurpose.INVITATION


def reset_token() -> tuple[str, TokenRecord]:
    return issue_token(NOW, PASSWORD_RESET_TTL, purpose=RESET)


def test_a_fresh_token_is_ok_until_just_before_it_expires() -> None:
    plain, record = reset_token()
    assert record.expires_at == NOW + timedelta(hours=1)
    assert check_token(plain, record, NOW, purpose=RESET) is TokenCheck.OK
    almost = record.expires_at - timedelta(microseconds=1)
    assert check_token(plain, record, almost, purpose=RESET) is TokenCheck.OK


def test_a_token_is_expired_from_its_expiry_time_on() -> None:
    plain, record = reset_token()
    assert check_token(plain, record, record.expires_at, purpose=RESET) is TokenCheck.EXPIRED
    later = record.expires_at + timedelta(days=30)
    assert check_token(plain, record, later, purpose=RESET) is TokenCheck.EXPIRED


def test_only_the_digest_is_stored_never_the_token() -> None:
    plain, record = reset_token()
    assert record.digest == token_digest(plain)
    assert len(record.digest) == 64
    assert plain not in repr(record)


def test_a_token_carries_256_random_bits_in_url_safe_text() -> None:
    plains = {reset_token()[0] for _ in range(200)}
    assert len(plains) == 200
    assert all(len(p) == 43 and p.replace("-", "").replace("_", "").isalnum() for p in plains)


def test_a_used_token_is_refused_as_used_the_second_time() -> None:
    plain, record = reset_token()
    used = mark_used(record, NOW + timedelta(minutes=5))
    assert used.used_at == NOW + timedelta(minutes=5)
    assert check_token(plain, used, NOW + timedelta(minutes=6), purpose=RESET) is TokenCheck.USED


def test_using_a_token_twice_is_a_conflict_saying_when_it_was_used() -> None:
    _, record = reset_token()
    used = mark_used(record, NOW)
    with pytest.raises(ConflictError, match="received one used at 2026-03-03T09:00:00"):
        mark_used(used, NOW + timedelta(minutes=1))


def test_a_used_token_that_has_also_expired_says_used() -> None:
    plain, record = reset_token()
    used = mark_used(record, NOW)
    assert check_token(plain, used, NOW + timedelta(days=2), purpose=RESET) is TokenCheck.USED


def test_an_invitation_token_does_not_reset_a_password() -> None:
    plain, record = issue_token(NOW, INVITATION_TTL, purpose=INVITE)
    assert check_token(plain, record, NOW, purpose=RESET) is TokenCheck.WRONG
    assert check_token(plain, record, NOW, purpose=INVITE) is TokenCheck.OK


@given(st.integers(min_value=0, max_value=42), st.characters(codec="ascii"))
def test_a_token_changed_in_any_one_character_is_wrong(position: int, replacement: str) -> None:
    plain, record = reset_token()
    tampered = plain[:position] + replacement + plain[position + 1 :]
    expected = TokenCheck.OK if tampered == plain else TokenCheck.WRONG
    assert check_token(tampered, record, NOW, purpose=RESET) is expected


@given(st.text(max_size=100))
def test_any_other_text_is_wrong_even_for_a_used_or_expired_record(text: str) -> None:
    plain, record = reset_token()
    used = mark_used(record, NOW)
    later = NOW + timedelta(days=9)
    if text != plain:
        assert check_token(text, used, later, purpose=RESET) is TokenCheck.WRONG


def test_another_tokens_digest_in_the_record_makes_the_token_wrong() -> None:
    plain, record = reset_token()
    other, _ = reset_token()
    swapped = dataclasses.replace(record, digest=token_digest(other))
    assert check_token(plain, swapped, NOW, purpose=RESET) is TokenCheck.WRONG


def test_times_in_another_timezone_compare_as_the_same_instant() -> None:
    plain, record = reset_token()
    an_hour_later_in_berlin = (NOW + timedelta(hours=1)).astimezone(timezone(timedelta(hours=1)))
    assert check_token(plain, record, an_hour_later_in_berlin, purpose=RESET) is TokenCheck.EXPIRED


@pytest.mark.parametrize(
    ("now", "ttl", "message"),
    [
        (datetime(2026, 3, 3, 9, 0), PASSWORD_RESET_TTL, "now: expected a timezone-aware"),
        (NOW, timedelta(0), "ttl: expected a positive duration"),
        (NOW, timedelta(hours=-1), "ttl: expected a positive duration"),
    ],
)
def test_an_issue_without_a_clear_instant_or_duration_is_refused_naming_the_field(
    now: datetime, ttl: timedelta, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        issue_token(now, ttl, purpose=RESET)


def test_a_check_at_a_naive_time_is_refused_rather_than_guessed() -> None:
    plain, record = reset_token()
    with pytest.raises(ValueError, match="now: expected a timezone-aware datetime"):
        check_token(plain, record, datetime(2026, 3, 3, 9, 30), purpose=RESET)


def test_a_record_that_expires_before_it_was_issued_is_refused() -> None:
    with pytest.raises(ValueError, match="expires_at: expected after issued_at"):
        TokenRecord(purpose=RESET, digest="0" * 64, issued_at=NOW, expires_at=NOW)
