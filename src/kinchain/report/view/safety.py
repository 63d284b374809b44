"""The view of who the client is and what comes before any exercise: screening, referral,
clearances and warning signs."""

from __future__ import annotations

import datetime as dt

from kinchain.assessment import Assessment
from kinchain.assessment.red_flags import Referral
from kinchain.assessment.warning_signs import WarningSigns
from kinchain.intake import Intake
from kinchain.intake.screening import screening_questions
from kinchain.program import Program
from kinchain.report.citations import Citations
from kinchain.report.view.model import (
    Cite,
    Cites,
    ClearanceView,
    ClientHeader,
    ReferralView,
    SafetyView,
    Tone,
    WarningSignsView,
)
from kinchain.report.view.words import words

__all__ = ["cites_of", "client_header", "referral_view", "safety_view"]

_URGENCY: dict[str, tuple[str, Tone]] = {
    "emergency": ("Emergency: now, the same day", "emergency"),
    "same_day": ("Same day: be seen by a doctor today", "emergency"),
    "urgent": ("Urgent medical review", "urgent"),
    "routine": ("Routine referral", "routine"),
}


def cites_of(cites: Citations, keys: tuple[str, ...] | list[str], /) -> Cites:
    """The keys numbered (each key once, in order of first use)."""
    return tuple(Cite(n, key) for n, key in cites.cite(dict.fromkeys(keys)))


def client_header(intake: Intake, *, as_of: dt.date) -> ClientHeader:
    """Name, age on the assessment date, life stage and goals."""
    c = intake.client
    stage = c.life_stage
    life = ""
    if stage.status != "none":
        life = f"{stage.status}, {stage.weeks} weeks" if stage.weeks is not None else stage.status
    return ClientHeader(
        name=c.name or "Client",
        age=as_of.year - c.birth_year,
        sex=c.sex,
        mass_kg=float(c.mass_kg),
        height_cm=float(c.height_cm),
        life_stage=life,
        goals=tuple(intake.goals),
        daily_minutes=intake.daily_minutes,
    )


def _warning_signs(signs: WarningSigns | None, cites: Citations) -> WarningSignsView | None:
    if signs is None:
        return None
    return WarningSignsView(
        signs.title, signs.intro, signs.signs, signs.emergency, cites_of(cites, list(signs.cite))
    )


def safety_view(assessment: Assessment, program: Program | None, cites: Citations) -> SafetyView:
    """What the report leads with before any exercise: screening, clearance, warning signs."""
    screening = assessment.screening
    referral = assessment.referral
    cleared = () if referral is None else referral.cleared
    asked = {q.key: q.question for q in screening_questions()}
    return SafetyView(
        screening_incomplete=screening.status != "complete",
        screening_message=screening.message,
        questions=tuple(asked[k] for k in screening.unanswered if k in asked),
        provisional=program is not None and program.provisional,
        cleared=tuple(ClearanceView(words(c.key), c.by, c.date, c.said) for c in cleared),
        warning_signs=_warning_signs(assessment.warning_signs, cites),
    )


def referral_view(
    referral: Referral | None, *, suspended: bool, cites: Citations
) -> ReferralView | None:
    """The referral: whom to see, how soon, why and the safety net, labelled by urgency."""
    if referral is None:
        return None
    title, tone = _URGENCY.get(referral.urgency, (words(referral.urgency), "routine"))
    keys = [*referral.cite, *(k for f in referral.flags for k in f.cite)]
    return ReferralView(
        urgency=referral.urgency,
        title=title,
        tone=tone,
        see=referral.see,
        within=referral.within,
        reasons=tuple(referral.reasons),
        advice=referral.advice,
        safety_net=referral.safety_net,
        caveat=referral.caveat,
        suspended=suspended,
        cites=cites_of(cites, keys),
    )
