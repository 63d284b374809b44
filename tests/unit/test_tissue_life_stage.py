"""Pregnancy and the year after birth as a pelvic girdle pain risk factor, stated honestly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kinchain.evidence import default_registry
from kinchain.intake import Intake, load_intake, parse_intake
from kinchain.tissue import default_healing, tissue_state

AS_OF = dt.date(2026, 11, 25)


def _client(life_stage: dict[str, Any] | None, **extra: Any) -> Intake:
    client: dict[str, Any] = {"name": "Test", "birth_year": 1992, "sex": "female",
                              "height_cm": 165, "mass_kg": 60}
    if life_stage is not None:
        client["life_stage"] = life_stage
    return parse_intake({"client": client, "daily_minutes": 10, **extra}, as_of=AS_OF)


def test_pregnancy_carries_a_pelvic_girdle_risk_with_its_sources() -> None:
    risk = tissue_state(_client({"status": "pregnant", "weeks": 30}), as_of=AS_OF).life_stage
    assert risk is not None
    assert risk.status == "pregnant"
    assert risk.factor == default_healing().life_stage.pregnant.value
    assert 0 < risk.factor < 1
    assert risk.trail[0].ref == "client.life_stage"


def test_the_risk_after_birth_is_lower_than_in_pregnancy_and_ends_after_its_window() -> None:
    window = default_healing().life_stage.postpartum_window_weeks
    pregnant = tissue_state(_client({"status": "pregnant"}), as_of=AS_OF).life_stage
    recent = tissue_state(_client({"status": "postpartum", "weeks": 20}), as_of=AS_OF).life_stage
    last_week = tissue_state(_client({"status": "postpartum", "weeks": window}), as_of=AS_OF)
    past = tissue_state(_client({"status": "postpartum", "weeks": window + 1}), as_of=AS_OF)
    assert pregnant is not None and recent is not None
    assert 0 < recent.factor < pregnant.factor
    assert last_week.life_stage is not None
    assert past.life_stage is None


def test_no_pregnancy_means_no_life_stage_risk() -> None:
    assert tissue_state(_client(None), as_of=AS_OF).life_stage is None
    assert tissue_state(_client({"status": "none"}), as_of=AS_OF).life_stage is None


def test_relaxin_is_named_as_weakly_supported_and_never_used_as_a_number() -> None:
    risk = tissue_state(_client({"status": "pregnant", "weeks": 12}), as_of=AS_OF).life_stage
    assert risk is not None
    relaxin = [s for s in risk.trail if "relaxin" in s.rule]
    assert len(relaxin) == 1
    assert relaxin[0].value is None
    grades = {default_registry().grade(k) for k in relaxin[0].cite}
    assert "SR/MA" in grades  # a systematic review found little support
    assert "weakly supported" in relaxin[0].rule


def test_earlier_back_or_pelvic_trouble_is_named_as_a_risk_factor_without_changing_the_number(
    maria_path: Path,
) -> None:
    maria = tissue_state(load_intake(maria_path, as_of=AS_OF), as_of=AS_OF).life_stage
    assert maria is not None and maria.status == "postpartum"
    named = [s for s in maria.trail if s.ref is not None and s.ref.startswith("pain[")]
    assert named and named[0].value == maria.factor
    clean = tissue_state(_client({"status": "postpartum", "weeks": 20}), as_of=AS_OF).life_stage
    assert clean is not None and clean.factor == maria.factor
    assert len(clean.trail) == len(maria.trail) - 1
