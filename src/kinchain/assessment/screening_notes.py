"""What the coach reads about the screening itself: how much of it was done, and what to ask.

An unanswered screening question is never counted as "no". While any is unanswered, every output
leads with :func:`screening_message` and the program is provisional.
"""

from __future__ import annotations

import datetime as dt

from kinchain.intake.model import Intake
from kinchain.intake.screening import screening_questions

__all__ = [
    "age_in_years",
    "months_between",
    "no_flag_message",
    "screening_gaps",
    "screening_message",
]


def age_in_years(birth_year: int, on: dt.date, /) -> int:
    """Age on a date, from the birth year alone (so possibly one year too high).

    >>> age_in_years(1966, dt.date(2026, 11, 25))
    60
    """
    return on.year - birth_year


def months_between(start: dt.date, end: dt.date, /) -> float:
    """Months elapsed from ``start`` to ``end`` (average month of 30.44 days).

    >>> round(months_between(dt.date(2025, 9, 15), dt.date(2026, 11, 25)), 1)
    14.3
    """
    return (end - start).days / 30.436875


def screening_message(status: str, unanswered: int, asked: int, /) -> str:
    """The first line of every output about the red-flag screening.

    >>> screening_message("not_done", 23, 23)
    'Red-flag screening not done: ask these 23 questions before starting.'
    >>> screening_message("partial", 5, 23)
    'Red-flag screening not complete: 5 of 23 questions not answered; ask them before starting.'
    """
    if status == "not_done":
        return f"Red-flag screening not done: ask these {asked} questions before starting."
    if status == "partial":
        return (
            f"Red-flag screening not complete: {unanswered} of {asked} questions not answered; "
            "ask them before starting."
        )
    return f"Red-flag screening complete: all {asked} questions answered."


def no_flag_message(unanswered: int, asked: int, /) -> str:
    """What to say when no answer given is a red flag, never an all-clear while some are missing.

    >>> no_flag_message(3, 23)
    'No red flag in the 20 answers given; 3 questions not asked yet.'
    >>> no_flag_message(0, 23)
    'No red flag in the 23 answers given.'
    """
    given = asked - unanswered
    if unanswered == 0:
        return f"No red flag in the {given} answers given."
    if given == 0:
        return (
            "No answers given yet, so no red flag can be ruled out; "
            f"{unanswered} questions not asked yet."
        )
    return f"No red flag in the {given} answers given; {unanswered} questions not asked yet."


def screening_gaps(intake: Intake, /) -> tuple[str, ...]:
    """What the coach should still ask: the screening questions the intake left out (never
    counted as "no"), and the night-pain question when a pain is recorded as worse at night.

    >>> from kinchain.intake import parse_intake
    >>> intake = parse_intake({"client": {"name": "A", "birth_year": 1980, "sex": "female",
    ...     "height_cm": 160, "mass_kg": 60}, "daily_minutes": 10,
    ...     "pain": [{"site": "lumbar_spine", "intensity": 4, "since": "2025-01",
    ...               "pattern": "night"}]}, as_of=dt.date(2026, 1, 1))
    >>> [g.split(":")[0] for g in screening_gaps(intake)]
    ['Ask about night pain', 'Ask the screening questions']
    """
    questions = screening_questions()
    by_key = {q.key: q for q in questions}
    gaps: list[str] = []
    night_key = "night_pain_unrelenting"
    if night_key in by_key and night_key not in intake.screening:
        for i, pain in enumerate(intake.pain):
            if pain.pattern == "night":
                gaps.append(
                    f"Ask about night pain: pain[{i}] ({pain.site.replace('_', ' ')}) is worse at "
                    f'night, but the intake does not answer "{by_key[night_key].question}" '
                    "Until it is answered, a back pain worse at night counts as night pain that "
                    "needs a medical review."
                )
                break
    missing = [q for q in questions if q.key not in intake.screening]
    if missing:
        first = [q.question for q in missing if q.group == "emergency"]
        gaps.append(
            f"Ask the screening questions: {len(missing)} of {len(questions)} were not answered "
            "in the intake; an unanswered question is not a no, so the program stays provisional "
            "until they are asked. Ask them at the first session, the emergency ones first"
            + (": " + " ".join(first) if first else ".")
        )
    return tuple(gaps)
