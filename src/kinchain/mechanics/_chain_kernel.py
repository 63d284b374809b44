"""The kinetic chain's integrator: a compiled (numba) kernel and the plain NumPy reference.

Private: call :mod:`kinchain.mechanics.chain`. Both implementations integrate the same ODE with
the same fixed-step classical RK4 schedule (``n_fine`` steps of ``dt_fine`` through the impact,
then ``n_coarse`` steps of ``dt_coarse``) and accumulate the same summaries; a unit test holds
them equal.

Axis convention (stated once): ``params`` is ``(scenario, PARAM)``, ``summary`` is
``(scenario, OUT)``, ``series`` is ``(scenario, time, SERIES)``.

The chain, x positive downwards, every mass at its touchdown position at t = 0::

    trunk wobble (7) ─┐
    trunk rigid  (6) ─┘ trunk soft tissue      (head, arms and trunk ride on the trunk rigid mass)
        │ sacroiliac/lumbar element
    pelvis       (5)                           (carries the swing leg)
        │ hip element
    thigh rigid  (3) ── thigh wobble (4)
        │ knee element
    shank rigid  (1) ── shank wobble (2)
        │ ankle element
    foot + shoe  (0)
        │ midsole (Ly law) ── massless node s ── heel pad / ground law (Liu & Nigg)
    ground

A linear element between a lower mass ``lo`` and an upper mass ``up`` carries the force
``F = k·(x_up − x_lo + preload) + c·(v_up − v_lo)``, positive = compression (one sign convention
for every element). The four joint elements (ankle, knee, hip, sacro-lumbar: the first
``N_JOINTS``) transmit compression only, ``max(F, 0)``: a joint pushes its segments apart, it
never pulls them together. At touchdown the foot and shank move down faster than the thigh and
the pelvis (the leg still lengthening at the end of swing); a two-way damper would make the
trunk pull the landing leg up through the hip (−0.9 body weights at Maria's left hip when
walking), which no joint of a stance leg does: the swing leg's own muscles brake that
lengthening. So a joint carries nothing until its segments close on it, and the recorded joint
series, the peaks, the loading rates and the energy absorbed (``F·(v_up − v_lo)`` while
positive) all describe the same thing: the force transmitted through that joint of the stance
leg. The soft-tissue (wobbling) elements stay two-way: tissue is attached.

The heel pad compression ``s`` is a state: midsole and heel pad carry the same force through
a massless node, which gives a first-order equation for ``s`` (the shoe's mass rides with the
foot), so no kHz shoe mode forces tiny steps through the whole stance. A contralateral support
force on the pelvis (walking's double support) falls linearly from ``contra_n`` to zero over
``contra_release_s``.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "N_MASSES",
    "OUT_NAMES",
    "PARAM_NAMES",
    "SERIES_NAMES",
    "numba_batch",
    "numpy_batch",
]

N_MASSES = 8
N_JOINTS = 4  # the first four linear elements: ankle, knee, hip, sacro-lumbar
N_LINEAR = 7  # ankle, knee, hip, sacro-lumbar, shank wobble, thigh wobble, trunk wobble
#: (lower mass, upper mass) of each linear element, in the order above
ELEMENT_LO = np.array((0, 1, 3, 5, 1, 3, 6), dtype=np.int64)  # frozen as constants by numba
ELEMENT_UP = np.array((1, 3, 5, 6, 2, 4, 7), dtype=np.int64)

PARAM_NAMES: tuple[str, ...] = (
    *(f"m{i}_kg" for i in range(N_MASSES)),
    *(f"k{i}_n_per_m" for i in range(N_LINEAR)),
    *(f"c{i}_n_s_per_m" for i in range(N_LINEAR)),
    *(f"preload{i}_m" for i in range(N_LINEAR)),
    *(f"v{i}_m_s" for i in range(N_MASSES)),
    "gravity_m_s2",
    "heel_a", "heel_b", "heel_c", "heel_d",  # Fh = a·s^b + c·s^d·ṡ (area factor folded in)
    "midsole_on", "k6_n_per_m", "b6", "c6_n_s_per_m", "r0_m",
    "contra_n", "contra_release_s",
    "impact_window_s",
)  # fmt: skip
M0 = 0
K0 = 8
C0 = 15
P0 = 22
V0 = 29
G = 37
HA, HB, HC, HD = 38, 39, 40, 41
MID, K6, B6, C6, R0 = 42, 43, 44, 45, 46
CONTRA, RELEASE = 47, 48
WINDOW = 49
N_PARAMS = len(PARAM_NAMES)
assert N_PARAMS == 50

OUT_NAMES: tuple[str, ...] = (
    "grf_peak_n", "grf_peak_s", "impact_peak_n", "impact_peak_s", "grf_rate_n_s",
    "force_ankle_n", "force_knee_n", "force_hip_n", "force_sl_n",
    "rate_ankle_n_s", "rate_knee_n_s", "rate_hip_n_s", "rate_sl_n_s",
    "absorbed_ankle_j", "absorbed_knee_j", "absorbed_hip_j", "absorbed_sl_j",
    "absorbed_shank_wobble_j", "absorbed_thigh_wobble_j", "absorbed_trunk_wobble_j",
    "absorbed_contact_j",
    "shank_acc_peak_m_s2", "trunk_acc_peak_m_s2",
    "compression_ankle_m", "compression_knee_m", "compression_hip_m", "compression_sl_m",
    "time_ankle_s", "time_knee_s", "time_hip_s", "time_sl_s",
)  # fmt: skip
O_GRF, O_GRF_T, O_IMP, O_IMP_T, O_GRF_RATE = 0, 1, 2, 3, 4
O_FORCE, O_RATE, O_ABS = 5, 9, 13
O_CONTACT = 20
O_SHANK_ACC, O_TRUNK_ACC = 21, 22
O_COMP = 23
O_FTIME = 27
N_OUT = len(OUT_NAMES)
SERIES_NAMES: tuple[str, ...] = ("grf_n", "ankle_n", "knee_n", "hip_n", "sl_n")
N_SERIES = len(SERIES_NAMES)
N_STATE = 2 * N_MASSES + 1


# ---------------------------------------------------------------------------------- numba ---


def series_length(n_fine: int, n_coarse: int, rec_fine: int, rec_coarse: int) -> int:
    """Rows a recorded series needs.

    >>> series_length(400, 420, 10, 2)
    251
    """
    return n_fine // rec_fine + 1 + n_coarse // rec_coarse


def numba_batch(
    params: np.ndarray,
    /,
    *,
    n_fine: int,
    dt_fine: float,
    n_coarse: np.ndarray,
    dt_coarse: np.ndarray,
    record_s: float | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Summaries ``(scenario, OUT)`` and, when ``record_s`` is given, series (scenario, time,
    5) sampled every ``record_s`` (which must be a multiple of every step size)."""
    params = np.ascontiguousarray(params, dtype=np.float64)
    n_coarse = np.ascontiguousarray(n_coarse, dtype=np.int64)
    dt_coarse = np.ascontiguousarray(dt_coarse, dtype=np.float64)
    from kinchain.mechanics import _chain_jit  # numba loads on the first compiled run only

    out = np.zeros((params.shape[0], N_OUT))
    if record_s is None:
        _chain_jit.batch_kernel(params, n_fine, dt_fine, n_coarse, dt_coarse, out)
        return out, None
    rec_fine = round(record_s / dt_fine)
    rec_coarse = np.maximum(np.round(record_s / dt_coarse), 1).astype(np.int64)
    rows = max(series_length(n_fine, int(n), rec_fine, int(r))
               for n, r in zip(n_coarse, rec_coarse, strict=True))
    series = np.zeros((params.shape[0], rows, N_SERIES))
    _chain_jit.series_kernel(
        params, n_fine, dt_fine, n_coarse, dt_coarse, rec_fine, rec_coarse, out, series
    )
    return out, series


# ---------------------------------------------------------------------------------- NumPy ---
def _np_contact(p: np.ndarray, x0: np.ndarray, v0: np.ndarray, s: np.ndarray) -> tuple[
    np.ndarray, np.ndarray
]:
    """Vectorised twin of ``_contact`` over axis 0 (scenarios)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        sp = np.maximum(s, 0.0)
        ls = np.log(np.where(sp > 0.0, sp, 1.0))
        heel_el = np.where(sp > 0.0, p[:, HA] * np.exp(p[:, HB] * ls), 0.0)
        heel_c = np.where(sp > 0.0, p[:, HC] * np.exp(p[:, HD] * ls), 0.0)
        d = x0 - s
        dsafe = np.where(d > 0.0, d, p[:, R0])
        mid_el = np.where(
            d > 0.0, p[:, K6] * dsafe * np.exp((p[:, B6] - 1.0) * np.log(dsafe / p[:, R0])), 0.0
        )
        ds_touch = (mid_el + p[:, C6] * v0 - heel_el) / (heel_c + p[:, C6])
        f_touch = mid_el + p[:, C6] * (v0 - ds_touch)
        touching = (x0 > 0.0) & (f_touch > 0.0)
        ds_free = np.where(sp > 0.0, -heel_el / (heel_c + p[:, C6]), 0.0)
        f_mid = np.where(touching, f_touch, 0.0)
        ds_mid = np.where(touching, ds_touch, ds_free)
        # barefoot
        lx = np.log(np.where(x0 > 0.0, x0, 1.0))
        f_bare = p[:, HA] * np.exp(p[:, HB] * lx) + p[:, HC] * np.exp(p[:, HD] * lx) * v0
        f_bare = np.where(x0 > 0.0, np.maximum(f_bare, 0.0), 0.0)
    shod = p[:, MID] >= 0.5
    return np.where(shod, f_mid, f_bare), np.where(shod, ds_mid, v0)


def _np_rhs(p: np.ndarray, t: float, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised twin of ``_rhs``: y is (scenario, state); returns dy and forces (scenario, 9)."""
    n = N_MASSES
    g = p[:, G]
    fg, ds = _np_contact(p, y[:, 0], y[:, n], y[:, 2 * n])
    dy = np.empty_like(y)
    dy[:, :n] = y[:, n : 2 * n]
    acc = np.repeat(g[:, None], n, axis=1)
    acc[:, 0] -= fg / p[:, M0]
    fo = np.empty((y.shape[0], 9))
    fo[:, 0] = fg
    for e in range(N_LINEAR):
        lo, up = ELEMENT_LO[e], ELEMENT_UP[e]
        f = p[:, K0 + e] * (y[:, up] - y[:, lo] + p[:, P0 + e]) + p[:, C0 + e] * (
            y[:, n + up] - y[:, n + lo]
        )
        if e < N_JOINTS:  # a joint pushes, it never pulls
            f = np.maximum(f, 0.0)
        fo[:, 1 + e] = f
        acc[:, up] -= f / p[:, M0 + up]
        acc[:, lo] += f / p[:, M0 + lo]
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(p[:, CONTRA] > 0.0, np.maximum(1.0 - t / p[:, RELEASE], 0.0), 0.0)
    acc[:, 5] -= p[:, CONTRA] * rel / p[:, M0 + 5]
    dy[:, n : 2 * n] = acc
    dy[:, 2 * n] = ds
    fo[:, 8] = fg * y[:, n]
    return dy, fo


def _np_summarise(
    p: np.ndarray, t: float, y: np.ndarray, dy: np.ndarray, fo: np.ndarray,
    prev: np.ndarray | None, dt: float, dt_next: float, out: np.ndarray, acc0: np.ndarray,
) -> None:
    n = N_MASSES
    grf = fo[:, 0]
    up = grf > out[:, O_GRF]
    out[:, O_GRF] = np.where(up, grf, out[:, O_GRF])
    out[:, O_GRF_T] = np.where(up, t, out[:, O_GRF_T])
    inside = t <= p[:, WINDOW]
    up = inside & (grf > out[:, O_IMP])
    out[:, O_IMP] = np.where(up, grf, out[:, O_IMP])
    out[:, O_IMP_T] = np.where(up, t, out[:, O_IMP_T])
    if prev is not None:
        out[:, O_GRF_RATE] = np.maximum(out[:, O_GRF_RATE], (grf - prev[:, 0]) / dt)
        out[:, O_RATE : O_RATE + 4] = np.maximum(
            out[:, O_RATE : O_RATE + 4], (fo[:, 1:5] - prev[:, 1:5]) / dt
        )
    rise = fo[:, 1:5] > out[:, O_FORCE : O_FORCE + 4]
    out[:, O_FTIME : O_FTIME + 4] = np.where(rise, t, out[:, O_FTIME : O_FTIME + 4])
    out[:, O_FORCE : O_FORCE + 4] = np.maximum(out[:, O_FORCE : O_FORCE + 4], fo[:, 1:5])
    for j in range(4):
        comp = y[:, ELEMENT_UP[j]] - y[:, ELEMENT_LO[j]] + p[:, P0 + j]
        out[:, O_COMP + j] = np.maximum(out[:, O_COMP + j], comp)
    for e in range(N_LINEAR):
        power = fo[:, 1 + e] * (y[:, n + ELEMENT_UP[e]] - y[:, n + ELEMENT_LO[e]])
        out[:, O_ABS + e] += np.maximum(power, 0.0) * dt_next
    out[:, O_CONTACT] += np.maximum(fo[:, 8], 0.0) * dt_next
    a_shank = np.abs(dy[:, n + 1] - acc0[:, 0])
    a_trunk = np.abs(dy[:, n + 6] - acc0[:, 1])
    out[:, O_SHANK_ACC] = np.where(inside, np.maximum(out[:, O_SHANK_ACC], a_shank),
                                   out[:, O_SHANK_ACC])
    out[:, O_TRUNK_ACC] = np.where(inside, np.maximum(out[:, O_TRUNK_ACC], a_trunk),
                                   out[:, O_TRUNK_ACC])


def numpy_batch(
    params: np.ndarray,
    /,
    *,
    n_fine: int,
    dt_fine: float,
    n_coarse: np.ndarray,
    dt_coarse: np.ndarray,
) -> np.ndarray:
    """The plain NumPy reference of :func:`numba_batch` (summaries only), vectorised per group
    of scenarios that share a step schedule."""
    params = np.asarray(params, dtype=np.float64)
    n_coarse = np.asarray(n_coarse, dtype=np.int64)
    dt_coarse = np.asarray(dt_coarse, dtype=np.float64)
    out = np.zeros((params.shape[0], N_OUT))
    for count, dt in {(int(n), float(d)) for n, d in zip(n_coarse, dt_coarse, strict=True)}:
        rows = np.flatnonzero((n_coarse == count) & (dt_coarse == dt))
        out[rows] = _np_group(params[rows], n_fine, dt_fine, count, dt)
    return out


def _np_group(p: np.ndarray, n_fine: int, dt_fine: float, n_coarse: int, dt_coarse: float
              ) -> np.ndarray:
    y = np.zeros((p.shape[0], N_STATE))
    y[:, N_MASSES : 2 * N_MASSES] = p[:, V0 : V0 + N_MASSES]
    out = np.zeros((p.shape[0], N_OUT))
    prev: np.ndarray | None = None
    acc0 = np.zeros((p.shape[0], 2))
    t = 0.0
    n_total = n_fine + n_coarse
    for k in range(n_total + 1):
        h = dt_fine if k < n_fine else dt_coarse
        k1, fo = _np_rhs(p, t, y)
        if k == 0:
            acc0 = k1[:, [N_MASSES + 1, N_MASSES + 6]].copy()
        _np_summarise(p, t, y, k1, fo, prev, dt_fine if k <= n_fine else dt_coarse,
                      0.0 if k == n_total else h, out, acc0)
        prev = fo[:, 0:5].copy()
        if k == n_total:
            break
        k2, _ = _np_rhs(p, t + 0.5 * h, y + 0.5 * h * k1)
        k3, _ = _np_rhs(p, t + 0.5 * h, y + 0.5 * h * k2)
        k4, _ = _np_rhs(p, t + h, y + h * k3)
        y = y + h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        t = t + h
    return out
