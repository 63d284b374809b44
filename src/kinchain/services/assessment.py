"""Assessment use case: one intake file in, the assessment's JSON form out."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from kinchain.assessment import Assessment, assess, country_words
from kinchain.intake import Intake
from kinchain.services.intake import load_client

__all__ = ["assess_client", "assess_file"]


def assess_client(
    path: str | os.PathLike[str],
    /,
    *,
    as_of: dt.date | None = None,
    country: str | None = None,
) -> tuple[Intake, Assessment]:
    """Load an intake file (every problem reported at once) and assess it on ``as_of``, in the
    words of the practice's ``country`` (the UK when None)."""
    day = as_of or dt.date.today()
    words = country_words(country)  # a wrong code is refused before the file is read
    intake = load_client(path, as_of=day)
    return intake, assess(intake, as_of=day, country=words)


def _program_json(intake: Intake, assessment: Assessment, as_of: dt.date) -> dict[str, Any] | None:
    """The program's JSON for the assessment's ``program`` key; None while a red flag
    suspends the program. (Imported here, not at the top: the program service assesses too.)"""
    if assessment.program_suspended:
        return None
    from kinchain.services.program import program_json

    return program_json(intake, assessment, as_of=as_of)


def assess_file(
    path: str | os.PathLike[str],
    /,
    *,
    as_of: dt.date | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """The assessment of one intake file as the JSON object of ``docs/assessment.schema.json``."""
    day = as_of or dt.date.today()
    intake, assessment = assess_client(path, as_of=day, country=country)
    result = assessment.to_json()
    result["program"] = _program_json(intake, assessment, day)
    return result
