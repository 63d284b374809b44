"""Minutes in a check-in: pausing lower-ranked items to make room, and bringing paused items back.

Making room pauses the lowest-ranked items whose needs another item still serves, so every need
keeps its work; when that frees too few minutes the harder version waits. A paused item comes
back, highest ranked first, at the first check-in where it fits the daily minutes and passes every
contraindication (stepping down its chain if only an easier version is allowed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from kinchain.body import site_label
from kinchain.program.checkin_changes import Change, Paused
from kinchain.program.checkin_rules import checkin_rules
from kinchain.program.generator import resolve_targets
from kinchain.program.library import Exercise, Library
from kinchain.program.model import Context, RoutineItem
from kinchain.program.rules import ProgramRules
from kinchain.program.safety import refusal, sides_match

__all__ = [
    "Facts",
    "allowed_version",
    "allowed_versions",
    "client_side",
    "make_room",
    "restore",
    "swap",
    "works",
]

_EPS = 1e-9


def client_side(item: RoutineItem, /) -> str | None:
    """The one side an item is done on for this client, if any."""
    return next((side for _, side in item.targets if side in ("left", "right")), None)


def works(item: RoutineItem, site: str, side: str | None, /) -> bool:
    """Whether an item works this site and side."""
    return any(s == site and sides_match(sd, side) for s, sd in item.targets)


def swap(item: RoutineItem, new: Exercise, /) -> RoutineItem:
    """The same routine item doing another exercise of its chain, for the same side."""
    targets, minutes = resolve_targets(new, client_side(item))
    return replace(
        item,
        exercise=new,
        targets=targets,
        minutes=minutes,
        explanation=item.explanation.replace(item.exercise.why, new.why),
    )


def allowed_versions(
    item: RoutineItem,
    context: Context,
    rules: ProgramRules,
    library: Library,
    routine: Sequence[RoutineItem],
) -> Iterator[RoutineItem]:
    """The item itself, then each easier version down its chain, that is allowed now and not
    already in the routine."""
    present = {i.exercise.id for i in routine if i is not item}
    candidate: Exercise | None = item.exercise
    while candidate is not None:
        version = item if candidate is item.exercise else swap(item, candidate)
        allowed = refusal(candidate, context, rules, targets=version.targets) is None
        if allowed and candidate.id not in present:
            yield version
        candidate = library[candidate.regresses_to] if candidate.regresses_to else None


def allowed_version(
    item: RoutineItem,
    context: Context,
    rules: ProgramRules,
    library: Library,
    routine: Sequence[RoutineItem],
) -> RoutineItem | None:
    """The first of :func:`allowed_versions`, or None."""
    return next(allowed_versions(item, context, rules, library, routine), None)


def _unserved(item: RoutineItem, others: Sequence[RoutineItem]) -> list[str]:
    """The item's targets no other item works, in words ("left toes")."""
    out = []
    for site, side in item.targets:
        if not any(works(o, site, side) for o in others):
            out.append(site_label(site, side))
    return out


def make_room(
    routine: Sequence[RoutineItem], item: RoutineItem, excess: float
) -> list[RoutineItem]:
    """Lower-ranked items whose minutes cover ``excess``, lowest ranked first, each one's needs
    still served by the items that stay; [] when no such set covers it (every need keeps its
    work)."""
    below = sorted(
        (i for i in routine if i is not item and i.priority < item.priority),
        key=lambda i: (i.priority, i.exercise.id),
    )
    victims: list[RoutineItem] = []
    for candidate in below:
        if excess <= _EPS:
            break
        staying = [i for i in routine if i is not candidate and i not in victims]
        if _unserved(candidate, staying):
            continue
        victims.append(candidate)
        excess -= candidate.minutes
    return victims if excess <= _EPS else []


@dataclass(frozen=True)
class Facts:
    """What one check-in tells the rules that move items."""

    date: dt.date
    effort: str
    done: frozenset[str]
    rising: Sequence[tuple[str, str | None, int, int]]  # site, side, before, after
    context: Context
    budget: int  # the daily minutes
    provisional: bool  # red-flag screening not done: never progress


def _may_return(p: Paused, flaring: frozenset[str], rising: bool) -> bool:
    if p.why == "flare":
        return p.cause not in flaring and not rising
    return True  # room and contraindications: decided by the minutes and the rules below


def restore(
    routine: list[RoutineItem],
    paused: list[Paused],
    facts: Facts,
    *,
    flaring: frozenset[str],
    rules: ProgramRules,
    library: Library,
    changes: list[Change],
) -> tuple[list[RoutineItem], list[Paused]]:
    """Paused items that fit the minutes and are safe again come back, highest ranked first."""
    date, budget, context, rising = facts.date, facts.budget, facts.context, bool(facts.rising)
    cite = checkin_rules().cite["restore"]
    still: list[Paused] = []
    for p in sorted(paused, key=lambda p: (-p.item.priority, p.item.exercise.id)):
        left = budget - sum(i.minutes for i in routine) + _EPS
        back = None
        if _may_return(p, flaring, rising):
            fits = (
                v
                for v in allowed_versions(p.item, context, rules, library, routine)
                if v.minutes <= left
            )
            back = next(fits, None)
        if back is None:
            still.append(p)
            continue
        place = next((n for n, i in enumerate(routine) if i.priority < back.priority), None)
        routine.insert(len(routine) if place is None else place, back)
        why = {
            "room": "the routine has room for it again",
            "flare": "the flare has settled",
            "contraindication": "it is safe again",
        }.get(p.why, "it fits again")
        to = back.exercise.id if back.exercise.id != p.item.exercise.id else None
        reason = f"back in the routine: {why} within {budget} minutes"
        if to is not None:
            reason += f", as {back.exercise.name}, the version that fits and is allowed now"
        changes.append(
            Change(
                date, "restore", p.item.exercise.id, to, f"paused item back ({p.why})", reason, cite
            )
        )
    return routine, [p for p in paused if p in still]
