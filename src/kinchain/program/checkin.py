"""Check-ins: how the routine moves on, by the rules of ``rules.yaml`` (``progression``) and
``checkins.yaml`` (what each rule cites, what a flare can be put down to).

A check-in (:mod:`kinchain.program.checkin_input`) says, on one date, how much each site hurts
(0..10), how hard the routine felt (``easy``, ``ok``, ``hard``), which items were done, what a
flare was put down to (``flare_with``), and optionally re-assessed questionnaires.
:func:`apply_checkins` replays the check-ins in date order over a freshly built program, one
:func:`~kinchain.program.checkin_step.step` at a time over an explicit
:class:`~kinchain.program.checkin_step.ReplayState`:

- a flare put down to an activity pauses the items and habits of that kind until it settles;
- pain up by ``pain_rise_points`` or more at a site regresses every item working that site;
- ``easy_checkins`` easy check-ins in a row, with the item done and no pain rising anywhere,
  progress that item; when the harder version needs more minutes than are left, lower-ranked
  items pause to make room (those whose need another item still serves first);
- ``hard_checkins`` hard check-ins in a row with the item done regress it;
- a move happens only if the new exercise passes every contraindication on the check-in's date
  and the routine still fits ``daily_minutes``; otherwise the item holds and the change says why;
- an item the client's state now rules out (pregnancy weeks advance, pain turns severe) steps
  down its chain to a version that is allowed, or pauses;
- a paused item comes back as soon as it fits the minutes and is safe again;
- a provisional program (red-flag screening not done) is never progressed; easing still applies.

State is never stored: a program plus its check-ins, in order, always give the same result.
"""

from __future__ import annotations

from collections.abc import Sequence

from kinchain.program.checkin_changes import Change, CheckinOutcome, InstrumentDelta, Paused
from kinchain.program.checkin_input import (
    Checkin,
    CheckinPain,
    checkin_problems,
    load_checkin,
    looks_like_checkin,
    parse_checkin,
)
from kinchain.program.checkin_rules import checkin_rules
from kinchain.program.checkin_step import ReplayState, step
from kinchain.program.library import Library, default_library
from kinchain.program.model import Program
from kinchain.program.rules import ProgramRules, default_rules

__all__ = [
    "Change",
    "Checkin",
    "CheckinOutcome",
    "CheckinPain",
    "InstrumentDelta",
    "Paused",
    "ReplayState",
    "apply_checkin",
    "apply_checkins",
    "checkin_problems",
    "load_checkin",
    "looks_like_checkin",
    "parse_checkin",
    "step",
]


def _notes(program: Program) -> tuple[str, ...]:
    if not program.provisional:
        return ()
    return (
        "This program is provisional: the red-flag screening questions are not all answered. "
        + checkin_rules().says["provisional"],
    )


def apply_checkins(
    program: Program,
    checkins: Sequence[Checkin],
    /,
    *,
    library: Library | None = None,
    rules: ProgramRules | None = None,
) -> CheckinOutcome:
    """Replay ``checkins`` (in date order, none before the program) over ``program``."""
    library = library or default_library()
    rules = rules or default_rules()
    state = ReplayState.start(program)
    changes: list[Change] = []
    for checkin in checkins:
        state, made = step(state, checkin, rules=rules, library=library)
        changes.extend(made)
    return CheckinOutcome(
        state.as_program(), tuple(changes), state.instruments, state.paused, _notes(program)
    )


def apply_checkin(
    program: Program,
    checkin: Checkin,
    /,
    *,
    library: Library | None = None,
    rules: ProgramRules | None = None,
) -> CheckinOutcome:
    """One check-in over ``program`` (the contract of docs/architecture.md)."""
    return apply_checkins(program, [checkin], library=library, rules=rules)
