"""The kinetic chain reproduces the direction of the published findings (issue #4, §2)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from kinchain.errors import SimulationError
from kinchain.intake import load_intake
from kinchain.intake.model import Client, Footwear, Intake
from kinchain.mechanics import _chain_kernel as K
from kinchain.mechanics.chain import (
    JOINTS,
    ChainScenario,
    activity_spec,
    run_chain,
    scenario_row,
)
from kinchain.mechanics.client import simulate_client
from kinchain.mechanics.footwear import footwear_contact
from kinchain.mechanics.weakest_link import DEMAND_FIGURES, added_demand
from kinchain.mechanics.whatif import Variant, what_if

WHO = Intake(client=Client(name="A", birth_year=1990, sex="female", height_cm=165, mass_kg=62),
             daily_minutes=10)


def _e(sim, site: str, *, base: bool = False) -> float:  # type: ignore[no-untyped-def]
    j = sim.joint(site)
    return (j.baseline if base else j.figures)["energy_absorbed_j"]


def test_harder_shoe_gives_a_higher_impact_peak_than_a_cushioned_one() -> None:
    soft = simulate_client(WHO, {}, activity="jog", side="left",
                           shoe=Footwear(name="s", kind="athletic", cushioning="high"))
    hard = simulate_client(WHO, {}, activity="jog", side="left",
                           shoe=Footwear(name="h", kind="athletic", cushioning="none"))
    bare = simulate_client(WHO, {}, activity="jog", side="left", shoe="barefoot")
    first = slice(0, 41)  # the impact phase, 0-40 ms
    assert soft.grf_n[first].max() < hard.grf_n[first].max() < bare.grf_n[first].max()


def test_faster_touchdown_gives_a_higher_peak() -> None:
    act = activity_spec("jog")
    contact = footwear_contact(Footwear(name="t", kind="athletic")).contact
    scns = [ChainScenario(70.0, "male", act, contact, touchdown_velocity_m_s=(v, v))
            for v in (0.6, 1.0)]
    rows = np.stack([scenario_row(s) for s in scns])
    out, _, _ = run_chain(rows, np.full(2, 0.25))
    assert out[1, 0] > out[0, 0]  # whole-stance GRF peak
    assert out[1, 2] > out[0, 2]  # impact-window peak


def test_higher_heel_raises_knee_load_by_about_kerrigans_quarter() -> None:
    flat = simulate_client(WHO, {}, activity="walk", side="left",
                           shoe=Footwear(name="f", kind="flat", cushioning="low"))
    heel = simulate_client(WHO, {}, activity="walk", side="left",
                           shoe=Footwear(name="h", kind="heel", heel_height_mm=63.5,
                                         cushioning="low"))
    ratio = heel.joint("knee").figures["peak_force_n"] / flat.joint("knee").figures["peak_force_n"]
    assert 1.15 < ratio < 1.35  # Kerrigan 1998: ~+23% at 6.35 cm


def test_ten_percent_higher_step_rate_lowers_knee_and_hip_energy_absorption() -> None:
    base = simulate_client(WHO, {}, activity="jog", side="left")
    quick = simulate_client(WHO, {}, activity="jog", side="left", step_rate_pct=10.0)
    slow = simulate_client(WHO, {}, activity="jog", side="left", step_rate_pct=-10.0)
    for site in ("knee", "hip"):
        assert _e(quick, site) < _e(base, site)
    for site in ("ankle", "knee", "hip"):
        assert _e(slow, site) > _e(base, site)


def test_longer_strides_absorb_more_impact_energy() -> None:
    base = simulate_client(WHO, {}, activity="jog", side="left")
    long = simulate_client(WHO, {}, activity="jog", side="left", stride_length_pct=10.0)
    assert _e(long, "knee") > _e(base, "knee")


def test_a_lax_knee_absorbs_less_and_the_hip_absorbs_more() -> None:
    sim = simulate_client(WHO, {("knee", "left"): 0.5}, activity="pivot", side="left")
    knee = _e(sim, "knee") / _e(sim, "knee", base=True) - 1
    hip = _e(sim, "hip") / _e(sim, "hip", base=True) - 1
    assert -0.40 < knee < -0.15  # Houck: knee extensor moment -22 to -27%
    assert 0.10 < hip < 0.50  # Houck: hip extensor moment +34 to +39%


def test_an_unstable_ankle_sends_more_demand_to_knee_and_hip_on_landing() -> None:
    sim = simulate_client(WHO, {("ankle", "right"): 0.5}, activity="jump", side="right")
    assert _e(sim, "ankle") < _e(sim, "ankle", base=True)
    for site in ("knee", "hip"):
        j = sim.joint(site)
        assert added_demand(tuple(j.figures[k] for k in DEMAND_FIGURES),
                            tuple(j.baseline[k] for k in DEMAND_FIGURES)) > 0.05
    assert _e(sim, "hip") > _e(sim, "hip", base=True)  # the hip-dominant strategy of CAI
    assert sim.weakest_link is not None and sim.weakest_link.site in ("knee", "hip", "sacroiliac")


def test_an_unstable_ankle_lands_with_less_knee_flexion() -> None:
    act = activity_spec("jump")
    contact = footwear_contact(Footwear(name="t", kind="athletic")).contact
    rows = np.stack([scenario_row(ChainScenario(62.0, "female", act, contact, d))
                     for d in ((0.0, 0.0, 0.0, 0.0), (0.5, 0.0, 0.0, 0.0))])
    out, _, _ = run_chain(rows, np.full(2, act.window_ms / 1e3))
    knee = K.O_COMP + 1
    assert out[1, knee] < out[0, knee]


def test_no_injuries_mean_no_weakest_link_and_zero_leak() -> None:
    sim = simulate_client(WHO, {}, activity="walk", side="right")
    assert sim.weakest_link is None
    for j in sim.joints:
        assert all(v == 0.0 for v in j.leak.values())


def test_json_holds_the_issue_keys(maria_path: Path) -> None:
    intake = load_intake(maria_path)
    data = simulate_client(intake, {("ankle", "left"): 0.4}, activity="jog", side="left").to_json()
    keys = {"site", "side", "peak_force_n", "peak_force_bw", "loading_rate_bw_s",
            "energy_absorbed_j", "energy_passed_j"}
    assert [j["site"] for j in data["joints"]] == ["ankle", "knee", "hip", "sacroiliac"]
    for j in data["joints"]:
        assert keys <= set(j) and set(j["baseline"]) == keys - {"site", "side"}
    link = data["weakest_link"]
    assert set(link) == {"site", "side", "margin", "trail"} and link["trail"]


@pytest.mark.parametrize(
    ("mass", "rate", "deficit"),
    [(-60.0, 0.0, 0.0), (0.0, 0.0, 0.0), (62.0, math.nan, 0.0), (62.0, 0.0, math.nan),
     (62.0, 0.0, 1.5)],
)
def test_bad_parameters_raise_a_simulation_error_not_nan(mass: float, rate: float,
                                                         deficit: float) -> None:
    who = Intake.model_construct(client=Client.model_construct(
        name="A", birth_year=1990, sex="female", height_cm=165, mass_kg=mass), daily_minutes=10,
        footwear=(), injuries=())
    with pytest.raises(SimulationError):
        simulate_client(who, {("knee", "left"): deficit}, activity="jog", side="left",
                        step_rate_pct=rate)


def test_unknown_shoe_and_activity_are_refused_with_the_choices(maria_path: Path) -> None:
    intake = load_intake(maria_path)
    with pytest.raises(SimulationError, match="work flats"):
        simulate_client(intake, {}, activity="jog", side="left", shoe="slippers")
    with pytest.raises(SimulationError, match="jog"):
        simulate_client(intake, {}, activity="skate", side="left")


def test_whatif_covers_every_activity_side_and_variant_and_agrees_with_single_runs() -> None:
    deficits = {("ankle", "left"): 0.5}
    result = what_if(WHO, deficits)
    assert result.figures.shape == (5, 2, 20, 4, 5)
    a = result.activities.index("jog")
    v = next(i for i, var in enumerate(result.variants)
             if var.shoe == "barefoot" and var.step_rate_pct == 10.0)
    single = simulate_client(WHO, deficits, activity="jog", side="left", shoe="barefoot",
                             step_rate_pct=10.0)
    knee = single.joint("knee")
    assert result.figures[a, 0, v, 1, 3] == pytest.approx(knee.figures["energy_absorbed_j"])
    assert result.baseline[a, v, 1, 0] == pytest.approx(knee.baseline["peak_force_n"])
    assert single.weakest_link is not None
    assert JOINTS[result.weakest[a, 0, v]] == single.weakest_link.site
    assert result.margin[a, 0, v] == pytest.approx(single.weakest_link.margin)
    assert (result.weakest[:, 1] == -1).all()  # the right side has no injury


def test_whatif_weighs_a_sharper_impact_exactly_as_a_single_run_does_in_every_activity() -> None:
    deficits = {("ankle", "left"): 0.7}
    variant = Variant(Footwear(name="trainer", kind="athletic"))
    result = what_if(WHO, deficits, variants=[variant])
    for a, activity in enumerate(result.activities):
        single = simulate_client(WHO, deficits, activity=activity, side="left",
                                 shoe=variant.shoe)
        assert single.weakest_link is not None
        assert JOINTS[result.weakest[a, 0, 0]] == single.weakest_link.site
        assert result.margin[a, 0, 0] == pytest.approx(single.weakest_link.margin)
