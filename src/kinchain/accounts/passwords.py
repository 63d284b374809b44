"""Password hashing with Argon2id (argon2-cffi), and verifying with a rehash signal.

Parameters: RFC 9106 (Argon2, IRTF CFRG, September 2021), section 4 "Parameter Choice", its
SECOND RECOMMENDED option, for when the 2 GiB of the first is too much memory for a server:
Argon2id, t=3 iterations, p=4 lanes, m=2^16 KiB (64 MiB), a 128-bit salt and a 256-bit tag
(:data:`RFC_9106_LOW_MEMORY`; argon2-cffi ships the same values as
``argon2.profiles.RFC_9106_LOW_MEMORY``). It is stronger than the floor of the OWASP Password
Storage Cheat Sheet (Argon2id, 19 MiB, t=2, p=1), which :data:`OWASP_MINIMUM` keeps for a
practice whose server cannot spare the memory. Measured on the 2 shared cores of the development
machines: about 190 ms a verification with the RFC option, 26 ms with the OWASP floor
(``docs/accounts.md`` has the command).

The password is NFKC-normalised before hashing, as NIST SP 800-63B-4 §3.1.1.2 advises for
Unicode passwords, so the same password typed on two keyboards verifies. It is never truncated.

When the parameters change (a practice raises them), :func:`verify_password` still accepts a
hash made with the old ones and says it needs a rehash; the caller then stores
:func:`hash_password` of the password it has just verified.

>>> cheap = HashParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
>>> stored = hash_password("a long walk by the river", parameters=cheap)
>>> verify_password("a long walk by the river", stored_hash=stored, parameters=cheap)
(True, False)
>>> verify_password("a long walk by the sea", stored_hash=stored, parameters=cheap)
(False, False)
"""

from __future__ import annotations

import functools
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Final

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

__all__ = [
    "DEFAULT_HASH_PARAMETERS",
    "OWASP_MINIMUM",
    "RFC_9106_LOW_MEMORY",
    "HashParameters",
    "hash_password",
    "normalized_password",
    "verify_password",
    "verify_password_for_missing_user",
]


@dataclass(frozen=True)
class HashParameters:
    """Argon2id cost parameters. ``memory_kib`` is in kibibytes, as Argon2 counts it."""

    time_cost: int
    memory_kib: int
    parallelism: int
    salt_bytes: int = 16
    hash_bytes: int = 32

    def __post_init__(self) -> None:
        for name in ("time_cost", "memory_kib", "parallelism", "salt_bytes", "hash_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name}: expected a positive whole number, received {value!r}")
        if self.memory_kib < 8 * self.parallelism:
            raise ValueError(
                f"memory_kib: Argon2 needs at least 8 KiB a lane ({8 * self.parallelism} for "
                f"{self.parallelism} lanes), received {self.memory_kib}"
            )


#: RFC 9106 §4, the SECOND RECOMMENDED option (64 MiB, t=3, p=4, 128-bit salt, 256-bit tag).
RFC_9106_LOW_MEMORY: Final = HashParameters(time_cost=3, memory_kib=65_536, parallelism=4)
#: The OWASP Password Storage Cheat Sheet's minimum for Argon2id (19 MiB, t=2, p=1).
OWASP_MINIMUM: Final = HashParameters(time_cost=2, memory_kib=19_456, parallelism=1)
#: What kinchain hashes with unless a practice's settings say otherwise.
DEFAULT_HASH_PARAMETERS: Final = RFC_9106_LOW_MEMORY


@functools.cache
def _hasher(parameters: HashParameters, /) -> PasswordHasher:
    return PasswordHasher(
        time_cost=parameters.time_cost,
        memory_cost=parameters.memory_kib,
        parallelism=parameters.parallelism,
        hash_len=parameters.hash_bytes,
        salt_len=parameters.salt_bytes,
        type=Type.ID,
    )


def normalized_password(password: str, /) -> str:
    """The password as it is hashed and checked: NFKC-normalised (NIST SP 800-63B-4 §3.1.1.2).

    >>> normalized_password("ﬁne café") == normalized_password("fine café")
    True
    """
    if not isinstance(password, str):
        raise TypeError(f"password: expected text, received {type(password).__name__}")
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str, /, *, parameters: HashParameters = DEFAULT_HASH_PARAMETERS) -> str:
    """The Argon2id hash of ``password`` in PHC string form (``$argon2id$v=19$m=...``), with a
    fresh random salt: the only thing kinchain stores of a password."""
    return _hasher(parameters).hash(normalized_password(password))


def verify_password(
    password: str,
    /,
    *,
    stored_hash: str,
    parameters: HashParameters = DEFAULT_HASH_PARAMETERS,
) -> tuple[bool, bool]:
    """``(ok, needs_rehash)``: whether ``password`` matches ``stored_hash``, and, when it does,
    whether the hash was made with other parameters than ``parameters`` (store a new one).

    A ``stored_hash`` that cannot be decoded as an Argon2 hash (not one, or truncated) is a
    damaged record, not a wrong password: it raises ValueError saying so, without the hash.
    """
    hasher = _hasher(parameters)
    try:
        hasher.verify(stored_hash, normalized_password(password))
    except VerifyMismatchError:
        return False, False
    except (InvalidHashError, VerificationError):  # a mismatch is caught above
        raise ValueError(
            "stored_hash: expected an Argon2 hash in PHC form ($argon2id$v=19$m=...), received "
            f"a {len(stored_hash)}-character text that cannot be decoded as one"
        ) from None
    return True, hasher.check_needs_rehash(stored_hash)


@functools.cache
def _dummy_hash(parameters: HashParameters, /) -> str:
    return hash_password(secrets.token_urlsafe(32), parameters=parameters)


def verify_password_for_missing_user(
    password: str, /, *, parameters: HashParameters = DEFAULT_HASH_PARAMETERS
) -> tuple[bool, bool]:
    """Spend the time a real verification takes, then answer ``(False, False)``.

    A login for an e-mail with no account calls this, so the answer takes as long as for a
    wrong password and does not tell who has an account (issue 13: no user enumeration).
    """
    verify_password(password, stored_hash=_dummy_hash(parameters), parameters=parameters)
    return False, False
