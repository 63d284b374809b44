"""The view of the program: today's routine, what was left out, habits, phases, and what the
check-ins changed."""

from __future__ import annotations

from kinchain.assessment.instruments import instrument_rules
from kinchain.intake import Intake
from kinchain.program import CheckinOutcome, Program
from kinchain.program.checkin_changes import Change, InstrumentDelta, Paused
from kinchain.program.demonstration import default_demonstrations
from kinchain.program.library import QUALITY_WORDS, default_library
from kinchain.program.model import (
    HABIT_AREA_LABELS,
    LEFT_OUT_WORDS,
    HabitAdvice,
    LeftOut,
    Phase,
    RoutineItem,
)
from kinchain.report.citations import Citations
from kinchain.report.demonstration import side_of_targets
from kinchain.report.view.findings import grade_of
from kinchain.report.view.model import (
    ChangeView,
    CheckinView,
    HabitView,
    PausedView,
    PhaseView,
    ProgramView,
    RoutineItemView,
    ScoreChangeView,
)
from kinchain.report.view.safety import cites_of
from kinchain.report.view.words import describe_ref, place, words

__all__ = ["checkin_view", "program_view"]


def _dose(item: RoutineItem) -> str:
    """The dose in words; a per-side dose done on both sides says so."""
    text = item.dose_text()
    per_side = item.exercise.dose.per_side and item.one_side is None
    return f"{text} each side" if per_side and "side" not in text else text


def _targets(item: RoutineItem) -> str:
    serves = ", ".join(item.serves or (item.focus,))
    return serves or ", ".join(place(site, side) for site, side in item.targets)


def _routine_item(intake: Intake, item: RoutineItem, cites: Citations) -> RoutineItemView:
    ex = item.exercise
    return RoutineItemView(
        id=ex.id,
        name=ex.name or words(ex.id),
        minutes=item.minutes,
        dose=_dose(item),
        quality=QUALITY_WORDS[ex.quality] if ex.quality in QUALITY_WORDS else words(ex.quality),
        targets=_targets(item),
        explanation=item.explanation,
        instructions=tuple(s for s in item.instructions if s),
        cues=tuple(s for s in ex.cues if s),
        equipment=tuple(s for s in ex.equipment if s),
        because=tuple(describe_ref(intake, str(b)) for b in item.because),
        evidence=ex.evidence_words(),
        cites=cites_of(cites, ex.cite),
        side=side_of_targets(side for _, side in item.targets),
        demonstrated=ex.id in default_demonstrations(),
    )


def _habit(h: HabitAdvice, cites: Citations) -> HabitView:
    area = HABIT_AREA_LABELS[h.area] if h.area in HABIT_AREA_LABELS else words(h.area)
    return HabitView(area, h.advice, grade_of(h.grade), h.evidence, cites_of(cites, h.cite))


def _phase(i: int, ph: Phase, cites: Citations) -> PhaseView:
    return PhaseView(
        name=ph.name or f"Phase {i}",
        weeks=ph.weeks,
        focus=ph.focus,
        criteria=tuple(c for c in ph.criteria_to_advance if c),
        cites=cites_of(cites, ph.cite),
    )


def _left_out(lo: LeftOut) -> str:
    what = words(lo.name or lo.focus or lo.exercise or "")
    why = LEFT_OUT_WORDS.get(lo.reason, lo.reason)
    return f"{what}: {why}" if why else what


def program_view(intake: Intake, program: Program, cites: Citations) -> ProgramView:
    """Today's routine, habits and phases, ready for a page."""
    return ProgramView(
        daily_minutes=program.daily_minutes,
        total_minutes=round(program.minutes, 2),
        routine=tuple(_routine_item(intake, item, cites) for item in program.routine),
        habits=tuple(_habit(h, cites) for h in program.habits),
        phases=tuple(_phase(i, ph, cites) for i, ph in enumerate(program.phases, 1)),
        left_out=tuple(_left_out(lo) for lo in program.left_out),
        notes=tuple(n for n in program.notes if n),
        coach_notes=tuple(n for n in program.coach_notes if n),
    )


def _name(exercise_id: str) -> str:
    library = default_library()
    return library[exercise_id].name if exercise_id in library else words(exercise_id)


def _instrument(key: str) -> str:
    rules = instrument_rules()
    return rules[key].name if key in rules else words(key)


def _change(c: Change, cites: Citations) -> ChangeView:
    what = words(c.exercise) if c.kind == "habit" else _name(c.exercise)
    # a hold names the step it did not take: the item stayed itself
    stayed = not c.to or c.action == "hold"
    to = "" if stayed else words(c.to or "") if c.kind == "habit" else _name(c.to or "")
    return ChangeView(c.date, c.action, c.kind, what, to, c.reason, c.rule, cites_of(cites, c.cite))


def _score(d: InstrumentDelta) -> ScoreChangeView:
    name, value = _instrument(d.instrument), words(d.value)
    return ScoreChangeView(d.date, name, value, d.before, d.after, d.mcid, d.verdict)


def _paused(p: Paused) -> PausedView:
    ex = p.item.exercise
    return PausedView(ex.id, ex.name, p.why, words(p.cause or ""), p.since)


def checkin_view(outcome: CheckinOutcome | None, cites: Citations) -> CheckinView | None:
    """What the check-ins did; None without check-ins."""
    if outcome is None:
        return None
    return CheckinView(
        changes=tuple(_change(c, cites) for c in outcome.changes),
        scores=tuple(_score(d) for d in outcome.instruments),
        paused=tuple(_paused(p) for p in outcome.paused),
        notes=outcome.notes,
    )
