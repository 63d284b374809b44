"""The assessment: red flags first, outcome instruments, explained contributors, weakest links.

kinchain supports a coach's reasoning; it does not diagnose. Red flags are screened before
anything else and, when emergency or urgent, suspend the program.
"""

from kinchain.assessment.instruments import Score, check_answers, score_instruments
from kinchain.assessment.red_flags import Flag, Referral, Screening, screen

__all__ = [
    "Flag",
    "Referral",
    "Score",
    "Screening",
    "check_answers",
    "score_instruments",
    "screen",
]
