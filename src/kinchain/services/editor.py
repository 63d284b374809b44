"""The coach's program editor: what each routine item may become (its regression, its
progression, another exercise for the same target), what may be added, the minutes against
the client's daily budget, and an edit tried before it is kept.

An edit is kept by :func:`kinchain.services.records.add_edit` (refused whole, nothing stored,
when it is contraindicated, impossible or over the budget); here it is only tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinchain.errors import EditError
from kinchain.program import Program
from kinchain.program.edits import Edit, apply_edits, parse_edit
from kinchain.program.library import Exercise, default_library
from kinchain.services.evaluate import Evaluation
from kinchain.services.uow import UnitOfWork

__all__ = [
    "Choice",
    "EditorItem",
    "EditorView",
    "Tried",
    "budget_problem",
    "edit_from_form",
    "editor_view",
    "try_edit",
]


@dataclass(frozen=True)
class Choice:
    id: str
    name: str
    why: str  # "easier", "harder", "same target"


@dataclass(frozen=True)
class EditorItem:
    id: str
    name: str
    minutes: float
    dose: str
    focus: str
    choices: tuple[Choice, ...]  # what it may be swapped for


@dataclass(frozen=True)
class EditorView:
    items: tuple[EditorItem, ...]
    minutes: float
    daily_minutes: int
    additions: tuple[Choice, ...]
    suspended: bool
    notes: tuple[str, ...]


def _same_target(item_ex: Exercise, taken: set[str]) -> list[Exercise]:
    sites = item_ex.sites
    return sorted((e for e in default_library().values()
                   if e.id not in taken and e.sites & sites), key=lambda e: e.name)


def _choices(program: Program, index: int) -> tuple[Choice, ...]:
    library = default_library()
    ex = program.routine[index].exercise
    taken = {i.exercise.id for i in program.routine}
    out = []
    if ex.regresses_to and ex.regresses_to in library and ex.regresses_to not in taken:
        out.append(Choice(ex.regresses_to, library[ex.regresses_to].name, "easier"))
    if ex.progresses_to and ex.progresses_to in library and ex.progresses_to not in taken:
        out.append(Choice(ex.progresses_to, library[ex.progresses_to].name, "harder"))
    named = {c.id for c in out}
    out += [Choice(e.id, e.name, "same target") for e in _same_target(ex, taken | named)]
    return tuple(out)


def editor_view(evaluation: Evaluation, /) -> EditorView:
    """The program as built (after the coach's edits) with every choice the editor offers."""
    program = evaluation.built
    if program is None:
        return EditorView((), 0.0, evaluation.intake.daily_minutes, (), True, ())
    items = tuple(
        EditorItem(i.exercise.id, i.exercise.name, i.minutes, i.dose_text(), i.focus,
                   _choices(program, n))
        for n, i in enumerate(program.routine))
    taken = {i.exercise.id for i in program.routine}
    additions = tuple(Choice(e.id, e.name, "add") for e in
                      sorted(default_library().values(), key=lambda e: e.name)
                      if e.id not in taken)
    return EditorView(items, program.minutes, program.daily_minutes, additions, False,
                      program.coach_notes)


def budget_problem(program: Program, /) -> str | None:
    """Why a program is over the client's daily budget, or None."""
    if program.minutes <= program.daily_minutes + 1e-9:
        return None
    over = program.minutes - program.daily_minutes
    return (f"minutes: expected at most her {program.daily_minutes} minutes a day; the routine "
            f"would take {program.minutes:g} ({over:g} over her budget)")


def edit_from_form(form: dict[str, str], program: Program | None, /) -> dict[str, Any]:
    """An edit as data from the editor's form: ``op`` (replace, remove, pause, dose, up, down,
    add), ``exercise``, ``replacement``, ``minutes``, ``why``. A number that is not one is
    passed on as text, so the edit's check names what it expected and received."""
    op = form.get("op", "")
    exercise = form.get("exercise", "")
    data: dict[str, Any] = {"kind": op, "exercise": exercise,
                            "why": form.get("why", "").strip() or None}
    if op in ("up", "down"):
        routine = [i.exercise.id for i in program.routine] if program else []
        at = routine.index(exercise) if exercise in routine else 0
        data["kind"] = "reorder"
        data["position"] = max(0, min(len(routine) - 1, at + (-1 if op == "up" else 1)))
    if op == "replace":
        data["replacement"] = form.get("replacement") or None
    if op in ("dose", "add") and form.get("minutes", "").strip():
        text = form["minutes"].strip().replace(",", ".")
        try:
            data["minutes"] = float(text)
        except ValueError:
            data["minutes"] = text
    return data


@dataclass(frozen=True)
class Tried:
    """An edit tried on the program: the minutes it would give, or why it is refused."""

    minutes: float
    daily_minutes: int
    refused: str | None


def try_edit(uow: UnitOfWork, evaluation: Evaluation, data: dict[str, Any], /) -> Tried:
    """Apply one edit to the program as built, without keeping it."""
    program = evaluation.built
    daily = evaluation.intake.daily_minutes
    if program is None:
        return Tried(0.0, daily, "the program is suspended while the referral stands")
    try:
        edit: Edit = parse_edit({**data, "who": uow.actor, "when": uow.now().date().isoformat()})
        after = apply_edits(program, [edit])
    except EditError as e:
        return Tried(program.minutes, daily, str(e))
    return Tried(after.minutes, daily, budget_problem(after))
