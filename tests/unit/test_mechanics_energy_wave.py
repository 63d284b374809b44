"""The "energy wave": an impact passed up sharper when a lower joint no longer absorbs it counts
as added demand (the loading rate), not only more energy or more force."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinchain.intake import load_intake
from kinchain.mechanics.chain import chain_constants
from kinchain.mechanics.client import simulate_client
from kinchain.mechanics.weakest_link import (
    DEMAND_FIGURES,
    added_demand,
    demand_driver,
    demand_rises,
)


def test_a_sharper_impact_with_no_more_force_or_energy_is_added_demand() -> None:
    weight = chain_constants().demand_weight["loading_rate_bw_s"]
    assert weight > 0
    added = added_demand((2.9, 560.0, 9.0), (3.0, 580.0, 7.5))
    assert added == pytest.approx(weight * 0.2)
    assert demand_driver((2.9, 560.0, 9.0), (3.0, 580.0, 7.5)) == "loading rate"


def test_nothing_rising_is_no_added_demand_and_has_no_driver() -> None:
    assert added_demand((2.9, 560.0, 7.0), (3.0, 580.0, 7.5)) == 0.0
    assert demand_driver((2.9, 560.0, 7.0), (3.0, 580.0, 7.5)) is None


def test_energy_and_force_count_in_full_and_the_loading_rate_at_its_stated_weight() -> None:
    weights = chain_constants().demand_weight
    rises = demand_rises((11.0, 1100.0, 11.0), (10.0, 1000.0, 10.0))
    assert rises == pytest.approx(tuple(0.1 * weights[k] for k in DEMAND_FIGURES))
    assert weights["energy_absorbed_j"] == weights["peak_force_n"] == 1.0
    assert 0.0 < weights["loading_rate_bw_s"] <= 1.0


def test_marias_old_ankle_sends_a_sharper_impact_to_her_left_sacroiliac_when_she_jogs(
    maria_path: Path,
) -> None:
    maria = load_intake(maria_path)
    sim = simulate_client(maria, {("ankle", "left"): 0.70}, activity="jog", side="left")
    si = sim.joint("sacroiliac")
    client = tuple(si.figures[k] for k in DEMAND_FIGURES)
    base = tuple(si.baseline[k] for k in DEMAND_FIGURES)
    assert client[2] > 1.1 * base[2]  # the loading rate rises by more than a tenth
    assert client[0] <= base[0] and client[1] <= base[1]  # energy and peak force do not
    assert added_demand(client, base) > 0.0
    assert demand_driver(client, base) == "loading rate"


def test_the_weakest_link_trail_names_the_loading_rate_and_its_source(maria_path: Path) -> None:
    maria = load_intake(maria_path)
    sim = simulate_client(maria, {("ankle", "left"): 0.70}, activity="jog", side="left")
    assert sim.weakest_link is not None
    demand = next(s for s in sim.weakest_link.trail if s.rule.startswith("added demand"))
    assert "loading rate" in demand.fact and "loading rate" in demand.rule
    assert set(chain_constants().cite["demand"]) <= set(demand.cite)
