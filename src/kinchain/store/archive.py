"""The sealed container of a backup: AES-256-GCM from pyca/cryptography, in chunks, with a
key the practice holds. What is sealed inside (JSON lines) is :mod:`kinchain.store.backup`'s.

A sealed file is::

    preamble  24 bytes: b"KCBACKUP", container version (1 byte, = 1),
              key id (8 bytes), nonce prefix (7 random bytes)
    parts     each: ciphertext length (4 bytes, big-endian), ciphertext (plaintext <= 1 MiB
              plus GCM's 16-byte tag)

Part ``i`` is sealed with the nonce ``prefix | i (4 bytes) | last (1 byte: 1 on the final
part, else 0)`` and the preamble as associated data: the STREAM construction (Hoang,
Reyhanitabar, Rogaway and Vizár, 2015) over the library's AEAD, so a part cannot be edited,
moved, dropped or cut off at the end without the opening failing. The key id (the first 8
bytes of a SHA-256 of the key) tells a wrong key from a damaged file; it reveals nothing of
the key. The sealed bytes are the lines compressed as one zlib (DEFLATE) stream: the
documents' repeated JSON shrinks several times over.

A key is 32 random bytes written as URL-safe base64 (44 characters) in a key file or in the
``KINCHAIN_BACKUP_KEY`` environment variable; :func:`write_new_key` makes one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kinchain.errors import InputError

__all__ = [
    "CONTAINER_VERSION",
    "KEY_ENV_VAR",
    "BackupKey",
    "SealedWriter",
    "load_key",
    "open_sealed",
    "parse_key",
    "write_new_key",
]

#: the environment variable holding the key when no key file is given
KEY_ENV_VAR = "KINCHAIN_BACKUP_KEY"
CONTAINER_VERSION = 1
MAGIC = b"KCBACKUP"
PART_BYTES = 1 << 20  # plaintext per part
_RAW_BYTES = 1 << 16  # bytes written before they are compressed
_TAG = 16
_PREFIX = 7
_PREAMBLE = len(MAGIC) + 1 + 8 + _PREFIX


@dataclass(frozen=True, repr=False)
class BackupKey:
    """A 256-bit key; its repr shows only the key id, never the key."""

    secret: bytes

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"kinchain backup key id\0" + self.secret).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"BackupKey(id={self.key_id})"

    def text(self) -> str:
        return base64.urlsafe_b64encode(self.secret).decode("ascii")


def parse_key(text: str, /, *, source: str) -> BackupKey:
    """A key from its text (44 characters of URL-safe base64); the message names ``source``
    and never repeats the text."""
    cleaned = text.strip()
    try:
        secret = base64.urlsafe_b64decode(cleaned.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        secret = b""
    if len(secret) != 32 or len(cleaned) != 44:
        raise InputError(
            f"backup key ({source}): expected 32 random bytes as 44 characters of URL-safe "
            f"base64, as `kinchain backup-key FILE` writes; received {len(cleaned)} characters "
            "that are not such a key"
        )
    return BackupKey(secret)


def load_key(key_file: Path | None, /, *, environ: Mapping[str, str] = os.environ) -> BackupKey:
    """The key from ``key_file`` when given, else from ``KINCHAIN_BACKUP_KEY``."""
    if key_file is not None:
        return parse_key(key_file.read_text(encoding="utf-8"), source=f"--key-file {key_file}")
    if text := environ.get(KEY_ENV_VAR):
        return parse_key(text, source=KEY_ENV_VAR)
    raise InputError(
        f"backup key: expected --key-file FILE or the {KEY_ENV_VAR} environment variable; "
        "received neither (make a key with `kinchain backup-key FILE`)"
    )


def write_new_key(path: Path, /) -> BackupKey:
    """Make a new random key and write it to ``path``, readable by its owner only; an existing
    file is never overwritten (the archives sealed with it could no longer be opened)."""
    key = BackupKey(secrets.token_bytes(32))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError(
            f"backup-key FILE: {path} already exists; a key file is never overwritten "
            "(the archives sealed with it could no longer be opened); name a new file"
        ) from None
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.text() + "\n")
    return key


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class SealedWriter:
    """Compresses and seals bytes written to it into ``out``, part by part; :meth:`close`
    seals the last."""

    def __init__(self, out: BinaryIO, key: BackupKey) -> None:
        self._out = out
        self._aead = AESGCM(key.secret)
        self._prefix = secrets.token_bytes(_PREFIX)
        self._preamble = MAGIC + bytes([CONTAINER_VERSION]) + bytes.fromhex(key.key_id)
        self._preamble += self._prefix
        self._buffer = bytearray()
        self._zip = zlib.compressobj(6)
        self._raw: list[bytes] = []
        self._raw_bytes = 0
        self._index = 0
        out.write(self._preamble)

    def write(self, data: bytes, /) -> None:
        self._raw.append(data)
        self._raw_bytes += len(data)
        if self._raw_bytes >= _RAW_BYTES:  # compressing line by line costs more than lines
            self._add(self._zip.compress(b"".join(self._raw)))
            self._raw, self._raw_bytes = [], 0

    def close(self) -> None:
        self._add(self._zip.compress(b"".join(self._raw)) + self._zip.flush())
        self._raw, self._raw_bytes = [], 0
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _add(self, packed: bytes) -> None:
        self._buffer += packed
        while len(self._buffer) > PART_BYTES:
            self._seal(bytes(self._buffer[:PART_BYTES]), last=False)
            del self._buffer[:PART_BYTES]

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._index, last)
        sealed = self._aead.encrypt(nonce, plain, self._preamble)
        self._out.write(len(sealed).to_bytes(4, "big") + sealed)
        self._index += 1


def _truncated(name: str, detail: str) -> InputError:
    return InputError(f"{name}: the archive is truncated ({detail}); nothing was restored")


def _damaged(name: str, detail: str) -> InputError:
    return InputError(f"{name}: the archive was edited or damaged ({detail}); nothing was restored")


def _preamble(stream: BinaryIO, key: BackupKey, name: str) -> bytes:
    preamble = stream.read(_PREAMBLE)
    if len(preamble) < len(MAGIC) and MAGIC.startswith(preamble):
        raise _truncated(name, f"{len(preamble)} bytes, not even its preamble")
    if not preamble.startswith(MAGIC):
        raise InputError(
            f"{name}: expected a kinchain backup (beginning with KCBACKUP); received a file "
            "that is not one"
        )
    if len(preamble) < _PREAMBLE:
        raise _truncated(name, f"{len(preamble)} bytes, not even its preamble")
    version = preamble[len(MAGIC)]
    if version != CONTAINER_VERSION:
        raise InputError(
            f"{name}: archive container version {version}; this kinchain reads version "
            f"{CONTAINER_VERSION} (restore it with the kinchain that wrote it)"
        )
    found = preamble[len(MAGIC) + 1 : len(MAGIC) + 9].hex()
    if found != key.key_id:
        raise InputError(
            f"{name}: wrong key: the archive was sealed with key id {found}, the key given has "
            f"key id {key.key_id}; nothing was restored"
        )
    return preamble


def _part(stream: BinaryIO, name: str, index: int) -> bytes | None:
    head = stream.read(4)
    if not head:
        return None
    if len(head) < 4:
        raise _truncated(name, f"part {index + 1} is cut short")
    size = int.from_bytes(head, "big")
    if not _TAG <= size <= PART_BYTES + _TAG:
        raise _damaged(name, f"part {index + 1} declares {size} bytes")
    sealed = stream.read(size)
    if len(sealed) < size:
        raise _truncated(name, f"part {index + 1} is cut short")
    return sealed


def open_sealed(stream: BinaryIO, key: BackupKey, /, *, name: str) -> Iterator[bytes]:
    """The plaintext of a sealed stream, in pieces, each part authenticated before it is
    unpacked; a wrong key, a cut-off or an edited byte raises :class:`InputError`."""
    preamble = _preamble(stream, key, name)
    aead = AESGCM(key.secret)
    unzip = zlib.decompressobj()
    prefix = preamble[-_PREFIX:]
    index = 0
    pending = _part(stream, name, index)
    if pending is None:
        raise _truncated(name, "it ends after its preamble")
    while True:
        following = _part(stream, name, index + 1)
        last = following is None
        try:
            plain = aead.decrypt(_nonce(prefix, index, last), pending, preamble)
        except InvalidTag:
            if last and _opens_as_middle(aead, prefix, index, pending, preamble):
                detail = f"it ends after part {index + 1}; the rest is missing"
                raise _truncated(name, detail) from None
            raise _damaged(name, f"part {index + 1} fails its authentication") from None
        yield _unpacked(unzip, plain, name, index)
        if following is None:
            if not unzip.eof or unzip.unused_data:
                raise _damaged(name, "its compressed lines do not end where it ends")
            return
        pending, index = following, index + 1


def _unpacked(unzip: zlib._Decompress, packed: bytes, name: str, index: int) -> bytes:
    try:
        return unzip.decompress(packed)
    except zlib.error:
        raise _damaged(name, f"part {index + 1} does not unpack") from None


def _opens_as_middle(
    aead: AESGCM, prefix: bytes, index: int, sealed: bytes, preamble: bytes
) -> bool:
    try:
        aead.decrypt(_nonce(prefix, index, False), sealed, preamble)
    except InvalidTag:
        return False
    return True
