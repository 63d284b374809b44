"""Benchmark: the time of each report document, warm, in one run and one process.

Run by hand (not a timed test; tests/unit/test_bench_smoke.py runs ``--repeat 1``)::

    .venv/bin/python bench/bench_documents.py                    # Maria, best of 5
    .venv/bin/python bench/bench_documents.py --client tom --repeat 3

One evaluation is built, then every document is rendered once to warm the process (imports,
templates, fonts, the cached demonstrations); each is then timed ``--repeat`` times and the
best wall time and its CPU time are printed, with the ratio to the full PDF. The old path,
the three mechanics plots drawn by matplotlib (still callable in kinchain.report.plots), is
timed too, so the HTML report's gain can be read off. Targets on 2 cores: HTML < 0.15 s,
handout PDF < 1 s, full PDF < 3 s. A busy machine inflates wall times; the CPU times show it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kinchain.report.view import ReportView
from kinchain.report.view.model import EnergyFigure, GrfFigure, JointsFigure
from kinchain.services.report import render_document, report_inputs

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "kinchain" / "report" / "demo"
TARGETS = {"html": 0.15, "handout": 1.0, "pdf": 3.0}


def _matplotlib_plots(view: ReportView) -> int:
    """The three plots drawn the old way (matplotlib), as the HTML report drew them before."""
    from kinchain.report.plots import energy_bars_svg, grf_curve_svg, joint_forces_svg

    size = 0
    for fig in view.mechanics.figures if view.mechanics else ():
        if isinstance(fig, GrfFigure):
            size += len(grf_curve_svg(fig.time_ms, fig.client_n, fig.baseline_n,
                                      body_weight_n=fig.body_weight_n))
        elif isinstance(fig, EnergyFigure):
            size += len(energy_bars_svg([b.label for b in fig.bars],
                                        [b.client_j for b in fig.bars],
                                        [b.baseline_j for b in fig.bars]))
        elif isinstance(fig, JointsFigure):
            joints = {j.label: (j.client_n, j.baseline_n) for j in fig.joints}
            size += len(joint_forces_svg(fig.time_ms, joints, body_weight_n=fig.body_weight_n))
    return size


def _best(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall time of ``repeat`` runs and the CPU time of that run, in seconds."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client", default="maria", help="maria, ruth or tom (bundled demos)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    view = report_inputs(DEMO / f"{args.client}.yaml", as_of=dt.date(2026, 12, 1)).view
    jobs: dict[str, Callable[[], object]] = {
        kind: (lambda kind=kind: render_document(view, kind))  # type: ignore[misc]
        for kind in ("html", "handout", "summary", "pdf")
    }
    jobs["old matplotlib plots (3)"] = lambda: _matplotlib_plots(view)
    for work in jobs.values():
        work()  # warm
    times = {name: _best(work, args.repeat) for name, work in jobs.items()}
    full = times["pdf"][0]
    print(f"documents of {view.client.name}, warm, best of {args.repeat}, one process "
          f"(pid {os.getpid()}, load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    for name, (wall, cpu) in times.items():
        target = f"  target < {TARGETS[name]:g} s" if name in TARGETS else ""
        print(f"  {name:<26} {wall:7.3f} s wall {cpu:7.3f} s cpu  {wall / full:6.3f} x full PDF"
              f"{target}")
    old = times["html"][0] + times["old matplotlib plots (3)"][0]
    print(f"  html with the old matplotlib plots ~ {old:.3f} s: now {old / times['html'][0]:.0f}x "
          "faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
