"""The assessment: red flags first, outcome instruments, explained contributors, weakest links.

kinchain supports a coach's reasoning; it does not diagnose. Red flags are screened before
anything else and, when emergency or urgent, suspend the program.
"""

import typing

from kinchain import _lazy

if typing.TYPE_CHECKING:
    from kinchain.assessment.assess import assess
    from kinchain.assessment.countries import CountryWords, country_codes, country_words
    from kinchain.assessment.instruments import Score, check_answers, score_instruments
    from kinchain.assessment.model import Assessment, Contributor, JointReport, WeakestLink
    from kinchain.assessment.red_flags import Flag, Referral, Screening, screen
    from kinchain.assessment.warning_signs import WarningSigns, pregnancy_warning_signs

#: where each export lives; it is imported on first use
_WHERE = {
    "Assessment": "kinchain.assessment.model",
    "Contributor": "kinchain.assessment.model",
    "CountryWords": "kinchain.assessment.countries",
    "Flag": "kinchain.assessment.red_flags",
    "JointReport": "kinchain.assessment.model",
    "Referral": "kinchain.assessment.red_flags",
    "Score": "kinchain.assessment.instruments",
    "Screening": "kinchain.assessment.red_flags",
    "WarningSigns": "kinchain.assessment.warning_signs",
    "WeakestLink": "kinchain.assessment.model",
    "assess": "kinchain.assessment.assess",
    "check_answers": "kinchain.assessment.instruments",
    "country_codes": "kinchain.assessment.countries",
    "country_words": "kinchain.assessment.countries",
    "pregnancy_warning_signs": "kinchain.assessment.warning_signs",
    "score_instruments": "kinchain.assessment.instruments",
    "screen": "kinchain.assessment.red_flags",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _WHERE)

__all__ = [
    "Assessment",
    "Contributor",
    "CountryWords",
    "Flag",
    "JointReport",
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
