"""Validation errors into problems a coach can act on: a path and a plain message.

Pydantic reports ``('injuries', 1, 'date')`` and "Input should be a valid integer"; a coach reads
``injuries[1].date`` and ``expected a whole number; received 'six' (text)``. No pydantic term
reaches a user.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, Tag, ValidationError
from typing_extensions import is_typeddict

from kinchain.errors import Problem
from kinchain.intake._checks import describe, shown
from kinchain.intake.model import Intake, PartialDate

__all__ = ["describe", "format_path", "problems_from"]

_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "tuple_type": "a list",
    "list_type": "a list",
    "iterable_type": "a list",
    "none_required": "nothing",
}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def format_path(loc: Sequence[int | str], /) -> str:
    """``('injuries', 1, 'date')`` -> ``injuries[1].date``.

    >>> format_path(("injuries", 1, "date")), format_path(("screening", "two words"))
    ('injuries[1].date', "screening['two words']")
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


# ---------------------------------------------------------------- which keys a mapping may hold


def _candidates(tp: Any) -> list[Any]:
    """The concrete types behind Annotated / Optional / unions."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _candidates(get_args(tp)[0])
    if origin is Union or origin is types.UnionType:
        return [c for arg in get_args(tp) if arg is not type(None) for c in _candidates(arg)]
    return [tp]


def _step(tp: Any, part: int | str) -> Any:
    for cand in _candidates(tp):
        if isinstance(part, int) and get_origin(cand) is tuple:
            return get_args(cand)[0]
        if isinstance(part, str):
            if isinstance(cand, type) and issubclass(cand, BaseModel) and part in cand.model_fields:
                return cand.model_fields[part].annotation
            if is_typeddict(cand):
                hints = get_type_hints(cand, include_extras=True)
                if part in hints:
                    return hints[part]
    return None


def _tagged_members(tp: Any) -> dict[str, Any]:
    """Tag -> member type of a tagged union (questionnaire answers that take two shapes)."""
    origin = get_origin(tp)
    if origin is Annotated:
        inner, *metadata = get_args(tp)
        tags = [m.tag for m in metadata if isinstance(m, Tag)]
        return {tags[0]: inner} if tags else _tagged_members(inner)
    if origin is Union or origin is types.UnionType:
        return {tag: m for arg in get_args(tp) for tag, m in _tagged_members(arg).items()}
    return {}


def _clean(loc: Sequence[int | str], value: Any, root: Any = Intake) -> list[int | str]:
    """The location as the file sees it: without union tags or pydantic's key marker."""
    parts = list(loc)
    if len(parts) >= 2 and parts[-1] == "[key]" and parts[-2] == value:
        parts.pop()  # the problem is the key itself
    out: list[int | str] = []
    tp: Any = root
    for part in parts:
        members = _tagged_members(tp) if tp is not None else {}
        if isinstance(part, str) and part in members:
            tp = members[part]
            continue
        out.append(part)
        tp = _step(tp, part) if tp is not None else None
    return out


def _keys_at(loc: Sequence[int | str], root: Any = Intake) -> list[str]:
    tp: Any = root
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    for cand in _candidates(tp):
        if isinstance(cand, type) and issubclass(cand, BaseModel):
            return list(cand.model_fields)
        if is_typeddict(cand):
            return list(get_type_hints(cand))
    return []


# ------------------------------------------------------------------------------------ messages


def _homes(tp: Any, prefix: str, found: dict[str, list[str]], depth: int = 0) -> None:
    """Every key of the model, with the sections it belongs under (``habits``, ``injuries[]``)."""
    for cand in _candidates(tp):
        if get_origin(cand) is tuple:
            _homes(get_args(cand)[0], f"{prefix}[]", found, depth)
            continue
        if cand is PartialDate:  # written as text, its parts are no keys of the file
            continue
        if isinstance(cand, type) and issubclass(cand, BaseModel) and depth < 4:
            for name, field in cand.model_fields.items():
                found.setdefault(name, []).append(prefix)
                _homes(field.annotation, f"{prefix}.{name}" if prefix else name, found, depth + 1)


@cache
def _key_homes(root: Any = Intake) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    _homes(root, "", found)
    return found


def _unknown_key(loc: Sequence[int | str], root: Any = Intake) -> str:
    if not loc:
        return "unknown key"
    key, allowed = str(loc[-1]), _keys_at(loc[:-1], root)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    homes = [h for h in _key_homes(root).get(key, []) if h]
    if homes and not close:
        where = " or ".join(f"{h}:" for h in dict.fromkeys(h.replace("[]", "") for h in homes))
        return f"unknown {'top-level ' if len(loc) == 1 else ''}key; {key} belongs under {where}"
    if len(loc) == 1:
        if close:
            return f"unknown top-level key; likely a typo of {close[0]!r}"
        return f"unknown top-level key; expected one of {', '.join(allowed)}"
    if close:
        return f"unknown key (did you mean {close[0]!r}?)"
    return f"unknown key; expected one of {', '.join(allowed)}" if allowed else "unknown key"


def _not_allowed(value: Any, expected: str) -> str:
    choices = re.findall(r"'([^']*)'", expected)
    listed = ", ".join(choices) if choices else expected
    if not isinstance(value, str):
        return f"expected one of {listed}; received {describe(value)}"
    close = difflib.get_close_matches(value, choices, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{shown(value)} is not one of {listed}{hint}"


def _message(error: Any, loc: Sequence[int | str], root: Any = Intake) -> str:
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "intake":
        message = str(error["msg"])
        if message.startswith("expected") and "received" not in message:
            message += f"; received {describe(value)}"
        return message
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return _unknown_key(loc, root)
    if kind == "literal_error":
        return _not_allowed(value, str(ctx.get("expected", "")))
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}; received {describe(value)}"
    if kind == "invalid_key":
        return f"a key must be text; received {describe(value)}"
    if kind == "value_error":
        return str(ctx.get("error", "is not valid"))
    text = str(error.get("msg", "is not valid"))
    if text.startswith("Input should be "):
        return f"expected {text.removeprefix('Input should be ')}; received {describe(value)}"
    return f"{text[:1].lower()}{text[1:]}; received {describe(value)}"


def problems_from(error: ValidationError, /, *, root: Any = Intake) -> list[Problem]:
    """Every problem of a failed validation, in file order, once each.

    ``root`` is the model validated (the intake; a check-in reads its keys from its own model).
    """
    problems: list[Problem] = []
    suggested: set[tuple[str, str]] = set()  # (parent path, key) an unknown key is a typo of
    for e in error.errors(include_url=False):
        loc = _clean(e["loc"], e.get("input"), root)
        message = _message(e, loc, root)
        if e["type"] == "extra_forbidden":
            match = re.search(r"(?:typo of|did you mean) '([^']*)'", message)
            if match:
                suggested.add((format_path(loc[:-1]), match.group(1)))
        problems.append(Problem(format_path(loc), message))
    kept: dict[Problem, None] = {}  # a dict keeps file order and finds a repeat at once
    for p in problems:
        parent, _, key = p.path.rpartition(".")
        if p.message == "required, but missing" and (parent, key) in suggested:
            continue  # the unknown key beside it already says "did you mean <key>?"
        kept.setdefault(p, None)
    return list(kept)
