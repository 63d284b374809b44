"""Pregnancy warning signs: when a pregnant client stops exercising and calls for advice.

The list lives in ``pregnancy.yaml`` (ACOG 2020); its contact words come from the practice's
country (``countries.yaml``), so "midwife" reaches only the countries where it is the word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import read_yaml
from kinchain.assessment.countries import CountryWords, country_words, fill
from kinchain.assessment.tables_schema import PregnancyDoc
from kinchain.evidence import default_registry
from kinchain.intake.model import Intake
from kinchain.knowledge import cross_check, load

__all__ = ["WarningSigns", "parse_pregnancy", "pregnancy_warning_signs", "warning_signs_for"]

_FILE = "pregnancy.yaml"


@dataclass(frozen=True)
class WarningSigns:
    """The signs to stop exercising and whom to call, in the country's words."""

    title: str
    intro: str
    signs: tuple[str, ...]
    emergency: str
    cite: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "intro": self.intro,
            "signs": list(self.signs),
            "emergency": self.emergency,
            "cite": list(self.cite),
        }

    def lines(self) -> tuple[str, ...]:
        """The signs as plain lines of text, for a terminal or a printout."""
        return (f"{self.title}:", self.intro, *(f"- {s}" for s in self.signs), self.emergency)


def parse_pregnancy(raw: Mapping[str, Any], /) -> PregnancyDoc:
    """The checked ``pregnancy.yaml`` (its templates not yet filled)."""
    doc = load(PregnancyDoc, raw, file=_FILE)
    cross_check(doc, file=_FILE, registry=default_registry(), sites=())
    return doc


@cache
def _raw() -> PregnancyDoc:
    return parse_pregnancy(read_yaml(_FILE))


def pregnancy_warning_signs(country: CountryWords | None = None, /) -> WarningSigns:
    """The pregnancy warning signs in one country's words (the default country when None).

    >>> "midwife" in pregnancy_warning_signs(country_words("UK")).intro
    True
    >>> "midwife" in pregnancy_warning_signs(country_words("US")).intro
    True
    """
    words = country or country_words()
    d = _raw()
    return WarningSigns(d.title, fill(d.intro, words), d.signs, fill(d.emergency, words), d.cite)


def warning_signs_for(
    intake: Intake, /, *, country: CountryWords | None = None
) -> WarningSigns | None:
    """The warning signs when the client is pregnant, else None."""
    if intake.client.life_stage.status != "pregnant":
        return None
    return pregnancy_warning_signs(country)
