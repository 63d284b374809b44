"""Numerical helpers of the tissue model: small pure functions, each with a worked example.

Fractions are in 0..1 throughout; days are whole days since the injury.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

__all__ = [
    "after_recurrences",
    "combine_deficits",
    "interpolate_recovery",
    "phase_at",
    "stability_contribution",
]


def interpolate_recovery(points: Sequence[tuple[int, float]], /, days: float) -> float:
    """Strength regained after ``days``, read off a piecewise-linear curve of (day, fraction).

    Before the first point the first fraction holds; after the last point the last fraction
    (the plateau) holds, so the result never passes the plateau.

    >>> curve = [(0, 0.0), (84, 0.6), (280, 0.75), (546, 0.8)]
    >>> interpolate_recovery(curve, days=42)
    0.3
    >>> interpolate_recovery(curve, days=84)
    0.6
    >>> interpolate_recovery(curve, days=10_000)
    0.8
    """
    if not points:
        raise ValueError("points: expected at least one (day, fraction) point, got none")
    if days <= points[0][0]:
        return float(points[0][1])
    for (d0, f0), (d1, f1) in pairwise(points):
        if days <= d1:
            return round(f0 + (f1 - f0) * (days - d0) / (d1 - d0), 12)
    return float(points[-1][1])


def phase_at(phase_ends: Sequence[tuple[str, int]], /, days: float) -> str:
    """The healing phase ``days`` after an injury; ``"plateau"`` once the last phase has ended.

    Each phase runs up to and including its end day.

    >>> ends = [("inflammation", 7), ("proliferation", 42), ("remodelling", 546)]
    >>> phase_at(ends, days=3), phase_at(ends, days=14), phase_at(ends, days=100)
    ('inflammation', 'proliferation', 'remodelling')
    >>> phase_at(ends, days=600)
    'plateau'
    """
    for name, end_day in phase_ends:
        if days <= end_day:
            return name
    return "plateau"


def after_recurrences(instability: float, /, recurrences: int, *, per_episode: float) -> float:
    """Functional instability after ``recurrences`` later episodes.

    Each episode takes away ``per_episode`` of the stability that is left:
    ``1 - (1 - f) * (1 - per_episode) ** recurrences``. The result rises with every episode and
    stays below 1.

    >>> after_recurrences(0.24, 0, per_episode=0.25)
    0.24
    >>> round(after_recurrences(0.24, 3, per_episode=0.25), 4)
    0.6794
    """
    if recurrences < 0:
        raise ValueError(f"recurrences: {recurrences} is below 0")
    return 1.0 - (1.0 - instability) * (1.0 - per_episode) ** recurrences


def stability_contribution(mechanical: float, functional: float, /, *, share: float) -> float:
    """One injury's contribution to its joint's stability deficit.

    The structure's mechanical deficit counts in proportion to its ``share`` of the joint's
    passive stability; the functional instability counts in full; the two combine as
    independent losses: ``1 - (1 - share * mechanical) * (1 - functional)``.

    >>> round(stability_contribution(0.12, 0.68, share=0.5), 4)
    0.6992
    >>> stability_contribution(0.0, 0.0, share=0.5)
    0.0
    """
    return 1.0 - (1.0 - share * mechanical) * (1.0 - functional)


def combine_deficits(deficits: Iterable[float], /) -> float:
    """Aggregate several injuries' deficits at one joint: ``1 - prod(1 - d_i)``.

    Each injury removes a fraction of the stability the others left. The result is 0 with no
    injuries, never below the largest single deficit, and never above 1.

    >>> combine_deficits([])
    0.0
    >>> combine_deficits([0.5, 0.5])
    0.75
    """
    remaining = 1.0
    for d in deficits:
        remaining *= 1.0 - min(1.0, max(0.0, d))
    return 1.0 - remaining
