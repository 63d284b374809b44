"""Mechanics use cases: the reference model run (and, from the chain model, a client's run).

One function per use case; the CLI, the report and the tests call these and hold no logic.

The chain model's use case joins this module as ``simulate_client_file(path, /, *, activity,
side=None, shoe=None, step_rate_pct=0.0, stride_length_pct=0.0, as_of=None)`` returning an
object with ``to_json()``; ``kinchain simulate --intake`` finds it here by name and says "not
available yet" until it exists, and draws ``--plot`` from the JSON's ``series`` (``time_ms``,
``grf_n``, ``baseline_grf_n`` or ``baseline.grf_n``) with :func:`plot_simulation_json`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kinchain.errors import SimulationError
from kinchain.intake import Intake
from kinchain.mechanics import ClientSimulation, ReferenceResult, simulate_client, simulate_liu_nigg
from kinchain.report.plots import grf_plot
from kinchain.services.evaluate import default_side
from kinchain.services.intake import load_client
from kinchain.tissue import TissueState, tissue_state

__all__ = [
    "plot_reference",
    "plot_simulation_json",
    "simulate_client_file",
    "simulate_gait_change",
    "simulate_reference",
]


def simulate_reference(
    *,
    shoe: str = "hard",
    touchdown_velocity_m_s: float | None = None,
    lower_velocity_m_s: float | None = None,
    upper_velocity_m_s: float | None = None,
    midsole: str | None = None,
) -> ReferenceResult:
    """Run Liu & Nigg (2000) for a shoe; one touchdown velocity for all masses, or lower/upper.

    >>> simulate_reference(shoe="soft", touchdown_velocity_m_s=0.6).impact_peak_ms < 30
    True
    """
    if touchdown_velocity_m_s is not None and (
        lower_velocity_m_s is not None or upper_velocity_m_s is not None
    ):
        raise SimulationError(
            "touchdown_velocity_m_s: expected either one touchdown velocity or lower/upper "
            "velocities, received both"
        )
    for name, value in (
        ("touchdown_velocity_m_s", touchdown_velocity_m_s),
        ("lower_velocity_m_s", lower_velocity_m_s),
        ("upper_velocity_m_s", upper_velocity_m_s),
    ):
        if value is not None and not 0.0 <= value <= 10.0:
            raise SimulationError(f"{name}: expected 0..10 m/s (downwards), received {value}")
    if touchdown_velocity_m_s is not None:
        lower_velocity_m_s = upper_velocity_m_s = touchdown_velocity_m_s
    return simulate_liu_nigg(
        shoe=shoe,
        lower_velocity_m_s=lower_velocity_m_s,
        upper_velocity_m_s=upper_velocity_m_s,
        midsole=midsole,
    )


def plot_reference(result: ReferenceResult, path: str | os.PathLike[str], /) -> Path:
    """Draw a reference run's force curve with its peaks to a PNG or SVG file."""
    marks = [(result.impact_peak_ms, result.impact_peak_n, "impact peak")]
    if result.active_peak_n is not None and result.active_peak_ms is not None:
        marks.append((result.active_peak_ms, result.active_peak_n, "active peak"))
    end = result.time_ms.size
    if result.contact_time_ms is not None:
        end = int(result.time_ms.searchsorted(result.contact_time_ms)) + 1
    shoe = result.shoe + (f" + {result.midsole}" if result.midsole else "")
    curve = (result.time_ms[:end].tolist(), result.grf_n[:end].tolist())
    return _plot(
        {f"Liu & Nigg 2000, {shoe} shoe": curve},
        path,
        body_weight_n=result.body_weight_n,
        marks=marks,
        title=f"Liu & Nigg (2000) reference model, {shoe} shoe: vertical ground reaction force",
    )


def plot_simulation_json(data: Mapping[str, Any], path: str | os.PathLike[str], /) -> Path:
    """Draw the force curve(s) of a simulation's JSON form (client and no-injury baseline).

    Reads ``time_ms`` and ``grf_n`` from ``data["series"]`` (or ``data``), and the baseline
    from ``baseline_grf_n`` or ``baseline.grf_n`` when present.
    """
    series = data.get("series") if isinstance(data.get("series"), Mapping) else data
    assert isinstance(series, Mapping)
    time_ms = _numbers(series.get("time_ms"))
    grf = _numbers(series.get("grf_n"))
    if not time_ms or len(time_ms) != len(grf):
        raise SimulationError("series: expected time_ms and grf_n of equal length, received none")
    curves: dict[str, tuple[Sequence[float], Sequence[float]]] = {"client": (time_ms, grf)}
    raw_base = series.get("baseline_grf_n")
    if raw_base is None and isinstance(series.get("baseline"), Mapping):
        raw_base = series["baseline"].get("grf_n")
    base = _numbers(raw_base)
    if base and len(base) == len(time_ms):
        curves["no-injury baseline"] = (time_ms, base)
    body_weight = data.get("body_weight_n")
    return _plot(curves, path, body_weight_n=float(body_weight) if body_weight else None)


def _numbers(value: Any) -> list[float]:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) > 1:
        return [float(v) for v in value]
    return []


def _plot(
    curves: Mapping[str, tuple[Sequence[float], Sequence[float]]],
    path: str | os.PathLike[str],
    *,
    body_weight_n: float | None,
    marks: Sequence[tuple[float, float, str]] = (),
    title: str = "Vertical ground reaction force",
) -> Path:
    try:
        return grf_plot(curves, path, body_weight_n=body_weight_n, marks=marks, title=title)
    except ValueError as e:
        raise SimulationError(f"plot: {e}") from None


def simulate_client_file(
    path: str | os.PathLike[str],
    /,
    *,
    activity: str,
    side: str | None = None,
    shoe: str | None = None,
    step_rate_pct: float = 0.0,
    stride_length_pct: float = 0.0,
    as_of: dt.date | None = None,
) -> ClientSimulation:
    """Run the kinetic chain for the client in an intake file, against her no-injury baseline.

    Deficits come from :func:`kinchain.tissue.tissue_state` on ``as_of`` (default today); the
    shoe (a name from the intake, or ``barefoot``) defaults to the client's pair worn for this
    activity (:func:`kinchain.mechanics.client_choice.shoe_for_activity`: the athletic pair for
    a jog even when office shoes are worn longer); the side to the side of the worst lower-limb
    deficit (left when there is none).
    """
    day = as_of or dt.date.today()
    intake = load_client(path, as_of=day)  # the same day the assessment checks dates against
    state = tissue_state(intake, as_of=day)
    return _run(intake, state, activity=activity, side=side, shoe=shoe,
                step_rate_pct=step_rate_pct, stride_length_pct=stride_length_pct)  # fmt: skip


def _run(
    intake: Intake,
    state: TissueState,
    /,
    *,
    activity: str,
    side: str | None,
    shoe: str | None,
    step_rate_pct: float = 0.0,
    stride_length_pct: float = 0.0,
) -> ClientSimulation:
    """One chain run of a loaded client (side None: the side of her worst deficit)."""
    side = side or default_side(state.deficits())
    return simulate_client(
        intake,
        state.deficits(),
        activity=activity,
        side=side,
        shoe=shoe,
        step_rate_pct=step_rate_pct,
        stride_length_pct=stride_length_pct,
    )


def simulate_gait_change(
    path: str | os.PathLike[str],
    /,
    *,
    activity: str,
    side: str | None = None,
    shoe: str | None = None,
    step_rate_pct: float = 0.0,
    stride_length_pct: float = 0.0,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """A gait change for the client, before -> after: the JSON of the run with the change,
    plus ``gait_change`` holding the change in percent and the ``usual`` gait's ``joints`` and
    ``weakest_link`` (the same client, shoe and side at her usual step rate and stride)."""
    day = as_of or dt.date.today()
    intake = load_client(path, as_of=day)  # read and checked once for both runs
    state = tissue_state(intake, as_of=day)
    usual = _run(intake, state, activity=activity, side=side, shoe=shoe).to_json()
    changed = _run(intake, state, activity=activity, side=usual["side"], shoe=shoe,
                   step_rate_pct=step_rate_pct,
                   stride_length_pct=stride_length_pct).to_json()  # fmt: skip
    changed["gait_change"] = {
        "step_rate_pct": float(step_rate_pct),
        "stride_length_pct": float(stride_length_pct),
        "usual": {"joints": usual["joints"], "weakest_link": usual["weakest_link"]},
    }
    return changed
