"""The report's view model: what a page shows, typed and frozen, with no markup in it.

One :class:`ReportView` is built once from a client's evaluation
(:func:`kinchain.report.view.build_report_view`) and rendered by any page: the HTML report and
its PDF, the web app's pages, a one-page summary, a client handout. It holds labels, plain
sentences, numbers (units in the field names) and dates; how they look is the renderer's
business. Citations are numbered once, in the order the report first uses them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from kinchain.report.bodymap import BodyMap
from kinchain.report.citations import Reference

__all__ = [
    "ChangeView",
    "CheckinView",
    "Cite",
    "Cites",
    "ClearanceView",
    "ClientHeader",
    "ContributorRow",
    "EnergyBar",
    "EnergyFigure",
    "Figure",
    "Glance",
    "GlancePain",
    "Grade",
    "GrfFigure",
    "HabitView",
    "InstrumentView",
    "JointDeficitView",
    "JointFigures",
    "JointRow",
    "JointSeries",
    "JointsFigure",
    "MechanicsView",
    "NextCheckinView",
    "PainGroup",
    "PausedView",
    "PhaseView",
    "ProgramView",
    "ReferralView",
    "ReportView",
    "RoutineItemView",
    "SafetyView",
    "ScoreChangeView",
    "Side",
    "TrailStep",
    "WarningSignsView",
    "WeakestLinkView",
]


@dataclass(frozen=True)
class Cite:
    """One numbered citation: ``number`` in the report's reference list, ``key`` in the registry."""

    number: int
    key: str


Cites = tuple[Cite, ...]


@dataclass(frozen=True)
class Grade:
    """An evidence grade (``A``, ``B``, ``C``, ``GL``, ...) and what it means in words."""

    code: str
    meaning: str


@dataclass(frozen=True)
class TrailStep:
    """One step of reasoning: fact, the rule applied, the value that came out (as text)."""

    fact: str
    rule: str
    value: str
    note: str
    cites: Cites


Trail = tuple[TrailStep, ...]


@dataclass(frozen=True)
class ClientHeader:
    """Who the report is about, on the assessment day."""

    name: str
    age: int | None
    sex: str
    mass_kg: float
    height_cm: float
    life_stage: str  # "postpartum, 20 weeks"; "" when none
    goals: tuple[str, ...]
    daily_minutes: int

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0]


@dataclass(frozen=True)
class ClearanceView:
    """A clinician's clearance of one flag."""

    what: str
    by: str
    date: dt.date
    said: str


@dataclass(frozen=True)
class WarningSignsView:
    """When to stop exercising and whom to call (pregnancy), in the practice country's words."""

    title: str
    intro: str
    signs: tuple[str, ...]
    emergency: str
    cites: Cites


@dataclass(frozen=True)
class SafetyView:
    """What comes before any exercise: how far screening got, clearances, warning signs."""

    screening_incomplete: bool
    screening_message: str
    questions: tuple[str, ...]  # the screening questions still to ask
    provisional: bool  # the routine holds only until the questions are answered
    cleared: tuple[ClearanceView, ...]
    warning_signs: WarningSignsView | None


#: a body side as a demonstration draws it
Side = Literal["left", "right"]

#: how a referral's urgency is shown: the three tones a page colours it by
Tone = Literal["emergency", "urgent", "routine"]


@dataclass(frozen=True)
class ReferralView:
    """Whom to see, how soon and why, and what to do if things change."""

    urgency: str
    title: str
    tone: Tone
    see: str
    within: str
    reasons: tuple[str, ...]
    advice: str
    safety_net: str
    caveat: str
    suspended: bool  # the program waits for a clinician
    cites: Cites


@dataclass(frozen=True)
class ContributorRow:
    """One thing that plausibly adds to a pain, with its score (0..1) and reasoning."""

    kind: str  # "old injury", "footwear", "habit", "activity", "life stage"
    what: str
    where: str
    score: float
    grade: Grade
    hypothesis: bool
    summary: str
    from_intake: str  # what the intake says, in words
    trail: Trail | None  # None: left out of this document (the full report has it)


@dataclass(frozen=True)
class PainGroup:
    """A painful place and its contributors, best first; ``more`` counts rows left out."""

    pain: str
    intensity: int | None
    rows: tuple[ContributorRow, ...]
    more: int = 0


@dataclass(frozen=True)
class WeakestLinkView:
    """Where the load an injured joint no longer holds goes next, and the margin left there."""

    injury: str
    link: str
    margin: float
    trail: Trail


@dataclass(frozen=True)
class JointDeficitView:
    """A joint's residual stability deficit, 0 (as stable as uninjured) to 1."""

    joint: str
    deficit: float
    trail: Trail


@dataclass(frozen=True)
class InstrumentView:
    """One scored questionnaire: its scores as (label, value) and what they mean."""

    key: str
    name: str
    scores: tuple[tuple[str, str], ...]
    meaning: tuple[str, ...]
    cites: Cites


@dataclass(frozen=True)
class GlancePain:
    """One pain at a glance: its best few contributors."""

    pain: str
    intensity: int | None
    top: tuple[ContributorRow, ...]


@dataclass(frozen=True)
class Glance:
    """The report's first lines: the top contributors, the weakest links, the program."""

    pains: tuple[GlancePain, ...]
    weakest_links: tuple[WeakestLinkView, ...]
    program: str  # one plain sentence about the program


@dataclass(frozen=True)
class RoutineItemView:
    """One exercise of today's routine."""

    id: str  # the id a check-in's ``done:`` list names
    name: str
    minutes: float
    dose: str
    quality: str
    targets: str  # the needs it serves, in the client's words
    explanation: str
    instructions: tuple[str, ...]
    cues: tuple[str, ...]
    equipment: tuple[str, ...]
    because: tuple[str, ...]  # what in the intake it answers, in words
    evidence: str
    cites: Cites
    #: the side the demonstration shows: the one side a one-sided item is done on (from its
    #: targets), else the right
    side: Side = "right"
    demonstrated: bool = False  # a drawn demonstration of this exercise exists


@dataclass(frozen=True)
class HabitView:
    """One habit change with the grade of its evidence."""

    area: str
    advice: str
    grade: Grade
    note: str
    cites: Cites


@dataclass(frozen=True)
class PhaseView:
    """One phase of the 12-week plan."""

    name: str
    weeks: tuple[int, int]
    focus: str
    criteria: tuple[str, ...]
    cites: Cites

    @property
    def weeks_text(self) -> str:
        return f"weeks {self.weeks[0]}–{self.weeks[1]}"


@dataclass(frozen=True)
class ProgramView:
    """Today's routine, what was left out and why, habit changes and phases."""

    daily_minutes: int
    total_minutes: float
    routine: tuple[RoutineItemView, ...]
    habits: tuple[HabitView, ...]
    phases: tuple[PhaseView, ...]
    left_out: tuple[str, ...]
    notes: tuple[str, ...]
    coach_notes: tuple[str, ...]  # for the coach only


@dataclass(frozen=True)
class ChangeView:
    """What one check-in did to one routine item or habit, and why."""

    date: dt.date
    action: str  # progress | regress | hold | pause | restore
    kind: str  # exercise | habit
    what: str  # the item's name
    to: str  # the name of the item it became ("" when it stayed itself)
    reason: str
    rule: str
    cites: Cites


@dataclass(frozen=True)
class ScoreChangeView:
    """A re-assessed questionnaire score against the earlier one."""

    date: dt.date
    instrument: str
    value: str
    before: float | None
    after: float
    mcid: float | None  # the minimal important difference, when kinchain holds one
    verdict: str  # better | worse | no meaningful change | ...


@dataclass(frozen=True)
class PausedView:
    """A routine item out of the routine for now, and why."""

    id: str
    name: str
    why: str  # room | flare | contraindication
    cause: str
    since: dt.date


@dataclass(frozen=True)
class CheckinView:
    """What the check-ins did: each change, the re-assessed scores, what is paused."""

    changes: tuple[ChangeView, ...]
    scores: tuple[ScoreChangeView, ...]
    paused: tuple[PausedView, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class GrfFigure:
    """The ground reaction force over one stance, client against the no-injury baseline."""

    time_ms: tuple[float, ...]
    client_n: tuple[float, ...]
    baseline_n: tuple[float, ...] | None
    body_weight_n: float | None
    reading: str
    id: str = "plot-grf"
    title: str = "Ground reaction force: how hard the ground pushes back"


@dataclass(frozen=True)
class JointSeries:
    """The force through one joint over the stance, client and baseline."""

    label: str
    client_n: tuple[float, ...]
    baseline_n: tuple[float, ...] | None


@dataclass(frozen=True)
class JointsFigure:
    """The force through each joint of the stance leg."""

    time_ms: tuple[float, ...]
    joints: tuple[JointSeries, ...]
    body_weight_n: float | None
    reading: str
    id: str = "plot-joints"
    title: str = "Force through each joint of the stance leg (BW = body weight)"


@dataclass(frozen=True)
class EnergyBar:
    """Energy one joint absorbs in one stance, client and baseline, in joules."""

    label: str
    client_j: float
    baseline_j: float


@dataclass(frozen=True)
class EnergyFigure:
    """Energy each joint absorbs in one stance."""

    bars: tuple[EnergyBar, ...]
    reading: str
    id: str = "plot-energy"
    title: str = "Energy each joint absorbs in one stance"


Figure = GrfFigure | JointsFigure | EnergyFigure


@dataclass(frozen=True)
class JointFigures:
    """A joint's five figures for one stance."""

    peak_force_n: float
    peak_force_bw: float
    loading_rate_bw_s: float
    energy_absorbed_j: float
    energy_passed_j: float


@dataclass(frozen=True)
class JointRow:
    """One row of the mechanics table: the client's figures and the no-injury baseline's."""

    joint: str
    client: JointFigures
    baseline: JointFigures


@dataclass(frozen=True)
class MechanicsView:
    """The simulated activity: figures with a reading each, the table, the model's trail."""

    activity: str
    chosen_because: str
    side: str
    shoe: str
    body_weight_n: float | None
    figures: tuple[Figure, ...]
    table: tuple[JointRow, ...]
    weakest_link: str
    note: str
    window_note: str
    trail: Trail
    link_trail: Trail


@dataclass(frozen=True)
class NextCheckinView:
    """When the client checks in next, and how that date was reached, in words."""

    date: dt.date
    basis: str  # "a week after the last check-in (2026-11-24)"


@dataclass(frozen=True)
class ReportView:
    """Everything a report of one client on one day shows, in reading order."""

    as_of: dt.date
    client: ClientHeader
    safety: SafetyView
    referral: ReferralView | None
    suspended: bool
    glance: Glance
    body_map: BodyMap
    mechanics: MechanicsView | None
    notes: tuple[str, ...]
    instruments: tuple[InstrumentView, ...]
    contributors: tuple[PainGroup, ...]
    weakest_links: tuple[WeakestLinkView, ...]
    joints: tuple[JointDeficitView, ...]
    program: ProgramView | None
    checkins: CheckinView | None
    references: tuple[Reference, ...]
    grades: tuple[Grade, ...]  # every evidence grade and its meaning, for the legend
    next_checkin: NextCheckinView | None = None  # None while the program is suspended
