"""The practice's country: the words a client reads about where to get help.

``countries.yaml`` holds, per country, the emergency number, the emergency department's name,
the urgent advice line (when one was verified), the family-doctor word and the maternity
contact. Referral texts are templates with ``{emergency_number}``-style fields filled from it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from kinchain.assessment._data import read_yaml
from kinchain.assessment.tables_schema import CountriesDoc
from kinchain.errors import DataFileError, UnknownCountry
from kinchain.evidence import default_registry
from kinchain.knowledge import cross_check, load

__all__ = [
    "CountryWords",
    "check_template",
    "country_codes",
    "country_words",
    "default_country",
    "fill",
    "parse_countries",
    "template_fields",
]

_FILE = "countries.yaml"


@dataclass(frozen=True)
class CountryWords:
    """One country's words for getting help; ``urgent_line`` is None where none was verified."""

    code: str
    name: str
    emergency_number: str
    emergency_department: str
    urgent_line: str | None
    family_doctor: str
    maternity: str
    cite: tuple[str, ...]

    def values(self) -> dict[str, str]:
        """The template fields and their words (``urgent_line`` falls back to the doctor)."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("cite",)}
        out["urgent_line"] = self.urgent_line or f"your {self.family_doctor}"
        return out


#: the fields a referral template may use
def template_fields() -> frozenset[str]:
    return frozenset(f.name for f in fields(CountryWords) if f.name != "cite")


def parse_countries(raw: Mapping[str, Any], /) -> tuple[str, dict[str, CountryWords]]:
    """The default code and the checked table from a parsed ``countries.yaml``."""
    doc = load(CountriesDoc, raw, file=_FILE)
    cross_check(doc, file=_FILE, registry=default_registry(), sites=())
    table = {
        code: CountryWords(
            code, c.name, c.emergency_number, c.emergency_department, c.urgent_line,
            c.family_doctor, c.maternity, c.cite,
        )
        for code, c in doc.countries.items()
    }  # fmt: skip
    return doc.default, table


@cache
def _table() -> tuple[str, dict[str, CountryWords]]:
    return parse_countries(read_yaml(_FILE))


def default_country() -> str:
    """The country used when none is chosen (the UK)."""
    return _table()[0]


def country_codes() -> tuple[str, ...]:
    """Every country code the table defines, sorted."""
    return tuple(sorted(_table()[1]))


def country_words(code: str | None = None, /) -> CountryWords:
    """The words of one country (case-insensitive code; None gives the default).

    >>> country_words("ie").emergency_number
    '112 or 999'
    >>> country_words().code
    'UK'
    """
    default, table = _table()
    wanted = (code or default).strip().upper()
    if wanted == "GB":
        wanted = "UK"
    if wanted not in table:
        raise UnknownCountry(
            f"country: {code!r} is not a country kinchain has words for; choose one of "
            + ", ".join(f"{c} ({table[c].name})" for c in sorted(table))
        )
    return table[wanted]


def fill(template: str, words: CountryWords, /) -> str:
    """A template with its country fields filled in.

    >>> fill("Call {emergency_number}.", country_words("AU"))
    'Call triple zero (000).'
    """
    return template.format_map(words.values())


def check_template(template: str, *, file: str, key: str) -> str:
    """A template whose fields are all country fields, or a DataFileError naming the field."""
    known = template_fields()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None and name not in known:
            raise DataFileError(
                file, key, f"unknown field {{{name}}} in {template[:60]!r}; known: {sorted(known)}"
            )
    return template
