"""What intake words imply (``vocabulary.yaml``): the tissue an injury kind means, which kinds
take a grade, and the words that give a carrying side."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError

__all__ = ["InjuryKindInfo", "carrying_side", "injury_kinds"]

_FILE = "vocabulary.yaml"
_TISSUES = ("ligament", "tendon", "muscle", "bone", "cartilage", "fascia", "joint")
_SIDES = ("left", "right", "both")


@dataclass(frozen=True)
class InjuryKindInfo:
    """What an injury kind implies when the intake does not say more."""

    kind: str
    tissue: str | None
    graded: bool


@dataclass(frozen=True)
class _Vocabulary:
    kinds: dict[str, InjuryKindInfo]
    side_words: dict[str, frozenset[str]]


def _parse(raw: Any) -> _Vocabulary:
    if not isinstance(raw, dict) or set(raw) != {"injury_kinds", "carrying_side_words"}:
        raise DataFileError(_FILE, "<top>", "expected the keys injury_kinds, carrying_side_words")
    kinds: dict[str, InjuryKindInfo] = {}
    for kind, body in (raw["injury_kinds"] or {}).items():
        where = f"injury_kinds.{kind}"
        if not isinstance(body, dict) or set(body) != {"tissue", "graded"}:
            raise DataFileError(_FILE, where, "expected exactly {tissue, graded}")
        tissue, graded = body["tissue"], body["graded"]
        if tissue is not None and tissue not in _TISSUES:
            raise DataFileError(_FILE, f"{where}.tissue", f"{tissue!r} is not one of {_TISSUES}")
        if not isinstance(graded, bool):
            raise DataFileError(_FILE, f"{where}.graded", f"expected true/false, got {graded!r}")
        kinds[str(kind)] = InjuryKindInfo(kind=str(kind), tissue=tissue, graded=graded)
    words: dict[str, frozenset[str]] = {}
    for side, listed in (raw["carrying_side_words"] or {}).items():
        if side not in _SIDES or not isinstance(listed, list) or not listed:
            raise DataFileError(_FILE, f"carrying_side_words.{side}", "expected a side: [words]")
        words[str(side)] = frozenset(str(w).lower() for w in listed)
    return _Vocabulary(kinds=kinds, side_words=words)


@cache
def _vocabulary() -> _Vocabulary:
    return _parse(read_bundled_yaml("kinchain.intake", _FILE))


def injury_kinds() -> dict[str, InjuryKindInfo]:
    """Injury kind -> what it implies.

    >>> injury_kinds()["sprain"].tissue, injury_kinds()["fracture"].graded
    ('ligament', False)
    """
    return dict(_vocabulary().kinds)


def carrying_side(what: str, /) -> str | None:
    """The side a carrying description names, or None when it names none.

    >>> carrying_side("baby on left hip"), carrying_side("bags"), carrying_side("left or right")
    ('left', None, 'both')
    """
    words = set(re.findall(r"[a-z][a-z-]*", what.lower()))
    named = {side for side, listed in _vocabulary().side_words.items() if words & listed}
    if {"left", "right"} <= named or "both" in named:
        return "both"
    if named:
        return named.pop()
    return None
