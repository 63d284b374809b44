"""One check-in over the state of a replay: ``step(state, checkin) -> (state, changes)``.

The state is explicit and immutable (:class:`ReplayState`): the routine, what is paused and why,
the pains as last reported, the easy/hard streaks, the last questionnaire scores. A step runs the
rules of docs/program.md in a fixed order:

1. the check-in's pains are read against the last ones (a rise is what the rules look for);
2. a flare the client puts down to an activity (``flare_with``) pauses its items and habits;
3. every item is checked again against the contraindications on the check-in's date;
4. each item moves: progress, regress or hold (a provisional program is never progressed);
5. paused items come back where they fit and are safe again, highest ranked first;
6. re-assessed questionnaires are compared with the last score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from kinchain.errors import CheckinError, Problem
from kinchain.program.checkin_changes import Change, InstrumentDelta, Paused, mcid_at, number_at
from kinchain.program.checkin_input import Checkin
from kinchain.program.checkin_moves import move_items
from kinchain.program.checkin_room import Facts, allowed_version, restore
from kinchain.program.checkin_rules import CheckinRules, FlareCause, checkin_rules
from kinchain.program.library import Exercise, Library
from kinchain.program.model import Context, Pain, Program, RoutineItem
from kinchain.program.rules import ProgramRules
from kinchain.program.safety import refusal

__all__ = ["ReplayState", "Rising", "step"]

PainKey = tuple[str, str | None]
#: a pain that rose: site, side, before, after
Rising = tuple[str, str | None, int, int]


@dataclass(frozen=True)
class ReplayState:
    """Where a replay stands after its last check-in."""

    program: Program  # the program as built: budget, habits, whether it is provisional
    date: dt.date
    routine: tuple[RoutineItem, ...]
    context: Context
    pains: Mapping[PainKey, int]
    paused: tuple[Paused, ...] = ()
    paused_habits: Mapping[str, str] = field(default_factory=dict)  # habit id -> flare cause
    streak: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # id -> (easy, hard)
    baseline: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    instruments: tuple[InstrumentDelta, ...] = ()

    @classmethod
    def start(cls, program: Program, /) -> ReplayState:
        """The state before any check-in: the program as built."""
        return cls(
            program=program,
            date=program.as_of,
            routine=program.routine,
            context=program.context,
            pains=MappingProxyType({(p.site, p.side): p.intensity for p in program.context.pains}),
            baseline=MappingProxyType(
                {k: dict(v) for k, v in program.baseline_instruments.items()}
            ),
        )

    def as_program(self) -> Program:
        """The program as it stands: the routine now, without the habits a flare paused."""
        habits = tuple(h for h in self.program.habits if h.id not in self.paused_habits)
        return replace(
            self.program,
            as_of=self.date,
            routine=self.routine,
            habits=habits,
            context=self.context,
            baseline_instruments=self.baseline,
        )


def _before(pains: Mapping[PainKey, int], site: str, side: str | None) -> int:
    """The last reading for a site and side; a one-sided report falls back on ``both``."""
    if (site, side) in pains:
        return pains[(site, side)]
    if side in ("left", "right"):
        return pains.get((site, "both"), 0)
    if side == "both":
        return max(pains.get((site, "left"), 0), pains.get((site, "right"), 0))
    return 0


def _read_pains(state: ReplayState, checkin: Checkin) -> tuple[dict[PainKey, int], list[Rising]]:
    pains = dict(state.pains)
    rising: list[Rising] = []
    for p in checkin.pain:
        before = _before(state.pains, p.site, p.side)
        if p.intensity > before:
            rising.append((p.site, p.side, before, p.intensity))
        pains[(p.site, p.side)] = p.intensity
    return pains, rising


def _of_kind(exercise: Exercise, cause_id: str, cause: FlareCause | None) -> bool:
    """Whether a flare put down to ``cause_id`` concerns this exercise (its id or its tags)."""
    return exercise.id == cause_id or bool(cause and exercise.tags & cause.tags)


def _flares(
    state: ReplayState, checkin: Checkin, crules: CheckinRules, changes: list[Change]
) -> tuple[list[RoutineItem], list[Paused], dict[str, str]]:
    """Items and habits of a kind the client puts a flare down to pause; an item already paused
    (to make room) now waits for the flare to settle too."""
    routine, paused = list(state.routine), list(state.paused)
    habits = dict(state.paused_habits)
    cite = crules.cite["flare"]
    for cause_id in checkin.flare_with:
        cause = crules.flare_with.get(cause_id)
        label = cause.label if cause else cause_id.replace("_", " ")
        rule = f"flare put down to {label}"
        paused = [
            replace(p, why="flare", cause=cause_id, since=checkin.date)
            if _of_kind(p.item.exercise, cause_id, cause)
            else p
            for p in paused
        ]
        for item in [i for i in routine if _of_kind(i.exercise, cause_id, cause)]:
            routine.remove(item)
            paused.append(Paused(item, "flare", cause_id, checkin.date))
            reason = f"paused: the flare was put down to {label}; it comes back once that settles"
            changes.append(
                Change(checkin.date, "pause", item.exercise.id, None, rule, reason, cite)
            )
        for habit in state.program.habits:
            if cause and habit.id in cause.habits and habit.id not in habits:
                habits[habit.id] = cause_id
                reason = f"set aside for now: the flare was put down to {label}"
                changes.append(
                    Change(checkin.date, "pause", habit.id, None, rule, reason, cite, "habit")
                )
    return routine, paused, habits


def _flares_over(
    paused_habits: dict[str, str],
    checkin: Checkin,
    rising: list[Rising],
    crules: CheckinRules,
    changes: list[Change],
) -> dict[str, str]:
    """Habits paused for a flare come back once a check-in names no flare with it and no pain
    rises."""
    if rising:
        return paused_habits
    kept = {}
    for habit_id, cause in paused_habits.items():
        if cause in checkin.flare_with:
            kept[habit_id] = cause
            continue
        reason = "back: no flare was put down to it and no pain rose"
        changes.append(
            Change(
                checkin.date,
                "restore",
                habit_id,
                None,
                "flare settled",
                reason,
                crules.cite["restore"],
                "habit",
            )
        )
    return kept


def _recheck(
    routine: list[RoutineItem],
    paused: list[Paused],
    context: Context,
    rules: ProgramRules,
    library: Library,
    date: dt.date,
    changes: list[Change],
) -> list[RoutineItem]:
    """Items the client's state now rules out step down their chain, or pause until safe."""
    out: list[RoutineItem] = []
    for item in routine:
        why_not = refusal(item.exercise, context, rules, targets=item.targets, starting=False)
        if why_not is None:
            out.append(item)
            continue
        rule = f"contraindication: {why_not.key}"
        easier = allowed_version(item, context, rules, library, [*out, *routine])
        if easier is None:
            paused.append(Paused(item, "contraindication", why_not.key, date))
            reason = f"{why_not.detail}; paused until it is safe again"
            changes.append(
                Change(date, "pause", item.exercise.id, None, rule, reason, why_not.cite)
            )
            continue
        out.append(easier)
        changes.append(
            Change(
                date,
                "regress",
                item.exercise.id,
                easier.exercise.id,
                rule,
                why_not.detail,
                why_not.cite,
            )
        )
    return out


def _instruments(
    state: ReplayState, checkin: Checkin, rules: ProgramRules
) -> tuple[dict[str, Mapping[str, Any]], list[InstrumentDelta]]:
    baseline = dict(state.baseline)
    deltas: list[InstrumentDelta] = []
    if checkin.instruments is None:
        return baseline, deltas
    from kinchain.assessment.instruments import score_instruments

    for inst, score in score_instruments(checkin.instruments).items():
        for spec in rules.instrument_change:
            now = number_at(score.values, spec.value) if spec.instrument == inst else None
            if now is None:
                continue
            earlier = number_at(baseline.get(inst, {}), spec.value)
            deltas.append(
                InstrumentDelta(
                    checkin.date, inst, spec.value, earlier, now, mcid_at(spec.mcid), spec.better
                )
            )
        baseline[inst] = dict(score.values)
    return baseline, deltas


def step(
    state: ReplayState, checkin: Checkin, /, *, rules: ProgramRules, library: Library
) -> tuple[ReplayState, tuple[Change, ...]]:
    """The state after one check-in, and what the check-in changed."""
    if checkin.date < state.date:
        order = (
            f"{checkin.date} is before {state.date}, the date of the program or of the check-in "
            "before it; check-ins follow the program and each other in date order"
        )
        raise CheckinError(checkin.source, [Problem("date", order)])
    crules = checkin_rules()
    changes: list[Change] = []
    pains, rising = _read_pains(state, checkin)
    context = replace(
        state.context.on(checkin.date),
        pains=tuple(Pain(s, sd, v, "check-in") for (s, sd), v in pains.items()),
    )
    habits = _flares_over(dict(state.paused_habits), checkin, rising, crules, changes)
    state = replace(state, paused_habits=habits)
    routine, paused, habits = _flares(state, checkin, crules, changes)
    routine = _recheck(routine, paused, context, rules, library, checkin.date, changes)
    facts = Facts(
        date=checkin.date,
        effort=checkin.effort,
        done=frozenset(checkin.done),
        rising=rising,
        context=context,
        budget=state.program.daily_minutes,
        provisional=state.program.provisional,
    )
    routine, paused, streak = move_items(
        routine, paused, dict(state.streak), facts, rules=rules, library=library, changes=changes
    )
    routine, paused = restore(
        routine,
        paused,
        facts,
        flaring=frozenset(checkin.flare_with),
        rules=rules,
        library=library,
        changes=changes,
    )
    baseline, deltas = _instruments(state, checkin, rules)
    after = replace(
        state,
        date=checkin.date,
        routine=tuple(routine),
        context=context,
        pains=MappingProxyType(pains),
        paused=tuple(paused),
        paused_habits=MappingProxyType(habits),
        streak=MappingProxyType(streak),
        baseline=MappingProxyType(baseline),
        instruments=(*state.instruments, *deltas),
    )
    return after, tuple(changes)
