"""The assessment: red flags first, outcome instruments, explained contributors, weakest links.

kinchain supports a coach's reasoning; it does not diagnose. Red flags are screened before
anything else and, when emergency or urgent, suspend the program.
"""

from kinchain.assessment.assess import assess
from kinchain.assessment.countries import CountryWords, country_codes, country_words
from kinchain.assessment.instruments import Score, check_answers, score_instruments
from kinchain.assessment.model import Assessment, Contributor, JointReport, Place, WeakestLink
from kinchain.assessment.red_flags import Flag, Referral, Screening, screen
from kinchain.assessment.warning_signs import WarningSigns, pregnancy_warning_signs

__all__ = [
    "Assessment",
    "Contributor",
    "CountryWords",
    "Flag",
    "JointReport",
    "Place",
    "Referral",
    "Score",
    "Screening",
    "WarningSigns",
    "WeakestLink",
    "assess",
    "check_answers",
    "country_codes",
    "country_words",
    "pregnancy_warning_signs",
    "score_instruments",
    "screen",
]
