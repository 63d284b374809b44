"""The screening questions: which yes/no answers an intake may give, and how to ask them.

The questions live in ``screening.yaml`` beside this module; the red-flag rules that act on the
answers live in :mod:`kinchain.assessment`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml
from kinchain.intake.schema import ScreeningDoc
from kinchain.knowledge import load

__all__ = ["ScreeningQuestion", "screening_groups", "screening_keys", "screening_questions"]

_FILE = "screening.yaml"


@dataclass(frozen=True)
class ScreeningQuestion:
    """One screening key, the group it belongs to and the question a client answers."""

    key: str
    group: str
    question: str


@dataclass(frozen=True)
class _Screening:
    groups: dict[str, str]
    questions: tuple[ScreeningQuestion, ...]


def _parse(raw: Mapping[str, Any]) -> _Screening:
    doc = load(ScreeningDoc, raw, file=_FILE)
    return _Screening(
        groups={g: d.title for g, d in doc.groups.items()},
        questions=tuple(ScreeningQuestion(q.key, q.group, q.question) for q in doc.questions),
    )


@cache
def _screening() -> _Screening:
    return _parse(read_bundled_yaml("kinchain.intake", _FILE))


def screening_questions() -> tuple[ScreeningQuestion, ...]:
    """Every screening question, in the order a form asks them.

    >>> next(q.group for q in screening_questions() if q.key == "saddle_numbness")
    'emergency'
    """
    return _screening().questions


def screening_groups() -> dict[str, str]:
    """Group id -> what the group screens for, most urgent first."""
    return dict(_screening().groups)


def screening_keys() -> frozenset[str]:
    """The keys an intake's ``screening:`` mapping may hold."""
    return frozenset(q.key for q in _screening().questions)
