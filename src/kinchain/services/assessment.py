"""Assessment use case: one evaluation in, the assessment's JSON form out (and its file adapter)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from kinchain.assessment import Assessment, assess, country_words
from kinchain.intake import Intake
from kinchain.services.evaluate import Evaluation, evaluate
from kinchain.services.intake import load_client

__all__ = ["assess_client", "assess_file", "assessment_json"]


def assess_client(
    path: str | os.PathLike[str],
    /,
    *,
    as_of: dt.date | None = None,
    country: str | None = None,
) -> tuple[Intake, Assessment]:
    """Load an intake file (every problem reported at once) and assess it on ``as_of``, in the
    words of the practice's ``country`` (the UK when None): the file adapter, then assess."""
    day = as_of or dt.date.today()
    words = country_words(country)  # a wrong code is refused before the file is read
    intake = load_client(path, as_of=day)
    return intake, assess(intake, as_of=day, country=words)


def assessment_json(evaluation: Evaluation, /) -> dict[str, Any]:
    """The assessment of one evaluation as the JSON object of ``docs/assessment.schema.json``,
    with the program (None while a red flag suspends it) under ``program``."""
    result = evaluation.assessment.to_json()
    program = evaluation.built
    result["program"] = program.to_json() if program is not None else None
    return result


def assess_file(
    path: str | os.PathLike[str],
    /,
    *,
    as_of: dt.date | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """The assessment of one intake file: the file adapter, then :func:`assessment_json`."""
    day = as_of or dt.date.today()
    country_words(country)  # a wrong code is refused before the file is read
    intake = load_client(path, as_of=day)
    return assessment_json(evaluate(intake, as_of=day, country=country))
