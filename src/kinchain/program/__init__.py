"""The individualized coaching program: a daily routine, habit changes, and how it progresses.

Knowledge lives in data files beside this module, each with its grammar at the top:
``exercises.yaml`` (the exercise library), ``rules.yaml`` (selection, contraindications,
check-in rules, phases, wording) and ``habits.yaml`` (habit changes with their evidence grades).
:func:`build_program` turns an intake and its assessment into a :class:`Program`;
docs/program.md describes the rules.
"""

from kinchain.program.checkin import (
    Change,
    Checkin,
    CheckinOutcome,
    InstrumentDelta,
    apply_checkin,
    apply_checkins,
    load_checkin,
    parse_checkin,
)
from kinchain.program.generator import build_program, context_from_intake
from kinchain.program.library import Dose, Exercise, Library, Target, default_library
from kinchain.program.model import (
    Context,
    HabitAdvice,
    LeftOut,
    Phase,
    Program,
    RoutineItem,
)
from kinchain.program.rules import ProgramRules, default_habits, default_rules

__all__ = [
    "Change",
    "Checkin",
    "CheckinOutcome",
    "Context",
    "Dose",
    "Exercise",
    "HabitAdvice",
    "InstrumentDelta",
    "LeftOut",
    "Library",
    "Phase",
    "Program",
    "ProgramRules",
    "RoutineItem",
    "Target",
    "apply_checkin",
    "apply_checkins",
    "build_program",
    "context_from_intake",
    "default_habits",
    "default_library",
    "default_rules",
    "load_checkin",
    "parse_checkin",
]
