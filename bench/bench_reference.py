"""Benchmark: the Liu & Nigg reference model over many scenarios, batch kernel vs a SciPy loop.

Run by hand (not a timed test; CI runs a 20-scenario smoke version)::

    .venv/bin/python bench/bench_reference.py            # 1,000 scenarios
    .venv/bin/python bench/bench_reference.py --n 200

Measured in one run on the same scenarios (touchdown velocities 0.2-1.5 m/s for the lower and
upper body separately, each of the four masses scaled by 0.8-1.2, hard and soft shoe fits):

* the peer a user would pick: a Python loop of ``scipy.integrate.solve_ivp(method="LSODA")``
  at rtol 1e-6 / atol 1e-9 (and, for reference, at SciPy's default tolerances), force curve
  sampled on the same time grid and the peaks found on it;
* kinchain's batch API with the numba kernel, after a warm-up call (compilation or cache load);
* a tight-tolerance LSODA run per scenario (rtol 1e-10) as the accuracy reference.

It prints the speed ratio (target >= 20x), the largest relative impact-peak error of both
against the tight reference (target <= 0.5%), and the arithmetic bound: flops per RK4 step x
steps x scenarios against this machine's measured double-precision matrix-multiply rate.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence

import numpy as np

from kinchain.mechanics import LiuNiggParams, simulate_batch
from kinchain.mechanics.reference_scipy import solve_ivp_reference

#: flops of one right-hand-side evaluation (4-mass path): spring/damper forces 18, ground law
#: 8 plus one log and two exp, accelerations 13 (counted in mechanics/_kernels.py::_rhs).
RHS_FLOPS = 39
RHS_TRANSCENDENTALS = 3
#: RK4 bookkeeping per step for 10 states: 3 stage arguments x 2 flops + the final combination
#: (3 adds, 2 multiplies, one scale, one add) x 10.
RK4_EXTRA_FLOPS = 10 * 3 * 2 + 10 * 7
#: a log or exp costs roughly this many flops (polynomial + range reduction).
FLOPS_PER_TRANSCENDENTAL = 15


def make_scenarios(n: int, /, *, seed: int = 2026) -> list[LiuNiggParams]:
    """``n`` varied reference-model scenarios (reproducible for a seed)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        base = LiuNiggParams.published(
            shoe=("hard", "soft")[i % 2],
            lower_velocity_m_s=float(rng.uniform(0.2, 1.5)),
            upper_velocity_m_s=float(rng.uniform(0.2, 1.5)),
        )
        scale = rng.uniform(0.8, 1.2, size=4)
        out.append(
            LiuNiggParams(
                **{
                    **base.__dict__,
                    "m1_kg": base.m1_kg * scale[0],
                    "m2_kg": base.m2_kg * scale[1],
                    "m3_kg": base.m3_kg * scale[2],
                    "m4_kg": base.m4_kg * scale[3],
                }
            )
        )
    return out


def flops_per_step() -> int:
    """Floating-point operations (log/exp counted as flops) in one RK4 step of one scenario."""
    transcendental = RHS_TRANSCENDENTALS * FLOPS_PER_TRANSCENDENTAL
    return 4 * (RHS_FLOPS + transcendental) + RK4_EXTRA_FLOPS


def machine_flop_rate() -> float:
    """Double-precision flop/s of a large matrix multiply (all cores, BLAS): a ceiling."""
    a = np.random.default_rng(0).standard_normal((1500, 1500))
    a @ a  # warm-up
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        a @ a
        best = min(best, time.perf_counter() - t0)
    return 2.0 * 1500**3 / best


def _best_of(repeats: int, func: object) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of scenarios (1000)")
    parser.add_argument("--dt", type=float, default=5e-4, help="batch RK4 step in s (5e-4)")
    parser.add_argument("--duration", type=float, default=0.3, help="simulated time in s (0.3)")
    args = parser.parse_args(argv)

    scenarios = make_scenarios(args.n)
    rows = np.array([p.to_row() for p in scenarios])
    print(f"reference model (Liu & Nigg 2000), {args.n} scenarios, {args.duration} s each, "
          f"{os.cpu_count()} cores")  # fmt: skip

    simulate_batch(rows[:2], dt_s=args.dt, duration_s=args.duration)  # warm-up: compile/load
    batch = simulate_batch(rows, dt_s=args.dt, duration_s=args.duration)
    t_batch = _best_of(3, lambda: simulate_batch(rows, dt_s=args.dt, duration_s=args.duration))
    t_numpy = _best_of(
        1, lambda: simulate_batch(rows, dt_s=args.dt, duration_s=args.duration, backend="numpy")
    )

    t0 = time.perf_counter()
    peer = [
        solve_ivp_reference(p, method="LSODA", rtol=1e-6, atol=1e-9,
                            duration_s=args.duration, sample_s=args.dt)
        for p in scenarios
    ]  # fmt: skip
    t_peer = time.perf_counter() - t0
    t0 = time.perf_counter()
    peer_default = [
        solve_ivp_reference(p, method="LSODA", rtol=1e-3, atol=1e-6,
                            duration_s=args.duration, sample_s=args.dt)
        for p in scenarios
    ]  # fmt: skip
    t_peer_default = time.perf_counter() - t0

    tight = np.array(
        [solve_ivp_reference(p, rtol=1e-10, atol=1e-12, duration_s=args.duration).impact_peak_n
         for p in scenarios]
    )  # fmt: skip
    err_batch = np.max(np.abs(batch.impact_peak_n / tight - 1.0))
    err_peer = np.max(np.abs(np.array([r.impact_peak_n for r in peer]) / tight - 1.0))
    err_default = np.max(np.abs(np.array([r.impact_peak_n for r in peer_default]) / tight - 1.0))

    print(f"LSODA loop (rtol 1e-6):           {t_peer:8.3f} s")
    print(f"LSODA loop (SciPy default tol):   {t_peer_default:8.3f} s")
    print(f"batch, NumPy reference backend:   {t_numpy:8.3f} s")
    print(f"batch, numba kernel (dt {args.dt:g} s): {t_batch:8.4f} s")
    print(f"ratio LSODA loop / numba batch: {t_peer / t_batch:.1f}x (target >= 20x); "
          f"vs default-tolerance loop: {t_peer_default / t_batch:.1f}x")  # fmt: skip
    print(f"max relative impact-peak error vs tight LSODA: batch {100 * err_batch:.4f}% "
          f"(target <= 0.5%), LSODA rtol 1e-6 loop {100 * err_peer:.4f}%, "
          f"default-tolerance loop {100 * err_default:.4f}%")  # fmt: skip

    steps = round(args.duration / args.dt)
    total = flops_per_step() * steps * args.n
    rate = machine_flop_rate()
    print(f"arithmetic: {flops_per_step()} flops per RK4 step x {steps} steps x {args.n} "
          f"scenarios = {total / 1e9:.3f} GFLOP; machine (matmul) {rate / 1e9:.1f} GFLOP/s "
          f"-> bound {1e3 * total / rate:.2f} ms; achieved {total / t_batch / 1e9:.2f} GFLOP/s "
          f"= {100 * total / rate / t_batch:.1f}% of the bound")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
