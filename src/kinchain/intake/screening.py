"""The screening questions: which yes/no answers an intake may give, and how to ask them.

The questions live in ``screening.yaml`` beside this module; the red-flag rules that act on the
answers live in :mod:`kinchain.assessment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

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


def _text(raw: Any, *, key: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise DataFileError(_FILE, key, f"expected non-empty text, received {raw!r}")
    return raw.strip()


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
        groups[str(gid)] = _text(body["title"], key=f"groups.{gid}.title")
    if not isinstance(questions_raw, list) or not questions_raw:
        raise DataFileError(_FILE, "questions", "expected a list of questions")
    questions: list[ScreeningQuestion] = []
    seen: set[str] = set()
    for i, entry in enumerate(questions_raw):
        where = f"questions[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"key", "group", "question"}:
            raise DataFileError(_FILE, where, "expected exactly the keys key, group and question")
        key = _text(entry["key"], key=f"{where}.key")
        if key in seen:
            raise DataFileError(_FILE, f"{where}.key", f"{key!r} is listed twice")
        seen.add(key)
        group = _text(entry["group"], key=f"{where}.group")
        if group not in groups:
            raise DataFileError(_FILE, f"{where}.group", f"{group!r} is not one of {list(groups)}")
        question = _text(entry["question"], key=f"{where}.question")
        if not question.endswith("?"):
            raise DataFileError(_FILE, f"{where}.question", f"{question!r} is not a question")
        questions.append(ScreeningQuestion(key=key, group=group, question=question))
    return _Screening(groups=groups, questions=tuple(questions))


@cache
def _screening() -> _Screening:
    text = resources.files("kinchain.intake").joinpath(_FILE).read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text))


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
