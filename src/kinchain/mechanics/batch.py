"""The reference model over many scenarios at once: a NumPy reference and a compiled kernel.

Axis convention (the one used throughout :mod:`kinchain.mechanics`):
**axis 0 = scenario, axis 1 = time, axis 2 = element** (mass or joint of the chain). A batch of
scenarios is a float64 array ``params`` of shape ``(n_scenarios, N_PARAMS)`` whose columns are
named by ``PARAM_NAMES`` (units in the names; build rows with
:meth:`kinchain.mechanics.LiuNiggParams.to_row`). Forces come back as ``grf_n[scenario, time]``.

Integrator layout (the pattern the chain model can reuse): fixed-step classical RK4 from
touchdown (all springs at rest length, every mass at its own touchdown velocity, gravity on,
x positive down). A scenario's contact ends at the first step where the ground-contact mass
leaves the ground again (x ≤ 0 after the peak); its force row is 0 from there on (flight), and
the contact time is interpolated linearly inside that step. Two back ends compute the same
arithmetic: ``backend="numpy"`` (vectorised over scenarios, stepping time in Python) and
``backend="numba"`` (``_kernels.rk4_kernel``: one scenario per ``prange`` iteration, scalar
state, early exit). Choices where the published equations are silent:

* ``ẋ^e`` with ẋ < 0 (unloading) is a sign-preserving power, ``sign(ẋ)·|ẋ|^e`` (exact for the
  published e = 1), and the ground force is clipped at 0: the ground pushes, never pulls.
* impact peak = the first local maximum of the force; active peak = the largest force after
  the local minimum that follows it (NaN / None where the curve has no such second peak).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kinchain.errors import SimulationError
from kinchain.mechanics import _layout as L

__all__ = ["BACKENDS", "MAX_DT_S", "BatchResult", "max_stable_dt_s", "simulate_batch"]

BACKENDS = ("numba", "numpy")
_MAX_STEPS = 2_000_000
#: the largest step accepted: at 1 ms the published scenarios' impact peaks are within 0.02% of
#: a tight-tolerance LSODA run; much larger steps make RK4 inaccurate, then unstable (20 ms).
MAX_DT_S = 1e-3

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class BatchResult:
    """Forces and peaks for a batch; arrays follow axis 0 = scenario, axis 1 = time."""

    time_ms: FloatArray  # (n_time,)
    grf_n: FloatArray  # (n_scenarios, n_time)
    body_weight_n: FloatArray  # (n_scenarios,)
    impact_peak_n: FloatArray
    impact_peak_ms: FloatArray
    active_peak_n: FloatArray  # NaN where the curve has no second peak
    active_peak_ms: FloatArray
    contact_time_ms: FloatArray  # NaN where the foot had not left the ground by duration_s


def _positive(value: float, name: str, unit: str) -> None:
    if not (math.isfinite(value) and value > 0.0):
        raise SimulationError(f"{name}: expected a finite number > 0 {unit}, received {value!r}")


# (columns, lower bound, strictly above?, what it is)
_RULES: tuple[tuple[tuple[int, ...], float, bool, str], ...] = (
    ((L.M1, L.M2, L.M3, L.M4), 0.0, True, "a mass > 0 kg"),
    ((L.K1, L.K2, L.K3, L.K4, L.K5), 0.0, False, "a stiffness >= 0 N/m"),
    ((L.C1, L.C2, L.C4), 0.0, False, "a damping >= 0 N·s/m"),
    ((L.AC, L.GA, L.GB, L.GD, L.GE), 0.0, True, "a ground-law constant > 0"),
    ((L.GC,), 0.0, False, "a ground damping constant >= 0"),
    ((L.V1, L.V2), 0.0, False, "a downward touchdown velocity >= 0 m/s"),
    ((L.G,), 0.0, True, "gravity > 0 m/s²"),
    ((L.M5,), 0.0, False, "a shoe mass >= 0 kg (0 = no shoe stage)"),
)
_SHOE_RULES: tuple[tuple[tuple[int, ...], float, bool, str], ...] = (
    ((L.K6, L.R0), 0.0, True, "a midsole constant > 0"),
    ((L.B6,), 1.0, False, "a midsole exponent >= 1"),
    ((L.C6,), 0.0, False, "a midsole damping >= 0 N·s/m"),
)


def check_params(params: object, /) -> FloatArray:
    """Return ``params`` as a checked (n, N_PARAMS) float array, or raise SimulationError."""
    try:
        arr = np.array(params, dtype=np.float64, ndmin=2)
    except (TypeError, ValueError) as e:
        raise SimulationError(f"params: expected an array of numbers, received ({e})") from None
    if arr.ndim != 2 or arr.shape[1] != L.N_PARAMS or arr.shape[0] == 0:
        raise SimulationError(
            f"params: expected shape (n_scenarios >= 1, {L.N_PARAMS}), received {arr.shape}"
        )
    bad = np.argwhere(~np.isfinite(arr))
    if bad.size:
        s, j = (int(v) for v in bad[0])
        got = float(arr[s, j])
        raise SimulationError(
            f"params[{s}].{L.PARAM_NAMES[j]}: expected a finite number, received {got!r}"
        )
    shoe = arr[:, L.M5] > 0.0
    for rules, rows in ((_RULES, np.ones(len(arr), bool)), (_SHOE_RULES, shoe)):
        for cols, low, strict, what in rules:
            for j in cols:
                ok = arr[:, j] > low if strict else arr[:, j] >= low
                wrong = np.flatnonzero(rows & ~ok)
                if wrong.size:
                    s = int(wrong[0])
                    got = float(arr[s, j])
                    raise SimulationError(
                        f"params[{s}].{L.PARAM_NAMES[j]}: expected {what}, received {got!r}"
                    )
    return arr


#: RK4 is stable for dt·|λ| up to about 2.8 on both axes; kinchain keeps a margin.
_RK4_SAFE = 2.5
#: compressions at which the nonlinear laws' stiffness and damping are estimated (generous:
#: published scenarios compress the ground law by under 1 cm and a midsole by under 2 cm).
_GROUND_REF_M = 0.02
_MIDSOLE_REF_FRACTION = 0.5


def max_stable_dt_s(params: object, /) -> FloatArray:
    """The largest RK4 step (s) each scenario row tolerates, from its fastest linearised mode.

    Each mass's rate is the larger of sqrt(stiffness/mass) and damping/mass summed over the
    elements touching it, with the ground law and the midsole linearised at generous
    compressions (ground 2 cm, midsole R0/2). The shoe mass (0.3 kg between a midsole and the
    ground) is the fast mode whenever a shoe stage is on.

    >>> from kinchain.mechanics import LiuNiggParams
    >>> bare, shod = (LiuNiggParams.published(midsole=m).to_row() for m in (None, "midsole_d"))
    >>> [f"{dt * 1e3:.2f} ms" for dt in max_stable_dt_s([bare, shod])]
    ['5.00 ms', '0.17 ms']
    """
    p = check_params(params).T
    shoe = p[L.M5] > 0.0
    x = _GROUND_REF_M
    ground_k = p[L.AC] * p[L.GA] * p[L.GB] * x ** (p[L.GB] - 1.0)
    ground_c = p[L.AC] * p[L.GC] * x ** p[L.GD]
    ratio = _MIDSOLE_REF_FRACTION
    sole_k = np.where(shoe, p[L.K6] * p[L.B6] * ratio ** (p[L.B6] - 1.0), 0.0)
    sole_c = np.where(shoe, p[L.C6], 0.0)
    below_k = np.where(shoe, sole_k, ground_k)
    below_c = np.where(shoe, sole_c, ground_c)
    m5 = np.where(shoe, p[L.M5], 1.0)
    modes = (
        ((p[L.K1] + p[L.K2] + below_k) / p[L.M1], (p[L.C1] + p[L.C2] + below_c) / p[L.M1]),
        ((p[L.K2] + p[L.K3]) / p[L.M2], p[L.C2] / p[L.M2]),
        ((p[L.K1] + p[L.K3] + p[L.K4] + p[L.K5]) / p[L.M3], (p[L.C1] + p[L.C4]) / p[L.M3]),
        ((p[L.K4] + p[L.K5]) / p[L.M4], p[L.C4] / p[L.M4]),
        (np.where(shoe, (sole_k + ground_k) / m5, 0.0),
         np.where(shoe, (sole_c + ground_c) / m5, 0.0)),
    )  # fmt: skip
    rate = np.zeros(p.shape[1])
    for stiffness, damping in modes:
        rate = np.maximum(rate, np.maximum(np.sqrt(stiffness), damping))
    return np.asarray(_RK4_SAFE / rate, dtype=np.float64)


def _ground_np(p: FloatArray, xg: FloatArray, vg: FloatArray) -> FloatArray:
    touching = xg > 0.0
    lx = np.log(np.where(touching, xg, 1.0))
    ve = np.sign(vg) * np.abs(vg) ** p[L.GE]
    f = p[L.AC] * (p[L.GA] * np.exp(p[L.GB] * lx) + p[L.GC] * np.exp(p[L.GD] * lx) * ve)
    return np.where(touching, np.maximum(f, 0.0), 0.0)


def _rhs_np(p: FloatArray, y: FloatArray, shoe: NDArray[np.bool_]) -> FloatArray:
    """dy/dt for y of shape (N_STATE, n): rows x1..x5, v1..v5; p of shape (N_PARAMS, n)."""
    x1, x2, x3, x4, x5, v1, v2, v3, v4, v5 = y
    v5 = np.where(shoe, v5, 0.0)
    g = p[L.G]
    f1 = p[L.K1] * (x1 - x3) + p[L.C1] * (v1 - v3)
    f2 = p[L.K2] * (x1 - x2) + p[L.C2] * (v1 - v2)
    f3 = p[L.K3] * (x2 - x3)
    f4 = (p[L.K4] + p[L.K5]) * (x3 - x4) + p[L.C4] * (v3 - v4)
    fg = _ground_np(p, np.where(shoe, x5, x1), np.where(shoe, v5, v1))
    d = x1 - x5
    squeezed = shoe & (d > 0.0)
    ratio = np.where(squeezed, d / np.where(shoe, p[L.R0], 1.0), 1.0)
    fs = p[L.K6] * d * np.exp((p[L.B6] - 1.0) * np.log(ratio)) + p[L.C6] * (v1 - v5)
    fs = np.where(squeezed, np.maximum(fs, 0.0), 0.0)
    m5 = np.where(shoe, p[L.M5], 1.0)
    a1 = g - (np.where(shoe, fs, fg) + f1 + f2) / p[L.M1]
    a5 = np.where(shoe, g + (fs - fg) / m5, 0.0)
    a2 = g + (f2 - f3) / p[L.M2]
    a3 = g + (f1 + f3 - f4) / p[L.M3]
    a4 = g + f4 / p[L.M4]
    return np.stack((v1, v2, v3, v4, v5, a1, a2, a3, a4, a5))


def _rk4_numpy(params: FloatArray, dt: float, n_steps: int) -> tuple[FloatArray, FloatArray]:
    n = params.shape[0]
    p = np.ascontiguousarray(params.T)
    shoe = p[L.M5] > 0.0
    y = np.zeros((L.N_STATE, n))
    y[5:9] = p[[L.V1, L.V2, L.V3, L.V4]]
    y[9] = np.where(shoe, p[L.V1], 0.0)
    grf = np.zeros((n, n_steps + 1))
    contact = np.full(n, np.nan)
    grf[:, 0] = _ground_np(p, np.zeros(n), np.where(shoe, y[9], y[5]))
    live = np.ones(n, dtype=bool)
    h = dt
    for k in range(1, n_steps + 1):
        xg_old = np.where(shoe, y[4], y[0])
        a = _rhs_np(p, y, shoe)
        b = _rhs_np(p, y + 0.5 * h * a, shoe)
        c = _rhs_np(p, y + 0.5 * h * b, shoe)
        d = _rhs_np(p, y + h * c, shoe)
        y = y + h / 6.0 * (a + 2.0 * b + 2.0 * c + d)
        xg = np.where(shoe, y[4], y[0])
        ends = live & (xg <= 0.0)
        if ends.any():
            step_end = (k - 1) * h + h * xg_old[ends] / (xg_old[ends] - xg[ends])
            contact[ends] = step_end
            live &= ~ends
        grf[:, k] = np.where(live, _ground_np(p, xg, np.where(shoe, y[9], y[5])), 0.0)
        if not live.any():
            break
    return grf, contact


def _peaks_numpy(grf: FloatArray, dt: float) -> FloatArray:
    out = np.full((grf.shape[0], 4), np.nan)
    for s, f in enumerate(grf):
        rising = (f[1:-1] > f[:-2]) & (f[1:-1] >= f[2:])
        maxima = np.flatnonzero(rising) + 1
        if maxima.size == 0:
            continue
        i = int(maxima[0])
        out[s, 0], out[s, 1] = _parabola(f, i, dt)
        falling = (f[1:-1] <= f[:-2]) & (f[1:-1] < f[2:])
        minima = np.flatnonzero(falling) + 1
        minima = minima[minima > i]
        if minima.size == 0:
            continue
        j = int(minima[0])
        m = j + int(np.argmax(f[j:]))
        if m <= j or m >= f.size - 1:
            continue
        out[s, 2], out[s, 3] = _parabola(f, m, dt)
    return out


def _parabola(f: FloatArray, i: int, dt: float) -> tuple[float, float]:
    y0, y1, y2 = float(f[i - 1]), float(f[i]), float(f[i + 1])
    den = y0 - 2.0 * y1 + y2
    off = 0.5 * (y0 - y2) / den if den < 0.0 else 0.0
    return y1 - 0.25 * (y0 - y2) * off, (i + off) * dt


def _steps(backend: str, dt_s: float, duration_s: float) -> int:
    """The number of steps of a run, once the backend, the step and the duration are checked."""
    if backend not in BACKENDS:
        raise SimulationError(f"backend: expected one of {list(BACKENDS)}, received {backend!r}")
    _positive(dt_s, "dt_s", "s")
    if dt_s > MAX_DT_S:
        raise SimulationError(f"dt_s: expected a step <= {MAX_DT_S} s, received {dt_s} s")
    _positive(duration_s, "duration_s", "s")
    if duration_s < 10 * dt_s:
        raise SimulationError(
            f"duration_s: expected at least 10 steps of dt_s = {dt_s} s, received {duration_s} s"
        )
    n_steps = round(duration_s / dt_s)
    if n_steps > _MAX_STEPS:
        raise SimulationError(
            f"duration_s / dt_s: expected at most {_MAX_STEPS} steps, received {n_steps}"
        )
    return n_steps


def _check_stable(arr: FloatArray, dt_s: float) -> None:
    """Refuse a step above any scenario's stable step (its fastest mode)."""
    limit = max_stable_dt_s(arr)
    too_big = np.flatnonzero(dt_s > limit)
    if too_big.size:
        s = int(too_big[0])
        raise SimulationError(
            f"dt_s: expected a step <= {limit[s]:.3g} s for scenario {s} (its fastest mode, "
            f"the shoe mass when a shoe stage is on, needs it), received {dt_s} s"
        )


def _integrate(
    arr: FloatArray, dt_s: float, n_steps: int, backend: str
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(ground force curves, contact times, peaks) of every row, by the chosen backend."""
    if backend == "numba":
        from kinchain.mechanics._kernels import peaks_kernel, rk4_kernel

        grf = np.zeros((arr.shape[0], n_steps + 1))
        contact = np.empty(arr.shape[0])
        rk4_kernel(arr, dt_s, n_steps, grf, contact)
        peaks = np.empty((arr.shape[0], 4))
        peaks_kernel(grf, dt_s, peaks)
        return grf, contact, peaks
    with np.errstate(all="ignore"):  # a blow-up is reported by _check_result
        grf, contact = _rk4_numpy(arr, dt_s, n_steps)
    return grf, contact, _peaks_numpy(grf, dt_s)


def simulate_batch(
    params: object, /, *, dt_s: float = 1e-4, duration_s: float = 0.4, backend: str = "numba"
) -> BatchResult:
    """Run every scenario row of ``params`` (shape (n, N_PARAMS)) from touchdown to lift-off.

    Raises :class:`SimulationError` for a bad parameter, a bad step (not finite, not > 0,
    above ``MAX_DT_S``, or above a scenario's :func:`max_stable_dt_s`) or a non-finite force
    (never a silent NaN curve). ``impact_peak_*`` is NaN where the curve has no local maximum within
    ``duration_s``. ``contact_time_ms`` is NaN where the foot is still on the
    ground at ``duration_s``: with the published constants the passive model has no push-off
    and settles at body weight (see ``docs/validation.md``).

    >>> from kinchain.mechanics import LiuNiggParams
    >>> rows = [LiuNiggParams.published(shoe=s).to_row() for s in ("hard", "soft")]
    >>> out = simulate_batch(rows, dt_s=1e-4, backend="numpy")
    >>> out.grf_n.shape[0], bool(out.impact_peak_n[0] > out.impact_peak_n[1])
    (2, True)
    """
    n_steps = _steps(backend, dt_s, duration_s)
    arr = check_params(params)
    _check_stable(arr, dt_s)
    grf, contact, peaks = _integrate(arr, dt_s, n_steps, backend)
    _check_result(grf, dt_s)
    body_weight = arr[:, [L.M1, L.M2, L.M3, L.M4]].sum(axis=1) * arr[:, L.G]
    return BatchResult(
        time_ms=np.arange(n_steps + 1, dtype=np.float64) * (dt_s * 1e3),
        grf_n=grf,
        body_weight_n=body_weight,
        impact_peak_n=peaks[:, 0],
        impact_peak_ms=peaks[:, 1] * 1e3,
        active_peak_n=peaks[:, 2],
        active_peak_ms=peaks[:, 3] * 1e3,
        contact_time_ms=contact * 1e3,
    )


def _check_result(grf: FloatArray, dt_s: float) -> None:
    bad_rows = np.flatnonzero(~np.isfinite(grf).all(axis=1))
    if bad_rows.size:
        s = int(bad_rows[0])
        k = int(np.flatnonzero(~np.isfinite(grf[s]))[0])
        raise SimulationError(
            f"scenario {s}: the ground force became non-finite at t = {k * dt_s * 1e3:.2f} ms; "
            f"expected a finite curve (check the parameters, or take a smaller dt_s than {dt_s})"
        )
