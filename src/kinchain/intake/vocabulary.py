"""What intake words imply (``vocabulary.yaml``): the tissue an injury kind means, which kinds
take a grade, the words that give a carrying side, and the one list of tissue types and care
levels (the tissue model reads them from here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError

__all__ = ["InjuryKindInfo", "care_levels", "carrying_side", "injury_kinds", "tissue_types"]

_FILE = "vocabulary.yaml"
_KEYS = {"tissue_types", "care_levels", "injury_kinds", "carrying_side_words"}
_SIDES = ("left", "right", "both")


@dataclass(frozen=True)
class InjuryKindInfo:
    """What an injury kind implies when the intake does not say more."""

    kind: str
    tissue: str | None
    graded: bool


@dataclass(frozen=True)
class _Vocabulary:
    tissues: tuple[str, ...]
    care: tuple[str, ...]
    kinds: dict[str, InjuryKindInfo]
    side_words: dict[str, frozenset[str]]


def _words(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    listed = raw[key]
    if not isinstance(listed, list) or not listed or not all(isinstance(w, str) for w in listed):
        raise DataFileError(_FILE, key, f"expected a list of words, got {listed!r}")
    if len(set(listed)) != len(listed):
        raise DataFileError(_FILE, key, f"a word is listed twice in {listed!r}")
    return tuple(listed)


def _parse(raw: Any) -> _Vocabulary:
    if not isinstance(raw, dict) or set(raw) != _KEYS:
        raise DataFileError(_FILE, "<top>", f"expected the keys {', '.join(sorted(_KEYS))}")
    tissues = _words(raw, "tissue_types")
    kinds: dict[str, InjuryKindInfo] = {}
    for kind, body in (raw["injury_kinds"] or {}).items():
        where = f"injury_kinds.{kind}"
        if not isinstance(body, dict) or set(body) != {"tissue", "graded"}:
            raise DataFileError(_FILE, where, "expected exactly {tissue, graded}")
        tissue, graded = body["tissue"], body["graded"]
        if tissue is not None and tissue not in tissues:
            raise DataFileError(_FILE, f"{where}.tissue", f"{tissue!r} is not one of {tissues}")
        if not isinstance(graded, bool):
            raise DataFileError(_FILE, f"{where}.graded", f"expected true/false, got {graded!r}")
        kinds[str(kind)] = InjuryKindInfo(kind=str(kind), tissue=tissue, graded=graded)
    words: dict[str, frozenset[str]] = {}
    for side, listed in (raw["carrying_side_words"] or {}).items():
        if side not in _SIDES or not isinstance(listed, list) or not listed:
            raise DataFileError(_FILE, f"carrying_side_words.{side}", "expected a side: [words]")
        words[str(side)] = frozenset(str(w).lower() for w in listed)
    care = _words(raw, "care_levels")
    return _Vocabulary(tissues=tissues, care=care, kinds=kinds, side_words=words)


@cache
def _vocabulary() -> _Vocabulary:
    return _parse(read_bundled_yaml("kinchain.intake", _FILE))


def injury_kinds() -> dict[str, InjuryKindInfo]:
    """Injury kind -> what it implies.

    >>> injury_kinds()["sprain"].tissue, injury_kinds()["fracture"].graded
    ('ligament', False)
    """
    return dict(_vocabulary().kinds)


def tissue_types() -> tuple[str, ...]:
    """Every tissue type an injury may name.

    >>> tissue_types()[:3]
    ('ligament', 'tendon', 'muscle')
    """
    return _vocabulary().tissues


def care_levels() -> tuple[str, ...]:
    """Every care level an injury may record, least care first.

    >>> care_levels()[0], care_levels()[-1]
    ('none', 'rehab_completed')
    """
    return _vocabulary().care


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
