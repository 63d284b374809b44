"""Benchmark: a whole chain what-if for one client, compiled batch vs a SciPy loop.

Run by hand (not a timed test; CI runs ``--smoke``)::

    .venv/bin/python bench/bench_whatif.py             # Maria, 5 activities x 2 sides x 20 variants
    .venv/bin/python bench/bench_whatif.py --smoke     # 1 activity, 2 variants, no SciPy timing

Measured in one run, on the same scenario rows:

* ``what_if`` after a warm-up call (compilation or cache load): the target is < 100 ms for
  5 activities x 2 sides x 20 variants plus the no-injury baselines (identical rows are
  integrated once);
* the peer a user would pick: a Python loop of ``scipy.integrate.solve_ivp(method="LSODA")``
  over the same unique rows and windows, with the same right-hand side (the NumPy twin), at
  rtol 1e-6 / atol 1e-9;
* the arithmetic the model needs (flops per RK4 step x steps) against the machine's
  double-precision rate, measured in the same run with a 1500^2 matrix multiply.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.integrate import solve_ivp

from kinchain.intake import load_intake
from kinchain.mechanics import _chain_kernel as K
from kinchain.mechanics.chain import chain_constants, schedule
from kinchain.mechanics.whatif import Variant, default_variants, what_if

ROOT = Path(__file__).resolve().parents[1]
#: one right-hand side: 7 linear elements x 8 flops, contact ~20 flops + 2 log + 3 exp,
#: accelerations ~24, bookkeeping 17 states; one RK4 step = 4 of them + 17 x 10 combinations.
RHS_FLOPS = 7 * 8 + 20 + 5 * 15 + 24 + 17
STEP_FLOPS = 4 * RHS_FLOPS + 17 * 10


def _rows_of(intake_path: Path, deficits: dict, variants, activities):  # type: ignore[no-untyped-def]
    """The unique rows and windows what_if integrates (rebuilt here for the SciPy loop)."""
    from kinchain.mechanics.chain import ChainScenario, activity_spec, scenario_row
    from kinchain.mechanics.client import element_deficits, pick_shoe

    intake = load_intake(intake_path)
    rows, win = [], []
    for a in activities:
        spec = activity_spec(a)
        for d in (element_deficits(deficits, "left"), element_deficits(deficits, "right"),
                  (0.0, 0.0, 0.0, 0.0)):
            for v in variants:
                c = pick_shoe(intake, v.shoe)
                rows.append(scenario_row(ChainScenario(intake.client.mass_kg, intake.client.sex,
                                                       spec, c.contact, d, v.step_rate_pct,
                                                       v.stride_length_pct)))
                win.append(spec.window_ms / 1e3)
    table, idx = np.unique(np.stack(rows), axis=0, return_index=True)
    return table, np.asarray(win)[idx]


def _scipy_loop(rows: np.ndarray, windows: np.ndarray) -> float:
    t0 = time.perf_counter()
    for p, w in zip(rows, windows, strict=True):
        def rhs(t: float, y: np.ndarray, p: np.ndarray = p) -> np.ndarray:
            return K._np_rhs(p[None, :], t, y[None, :])[0][0]

        y0 = np.zeros(K.N_STATE)
        y0[K.N_MASSES : 2 * K.N_MASSES] = p[K.V0 : K.V0 + K.N_MASSES]
        solve_ivp(rhs, (0.0, w), y0, method="LSODA", rtol=1e-6, atol=1e-9, max_step=1e-3)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--intake", type=Path, default=ROOT / "examples" / "maria.yaml")
    ap.add_argument("--smoke", action="store_true", help="tiny run for CI, no SciPy timing")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(line_buffering=True)
    intake = load_intake(args.intake)
    deficits = {("ankle", "left"): 0.45, ("lumbar_spine", None): 0.1}
    variants = default_variants(intake)
    activities = None
    if args.smoke:
        variants, activities = (Variant(), Variant(step_rate_pct=10.0)), ("jog",)
    what_if(intake, deficits, variants=variants, activities=activities)  # warm-up
    times = []
    for _ in range(1 if args.smoke else args.repeat):
        t0 = time.perf_counter()
        result = what_if(intake, deficits, variants=variants, activities=activities)
        times.append(time.perf_counter() - t0)
    best, median = min(times), float(np.median(times))
    shape = result.figures.shape
    print(f"what-if {shape[0]} activities x {shape[1]} sides x {shape[2]} variants "
          f"(+ baselines): {result.unique_scenarios} unique scenarios")
    print(f"  kinchain what_if (numba, after warm-up): best {best * 1e3:.1f} ms, "
          f"median {median * 1e3:.1f} ms  (target < 100 ms)")
    acts = activities or result.activities
    rows, windows = _rows_of(args.intake, deficits, variants, acts)
    c = chain_constants()
    n_coarse, _ = schedule(rows, windows)
    steps = int(n_coarse.sum()) + len(rows) * round(c.fine_s / c.dt_fine_s)
    work = steps * STEP_FLOPS
    a = np.random.default_rng(0).random((1500, 1500))
    t0 = time.perf_counter()
    a @ a
    peak = 2 * 1500**3 / (time.perf_counter() - t0)
    print(f"  arithmetic: {steps:,} RK4 steps x ~{STEP_FLOPS} flops = {work / 1e9:.2f} GFLOP; "
          f"kinchain runs at {work / best / 1e9:.1f} GFLOP/s; this machine's BLAS matmul "
          f"{peak / 1e9:.0f} GFLOP/s -> bound ~{work / peak * 1e3:.1f} ms "
          f"(kinchain {best / (work / peak):.0f}x above it)")
    if args.smoke:
        return
    scipy_s = _scipy_loop(rows, windows)
    print(f"  scipy solve_ivp LSODA loop over the same {len(rows)} rows: {scipy_s:.2f} s "
          f"-> kinchain is {scipy_s / best:.0f}x faster")


if __name__ == "__main__":
    main()
