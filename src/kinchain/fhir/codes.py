"""The codes kinchain writes into FHIR, read once from ``codes.yaml`` (its grammar is at its top).

Every coded element of an export is built here, from a value set and a kinchain key, so a code
that the file does not hold cannot be written:

>>> coding("laterality", "left")["code"]
'7771000'
>>> body_site_concept("toes", "left")["text"]
'left toes'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.datafile import read_bundled_yaml
from kinchain.fhir.codes_schema import CodesDoc, ValueSetDoc
from kinchain.intake.screening import screening_questions
from kinchain.knowledge import load

__all__ = [
    "Code",
    "ValueSet",
    "body_site_concept",
    "coding",
    "concept",
    "core_codes",
    "extension_url",
    "system_url",
    "value_sets",
]

_FILE = "codes.yaml"


@dataclass(frozen=True)
class Code:
    """One code of a value set: its system URL, code, display and where it was found."""

    system: str
    code: str
    display: str
    source: str


@dataclass(frozen=True)
class ValueSet:
    """A value set kinchain writes from: kinchain key -> code (None: written as text only)."""

    id: str
    system: str
    codes: Mapping[str, Code | None]

    def by_code(self, code: str, /) -> str | None:
        """The kinchain key of a code of this value set, or None."""
        return next((k for k, c in self.codes.items() if c is not None and c.code == code), None)


@dataclass(frozen=True)
class _Codes:
    sources: Mapping[str, str]
    systems: Mapping[str, str]
    value_sets: Mapping[str, ValueSet]
    extensions: Mapping[str, str]


def _value_set(vid: str, doc: ValueSetDoc, systems: Mapping[str, str]) -> ValueSet:
    url = systems[doc.system]
    codes: dict[str, Code | None] = {
        key: None if c is None else Code(url, c.code, c.display, c.source or doc.source)
        for key, c in doc.codes.items()
    }
    return ValueSet(vid, url, codes)


def _screening(c: _Codes) -> ValueSet:
    """The screening questions' keys as kinchain's screening code system (intake/screening.yaml)."""
    url = c.systems["kc_screening"]
    codes = {q.key: Code(url, q.key, q.question, "kinchain") for q in screening_questions()}
    return ValueSet("screening", url, dict(codes))


@cache
def _doc() -> CodesDoc:
    return load(CodesDoc, read_bundled_yaml("kinchain.fhir", _FILE), file=_FILE)


@cache
def _codes() -> _Codes:
    doc = _doc()
    systems = {k: s.url for k, s in doc.systems.items()}
    c = _Codes({k: s.url for k, s in doc.sources.items()}, systems, {},
               {k: e.url for k, e in doc.extensions.items()})
    sets = {vid: _value_set(vid, vs, systems) for vid, vs in doc.value_sets.items()}
    sets["screening"] = _screening(c)
    return _Codes(c.sources, c.systems, sets, c.extensions)


def core_codes() -> Mapping[str, frozenset[str]]:
    """The codes kinchain writes into FHIR's own ``code`` elements (``CarePlan.status``...),
    by element path, from ``codes.yaml``'s ``core_codes``."""
    return {k: frozenset(v) for k, v in _doc().core_codes.elements.items()}


def value_sets() -> Mapping[str, ValueSet]:
    """Every value set kinchain writes from, by id."""
    return _codes().value_sets


def system_url(system_id: str, /) -> str:
    """The canonical URL of a code system named in ``codes.yaml``."""
    return _codes().systems[system_id]


def extension_url(extension_id: str, /) -> str:
    """The canonical URL of an extension named in ``codes.yaml``."""
    return _codes().extensions[extension_id]


def _code(value_set: str, key: str) -> Code | None:
    vs = value_sets()[value_set]
    if key not in vs.codes:
        raise KeyError(f"{_FILE}: value set {value_set!r} has no key {key!r}")
    return vs.codes[key]


def coding(value_set: str, key: str, /) -> dict[str, str]:
    """The FHIR Coding of one kinchain key (KeyError when the file lacks it or leaves it
    uncoded)."""
    code = _code(value_set, key)
    if code is None:
        raise KeyError(f"{_FILE}: {value_set}.{key} is uncoded (text only)")
    return {"system": code.system, "code": code.code, "display": code.display}


def concept(value_set: str, key: str, /, *, text: str | None = None) -> dict[str, Any]:
    """A CodeableConcept of one kinchain key, with ``text`` when given."""
    out: dict[str, Any] = {"coding": [coding(value_set, key)]}
    if text:
        out["text"] = text
    return out


def body_site_concept(site: str, side: str | None, /) -> dict[str, Any]:
    """A body site as a CodeableConcept: the SNOMED CT site (or text only where no source gave a
    code) with its laterality as the mCODE laterality-qualifier extension."""
    words = site.replace("_", " ")
    out: dict[str, Any] = {"text": f"{side} {words}" if side else words}
    code = _code("body_site", site)
    if code is not None:
        out["coding"] = [{"system": code.system, "code": code.code, "display": code.display}]
    if side is not None:
        lateral = concept("laterality", side)
        out["extension"] = [{"url": extension_url("laterality"), "valueCodeableConcept": lateral}]
    return out
