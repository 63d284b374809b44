"""The tissue package's public API is explicit and its results turn into plain JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import kinchain.tissue as tissue
from kinchain.intake import load_intake


def test_the_tissue_package_exports_exactly_its_public_api() -> None:
    assert sorted(tissue.__all__) == [
        "Confidence", "HealingModel", "InjuryState", "JointState", "LifeStageRisk", "SiteRef",
        "TissueState", "default_healing", "load_healing", "tissue_state",
    ]
    for name in tissue.__all__:
        assert hasattr(tissue, name)


def test_a_tissue_state_turns_into_plain_json_with_every_trail(maria_path: Path) -> None:
    as_of = dt.date(2026, 11, 25)
    state = tissue.tissue_state(load_intake(maria_path, as_of=as_of), as_of=as_of)
    data = json.loads(json.dumps(state.to_json()))
    assert data["as_of"] == "2026-11-25"
    assert [j["site"] for j in data["joints"]] == [j.site for j in state.joints]
    assert all(j["trail"] for j in data["joints"])
    assert data["life_stage"]["status"] == "postpartum"
    assert data["injuries"][0]["trail"][0]["ref"] == "injuries[0]"
