"""An independent check of the reference model: the same equations through SciPy's ``solve_ivp``.

Written separately from :mod:`kinchain.mechanics.batch` (a scalar right-hand side taken line
by line from the published equations, a variable-step integrator, peaks found on the dense
output), so that agreement between the two means something. Used by the tests and by
``bench/bench_reference.py``; it is slow (one Python call per evaluation), on purpose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp

from kinchain.errors import SimulationError
from kinchain.mechanics.liu_nigg import LiuNiggParams

__all__ = ["ScipyReference", "solve_ivp_reference"]


@dataclass(frozen=True)
class ScipyReference:
    """Peaks from a SciPy run (times in ms; None where a peak or a lift-off does not exist)."""

    impact_peak_n: float
    impact_peak_ms: float
    active_peak_n: float | None
    active_peak_ms: float | None
    contact_time_ms: float | None
    n_evaluations: int


def _ground(p: LiuNiggParams, x: float, v: float) -> float:
    if x <= 0.0:
        return 0.0
    rate = math.copysign(abs(v) ** p.ground_e, v)
    force = p.ground_area_factor * (p.ground_a * x**p.ground_b + p.ground_c * x**p.ground_d * rate)
    return max(force, 0.0)


def _ground_curve(p: LiuNiggParams, x: np.ndarray, v: np.ndarray) -> np.ndarray:
    touching = x > 0.0
    xs = np.where(touching, x, 0.0)
    rate = np.copysign(np.abs(v) ** p.ground_e, v)
    law = p.ground_a * xs**p.ground_b + p.ground_c * xs**p.ground_d * rate
    force = p.ground_area_factor * law
    return np.where(touching, np.maximum(force, 0.0), 0.0)


def _rhs(p: LiuNiggParams) -> tuple[object, object]:
    shoe = p.m5_kg > 0.0
    g = p.gravity_m_s2

    def rhs(_t: float, y: np.ndarray) -> list[float]:
        x1, x2, x3, x4, x5, v1, v2, v3, v4, v5 = y.tolist()
        fg = _ground(p, x5, v5) if shoe else _ground(p, x1, v1)
        fs = 0.0
        if shoe and x1 > x5:
            squeeze = x1 - x5
            fs = p.k6_n_per_m * squeeze * (squeeze / p.r0_m) ** (p.b6 - 1.0)
            fs = max(fs + p.c6_n_s_per_m * (v1 - v5), 0.0)
        below_m1 = fs if shoe else fg
        # m1ẍ1 = m1g − Fg − k1(x1−x3) − k2(x1−x2) − c1(ẋ1−ẋ3) − c2(ẋ1−ẋ2), etc.
        acc1 = (p.m1_kg * g - below_m1 - p.k1_n_per_m * (x1 - x3) - p.k2_n_per_m * (x1 - x2)
                - p.c1_n_s_per_m * (v1 - v3) - p.c2_n_s_per_m * (v1 - v2)) / p.m1_kg
        acc2 = (p.m2_kg * g + p.k2_n_per_m * (x1 - x2) - p.k3_n_per_m * (x2 - x3)
                + p.c2_n_s_per_m * (v1 - v2)) / p.m2_kg
        acc3 = (p.m3_kg * g + p.k1_n_per_m * (x1 - x3) + p.k3_n_per_m * (x2 - x3)
                - (p.k4_n_per_m + p.k5_n_per_m) * (x3 - x4) + p.c1_n_s_per_m * (v1 - v3)
                - p.c4_n_s_per_m * (v3 - v4)) / p.m3_kg
        acc4 = (p.m4_kg * g + (p.k4_n_per_m + p.k5_n_per_m) * (x3 - x4)
                + p.c4_n_s_per_m * (v3 - v4)) / p.m4_kg
        acc5 = (p.m5_kg * g + fs - fg) / p.m5_kg if shoe else 0.0
        return [v1, v2, v3, v4, v5 if shoe else 0.0, acc1, acc2, acc3, acc4, acc5]

    def lift_off(_t: float, y: np.ndarray) -> float:
        return float(y[4] if shoe else y[0])

    lift_off.terminal = True  # type: ignore[attr-defined]
    lift_off.direction = -1.0  # type: ignore[attr-defined]
    return rhs, lift_off


def solve_ivp_reference(
    params: LiuNiggParams,
    /,
    *,
    method: str = "LSODA",
    rtol: float = 1e-10,
    atol: float = 1e-12,
    duration_s: float = 0.4,
    sample_s: float = 1e-5,
) -> ScipyReference:
    """Integrate one scenario with ``solve_ivp``; peaks from the dense output every ``sample_s``.

    >>> ref = solve_ivp_reference(LiuNiggParams.published(shoe="hard"), rtol=1e-8, atol=1e-10)
    >>> 800 < ref.impact_peak_n < 1000
    True
    """
    rhs, lift_off = _rhs(params)
    shoe = params.m5_kg > 0.0
    y0 = np.zeros(10)
    y0[5:9] = (params.v1_m_s, params.v2_m_s, params.v3_m_s, params.v4_m_s)
    y0[9] = params.v1_m_s if shoe else 0.0
    sol = solve_ivp(
        rhs, (0.0, duration_s), y0, method=method, rtol=rtol, atol=atol,
        events=lift_off, dense_output=True,
    )  # fmt: skip
    if not sol.success:
        raise SimulationError(f"solve_ivp ({method}): expected success, received {sol.message}")
    t_end = float(sol.t[-1])
    t = np.arange(0.0, t_end, sample_s)
    y = sol.sol(t)
    xg, vg = (y[4], y[9]) if shoe else (y[0], y[5])
    f = _ground_curve(params, xg, vg)
    inner = f[1:-1]
    maxima = np.flatnonzero((inner > f[:-2]) & (inner >= f[2:])) + 1
    if maxima.size == 0:
        raise SimulationError("grf_n: expected a curve with an impact peak, received none")
    i = int(maxima[0])
    minima = np.flatnonzero((inner <= f[:-2]) & (inner < f[2:])) + 1
    minima = minima[minima > i]
    active_n = active_ms = None
    if minima.size:
        m = int(minima[0] + np.argmax(f[minima[0]:]))
        if m < f.size - 1:
            active_n, active_ms = float(f[m]), float(t[m] * 1e3)
    contact = float(sol.t_events[0][0] * 1e3) if len(sol.t_events[0]) else None
    return ScipyReference(
        impact_peak_n=float(f[i]),
        impact_peak_ms=float(t[i] * 1e3),
        active_peak_n=active_n,
        active_peak_ms=active_ms,
        contact_time_ms=contact,
        n_evaluations=int(sol.nfev),
    )
