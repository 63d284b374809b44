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

__all__ = ["Edit", "EditError", "EditKind", "apply_edits", "parse_edit"]

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

    def to_json(self) -> dict[str, object]:
        """The edit as stored: every field, dates as ISO text (:func:`parse_edit` reads it)."""
        return {
            "kind": self.kind, "exercise": self.exercise, "who": self.who,
            "when": self.when.isoformat(), "why": self.why, "replacement": self.replacement,
            "position": self.position, "minutes": self.minutes,
            "targets": [list(t) for t in self.targets],
        }  # fmt: skip


_KINDS: tuple[EditKind, ...] = ("replace", "remove", "add", "reorder", "dose", "pause")
_FIELDS = frozenset(("kind", "exercise", "who", "when", "why", "replacement", "position",
                     "minutes", "targets"))  # fmt: skip


def _text(data: dict[str, object], key: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if optional and (value is None or value == ""):  # a reason left out is stored as ""
        return None
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"edit.{key}: expected some text; received {value!r}")
    return value.strip()


def _number(data: dict[str, object], key: str, kind: type) -> float | int | None:
    value = data.get(key)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (kind is int and not isinstance(value, int))
    ):
        expected = "a whole number" if kind is int else "a number"
        raise EditError(f"edit.{key}: expected {expected}; received {value!r}")
    return value


def _targets(data: dict[str, object]) -> tuple[tuple[str, str | None], ...]:
    raw = data.get("targets") or []
    if not isinstance(raw, list | tuple) or not all(
        isinstance(t, list | tuple) and len(t) == 2 and isinstance(t[0], str)
        and (t[1] is None or isinstance(t[1], str)) for t in raw
    ):  # fmt: skip
        raise EditError(f"edit.targets: expected pairs of [site, side or null]; received {raw!r}")
    return tuple((str(t[0]), t[1]) for t in raw)


def parse_edit(data: object, /) -> Edit:
    """An :class:`Edit` from plain data (a stored edit, a web form, the JSON API), every field
    checked; an :class:`EditError` names the field, what was expected and what was received."""
    if not isinstance(data, dict):
        raise EditError(f"edit: expected a mapping with kind, exercise, who, when and why; "
                        f"received {type(data).__name__}")  # fmt: skip
    unknown = sorted(set(map(str, data)) - _FIELDS)
    if unknown:
        raise EditError(f"edit.{unknown[0]}: unknown field; expected one of {sorted(_FIELDS)}")
    kind = data.get("kind")
    if kind not in _KINDS:
        raise EditError(f"edit.kind: expected one of {', '.join(_KINDS)}; received {kind!r}")
    try:
        when = dt.date.fromisoformat(str(data.get("when")))
    except ValueError:
        raise EditError(f"edit.when: expected a date YYYY-MM-DD; received "
                        f"{data.get('when')!r}") from None  # fmt: skip
    position = _number(data, "position", int)
    minutes = _number(data, "minutes", float)
    return Edit(kind=kind, exercise=str(_text(data, "exercise")), who=str(_text(data, "who")),
                when=when, why=_text(data, "why", optional=True) or "",
                replacement=_text(data, "replacement", optional=True),
                position=None if position is None else int(position),
                minutes=None if minutes is None else float(minutes),
                targets=_targets(data))  # fmt: skip


def apply_edits(
    program: Program,
    edits: Sequence[Edit],
    /,
    *,
    library: Library | None = None,
    rules: ProgramRules | None = None,
    refused: Literal["raise", "note"] = "raise",
) -> Program:
    """``program`` with ``edits`` applied in date order (pure; the program is not changed).

    An edit that cannot apply raises :class:`EditError`, or with ``refused="note"`` (stored
    edits replayed over a program rebuilt after a new intake or a library change) is left out
    and the program says so in a coach's note: a coach's edit survives unless it no longer
    passes the contraindications or no longer finds its exercise.
    """
    library = library or default_library()
    rules = rules or default_rules()
    for edit in sorted(edits, key=lambda e: e.when):
        try:
            program = _apply(program, edit, library, rules)
        except EditError as e:
            if refused == "raise":
                raise
            note = f"a coach's edit no longer applies and was left out: {e}"
            program = replace(program, coach_notes=(*program.coach_notes, note))
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
