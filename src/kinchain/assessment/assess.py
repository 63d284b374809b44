"""The first-session assessment as one pure function: red flags first, then everything else."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from kinchain.assessment.contrasts import Contrast, contrasts_for
from kinchain.assessment.contributors import contributors
from kinchain.assessment.countries import CountryWords, country_words
from kinchain.assessment.instruments import Score, instrument_rules, score_instruments
from kinchain.assessment.loads import ClientLoads
from kinchain.assessment.model import Assessment, Contributor, JointReport
from kinchain.assessment.red_flags import Screening, screen, screening_gaps
from kinchain.assessment.scoring import score_pain_ratings
from kinchain.assessment.warning_signs import warning_signs_for
from kinchain.body import default_body
from kinchain.intake.model import Intake
from kinchain.tissue import TissueState, tissue_state
from kinchain.tissue.recent import RecentInjury, recent_injuries
from kinchain.trail import Step

__all__ = ["assess"]


def _side(side: str | None) -> Literal["left", "right"] | None:
    return "left" if side == "left" else "right" if side == "right" else None


def recent_injury_notes(intake: Intake, recent: tuple[RecentInjury, ...], /) -> tuple[str, ...]:
    """What the coach must know of injuries still inside their healing window: the treating
    clinician leads there, and whether a significant trauma started the pain must be asked."""
    if not recent:
        return ()
    places = ", ".join(dict.fromkeys(f"{r.place} ({r.kind}, {r.ref})" for r in recent))
    notes = [
        f"Recent injury still healing: {places}. The program loads none of it; the clinician "
        "treating it leads until they clear it (record `cleared:` on the injury)."
    ]
    if "significant_trauma" not in intake.screening and intake.pain:
        notes.append(
            "Ask whether a significant trauma (a fall, a crash, a blow) started the pain: "
            "there is a recent injury and the screening question `significant_trauma` is not "
            "answered."
        )
    return tuple(notes)


def assess(
    intake: Intake,
    /,
    *,
    as_of: dt.date,
    country: CountryWords | str | None = None,
    tissue: TissueState | None = None,
) -> Assessment:
    """Assess one client on one day.

    Red flags are screened first; an emergency or urgent flag sets ``program_suspended`` (the
    contributors are still listed for the clinician, but no program follows). Then the
    questionnaires are scored, each joint's stability deficit comes from the tissue model, the
    contributors to each pain are ranked, and the mechanics engine names each injured joint's
    next weakest link. Texts about where to get help use the practice's ``country`` (a code or
    its words; the UK by default). ``tissue`` is the client's tissue state on ``as_of`` when the
    caller has it already (:func:`kinchain.services.evaluate.evaluate` computes it once).
    """
    words = country if isinstance(country, CountryWords) else country_words(country)
    screening = screen(intake, as_of=as_of, country=words)
    tissue = tissue if tissue is not None else tissue_state(intake, as_of=as_of)
    joints = tuple(
        JointReport(j.site, j.side, j.stability_deficit, j.trail)
        for j in tissue.joints
        if j.stability_deficit > 0.0 or j.injuries
    )
    loads = ClientLoads(intake, tissue)
    fresh = recent_injuries(intake, tissue.injuries, as_of=as_of)
    contrasts = contrasts_for(intake)
    return Assessment(
        client=intake.client.name,
        as_of=as_of,
        screening=screening,
        instruments=_instruments(intake),
        joints=joints,
        contributors=_ranked(intake, tissue, loads, fresh),
        weakest_links=loads.weakest_links(),
        notes=_notes(intake, screening, fresh, contrasts),
        contrasts=contrasts,
        warning_signs=warning_signs_for(intake, country=words),
    )


def _instruments(intake: Intake) -> dict[str, Score]:
    """The questionnaires' scores; the intake's own 0..10 pain ratings are the NPRS when no
    NPRS questionnaire was answered."""
    instruments = score_instruments(intake.questionnaires)
    if "nprs" not in instruments:
        from_pain = score_pain_ratings(intake.pain, instrument_rules()["nprs"])
        if from_pain is not None:
            instruments = {**instruments, "nprs": from_pain}
    return instruments


def _ranked(
    intake: Intake, tissue: TissueState, loads: ClientLoads, fresh: tuple[RecentInjury, ...]
) -> tuple[Contributor, ...]:
    """The ranked contributors to each pain, from the tissue state's deficits and loads."""

    def deficit_of(site: str, side: str | None) -> tuple[float, tuple[Step, ...]]:
        joint = tissue.joint(site, _side(side))
        return joint.stability_deficit, tuple(joint.trail)

    return contributors(
        intake,
        body=default_body(),
        deficit_of=deficit_of,
        life_stage=tissue.life_stage,
        leak=loads.leak,
        recent=frozenset(r.ref for r in fresh),
    )


def _notes(
    intake: Intake,
    screening: Screening,
    fresh: tuple[RecentInjury, ...],
    contrasts: tuple[Contrast, ...],
) -> tuple[str, ...]:
    notes: list[str] = []
    if screening.program_suspended:
        notes.append(
            "A red flag suspends the program: see a clinician first. The contributors below are "
            "for the clinician and the coach, not a reason to start exercising."
        )
    notes.extend(screening.notes)
    notes.extend(screening_gaps(intake))
    notes.extend(recent_injury_notes(intake, fresh))
    notes.extend(c.note() for c in contrasts)
    return tuple(notes)
