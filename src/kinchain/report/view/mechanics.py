"""The view of the mechanics: one client simulation's figures, readings and table.

The readings only describe the numbers; they judge nothing the mechanics engine has not already
computed. Numbers keep the three decimals the simulation publishes (``ClientSimulation.to_json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from kinchain.mechanics import ClientSimulation, activity_spec
from kinchain.mechanics.client import FIGURES, MODEL_NOTE, JointResult, window_note
from kinchain.report.citations import Citations
from kinchain.report.view.findings import trail_view
from kinchain.report.view.model import (
    EnergyBar,
    EnergyFigure,
    Figure,
    GrfFigure,
    JointFigures,
    JointRow,
    JointSeries,
    JointsFigure,
    MechanicsView,
)
from kinchain.report.view.words import place

__all__ = ["energy_reading", "mechanics_view", "percent_change", "reading_of_change"]


def _r(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(round(float(v), 3) for v in values)


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


def energy_reading(energy: Sequence[EnergyBar], /) -> str:
    """Where the client absorbs the most less, and the most more, than the no-injury baseline.

    >>> energy_reading([EnergyBar("left ankle", 0.6, 1.0), EnergyBar("left hip", 9.9, 7.1)])
    ... # doctest: +ELLIPSIS
    'Energy absorbed: 40% less at the left ankle (0.60 J against 1.00 J) and 39% more at the...'
    """
    known = sorted(
        (pct, e.label, e.client_j, e.baseline_j)
        for e in energy
        if (pct := percent_change(e.client_j, e.baseline_j)) is not None and abs(pct) >= 1.0
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


def _grf_figure(sim: ClientSimulation, body_weight_n: float | None) -> GrfFigure | None:
    """The ground reaction force curve, against the no-injury baseline when there is one."""
    time_ms, grf, base = _r(sim.time_ms), _r(sim.grf_n), _r(sim.baseline_grf_n) or None
    if not (time_ms and grf and len(grf) == len(time_ms)):
        return None
    reading = ""
    if base:
        reading = reading_of_change("Peak ground reaction force", max(grf), max(base), "N")
    return GrfFigure(time_ms, grf, base, body_weight_n, reading)


def _joint_series(sim: ClientSimulation) -> tuple[JointSeries, ...]:
    """The force through each joint, labelled; a joint named without a side is on the simulated
    stance side."""
    out: dict[str, JointSeries] = {}
    baselines = sim.baseline_joint_force_n
    for key, values in sim.joint_force_n.items():
        site, _, side = key.partition(":")
        client = _r(values)
        base = _r(baselines[key]) if key in baselines else ()
        if site and client:
            label = place(site, side or sim.side)
            out[label] = JointSeries(label, client, base or None)
    return tuple(out.values())


def _joints_figure(sim: ClientSimulation, body_weight_n: float | None) -> JointsFigure | None:
    """The force through each joint of the stance leg, read at the largest change."""
    time_ms, per_joint = _r(sim.time_ms), _joint_series(sim)
    if not (time_ms and per_joint):
        return None
    deltas = [
        (max(j.client_n) - max(j.baseline_n), j.label, max(j.client_n), max(j.baseline_n))
        for j in per_joint
        if j.baseline_n
    ]
    reading = ""
    if deltas:
        _, label, c, b = max(deltas, key=lambda d: abs(d[0]))
        reading = reading_of_change(f"Largest change, peak force at the {label}", c, b, "N")
    return JointsFigure(time_ms, per_joint, body_weight_n, reading)


def _energy_figure(joints: Sequence[JointResult]) -> EnergyFigure | None:
    bars = tuple(
        EnergyBar(
            place(j.site, j.side),
            round(float(j.figures["energy_absorbed_j"]), 3),
            round(float(j.baseline["energy_absorbed_j"]), 3),
        )
        for j in joints
        if j.site
    )
    return EnergyFigure(bars, energy_reading(bars)) if bars else None


def _figures(values: Mapping[str, float]) -> JointFigures:
    r = {k: round(float(values[k]), 3) for k in FIGURES}
    return JointFigures(
        r["peak_force_n"], r["peak_force_bw"], r["loading_rate_bw_s"],
        r["energy_absorbed_j"], r["energy_passed_j"],
    )  # fmt: skip


def mechanics_view(
    simulation: ClientSimulation | None, cites: Citations, *, chosen_because: str = ""
) -> MechanicsView | None:
    """Figures, readings and the table of one simulation, or None when there is none."""
    if simulation is None:
        return None
    sim = simulation
    body_weight_n = round(float(sim.body_weight_n), 3) or None
    drawn: tuple[Figure | None, ...] = (
        _grf_figure(sim, body_weight_n),
        _joints_figure(sim, body_weight_n),
        _energy_figure(sim.joints),
    )
    link = sim.weakest_link
    return MechanicsView(
        activity=sim.activity,
        chosen_because=chosen_because,
        side=sim.side,
        shoe=sim.shoe,
        body_weight_n=body_weight_n,
        figures=tuple(f for f in drawn if f is not None),
        table=tuple(
            JointRow(place(j.site, j.side), _figures(j.figures), _figures(j.baseline))
            for j in sim.joints
            if j.site
        ),
        weakest_link="" if link is None else place(link.site, link.side),
        note=MODEL_NOTE,
        window_note=window_note(activity_spec(sim.activity)),
        trail=trail_view(sim.trail, cites),
        link_trail=() if link is None else trail_view(link.trail, cites),
    )
