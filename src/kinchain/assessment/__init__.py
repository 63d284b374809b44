"""The assessment: red flags first, outcome instruments, explained contributors, weakest links.

kinchain supports a coach's reasoning; it does not diagnose. Red flags are screened before
anything else and, when emergency or urgent, suspend the program.
"""

from kinchain.assessment.assess import assess
from kinchain.assessment.instruments import Score, check_answers, score_instruments
from kinchain.assessment.model import Assessment, Contributor, JointReport, Place, WeakestLink
from kinchain.assessment.red_flags import Flag, Referral, Screening, screen

__all__ = [
    "Assessment",
    "Contributor",
    "Flag",
    "JointReport",
    "Place",
    "Referral",
    "Score",
    "Screening",
    "WeakestLink",
    "assess",
    "check_answers",
    "score_instruments",
    "screen",
]
