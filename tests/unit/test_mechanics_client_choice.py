"""Which simulation stands for a client's activity, and which shoe is worn for it: one rule,
asked by the assessment, the report and ``kinchain simulate``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from kinchain.assessment.loads import ClientLoads
from kinchain.cli import app
from kinchain.intake import load_intake
from kinchain.intake.model import Client, Intake
from kinchain.mechanics.client_choice import (
    activity_choice,
    activity_to_show,
    main_activity,
    shoe_for_activity,
    simulated_activity,
    simulated_minutes,
)
from kinchain.services.mechanics import simulate_client_file
from kinchain.services.report import report_inputs
from kinchain.tissue import tissue_state

AS_OF = dt.date(2026, 11, 25)


def _who(**extra: Any) -> Intake:
    client = Client(name="A", birth_year=1990, sex="male", height_cm=180, mass_kg=80)
    return Intake(client=client, daily_minutes=10, **extra)


def test_running_is_simulated_as_a_jog_and_swimming_has_no_stance() -> None:
    assert simulated_activity("run") == "jog"
    assert simulated_activity("walk") == "walk"
    assert simulated_activity("swim") is None


def test_the_main_activity_is_the_simulated_one_with_most_minutes_a_week() -> None:
    who = _who(activities=[{"kind": "walk", "minutes_per_week": 100},
                           {"kind": "run", "minutes_per_week": 90},
                           {"kind": "jog", "minutes_per_week": 30},
                           {"kind": "swim", "minutes_per_week": 500}])
    assert simulated_minutes(who) == {"walk": 100.0, "jog": 120.0}
    assert main_activity(who) == "jog"


def test_a_client_who_only_swims_is_simulated_walking() -> None:
    assert main_activity(_who(activities=[{"kind": "swim", "minutes_per_week": 90}])) == "walk"


def test_a_jog_is_simulated_in_the_athletic_pair_even_when_office_shoes_are_worn_longer(
    tom_path: Path,
) -> None:
    tom = load_intake(tom_path)
    i = shoe_for_activity(tom, "jog")
    assert i is not None and tom.footwear[i].name == "maximal cushion trainers"
    assert tom.footwear[i].hours_per_day < max(f.hours_per_day for f in tom.footwear)


def test_a_walk_is_simulated_in_the_pair_worn_most_hours(maria_path: Path) -> None:
    maria = load_intake(maria_path)
    i = shoe_for_activity(maria, "walk")
    assert i is not None and maria.footwear[i].name == "work flats"


def test_a_hike_is_simulated_in_boots_when_the_client_owns_them() -> None:
    who = _who(footwear=[{"name": "trainers", "kind": "athletic", "hours_per_day": 3},
                         {"name": "boots", "kind": "boot", "hours_per_day": 1}])
    assert shoe_for_activity(who, "hike") == 1
    assert "hike" in activity_choice().footwear_for


def test_with_no_running_shoes_a_jog_falls_back_to_the_pair_worn_most_hours() -> None:
    who = _who(footwear=[{"name": "boots", "kind": "boot", "hours_per_day": 8},
                         {"name": "heels", "kind": "heel", "hours_per_day": 2}])
    assert shoe_for_activity(who, "jog") == 0
    assert shoe_for_activity(_who(), "jog") is None


def test_kinchain_simulate_jogs_tom_in_his_trainers_and_says_why(tom_path: Path) -> None:
    sim = simulate_client_file(tom_path, activity="jog", as_of=AS_OF)
    assert sim.shoe == "maximal cushion trainers"
    assert any("worn in maximal cushion trainers" in s.fact for s in sim.trail)
    named = simulate_client_file(tom_path, activity="jog", shoe="office shoes", as_of=AS_OF)
    assert named.shoe == "office shoes"  # --shoe NAME still overrides the rule


def test_the_assessment_and_the_report_simulate_the_same_shoe_for_the_same_activity(
    maria_path: Path,
) -> None:
    maria = load_intake(maria_path)
    loads = ClientLoads(maria, tissue_state(maria, as_of=AS_OF))
    runs = {r.activity: r.shoe for r in loads._runs}
    assert set(runs) == {"jog", "walk"}
    jog_shoe = runs["jog"]
    assert jog_shoe is not None and maria.footwear[jog_shoe].kind == "athletic"
    simulation = report_inputs(maria_path, as_of=AS_OF).view.mechanics
    assert simulation is not None and simulation.activity == activity_to_show(maria).activity
    shoe = shoe_for_activity(maria, simulation.activity)
    assert shoe is not None and simulation.shoe == maria.footwear[shoe].name


def test_kinchain_simulate_names_the_shoe_it_jogs_tom_in(tom_path: Path) -> None:
    out = CliRunner().invoke(app, ["simulate", "--intake", str(tom_path), "--activity", "jog"])
    assert out.exit_code == 0, out.output
    assert "in maximal cushion trainers" in out.output.splitlines()[0]
