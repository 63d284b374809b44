"""The building blocks of every intake check: strict scalar types, ranges, and the one error
type (``"intake"``) whose message reaches the coach as it is written."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Strict,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kinchain.intake._limits import limit

__all__ = [
    "MIN_YEAR",
    "Flag",
    "Notes",
    "Number",
    "Text",
    "WholeNumber",
    "as_of",
    "at_most",
    "between",
    "context_value",
    "describe",
    "lone_surrogate_at",
    "refusal",
    "shown",
]

#: earliest year an intake date may name
MIN_YEAR = 1900


def refusal(message: str, /) -> PydanticCustomError:
    """The error every intake check raises: its message reaches the coach as it is."""
    return PydanticCustomError("intake", "{detail}", {"detail": message})


#: how much of a received value a message quotes
_SHOWN_CHARS = 40
#: how deep into a nested received value a message looks
_SHOWN_DEPTH = 3


def _preview(value: object, depth: int, budget: int) -> str:
    """A short rendering of ``value``: at most about ``budget`` characters, never recursing
    past :data:`_SHOWN_DEPTH` levels (a value nested 600 deep costs three levels)."""
    if isinstance(value, dict | list | tuple):
        if depth >= _SHOWN_DEPTH or budget <= 5:
            return "{...}" if isinstance(value, dict) else "[...]"
        parts: list[str] = []
        items = list(itertools.islice(value.items() if isinstance(value, dict) else value, 8))
        for item in items:
            if isinstance(value, dict):
                key, inner = item
                part = f"{_preview(key, depth + 1, 12)}: {_preview(inner, depth + 1, budget)}"
            else:
                part = _preview(item, depth + 1, budget)
            parts.append(part)
            if sum(len(p) + 2 for p in parts) > budget:
                break
        more = ", ..." if len(parts) < len(value) else ""
        body = ", ".join(parts) + more
        return f"{{{body}}}" if isinstance(value, dict) else f"[{body}]"
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, float) and not isinstance(value, bool):
        return f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"a whole number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, str):
        if len(value) <= _SHOWN_CHARS - 2 and len(quoted := repr(value)) <= _SHOWN_CHARS:
            return quoted
        return f"{repr(value[: _SHOWN_CHARS - 6])[:-1]}...' ({len(value):,} characters)"
    text = str(value)
    return text if len(text) <= _SHOWN_CHARS else f"{text[: _SHOWN_CHARS - 3]}..."


def shown(value: object, /) -> str:
    """A received value as a message quotes it: short, cut with its full length, and safe for
    any value (a huge text, a huge number, a list nested hundreds deep).

    >>> shown(-3.0), shown("ankel"), shown("x" * 60)
    ('-3', "'ankel'", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (60 characters)")
    >>> deep: list = []
    >>> for _ in range(5000):
    ...     deep = [deep]
    >>> shown(deep), shown({"a": list(range(100))})
    ('[[[[...]]]]', "{'a': [0, 1, 2, 3, 4, 5, 6, 7, ...]}")
    """
    if isinstance(value, dict | list | tuple):
        text = _preview(value, 0, _SHOWN_CHARS)
        return text if len(text) <= _SHOWN_CHARS * 2 else text[: _SHOWN_CHARS * 2 - 3] + "..."
    return _scalar(value)


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate_at(text: str, /) -> int | None:
    """Where (counting from 1) ``text`` holds a lone UTF-16 surrogate, a character no file can
    store (``"\\ud800"`` written as a JSON or YAML escape); None when it holds none.

    >>> lone_surrogate_at("Maria \\ud800 Example"), lone_surrogate_at("Maria")
    (7, None)
    """
    match = _SURROGATE.search(text)
    return None if match is None else match.start() + 1


def _joined_pairs(text: str) -> str:
    """YAML reads the escape pair of one emoji ("\\ud83d\\ude00") as two surrogates: join
    each such pair into its character; a lone surrogate is left as it is."""
    if _SURROGATE.search(text) is None:
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return text


def _text_check(limit_name: str, *, required: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = _joined_pairs(value)
        position = lone_surrogate_at(value)
        if position is not None:
            raise refusal(
                "text contains an invalid character (a lone UTF-16 surrogate) at position "
                f"{position}; write the character itself or remove it"
            )
        value = value.strip()
        if required and not value:
            raise refusal("is empty; expected text")
        max_chars = limit(limit_name)
        if len(value) > max_chars:
            raise refusal(f"is {len(value):,} characters long; at most {max_chars:,} are allowed")
        return value

    return check


def at_most(limit_name: str, what: str = "entries") -> BeforeValidator:
    """A check, run before the entries themselves are read, that a list or mapping holds at
    most ``limit(limit_name)`` of them: refusing 10,000 entries costs one count, not 10,000
    checks.

    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(Annotated[tuple[int, ...], at_most("goals")]).validate_python([1, 2])
    (1, 2)
    """

    def check(value: Any) -> Any:
        if isinstance(value, list | tuple | dict) and len(value) > (most := limit(limit_name)):
            raise refusal(
                f"{len(value):,} {what} given; at most {most:,} are allowed "
                "(a limit far above what a real client needs)"
            )
        return value

    return BeforeValidator(check)


Text = Annotated[str, Strict(), AfterValidator(_text_check("text_chars", required=True))]
Notes = Annotated[str, Strict(), AfterValidator(_text_check("notes_chars", required=False))]


class FrozenRecord(BaseModel):
    """The base of every record a coach writes (intake, check-in): frozen, no unknown keys,
    and ``key: null`` read as the key left out."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _null_is_left_out(cls, data: Any) -> Any:
        """``key: null`` (in YAML also ``key:`` with nothing after it) means the default."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {
            k: v
            for k, v in data.items()
            if not (v is None and k in fields and not fields[k].is_required())
        }
