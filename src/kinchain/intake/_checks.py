"""The building blocks of every intake check: strict scalar types, ranges, and the one error
type (``"intake"``) whose message reaches the coach as it is written."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, Strict, ValidationInfo
from pydantic_core import PydanticCustomError

__all__ = [
    "MIN_YEAR",
    "Flag",
    "Notes",
    "Number",
    "Text",
    "WholeNumber",
    "as_of",
    "between",
    "context_value",
    "describe",
    "refusal",
    "shown",
]

#: earliest year an intake date may name
MIN_YEAR = 1900


def refusal(message: str, /) -> PydanticCustomError:
    """The error every intake check raises: its message reaches the coach as it is."""
    return PydanticCustomError("intake", "{detail}", {"detail": message})


def shown(value: object, /) -> str:
    """A received value as a message quotes it (short, never a wall of text).

    >>> shown(-3.0), shown("ankel"), shown("x" * 60)[-5:]
    ('-3', "'ankel'", 'xx...')
    """
    if isinstance(value, float) and not isinstance(value, bool):
        text = f"{value:g}"
    else:
        text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def context_value(info: ValidationInfo, key: str) -> Any:
    """A value the loader passed in the validation context, or None."""
    return info.context.get(key) if isinstance(info.context, dict) else None


def as_of(info: ValidationInfo) -> dt.date:
    """The day dates are checked against: the context's ``as_of``, else today."""
    day = context_value(info, "as_of")
    return day if isinstance(day, dt.date) else dt.date.today()


def describe(value: Any) -> str:
    """A received value in a coach's words.

    >>> describe("six"), describe(True), describe([1, 2]), describe(None)
    ("'six' (text)", 'true (a yes/no)', 'a list', 'nothing (an empty value)')
    """
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no)"
    if isinstance(value, int | float):
        return shown(value)
    if isinstance(value, str):
        return f"{shown(value)} (text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"a value of type {type(value).__name__}"


def between(lo: float, hi: float, unit: str = "") -> Callable[[Any], Any]:
    """A check that a number lies in ``lo..hi`` (inclusive), saying so in plain words.

    >>> between(0, 10)(7)
    7
    """
    suffix = f" {unit}" if unit else ""

    def check(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            raise refusal(f"{value} is not a finite number; expected {lo:g}..{hi:g}{suffix}")
        if not lo <= value <= hi:
            raise refusal(f"{shown(value)} is outside {lo:g}..{hi:g}{suffix}")
        return value

    return check


# Strict scalars: a quoted "6" or a yes/no is refused instead of silently becoming a number.
WholeNumber = Annotated[int, Strict()]
Number = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]


def _text_check(max_chars: int, *, required: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if required and not value:
            raise refusal("is empty; expected text")
        if len(value) > max_chars:
            raise refusal(f"is {len(value)} characters long; at most {max_chars} are allowed")
        return value

    return check


Text = Annotated[str, Strict(), AfterValidator(_text_check(200, required=True))]
Notes = Annotated[str, Strict(), AfterValidator(_text_check(2000, required=False))]
