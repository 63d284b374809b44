"""Maria's old left ankle, through the whole assessment: the sharper impact it passes up is a
leak to her left sacroiliac, said plainly and still labelled a hypothesis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kinchain.services import assess_file

AS_OF = dt.date(2026, 11, 25)


def _ankle_to_left_si(maria_path: Path) -> dict[str, Any]:
    result = assess_file(maria_path, as_of=AS_OF)
    return next(c for c in result["contributors"]
                if c["source"].get("site") == "ankle"
                and (c["pain"]["site"], c["pain"]["side"]) == ("sacroiliac", "left"))


def test_marias_old_ankle_leaks_a_sharper_impact_to_her_left_sacroiliac(maria_path: Path) -> None:
    found = _ankle_to_left_si(maria_path)
    leak = next(s for s in found["trail"] if s["rule"].startswith("added demand at the"))
    assert leak["value"] > 0
    assert "loading rate" in leak["fact"] and "loading rate" in leak["note"]
    assert "loading rate" in found["summary"]
    assert "no extra load" not in found["summary"]


def test_the_leak_to_marias_sacroiliac_stays_a_hypothesis(maria_path: Path) -> None:
    found = _ankle_to_left_si(maria_path)
    assert found["hypothesis"] is True
    assert "hypothesis" in found["summary"]
