"""The assessment's binding of :mod:`kinchain.datafile`: its bundled files and its registry.

Every loader in this package parses its file into frozen dataclasses and fails with
:class:`~kinchain.errors.DataFileError` naming the file, the key and the bad value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kinchain import datafile
from kinchain.datafile import mapping, number, seq, text
from kinchain.evidence import GRADES, default_registry

__all__ = ["cites", "mapping", "number", "read_yaml", "seq", "text", "weakest_grade"]


def read_yaml(name: str) -> Any:
    """The parsed content of a YAML file bundled in ``kinchain.assessment``."""
    return datafile.read_bundled_yaml("kinchain.assessment", name)


def cites(raw: Mapping[str, Any], *, file: str, key: str) -> tuple[str, ...]:
    """The ``cite`` list of an entry, every key checked against the evidence registry."""
    return datafile.cites(raw, file=file, key=key, registry=default_registry())


def weakest_grade(keys: Sequence[str]) -> str:
    """The weakest evidence grade among cited sources (the order of ``GRADES``)."""
    registry = default_registry()
    grades = [registry.grade(k) for k in keys]
    return max(grades, key=GRADES.index) if grades else "heuristic"
