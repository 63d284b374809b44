"""Compiled (numba) kernels behind :mod:`kinchain.mechanics.batch`. Private: call the batch API.

Each kernel mirrors, operation for operation, the NumPy reference in ``batch.py``; a unit test
holds the two equal. Layout: one scenario per outer iteration (``prange`` over axis 0), a
fixed-step classical RK4 inner loop over time on scalar locals (no allocation per step), the
right-hand side as a small ``@njit`` function returning a tuple (LLVM inlines it), and an early
exit once the contact has ended (the rest of the force row stays 0). The chain model can reuse
the same pattern: params row in, force rows out, state in scalar locals.
"""

from __future__ import annotations

import math

import numpy as np

from kinchain._numba_cache import use_user_cache_dir

use_user_cache_dir()  # before numba is first imported: numba reads NUMBA_CACHE_DIR at import

from numba import njit, prange  # noqa: E402

from kinchain.mechanics._layout import (  # noqa: E402
    AC,
    B6,
    C1,
    C2,
    C4,
    C6,
    GA,
    GB,
    GC,
    GD,
    GE,
    K1,
    K2,
    K3,
    K4,
    K5,
    K6,
    M1,
    M2,
    M3,
    M4,
    M5,
    R0,
    V1,
    V2,
    V3,
    V4,
    G,
)

__all__ = ["peaks_kernel", "rk4_kernel"]


@njit(cache=True)
def _ground(p: np.ndarray, xg: float, vg: float) -> float:  # pragma: no cover - compiled
    if xg <= 0.0:
        return 0.0
    lx = math.log(xg)
    ve = vg if p[GE] == 1.0 else math.copysign(abs(vg) ** p[GE], vg)
    f = p[AC] * (p[GA] * math.exp(p[GB] * lx) + p[GC] * math.exp(p[GD] * lx) * ve)
    return f if f > 0.0 else 0.0


@njit(cache=True)
def _rhs(p, x1, x2, x3, x4, x5, v1, v2, v3, v4, v5):  # type: ignore[no-untyped-def]  # pragma: no cover
    g = p[G]
    f1 = p[K1] * (x1 - x3) + p[C1] * (v1 - v3)
    f2 = p[K2] * (x1 - x2) + p[C2] * (v1 - v2)
    f3 = p[K3] * (x2 - x3)
    f4 = (p[K4] + p[K5]) * (x3 - x4) + p[C4] * (v3 - v4)
    if p[M5] > 0.0:
        fg = _ground(p, x5, v5)
        d = x1 - x5
        fs = 0.0
        if d > 0.0:
            fs = p[K6] * d * math.exp((p[B6] - 1.0) * math.log(d / p[R0])) + p[C6] * (v1 - v5)
            if fs < 0.0:
                fs = 0.0
        a1 = g - (fs + f1 + f2) / p[M1]
        a5 = g + (fs - fg) / p[M5]
    else:
        fg = _ground(p, x1, v1)
        a1 = g - (fg + f1 + f2) / p[M1]
        a5 = 0.0
        v5 = 0.0
    a2 = g + (f2 - f3) / p[M2]
    a3 = g + (f1 + f3 - f4) / p[M3]
    a4 = g + f4 / p[M4]
    return v1, v2, v3, v4, v5, a1, a2, a3, a4, a5


@njit(cache=True, parallel=True)
def rk4_kernel(params, dt, n_steps, grf, contact_s):  # type: ignore[no-untyped-def]  # pragma: no cover
    """Fill ``grf[s, k]`` (N) and ``contact_s[s]`` (s, NaN if contact never ended)."""
    h = dt
    for s in prange(params.shape[0]):
        p = params[s]
        shoe = p[M5] > 0.0
        x1 = x2 = x3 = x4 = x5 = 0.0
        v1, v2, v3, v4 = p[V1], p[V2], p[V3], p[V4]
        v5 = v1 if shoe else 0.0
        contact_s[s] = np.nan
        grf[s, 0] = _ground(p, 0.0, v5 if shoe else v1)
        for k in range(1, n_steps + 1):
            xg_old = x5 if shoe else x1
            a = _rhs(p, x1, x2, x3, x4, x5, v1, v2, v3, v4, v5)
            b = _rhs(p, x1 + 0.5 * h * a[0], x2 + 0.5 * h * a[1], x3 + 0.5 * h * a[2],
                     x4 + 0.5 * h * a[3], x5 + 0.5 * h * a[4], v1 + 0.5 * h * a[5],
                     v2 + 0.5 * h * a[6], v3 + 0.5 * h * a[7], v4 + 0.5 * h * a[8],
                     v5 + 0.5 * h * a[9])
            c = _rhs(p, x1 + 0.5 * h * b[0], x2 + 0.5 * h * b[1], x3 + 0.5 * h * b[2],
                     x4 + 0.5 * h * b[3], x5 + 0.5 * h * b[4], v1 + 0.5 * h * b[5],
                     v2 + 0.5 * h * b[6], v3 + 0.5 * h * b[7], v4 + 0.5 * h * b[8],
                     v5 + 0.5 * h * b[9])
            d = _rhs(p, x1 + h * c[0], x2 + h * c[1], x3 + h * c[2], x4 + h * c[3],
                     x5 + h * c[4], v1 + h * c[5], v2 + h * c[6], v3 + h * c[7],
                     v4 + h * c[8], v5 + h * c[9])
            w = h / 6.0
            x1 = x1 + w * (a[0] + 2.0 * b[0] + 2.0 * c[0] + d[0])
            x2 = x2 + w * (a[1] + 2.0 * b[1] + 2.0 * c[1] + d[1])
            x3 = x3 + w * (a[2] + 2.0 * b[2] + 2.0 * c[2] + d[2])
            x4 = x4 + w * (a[3] + 2.0 * b[3] + 2.0 * c[3] + d[3])
            x5 = x5 + w * (a[4] + 2.0 * b[4] + 2.0 * c[4] + d[4])
            v1 = v1 + w * (a[5] + 2.0 * b[5] + 2.0 * c[5] + d[5])
            v2 = v2 + w * (a[6] + 2.0 * b[6] + 2.0 * c[6] + d[6])
            v3 = v3 + w * (a[7] + 2.0 * b[7] + 2.0 * c[7] + d[7])
            v4 = v4 + w * (a[8] + 2.0 * b[8] + 2.0 * c[8] + d[8])
            v5 = v5 + w * (a[9] + 2.0 * b[9] + 2.0 * c[9] + d[9])
            xg = x5 if shoe else x1
            if xg <= 0.0:
                contact_s[s] = (k - 1) * h + h * xg_old / (xg_old - xg)
                break
            grf[s, k] = _ground(p, xg, v5 if shoe else v1)


@njit(cache=True, parallel=True)
def peaks_kernel(grf, dt, out):  # type: ignore[no-untyped-def]  # pragma: no cover
    """Per row: impact peak (first local max) and active peak (max after the next local min).

    ``out[s]`` = (impact N, impact s, active N, active s); NaN where a peak does not exist.
    Peaks are refined by a parabola through the sample and its two neighbours.
    """
    n_t = grf.shape[1]
    for s in prange(grf.shape[0]):
        f = grf[s]
        out[s, 0] = np.nan
        out[s, 1] = np.nan
        out[s, 2] = np.nan
        out[s, 3] = np.nan
        i = -1
        for k in range(1, n_t - 1):
            if f[k] > f[k - 1] and f[k] >= f[k + 1]:
                i = k
                break
        if i < 0:
            continue
        y0, y1, y2 = f[i - 1], f[i], f[i + 1]
        den = y0 - 2.0 * y1 + y2
        off = 0.5 * (y0 - y2) / den if den < 0.0 else 0.0
        out[s, 0] = y1 - 0.25 * (y0 - y2) * off
        out[s, 1] = (i + off) * dt
        j = -1
        for k in range(i + 1, n_t - 1):
            if f[k] <= f[k - 1] and f[k] < f[k + 1]:
                j = k
                break
        if j < 0:
            continue
        m = j
        for k in range(j + 1, n_t):
            if f[k] > f[m]:
                m = k
        if m <= j or m >= n_t - 1:
            continue
        y0, y1, y2 = f[m - 1], f[m], f[m + 1]
        den = y0 - 2.0 * y1 + y2
        off = 0.5 * (y0 - y2) / den if den < 0.0 else 0.0
        out[s, 2] = y1 - 0.25 * (y0 - y2) * off
        out[s, 3] = (m + off) * dt
