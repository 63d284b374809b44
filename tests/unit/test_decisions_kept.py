"""The redesign of the pipeline changes no decision kinchain makes for a client."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))

from decisions import GOLDEN, clients


def test_the_same_clients_get_the_same_referrals_contributors_routines_and_numbers() -> None:
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(clients(), sort_keys=True))
    assert got.keys() == want.keys()
    changed = [name for name in want if got[name] != want[name]]
    assert not changed, f"decisions changed for {changed[:5]} (of {len(changed)})"
