"""What produced a program: kinchain's version and a hash of the knowledge it read.

The knowledge is every data file shipped in the package (exercises, rules, evidence, the body
web, ...). A changed file gives a new hash; storage keeps the hash with each program a client
was shown, so "what did she see on 3 March, and why" stays answerable after the library
changes, and a new hash is how a knowledge update is noticed.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from importlib.resources.abc import Traversable

import kinchain

__all__ = ["KINCHAIN_VERSION", "knowledge_hash"]

KINCHAIN_VERSION = kinchain.__version__
_KNOWLEDGE_SUFFIXES = (".yaml", ".yml")


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir() and not entry.name.startswith(("_", ".")):
            found.extend(_files(entry, f"{name}/"))
        elif entry.is_file() and entry.name.endswith(_KNOWLEDGE_SUFFIXES):
            found.append((name, entry))
    return found


@functools.cache
def knowledge_hash() -> str:
    """SHA-256 over every knowledge file's path and bytes, in path order (hex)."""
    digest = hashlib.sha256()
    for name, entry in sorted(_files(resources.files(kinchain)), key=lambda f: f[0]):
        digest.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()
