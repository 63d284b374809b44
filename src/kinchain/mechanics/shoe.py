"""The shoe stage (Ly et al. 2010): a shoe mass below the foot and a nonlinear midsole law.

How footwear enters the mechanics. With a shoe stage the Liu & Nigg chain gains a fifth mass
m5 (the shoe, 0.30 kg) between m1 and the ground:

    m1 ──[midsole: Fs(δ, δ̇), δ = x1 − x5]── m5 ──[Liu & Nigg ground law on x5]── ground

    Fs = k6·δ·(δ/R0)^(b6−1) + c6·δ̇   for δ > 0, clipped at 0 (a midsole pushes, never pulls)
    Fs = 0                            for δ ≤ 0

with R0 = 40 mm. Two choices here are kinchain's, not the paper's, and are labelled so:

* **Units.** The evidence pack marks the units of k6 and c6 *[verify]*. Read in N/m, k6 = 222
  would let a midsole carry under 1 N at 1 cm compression, which is impossible for a shoe; read
  in kN/m (= N/mm) it carries about 0.4-1.5 kN at 10-18 mm, the range of a running midsole. c6
  is read in N·s/m, which makes its damping force (about 1 kN at 1 m/s) comparable to the Liu &
  Nigg ground damping. ``stiffness_unit_n_per_m`` in ``reference_params.yaml`` holds that factor.
* **Where the ground law sits.** The shoe mass meets the ground through the Liu & Nigg ground law
  (the only ground law the evidence pack gives); the midsole is in series above it, so adding a
  shoe stage always adds compliance. Ly et al.'s own contact arrangement is not in the abstract.

Only the direction of footwear effects (harder midsole, higher impact peak) is a claim here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kinchain.errors import SimulationError, one_of
from kinchain.mechanics._layout import reference_params

__all__ = ["SHOES", "Midsole", "ShoeStage", "midsole_force", "shoe_stage"]


@dataclass(frozen=True)
class Midsole:
    """One published midsole: ``Fs = k6·δ·(δ/R0)^(b6−1) + c6·δ̇`` (SI: N/m, N·s/m, m)."""

    name: str
    label: str
    k6_n_per_m: float
    b6: float
    c6_n_s_per_m: float
    r0_m: float


@dataclass(frozen=True)
class ShoeStage:
    """The shoe stage's constants and the midsoles it offers, with their citation keys."""

    shoe_mass_kg: float
    reference_radius_m: float
    midsoles: Mapping[str, Midsole]
    cite: tuple[str, ...]
    note: str


@cache
def shoe_stage() -> ShoeStage:
    """The bundled shoe stage (read from ``reference_params.yaml`` once)."""
    sec = reference_params().shoe_stage
    r0 = sec.reference_radius_m
    midsoles = {
        name: Midsole(
            name=name,
            label=name if raw.label is None else raw.label,
            k6_n_per_m=raw.k6 * sec.stiffness_unit_n_per_m,
            b6=raw.b6,
            c6_n_s_per_m=raw.c6_n_s_per_m,
            r0_m=r0,
        )
        for name, raw in sec.midsoles.items()
    }
    return ShoeStage(
        shoe_mass_kg=sec.shoe_mass_kg,
        reference_radius_m=r0,
        midsoles=MappingProxyType(midsoles),
        cite=sec.cite,
        note=sec.note,
    )


class _Shoes(Mapping[str, Midsole]):
    """Read-only view of the bundled midsoles, loaded on first use (no I/O on import)."""

    def __getitem__(self, name: str) -> Midsole:
        midsoles = shoe_stage().midsoles
        if name not in midsoles:
            raise SimulationError(
                f"midsole: expected {one_of(sorted(midsoles))}, received {name!r}"
            )
        return midsoles[name]

    def __iter__(self) -> Iterator[str]:
        return iter(shoe_stage().midsoles)

    def __len__(self) -> int:
        return len(shoe_stage().midsoles)


#: The published midsoles by name (``midsole_a`` .. ``midsole_d``, in the paper's order).
SHOES: Mapping[str, Midsole] = _Shoes()


def midsole_force(
    compression_m: ArrayLike, rate_m_s: ArrayLike, /, *, midsole: Midsole
) -> NDArray[np.float64]:
    """The midsole force in N for a compression δ (m, positive = squeezed) and its rate (m/s).

    Zero where the midsole is not compressed; never negative (no pulling).

    >>> sole = Midsole("demo", "demo", k6_n_per_m=222e3, b6=2.168, c6_n_s_per_m=914.0, r0_m=0.04)
    >>> midsole_force([0.0, 0.01, 0.01], [0.0, 0.0, 1.0], midsole=sole).round(1).tolist()
    [0.0, 439.7, 1353.7]
    """
    delta = np.asarray(compression_m, dtype=np.float64)
    rate = np.asarray(rate_m_s, dtype=np.float64)
    squeezed = delta > 0.0
    safe = np.where(squeezed, delta, midsole.r0_m)
    elastic = midsole.k6_n_per_m * safe * np.power(safe / midsole.r0_m, midsole.b6 - 1.0)
    force = np.maximum(elastic + midsole.c6_n_s_per_m * rate, 0.0)
    return np.where(squeezed, force, 0.0)
