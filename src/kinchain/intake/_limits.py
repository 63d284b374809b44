"""How much one intake may hold (``limits.yaml``): counts and lengths a real client never
reaches, refused beyond with the field, the limit and the count received.

>>> limit("injuries") >= 10, limit("text_chars")
(True, 200)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml
from kinchain.intake.schema import LIMIT_NAMES, LimitsDoc
from kinchain.knowledge import load

__all__ = ["LIMIT_NAMES", "limit", "limits"]

_FILE = "limits.yaml"


def _parse(raw: Mapping[str, Any]) -> dict[str, int]:
    return dict(load(LimitsDoc, raw, file=_FILE).limits)


@cache
def limits() -> dict[str, int]:
    """Every limit by name (read once)."""
    return _parse(read_bundled_yaml("kinchain.intake", _FILE))


def limit(name: str, /) -> int:
    """One limit: ``limit("injuries")``."""
    return limits()[name]
