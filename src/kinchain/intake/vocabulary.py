"""What intake words imply (``vocabulary.yaml``): the tissue an injury kind means, which kinds
take a grade, the words that give a carrying side, and the one list of tissue types and care
levels (the tissue model reads them from here)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml
from kinchain.intake.schema import VocabularyDoc
from kinchain.knowledge import load

__all__ = ["InjuryKindInfo", "care_levels", "carrying_side", "injury_kinds", "tissue_types"]

_FILE = "vocabulary.yaml"


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


def _parse(raw: Mapping[str, Any]) -> _Vocabulary:
    doc = load(VocabularyDoc, raw, file=_FILE)
    sides = doc.carrying_side_words
    return _Vocabulary(
        tissues=doc.tissue_types,
        care=doc.care_levels,
        kinds={k: InjuryKindInfo(k, d.tissue, d.graded) for k, d in doc.injury_kinds.items()},
        side_words={s: frozenset(w.lower() for w in ws) for s, ws in sides.items()},
    )


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
