"""The mechanics section: plots and one-line readings from a client simulation's JSON form.

The simulation's JSON (``ClientSimulation.to_json()``, docs/architecture.md) holds ``joints``
(peak force, energy absorbed, each with a ``baseline``) and the series for plots. Readings only
describe the numbers; they judge nothing the mechanics engine has not already computed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kinchain.report.bodymap import site_label
from kinchain.report.citations import Citations
from kinchain.report.context import trail_view
from kinchain.report.plots import energy_bars_svg, grf_curve_svg, joint_forces_svg

__all__ = ["mechanics_view", "percent_change", "reading_of_change"]

_GRF_KEYS = ("grf_n", "ground_reaction_n", "grf")
_BASE_GRF_KEYS = ("baseline_grf_n", "grf_baseline_n")


def percent_change(client: float, baseline: float) -> float | None:
    """Relative change of client against baseline in percent (None when the baseline is 0).

    >>> percent_change(110.0, 100.0), percent_change(1.0, 0.0)
    (10.0, None)
    """
    if baseline == 0:
        return None
    return round(100.0 * (client - baseline) / baseline, 1)


def reading_of_change(what: str, client: float, baseline: float, unit: str) -> str:
    """One plain sentence comparing a figure with its no-injury baseline.

    >>> reading_of_change("Peak force", 1210.0, 1100.0, "N")
    'Peak force: 1210 N, 10% more than the same body without the old injuries (1100 N).'
    """
    pct = percent_change(client, baseline)
    fmt = "{:.0f}" if abs(baseline) >= 10 else "{:.2f}"
    c, b = fmt.format(client), fmt.format(baseline)
    if pct is None or abs(pct) < 1.0:
        return f"{what}: {c} {unit}, about the same as without the old injuries ({b} {unit})."
    more = "more" if pct > 0 else "less"
    return (
        f"{what}: {c} {unit}, {abs(pct):.0f}% {more} than the same body without the old "
        f"injuries ({b} {unit})."
    )


def energy_reading(energy: Sequence[tuple[str, float, float]], /) -> str:
    """Where the client absorbs the most less, and the most more, than the no-injury baseline.

    >>> energy_reading([("left ankle", 0.6, 1.0), ("left hip", 9.9, 7.1)])  # doctest: +ELLIPSIS
    'Energy absorbed: 40% less at the left ankle (0.60 J against 1.00 J) and 39% more at the...'
    """
    known = sorted(
        (pct, label, c, b)
        for label, c, b in energy
        if (pct := percent_change(c, b)) is not None and abs(pct) >= 1.0
    )
    parts = [
        f"{abs(pct):.0f}% {'less' if pct < 0 else 'more'} at the {label} ({c:.2f} J against "
        f"{b:.2f} J)"
        for pct, label, c, b in (known[:1] + known[-1:] if len(known) > 1 else known)
        if pct != 0
    ]
    if not parts:
        return "Energy absorbed: about the same at every joint as without the old injuries."
    if len(known) > 1 and known[0][0] > 0:  # every joint absorbs more: name the largest only
        parts = parts[-1:]
    elif len(known) > 1 and known[-1][0] < 0:  # every joint absorbs less
        parts = parts[:1]
    return f"Energy absorbed: {' and '.join(parts)} than in the same body without the old injuries."


def _numbers(raw: Any) -> list[float] | None:
    if isinstance(raw, Sequence) and not isinstance(raw, str) and raw:
        try:
            return [float(v) for v in raw]
        except (TypeError, ValueError):
            return None
    return None


def _first(d: Mapping[str, Any], keys: Sequence[str]) -> list[float] | None:
    for k in keys:
        if (v := _numbers(d.get(k))) is not None:
            return v
    return None


def _joint_key(raw: Any) -> tuple[str, str | None] | None:
    if isinstance(raw, Mapping) and raw.get("site"):
        return (str(raw["site"]), raw.get("side"))
    if isinstance(raw, str):
        site, _, side = raw.partition(":")
        return (site, side or None)
    return None


def _joint_series(
    series: Mapping[str, Any], side: str | None
) -> dict[str, tuple[list[float], list[float] | None]]:
    """Per-joint force series in one of the shapes the engine may use, keyed by label.

    A joint named without a side is on the simulated stance ``side``.
    """
    out: dict[str, tuple[list[float], list[float] | None]] = {}
    raw = series.get("joints") or series.get("joint_force_n") or series.get("joint_forces_n")
    items: list[tuple[Any, Any]] = []
    if isinstance(raw, Mapping):
        items = list(raw.items())
    elif isinstance(raw, Sequence):
        items = [(j, j) for j in raw if isinstance(j, Mapping)]
    base_raw = series.get("baseline_joint_force_n") or series.get("baseline_joints")
    for key, value in items:
        where = _joint_key(key)
        client = base = None
        if isinstance(value, Mapping):
            client = _first(value, ("force_n", "client", "client_n", "client_force_n"))
            base = _first(value, ("baseline_force_n", "baseline", "baseline_n"))
        else:
            client = _numbers(value)
            if isinstance(base_raw, Mapping):
                base = _numbers(base_raw.get(key))
        if where and client:
            out[site_label(where[0], where[1] or side)] = (client, base)
    return out


def _grf_figure(
    series: Mapping[str, Any], time_ms: list[float] | None, body_weight_n: Any
) -> dict[str, str] | None:
    """The ground reaction force curve, against the no-injury baseline when there is one."""
    grf = _first(series, _GRF_KEYS)
    base_grf = _first(series, _BASE_GRF_KEYS)
    baseline = series.get("baseline")
    if base_grf is None and isinstance(baseline, Mapping):
        base_grf = _first(baseline, _GRF_KEYS)
    if not (time_ms and grf and len(grf) == len(time_ms)):
        return None
    reading = ""
    if base_grf:
        reading = reading_of_change("Peak ground reaction force", max(grf), max(base_grf), "N")
    return {
        "id": "plot-grf",
        "title": "Ground reaction force: how hard the ground pushes back",
        "svg": grf_curve_svg(time_ms, grf, base_grf, body_weight_n=body_weight_n),
        "reading": reading,
    }


def _joints_figure(
    series: Mapping[str, Any], side: Any, time_ms: list[float] | None, body_weight_n: Any
) -> dict[str, str] | None:
    """The force through each joint of the stance leg, read at the largest change."""
    per_joint = _joint_series(series, side)
    if not (time_ms and per_joint):
        return None
    deltas = [(max(c) - max(b), label, max(c), max(b)) for label, (c, b) in per_joint.items() if b]
    reading = ""
    if deltas:
        _, label, c, b = max(deltas, key=lambda d: abs(d[0]))
        reading = reading_of_change(f"Largest change, peak force at the {label}", c, b, "N")
    return {
        "id": "plot-joints",
        "title": "Force through each joint of the stance leg (BW = body weight)",
        "svg": joint_forces_svg(time_ms, per_joint, body_weight_n=body_weight_n),
        "reading": reading,
    }


def _energy(joints: Sequence[Mapping[str, Any]]) -> list[tuple[str, float, float]]:
    """(joint label, energy absorbed, the same at the no-injury baseline) per joint."""
    return [
        (
            site_label(str(j["site"]), j.get("side")),
            float(j["energy_absorbed_j"]),
            float((j.get("baseline") or {}).get("energy_absorbed_j", 0.0)),
        )
        for j in joints
        if j.get("site") and isinstance(j.get("energy_absorbed_j"), int | float)
    ]


def _energy_figure(energy: Sequence[tuple[str, float, float]]) -> dict[str, str] | None:
    if not energy:
        return None
    return {
        "id": "plot-energy",
        "title": "Energy each joint absorbs in one stance",
        "svg": energy_bars_svg(
            [e[0] for e in energy], [e[1] for e in energy], [e[2] for e in energy]
        ),
        "reading": energy_reading(energy),
    }


def _table(joints: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row of figures per joint, each with its no-injury baseline."""
    return [
        {
            "joint": site_label(str(j["site"]), j.get("side")),
            "peak_force_n": j.get("peak_force_n"),
            "peak_force_bw": j.get("peak_force_bw"),
            "loading_rate_bw_s": j.get("loading_rate_bw_s"),
            "energy_absorbed_j": j.get("energy_absorbed_j"),
            "energy_passed_j": j.get("energy_passed_j"),
            "baseline": j.get("baseline") or {},
        }
        for j in joints
        if j.get("site")
    ]


def _weakest_link_label(link: Any) -> str:
    if isinstance(link, Mapping) and link.get("site"):
        return site_label(str(link["site"]), link.get("side"))
    return ""


def mechanics_view(
    simulation: Mapping[str, Any] | None, cites: Citations
) -> dict[str, Any] | None:
    """Plots (inline SVG) and readings for the page, or None when there is no simulation."""
    if not simulation:
        return None
    series = (
        simulation.get("series") if isinstance(simulation.get("series"), Mapping) else simulation
    )
    assert isinstance(series, Mapping)
    time_ms = _first(series, ("time_ms",))
    body_weight_n = simulation.get("body_weight_n") or None
    joints = [j for j in simulation.get("joints") or () if isinstance(j, Mapping)]
    drawn = (
        _grf_figure(series, time_ms, body_weight_n),
        _joints_figure(series, simulation.get("side"), time_ms, body_weight_n),
        _energy_figure(_energy(joints)),
    )
    link = simulation.get("weakest_link")
    return {
        "activity": str(simulation.get("activity") or ""),
        "chosen_because": str(simulation.get("chosen_because") or ""),
        "side": str(simulation.get("side") or ""),
        "shoe": str(simulation.get("shoe") or ""),
        "figures": [f for f in drawn if f is not None],
        "table": _table(joints),
        "weakest_link": _weakest_link_label(link),
        "body_weight_n": body_weight_n,
        "note": str(simulation.get("note") or ""),
        "window_note": str(series.get("window_note") or ""),
        "trail": trail_view(simulation.get("trail"), cites),
        "link_trail": trail_view(link.get("trail"), cites) if isinstance(link, Mapping) else [],
    }
