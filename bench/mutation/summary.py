"""One module's mutation score from a cosmic-ray session, and every surviving mutant.

    python bench/mutation/summary.py kinchain/program/safety.py /tmp/safety.sqlite

Skipped mutants (filtered operators) are not counted; a mutant whose tests hit cosmic-ray's
timeout is reported by cosmic-ray as killed.
"""

from __future__ import annotations

import sys
from collections import Counter

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome


def main(module: str, db_path: str) -> int:
    counts: Counter[str] = Counter()
    survivors: list[str] = []
    with use_db(db_path, WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                continue
            if result.test_outcome == TestOutcome.SURVIVED:
                counts["survived"] += 1
                spec = item.mutations[0]
                line = spec.start_pos[0]
                diff = (result.diff or "").splitlines()
                changed = [d for d in diff if d.startswith(("+", "-")) and d[1:2] not in "+-"]
                survivors.append(f"  line {line} {spec.operator_name}: {' | '.join(changed)}")
            elif result.test_outcome == TestOutcome.KILLED:
                counts["killed"] += 1
            else:
                counts["incompetent"] += 1
    total = sum(counts.values())
    killed = counts["killed"]
    score = 100.0 * killed / total if total else 0.0
    print(
        f"{module}: {killed}/{total} killed ({score:.1f}%), survived {counts['survived']}, "
        f"incompetent {counts['incompetent']}"
    )
    for s in survivors:
        print(s)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
