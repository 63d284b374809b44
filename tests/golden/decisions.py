"""What kinchain decides for a set of clients, kept as a golden file while the code is redesigned.

    python tests/golden/decisions.py --write    # only when a decision is meant to change

A decision is everything in the assessment's and program's JSON that is not prose: ids, codes,
dates, numbers, booleans and the shape around them (a string with a space in it is prose and is
left out, so wording may change without touching the golden file). The clients are the three
examples, the vignettes, Maria after her three check-ins, and 60 generated valid intakes.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from intake_cases import AS_OF, _valid_intake  # noqa: E402
from kinchain.errors import KinchainError  # noqa: E402
from kinchain.services import assess_file, checkin_file  # noqa: E402

GOLDEN = Path(__file__).with_name("decisions.json")
GENERATED = 60


def _decisions(node: Any) -> Any:
    if isinstance(node, dict):
        kept = {k: _decisions(v) for k, v in sorted(node.items())}
        return {k: v for k, v in kept.items() if v is not _PROSE}
    if isinstance(node, list):
        return [v for v in (_decisions(x) for x in node) if v is not _PROSE]
    if isinstance(node, float):
        return round(node, 6)
    if isinstance(node, str) and any(c.isspace() for c in node):
        return _PROSE
    return node


_PROSE = object()


def _assessed(path: Path) -> Any:
    try:
        return _decisions(assess_file(path, as_of=AS_OF))
    except KinchainError as e:  # a refusal is a decision too
        return {"refused": type(e).__name__}


def clients() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("maria", "tom", "ruth"):
        out[name] = _assessed(ROOT / "examples" / f"{name}.yaml")
    for path in sorted((ROOT / "tests" / "fixtures" / "vignettes").glob("*.yaml")):
        out[f"vignette/{path.stem}"] = _assessed(path)
    checkins = sorted((ROOT / "examples").glob("checkin-maria-*.yaml"))
    view = checkin_file(ROOT / "examples" / "maria.yaml", checkins, today=AS_OF)
    out["maria/checkins"] = _decisions(view.to_json())
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(GENERATED):
            path = Path(tmp) / f"case{seed}.json"
            path.write_text(json.dumps(_valid_intake(random.Random(seed))), encoding="utf-8")
            out[f"generated/{seed}"] = _assessed(path)
    return out


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/golden/decisions.py --write")
    GOLDEN.write_text(json.dumps(clients(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
