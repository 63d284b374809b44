"""An injury's clinical clearance and the pelvic-floor questions after a birth: read and checked."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kinchain.errors import IntakeError
from kinchain.intake import parse_intake
from kinchain.intake.files import read_intake_data

AS_OF = dt.date(2026, 12, 2)
ROOT = Path(__file__).resolve().parents[2]


def maria() -> dict[str, Any]:
    return copy.deepcopy(read_intake_data(ROOT / "examples" / "maria.yaml"))


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(IntakeError) as caught:
        parse_intake(data, source="maria.yaml", as_of=AS_OF)
    return [str(p) for p in caught.value.problems]


def test_a_clearance_by_the_treating_clinician_is_read_with_date_who_and_what_they_said() -> None:
    data = maria()
    data["injuries"][1]["cleared"] = {"date": "2012-10", "by": "GP", "said": "healed"}
    intake = parse_intake(data, as_of=AS_OF)
    cleared = intake.injuries[1].cleared
    assert cleared is not None and str(cleared.date) == "2012-10" and cleared.by == "GP"


def test_a_clearance_dated_before_the_injury_is_refused_with_its_path() -> None:
    data = maria()
    data["injuries"][1]["cleared"] = {"date": "2012-07-30", "by": "GP"}
    (problem,) = problems(data)
    assert problem.startswith("injuries[1].cleared:") and "before the injury" in problem


def test_a_clearance_in_the_same_month_as_a_month_dated_injury_is_accepted() -> None:
    data = maria()
    data["injuries"][1]["cleared"] = {"date": "2012-08-20", "by": "GP"}
    assert parse_intake(data, as_of=AS_OF).injuries[1].cleared is not None


def test_a_clearance_dated_in_the_future_is_refused_with_its_path() -> None:
    data = maria()
    data["injuries"][1]["cleared"] = {"date": "2027-01-05", "by": "GP"}
    (problem,) = problems(data)
    assert problem.startswith("injuries[1].cleared.date:") and "in the future" in problem


def test_a_clearance_without_who_gave_it_is_refused() -> None:
    data = maria()
    data["injuries"][1]["cleared"] = {"date": "2012-10"}
    (problem,) = problems(data)
    assert problem.startswith("injuries[1].cleared.by")


def test_pelvic_floor_answers_are_read_and_a_question_left_out_stays_unknown() -> None:
    data = maria()
    data["client"]["life_stage"]["pelvic_floor"] = {"leaking": True, "heaviness": False}
    stage = parse_intake(data, as_of=AS_OF).client.life_stage
    assert stage.pelvic_floor is not None
    assert stage.pelvic_floor.leaking is True and stage.pelvic_floor.heaviness is False
    assert stage.pelvic_floor.pelvic_pain is None  # not asked is not "no"
    assert stage.pelvic_floor.answered() == {"leaking": True, "heaviness": False}


def test_a_pelvic_floor_answer_that_is_not_yes_or_no_is_refused_with_its_path() -> None:
    data = maria()
    data["client"]["life_stage"]["pelvic_floor"] = {"leaking": "sometimes"}
    (problem,) = problems(data)
    assert problem.startswith("client.life_stage.pelvic_floor.leaking")


def test_pelvic_floor_questions_without_a_pregnancy_or_birth_are_refused() -> None:
    data = maria()
    data["client"]["life_stage"] = {"status": "none", "pelvic_floor": {"leaking": False}}
    (problem,) = problems(data)
    assert problem.startswith("client.life_stage.pelvic_floor") and "only when" in problem


def test_maria_s_example_still_loads_with_her_pelvic_floor_unknown() -> None:
    stage = parse_intake(maria(), as_of=AS_OF).client.life_stage
    assert stage.status == "postpartum" and stage.weeks == 20 and stage.pelvic_floor is None
