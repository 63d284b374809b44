"""What a program is: the daily routine, what was left out and why, habits and phases.

A :class:`Program` is computed, never edited: a check-in yields a new program
(:func:`kinchain.program.apply_checkins`). :class:`Context` holds what limits the routine on a
given date (life stage, pain, recent operations, screening answers), so the same safety rules run
when the program is built and at every check-in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from kinchain.intake.refs import InjuryRef, IntakeRef
from kinchain.program.library import QUALITY_WORDS, Exercise

__all__ = [
    "Context",
    "HabitAdvice",
    "LeftOut",
    "Pain",
    "Phase",
    "Program",
    "Recent",
    "RoutineItem",
    "Surgery",
]


@dataclass(frozen=True)
class Pain:
    """A pain as it stands: site, side (None for the spine), intensity 0..10."""

    site: str
    side: str | None
    intensity: int
    ref: str


@dataclass(frozen=True)
class Surgery:
    """An operation on the intake: where and when."""

    site: str
    side: str | None
    date: dt.date
    ref: InjuryRef


@dataclass(frozen=True)
class Recent:
    """An injury inside its healing window (:mod:`kinchain.tissue.recent`): nothing loads it."""

    site: str
    side: str | None
    kind: str
    last_day: dt.date  # the last day it counts as recent
    place: str  # plain words: "right ankle"
    ref: InjuryRef
    cite: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What limits the routine on ``as_of``."""

    as_of: dt.date
    life_stage: str  # none | pregnant | postpartum
    weeks: int | None  # weeks pregnant or since birth, on as_of
    pains: tuple[Pain, ...] = ()
    surgeries: tuple[Surgery, ...] = ()
    screening_yes: frozenset[str] = frozenset()
    recent: tuple[Recent, ...] = ()
    pelvic_floor_yes: frozenset[str] = frozenset()  # pelvic-floor symptoms answered yes
    pelvic_floor_unknown: frozenset[str] = frozenset()  # pelvic-floor questions not answered

    def recent_on(self, date: dt.date, /) -> tuple[Recent, ...]:
        """The injuries still recent on ``date`` (a window ends after its last day)."""
        return tuple(r for r in self.recent if date <= r.last_day)

    def on(self, date: dt.date, /) -> Context:
        """The context moved to a later date: pregnancy and postpartum weeks advance.

        >>> c = Context(dt.date(2026, 1, 1), "postpartum", 10)
        >>> c.on(dt.date(2026, 1, 29)).weeks
        14
        """
        weeks = self.weeks
        if weeks is not None:
            weeks += (date - self.as_of).days // 7
        return replace(self, as_of=date, weeks=weeks, recent=self.recent_on(date))

    def max_pain(self) -> int:
        """The highest pain reported anywhere (0 without pain)."""
        return max((p.intensity for p in self.pains), default=0)


def one_side(exercise: Exercise, targets: tuple[tuple[str, str | None], ...], /) -> str | None:
    """The only side a per-side dose is done on for these targets, or None."""
    sides = {side for _, side in targets}
    single = sides & {"left", "right"}
    if not exercise.dose.per_side or "both" in sides or len(single) != 1:
        return None
    return single.pop()


@dataclass(frozen=True)
class RoutineItem:
    """One exercise of the daily routine, for this client's sides, and why it is there."""

    exercise: Exercise
    targets: tuple[tuple[str, str | None], ...]
    minutes: float
    because: tuple[IntakeRef, ...]  # the intake's refs behind it, then any coach's edit reason
    explanation: str
    priority: float
    focus: str  # the need it serves, e.g. "left ankle" or "pelvic floor"
    serves: tuple[str, ...] = ()  # every need it serves for this client, in the client's words

    @property
    def one_side(self) -> str | None:
        """The only side this item's per-side dose is done on, or None (both sides, or a dose
        that is not per side)."""
        return one_side(self.exercise, self.targets)

    def dose_json(self) -> dict[str, Any]:
        """The dose for this client: a per-side dose done on one side only says which side,
        so the words agree with the minutes (which count one side)."""
        side = self.one_side
        if side is None:
            return self.exercise.dose.to_json()
        out = replace(self.exercise.dose, per_side=False).to_json()
        out["text"] = f"{out['text']}, {side} side only"
        return out

    def dose_text(self) -> str:
        """The dose in the client's words: the one text every output (program, check-in,
        report) shows for this item."""
        return str(self.dose_json()["text"])

    @property
    def instructions(self) -> tuple[str, ...]:
        """The steps for this client: a one-side item never says to change sides."""
        return self.exercise.instructions_for(self.one_side)

    def to_json(self) -> dict[str, Any]:
        ex = self.exercise
        return {
            "exercise": ex.id,
            "name": ex.name,
            "targets": [{"site": s, "side": side} for s, side in self.targets],
            "quality": ex.quality,
            "quality_words": QUALITY_WORDS[ex.quality],
            "level": ex.level,
            "minutes": self.minutes,
            "dose": self.dose_json(),
            "equipment": list(ex.equipment),
            "instructions": list(self.instructions),
            "cues": list(ex.cues),
            "because": [str(b) for b in self.because],
            "focus": self.focus,
            "serves": list(self.serves or (self.focus,)),
            "explanation": self.explanation,
            "priority": round(self.priority, 3),
            "cite": list(ex.cite),
            "evidence": {
                "supports": ex.cite_supports,
                "dose_tested": ex.dose_tested,
                "says": ex.evidence_words(),
            },
        }


#: why something was left out, in the words a client reads
LEFT_OUT_WORDS: Mapping[str, str] = {
    "budget": "no time left in your daily minutes",
    "contraindication": "not safe for you yet",
    "no_exercise": "no suitable exercise yet",
    "recent_injury": "still healing: your clinician's plan comes first",
}


@dataclass(frozen=True)
class LeftOut:
    """Something the routine does not hold, and why (the budget, or a contraindication)."""

    focus: str
    because: tuple[IntakeRef, ...]
    reason: str  # "budget" | "contraindication" | "no_exercise" | "recent_injury"
    detail: str
    exercise: str | None = None
    priority: float = 0.0
    cite: tuple[str, ...] = ()
    name: str = ""  # the exercise's name, or the focus when no exercise is named

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name or self.focus,
            "focus": self.focus,
            "exercise": self.exercise,
            "because": [str(b) for b in self.because],
            "reason": self.reason,
            "reason_words": LEFT_OUT_WORDS.get(self.reason, self.reason),
            "detail": self.detail,
            "priority": round(self.priority, 3),
            "cite": list(self.cite),
        }


#: habit areas, with the words a client reads for each
HABIT_AREA_LABELS: Mapping[str, str] = {
    "footwear": "Footwear",
    "sitting_standing": "Sitting and standing",
    "sleep": "Sleep",
    "lifting_carrying": "Lifting and carrying",
    "breathing": "Breathing",
    "gait": "Walking and running",
    "nutrition": "Food for healing",
    "pregnancy": "Pregnancy and after the birth",
}


@dataclass(frozen=True)
class HabitAdvice:
    """One habit change with the honest grade of its evidence."""

    id: str
    area: str
    advice: str
    evidence: str
    grade: str
    cite: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "area": self.area,
            "area_label": HABIT_AREA_LABELS[self.area],
            "advice": self.advice,
            "evidence": {"grade": self.grade, "says": self.evidence, "cite": list(self.cite)},
        }


@dataclass(frozen=True)
class Phase:
    """One phase of the 12-week plan."""

    name: str
    weeks: tuple[int, int]
    focus: str
    criteria_to_advance: tuple[str, ...]
    cite: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "weeks": list(self.weeks),
            "focus": self.focus,
            "criteria_to_advance": list(self.criteria_to_advance),
            "cite": list(self.cite),
        }


@dataclass(frozen=True)
class Program:
    """A client's program on one date."""

    client: str
    as_of: dt.date
    daily_minutes: int
    routine: tuple[RoutineItem, ...]
    left_out: tuple[LeftOut, ...]
    habits: tuple[HabitAdvice, ...]
    phases: tuple[Phase, ...]
    context: Context
    baseline_instruments: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # provisional: red-flag screening is not done; the client sees the program with that note,
    # check-ins do not progress it and an export marks it as a draft
    provisional: bool = False
    coach_notes: tuple[str, ...] = ()  # for the coach only, never the client's text

    @property
    def minutes(self) -> float:
        """The minutes the routine takes a day (never more than ``daily_minutes``)."""
        return sum(item.minutes for item in self.routine)

    def item(self, exercise_id: str, /) -> RoutineItem | None:
        """The routine item doing this exercise, if any."""
        return next((i for i in self.routine if i.exercise.id == exercise_id), None)

    def to_json(self) -> dict[str, Any]:
        """The ``program`` object of ``kinchain assess --json`` (docs/program.md)."""
        return {
            "as_of": self.as_of.isoformat(),
            "daily_minutes": self.daily_minutes,
            "minutes": round(self.minutes, 2),
            "routine": [i.to_json() for i in self.routine],
            "left_out": [o.to_json() for o in self.left_out],
            "habits": [h.to_json() for h in self.habits],
            "phases": [p.to_json() for p in self.phases],
            "notes": list(self.notes),
            "coach_notes": list(self.coach_notes),
            "provisional": self.provisional,
        }
