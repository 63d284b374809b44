"""The compiled half of the chain model: the numba kernels behind :mod:`._chain_kernel`.

Kept apart so that importing the mechanics (to validate an intake, to read a report's constants)
does not load numba; :func:`kinchain.mechanics._chain_kernel.numba_batch` imports this module on
its first call. The numba cache goes to a user cache folder (:mod:`kinchain._numba_cache`).
"""

from __future__ import annotations

import math

import numpy as np

from kinchain._numba_cache import use_user_cache_dir

use_user_cache_dir()  # before numba is first imported: numba reads NUMBA_CACHE_DIR at import

from numba import njit, prange  # noqa: E402

from kinchain.mechanics._chain_kernel import (  # noqa: E402
    B6,
    C0,
    C6,
    CONTRA,
    ELEMENT_LO,
    ELEMENT_UP,
    HA,
    HB,
    HC,
    HD,
    K0,
    K6,
    M0,
    MID,
    N_JOINTS,
    N_LINEAR,
    N_MASSES,
    N_OUT,
    N_SERIES,
    N_STATE,
    O_ABS,
    O_COMP,
    O_CONTACT,
    O_FORCE,
    O_FTIME,
    O_GRF,
    O_GRF_RATE,
    O_GRF_T,
    O_IMP,
    O_IMP_T,
    O_RATE,
    O_SHANK_ACC,
    O_TRUNK_ACC,
    P0,
    R0,
    RELEASE,
    V0,
    WINDOW,
    G,
)

__all__ = ["batch_kernel", "series_kernel"]


@njit(cache=True, error_model="numpy")
def _contact(p, x0, v0, s):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled
    """Ground force (N, upward on the foot) and the heel pad's compression rate ds/dt."""
    sp = s if s > 0.0 else 0.0
    if p[MID] < 0.5:  # barefoot: the heel pad alone, s follows the foot
        if x0 <= 0.0:
            return 0.0, v0
        lx = math.log(x0)
        f = p[HA] * math.exp(p[HB] * lx) + p[HC] * math.exp(p[HD] * lx) * v0
        return (f if f > 0.0 else 0.0), v0
    heel_el = 0.0
    heel_c = 0.0
    if sp > 0.0:
        ls = math.log(sp)
        heel_el = p[HA] * math.exp(p[HB] * ls)
        heel_c = p[HC] * math.exp(p[HD] * ls)
    d = x0 - s
    mid_el = 0.0
    if d > 0.0:
        mid_el = p[K6] * d * math.exp((p[B6] - 1.0) * math.log(d / p[R0]))
    if x0 > 0.0:
        ds = (mid_el + p[C6] * v0 - heel_el) / (heel_c + p[C6])
        f = mid_el + p[C6] * (v0 - ds)
        if f > 0.0:
            return f, ds
    # no contact: the heel pad relaxes (regularised by the midsole damper, so that ds/dt stays
    # finite as s -> 0)
    if sp > 0.0:
        return 0.0, -heel_el / (heel_c + p[C6])
    return 0.0, 0.0


@njit(cache=True, error_model="numpy")
def _rhs(p, t, y, dy, fo):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled
    """dy = f(t, y); fo = [grf, 7 element forces, contact power] for the summaries."""
    g = p[G]
    fg, ds = _contact(p, y[0], y[N_MASSES], y[2 * N_MASSES])
    fo[0] = fg
    for i in range(N_MASSES):
        dy[i] = y[N_MASSES + i]
        dy[N_MASSES + i] = g
    dy[N_MASSES] -= fg / p[M0]
    for e in range(N_LINEAR):
        lo = ELEMENT_LO[e]
        up = ELEMENT_UP[e]
        f = p[K0 + e] * (y[up] - y[lo] + p[P0 + e]) + p[C0 + e] * (
            y[N_MASSES + up] - y[N_MASSES + lo]
        )
        if e < N_JOINTS and f < 0.0:  # a joint pushes, it never pulls
            f = 0.0
        fo[1 + e] = f
        dy[N_MASSES + up] -= f / p[M0 + up]
        dy[N_MASSES + lo] += f / p[M0 + lo]
    if p[CONTRA] > 0.0:
        rel = 1.0 - t / p[RELEASE]
        if rel > 0.0:
            dy[N_MASSES + 5] -= p[CONTRA] * rel / p[M0 + 5]
    dy[2 * N_MASSES] = ds
    fo[8] = fg * y[N_MASSES]


@njit(cache=True, error_model="numpy")
def _summarise(p, t, y, dy, fo, prev, first, dt, dt_next, out):  # type: ignore[no-untyped-def]  # pragma: no cover
    """Fold the state at time t (dy, fo from the rhs there) into ``out``; prev holds forces."""
    grf = fo[0]
    if grf > out[O_GRF]:
        out[O_GRF] = grf
        out[O_GRF_T] = t
    if t <= p[WINDOW] and grf > out[O_IMP]:
        out[O_IMP] = grf
        out[O_IMP_T] = t
    if not first:
        r = (grf - prev[0]) / dt
        if r > out[O_GRF_RATE]:
            out[O_GRF_RATE] = r
    prev[0] = grf
    for j in range(4):
        f = fo[1 + j]
        if f > out[O_FORCE + j]:
            out[O_FORCE + j] = f
            out[O_FTIME + j] = t
        if not first:
            r = (f - prev[1 + j]) / dt
            if r > out[O_RATE + j]:
                out[O_RATE + j] = r
        prev[1 + j] = f
        lo = ELEMENT_LO[j]
        up = ELEMENT_UP[j]
        comp = y[up] - y[lo] + p[P0 + j]
        if comp > out[O_COMP + j]:
            out[O_COMP + j] = comp
    for e in range(N_LINEAR):
        lo = ELEMENT_LO[e]
        up = ELEMENT_UP[e]
        power = fo[1 + e] * (y[N_MASSES + up] - y[N_MASSES + lo])
        if power > 0.0:
            out[O_ABS + e] += power * dt_next
    if fo[8] > 0.0:
        out[O_CONTACT] += fo[8] * dt_next
    if first:
        prev[5] = dy[N_MASSES + 1]
        prev[6] = dy[N_MASSES + 6]
    if t <= p[WINDOW]:
        a = abs(dy[N_MASSES + 1] - prev[5])
        if a > out[O_SHANK_ACC]:
            out[O_SHANK_ACC] = a
        a = abs(dy[N_MASSES + 6] - prev[6])
        if a > out[O_TRUNK_ACC]:
            out[O_TRUNK_ACC] = a


@njit(cache=True, error_model="numpy")
def _simulate(p, n_fine, dt_fine, n_coarse, dt_coarse, rec_fine, rec_coarse, out, series):  # type: ignore[no-untyped-def]  # pragma: no cover
    y = np.zeros(N_STATE)
    for i in range(N_MASSES):
        y[N_MASSES + i] = p[V0 + i]
    k1 = np.empty(N_STATE)
    k2 = np.empty(N_STATE)
    k3 = np.empty(N_STATE)
    k4 = np.empty(N_STATE)
    tmp = np.empty(N_STATE)
    fo = np.empty(9)
    fscratch = np.empty(9)
    prev = np.zeros(7)
    for j in range(N_OUT):
        out[j] = 0.0
    t = 0.0
    row = 0
    n_total = n_fine + n_coarse
    for k in range(n_total + 1):
        h = dt_fine if k < n_fine else dt_coarse
        _rhs(p, t, y, k1, fo)
        _summarise(p, t, y, k1, fo, prev, k == 0, dt_fine if k <= n_fine else dt_coarse,
                   0.0 if k == n_total else h, out)
        rec = rec_fine if k <= n_fine else rec_coarse
        if rec > 0:
            kk = k if k <= n_fine else k - n_fine
            if kk % rec == 0 and (k <= n_fine or kk > 0):
                series[row, 0] = fo[0]
                series[row, 1] = fo[1]
                series[row, 2] = fo[2]
                series[row, 3] = fo[3]
                series[row, 4] = fo[4]
                row += 1
        if k == n_total:
            break
        for i in range(N_STATE):
            tmp[i] = y[i] + 0.5 * h * k1[i]
        _rhs(p, t + 0.5 * h, tmp, k2, fscratch)
        for i in range(N_STATE):
            tmp[i] = y[i] + 0.5 * h * k2[i]
        _rhs(p, t + 0.5 * h, tmp, k3, fscratch)
        for i in range(N_STATE):
            tmp[i] = y[i] + h * k3[i]
        _rhs(p, t + h, tmp, k4, fscratch)
        for i in range(N_STATE):
            y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i])
        t = t + h


@njit(cache=True, parallel=True, error_model="numpy")
def batch_kernel(params, n_fine, dt_fine, n_coarse, dt_coarse, out):  # type: ignore[no-untyped-def]  # pragma: no cover
    empty = np.zeros((1, N_SERIES))
    for s in prange(params.shape[0]):
        _simulate(params[s], n_fine, dt_fine, n_coarse[s], dt_coarse[s], 0, 0, out[s], empty)


@njit(cache=True, error_model="numpy")
def series_kernel(params, n_fine, dt_fine, n_coarse, dt_coarse, rec_fine, rec_coarse, out, series):  # type: ignore[no-untyped-def]  # pragma: no cover
    for s in range(params.shape[0]):
        _simulate(params[s], n_fine, dt_fine, n_coarse[s], dt_coarse[s], rec_fine, rec_coarse[s],
                  out[s], series[s])
