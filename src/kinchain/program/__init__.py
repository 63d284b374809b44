"""The individualized coaching program: a daily routine, habit changes, and how it progresses.

Knowledge lives in data files beside this module, each with its grammar at the top:
``exercises.yaml`` (the exercise library), ``rules.yaml`` (selection, contraindications,
check-in rules, phases, wording) and ``habits.yaml`` (habit changes with their evidence grades).
:func:`build_program` turns an intake and its assessment into a :class:`Program`;
docs/program.md describes the rules.
"""

import typing

from kinchain import _lazy

if typing.TYPE_CHECKING:
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

#: where each export lives; it is imported on first use
_WHERE = {
    "Change": "kinchain.program.checkin",
    "Checkin": "kinchain.program.checkin",
    "CheckinOutcome": "kinchain.program.checkin",
    "Context": "kinchain.program.model",
    "Dose": "kinchain.program.library",
    "Exercise": "kinchain.program.library",
    "HabitAdvice": "kinchain.program.model",
    "InstrumentDelta": "kinchain.program.checkin",
    "LeftOut": "kinchain.program.model",
    "Library": "kinchain.program.library",
    "Phase": "kinchain.program.model",
    "Program": "kinchain.program.model",
    "ProgramRules": "kinchain.program.rules",
    "RoutineItem": "kinchain.program.model",
    "Target": "kinchain.program.library",
    "apply_checkin": "kinchain.program.checkin",
    "apply_checkins": "kinchain.program.checkin",
    "build_program": "kinchain.program.generator",
    "context_from_intake": "kinchain.program.generator",
    "default_habits": "kinchain.program.rules",
    "default_library": "kinchain.program.library",
    "default_rules": "kinchain.program.rules",
    "load_checkin": "kinchain.program.checkin",
    "parse_checkin": "kinchain.program.checkin",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _WHERE)

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
