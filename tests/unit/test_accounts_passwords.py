"""Passwords are stored as Argon2id hashes with cited parameters, verify after normalisation, ask
for a rehash when the parameters change, and a damaged stored hash is not taken for a wrong
password."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinchain.accounts import (
    DEFAULT_HASH_PARAMETERS,
    OWASP_MINIMUM,
    RFC_9106_LOW_MEMORY,
    HashParameters,
    hash_password,
    verify_password,
    verify_password_for_missing_user,
)

#: Far below any real cost, so that many hashes run in a test; never a default.
CHEAP = HashParameters(time_cost=1, memory_kib=8, parallelism=1)
CHEAP_RAISED = HashParameters(time_cost=2, memory_kib=16, parallelism=1)
PHRASE = "the otter naps under a red canoe"


def test_kinchain_hashes_with_rfc_9106s_second_recommended_option_by_default() -> None:
    assert DEFAULT_HASH_PARAMETERS == RFC_9106_LOW_MEMORY
    assert (RFC_9106_LOW_MEMORY.time_cost, RFC_9106_LOW_MEMORY.parallelism) == (3, 4)
    assert RFC_9106_LOW_MEMORY.memory_kib == 64 * 1024
    assert (RFC_9106_LOW_MEMORY.salt_bytes, RFC_9106_LOW_MEMORY.hash_bytes) == (16, 32)
    assert (OWASP_MINIMUM.memory_kib, OWASP_MINIMUM.time_cost, OWASP_MINIMUM.parallelism) == (
        19 * 1024,
        2,
        1,
    )


def test_a_password_hashed_with_the_defaults_verifies_and_the_hash_names_argon2id() -> None:
    stored = hash_password(PHRASE)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PHRASE not in stored
    assert verify_password(PHRASE, stored_hash=stored) == (True, False)


def test_two_hashes_of_one_password_differ_because_each_has_its_own_salt() -> None:
    assert hash_password(PHRASE, parameters=CHEAP) != hash_password(PHRASE, parameters=CHEAP)


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=80), st.text(min_size=1, max_size=80))
def test_any_password_verifies_and_any_other_does_not(password: str, other: str) -> None:
    stored = hash_password(password, parameters=CHEAP)
    assert verify_password(password, stored_hash=stored, parameters=CHEAP) == (True, False)
    same = unicodedata.normalize("NFKC", other) == unicodedata.normalize("NFKC", password)
    assert verify_password(other, stored_hash=stored, parameters=CHEAP)[0] is same


def test_a_wrong_password_is_refused_without_asking_for_a_rehash() -> None:
    stored = hash_password(PHRASE, parameters=CHEAP)
    assert verify_password(PHRASE + " ", stored_hash=stored, parameters=CHEAP) == (False, False)
    assert verify_password(PHRASE.upper(), stored_hash=stored, parameters=CHEAP) == (False, False)


def test_the_same_password_typed_in_another_unicode_form_verifies() -> None:
    composed = "café au lait, bitte schön"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    stored = hash_password(composed, parameters=CHEAP)
    assert verify_password(decomposed, stored_hash=stored, parameters=CHEAP) == (True, False)


def test_a_hash_made_with_older_parameters_verifies_and_asks_for_a_rehash() -> None:
    old = hash_password(PHRASE, parameters=CHEAP)
    assert verify_password(PHRASE, stored_hash=old, parameters=CHEAP_RAISED) == (True, True)
    new = hash_password(PHRASE, parameters=CHEAP_RAISED)
    assert verify_password(PHRASE, stored_hash=new, parameters=CHEAP_RAISED) == (True, False)


def test_a_wrong_password_against_an_old_hash_does_not_ask_for_a_rehash() -> None:
    old = hash_password(PHRASE, parameters=CHEAP)
    assert verify_password("another phrase", stored_hash=old, parameters=CHEAP_RAISED) == (
        False,
        False,
    )


@pytest.mark.parametrize(
    "damaged",
    [
        "",
        "not a hash at all",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ",  # truncated: no tag
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  # bcrypt
    ],
)
def test_a_damaged_stored_hash_raises_a_clear_error_rather_than_failing_a_login(
    damaged: str,
) -> None:
    with pytest.raises(ValueError, match=r"stored_hash: expected an Argon2 hash in PHC form"):
        verify_password(PHRASE, stored_hash=damaged, parameters=CHEAP)


def test_a_login_for_no_account_is_refused_after_doing_the_same_work() -> None:
    assert verify_password_for_missing_user(PHRASE, parameters=CHEAP) == (False, False)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"time_cost": 0}, "time_cost: expected a positive whole number, received 0"),
        ({"parallelism": True}, "parallelism: expected a positive whole number, received True"),
        ({"memory_kib": 16, "parallelism": 4}, "memory_kib: Argon2 needs at least 8 KiB a lane"),
    ],
)
def test_parameters_that_argon2_cannot_use_are_refused_naming_the_field(
    fields: dict[str, int], message: str
) -> None:
    base = {"time_cost": 1, "memory_kib": 64, "parallelism": 1}
    with pytest.raises(ValueError, match=message):
        HashParameters(**{**base, **fields})
