"""Habit changes: which of the rules in ``habits.yaml`` apply to this intake, with its words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kinchain.intake.model import Intake
from kinchain.program.model import HabitAdvice
from kinchain.program.rules import HabitRule

__all__ = ["carrying_side", "select_habits"]


def carrying_side(intake: Intake, /) -> str | None:
    """The side the client carries on: the intake's side, else a side named in ``what``."""
    carrying = intake.habits.carrying
    if carrying is None:
        return None
    if carrying.side in ("left", "right"):
        return carrying.side
    words = carrying.what.lower().split()
    found = [s for s in ("left", "right") if s in words]
    return found[0] if len(found) == 1 else None


def _holds(cond: str, value: Any, intake: Intake) -> bool:
    h = intake.habits
    shoes = intake.footwear
    checks = {
        "footwear_any": lambda: bool(shoes) == bool(value),
        "footwear_toe_box": lambda: any(f.toe_box in value for f in shoes),
        "footwear_heel_mm_at_least": lambda: any(f.heel_height_mm >= value for f in shoes),
        "footwear_kinds": lambda: any(f.kind in value for f in shoes),
        "sitting_hours_at_least": lambda: (h.sitting_hours or 0.0) >= value,
        "sleep_position": lambda: h.sleep_position in value,
        "lifting": lambda: h.lifting in value,
        "carrying": lambda: (h.carrying is not None) == bool(value),
        "breathing": lambda: h.breathing in value,
        "activity_kinds": lambda: any(a.kind in value for a in intake.activities),
        "injury_or_pain": lambda: bool(intake.injuries or intake.pain) == bool(value),
        "life_stage": lambda: intake.client.life_stage.status in value,
    }
    return bool(checks[cond]())


def _fill(intake: Intake) -> Mapping[str, str]:
    carrying = intake.habits.carrying
    side = carrying_side(intake)
    other = {"left": "right", "right": "left"}.get(side or "", "other")
    narrow = [f.name for f in intake.footwear if f.toe_box == "narrow"]
    heels = [f.name for f in intake.footwear if f.heel_height_mm >= 40]
    return {
        "carry_what": f'"{carrying.what}"' if carrying else "",
        "carry_side": side or "usual",
        "other_side": other,
        "narrow_shoes": ", ".join(narrow) or "shoes",
        "heel_shoes": ", ".join(heels) or "heels",
    }


def select_habits(intake: Intake, rules: Iterable[HabitRule], /) -> tuple[HabitAdvice, ...]:
    """The habit changes whose conditions all hold for ``intake``, in the file's order."""
    words = _fill(intake)
    return tuple(
        HabitAdvice(r.id, r.area, r.advice.format(**words), r.evidence, r.grade, r.cite)
        for r in rules
        if all(_holds(cond, value, intake) for cond, value in r.when.items())
    )
