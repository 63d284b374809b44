"""A joint's force is one thing everywhere: the force transmitted through that joint of the
stance leg, compression positive (the chain's joints push and never pull); and a simulation says
which part of the stance its curves cover."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kinchain.intake import load_intake
from kinchain.mechanics import _chain_kernel as K
from kinchain.mechanics.chain import ACTIVITIES, JOINTS, activity_spec
from kinchain.mechanics.client import simulate_client

MARIAS_OLD_INJURIES = {("ankle", "left"): 0.7, ("knee", "left"): 0.5}


@pytest.mark.parametrize("activity", ACTIVITIES)
def test_no_joint_of_the_stance_leg_is_reported_in_tension_at_touchdown_or_after(
    maria_path: Path, activity: str
) -> None:
    sim = simulate_client(load_intake(maria_path), MARIAS_OLD_INJURIES, activity=activity,
                          side="left")
    for series in (sim.joint_force_n, sim.baseline_joint_force_n):
        for name in JOINTS:
            assert series[name].min() >= 0.0, (activity, name, series[name].min())
        # the landing leg was a swing leg: it carries nothing at the instant of touchdown
        for name in ("ankle", "knee", "hip"):
            assert series[name][0] == 0.0, (activity, name)


def test_marias_walking_hip_carries_her_weight_by_mid_stance_and_never_pulls(
    maria_path: Path,
) -> None:
    sim = simulate_client(load_intake(maria_path), MARIAS_OLD_INJURIES, activity="walk",
                          side="left")
    hip = sim.joint_force_n["hip"]
    assert hip.min() >= 0.0 and hip.max() > 0.5 * sim.body_weight_n


@pytest.mark.parametrize("activity", ["walk", "jog", "jump"])
def test_a_joints_reported_peak_is_the_peak_of_its_reported_curve(
    maria_path: Path, activity: str
) -> None:
    sim = simulate_client(load_intake(maria_path), MARIAS_OLD_INJURIES, activity=activity,
                          side="left")
    for name in JOINTS:
        peak = sim.joint(name).figures["peak_force_n"]
        curve = float(sim.joint_force_n[name].max())  # sampled every 1 ms
        assert curve <= peak + 1e-6
        assert curve > 0.99 * peak


def test_energy_absorbed_counts_only_work_done_while_a_joint_is_compressed() -> None:
    # everything above the knee moves up at touchdown, so the knee opens: a two-way damper
    # would absorb energy in tension; the joint carries nothing and absorbs nothing, in the
    # compiled kernel and in the NumPy twin alike
    from kinchain.mechanics.chain import ChainScenario, run_chain, scenario_row
    from kinchain.mechanics.footwear import barefoot

    act = activity_spec("walk")
    row = scenario_row(ChainScenario(60.0, "female", act, barefoot().contact))
    row[K.V0 + 3 : K.V0 + 8] = -1.0  # m/s, upward (x is positive downward)
    window = np.array([0.04])
    fast, series, _ = run_chain(row[None, :], window, record=True)
    twin, _, _ = run_chain(row[None, :], window, backend="numpy")
    assert series is not None and series[0, :, 1 + JOINTS.index("knee")].max() == 0.0
    for out in (fast, twin):
        assert out[0, K.O_ABS + JOINTS.index("knee")] == 0.0


def test_walking_curves_say_they_stop_before_push_off(maria_path: Path) -> None:
    data = simulate_client(load_intake(maria_path), {}, activity="walk", side="left").to_json()
    series = data["series"]
    assert series["window_ms"] == pytest.approx(series["time_ms"][-1])
    assert series["window_ms"] < series["contact_time_ms"]
    assert "push-off is not modelled" in series["window_note"]
    assert "compression positive" in series["joint_force_means"]


def test_every_activity_says_in_words_what_its_window_covers() -> None:
    for activity in ACTIVITIES:
        act = activity_spec(activity)
        assert act.window_covers and act.window_ms <= act.contact_time_ms
