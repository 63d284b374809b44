"""The Liu & Nigg reference model: faithful, cross-checked, sensitive as published."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import kinchain.mechanics as mech
from kinchain.mechanics import LiuNiggParams, simulate_liu_nigg
from kinchain.mechanics.reference_scipy import solve_ivp_reference


@pytest.mark.parametrize("shoe", ["hard", "soft"])
def test_rk4_impact_peak_agrees_with_tight_tolerance_lsoda_within_half_a_percent(shoe: str) -> None:
    ours = simulate_liu_nigg(shoe=shoe)
    ref = solve_ivp_reference(LiuNiggParams.published(shoe=shoe), method="LSODA", rtol=1e-10)
    assert ours.impact_peak_n == pytest.approx(ref.impact_peak_n, rel=0.005)
    assert ours.impact_peak_ms == pytest.approx(ref.impact_peak_ms, abs=0.1)
    assert ref.active_peak_n is not None
    assert ours.active_peak_n == pytest.approx(ref.active_peak_n, rel=0.005)


def test_radau_and_lsoda_agree_on_the_hard_shoe_impact_peak() -> None:
    p = LiuNiggParams.published(shoe="hard")
    lsoda = solve_ivp_reference(p, method="LSODA", rtol=1e-10)
    radau = solve_ivp_reference(p, method="Radau", rtol=1e-10)
    assert lsoda.impact_peak_n == pytest.approx(radau.impact_peak_n, rel=1e-6)


def test_a_bouncing_scenario_leaves_the_ground_when_lsoda_says_it_does() -> None:
    base = LiuNiggParams.published(shoe="hard")
    light = dataclasses.replace(
        base, gravity_m_s2=1.0, v1_m_s=1.0, v2_m_s=1.0, v3_m_s=1.0, v4_m_s=1.0
    )
    ours = simulate_liu_nigg(params=light)
    ref = solve_ivp_reference(light, rtol=1e-10)
    assert ours.contact_time_ms is not None and ref.contact_time_ms is not None
    assert ours.contact_time_ms == pytest.approx(ref.contact_time_ms, rel=1e-3)
    after = ours.time_ms > ours.contact_time_ms + 0.5
    assert np.all(ours.grf_n[after] == 0.0)


def test_passive_model_with_published_constants_settles_at_body_weight_without_lift_off() -> None:
    run = simulate_liu_nigg(shoe="hard", duration_s=2.0, dt_s=2e-4)
    assert run.contact_time_ms is None
    assert run.grf_n[-1] == pytest.approx(run.body_weight_n, rel=0.01)


def test_impact_peak_comes_first_and_the_active_peak_carries_more_than_body_weight() -> None:
    run = simulate_liu_nigg(shoe="hard")
    assert run.active_peak_n is not None and run.active_peak_ms is not None
    assert 0 < run.impact_peak_ms < run.active_peak_ms
    first = run.time_ms <= run.impact_peak_ms
    assert run.impact_peak_n >= run.grf_n[first].max() - 1e-6
    assert run.active_peak_bw is not None and run.active_peak_bw > 1.0


def test_two_kilograms_more_on_the_lower_body_rigid_mass_raise_the_impact_peak() -> None:
    base = LiuNiggParams.published(shoe="hard")
    heavier = dataclasses.replace(base, m1_kg=base.m1_kg + 2.0)
    assert simulate_liu_nigg(params=heavier).impact_peak_n > simulate_liu_nigg(
        params=base
    ).impact_peak_n


def test_faster_lower_body_touchdown_raises_the_impact_peak() -> None:
    peaks = [
        simulate_liu_nigg(shoe="hard", lower_velocity_m_s=v).impact_peak_n for v in (0.2, 0.6, 1.0)
    ]
    assert peaks[0] < peaks[1] < peaks[2]


def test_hard_shoe_gives_a_higher_impact_peak_than_the_soft_shoe() -> None:
    hard, soft = simulate_liu_nigg(shoe="hard"), simulate_liu_nigg(shoe="soft")
    assert hard.impact_peak_n > soft.impact_peak_n


def test_a_stiffer_midsole_gives_a_higher_impact_peak_than_a_softer_one() -> None:
    soft = simulate_liu_nigg(shoe="hard", midsole="midsole_a")
    stiff = simulate_liu_nigg(shoe="hard", midsole="midsole_d")
    assert stiff.impact_peak_n > soft.impact_peak_n


def test_midsole_in_series_lowers_the_impact_peak_of_the_bare_ground_law() -> None:
    bare = simulate_liu_nigg(shoe="hard")
    shod = simulate_liu_nigg(shoe="hard", midsole="midsole_d")
    assert shod.impact_peak_n < bare.impact_peak_n


def test_midsole_force_is_zero_unless_compressed_and_never_pulls() -> None:
    sole = mech.SHOES["midsole_c"]
    force = mech.midsole_force([-0.01, 0.0, 0.005, 0.005, 0.02], [1.0, 1.0, 0.0, -5.0, 0.0],
                               midsole=sole)  # fmt: skip
    assert force[0] == 0.0 and force[1] == 0.0
    assert force[2] > 0.0
    assert force[3] == 0.0  # fast unloading: damping would pull, clipped
    assert force[4] > force[2]


def test_every_published_midsole_is_offered_with_the_shoe_mass() -> None:
    stage = mech.shoe_stage()
    assert len(mech.SHOES) == 4
    assert stage.shoe_mass_kg > 0 and stage.reference_radius_m > 0
    assert stage.cite


def test_json_holds_the_fields_the_cli_promises() -> None:
    data = simulate_liu_nigg(shoe="soft").to_json()
    for key in ("impact_peak_n", "impact_peak_ms", "active_peak_n", "active_peak_ms",
                "body_weight_n", "contact_time_ms", "time_ms", "grf_n"):  # fmt: skip
        assert key in data
    assert len(data["time_ms"]) == len(data["grf_n"]) > 100
    assert data["impact_peak_bw"] == pytest.approx(data["impact_peak_n"] / data["body_weight_n"],
                                                   rel=1e-3)  # fmt: skip


def test_the_reference_api_is_exported() -> None:
    for name in ("simulate_liu_nigg", "simulate_batch", "ReferenceResult", "midsole_force",
                 "SHOES", "LiuNiggParams", "BatchResult"):  # fmt: skip
        assert name in mech.__all__
        assert hasattr(mech, name)
