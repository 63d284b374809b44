"""Recent injuries: an injury inside its healing window gets no loading, and the clinician leads.

The vignettes are our own, dated as of 2026-12-02, written to the rule in docs/program.md
("Recent injuries"), not read back from the data files.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from kinchain.assessment import assess
from kinchain.intake import InjuryRef, parse_intake
from kinchain.program import build_program
from kinchain.program.model import Program

AS_OF = dt.date(2026, 12, 2)
FRACTURE = {"site": "ankle", "side": "right", "kind": "fracture", "date": "2026-11-25",
            "care": "medical"}  # fmt: skip
ACL = {"site": "knee", "side": "right", "kind": "surgery", "structure": "acl",
       "date": "2026-11-28", "care": "medical"}  # fmt: skip
STANDING = re.compile(r"^(Stand|Walk|Jog|Kneel|In a clear space|Find a clear|Put an elastic|"
                      r"Face a wall|Hold a|Tie a band|Loop a band)")  # fmt: skip


def intake_of(injuries: list[dict[str, Any]], pain: int = 4, **extra: Any) -> Any:
    data: dict[str, Any] = {
        "client": {"name": "V", "birth_year": 1985, "sex": "male", "height_cm": 180,
                   "mass_kg": 80},
        "daily_minutes": 20,
        "injuries": injuries,
        "pain": [{"site": "lumbar_spine", "intensity": pain, "since": "2026-11-25",
                  "pattern": "constant"}],
        **extra,
    }  # fmt: skip
    return parse_intake(data, as_of=AS_OF)


def program_of(intake: Any, as_of: dt.date = AS_OF) -> Program:
    program = build_program(intake, assess(intake, as_of=as_of), as_of=as_of)
    assert program is not None
    return program


def loads_right_leg(program: Program) -> list[str]:
    leg = {"toes", "foot", "ankle", "knee"}
    return [
        i.exercise.id
        for i in program.routine
        if any(s in leg and side in ("right", "both") for s, side in i.targets)
        or STANDING.match(i.exercise.instructions[0])
    ]


def test_a_fracture_and_an_operation_last_week_with_severe_back_pain_leave_the_lead_to_a_clinician(
) -> None:
    program = program_of(intake_of([FRACTURE, ACL], pain=9))
    assert program.routine == ()
    assert program.notes[0].startswith("A clinician should lead your care for now")
    fresh = [o for o in program.left_out if o.reason == "recent_injury"]
    assert {o.focus for o in fresh} == {"right ankle", "right knee"}
    assert any("follow the plan of the clinician treating your right ankle" in o.detail
               for o in fresh)  # fmt: skip


def test_a_fracture_seven_days_ago_gets_no_exercise_that_loads_that_ankle() -> None:
    program = program_of(intake_of([FRACTURE]))
    assert program.routine  # the back still gets gentle work away from the leg
    assert loads_right_leg(program) == []
    (entry,) = [o for o in program.left_out if o.reason == "recent_injury"]
    assert entry.focus == "right ankle" and entry.because == (InjuryRef(0),)
    assert "follow the plan of the clinician treating your right ankle" in entry.detail
    assert any("right ankle" in n and "clinician" in n for n in program.notes)


def test_an_acl_reconstruction_four_days_ago_gets_no_kneeling_squats_or_thigh_work() -> None:
    program = program_of(intake_of([ACL]))
    assert loads_right_leg(program) == []
    assert not [i for i in program.routine if ("hip", "right") in i.targets]


def test_one_fresh_injury_with_severe_pain_still_gets_gentle_work_away_from_it() -> None:
    program = program_of(intake_of([FRACTURE], pain=9))
    assert program.routine and loads_right_leg(program) == []
    assert all(i.exercise.level == 1 for i in program.routine)


def test_two_fresh_injuries_with_pain_just_below_severe_still_get_gentle_work_away_from_them(
) -> None:
    program = program_of(intake_of([FRACTURE, ACL], pain=6))
    assert program.routine and loads_right_leg(program) == []
    assert not program.notes[0].startswith("A clinician should lead")


def test_two_fresh_injuries_at_the_severe_pain_threshold_leave_no_routine() -> None:
    assert program_of(intake_of([FRACTURE, ACL], pain=7)).routine == ()


def test_a_recent_injury_is_never_called_old_in_the_program_or_the_assessment() -> None:
    intake = intake_of([FRACTURE, ACL], pain=5)
    assessment = assess(intake, as_of=AS_OF)
    said = json.dumps(program_of(intake).to_json()) + json.dumps(
        [(c.label, c.summary) for c in assessment.contributors], default=str
    )
    assert not re.search(r"\bold\b", said), re.findall(r".{40}\bold\b.{40}", said)
    assert "recent fracture" in said and "recent surgery" in said


def test_the_same_fracture_past_its_window_is_an_old_injury_that_can_be_worked_again() -> None:
    old = {**FRACTURE, "date": "2025-06-10"}
    intake = intake_of([old])
    assessment = assess(intake, as_of=AS_OF)
    assert any("old fracture" in c.summary for c in assessment.contributors)
    program = program_of(intake)
    assert not [o for o in program.left_out if o.reason == "recent_injury"]
    assert any(("ankle", "right") in i.targets for i in program.routine)


def test_a_fracture_cleared_by_the_treating_clinician_is_no_longer_held_back() -> None:
    clearance = {"date": "2026-11-30", "by": "fracture clinic", "said": "no limits"}
    cleared = {**FRACTURE, "date": "2026-10-01", "cleared": clearance}
    program = program_of(intake_of([cleared]))
    assert not [o for o in program.left_out if o.reason == "recent_injury"]
    assert any(("ankle", "right") in i.targets for i in program.routine)


def _recent_on(day: dt.date, injury: dict[str, Any]) -> bool:
    intake = intake_of([injury])
    program = build_program(intake, assess(intake, as_of=day), as_of=day)
    assert program is not None
    return any(o.reason == "recent_injury" for o in program.left_out)


def test_a_fracture_is_recent_up_to_and_including_day_84_and_not_on_day_85() -> None:
    broken = {**FRACTURE, "date": "2026-09-09"}  # day 84 is 2026-12-02
    assert _recent_on(dt.date(2026, 12, 1), broken)
    assert _recent_on(dt.date(2026, 12, 2), broken)
    assert not _recent_on(dt.date(2026, 12, 3), broken)


def test_a_reconstructed_acl_stays_recent_while_its_graft_remodels_for_a_year() -> None:
    acl = {**ACL, "date": "2025-12-02"}  # day 365 is 2026-12-02
    assert _recent_on(dt.date(2026, 12, 2), acl)
    assert not _recent_on(dt.date(2026, 12, 3), acl)


def test_an_ankle_sprain_is_recent_for_six_weeks_not_twelve() -> None:
    sprain = {"site": "ankle", "side": "right", "kind": "sprain", "grade": 2,
              "date": "2026-10-21"}  # fmt: skip  # day 42 is 2026-12-02
    assert _recent_on(dt.date(2026, 12, 2), sprain)
    assert not _recent_on(dt.date(2026, 12, 3), sprain)


def test_a_recent_injury_with_the_trauma_question_unanswered_makes_the_coach_ask_about_trauma(
) -> None:
    notes = assess(intake_of([FRACTURE]), as_of=AS_OF).notes
    assert any("significant trauma" in n and "significant_trauma" in n for n in notes)


def test_a_recent_injury_with_the_trauma_question_answered_asks_nothing_more() -> None:
    intake = intake_of([FRACTURE], screening={"significant_trauma": False})
    notes = assess(intake, as_of=AS_OF).notes
    assert not any("Ask whether a significant trauma" in n for n in notes)


def test_an_old_injury_alone_does_not_ask_about_trauma() -> None:
    notes = assess(intake_of([{**FRACTURE, "date": "2019-05"}]), as_of=AS_OF).notes
    assert not any("Ask whether a significant trauma" in n for n in notes)


def test_what_is_left_out_for_a_fresh_injury_is_said_in_words_not_as_an_id() -> None:
    program = program_of(intake_of([FRACTURE]))
    words = {o["reason"]: o["reason_words"] for o in program.to_json()["left_out"]}
    assert words["recent_injury"] == "still healing: your clinician's plan comes first"


def test_when_a_clinician_leads_the_cli_says_so_before_the_empty_routine_and_gives_no_phases(
    tmp_path: Any,
) -> None:
    import json

    from typer.testing import CliRunner

    from kinchain.cli import app

    data = {
        "client": {"name": "V", "birth_year": 1985, "sex": "male", "height_cm": 180,
                   "mass_kg": 80},
        "daily_minutes": 20,
        "injuries": [FRACTURE, ACL],
        "pain": [{"site": "lumbar_spine", "intensity": 9, "since": "2026-11-25",
                  "pattern": "constant"}],
    }  # fmt: skip
    path = tmp_path / "fresh.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = CliRunner().invoke(app, ["program", str(path), "--as-of", AS_OF.isoformat()])
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    lead = text.index("A clinician should lead your care for now")
    assert lead < text.index("daily routine (0 of 20 minutes")
    assert "No exercises for now." in text
    assert "The 12 weeks" not in text
