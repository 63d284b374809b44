"""A coach's edits, as data: applied once, purely, refused when unknown or contraindicated."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from kinchain.program import Program, load_checkin
from kinchain.program.edits import Edit, EditError, apply_edits
from kinchain.program.library import default_library
from kinchain.program.model import Pain
from kinchain.services.evaluate import evaluate
from kinchain.services.intake import load_client

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = dt.date(2026, 11, 1)
WHEN = dt.date(2026, 11, 2)


@pytest.fixture(scope="module")
def maria() -> Program:
    program = evaluate(load_client(EXAMPLES / "maria.yaml", as_of=AS_OF), as_of=AS_OF).built
    assert program is not None and len(program.routine) >= 2
    return program


def _edit(kind: str, exercise: str, **more: object) -> Edit:
    return Edit(kind, exercise, who="coach ann", when=WHEN, why="client asked", **more)  # type: ignore[arg-type]


def test_a_removed_exercise_stays_removed_after_marias_check_ins_are_replayed() -> None:
    intake = load_client(EXAMPLES / "maria.yaml", as_of=AS_OF)
    first = evaluate(intake, as_of=AS_OF).built
    assert first is not None
    gone = first.routine[0].exercise.id
    checkins = [load_checkin(EXAMPLES / f"checkin-maria-{n}.yaml") for n in (3, 1, 2)]
    edited = evaluate(intake, as_of=AS_OF, checkins=checkins, edits=[_edit("remove", gone)])
    assert edited.outcome is not None
    assert edited.program is not None and edited.program.item(gone) is None


def test_an_edit_naming_an_exercise_the_library_does_not_hold_is_refused_by_name(
    maria: Program,
) -> None:
    with pytest.raises(EditError, match="expected an exercise of the library, received 'moonwalk'"):
        apply_edits(maria, [_edit("add", "moonwalk")])


def test_removing_an_exercise_not_in_the_routine_names_what_the_routine_holds(
    maria: Program,
) -> None:
    with pytest.raises(EditError, match="expected one in the routine"):
        apply_edits(maria, [_edit("remove", "moonwalk")])


def test_reorder_and_dose_change_only_the_order_and_the_minutes(maria: Program) -> None:
    last = maria.routine[-1].exercise.id
    edits = [_edit("reorder", last, position=0), _edit("dose", last, minutes=1.5)]
    edited = apply_edits(maria, edits)
    assert edited.routine[0].exercise.id == last
    assert edited.routine[0].minutes == 1.5
    assert {i.exercise.id for i in edited.routine} == {i.exercise.id for i in maria.routine}
    assert maria.routine[-1].exercise.id == last  # the program itself is unchanged


def test_a_paused_exercise_leaves_the_routine_with_a_note_for_the_coach_saying_who_and_why(
    maria: Program,
) -> None:
    paused = maria.routine[0]
    edited = apply_edits(maria, [_edit("pause", paused.exercise.id)])
    assert edited.item(paused.exercise.id) is None
    assert any("coach ann" in n and "client asked" in n for n in edited.coach_notes)


def test_a_dose_above_the_daily_minutes_is_refused_with_the_range(maria: Program) -> None:
    with pytest.raises(EditError, match="minutes: expected more than 0"):
        apply_edits(maria, [_edit("dose", maria.routine[0].exercise.id, minutes=999)])


def test_adding_a_level_two_exercise_for_a_client_in_severe_pain_is_refused_with_the_rule(
    maria: Program,
) -> None:
    library = default_library()
    hard = next(e for e in library.values() if e.level > 1 and maria.item(e.id) is None)
    in_pain = replace(maria, context=replace(
        maria.context, pains=(Pain(site="knee", side="left", intensity=9, ref="pain[0]"),)
    ))  # fmt: skip
    with pytest.raises(EditError, match="contraindicated for this client \\(severe_pain\\)"):
        apply_edits(in_pain, [_edit("add", hard.id)])
