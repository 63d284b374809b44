"""Program use cases: the program of an assessed client, a client's program from a file, and the
program after check-ins.

The program is never stored: it is rebuilt from the intake (as of the program's date) and the
check-ins are replayed over it in date order, so the same files always give the same answer.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinchain.assessment import Assessment, country_words
from kinchain.errors import CheckinError, IntakeError, Problem
from kinchain.intake import Intake
from kinchain.intake._limits import limit
from kinchain.program import (
    CheckinOutcome,
    Program,
    build_program,
    load_checkin,
)
from kinchain.services.evaluate import Evaluation, evaluate
from kinchain.services.intake import load_client

__all__ = [
    "CheckinView",
    "ProgramView",
    "checkin_file",
    "checkin_view",
    "program_file",
    "program_for",
    "program_json",
    "program_view",
]


def program_for(intake: Intake, assessment: Assessment, /, *, as_of: dt.date) -> Program | None:
    """The program of an assessed client, or None when the assessment suspends it."""
    return build_program(intake, assessment, as_of=as_of)


def program_json(
    intake: Intake, assessment: Assessment, /, *, as_of: dt.date
) -> dict[str, Any] | None:
    """The ``program`` object of the assessment's JSON (None when suspended)."""
    program = program_for(intake, assessment, as_of=as_of)
    return program.to_json() if program is not None else None


@dataclass(frozen=True)
class ProgramView:
    """A client's program, or the referral that suspends it."""

    client: str
    as_of: dt.date
    program: Program | None
    referral: dict[str, Any] | None
    screening: dict[str, Any] | None = None
    warning_signs: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "client": self.client,
            "as_of": self.as_of.isoformat(),
            "screening": self.screening,
            "referral": self.referral,
            "warning_signs": self.warning_signs,
            "program_suspended": self.program is None,
            "program": self.program.to_json() if self.program else None,
        }


def program_view(evaluation: Evaluation, /) -> ProgramView:
    """The program of one evaluation; the view carries what every output leads with (the
    screening's state, any clearance, pregnancy warning signs)."""
    assessment = evaluation.assessment
    referral = assessment.referral
    signs = assessment.warning_signs
    return ProgramView(
        client=evaluation.intake.client.name,
        as_of=evaluation.as_of,
        program=evaluation.built,
        referral=referral.to_json() if referral is not None else None,
        screening=assessment.screening.status_json(),
        warning_signs=signs.to_json() if signs is not None else None,
    )


def program_file(
    path: str | os.PathLike[str], /, *, as_of: dt.date, country: str | None = None
) -> ProgramView:
    """The program of one intake file: the file adapter, then :func:`program_view`."""
    country_words(country)  # a wrong code is refused before the file is read
    intake = load_client(path, as_of=as_of)
    return program_view(evaluate(intake, as_of=as_of, country=country))


@dataclass(frozen=True)
class CheckinView:
    """The program before and after the check-ins (None when suspended)."""

    client: str
    before: Program | None
    outcome: CheckinOutcome | None
    referral: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "client": self.client,
            "referral": self.referral,
            "program_suspended": self.before is None,
            "before": self.before.to_json() if self.before else None,
            **(
                self.outcome.to_json()
                if self.outcome
                else {"program": None, "changes": [], "paused": [], "notes": []}
            ),
        }


def checkin_file(
    path: str | os.PathLike[str],
    checkins: Sequence[str | os.PathLike[str]],
    /,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> CheckinView:
    """Rebuild the program of an intake file and replay check-in files over it, in date order.

    The program is built as of ``as_of``, by default today or the first check-in's date if that
    is earlier. Every check-in is read and checked (none may come after ``today``, by default the
    real today) before any is applied; the intake is checked as of today first, so a check-in
    dated before the intake's own dates is named as the problem, not the intake.
    """
    if len(checkins) > (most := limit("checkins")):
        raise CheckinError(
            f"{len(checkins):,} check-in files given; at most {most:,} are applied in one run "
            "(a limit far above a year of daily check-ins)"
        )
    today = today or dt.date.today()
    loaded = sorted((load_checkin(Path(c), today=today) for c in checkins), key=lambda c: c.date)
    if as_of is None:
        as_of = min([today, *(c.date for c in loaded[:1])])
    try:
        intake = load_client(path, as_of=as_of)
    except IntakeError as e:
        if not loaded or loaded[0].date != as_of:
            raise
        load_client(path, as_of=today)  # the intake is fine as of today: the date is the problem
        first = e.problems[0] if e.problems else None
        why = f" ({first})" if first else ""
        raise CheckinError(
            loaded[0].source,
            [
                Problem(
                    "date",
                    f"{as_of} is before the intake's own dates{why}; "
                    "a check-in follows the program built from the intake",
                )
            ],
        ) from None
    return checkin_view(evaluate(intake, as_of=as_of, checkins=loaded))


def checkin_view(evaluation: Evaluation, /) -> CheckinView:
    """The program of one evaluation before and after its check-ins."""
    referral = evaluation.assessment.referral
    return CheckinView(
        evaluation.intake.client.name,
        evaluation.built,
        evaluation.outcome,
        referral.to_json() if referral is not None else None,
    )
