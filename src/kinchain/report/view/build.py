"""Build a client's :class:`~kinchain.report.view.model.ReportView` once, from the typed
results of one evaluation (intake, assessment, program, simulation), and derive the shorter
views a printed page needs from it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kinchain.assessment import Assessment
from kinchain.evidence import GRADE_MEANING, Registry, default_registry
from kinchain.intake import Intake
from kinchain.mechanics import ClientSimulation
from kinchain.program import CheckinOutcome, Program
from kinchain.report.bodymap import body_map_marks
from kinchain.report.citations import Citations
from kinchain.report.view.findings import (
    contributor_groups,
    instrument_views,
    joint_deficits,
    weakest_link_views,
)
from kinchain.report.view.mechanics import mechanics_view
from kinchain.report.view.model import (
    ClientHeader,
    Glance,
    GlancePain,
    Grade,
    NextCheckinView,
    PainGroup,
    ProgramView,
    ReportView,
)
from kinchain.report.view.program import checkin_view, program_view
from kinchain.report.view.safety import client_header, referral_view, safety_view
from kinchain.report.view.words import format_value

__all__ = ["build_report_view", "shortened"]

#: contributors at a glance, per pain
_GLANCE_ROWS = 3


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _program_line(
    client: ClientHeader, program: ProgramView | None, *, suspended: bool, provisional: bool
) -> str:
    """The program in one plain sentence, for the report's first lines."""
    if suspended:
        return f"suspended until a clinician has seen {client.first_name}"
    if program is None:
        return "none built"
    line = "provisional until the screening questions are answered; " if provisional else ""
    line += (
        f"{_plural(len(program.routine), 'exercise')} in {format_value(program.total_minutes)} "
        f"of {format_value(program.daily_minutes)} minutes a day, "
        f"{_plural(len(program.habits), 'habit change')}"
    )
    if program.phases:
        line += f", 12 weeks in {_plural(len(program.phases), 'phase')}"
    return line


def build_report_view(
    intake: Intake,
    assessment: Assessment,
    program: Program | None,
    simulation: ClientSimulation | None = None,
    /,
    *,
    as_of: dt.date,
    chosen_because: str = "",
    outcome: CheckinOutcome | None = None,
    registry: Registry | None = None,
    next_checkin: NextCheckinView | None = None,
) -> ReportView:
    """Everything a report shows about one client on ``as_of``: ``program`` as built (None
    while a red flag suspends it), ``simulation`` of the activity shown (``chosen_because``
    says why it was chosen), ``outcome`` of the check-ins, ``next_checkin`` when known.

    Citations are numbered here, once, in the order the report reads them."""
    cites = Citations(registry or default_registry())
    suspended = assessment.program_suspended
    shown = None if suspended else program
    client = client_header(intake, as_of=as_of)
    safety = safety_view(assessment, program, cites)
    referral = referral_view(assessment.referral, suspended=suspended, cites=cites)
    mechanics = mechanics_view(simulation, cites, chosen_because=chosen_because)
    instruments = instrument_views(assessment, cites)
    contributors = contributor_groups(intake, assessment, cites)
    weakest = weakest_link_views(assessment, cites)
    joints = joint_deficits(assessment, cites)
    program_v = None if shown is None else program_view(intake, shown, cites)
    checkins = checkin_view(outcome, cites)
    glance = Glance(
        pains=tuple(
            GlancePain(g.pain, g.intensity, g.rows[:_GLANCE_ROWS]) for g in contributors if g.rows
        ),
        weakest_links=weakest,
        program=_program_line(
            client, program_v, suspended=suspended, provisional=safety.provisional
        ),
    )
    return ReportView(
        as_of=as_of,
        client=client,
        safety=safety,
        referral=referral,
        suspended=suspended,
        glance=glance,
        body_map=body_map_marks(intake, assessment, as_of=as_of),
        mechanics=mechanics,
        notes=tuple(assessment.notes),
        instruments=instruments,
        contributors=contributors,
        weakest_links=weakest,
        joints=joints,
        program=program_v,
        checkins=checkins,
        references=tuple(cites.references()),
        grades=tuple(Grade(code, meaning) for code, meaning in GRADE_MEANING.items()),
        next_checkin=None if program_v is None else next_checkin,
    )


def _shortened_group(group: PainGroup, *, rows: int, trails: int) -> PainGroup:
    kept = tuple(
        r if i < trails else dataclasses.replace(r, trail=None)
        for i, r in enumerate(group.rows[:rows])
    )
    return dataclasses.replace(group, rows=kept, more=group.more + max(len(group.rows) - rows, 0))


def shortened(view: ReportView, /, *, rows_per_pain: int, trails_per_pain: int) -> ReportView:
    """The view with only the best ``rows_per_pain`` contributors to each pain (the rest
    counted in ``more``), of which only the best ``trails_per_pain`` keep their trail: for a
    printed page, where hundreds of rows would not fit."""
    groups = tuple(
        _shortened_group(g, rows=rows_per_pain, trails=trails_per_pain) for g in view.contributors
    )
    return dataclasses.replace(view, contributors=groups)
