"""Which new passwords kinchain accepts, following NIST SP 800-63B-4 §3.1.1.2 (2025).

The rules, each a :class:`PasswordRule` named in the message that refuses it:

- **at least 15 characters** (:data:`MIN_LENGTH`). NIST's final revision 4 requires 15 for a
  password that is the only authentication factor and allows 8 only where it is always part
  of multi-factor authentication. kinchain's second factor is a practice setting (issue 13)
  and clients have none, so a password must stand alone: 15 for everyone, rather than 8 or
  12, also because these accounts open clinical records. Length is counted in Unicode code
  points of the NFKC-normalised password, as NIST says.
- **at most 128 characters** (:data:`MAX_LENGTH`): NIST asks that at least 64 be allowed;
  128 leaves room for long passphrases and bounds the work a single login can cause.
- **not a common password** nor one of the small changes people make to one, **not made of
  this service's name or the user's own name, e-mail or practice**, **not a short repeat**
  and **not a run along the keyboard or the alphabet**: NIST's blocklist of "commonly used,
  expected, or compromised" values. The list is small on purpose
  (``common_passwords.yaml`` says where it comes from).
- **no composition rules** (no required digit, capital or symbol: NIST says SHALL NOT), any
  printable or Unicode character, spaces included, and no expiry.

A message never repeats the password or any part of it, so it is safe to log.

>>> [p.rule.name for p in password_problems("Password2024!")]
['TOO_SHORT', 'COMMON']
>>> password_problems("the otter naps under a red canoe")
()
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from kinchain.accounts.passwords import normalized_password
from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError, InputError

__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "PasswordProblem",
    "PasswordRule",
    "password_problems",
    "require_acceptable_password",
]

#: The fewest characters a password may have (NIST SP 800-63B-4: 15 for a single factor).
MIN_LENGTH: Final = 15
#: The most characters a password may have (NIST: allow at least 64).
MAX_LENGTH: Final = 128

_FILE = "common_passwords.yaml"
#: Letters people swap for look-alike digits and symbols.
_UNSWAP = str.maketrans({"@": "a", "4": "a", "0": "o", "3": "e", "1": "i", "!": "i", "$": "s",
                         "5": "s", "7": "t", "+": "t", "|": "l"})  # fmt: skip
#: Runs along common keyboard layouts and the alphabet; a password inside one (forwards or
#: backwards, wrapping round) is a sequence.
_RUNS: Final = (
    "0123456789", "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm", "azertyuiopqsdfghjklmwxcvbn",
    "1q2w3e4r5t6y7u8i9o0p", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp", "zaq1xsw2cde3vfr4bgt5nhy6mju7",
)  # fmt: skip
#: The longest unit whose repetition counts as a short repeat ("abab...", "1234 1234 ...").
_SHORT_UNIT: Final = 4


class PasswordRule(StrEnum):
    """The rule a refused password broke."""

    TOO_SHORT = "too short"
    TOO_LONG = "too long"
    COMMON = "common password"
    PERSONAL = "about you or this service"
    REPEATED = "short repeat"
    SEQUENCE = "keyboard or alphabet run"


@dataclass(frozen=True)
class PasswordProblem:
    """One reason a password is refused, with advice; never quotes the password."""

    rule: PasswordRule
    message: str

    def __str__(self) -> str:
        return f"password: {self.message}"


@dataclass(frozen=True)
class _Words:
    common: frozenset[str]
    service: frozenset[str]


def _word_list(raw: Any, key: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise DataFileError(_FILE, key, f"expected a non-empty list of words, got {raw!r}")
    for i, word in enumerate(raw):
        if not (isinstance(word, str) and word.isascii() and word.isalpha() and word.islower()):
            raise DataFileError(_FILE, f"{key}[{i}]", f"expected lowercase a-z, got {word!r}")
    return tuple(raw)


@functools.cache
def _words() -> _Words:
    raw = read_bundled_yaml("kinchain.accounts", _FILE)
    if not isinstance(raw, dict):
        raise DataFileError(_FILE, "<file>", f"expected a mapping, got {type(raw).__name__}")
    common = _word_list(raw.get("passwords"), "passwords")
    service = _word_list(raw.get("context"), "context")
    seen: set[str] = set()
    for key, words in (("passwords", common), ("context", service)):
        for i, word in enumerate(words):
            if word in seen:
                raise DataFileError(_FILE, f"{key}[{i}]", f"{word!r} is listed twice")
            seen.add(word)
    return _Words(frozenset(common), frozenset(service))


def _squashed(text: str, /) -> str:
    """Lower-cased (casefold), with every space removed."""
    return "".join(text.casefold().split())


def _core(text: str, /) -> str:
    """Without the digits and symbols around it: ``--liverpool1892!`` -> ``liverpool``."""
    start, end = 0, len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    return text[start:end]


def _letters(text: str, /) -> str:
    return "".join(c for c in text if c.isalpha())


def _cores(squashed: str, /) -> set[str]:
    """The forms a listed word may hide in: the core, its letters alone, and both again with
    look-alike swaps undone (``P@ss-w0rd-2024`` -> ``password``)."""
    unswapped = squashed.translate(_UNSWAP)
    core = _core(squashed)
    forms = {core, core.translate(_UNSWAP), _core(unswapped), _letters(squashed)}
    forms.update({_letters(unswapped), _letters(core.translate(_UNSWAP))})
    return {f for f in forms if f}


def _unit(text: str, /) -> str:
    """The shortest piece whose repetition is ``text`` (``text`` itself when there is none)."""
    period = (text + text).find(text, 1)
    return text[:period] if period < len(text) else text


def _matches(forms: set[str], words: frozenset[str]) -> bool:
    return any(f in words or _unit(f) in words for f in forms)


def _personal_words(context: Iterable[str]) -> frozenset[str]:
    """The user's name, e-mail and practice as whole words and as their pieces of 3+ letters."""
    words: set[str] = set()
    for item in context:
        lowered = normalized_password(item).casefold()
        squashed = "".join(lowered.split())
        words.add(squashed)
        words.update(_cores(squashed))
        local = lowered.split("@", 1)[0]
        pieces = "".join(c if c.isalpha() else " " for c in local).split()
        words.update(p for p in pieces if len(p) >= 3)
        words.add("".join(pieces))
    return frozenset(w for w in words if w)


def _is_short_repeat(text: str, /) -> bool:
    if len(text) < 2 * _SHORT_UNIT:
        return False
    return any(
        all(text[i] == text[i - p] for i in range(p, len(text))) for p in range(1, _SHORT_UNIT + 1)
    )


def _is_run(text: str, /) -> bool:
    if len(text) < 4:
        return False
    for run in _RUNS:
        around = run * (len(text) // len(run) + 2)
        if text in around or text in around[::-1]:
            return True
    return False


_ADVICE: Final[dict[PasswordRule, str]] = {
    PasswordRule.COMMON: (
        "is one of the most common passwords, or one with only digits, symbols or look-alike "
        "letters added; choose words of your own that others are unlikely to pick"
    ),
    PasswordRule.PERSONAL: (
        "is made from this service's name or your own name, e-mail or practice; choose words "
        "that have nothing to do with you or kinchain"
    ),
    PasswordRule.REPEATED: (
        "is a few characters repeated; choose a phrase of different words"
    ),
    PasswordRule.SEQUENCE: (
        "is a run along the keyboard or the alphabet (like qwerty or 12345); choose a phrase "
        "of different words"
    ),
}  # fmt: skip


def _length_problem(length: int, /) -> PasswordProblem | None:
    if length < MIN_LENGTH:
        return PasswordProblem(
            PasswordRule.TOO_SHORT,
            f"has {length} characters, expected at least {MIN_LENGTH}: a password that alone "
            "guards clinical records needs 15 (NIST SP 800-63B-4); three or four unrelated "
            "words make one that is easy to remember",
        )
    if length > MAX_LENGTH:
        return PasswordProblem(
            PasswordRule.TOO_LONG, f"has {length} characters, expected at most {MAX_LENGTH}"
        )
    return None


def password_problems(
    password: str, /, *, context: Iterable[str] = ()
) -> tuple[PasswordProblem, ...]:
    """Every reason to refuse ``password`` as a new password; empty when it is acceptable.

    ``context`` holds what the password must not be made of: the user's e-mail, name and
    practice name (the service's own name and words are always included).
    """
    text = normalized_password(password)
    length = _length_problem(len(text))
    if length is not None and length.rule is PasswordRule.TOO_LONG:
        return (length,)
    squashed = _squashed(text)
    forms = _cores(squashed) | {squashed}
    words = _words()
    broken = [
        rule
        for rule, hit in (
            (PasswordRule.COMMON, _matches(forms, words.common)),
            (PasswordRule.PERSONAL, _matches(forms, words.service | _personal_words(context))),
            (PasswordRule.REPEATED, _is_short_repeat(squashed)),
            (PasswordRule.SEQUENCE, any(_is_run(f) for f in forms)),
        )
        if hit
    ]
    found = [PasswordProblem(rule, _ADVICE[rule]) for rule in broken]
    return tuple([length, *found] if length is not None else found)


def require_acceptable_password(password: str, /, *, context: Iterable[str] = ()) -> None:
    """Return if ``password`` may be set; raise :class:`~kinchain.errors.InputError` naming
    every rule it breaks otherwise (the web app answers 422 with this message)."""
    problems = password_problems(password, context=context)
    if problems:
        raise InputError("password: " + "; ".join(p.message for p in problems))
