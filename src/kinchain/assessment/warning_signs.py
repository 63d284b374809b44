"""Pregnancy warning signs: when a pregnant client stops exercising and calls for advice.

The list lives in ``pregnancy.yaml`` (ACOG 2020); its contact words come from the practice's
country (``countries.yaml``), so "midwife" reaches only the countries where it is the word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import cites, mapping, read_yaml, seq, text
from kinchain.assessment.countries import CountryWords, check_template, country_words, fill
from kinchain.errors import DataFileError
from kinchain.intake.model import Intake

__all__ = ["WarningSigns", "pregnancy_warning_signs", "warning_signs_for"]

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


@cache
def _raw() -> tuple[str, str, tuple[str, ...], str, tuple[str, ...]]:
    m = mapping(read_yaml(_FILE), file=_FILE, key="<root>")
    signs = tuple(str(s) for s in seq(m.get("signs"), file=_FILE, key="signs") if str(s).strip())
    if not signs:
        raise DataFileError(_FILE, "signs", "expected at least one warning sign")
    return (
        text(m, "title", file=_FILE, key="<root>"),
        check_template(text(m, "intro", file=_FILE, key="<root>"), file=_FILE, key="intro"),
        signs,
        check_template(text(m, "emergency", file=_FILE, key="<root>"), file=_FILE, key="emergency"),
        cites(m, file=_FILE, key="<root>"),
    )


def pregnancy_warning_signs(country: CountryWords | None = None, /) -> WarningSigns:
    """The pregnancy warning signs in one country's words (the default country when None).

    >>> "midwife" in pregnancy_warning_signs(country_words("UK")).intro
    True
    >>> "midwife" in pregnancy_warning_signs(country_words("US")).intro
    True
    """
    words = country or country_words()
    title, intro, signs, emergency, cite = _raw()
    return WarningSigns(title, fill(intro, words), signs, fill(emergency, words), cite)


def warning_signs_for(
    intake: Intake, /, *, country: CountryWords | None = None
) -> WarningSigns | None:
    """The warning signs when the client is pregnant, else None."""
    if intake.client.life_stage.status != "pregnant":
        return None
    return pregnancy_warning_signs(country)
