"""The checks a Bundle passes before kinchain reads it: JSON, a Bundle, a size kinchain reads,
resource types it knows, the release asked for, and codes its code file holds. Each refusal is
one :class:`~kinchain.errors.FhirError` naming the resource and the element."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from kinchain.errors import FhirError, one_of
from kinchain.fhir.codes import value_sets

__all__ = [
    "KNOWN_TYPES",
    "MAX_BYTES",
    "MAX_ENTRIES",
    "check_codes",
    "check_release",
    "check_shape",
    "label",
]

#: the most a Bundle may weigh or hold before kinchain refuses to read it
MAX_BYTES = 5_000_000
MAX_ENTRIES = 2_000
#: every resource type kinchain writes; the first five are read back into an intake
KNOWN_TYPES: tuple[str, ...] = (
    "Patient", "Condition", "Observation", "QuestionnaireResponse", "Goal",
    "Practitioner", "Organization", "Questionnaire", "CarePlan", "ServiceRequest", "Task",
    "Device", "Provenance",
)  # fmt: skip


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def label(entry: Any, index: int, /) -> str:
    """``Condition/pain-1`` (or ``entry[3]`` when the resource has no type or id)."""
    res = entry.get("resource") if isinstance(entry, Mapping) else None
    if isinstance(res, Mapping) and isinstance(res.get("resourceType"), str):
        return f"{res['resourceType']}/{res.get('id', f'entry[{index}]')}"
    return f"Bundle.entry[{index}]"


def _parse(data: Any) -> Any:
    if isinstance(data, bytes | bytearray | str):
        if len(data) > MAX_BYTES:
            raise FhirError(f"Bundle: {len(data):,} bytes is more than kinchain reads "
                            f"({MAX_BYTES:,})")  # fmt: skip
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError) as e:
            raise FhirError(f"Bundle: not JSON ({e})") from None
        except RecursionError:
            raise FhirError("Bundle: nested more deeply than any FHIR resource is") from None
    return data


def check_shape(data: Any, /) -> dict[str, Any]:
    """A JSON object that is a FHIR Bundle of a size kinchain reads, holding only resource types
    it knows."""
    data = _parse(data)
    if not isinstance(data, dict):
        raise FhirError(f"Bundle: expected a JSON object (a FHIR Bundle); received "
                        f"{type(data).__name__}")  # fmt: skip
    if "resourceType" not in data:
        raise FhirError("Bundle.resourceType: missing; this is not a FHIR resource")
    if data["resourceType"] != "Bundle":
        raise FhirError(f"Bundle.resourceType: expected 'Bundle'; received "
                        f"{_shown(data['resourceType'])}")  # fmt: skip
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise FhirError(f"Bundle.entry: expected a list; received {type(entries).__name__}")
    if len(entries) > MAX_ENTRIES:
        raise FhirError(f"Bundle.entry: {len(entries):,} entries is more than kinchain reads "
                        f"({MAX_ENTRIES:,})")  # fmt: skip
    for i, entry in enumerate(entries):
        res = entry.get("resource") if isinstance(entry, Mapping) else None
        kind = res.get("resourceType") if isinstance(res, Mapping) else None
        if kind not in KNOWN_TYPES:
            raise FhirError(f"Bundle.entry[{i}].resource.resourceType: {_shown(kind)} is not a "
                            f"resource kinchain reads or writes (expected "
                            f"{one_of(KNOWN_TYPES)})")  # fmt: skip
    return data


def _where(data: Mapping[str, Any], loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as ``Condition/pain-1 bodySite[0].coding``."""
    if len(loc) >= 3 and loc[0] == "entry" and isinstance(loc[1], int):
        rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[3:])
        return label(data["entry"][loc[1]], loc[1]) + (f" {rest.lstrip('.')}" if rest else "")
    return "Bundle " + ".".join(str(p) for p in loc)


def _first_error(cls: Any, data: Mapping[str, Any]) -> str | None:
    try:
        cls.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        return f"{_where(data, tuple(err['loc']))}: {err['msg']}; received {_shown(err['input'])}"
    except (ValueError, TypeError) as e:
        return f"Bundle: {e}"
    return None


def check_release(data: Mapping[str, Any], release: str, classes: Mapping[str, Any]) -> None:
    """The Bundle validates as ``release``; if it validates only as the other one, say so."""
    problem = _first_error(classes[release], data)
    if problem is None:
        return
    other = next(r for r in classes if r != release)
    if _first_error(classes[other], data) is None:
        raise FhirError(f"Bundle: this is a FHIR {other} Bundle, not {release}; read it as "
                        f"release {other}")  # fmt: skip
    raise FhirError(f"{problem} (FHIR {release})")


def _codings(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(node, Mapping):
        if isinstance(node.get("system"), str) and "code" in node:
            yield path, node
        for k, v in node.items():
            yield from _codings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _codings(v, f"{path}[{i}]")


def _known_codes() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for vs in value_sets().values():
        out.setdefault(vs.system, set()).update(c.code for c in vs.codes.values() if c)
    return out


def check_codes(data: Mapping[str, Any], /) -> None:
    """Every code of a system kinchain's code file uses is one the file holds."""
    known = _known_codes()
    for i, entry in enumerate(data.get("entry", [])):
        for path, code in _codings(entry.get("resource", {}), ""):
            system = code["system"]
            if system in known and code["code"] not in known[system]:
                raise FhirError(
                    f"{label(entry, i)} {path}: unknown code {_shown(code['code'])} of {system} "
                    "(kinchain reads only the codes of its codes.yaml)"
                )
