"""New passwords follow NIST SP 800-63B-4: at least 15 characters, at most 128, no composition
rule, and not a common, personal, repeated or sequential one; each refusal names its rule and
never repeats the password."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinchain.accounts import (
    MAX_LENGTH,
    MIN_LENGTH,
    PasswordRule,
    password_problems,
    require_acceptable_password,
)
from kinchain.accounts.password_policy import _word_list, _words
from kinchain.errors import DataFileError, InputError

MARIA = ("maria.lopez@example.com", "Maria Lopez", "Move Well Physio")


def rules(password: str, context: tuple[str, ...] = MARIA) -> list[PasswordRule]:
    return [p.rule for p in password_problems(password, context=context)]


def test_the_limits_are_nists_single_factor_minimum_and_room_for_long_phrases() -> None:
    assert (MIN_LENGTH, MAX_LENGTH) == (15, 128)


@pytest.mark.parametrize(
    "phrase",
    [
        "the otter naps under a red canoe",
        "correct horse battery staple",
        "lentils, 4 carrots & a spoon of cumin",
        "ÉTÉ À LA MER AVEC MA SŒUR",
        "私の好きな山は富士山ではありません",
        "nocapitalsnodigitsnosymbols",
    ],
)
def test_a_phrase_of_unrelated_words_is_accepted_without_any_composition_rule(
    phrase: str,
) -> None:
    assert password_problems(phrase, context=MARIA) == ()


def test_a_password_one_character_short_is_refused_naming_the_length_expected() -> None:
    fourteen = "blue kettle hum"[:14]
    assert len(fourteen) == 14
    [problem] = password_problems(fourteen, context=())
    assert problem.rule is PasswordRule.TOO_SHORT
    assert str(problem).startswith("password: has 14 characters, expected at least 15")


def test_length_counts_characters_not_bytes() -> None:
    fifteen = "ÿ" * 5 + "山" * 5 + "ü" * 5  # 15 code points, 40 bytes in UTF-8
    assert PasswordRule.TOO_SHORT not in rules(fifteen)


def test_a_password_over_the_maximum_is_refused_and_nothing_else_is_computed() -> None:
    [problem] = password_problems("a" * (MAX_LENGTH + 1))
    assert problem.rule is PasswordRule.TOO_LONG
    assert str(problem) == "password: has 129 characters, expected at most 128"


@pytest.mark.parametrize(
    "password",
    [
        "password1234567",
        "Password2024!!!!",
        "P@ssw0rd-2024-2025",
        "p@ssw0rdp@ssw0rd",
        "iloveyouiloveyou",
        "Liverpool1892!!!",
        "!!!!monkey!!!!monkey",
        "Dragon 2 0 2 4 ! ! ! !",
    ],
)
def test_a_common_password_with_digits_symbols_or_swapped_letters_is_refused(
    password: str,
) -> None:
    assert PasswordRule.COMMON in rules(password)


@pytest.mark.parametrize(
    "password",
    [
        "maria.lopez@example.com",
        "MariaLopez1985!!!",
        "lopez lopez lopez",
        "Move Well Physio 2024",
        "kinchain-kinchain-2026",
        "physiotherapy2024",
    ],
)
def test_a_password_made_of_the_users_name_email_practice_or_this_service_is_refused(
    password: str,
) -> None:
    assert PasswordRule.PERSONAL in rules(password)


def test_each_part_of_a_name_counts_as_personal_not_only_the_whole_name() -> None:
    assert PasswordRule.PERSONAL in rules("Lopez!Lopez!Lopez!", context=("Maria Lopez",))
    assert PasswordRule.PERSONAL in rules("maria-2024-08-15", context=("Maria Lopez",))
    assert rules("Lopez!Lopez!Lopez!", context=()) == []


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaaaaaaaa", "abababababababab", "1234 1234 1234 1234", "xyzxyzxyzxyzxyzx"]
)
def test_a_short_unit_repeated_is_refused(password: str) -> None:
    assert PasswordRule.REPEATED in rules(password)


@pytest.mark.parametrize(
    "password",
    [
        "qwertyuiopasdfgh",
        "123456789012345",
        "abcdefghijklmnop",
        "ponmlkjihgfedcba",
        "1q2w3e4r5t6y7u8i",
        "1qaz2wsx3edc4rfv",
        "azertyuiopqsdfgh",
    ],
)
def test_a_run_along_the_keyboard_or_the_alphabet_is_refused(password: str) -> None:
    assert PasswordRule.SEQUENCE in rules(password)


def test_a_refusal_names_every_rule_broken_at_once_and_is_an_input_error() -> None:
    with pytest.raises(InputError) as refused:
        require_acceptable_password("Password1!", context=MARIA)
    message = str(refused.value)
    assert message.startswith("password: has 10 characters, expected at least 15")
    assert "one of the most common passwords" in message


@given(st.text(min_size=1, max_size=140))
def test_no_message_repeats_the_password(password: str) -> None:
    secretish = password.strip()
    for problem in password_problems(password, context=MARIA):
        if len(secretish) >= 4:  # short strings occur in plain words by chance
            assert secretish not in problem.message


def test_an_accepted_password_passes_require_quietly() -> None:
    require_acceptable_password("the otter naps under a red canoe", context=MARIA)


def test_the_bundled_list_loads_and_holds_the_words_that_lead_breach_lists() -> None:
    words = _words()
    assert {"password", "iloveyou", "monkey", "dragon", "liverpool"} <= words.common
    assert "kinchain" in words.service


def test_a_listed_word_that_is_not_lowercase_letters_is_refused_naming_file_and_key() -> None:
    with pytest.raises(DataFileError, match=r"common_passwords.yaml: passwords\[1\]: expected"):
        _word_list(["password", "blink182"], "passwords")
