"""One way to load knowledge: declarative pydantic models for kinchain's data files.

A data file is described by a :class:`Knowledge` model (unknown fields refused, frozen); an entry
that carries sources derives from :class:`CitedRecord`. :func:`load` validates either parsed data
(a coach's edit arriving through the web) or a YAML file, and turns a pydantic
``ValidationError`` into one :class:`~kinchain.errors.DataFileError` naming the file, the dotted
key path, what was expected and what was received. :func:`cross_check` then checks every cite key
against the evidence registry and every field marked :data:`SITE_IDS` against the body web.

A validator that checks order or a reference across fields raises :func:`refuse`, which may point
below the field it validates (``at="[2].fraction"``), so the error still names the exact key.

Like :mod:`kinchain.datafile` it sits at the bottom of the layering: registry and sites come in as
arguments.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from kinchain.datafile import CitationChecker, read_yaml_file
from kinchain.errors import DataFileError

__all__ = [
    "SITE_IDS",
    "STRICT",
    "CitedRecord",
    "Keys",
    "Knowledge",
    "Prose",
    "Text",
    "cross_check",
    "error_from_validation",
    "exact_keys",
    "grade_within",
    "in_range",
    "load",
    "one_of",
    "refuse",
    "whole_in",
    "with_entry_id",
    ]

M = TypeVar("M", bound="Knowledge")
_KIND = "kinchain"


class Knowledge(BaseModel):
    """A checked piece of a data file: unknown fields refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def refuse(message: str, *, at: str = "") -> PydanticCustomError:
    """A validation error with kinchain's wording, ``at`` a key path below the validated field."""
    return PydanticCustomError(_KIND, message, {"at": at})


def _nonblank(value: str) -> str:
    if not value.strip():
        raise refuse(f"expected a non-empty text, got {value!r}")
    return value.strip()


def in_range(lo: float, hi: float = math.inf, *, lo_open: bool = False) -> Any:
    """A validator for ``Annotated[float, STRICT, in_range(lo, hi)]``: finite, within lo..hi
    (``lo_open``: above ``lo``); a whole number is shown as written (40, not 40.0)."""

    def check(value: float) -> float:
        above = value > lo if lo_open else value >= lo
        if above and value <= hi and math.isfinite(value):
            return float(value)
        shown = int(value) if math.isfinite(value) and value == int(value) else value
        if lo_open or math.isinf(hi):
            top = f" and <= {hi:g}" if math.isfinite(hi) else ""
            raise refuse(f"{shown} is not {'>' if lo_open else '>='} {lo:g}{top}")
        raise refuse(f"{shown} is outside {lo:g}..{hi:g}")

    return AfterValidator(check)


def whole_in(lo: int, hi: int) -> Any:
    """A validator for ``Annotated[int, STRICT, whole_in(lo, hi)]``: within lo..hi."""

    def check(value: int) -> int:
        if not lo <= value <= hi:
            raise refuse(f"{value} is outside {lo}..{hi}")
        return value

    return AfterValidator(check)


#: Refuses a text for a number and a boolean for a whole number.
STRICT = Field(strict=True)


def one_of(options: Collection[str], value: str, /, *, at: str = "") -> str:
    """``value`` if it is one of ``options``, else a refusal naming them."""
    if value not in options:
        raise refuse(f"{value!r} is not one of {list(options)}", at=at)
    return value


def exact_keys(raw: Mapping[Any, Any], names: Collection[str], /, *, at: str = "") -> None:
    """``raw`` has every key of ``names`` and no other."""
    unknown = sorted(str(k) for k in set(raw) - set(names))
    if unknown:
        raise refuse(f"unknown field(s) {unknown}, expected some of {sorted(names)}", at=at)
    for name in names:
        if name not in raw:
            raise refuse("missing", at=f"{at}.{name}" if at else name)


#: A required, non-empty text, stripped.
Text = Annotated[str, Field(strict=True), AfterValidator(_nonblank)]
def _squashed(value: str) -> str:
    return " ".join(_nonblank(value).split())


#: A required, non-empty text with every run of white space (a YAML block's breaks) one space.
Prose = Annotated[str, Field(strict=True), AfterValidator(_squashed)]
#: A non-empty list of citation keys.
Keys = Annotated[tuple[Annotated[str, Field(strict=True, min_length=1)], ...], Field(min_length=1)]


class _SiteIds:
    """Marks a field whose text, texts or mapping keys are site ids of the body web."""


#: Put in ``Annotated[..., SITE_IDS]`` for :func:`cross_check` to look the ids up.
SITE_IDS = _SiteIds()


class CitedRecord(Knowledge):
    """An entry that carries its sources: ``cite`` (registry keys) and an optional ``note``."""

    cite: Keys
    note: str = ""


def grade_within(
    grade: str, cite: Iterable[str], essential: Iterable[str], *, order: Sequence[str],
    grade_of: Callable[[str], str],
) -> str:
    """``grade`` if it is the grade of a cited source and no stronger than the weakest essential
    source (a composite statement takes the grade of its weakest essential part), else a refusal.

    ``order`` lists grades strongest first; ``grade_of`` gives a source's grade.
    """
    cite, essential = list(cite), list(essential)
    if grade not in order or grade not in {grade_of(k) for k in cite}:
        raise refuse(f"{grade!r} must be the grade of one of its sources {cite}", at="grade")
    weakest = max(essential, key=lambda k: order.index(grade_of(k)))
    if order.index(grade) < order.index(grade_of(weakest)):
        raise refuse(
            f"{grade!r} is stronger than its weakest essential source {weakest} "
            f"({grade_of(weakest)}); grade it {grade_of(weakest)!r} or list the "
            "sources it stands on under 'essential'",
            at="grade",
        )
    return grade


def _dotted(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        if part == "[key]":  # pydantic's mark of a refused mapping key: the key names it
            continue
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path or "<file>"


def _excerpt(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _detail(e: ErrorDetails) -> str:
    kind, value = e["type"], e.get("input")
    if kind == _KIND:
        return e["msg"]
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return f"unknown field(s) [{str(e['loc'][-1])!r}]"
    if kind == "bool_type":
        return f"{_excerpt(value)} is not true or false"
    ctx = e.get("ctx", {})
    if kind == "literal_error":
        return f"{_excerpt(value)} is not one of {ctx.get('expected', '')}"
    if kind == "too_short":
        least, noun = ctx.get("min_length", 1), "mapping" if isinstance(value, dict) else "list"
        wanted = f"a non-empty {noun}" if least == 1 else f"a {noun} of at least {least} items"
        return f"expected {wanted}, got {_excerpt(value)}"
    if kind == "string_pattern_mismatch":
        return f"expected a text matching {ctx.get('pattern', '')!r}, got {_excerpt(value)}"
    return f"expected {e['msg'].lower().removeprefix('input should be ')}, got {_excerpt(value)}"


def error_from_validation(err: ValidationError, /, *, file: str) -> DataFileError:
    """The first error of ``err`` as a DataFileError naming the file, the key path and the value."""
    e = err.errors(include_url=False)[0]
    loc = list(e["loc"])
    if e["type"] == "extra_forbidden":
        loc = loc[:-1]
    at = str(e.get("ctx", {}).get("at", "")) if e["type"] == _KIND else ""
    key = _dotted(loc)
    if at:
        key = at if not loc else key + at if at.startswith("[") else f"{key}.{at}"
    return DataFileError(file, key, _detail(e))


def load(model: type[M], source: Path | Mapping[str, Any], /, *, file: str | None = None) -> M:
    """``source`` (a YAML file, or data already parsed) checked as ``model``.

    ``file`` names the data in errors (default: the file's name). Any bad value raises one
    DataFileError.
    """
    name = file or (source.name if isinstance(source, Path) else "<data>")
    raw = read_yaml_file(source) if isinstance(source, Path) else source
    if not isinstance(raw, Mapping):
        raise DataFileError(name, "<file>", f"expected a mapping, got {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        raise error_from_validation(err, file=name) from None


def with_entry_id(err: DataFileError, raw: Mapping[str, Any], section: str, /) -> DataFileError:
    """``err`` with the entry's id after its index: ``exercises[3] (bird_dog).dose``."""
    found = re.match(rf"^{re.escape(section)}\[(\d+)\]", err.key)
    entries = raw.get(section)
    if not found or not isinstance(entries, list) or int(found[1]) >= len(entries):
        return err
    entry = entries[int(found[1])]
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    if not isinstance(entry_id, str) or err.key == f"{found[0]}.id":
        return err
    return DataFileError(err.file, f"{found[0]} ({entry_id}){err.key[found.end():]}", err.detail)


def _walk(value: Any, path: str) -> Iterator[tuple[str, str, Any]]:
    """(path, field name, field value) of every field of every model below ``value``."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field = getattr(value, name)
            here = f"{path}.{name}" if path else name
            yield here, "site" if SITE_IDS in info.metadata else name, field
            yield from _walk(field, here)
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")


def _site_ids(field: Any) -> Iterable[str]:
    return [field] if isinstance(field, str) else list(field)


def cross_check(
    model: Knowledge, /, *, file: str, registry: CitationChecker, sites: Collection[str]
) -> None:
    """Every cite key of ``model`` is in ``registry``; every marked site id is in ``sites``."""
    for path, name, field in _walk(model, ""):
        if name == "cite":
            registry.check(field, file=file, key=path)
        elif name == "site":
            for sid in _site_ids(field):
                if sid not in sites:
                    raise DataFileError(file, path, f"{sid!r} is not a site of the body web")
