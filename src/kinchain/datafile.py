"""Reading kinchain's YAML data files and checking their fields, in one place.

A field that is absent is reported as ``missing``; one that is present but wrong as
``expected …, got …``.

Every domain package keeps its knowledge in YAML files bundled beside its code. This module reads
them and checks single fields, so every package fails the same way: a
:class:`~kinchain.errors.DataFileError` naming the file, the key path and the bad value, for
example ``rules.yaml: phases[0].weeks: 40 is outside 0..26``.

It sits at the bottom of the layering beside :mod:`kinchain.errors` and imports nothing else from
kinchain; a citation check therefore takes the evidence registry as an argument.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from kinchain.errors import DataFileError

__all__ = [
    "CitationChecker",
    "cite_keys",
    "cites",
    "mapping",
    "number",
    "read_bundled_yaml",
    "read_yaml_file",
    "seq",
    "text",
    "texts",
]


class CitationChecker(Protocol):
    """Anything that refuses unknown citation keys, e.g. :class:`kinchain.evidence.Registry`."""

    def check(self, keys: Iterable[str], *, file: str, key: str) -> None: ...


def _field(raw: Mapping[str, Any], name: str, file: str, key: str) -> Any:
    if name not in raw:
        raise DataFileError(file, f"{key}.{name}", "missing")
    return raw[name]


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


def mapping(raw: Any, /, *, file: str, key: str) -> Mapping[str, Any]:
    """``raw`` as a mapping, or a DataFileError.

    >>> mapping([1], file="f.yaml", key="phases")
    Traceback (most recent call last):
    ...
    kinchain.errors.DataFileError: f.yaml: phases: expected a mapping, got list
    """
    if not isinstance(raw, dict):
        raise DataFileError(file, key, f"expected a mapping, got {type(raw).__name__}")
    return raw


def seq(raw: Any, /, *, file: str, key: str) -> Sequence[Any]:
    """``raw`` as a list, or a DataFileError.

    >>> seq([1, 2], file="f.yaml", key="steps")
    [1, 2]
    """
    if not isinstance(raw, list):
        raise DataFileError(file, key, f"expected a list, got {type(raw).__name__}")
    return raw


def text(
    raw: Mapping[str, Any], name: str, /, *, file: str, key: str, squash: bool = False
) -> str:
    """The required non-empty text field ``name`` of the entry at ``key``, stripped.

    ``squash=True`` also folds every run of white space (a YAML block's line breaks) into one
    space.

    >>> text({"advice": "  Walk\\n daily. "}, "advice", file="f.yaml", key="habits[0]", squash=True)
    'Walk daily.'
    >>> text({}, "advice", file="f.yaml", key="habits[0]")
    Traceback (most recent call last):
    ...
    kinchain.errors.DataFileError: f.yaml: habits[0].advice: missing
    """
    value = _field(raw, name, file, key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(file, f"{key}.{name}", f"expected a non-empty text, got {value!r}")
    return " ".join(value.split()) if squash else value.strip()


def texts(raw: Any, /, *, file: str, key: str) -> tuple[str, ...]:
    """``raw`` as a non-empty list of non-empty texts, each stripped.

    >>> texts([" a ", "b"], file="f.yaml", key="cues")
    ('a', 'b')
    """
    if (
        not isinstance(raw, list)
        or not raw
        or not all(isinstance(s, str) and s.strip() for s in raw)
    ):
        raise DataFileError(file, key, f"expected a non-empty list of texts, got {raw!r}")
    return tuple(s.strip() for s in raw)


def number(
    raw: Mapping[str, Any],
    name: str,
    /,
    *,
    file: str,
    key: str,
    lo: float,
    hi: float = math.inf,
    lo_open: bool = False,
) -> float:
    """The required finite number field ``name`` of the entry at ``key``, within ``lo..hi``.

    ``lo_open=True`` refuses ``lo`` itself (a stiffness or a time must be above 0).

    >>> number({"weeks": 6}, "weeks", file="f.yaml", key="phases[0]", lo=0, hi=26)
    6.0
    >>> number({"weeks": 40}, "weeks", file="f.yaml", key="phases[0]", lo=0, hi=26)
    Traceback (most recent call last):
    ...
    kinchain.errors.DataFileError: f.yaml: phases[0].weeks: 40 is outside 0..26
    >>> number({"mass_kg": 0}, "mass_kg", file="f.yaml", key="foot", lo=0, lo_open=True)
    Traceback (most recent call last):
    ...
    kinchain.errors.DataFileError: f.yaml: foot.mass_kg: 0 is not > 0
    """
    value = _field(raw, name, file, key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DataFileError(file, f"{key}.{name}", f"expected a number, got {value!r}")
    above = value > lo if lo_open else value >= lo
    if not (above and value <= hi and math.isfinite(value)):
        if lo_open or math.isinf(hi):
            top = f" and <= {hi:g}" if math.isfinite(hi) else ""
            wanted = f"is not {'>' if lo_open else '>='} {lo:g}{top}"
        else:
            wanted = f"is outside {lo:g}..{hi:g}"
        raise DataFileError(file, f"{key}.{name}", f"{value} {wanted}")
    return float(value)


def cite_keys(raw: Mapping[str, Any], /, *, file: str, key: str) -> tuple[str, ...]:
    """The ``cite`` list of the entry at ``key``: a non-empty list of texts (not yet looked up).

    >>> cite_keys({"cite": ["article"]}, file="f.yaml", key="rules[0]")
    ('article',)
    >>> cite_keys({"cite": []}, file="f.yaml", key="rules[0]")
    Traceback (most recent call last):
    ...
    kinchain.errors.DataFileError: f.yaml: rules[0].cite: expected a non-empty list of keys, got []
    """
    value = _field(raw, "cite", file, key)
    if not (isinstance(value, list) and value and all(isinstance(k, str) and k for k in value)):
        raise DataFileError(
            file, f"{key}.cite", f"expected a non-empty list of keys, got {value!r}"
        )
    return tuple(value)


def cites(
    raw: Mapping[str, Any], /, *, file: str, key: str, registry: CitationChecker
) -> tuple[str, ...]:
    """The ``cite`` list of the entry at ``key``, every key checked by ``registry``.

    >>> from kinchain.evidence import default_registry
    >>> try:
    ...     cites({"cite": ["nobody1900"]}, file="f.yaml", key="r", registry=default_registry())
    ... except DataFileError as e:
    ...     print(e.key, "|", e.detail)
    r.cite | citation 'nobody1900' is not in the evidence registry
    """
    keys = cite_keys(raw, file=file, key=key)
    registry.check(keys, file=file, key=f"{key}.cite")
    return keys
