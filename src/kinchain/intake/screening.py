"""The screening questions: which yes/no answers an intake may give, and how to ask them.

The questions live in ``screening.yaml`` beside this module; the red-flag rules that act on the
answers live in :mod:`kinchain.assessment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml, text
from kinchain.errors import DataFileError

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


def _parse(raw: Any) -> _Screening:
    if not isinstance(raw, dict) or set(raw) != {"groups", "questions"}:
        raise DataFileError(_FILE, "<top>", "expected exactly the keys groups and questions")
    groups_raw, questions_raw = raw["groups"], raw["questions"]
    if not isinstance(groups_raw, dict) or not groups_raw:
        raise DataFileError(_FILE, "groups", "expected a mapping of group ids")
    groups: dict[str, str] = {}
    for gid, body in groups_raw.items():
        if not isinstance(body, dict) or set(body) != {"title"}:
            raise DataFileError(_FILE, f"groups.{gid}", "expected exactly {title: text}")
        groups[str(gid)] = text(body, "title", file=_FILE, key=f"groups.{gid}")
    if not isinstance(questions_raw, list) or not questions_raw:
        raise DataFileError(_FILE, "questions", "expected a list of questions")
    questions: list[ScreeningQuestion] = []
    seen: set[str] = set()
    for i, entry in enumerate(questions_raw):
        where = f"questions[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"key", "group", "question"}:
            raise DataFileError(_FILE, where, "expected exactly the keys key, group and question")
        key = text(entry, "key", file=_FILE, key=where)
        if key in seen:
            raise DataFileError(_FILE, f"{where}.key", f"{key!r} is listed twice")
        seen.add(key)
        group = text(entry, "group", file=_FILE, key=where)
        if group not in groups:
            raise DataFileError(_FILE, f"{where}.group", f"{group!r} is not one of {list(groups)}")
        question = text(entry, "question", file=_FILE, key=where)
        if not question.endswith("?"):
            raise DataFileError(_FILE, f"{where}.question", f"{question!r} is not a question")
        questions.append(ScreeningQuestion(key=key, group=group, question=question))
    return _Screening(groups=groups, questions=tuple(questions))


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
