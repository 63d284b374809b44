"""`kinchain simulate --model liu-nigg`: readable peaks, JSON, plots, and one clear refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer.main
from click.testing import CliRunner, Result

from kinchain.cli import _register_commands, app
from kinchain.mechanics import simulate_liu_nigg


def run(*args: str) -> Result:
    _register_commands()
    return CliRunner().invoke(typer.main.get_group(app), ["simulate", *args])


def test_reference_run_prints_both_peaks_in_newtons_body_weights_and_ms() -> None:
    result = run("--model", "liu-nigg", "--shoe", "hard")
    assert result.exit_code == 0, result.output
    expected = simulate_liu_nigg(shoe="hard")
    assert f"{expected.impact_peak_n:8.1f} N" in result.output
    assert f"{expected.impact_peak_bw:5.2f} BW" in result.output
    assert "active peak" in result.output and "contact time" in result.output


def test_reference_json_holds_peaks_body_weight_and_the_force_series() -> None:
    result = run("--model", "liu-nigg", "--shoe", "soft", "--lower-velocity", "1.0",
                 "--upper-velocity", "0.5", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    expected = simulate_liu_nigg(shoe="soft", lower_velocity_m_s=1.0, upper_velocity_m_s=0.5)
    assert data["impact_peak_n"] == pytest.approx(expected.impact_peak_n, abs=1e-3)
    assert data["lower_velocity_m_s"] == 1.0 and data["upper_velocity_m_s"] == 0.5
    for key in ("impact_peak_ms", "active_peak_n", "active_peak_ms", "body_weight_n",
                "contact_time_ms"):  # fmt: skip
        assert key in data
    assert len(data["time_ms"]) == len(data["grf_n"])


def test_one_touchdown_velocity_sets_every_mass() -> None:
    data = json.loads(run("--model", "liu-nigg", "--touchdown-velocity", "0.9", "--json").output)
    assert data["lower_velocity_m_s"] == data["upper_velocity_m_s"] == 0.9


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_option_draws_the_force_curve(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"grf{suffix}"
    result = run("--model", "liu-nigg", "--shoe", "hard", "--plot", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 1000


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--model", "liu-nigg", "--intake", "x.yaml"], "--model and --intake"),
        (["--model", "liu-nigg", "--touchdown-velocity", "1", "--lower-velocity", "1"],
         "--touchdown-velocity"),
        (["--model", "liu-nigg", "--activity", "jog"], "--activity: only with --intake"),
        (["--model", "ln2000"], "--model: expected liu-nigg"),
        (["--model", "liu-nigg", "--shoe", "squishy"], "--shoe: expected hard or soft"),
        (["--model", "liu-nigg", "--plot", "grf.pdf"], "--plot: expected"),
        (["--model", "liu-nigg", "--touchdown-velocity", "nan"], "received nan"),
        ([], "received neither"),
    ],
)
def test_mixed_or_bad_options_give_one_clear_message_and_exit_2(
    args: list[str], words: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert words in result.output


def test_client_form_passes_the_options_through_and_prints_joints_as_json(maria_path: Path) -> None:
    result = run("--intake", str(maria_path), "--activity", "jog", "--side", "left",
                 "--step-rate", "+10%", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["joints"] and {"site", "side", "peak_force_n", "baseline"} <= set(data["joints"][0])
    assert "weakest_link" in data


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--touchdown-velocity", "1.0", "--activity", "jog"], "only with --model"),
        (["--activity", "swim"], "--activity: expected one of"),
        ([], "--activity: expected one of"),
        (["--activity", "jog", "--step-rate", "lots"], "--step-rate: expected a change"),
    ],
)
def test_client_form_refuses_model_options_and_bad_values_with_exit_2(
    maria_path: Path, args: list[str], words: str
) -> None:
    result = run("--intake", str(maria_path), *args)
    assert result.exit_code == 2
    assert words in result.output
