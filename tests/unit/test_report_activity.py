"""The activity the report simulates follows the client's goals and what makes the pain worse,
then her most frequent activity; ``report --activity`` can choose, and the page says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.intake import load_intake
from kinchain.intake.model import Client, Intake
from kinchain.mechanics.client_choice import activities_named, activity_choice, activity_to_show
from kinchain.report import render_html
from kinchain.services.report import report_inputs

AS_OF = dt.date(2026, 12, 2)


def _who(**extra: Any) -> Intake:
    client = Client(name="A", birth_year=1985, sex="female", height_cm=168, mass_kg=64)
    return Intake(client=client, daily_minutes=10, **extra)


def _pain(*worse_with: str) -> dict[str, Any]:
    return {"site": "knee", "side": "right", "intensity": 4, "since": "2026-01",
            "pattern": "intermittent", "worse_with": list(worse_with)}  # fmt: skip


def test_maria_whose_goal_and_si_pain_are_about_jogging_is_shown_jogging(maria_path: Path):
    shown = activity_to_show(load_intake(maria_path))
    assert shown.activity == "jog"
    assert "Jog 5 km without SI pain" in shown.reason
    assert "sacroiliac" in shown.reason and "jogging" in shown.reason


def test_a_goal_to_hike_again_is_shown_over_more_minutes_of_walking():
    who = _who(goals=["Hike the Pennine Way next summer"],
               activities=[{"kind": "walk", "minutes_per_week": 300},
                           {"kind": "hike", "minutes_per_week": 30}])  # fmt: skip
    shown = activity_to_show(who)
    assert shown.activity == "hike"
    assert "Hike the Pennine Way" in shown.reason


def test_a_pain_worse_on_stairs_and_running_is_shown_jogging_though_she_walks_more():
    who = _who(pain=[_pain("stairs", "running downhill")],
               activities=[{"kind": "walk", "minutes_per_week": 200},
                           {"kind": "run", "minutes_per_week": 40}])  # fmt: skip
    shown = activity_to_show(who)
    assert shown.activity == "jog"
    assert "right knee pain is worse with running downhill" in shown.reason


def test_with_no_goal_or_aggravator_naming_an_activity_the_most_frequent_one_is_shown():
    who = _who(goals=["Sleep through the night"], pain=[_pain("sitting")],
               activities=[{"kind": "walk", "minutes_per_week": 60},
                           {"kind": "pivot", "minutes_per_week": 90}])  # fmt: skip
    shown = activity_to_show(who)
    assert shown.activity == "pivot"
    assert "most minutes a week (90)" in shown.reason


def test_a_client_who_only_swims_is_shown_walking_and_told_why():
    shown = activity_to_show(_who(activities=[{"kind": "swim", "minutes_per_week": 90}]))
    assert shown.activity == "walk"
    assert "none of the client's activities can be simulated" in shown.reason


def test_the_words_for_each_activity_live_in_the_activity_data_file():
    words = activity_choice().words
    assert {"running", "jogging", "5 km"} <= set(words["jog"])
    assert activities_named("Jog 5 km without SI pain") == ("jog",)
    assert activities_named("standing at work") == ()  # no word inside another word


def test_report_inputs_simulate_the_activity_the_coach_asks_for(maria_path: Path):
    inputs = report_inputs(maria_path, as_of=AS_OF, activity="walk")
    mechanics = inputs.view.mechanics
    assert mechanics is not None and mechanics.activity == "walk"
    assert "chosen by the coach" in mechanics.chosen_because


def test_marias_report_simulates_jogging_and_says_why(maria_path: Path):
    inputs = report_inputs(maria_path, as_of=AS_OF)
    assert inputs.view.mechanics is not None and inputs.view.mechanics.activity == "jog"
    html = render_html(inputs.view)
    section = html.split('id="mechanics"', 1)[1].split("</section>", 1)[0]
    assert "jogging" in section
    assert "Jog 5 km without SI pain" in section


def test_report_with_an_unknown_activity_lists_the_choices_in_plain_words(
    maria_path: Path, tmp_path: Path
):
    out = CliRunner().invoke(
        app, ["report", str(maria_path), "--out", str(tmp_path / "r.html"), "--activity", "swim"]
    )
    assert out.exit_code != 0
    assert "--activity" in out.output and "'swim'" in out.output
    assert "walk, jog, hike, jump, pivot" in out.output
    assert "Traceback" not in out.output and "[" not in out.output
    assert not (tmp_path / "r.html").exists()
