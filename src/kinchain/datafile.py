"""Reading kinchain's YAML data files, in one place.

Every domain package keeps its knowledge in YAML files bundled beside its code. This module reads
them (a missing file or bad YAML is a :class:`~kinchain.errors.DataFileError` naming the file);
:mod:`kinchain.knowledge` checks what they hold, so every package fails the same way: the file,
the key path and the bad value, for example ``rules.yaml: phases[0].weeks: 40 is outside 0..26``.

It sits at the bottom of the layering beside :mod:`kinchain.errors` and imports nothing else from
kinchain; a citation check therefore takes the evidence registry as an argument
(:class:`CitationChecker`).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from kinchain.errors import DataFileError

__all__ = ["CitationChecker", "read_bundled_yaml", "read_yaml_file"]


class CitationChecker(Protocol):
    """Anything that refuses unknown citation keys, e.g. :class:`kinchain.evidence.Registry`."""

    def check(self, keys: Iterable[str], *, file: str, key: str) -> None: ...


#: libyaml's safe loader where PyYAML was built with it (the same YAML, about ten times faster)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(content: str, name: str) -> Any:
    try:
        return yaml.load(content, Loader=_LOADER)
    except yaml.YAMLError as e:
        raise DataFileError(name, "<file>", f"not valid YAML ({e})") from None


def read_bundled_yaml(package: str, name: str, /) -> Any:
    """The parsed content of the YAML file ``name`` bundled in ``package``.

    A missing file or bad YAML raises DataFileError naming the file.

    >>> read_bundled_yaml("kinchain.program", "exercises.yaml")["exercises"][0]["id"] != ""
    True
    >>> read_bundled_yaml("kinchain.program", "nowhere.yaml")
    Traceback (most recent call last):
    ...
    kinchain.errors.DataFileError: nowhere.yaml: <file>: cannot be read (No such file or directory)
    """
    try:
        content = (resources.files(package) / name).read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(name, "<file>", f"cannot be read ({e.strerror})") from None
    return _parse(content, name)


def read_yaml_file(path: Path, /) -> Any:
    """The parsed content of a YAML file on disk (a coach-edited copy of a bundled file).

    A file that cannot be read or holds bad YAML raises DataFileError naming the file.
    """
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(path.name, "<file>", f"cannot be read ({e.strerror})") from None
    return _parse(content, path.name)
