"""Intake use cases: load a client for the other use cases, and validate a file for a coach."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kinchain.assessment.instruments import check_answers
from kinchain.errors import IntakeError, Problem
from kinchain.intake import Intake, Questionnaires, parse_intake
from kinchain.intake._limits import limit
from kinchain.intake.files import read_intake_data

__all__ = ["CheckedFile", "check_file", "load_client", "validate_file", "validate_intake"]


def _answer_problems(data: Any, found: list[Problem]) -> list[Problem]:
    """Item counts and ranges of the questionnaires, once their shapes are right."""
    if any(p.path.startswith("questionnaires") for p in found) or not isinstance(data, dict):
        return []
    try:
        answers = Questionnaires.model_validate(data.get("questionnaires") or {})
    except ValidationError:  # a shape problem: the intake's own check reports it
        return []
    return check_answers(answers)


def validate_intake(data: Any, /, *, source: str, as_of: dt.date | None = None) -> Intake:
    """Raw intake data (a mapping from YAML, JSON or a web form) fully checked: every field
    and the questionnaire answers, against ``as_of`` (default today).

    The one place an intake is validated whole; files, the web and storage all come through
    here. Raises one :class:`~kinchain.errors.IntakeError` that lists every problem found.
    """
    problems: list[Problem] = []
    intake: Intake | None = None
    try:
        intake = parse_intake(data, source=source, as_of=as_of)
    except IntakeError as e:
        problems.extend(e.problems)
    problems.extend(_answer_problems(data, problems))
    if problems or intake is None:
        raise IntakeError(source, problems, shown=limit("problems_shown"))
    return intake


def load_client(path: str | os.PathLike[str], /, *, as_of: dt.date | None = None) -> Intake:
    """A client's intake file, fully checked: the file adapter, then :func:`validate_intake`.

    Raises one :class:`~kinchain.errors.IntakeError` that lists every problem found.
    """
    return validate_intake(read_intake_data(path), source=str(path), as_of=as_of)


@dataclass(frozen=True)
class CheckedFile:
    """What a file a coach wrote was read as (``intake`` or ``check-in``) and its problems, each
    as a ``file: path: message`` line (none when it is valid)."""

    kind: str
    problems: tuple[str, ...]


def check_file(path: str | os.PathLike[str], /, *, as_of: dt.date | None = None) -> CheckedFile:
    """Check an intake or a check-in file, recognised by its keys, and list every problem."""
    from kinchain.program.checkin import checkin_problems, looks_like_checkin

    try:
        data = read_intake_data(path)
    except IntakeError as e:
        return CheckedFile("intake", tuple(f"{e.source}: {p}" for p in e.problems))
    if looks_like_checkin(data):
        _, problems = checkin_problems(data, today=as_of)
        return CheckedFile("check-in", tuple(f"{path}: {p}" for p in problems))
    return CheckedFile("intake", tuple(validate_file(path, as_of=as_of)))


def validate_file(path: str | os.PathLike[str], /, *, as_of: dt.date | None = None) -> list[str]:
    """Every problem of an intake file as ``file: path: message`` lines (the first
    ``problems_shown`` of them, then one line counting the rest); empty when it is valid."""
    try:
        load_client(path, as_of=as_of)
    except IntakeError as e:
        most = limit("problems_shown")
        lines = [f"{e.source}: {problem}" for problem in e.problems[:most]]
        if len(e.problems) > most:
            lines.append(f"{e.source}: ... and {len(e.problems) - most:,} more problems")
        return lines
    return []
