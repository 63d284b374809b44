"""Benchmark: what refusing a bad intake costs as the number of problems grows.

Run by hand (not a timed test)::

    .venv/bin/python bench/bench_refusal.py            # 1,000 .. 10,000 bad entries
    .venv/bin/python bench/bench_refusal.py --no-limits  # the same with every count limit lifted

Each case is the example intake ``tom.yaml`` with one part replaced by N bad entries: bad
activities (three problems each), unknown keys in ``habits``, unknown screening keys. With the
limits of ``intake/limits.yaml`` a list beyond its limit is refused by one count; with
``--no-limits`` every entry is checked, and the time per problem must stay flat (linear cost).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from kinchain.errors import IntakeError
from kinchain.intake import _limits as limits_module
from kinchain.intake import parse_intake
from kinchain.intake.files import read_intake_data

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 12, 2)


def _cases(n: int) -> dict[str, Any]:
    base = read_intake_data(ROOT / "examples" / "tom.yaml")
    bad_activities = copy.deepcopy(base)
    bad_activities["activities"] = [{"kind": "jogg", "minutes_per_week": "x", "srface": 1}] * n
    habit_keys = copy.deepcopy(base)
    habit_keys["habits"] = {f"habit_{i}": i for i in range(n)}
    screening = copy.deepcopy(base)
    screening["screening"] = {f"question_{i}": True for i in range(n)}
    return {"bad activities": bad_activities, "unknown habits keys": habit_keys,
            "unknown screening keys": screening}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 10000])
    parser.add_argument("--no-limits", action="store_true", help="lift every count limit")
    args = parser.parse_args(argv)
    if args.no_limits:
        lifted = {k: (10**9 if k not in ("text_chars", "notes_chars", "problems_shown") else v)
                  for k, v in limits_module.limits().items()}
        limits_module.limits.cache_clear()
        limits_module.limits = lambda: lifted  # type: ignore[assignment]
    for n in args.sizes:
        for name, data in _cases(n).items():
            start = time.perf_counter()
            try:
                parse_intake(data, as_of=AS_OF)
                count, chars = 0, 0
            except IntakeError as e:
                count, chars = len(e.problems), len(str(e))
            took = time.perf_counter() - start
            per = took / max(count, 1) * 1e6
            print(f"{n:6,d} {name:24s} {took:7.3f} s  {count:6,d} problems "
                  f"({per:6.1f} us each), message {chars:,} characters", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
