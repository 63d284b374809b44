"""The reference model: Liu & Nigg (2000), four masses on a nonlinear heel-pad/shoe ground law.

x is positive downwards; m1/m2 are the lower body's rigid and wobbling masses, m3/m4 the upper
body's. Springs: k1 m1–m3 (with damper c1), k2 m1–m2 (c2), k3 m2–m3, k4 ∥ k5 m3–m4 (c4 with
k4). Ground: ``Fg = Ac·[a·x1^b + c·x1^d·ẋ1^e]`` for x1 > 0, else 0, with the published hard
and soft shoe fits. At touchdown every spring is at rest length and each mass moves down at its
touchdown velocity (lower body m1, m2 and upper body m3, m4 may differ). Optionally the Ly et
al. (2010) shoe stage (:mod:`kinchain.mechanics.shoe`) puts a shoe mass and a midsole below m1.

The constants live in ``reference_params.yaml`` with their citations. The published impact
peak (1353 N at about 23 ms) is known not to be reproducible and is not a target here; see
``docs/validation.md`` for what this implementation gives, cross-checked with SciPy.
The integration itself is in :mod:`kinchain.mechanics.batch` (layout described there).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np

from kinchain.errors import DataFileError, SimulationError, one_of
from kinchain.mechanics import _layout as L
from kinchain.mechanics.batch import BatchResult, simulate_batch
from kinchain.mechanics.shoe import SHOES, shoe_stage

__all__ = ["LN_SHOES", "LiuNiggParams", "ReferenceResult", "reference_cite", "simulate_liu_nigg"]

ShoeName = Literal["hard", "soft"]
LN_SHOES: tuple[str, ...] = ("hard", "soft")


@dataclass(frozen=True)
class LiuNiggParams:
    """Every parameter of one reference-model scenario (SI units; a parameter object only)."""

    m1_kg: float
    m2_kg: float
    m3_kg: float
    m4_kg: float
    k1_n_per_m: float
    k2_n_per_m: float
    k3_n_per_m: float
    k4_n_per_m: float
    k5_n_per_m: float
    c1_n_s_per_m: float
    c2_n_s_per_m: float
    c4_n_s_per_m: float
    ground_area_factor: float
    ground_a: float
    ground_b: float
    ground_c: float
    ground_d: float
    ground_e: float
    v1_m_s: float
    v2_m_s: float
    v3_m_s: float
    v4_m_s: float
    gravity_m_s2: float
    m5_kg: float = 0.0  # 0 = no shoe stage
    k6_n_per_m: float = 0.0
    b6: float = 1.0
    c6_n_s_per_m: float = 0.0
    r0_m: float = 0.0

    @classmethod
    def published(
        cls,
        *,
        shoe: str = "hard",
        lower_velocity_m_s: float | None = None,
        upper_velocity_m_s: float | None = None,
        midsole: str | None = None,
    ) -> LiuNiggParams:
        """The published constants for a shoe, optionally other touchdown velocities / midsole.

        >>> p = LiuNiggParams.published(shoe="soft", lower_velocity_m_s=1.0)
        >>> (p.ground_b, p.v1_m_s, p.v3_m_s, round(p.body_mass_kg, 2))
        (1.56, 1.0, 0.6, 75.07)
        """
        base = _published(shoe)
        lower = base.v1_m_s if lower_velocity_m_s is None else float(lower_velocity_m_s)
        upper = base.v3_m_s if upper_velocity_m_s is None else float(upper_velocity_m_s)
        out = dataclasses.replace(base, v1_m_s=lower, v2_m_s=lower, v3_m_s=upper, v4_m_s=upper)
        if midsole is not None:
            sole = SHOES[midsole]
            out = dataclasses.replace(
                out,
                m5_kg=shoe_stage().shoe_mass_kg,
                k6_n_per_m=sole.k6_n_per_m,
                b6=sole.b6,
                c6_n_s_per_m=sole.c6_n_s_per_m,
                r0_m=sole.r0_m,
            )
        return out

    @property
    def body_mass_kg(self) -> float:
        """m1 + m2 + m3 + m4 (the shoe is not body mass)."""
        return self.m1_kg + self.m2_kg + self.m3_kg + self.m4_kg

    def to_row(self) -> np.ndarray:
        """This scenario as one row of a batch (columns ``PARAM_NAMES``)."""
        return np.array([getattr(self, name) for name in L.PARAM_NAMES], dtype=np.float64)


@cache
def _published(shoe: str) -> LiuNiggParams:
    if shoe not in LN_SHOES:
        raise SimulationError(f"shoe: expected {one_of(LN_SHOES)}, received {shoe!r}")
    sec = L.reference_params().liu_nigg
    ms, ks, cs, ground = sec.masses_kg, sec.springs_n_per_m, sec.dampers_n_s_per_m, sec.ground
    if shoe not in ground.shoes:
        raise DataFileError(L.DATA_FILE, f"liu_nigg.ground.shoes.{shoe}", "missing")
    fit, v0 = ground.shoes[shoe], sec.touchdown_velocity_m_s
    return LiuNiggParams(
        m1_kg=ms.m1, m2_kg=ms.m2, m3_kg=ms.m3, m4_kg=ms.m4,
        k1_n_per_m=ks.k1, k2_n_per_m=ks.k2, k3_n_per_m=ks.k3, k4_n_per_m=ks.k4,
        k5_n_per_m=ks.k5,
        c1_n_s_per_m=cs.c1, c2_n_s_per_m=cs.c2, c4_n_s_per_m=cs.c4,
        ground_area_factor=ground.area_factor, ground_a=ground.a, ground_b=fit.b,
        ground_c=ground.c, ground_d=fit.d, ground_e=ground.e,
        v1_m_s=v0, v2_m_s=v0, v3_m_s=v0, v4_m_s=v0,
        gravity_m_s2=sec.gravity_m_s2,
    )  # fmt: skip


def reference_cite(*, midsole: bool = False) -> tuple[str, ...]:
    """The citation keys behind the reference model's constants (from the data file)."""
    keys = L.reference_params().liu_nigg.cite
    return keys + shoe_stage().cite if midsole else keys


@dataclass(frozen=True)
class ReferenceResult:
    """One reference-model run: the peaks, the contact time and the force curve."""

    params: LiuNiggParams
    shoe: str
    midsole: str | None
    body_weight_n: float
    impact_peak_n: float
    impact_peak_ms: float
    active_peak_n: float | None  # None when the curve has no second peak
    active_peak_ms: float | None
    contact_time_ms: float | None  # None: still on the ground at the end of the run
    time_ms: np.ndarray
    grf_n: np.ndarray
    cite: tuple[str, ...]

    @property
    def impact_peak_bw(self) -> float:
        """The impact peak in body weights."""
        return self.impact_peak_n / self.body_weight_n

    @property
    def active_peak_bw(self) -> float | None:
        """The active peak in body weights (None without a second peak)."""
        return None if self.active_peak_n is None else self.active_peak_n / self.body_weight_n

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``--json`` (the force curve runs to the end of contact)."""
        end = self.time_ms.size
        if self.contact_time_ms is not None:
            end = int(np.searchsorted(self.time_ms, self.contact_time_ms)) + 1
        return {
            "model": "liu-nigg",
            "shoe": self.shoe,
            "midsole": self.midsole,
            "lower_velocity_m_s": self.params.v1_m_s,
            "upper_velocity_m_s": self.params.v3_m_s,
            "body_weight_n": round(self.body_weight_n, 3),
            "impact_peak_n": round(self.impact_peak_n, 3),
            "impact_peak_bw": round(self.impact_peak_bw, 4),
            "impact_peak_ms": round(self.impact_peak_ms, 3),
            "active_peak_n": _r(self.active_peak_n, 3),
            "active_peak_bw": _r(self.active_peak_bw, 4),
            "active_peak_ms": _r(self.active_peak_ms, 3),
            "contact_time_ms": _r(self.contact_time_ms, 3),
            "left_ground": self.contact_time_ms is not None,
            "time_ms": [round(float(t), 4) for t in self.time_ms[:end]],
            "grf_n": [round(float(f), 3) for f in self.grf_n[:end]],
            "cite": list(self.cite),
        }


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _opt(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def simulate_liu_nigg(
    *,
    shoe: str = "hard",
    lower_velocity_m_s: float | None = None,
    upper_velocity_m_s: float | None = None,
    midsole: str | None = None,
    params: LiuNiggParams | None = None,
    dt_s: float = 1e-4,
    duration_s: float = 0.4,
    backend: str = "numba",
) -> ReferenceResult:
    """Run the reference model once. Velocities default to the published 0.6 m/s.

    ``params`` overrides everything else (for sensitivity studies, e.g. a heavier m1).

    >>> hard = simulate_liu_nigg(shoe="hard", backend="numpy")
    >>> soft = simulate_liu_nigg(shoe="soft", backend="numpy")
    >>> hard.impact_peak_n > soft.impact_peak_n and hard.impact_peak_ms < 40
    True
    """
    p = params or LiuNiggParams.published(
        shoe=shoe,
        lower_velocity_m_s=lower_velocity_m_s,
        upper_velocity_m_s=upper_velocity_m_s,
        midsole=midsole,
    )
    out: BatchResult = simulate_batch(
        p.to_row()[None, :], dt_s=dt_s, duration_s=duration_s, backend=backend
    )
    impact = float(out.impact_peak_n[0])
    if np.isnan(impact):
        raise SimulationError(
            f"duration_s: expected a run long enough for an impact peak, received {duration_s} s"
        )
    return ReferenceResult(
        params=p,
        shoe=shoe,
        midsole=midsole,
        body_weight_n=float(out.body_weight_n[0]),
        impact_peak_n=impact,
        impact_peak_ms=float(out.impact_peak_ms[0]),
        active_peak_n=_opt(out.active_peak_n[0]),
        active_peak_ms=_opt(out.active_peak_ms[0]),
        contact_time_ms=_opt(out.contact_time_ms[0]),
        time_ms=out.time_ms,
        grf_n=out.grf_n[0],
        cite=reference_cite(midsole=p.m5_kg > 0.0),
    )
