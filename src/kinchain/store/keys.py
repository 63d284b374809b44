"""The server's key that seals stored secrets (second-factor secrets): Fernet (AES-128-CBC with
HMAC-SHA256, from the maintained ``cryptography`` library).

The key comes from ``KINCHAIN_SECRET_KEY`` (a Fernet key: 32 bytes as URL-safe base64), or
else from a key file in the user data folder, made on first use and readable by its owner only.
A database copied without the key opens no second factor.
"""

from __future__ import annotations

import os
from pathlib import Path

from kinchain.errors import InputError

__all__ = ["SecretBox", "default_key_file"]


def default_key_file() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("kinchain", appauthor=False)) / "secret.key"


def _key_from_file(path: Path) -> bytes:
    from cryptography.fernet import Fernet

    if path.exists():
        _refuse_loose(path)
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key + b"\n")
    return key


def _refuse_loose(path: Path) -> None:
    """A key file that others on the machine can read (or write) is refused, not used."""
    import stat

    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise InputError(f"{path}: expected a key file only its owner can read (mode 600); "
                         f"received mode {mode:o}; run chmod 600 {path} or set "
                         "KINCHAIN_SECRET_KEY")


class SecretBox:
    """Seals and opens short secrets with the server's key."""

    def __init__(self, key: str | None = None, /, *, key_file: Path | None = None) -> None:
        from cryptography.fernet import Fernet

        raw = key.encode("ascii") if key else _key_from_file(key_file or default_key_file())
        try:
            self._fernet = Fernet(raw)
        except ValueError:
            raise InputError("KINCHAIN_SECRET_KEY: expected a Fernet key (32 bytes as URL-safe "
                             "base64, 44 characters); received something else") from None

    def seal(self, plain: str, /) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, sealed: str, /) -> str:
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise InputError("second factor: the stored secret does not open with this "
                             "server's key (KINCHAIN_SECRET_KEY changed?); an admin can remove "
                             "the factor so that it is enrolled again") from None
