"""Reading an intake file into plain data: size limit, text check, YAML or JSON, strict keys.

Every reason a file cannot be read becomes a whole-file :class:`~kinchain.errors.Problem` (an
empty path) in one :class:`~kinchain.errors.IntakeError`; nothing here raises anything else.
YAML is read with three intake-specific rules: mapping keys are always the text written (so
``yes:`` stays the key ``"yes"``), a key given twice is refused, and anchors/aliases are refused
(an intake never needs them and they can blow a small file up into a huge one).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from kinchain.errors import IntakeError, Problem

__all__ = ["MAX_BYTES", "read_intake_data"]

#: the largest intake file read; a real intake is a few kilobytes
MAX_BYTES = 1_000_000

_YAML_SUFFIXES = (".yaml", ".yml")
_JSON_SUFFIXES = (".json",)


def _refuse(source: str, message: str) -> IntakeError:
    return IntakeError(source, [Problem("", message)])


def _a(kind: str) -> str:
    """'an intake', 'a check-in'."""
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1_000_000:.1f} MB" if n_bytes >= 100_000 else f"{n_bytes:,} bytes"


def _sizes(received: int, most: int) -> tuple[str, str]:
    """Both sizes of a limit message, in bytes when the rounded sizes would read the same
    ("1.0 MB; at most 1.0 MB" shows no difference).

    >>> _sizes(1_000_001, 1_000_000), _sizes(2_500_000, 1_000_000)
    (('1,000,001 bytes', '1,000,000 bytes'), ('2.5 MB', '1.0 MB'))
    """
    if _size(received) == _size(most):
        return f"{received:,} bytes", f"{most:,} bytes"
    return _size(received), _size(most)


def _read_bytes(path: Path, source: str, kind: str) -> bytes:
    try:
        if path.is_dir():
            raise _refuse(source, f"is a folder; expected {_a(kind)} file (YAML or JSON)")
        size = path.stat().st_size
        if size > MAX_BYTES:
            received, most = _sizes(size, MAX_BYTES)
            raise _refuse(source, f"the file is {received}; {_a(kind)} file may be at most {most}")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IntakeError:
        raise
    except FileNotFoundError:
        raise _refuse(source, "no such file") from None
    except PermissionError:
        raise _refuse(source, "permission denied: the file cannot be read") from None
    except OSError as e:
        raise _refuse(source, f"the file cannot be read ({e.strerror or e})") from None
    except ValueError:  # e.g. a NUL byte in the name
        raise _refuse(source, "not a usable file name") from None
    if len(raw) > MAX_BYTES:  # a pipe or device that reported no size
        raise _refuse(source, f"the file is larger than {_size(MAX_BYTES)}, the {kind} limit")
    return raw


def _decode(raw: bytes, source: str, kind: str) -> str:
    if b"\x00" in raw:
        raise _refuse(source, f"is a binary file, not {_a(kind)}; expected YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _refuse(
            source,
            f"is not UTF-8 text (byte {raw[e.start]:#04x} at position {e.start}); "
            f"expected {_a(kind)} in YAML or JSON",
        ) from None
    if not text.strip():
        raise _refuse(source, f"the file is empty; expected {_a(kind)} in YAML or JSON")
    return text


class _Refused(Exception):
    """A YAML/JSON construct an intake may not use; the message says which and where."""


class _IntakeYamlLoader(yaml.SafeLoader):
    """SafeLoader with text keys, no duplicate keys and no aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise _Refused(
                f"line {mark.line + 1}: aliases (*name) are not allowed in an intake; "
                "write the value out"
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(f"line {line}: a key must be a plain word, not a list or mapping")
            key = str(key_node.value)
            if key in mapping:
                raise _Refused(f"line {line}: the key {key!r} is given twice in the same mapping")
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _construct_map(loader: _IntakeYamlLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    return loader.construct_mapping(node, deep=True)


_IntakeYamlLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise _Refused(f"the key {key!r} is given twice in the same object")
        mapping[key] = value
    return mapping


def _json_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number an intake can use")


def _unreadable(error: Exception) -> str:
    if "digits" in str(error):
        return "a number has too many digits to read"
    return f"a value cannot be read ({error})"


def _parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_IntakeYamlLoader)  # a SafeLoader subclass
    except _Refused as e:
        raise _refuse(source, f"not accepted as YAML: {e}") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise _refuse(source, f"not valid YAML: {where}{e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise _refuse(source, f"not valid YAML: {e}") from None
    except RecursionError:
        raise _refuse(source, "not accepted: the data is nested too deeply") from None
    except (ValueError, OverflowError) as e:
        raise _refuse(source, f"not valid YAML: {_unreadable(e)}") from None


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_json_constant)
    except _Refused as e:
        raise _refuse(source, f"not accepted as JSON: {e}") from None
    except json.JSONDecodeError as e:
        where = f"line {e.lineno}, column {e.colno}"
        raise _refuse(source, f"not valid JSON: {where}: {e.msg}") from None
    except RecursionError:
        raise _refuse(source, "not accepted: the data is nested too deeply") from None
    except (ValueError, OverflowError) as e:
        raise _refuse(source, f"not valid JSON: {_unreadable(e)}") from None


def parse_text(text: str, /, *, source: str, json_format: bool | None = None) -> Any:
    """Plain data from intake text: JSON when ``json_format`` (or, when None, when the text
    starts with ``{``), YAML otherwise."""
    if json_format is None:
        json_format = text.lstrip().startswith("{")
    return _parse_json(text, source) if json_format else _parse_yaml(text, source)


def read_intake_data(path: str | os.PathLike[str], /, *, kind: str = "intake") -> Any:
    """The plain data an intake file holds (YAML or JSON, by extension, else by content).

    ``kind`` names the file in messages (another file a coach writes, such as a check-in, is
    read by the same rules).
    """
    path = Path(path)
    source = str(path)
    text = _decode(_read_bytes(path, source, kind), source, kind)
    suffix = path.suffix.lower()
    json_format = True if suffix in _JSON_SUFFIXES else False if suffix in _YAML_SUFFIXES else None
    data = parse_text(text, source=source, json_format=json_format)
    if data is None:
        raise _refuse(source, f"the file holds no data (only comments?); expected {_a(kind)}")
    return data
