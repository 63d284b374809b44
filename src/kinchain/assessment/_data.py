"""The assessment's bundled files and the grade of a composite rule.

Every loader in this package checks its file through a model of :mod:`kinchain.knowledge` and
fails with :class:`~kinchain.errors.DataFileError` naming the file, the key and the bad value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kinchain import datafile
from kinchain.evidence import GRADES, default_registry

__all__ = ["read_yaml", "weakest_grade"]


def read_yaml(name: str) -> Any:
    """The parsed content of a YAML file bundled in ``kinchain.assessment``."""
    return datafile.read_bundled_yaml("kinchain.assessment", name)


def weakest_grade(keys: Sequence[str]) -> str:
    """The weakest evidence grade among cited sources (the order of ``GRADES``)."""
    registry = default_registry()
    grades = [registry.grade(k) for k in keys]
    return max(grades, key=GRADES.index) if grades else "heuristic"
