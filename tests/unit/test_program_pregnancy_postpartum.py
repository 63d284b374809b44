"""A pregnant client's plan stops at the expected birth; after a birth, running waits on the
pelvic floor (Goom, Donnelly & Brockwell 2019; ACOG 2020)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinchain.assessment import assess
from kinchain.intake import parse_intake
from kinchain.program import build_program
from kinchain.program.generator import context_from_intake
from kinchain.program.library import default_library
from kinchain.program.model import Program
from kinchain.program.rules import default_rules
from kinchain.program.safety import refusal

AS_OF = dt.date(2026, 12, 2)


def intake_of(life_stage: dict[str, Any], **extra: Any) -> Any:
    data: dict[str, Any] = {
        "client": {"name": "P", "birth_year": 1992, "sex": "female", "height_cm": 165,
                   "mass_kg": 62, "life_stage": life_stage},
        "daily_minutes": 15,
        "pain": [{"site": "sacroiliac", "side": "left", "intensity": 2, "since": "2026-09"}],
        "activities": [{"kind": "jog", "minutes_per_week": 60}],
        **extra,
    }  # fmt: skip
    return parse_intake(data, as_of=AS_OF)


def program_of(intake: Any) -> Program:
    program = build_program(intake, assess(intake, as_of=AS_OF), as_of=AS_OF)
    assert program is not None
    return program


def weeks_of(program: Program) -> list[tuple[str, tuple[int, int]]]:
    return [(p.name, p.weeks) for p in program.phases]


def test_a_plan_started_at_week_30_of_pregnancy_stops_at_the_birth_and_restarts_after_it() -> None:
    program = program_of(intake_of({"status": "pregnant", "weeks": 30}))
    phases = program.phases
    assert all(p.weeks[1] <= 10 for p in phases[:-1])  # pregnancy weeks 30..39
    last = phases[-1]
    assert last.weeks == (11, 12) and last.name == "After the birth"
    assert "2027-02-10" in last.focus and "week 40" in last.focus  # 10 weeks after 2026-12-02
    assert "starts again" in last.focus and "go-ahead" in last.focus
    assert {"acog2020", "goom2019"} <= set(last.cite)
    weeks = [w for p in phases for w in range(p.weeks[0], p.weeks[1] + 1)]
    assert weeks == list(range(1, 13))  # still twelve weeks, no gap, no overlap


def test_a_plan_started_at_week_28_ends_the_week_before_the_birth_and_needs_no_birth_phase() -> (
    None
):
    program = program_of(intake_of({"status": "pregnant", "weeks": 28}))
    assert "After the birth" not in [p.name for p in program.phases]
    assert program.phases[-1].weeks[1] == 12


def test_a_plan_started_at_week_29_gives_its_last_week_to_the_birth() -> None:
    program = program_of(intake_of({"status": "pregnant", "weeks": 29}))
    assert weeks_of(program)[-1] == ("After the birth", (12, 12))
    assert program.phases[-2].weeks[1] == 11


def test_a_plan_started_at_week_40_is_all_about_the_restart_after_the_birth() -> None:
    program = program_of(intake_of({"status": "pregnant", "weeks": 40}))
    assert weeks_of(program) == [("After the birth", (1, 12))]


def test_a_client_who_is_not_pregnant_keeps_the_three_phases() -> None:
    program = program_of(intake_of({"status": "none"}))
    assert [p.weeks for p in program.phases] == [(1, 4), (5, 8), (9, 12)]


def _jog_refusal(life_stage: dict[str, Any]) -> Any:
    context = context_from_intake(intake_of(life_stage, pain=[]), as_of=AS_OF)
    jog = default_library()["step_rate_jog"]
    return refusal(jog, context, default_rules(), targets=[("knee", "both"), ("hip", "both")])


def test_twenty_weeks_after_birth_with_the_pelvic_floor_unasked_running_waits_for_the_questions(
) -> None:
    refused = _jog_refusal({"status": "postpartum", "weeks": 20})
    assert refused is not None and refused.key == "pelvic_floor"
    assert "leaking, heaviness or dragging, pelvic pain" in refused.detail
    assert "ask about" in refused.detail


def test_one_question_left_unanswered_still_holds_running_and_names_that_question() -> None:
    two_asked = {"leaking": False, "heaviness": False}
    refused = _jog_refusal({"status": "postpartum", "weeks": 20, "pelvic_floor": two_asked})
    assert refused is not None and refused.key == "pelvic_floor"
    assert "pelvic pain" in refused.detail and "leaking" not in refused.detail


def test_leaking_after_the_birth_holds_running_and_suggests_a_pelvic_health_physiotherapist() -> (
    None
):
    leaking = {"leaking": True, "heaviness": False, "pelvic_pain": False}
    stage = {"status": "postpartum", "weeks": 20, "pelvic_floor": leaking}
    refused = _jog_refusal(stage)
    assert refused is not None and refused.key == "pelvic_floor"
    assert "leaking" in refused.detail and "pelvic-health physiotherapist" in refused.detail
    program = program_of(intake_of(stage))
    assert any("pelvic-health physiotherapist" in n for n in program.notes)
    assert all("high_impact" not in i.exercise.tags for i in program.routine)


def test_all_three_answered_no_after_twelve_weeks_lets_running_return() -> None:
    clear = {"leaking": False, "heaviness": False, "pelvic_pain": False}
    stage = {"status": "postpartum", "weeks": 20, "pelvic_floor": clear}
    assert _jog_refusal(stage) is None


def test_the_pelvic_floor_gate_does_not_touch_walking_work() -> None:
    context = context_from_intake(intake_of({"status": "postpartum", "weeks": 20}), as_of=AS_OF)
    walk = default_library()["metronome_walk"]
    assert refusal(walk, context, default_rules(), targets=[("knee", "both")]) is None


def test_maria_is_told_to_be_asked_about_her_pelvic_floor_before_running() -> None:
    from pathlib import Path

    from kinchain.services.program import program_file

    root = Path(__file__).resolve().parents[2]
    program = program_file(root / "examples" / "maria.yaml", as_of=AS_OF).program
    assert program is not None
    assert any(n.startswith("Ask about leaking") for n in program.notes)
    assert all("high_impact" not in i.exercise.tags for i in program.routine)
