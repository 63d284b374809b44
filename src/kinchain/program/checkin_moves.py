"""Which way each routine item moves at a check-in, and whether it may.

- a pain up ``pain_rise_points`` or more at a site regresses every item working that site;
- ``easy_checkins`` easy check-ins in a row, the item done and no pain rising, progress it;
- ``hard_checkins`` hard check-ins in a row with the item done regress it;
- a move happens only if the new exercise passes every contraindication on the check-in's date,
  is not already in the routine, and fits the daily minutes (lower-ranked items may pause to make
  room for a harder version); otherwise the item holds and the change says why;
- a provisional program (red-flag screening not done) is never progressed.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinchain.program.checkin_changes import Change, Paused
from kinchain.program.checkin_room import Facts, make_room, swap, works
from kinchain.program.checkin_rules import checkin_rules
from kinchain.program.library import Library
from kinchain.program.model import RoutineItem
from kinchain.program.rules import ProgramRules
from kinchain.program.safety import refusal

__all__ = ["move_items"]

_EPS = 1e-9


@dataclass(frozen=True)
class _Move:
    """A move the rules call for: which way, the rule's words, the reason, its citations."""

    way: str  # "progress" | "regress"
    rule: str
    reason: str
    cite: tuple[str, ...]


def _pain_move(item: RoutineItem, facts: Facts, rules: ProgramRules) -> _Move | None:
    for site, side, before, after in facts.rising:
        if after - before >= rules.pain_rise_points and works(item, site, side):
            where = f"{side} {site}" if side else site
            reason = f"{where.replace('_', ' ')} pain went from {before} to {after}"
            rule = f"pain up {rules.pain_rise_points} or more points"
            return _Move("regress", rule, reason, checkin_rules().cite["pain_rise"])
    return None


def _streak_move(
    item: RoutineItem, facts: Facts, streak: dict[str, tuple[int, int]], rules: ProgramRules
) -> _Move | None:
    done = item.exercise.id in facts.done
    easy, hard = streak.get(item.exercise.id, (0, 0))
    hard = hard + 1 if facts.effort == "hard" and done else 0
    easy = easy + 1 if facts.effort == "easy" and done and not facts.rising else 0
    streak[item.exercise.id] = (easy, hard)
    cite = checkin_rules().cite["streak"]
    if hard >= rules.hard_checkins:
        rule = f"hard in {rules.hard_checkins} check-ins in a row"
        return _Move("regress", rule, "the routine felt hard each time", cite)
    if easy >= rules.easy_checkins:
        rule = f"easy and pain not rising in {rules.easy_checkins} check-ins in a row"
        return _Move("progress", rule, "the item was done and felt easy each time", cite)
    return None


def _hold(
    facts: Facts,
    item: RoutineItem,
    move: _Move,
    to: str | None,
    why: str,
    cite: tuple[str, ...] = (),
) -> Change:
    return Change(
        facts.date,
        "hold",
        item.exercise.id,
        to,
        move.rule,
        f"{move.reason}; {why}",
        move.cite + cite,
    )


def _at_the_edge(facts: Facts, item: RoutineItem, move: _Move) -> Change:
    """The hold when the item is already the easiest (regress) or hardest (progress) version."""
    edge = "easiest" if move.way == "regress" else "hardest"
    advice = (
        " If pain keeps rising, pause it and talk to your coach." if move.way == "regress" else ""
    )
    return _hold(facts, item, move, None, f"already the {edge} version.{advice}")


def _refused(
    routine: list[RoutineItem],
    item: RoutineItem,
    new: RoutineItem,
    move: _Move,
    facts: Facts,
    rules: ProgramRules,
) -> Change | None:
    """The hold when the safety rules refuse the new version or it is already in the routine."""
    why_not = refusal(new.exercise, facts.context, rules, targets=new.targets)
    if why_not is not None:
        held = f"{new.exercise.name} is not given now: {why_not.detail}"
        return _hold(facts, item, move, new.exercise.id, held, why_not.cite)
    if any(i.exercise.id == new.exercise.id for i in routine):
        held = f"{new.exercise.name} is already in the routine"
        return _hold(facts, item, move, new.exercise.id, held)
    return None


def _pause_for_room(
    routine: list[RoutineItem],
    victims: list[RoutineItem],
    item: RoutineItem,
    new: RoutineItem,
    facts: Facts,
    paused: list[Paused],
    changes: list[Change],
) -> None:
    """Pause the lower-ranked items that make room for ``new`` within the minutes budget."""
    for v in victims:
        routine.remove(v)
        paused.append(Paused(v, "room", item.exercise.id, facts.date))
        reason = (
            f"paused to make room for {new.exercise.name} within {facts.budget} minutes; "
            "it comes back when the minutes allow; another item still works its sites"
        )
        changes.append(
            Change(
                facts.date,
                "pause",
                v.exercise.id,
                None,
                "room for a higher-ranked item",
                reason,
                checkin_rules().cite["make_room"],
            )
        )


def _one(
    routine: list[RoutineItem],
    idx: int,
    move: _Move,
    facts: Facts,
    rules: ProgramRules,
    library: Library,
    paused: list[Paused],
    changes: list[Change],
) -> bool:
    """Apply one move to ``routine[idx]``; True when the item changed."""
    item = routine[idx]
    ex = item.exercise
    target_id = ex.regresses_to if move.way == "regress" else ex.progresses_to
    if target_id is None:
        changes.append(_at_the_edge(facts, item, move))
        return False
    if move.way == "progress" and facts.provisional:
        why = (
            "not made harder while the red-flag screening is not done (the program is provisional)"
        )
        cite = checkin_rules().cite["provisional"]
        changes.append(_hold(facts, item, move, target_id, why, cite))
        return False
    new = swap(item, library[target_id])
    refused = _refused(routine, item, new, move, facts, rules)
    if refused is not None:
        changes.append(refused)
        return False
    excess = sum(i.minutes for i in routine) - item.minutes + new.minutes - facts.budget
    victims = make_room(routine, item, excess) if excess > _EPS else []
    if excess > _EPS and not victims:
        held = (
            f"{new.exercise.name} would take the routine past {facts.budget} minutes and no "
            "lower-ranked item can make room without leaving a need with no item"
        )
        changes.append(_hold(facts, item, move, new.exercise.id, held))
        return False
    _pause_for_room(routine, victims, item, new, facts, paused, changes)
    routine[routine.index(item)] = new
    changes.append(
        Change(facts.date, move.way, ex.id, new.exercise.id, move.rule, move.reason, move.cite)
    )
    return True


def move_items(
    routine: list[RoutineItem],
    paused: list[Paused],
    streak: dict[str, tuple[int, int]],
    facts: Facts,
    *,
    rules: ProgramRules,
    library: Library,
    changes: list[Change],
) -> tuple[list[RoutineItem], list[Paused], dict[str, tuple[int, int]]]:
    """Every item, in rank order, moves if the rules call for it and allow it."""
    routine, paused = list(routine), list(paused)
    for item in list(routine):
        if item not in routine:  # paused to make room for a higher-ranked item
            continue
        move = _pain_move(item, facts, rules)
        if move is None:
            move = _streak_move(item, facts, streak, rules)
        if move is None:
            continue
        if _one(routine, routine.index(item), move, facts, rules, library, paused, changes):
            streak.pop(item.exercise.id, None)
        else:
            streak[item.exercise.id] = (0, 0)
    return routine, paused, streak
