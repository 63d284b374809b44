"""The view of the program: today's routine, what was left out, habits, phases, and what the
check-ins changed."""

from __future__ import annotations

from kinchain.intake import Intake
from kinchain.program import CheckinOutcome, Program
from kinchain.program.library import QUALITY_WORDS
from kinchain.program.model import (
    HABIT_AREA_LABELS,
    LEFT_OUT_WORDS,
    HabitAdvice,
    LeftOut,
    Phase,
    RoutineItem,
)
from kinchain.report.citations import Citations
from kinchain.report.view.findings import grade_of
from kinchain.report.view.model import (
    CheckinView,
    HabitView,
    PhaseView,
    ProgramView,
    RoutineItemView,
)
from kinchain.report.view.safety import cites_of
from kinchain.report.view.words import describe_ref, format_value, place, words

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


def checkin_view(outcome: CheckinOutcome | None, cites: Citations) -> CheckinView | None:
    """What the check-ins did, one plain sentence per change; None without check-ins."""
    if outcome is None:
        return None
    changes = tuple(
        f"{c.date.isoformat()}: {c.action} {words(c.exercise)}"
        + (f" to {words(c.to)}" if c.to else "")
        + (f": {c.reason}" if c.reason else "")
        for c in outcome.changes
    )
    paused = tuple(
        f"{p.item.exercise.name}: paused since {p.since.isoformat()} ({words(p.why)}"
        + (f": {words(p.cause)})" if p.cause else ")")
        for p in outcome.paused
    )
    instruments = tuple(
        f"{d.date.isoformat()}: {words(d.instrument)} {words(d.value)} "
        f"{format_value(d.before) or 'no earlier score'} → {format_value(d.after)}, {d.verdict}"
        for d in outcome.instruments
    )
    keys = [k for c in outcome.changes for k in c.cite]
    return CheckinView(changes, paused, instruments, outcome.notes, cites_of(cites, keys))
