"""A check-in file, checked with the intake's strictness and in its voice.

A check-in says, on one date, how the routine felt, how much each site hurts, which exercises
were done, what a flare was put down to, and optionally re-assessed questionnaires. The fields
use the intake's own types (:mod:`kinchain.intake._checks`, the site and side checks of
:mod:`kinchain.intake.model`): a quoted ``"5"`` or a ``true`` is refused, not read as a number; a
side given for the spine is refused, not read as a new pain. Every problem is reported at once,
each as ``path: message`` (:mod:`kinchain.intake.problems`), with a did-you-mean for an unknown
site, exercise id or flare cause.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    PlainValidator,
    PrivateAttr,
    Strict,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from kinchain.body import site_label
from kinchain.errors import CheckinError, IntakeError, Problem
from kinchain.intake._checks import (
    MIN_YEAR,
    Flag,
    FrozenRecord,
    Notes,
    WholeNumber,
    as_of,
    at_most,
    between,
    context_value,
    describe,
    refusal,
    shown,
)
from kinchain.intake._limits import limit
from kinchain.intake.files import read_intake_data
from kinchain.intake.model import ScreeningKey, Side, SiteId, _check_side
from kinchain.intake.problems import format_path, problems_from
from kinchain.intake.questionnaires import Questionnaires
from kinchain.program.checkin_rules import checkin_rules
from kinchain.program.library import Library, default_library

__all__ = [
    "MAX_DEPTH",
    "Checkin",
    "CheckinPain",
    "checkin_problems",
    "load_checkin",
    "looks_like_checkin",
    "parse_checkin",
]

#: how deeply a check-in's values may nest (a questionnaire answer needs 3 levels)
MAX_DEPTH = 8
_CHECKIN_ONLY = frozenset({"date", "effort", "done", "instruments", "notes", "flare_with"})
_INTAKE_ONLY = frozenset(
    {
        "client",
        "daily_minutes",
        "goals",
        "injuries",
        "footwear",
        "activities",
        "habits",
        "screening",
        "questionnaires",
    }
)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any, info: ValidationInfo) -> dt.date:
    """A check-in's date: a calendar day written YYYY-MM-DD, not after today."""
    expected = "expected a date as YYYY-MM-DD"
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise refusal(f"{expected}; received {describe(value)}")
    day = value
    if isinstance(value, str):
        if not _ISO_DAY.fullmatch(value.strip()):
            raise refusal(f"{expected}; received {describe(value)}")
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise refusal(f"{shown(value)} is not a calendar date ({expected})") from None
    assert isinstance(day, dt.date)
    today = as_of(info)
    if day.year < MIN_YEAR:
        raise refusal(f"{day.isoformat()} is before {MIN_YEAR}")
    if day > today:
        raise refusal(f"{day.isoformat()} is in the future (today is {today.isoformat()})")
    return day


def _library(info: ValidationInfo) -> Library:
    found = context_value(info, "library")
    return found if isinstance(found, Library) else default_library()


def _close(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _exercise_id(value: str, info: ValidationInfo) -> str:
    library = _library(info)
    if value not in library:
        ids = list(library)
        raise refusal(f"unknown exercise id {shown(value)}{_close(value, ids)}")
    return value


def _flare_cause(value: str, info: ValidationInfo) -> str:
    causes = checkin_rules().flare_with
    library = _library(info)
    if value not in causes and value not in library:
        words = [*causes, *library]
        listed = ", ".join(causes)
        raise refusal(
            f"unknown flare cause {shown(value)}{_close(value, words)}; "
            f"expected one of {listed}, or an exercise id"
        )
    return value


ExerciseId = Annotated[str, Strict(), AfterValidator(_exercise_id)]
FlareCauseId = Annotated[str, Strict(), AfterValidator(_flare_cause)]
CheckinDate = Annotated[dt.date, PlainValidator(_day)]


class _Frozen(FrozenRecord):
    """This module's records (the shared base: :class:`kinchain.intake._checks.FrozenRecord`)."""


class CheckinPain(_Frozen):
    """How much one site hurts on the check-in's date (0..10), on which side."""

    site: SiteId
    side: Side | None = Field(default=None, validate_default=True)
    intensity: Annotated[WholeNumber, AfterValidator(between(0, 10))]

    _side = field_validator("side")(_check_side)


def _where(pain: CheckinPain) -> str:
    return site_label(pain.site, pain.side)


class Checkin(_Frozen):
    """One check-in, validated. ``source`` names the file it came from (set by the loader)."""

    date: CheckinDate
    effort: Literal["easy", "ok", "hard"]
    pain: Annotated[tuple[CheckinPain, ...], at_most("pain", "pains")] = ()
    done: Annotated[tuple[ExerciseId, ...], at_most("checkin_done", "exercise ids")] = ()
    flare_with: Annotated[tuple[FlareCauseId, ...], at_most("pain_words", "causes")] = ()
    instruments: Questionnaires | None = None
    notes: Notes = ""
    # red-flag screening asked again: an answer here counts as the intake's from this date on
    screening: Annotated[
        dict[ScreeningKey, Flag], at_most("screening_keys", "answers")
    ] = Field(default_factory=dict)
    _source: str = PrivateAttr(default="<check-in>")

    @property
    def source(self) -> str:
        """The file the check-in came from, as messages name it."""
        return self._source

    @field_validator("pain")
    @classmethod
    def _each_site_once(cls, pains: tuple[CheckinPain, ...]) -> tuple[CheckinPain, ...]:
        seen: dict[str, CheckinPain] = {}
        for p in pains:
            earlier = seen.setdefault(p.site, p)
            if earlier is not p and (earlier.side == p.side or "both" in (earlier.side, p.side)):
                raise refusal(
                    f"{_where(p)} is given twice (also as {_where(earlier)}); "
                    "give each site and side once"
                )
        return pains


# ----------------------------------------------------------------------------- reading a file


def looks_like_checkin(data: Any, /) -> bool:
    """Whether plain data reads as a check-in rather than an intake (by its top-level keys).

    >>> looks_like_checkin({"date": "2026-12-09", "effort": "easy"})
    True
    >>> looks_like_checkin({"client": {}, "daily_minutes": 12, "pain": []})
    False
    """
    if not isinstance(data, dict):
        return False
    keys = {str(k) for k in data}
    return len(keys & _CHECKIN_ONLY) > len(keys & _INTAKE_ONLY)


def _too_deep(value: Any, limit: int) -> bool:
    """Whether ``value`` nests more than ``limit`` levels (checked without recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
    return False


def _answer_problems(data: dict[str, Any], found: list[Problem]) -> list[Problem]:
    """Item counts and ranges of re-assessed questionnaires, once their shapes are right."""
    from kinchain.assessment.instruments import check_answers

    raw = data.get("instruments")
    if not raw or any(p.path.startswith("instruments") for p in found):
        return []
    try:
        answers = Questionnaires.model_validate(raw)
    except ValidationError:  # a shape problem: the model's own check reports it
        return []
    return check_answers(answers, prefix="instruments")


def checkin_problems(
    data: Any, /, *, library: Library | None = None, today: dt.date | None = None
) -> tuple[Checkin | None, list[Problem]]:
    """The check-in plain data holds, or None, and every problem found in it."""
    if not isinstance(data, dict):
        expected = "expected a mapping with date:, effort:, pain: and done:"
        return None, [Problem("", f"{expected}; received {describe(data)}")]
    problems: list[Problem] = []
    kept = {}
    for key, value in data.items():
        if _too_deep(value, MAX_DEPTH):
            path = format_path([str(key)])
            problems.append(Problem(path, f"nested more than {MAX_DEPTH} levels deep; refused"))
        else:
            kept[key] = value
    context = {"as_of": today or dt.date.today(), "library": library or default_library()}
    checkin: Checkin | None = None
    try:
        checkin = Checkin.model_validate(kept, context=context)
    except ValidationError as e:
        order = {str(key): i for i, key in enumerate(data)}
        found = sorted(
            problems_from(e, root=Checkin),
            key=lambda p: order.get(p.path.split(".")[0].split("[")[0], 0),
        )
        problems.extend(found)
    problems.extend(_answer_problems(kept, problems))
    return (None if problems else checkin), problems


def parse_checkin(
    data: Any,
    /,
    *,
    source: str = "<check-in>",
    library: Library | None = None,
    today: dt.date | None = None,
) -> Checkin:
    """A :class:`Checkin` from parsed YAML/JSON; a :class:`CheckinError` lists every problem.

    ``today`` (default: the real today) is the day a check-in may not come after.
    """
    checkin, problems = checkin_problems(data, library=library, today=today)
    if checkin is None:
        raise CheckinError(source, problems, shown=limit("problems_shown"))
    checkin._source = source
    return checkin


def load_checkin(
    path: str | os.PathLike[str],
    /,
    *,
    library: Library | None = None,
    today: dt.date | None = None,
) -> Checkin:
    """Read and check a check-in file (YAML or JSON)."""
    try:
        data = read_intake_data(path, kind="check-in")
    except IntakeError as e:
        raise CheckinError(str(path), e.problems) from None
    return parse_checkin(data, source=str(path), library=library, today=today)
