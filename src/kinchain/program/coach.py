"""Notes for the coach about the program (never shown as the client's text).

The article asks for "a couple of minutes for each old injury". When the daily minutes do not
allow that, the coach is told which old injuries fall short and how many daily minutes would.
An old injury counts here when it is not largely recovered (``wording.recovered``) and is past
its healing window: a recent injury is left to its treating clinician, not given minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kinchain.body import each_side
from kinchain.intake.model import Intake
from kinchain.intake.refs import InjuryRef, injuries_by_ref
from kinchain.program.model import RoutineItem
from kinchain.program.rules import ProgramRules
from kinchain.program.wording import place, recovered

__all__ = ["old_injury_minutes_note"]


def _deficit(inj: Any, deficits: Mapping[tuple[str, str | None], float]) -> float:
    sides = each_side(inj.side)
    return max(deficits.get((inj.site, s), 0.0) for s in sides)


def old_injury_minutes_note(
    intake: Intake,
    deficits: Mapping[tuple[str, str | None], float],
    routine: Iterable[RoutineItem],
    rules: ProgramRules,
    /,
    *,
    recent_refs: frozenset[InjuryRef] = frozenset(),
) -> str | None:
    """The coach's note when the routine gives an old injury less than its minutes, or None."""
    want = rules.old_injury_minutes
    items = tuple(routine)
    short: list[tuple[str, float]] = []
    for ref, inj in injuries_by_ref(intake).items():
        if ref in recent_refs or recovered(_deficit(inj, deficits), rules.wording):
            continue
        given = sum(  # items for this injury that work its own site
            item.minutes
            for item in items
            if ref in item.because and any(site == inj.site for site, _ in item.targets)
        )
        if given + 1e-9 < want:
            where = f"{place(inj.site, inj.side, rules.wording)} ({inj.date.year})"
            short.append((f"{where} gets {given:g} of {want:g}", want - given))
    if not short:
        return None
    more = sum(m for _, m in short)
    spent = sum(item.minutes for item in items)
    head = f"For the coach: the article asks for a couple of minutes ({want:g}) for each old injury"
    gaps = "; ".join(s for s, _ in short)
    if spent + more <= intake.daily_minutes + 1e-9:
        return f"{head}: {gaps}; the daily minutes have room for more work on it."
    return (
        f"{head}, and the {intake.daily_minutes} daily minutes do not allow it: {gaps}. About "
        f"{spent + more:g} minutes a day would (or drop a lower-ranked item)."
    )
