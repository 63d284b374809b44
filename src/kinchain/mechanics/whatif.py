"""A whole what-if for one client: every activity × both sides × footwear/gait variants, in
one compiled batch.

Axis convention of :class:`WhatIf` arrays: axis 0 = activity, axis 1 = side (left, right),
axis 2 = variant, axis 3 = joint (:data:`~kinchain.mechanics.chain.JOINTS`), axis 4 = figure
(:data:`~kinchain.mechanics.client.FIGURES`). Baselines (no injuries) have no side axis.
Identical parameter rows are integrated once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kinchain.intake.model import Footwear, Intake
from kinchain.mechanics.chain import (
    ACTIVITIES,
    JOINTS,
    ChainScenario,
    activity_spec,
    chain_constants,
    run_chain,
    scenario_row,
)
from kinchain.mechanics.client import (
    FIGURES,
    _body,
    _figures,
    element_deficits,
    knee_factor,
    pick_shoe,
)
from kinchain.mechanics.weakest_link import DEMAND_FIGURES, tolerance

__all__ = ["Variant", "WhatIf", "default_variants", "what_if"]

SIDES: tuple[str, str] = ("left", "right")


@dataclass(frozen=True)
class Variant:
    """One footwear/gait variant: a shoe (name, ``barefoot``, a Footwear, or None = the
    client's pair for each activity)."""

    shoe: str | Footwear | None = None
    step_rate_pct: float = 0.0
    stride_length_pct: float = 0.0

    @property
    def label(self) -> str:
        """Readable label."""
        shoe = self.shoe.name if isinstance(self.shoe, Footwear) else (self.shoe or "usual shoe")
        return f"{shoe}, step rate {self.step_rate_pct:+g}%, stride {self.stride_length_pct:+g}%"


def default_variants(intake: Intake, /) -> tuple[Variant, ...]:
    """Twenty variants: four shoes (the client's, then barefoot and generic ones) × five step
    rates (−10, −5, 0, +5, +10 %).

    >>> from kinchain.intake.model import Client
    >>> who = Intake(client=Client(name="A", birth_year=1990, sex="female", height_cm=165,
    ...              mass_kg=60), daily_minutes=10)
    >>> len(default_variants(who))
    20
    """
    shoes: list[str | Footwear] = [f.name for f in intake.footwear[:4]]
    extras: list[str | Footwear] = [
        "barefoot",
        Footwear(name="cushioned trainer", kind="athletic", heel_height_mm=30, drop_mm=10,
                 cushioning="high"),
        Footwear(name="minimalist shoe", kind="minimalist", cushioning="none"),
        Footwear(name="high heel", kind="heel", heel_height_mm=63.5, cushioning="none"),
    ]
    for extra in extras:
        if len(shoes) >= 4:
            break
        shoes.append(extra)
    return tuple(Variant(shoe, rate) for shoe in shoes for rate in (-10.0, -5.0, 0.0, 5.0, 10.0))


@dataclass(frozen=True)
class WhatIf:
    """Per-joint figures for every activity × side × variant, client and no-injury baseline."""

    activities: tuple[str, ...]
    sides: tuple[str, ...]
    variants: tuple[Variant, ...]
    figures: np.ndarray  # (activity, side, variant, joint, figure)
    baseline: np.ndarray  # (activity, variant, joint, figure)
    unique_scenarios: int
    weakest: np.ndarray  # (activity, side, variant): index into JOINTS, -1 when none
    margin: np.ndarray  # (activity, side, variant): the weakest link's margin, NaN when none

    @property
    def leak(self) -> np.ndarray:
        """Client minus baseline, same axes as :attr:`figures`."""
        return self.figures - self.baseline[:, None]

    def to_json(self) -> dict[str, Any]:
        """Axis labels and nested lists."""
        return {"activities": list(self.activities), "sides": list(self.sides),
                "variants": [v.label for v in self.variants],
                "figures": np.round(self.figures, 3).tolist(),
                "baseline": np.round(self.baseline, 3).tolist(),
                "weakest_link": [[[JOINTS[i] if i >= 0 else None for i in row] for row in side]
                                 for side in self.weakest.tolist()],
                "margin": np.round(self.margin, 3).tolist()}


def what_if(
    intake: Intake,
    deficits: Mapping[Any, float],
    /,
    *,
    variants: Sequence[Variant] | None = None,
    activities: Sequence[str] | None = None,
    backend: str = "numba",
) -> WhatIf:
    """Every activity × side × variant for one client in one batch, with baselines."""
    mass, sex = _body(intake)
    acts = tuple(activities) if activities is not None else tuple(ACTIVITIES)
    vars_ = tuple(variants) if variants is not None else default_variants(intake)
    specs = [activity_spec(a) for a in acts]
    choices = [[pick_shoe(intake, v.shoe, activity=a) for v in vars_] for a in acts]
    side_d = [element_deficits(deficits, s) for s in SIDES]
    none = (0.0, 0.0, 0.0, 0.0)
    rows, windows, kfs = [], [], []
    for spec, act_choices in zip(specs, choices, strict=True):
        for d in (*side_d, none):
            for v, choice in zip(vars_, act_choices, strict=True):
                scn = ChainScenario(mass, sex, spec, choice.contact, d,  # type: ignore[arg-type]
                                    v.step_rate_pct, v.stride_length_pct)
                rows.append(scenario_row(scn))
                windows.append(spec.window_ms / 1e3)
                kfs.append(knee_factor(choice))
    table = np.stack(rows)
    uniq, inverse = np.unique(table, axis=0, return_inverse=True)
    win = np.zeros(len(uniq))
    win[inverse.ravel()] = windows
    out, _, _ = run_chain(uniq, win, backend=backend)
    full = out[inverse.ravel()]
    fig = _figures(full, mass * 9.81, 1.0)
    fig[:, 1, 0:3] *= np.asarray(kfs)[:, None]  # Kerrigan's heel law on the knee's force figures
    fig = fig.reshape(len(acts), 3, len(vars_), *fig.shape[1:])
    weakest, margin = _weakest(fig[:, :2], fig[:, 2], np.array(side_d),
                               intake.client.life_stage.status)
    return WhatIf(acts, SIDES, vars_, fig[:, :2], fig[:, 2], len(uniq), weakest, margin)


def _weakest(client: np.ndarray, base: np.ndarray, deficits: np.ndarray, life_stage: str
             ) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`~kinchain.mechanics.weakest_link.find_weakest_link` (same rule)."""
    b = base[:, None]
    cols = [FIGURES.index(k) for k in DEMAND_FIGURES]
    weight = np.array([chain_constants().demand_weight[k] for k in DEMAND_FIGURES])
    with np.errstate(divide="ignore", invalid="ignore"):
        rise = np.where(b[..., cols] > 0, (client[..., cols] - b[..., cols]) / b[..., cols], 0.0)
    added = np.maximum((rise * weight).max(axis=-1), 0.0)  # (activity, side, variant, joint)
    tol = np.array([[tolerance(j, float(deficits[s, i]), life_stage=life_stage)
                     for i, j in enumerate(JOINTS)] for s in range(len(SIDES))])
    tol_b = tol[None, :, None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(tol_b > 0, added / tol_b, np.inf)
    injured = deficits > 0  # (side, joint)
    lowest = np.where(injured.any(axis=1), injured.argmax(axis=1), len(JOINTS))
    above = np.arange(len(JOINTS))[None, :] > lowest[:, None]  # (side, joint)
    ratio = np.where(above[None, :, None, :], ratio, -np.inf)
    idx = ratio.argmax(axis=-1)
    best = np.take_along_axis(ratio, idx[..., None], axis=-1)[..., 0]
    none = np.isneginf(best)
    return np.where(none, -1, idx), np.where(none, np.nan, 1.0 - best)
