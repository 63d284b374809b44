"""A coach's edits of a program, as data, applied in one pure function.

An :class:`Edit` is one change a coach made (replace, remove, add, reorder, dose, pause), with
who made it, when and why; storage keeps the edits, and the program is always rebuilt from the
intake and replayed through :func:`apply_edits` (then the check-ins), so the same records give
the same program. An edit that names an exercise the library does not hold, or that would give
an exercise a contraindication forbids, is refused with a message naming the edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from kinchain.errors import EditError
from kinchain.program.library import Exercise, Library, default_library
from kinchain.program.model import Program, RoutineItem
from kinchain.program.rules import ProgramRules, default_rules
from kinchain.program.safety import refusal

__all__ = ["Edit", "EditError", "EditKind", "apply_edits"]

EditKind = Literal["replace", "remove", "add", "reorder", "dose", "pause"]


@dataclass(frozen=True)
class Edit:
    """One change a coach made to a client's program.

    ``exercise`` is the routine item's exercise id (for ``add``, the exercise to add);
    ``replacement`` the exercise a ``replace`` puts in its place; ``position`` the 0-based
    place a ``reorder`` moves it to; ``minutes`` the daily minutes a ``dose`` sets; ``targets``
    the (site, side) pairs an ``add`` works on.
    """

    kind: EditKind
    exercise: str
    who: str
    when: dt.date
    why: str
    replacement: str | None = None
    position: int | None = None
    minutes: float | None = None
    targets: tuple[tuple[str, str | None], ...] = ()

    def label(self) -> str:
        return f"{self.kind} {self.exercise!r} by {self.who} on {self.when.isoformat()}"


def apply_edits(
    program: Program,
    edits: Sequence[Edit],
    /,
    *,
    library: Library | None = None,
    rules: ProgramRules | None = None,
) -> Program:
    """``program`` with ``edits`` applied in date order (pure; the program is not changed)."""
    library = library or default_library()
    rules = rules or default_rules()
    for edit in sorted(edits, key=lambda e: e.when):
        program = _apply(program, edit, library, rules)
    return program


def _apply(program: Program, edit: Edit, library: Library, rules: ProgramRules) -> Program:
    routine = list(program.routine)
    if edit.kind == "add":
        routine.append(_added(program, edit, library, rules))
        return replace(program, routine=tuple(routine))
    index = _index(program, edit)
    item = routine[index]
    if edit.kind == "remove":
        del routine[index]
    elif edit.kind == "pause":
        del routine[index]
        note = f"{item.exercise.name} paused by {edit.who} on {edit.when.isoformat()}: {edit.why}"
        return replace(program, routine=tuple(routine), coach_notes=(*program.coach_notes, note))
    elif edit.kind == "replace":
        new = _exercise(edit.replacement, edit, library)
        _check_allowed(program, edit, new.id, item.targets, library, rules)
        routine[index] = replace(item, exercise=new, because=(*item.because, _why(edit)))
    elif edit.kind == "reorder":
        if edit.position is None or not 0 <= edit.position < len(routine):
            raise EditError(f"{edit.label()}: position: expected 0..{len(routine) - 1}, "
                            f"received {edit.position}")  # fmt: skip
        routine.insert(edit.position, routine.pop(index))
    elif edit.kind == "dose":
        if edit.minutes is None or not 0 < edit.minutes <= program.daily_minutes:
            raise EditError(f"{edit.label()}: minutes: expected more than 0 and at most "
                            f"{program.daily_minutes}, received {edit.minutes}")  # fmt: skip
        routine[index] = replace(item, minutes=float(edit.minutes))
    return replace(program, routine=tuple(routine))


def _why(edit: Edit) -> str:
    return f"coach's edit ({edit.who}, {edit.when.isoformat()}): {edit.why}"


def _index(program: Program, edit: Edit) -> int:
    for i, item in enumerate(program.routine):
        if item.exercise.id == edit.exercise:
            return i
    names = ", ".join(i.exercise.id for i in program.routine) or "none"
    raise EditError(f"{edit.label()}: exercise: expected one in the routine ({names}), "
                    f"received {edit.exercise!r}")  # fmt: skip


def _exercise(exercise_id: str | None, edit: Edit, library: Library) -> Exercise:
    if exercise_id is None or exercise_id not in library:
        raise EditError(f"{edit.label()}: exercise: expected an exercise of the library, "
                        f"received {exercise_id!r}")  # fmt: skip
    return library[exercise_id]


def _check_allowed(
    program: Program,
    edit: Edit,
    exercise_id: str,
    targets: tuple[tuple[str, str | None], ...],
    library: Library,
    rules: ProgramRules,
) -> None:
    found = refusal(library[exercise_id], program.context, rules, targets=targets)
    if found is not None:
        raise EditError(f"{edit.label()}: {exercise_id} is contraindicated for this client "
                        f"({found.key}): {found.detail}")  # fmt: skip


def _added(program: Program, edit: Edit, library: Library, rules: ProgramRules) -> RoutineItem:
    exercise = _exercise(edit.exercise, edit, library)
    if program.item(exercise.id) is not None:
        raise EditError(f"{edit.label()}: exercise: expected one not in the routine yet, "
                        f"received {exercise.id!r}")  # fmt: skip
    targets = edit.targets or tuple((t.site, t.side) for t in exercise.targets)
    _check_allowed(program, edit, exercise.id, targets, library, rules)
    minutes = float(edit.minutes or exercise.minutes)
    return RoutineItem(exercise=exercise, targets=targets, minutes=minutes,
                       because=(_why(edit),), explanation=exercise.why, priority=0.0,
                       focus=edit.why)  # fmt: skip
