"""``kinchain simulate --step-rate`` (or ``--stride-length``) says that a gait change was applied
and shows each joint before -> after: the client at the usual gait and with the change."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.services.mechanics import simulate_client_file, simulate_gait_change


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, ["simulate", *args], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.output


def test_a_higher_step_rate_is_said_to_be_applied_and_each_joint_shows_before_and_after(
    maria_path: Path,
):
    out = _run("--intake", str(maria_path), "--activity", "jog", "--side", "left",
               "--step-rate", "+10%")  # fmt: skip
    assert "gait change applied: step rate +10%" in out
    usual = simulate_client_file(maria_path, activity="jog", side="left").to_json()
    changed = simulate_client_file(
        maria_path, activity="jog", side="left", step_rate_pct=10.0
    ).to_json()
    for before, after in zip(usual["joints"], changed["joints"], strict=True):
        name = f"{before['site']} {before['side']}"
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(name) and "->" in ln)
        first = re.search(r"(\d+) -> (\d+)", line)
        assert first is not None, line
        assert int(first.group(1)) == round(before["peak_force_n"])
        assert int(first.group(2)) == round(after["peak_force_n"])
    assert max(len(line) for line in out.splitlines()) <= 80


def test_a_gait_change_lowers_the_energy_the_knee_absorbs_in_the_before_after_figures(
    maria_path: Path,
):
    # Heiderscheit 2011 (LAB): +10% step rate, less energy absorbed at the knee
    data = simulate_gait_change(maria_path, activity="jog", side="left", step_rate_pct=10.0)
    change = data["gait_change"]
    assert change["step_rate_pct"] == 10.0 and change["stride_length_pct"] == 0.0
    knee_before = next(j for j in change["usual"]["joints"] if j["site"] == "knee")
    knee_after = next(j for j in data["joints"] if j["site"] == "knee")
    assert knee_after["energy_absorbed_j"] < knee_before["energy_absorbed_j"]


def test_the_json_of_a_gait_change_carries_the_usual_gait_beside_the_changed_one(
    maria_path: Path,
):
    out = _run("--intake", str(maria_path), "--activity", "jog", "--stride-length", "-5%", "--json")
    data = json.loads(out)
    assert data["stride_length_pct"] == -5.0
    assert data["gait_change"]["stride_length_pct"] == -5.0
    assert len(data["gait_change"]["usual"]["joints"]) == len(data["joints"])


def test_a_simulation_without_a_gait_change_says_nothing_about_one(maria_path: Path):
    out = _run("--intake", str(maria_path), "--activity", "jog")
    assert "gait change" not in out and "->" not in out
