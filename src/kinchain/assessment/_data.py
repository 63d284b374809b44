"""Shared helpers for the assessment's data files: read a bundled YAML file and check it.

Every loader in this package parses its file into frozen dataclasses and fails with
:class:`~kinchain.errors.DataFileError` naming the file, the key and the bad value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from kinchain.errors import DataFileError
from kinchain.evidence import GRADES, default_registry

__all__ = ["cites", "mapping", "number", "read_yaml", "seq", "text", "weakest_grade"]


def read_yaml(name: str) -> Any:
    """The parsed content of a YAML file bundled in ``kinchain.assessment``."""
    raw = (resources.files("kinchain.assessment") / name).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as e:
        raise DataFileError(name, "<file>", f"not valid YAML ({e})") from None


def mapping(raw: Any, *, file: str, key: str) -> Mapping[str, Any]:
    """``raw`` as a mapping, or a DataFileError."""
    if not isinstance(raw, dict):
        raise DataFileError(file, key, f"expected a mapping, got {type(raw).__name__}")
    return raw


def seq(raw: Any, *, file: str, key: str) -> Sequence[Any]:
    """``raw`` as a list, or a DataFileError."""
    if not isinstance(raw, list):
        raise DataFileError(file, key, f"expected a list, got {type(raw).__name__}")
    return raw


def text(raw: Mapping[str, Any], field: str, *, file: str, key: str) -> str:
    """A required non-empty string field."""
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(file, f"{key}.{field}", f"expected a non-empty text, got {value!r}")
    return value.strip()


def number(
    raw: Mapping[str, Any], field: str, *, file: str, key: str, lo: float, hi: float
) -> float:
    """A required number field within ``lo..hi``."""
    value = raw.get(field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DataFileError(file, f"{key}.{field}", f"expected a number, got {value!r}")
    if not lo <= value <= hi:
        raise DataFileError(file, f"{key}.{field}", f"{value} is outside {lo:g}..{hi:g}")
    return float(value)


def cites(raw: Mapping[str, Any], *, file: str, key: str) -> tuple[str, ...]:
    """The ``cite`` list of an entry, every key checked against the evidence registry."""
    value = raw.get("cite")
    if not isinstance(value, list) or not value or not all(isinstance(k, str) for k in value):
        raise DataFileError(
            file, f"{key}.cite", f"expected a non-empty list of keys, got {value!r}"
        )
    default_registry().check(value, file=file, key=f"{key}.cite")
    return tuple(value)


def weakest_grade(keys: Sequence[str]) -> str:
    """The weakest evidence grade among cited sources (the order of ``GRADES``)."""
    registry = default_registry()
    grades = [registry.grade(k) for k in keys]
    return max(grades, key=GRADES.index) if grades else "heuristic"
