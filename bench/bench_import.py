"""Benchmark: how much later ``kinchain validate examples/maria.yaml`` finishes than a bare
Python interpreter, both measured in the same run (target: within 0.5 s).

Run by hand (not a timed test: the machine's load decides the numbers)::

    .venv/bin/python bench/bench_import.py            # 7 runs of each, the median
    .venv/bin/python bench/bench_import.py --runs 15

Each run starts a fresh interpreter: ``python -c pass`` for the bare start, and the CLI's entry
point (``kinchain.cli:main``) with ``validate examples/maria.yaml`` for kinchain. Printed: the
median wall time of each, their ratio and their difference, the import time of
``kinchain.services`` alone, and which heavy libraries (matplotlib, weasyprint, numba, jinja2,
scipy) the validate path loaded (it should load none).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "maria.yaml"
TARGET_S = 0.5
HEAVY = ("matplotlib", "weasyprint", "numba", "jinja2", "scipy")
_VALIDATE = (
    "import sys; sys.argv = ['kinchain', 'validate', {path!r}]\n"
    "from kinchain.cli import main\n"
    "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
    "{trailer}sys.exit(code)\n"
)
_REPORT_HEAVY = f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"


def _wall(argv: list[str], runs: int) -> float:
    """The median wall time of ``runs`` fresh runs of ``argv``; a failing run stops the bench."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _loaded_heavy() -> list[str]:
    """The heavy libraries in ``sys.modules`` after one validate run."""
    probe = _VALIDATE.format(path=str(EXAMPLE), trailer=_REPORT_HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return [m for m in last.split(",") if m]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (median)")
    args = parser.parse_args()
    bare = _wall([sys.executable, "-c", "pass"], args.runs)
    validate = _wall(
        [sys.executable, "-c", _VALIDATE.format(path=str(EXAMPLE), trailer="")], args.runs
    )
    services = _wall([sys.executable, "-c", "import kinchain.services"], args.runs)
    diff = validate - bare
    print(f"bare interpreter            {bare:6.3f} s")
    print(f"kinchain validate maria     {validate:6.3f} s")
    print(f"import kinchain.services    {services:6.3f} s")
    print(
        f"ratio {validate / bare:.1f}x, difference {diff:.3f} s "
        f"({'within' if diff <= TARGET_S else 'over'} the {TARGET_S} s target)"
    )
    print(f"heavy libraries the validate path loaded: {', '.join(_loaded_heavy()) or 'none'}")


if __name__ == "__main__":
    main()
