"""``kinchain simulate``: the reference model, or a client's kinetic chain. Translation only."""

from __future__ import annotations

import json
import re
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from kinchain.cli import EXIT_INPUT, app, console, fail, translate_errors
from kinchain.errors import SimulationError, one_of
from kinchain.mechanics._chain_data import ACTIVITIES

__all__ = ["simulate"]

SIDES = ("left", "right")
_PERCENT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%?\s*$")

#: the service's parameter names, as the options a user typed
_OPTION_OF = {
    "touchdown_velocity_m_s": "--touchdown-velocity",
    "lower_velocity_m_s": "--lower-velocity",
    "upper_velocity_m_s": "--upper-velocity",
    "step_rate_pct": "--step-rate",
    "stride_length_pct": "--stride-length",
    "shoe": "--shoe",
    "midsole": "--midsole",
    "activity": "--activity",
    "side": "--side",
}


def _refuse(message: str) -> typer.Exit:
    return fail(f"error: {message}", EXIT_INPUT)


def _as_option(error: SimulationError) -> typer.Exit:
    """A service refusal in the user's words: the parameter it names becomes the option."""
    text = str(error)
    name, sep, rest = text.partition(":")
    return _refuse(f"{_OPTION_OF.get(name, name)}{sep}{rest}" if sep else text)


def _percent(option: str, text: str | None) -> float:
    if text is None:
        return 0.0
    match = _PERCENT.match(text)
    if not match:
        raise _refuse(f"{option}: expected a change in percent such as +10% or -5%, "
                      f"received {text!r}")  # fmt: skip
    return float(match.group(1))


def _plot_path(plot: Path | None) -> None:
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise _refuse(f"--plot: expected a file name ending in .png or .svg, received {plot}")


# the options of ``kinchain simulate``: the reference model's, the client's, and the output's
_Model = Annotated[
    str | None, typer.Option("--model", metavar="MODEL", help="Reference model to run: liu-nigg.")
]
_IntakeFile = Annotated[
    Path | None,
    typer.Option(
        "--intake", metavar="FILE", help="A client's intake (YAML or JSON): run the chain."
    ),
]
_Shoe = Annotated[
    str | None,
    typer.Option(
        "--shoe", metavar="NAME",
        help="With --model: hard or soft (default hard). With --intake: a shoe from the intake "
        "or barefoot (default: the pair worn for the activity, e.g. the athletic pair for a jog).",
    ),
]  # fmt: skip
_Midsole = Annotated[
    str | None,
    typer.Option(
        "--midsole", metavar="NAME",
        help="With --model: add the Ly et al. 2010 shoe stage (midsole_a .. midsole_d).",
    ),
]  # fmt: skip
_TouchdownVelocity = Annotated[
    float | None,
    typer.Option(
        "--touchdown-velocity", metavar="V",
        help="With --model: touchdown velocity of every mass, m/s downwards (default 0.6).",
    ),
]  # fmt: skip
_LowerVelocity = Annotated[
    float | None,
    typer.Option("--lower-velocity", metavar="V", help="With --model: lower-body (m1, m2) m/s."),
]
_UpperVelocity = Annotated[
    float | None,
    typer.Option("--upper-velocity", metavar="V", help="With --model: upper-body (m3, m4) m/s."),
]
_Activity = Annotated[
    str | None,
    typer.Option(
        "--activity", metavar="ACTIVITY", help=f"With --intake: {one_of(ACTIVITIES)}."
    ),
]
_Side = Annotated[
    str | None,
    typer.Option("--side", metavar="SIDE", help="With --intake: stance leg, left or right."),
]
_StepRate = Annotated[
    str | None,
    typer.Option("--step-rate", metavar="PCT", help="With --intake: step-rate change, e.g. +10%."),
]
_StrideLength = Annotated[
    str | None,
    typer.Option(
        "--stride-length", metavar="PCT", help="With --intake: stride change, e.g. -5%."
    ),
]
_AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]
_Plot = Annotated[
    Path | None,
    typer.Option(
        "--plot", metavar="FILE", help="Also draw the force curve to FILE.png or FILE.svg."
    ),
]


def _service() -> types.ModuleType:
    """The mechanics use cases, loaded when a simulation runs (numpy and numba are heavy)."""
    import kinchain.services.mechanics

    return kinchain.services.mechanics


def _one_form(model: str | None, intake: Path | None) -> None:
    if model is not None and intake is not None:
        raise _refuse("--model and --intake: expected one of them, received both")
    if model is None and intake is None:
        raise _refuse("expected --model liu-nigg or --intake FILE, received neither")


def _refuse_used(options: Mapping[str, object], *, only_with: str, received_with: str) -> None:
    """Refuse the options of the other form that were given."""
    used = [name for name, value in options.items() if value is not None]
    if used:
        raise _refuse(f"{', '.join(used)}: only with {only_with}, received with {received_with}")


@app.command()
@translate_errors
def simulate(
    model: _Model = None,
    intake: _IntakeFile = None,
    shoe: _Shoe = None,
    midsole: _Midsole = None,
    touchdown_velocity: _TouchdownVelocity = None,
    lower_velocity: _LowerVelocity = None,
    upper_velocity: _UpperVelocity = None,
    activity: _Activity = None,
    side: _Side = None,
    step_rate: _StepRate = None,
    stride_length: _StrideLength = None,
    as_json: _AsJson = False,
    plot: _Plot = None,
) -> None:
    """Simulate one stance: impact and active peaks (N, body weights, ms) and contact time.

    Two forms. --model liu-nigg runs the published four-mass reference model (Liu & Nigg
    2000) with the hard or soft shoe fit; its constants and the caveat that the published
    impact peak is not reproducible are in docs/validation.md. --intake FILE runs the
    segmental chain for a client and compares it with the same client without injuries.

    Examples:

      kinchain simulate --model liu-nigg --shoe hard

      kinchain simulate --model liu-nigg --shoe soft --lower-velocity 1.0 --upper-velocity 0.6

      kinchain simulate --model liu-nigg --shoe hard --midsole midsole_d --json

      kinchain simulate --model liu-nigg --shoe hard --plot grf.png

      kinchain simulate --intake examples/maria.yaml --activity jog --side left --step-rate +10%
    """
    _plot_path(plot)
    _one_form(model, intake)
    if model is not None:
        client_only = {"--activity": activity, "--side": side, "--step-rate": step_rate,
                       "--stride-length": stride_length}  # fmt: skip
        _refuse_used(client_only, only_with="--intake", received_with="--model")
        _reference(model, shoe, midsole, touchdown_velocity, lower_velocity, upper_velocity,
                   as_json=as_json, plot=plot)  # fmt: skip
        return
    assert intake is not None
    model_only = {"--midsole": midsole, "--touchdown-velocity": touchdown_velocity,
                  "--lower-velocity": lower_velocity,
                  "--upper-velocity": upper_velocity}  # fmt: skip
    _refuse_used(model_only, only_with="--model", received_with="--intake")
    _client(intake, activity, side, shoe, _percent("--step-rate", step_rate),
            _percent("--stride-length", stride_length), as_json=as_json, plot=plot)  # fmt: skip


def _reference(
    model: str,
    shoe: str | None,
    midsole: str | None,
    touchdown: float | None,
    lower: float | None,
    upper: float | None,
    *,
    as_json: bool,
    plot: Path | None,
) -> None:
    if model != "liu-nigg":
        raise _refuse(f"--model: expected liu-nigg, received {model!r}")
    if touchdown is not None and (lower is not None or upper is not None):
        raise _refuse("--touchdown-velocity with --lower/--upper-velocity: expected one or "
                      "the other, received both")  # fmt: skip
    try:
        result = _service().simulate_reference(
            shoe=shoe or "hard",
            touchdown_velocity_m_s=touchdown,
            lower_velocity_m_s=lower,
            upper_velocity_m_s=upper,
            midsole=midsole,
        )
    except SimulationError as e:
        raise _as_option(e) from None
    if plot is not None:
        _service().plot_reference(result, plot)
    if as_json:
        _print_json(result.to_json())
        return
    data = result.to_json()
    stage = f" + shoe stage {midsole}" if midsole else ""
    lines = [
        f"Liu & Nigg (2000) reference model, {data['shoe']} shoe{stage}",
        f"touchdown velocity: lower body {data['lower_velocity_m_s']:.2f} m/s, "
        f"upper body {data['upper_velocity_m_s']:.2f} m/s",
        f"  body weight    {data['body_weight_n']:8.1f} N",
        f"  impact peak    {data['impact_peak_n']:8.1f} N  {data['impact_peak_bw']:5.2f} BW"
        f"  at {data['impact_peak_ms']:6.1f} ms",
    ]
    if data["active_peak_n"] is None:
        lines.append("  active peak    none (the curve has no second peak)")
    else:
        lines.append(
            f"  active peak    {data['active_peak_n']:8.1f} N  {data['active_peak_bw']:5.2f} BW"
            f"  at {data['active_peak_ms']:6.1f} ms"
        )
    if data["contact_time_ms"] is None:
        lines.append(
            f"  contact time   not reached in {data['time_ms'][-1]:.0f} ms: the passive model "
            "has no push-off and settles at body weight"
        )
    else:
        lines.append(f"  contact time   {data['contact_time_ms']:8.1f} ms")
    lines.append(f"sources: {', '.join(data['cite'])} (see docs/validation.md)")
    if plot is not None:
        lines.append(f"plot: {plot}")
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)


def _client(
    intake: Path,
    activity: str | None,
    side: str | None,
    shoe: str | None,
    step_rate_pct: float,
    stride_length_pct: float,
    *,
    as_json: bool,
    plot: Path | None,
) -> None:
    if activity is None:
        raise _refuse(f"--activity: expected one of {', '.join(ACTIVITIES)} with --intake, "
                      "received none")  # fmt: skip
    if activity not in ACTIVITIES:
        raise _refuse(f"--activity: expected one of {', '.join(ACTIVITIES)}, "
                      f"received {activity!r}")  # fmt: skip
    if side is not None and side not in SIDES:
        raise _refuse(f"--side: expected left or right, received {side!r}")
    run = _service().simulate_client_file
    data: dict[str, Any]
    try:
        if step_rate_pct or stride_length_pct:
            data = _service().simulate_gait_change(
                intake, activity=activity, side=side, shoe=shoe,
                step_rate_pct=step_rate_pct, stride_length_pct=stride_length_pct)  # fmt: skip
        else:
            data = run(intake, activity=activity, side=side, shoe=shoe).to_json()
    except SimulationError as e:
        raise _as_option(e) from None
    if plot is not None:
        _service().plot_simulation_json(data, plot)
    if as_json:
        _print_json(data)
        return
    _print_client(data, plot)


def _print_client(data: dict[str, Any], plot: Path | None) -> None:
    head = f"kinetic chain, {data.get('activity', '')} {data.get('side') or ''}".rstrip()
    if data.get("shoe"):
        head += f", in {data['shoe']}"
    lines = [head, *_gait_change_lines(data),
             "  joint            peak N   peak BW   rate BW/s   absorbed J   passed J"]
    for joint in data.get("joints") or ():
        name = f"{joint.get('site')} {joint.get('side') or ''}".strip()
        base = joint.get("baseline") or {}
        lines.append(
            f"  {name:<15} {_num(joint, 'peak_force_n', 8, 0)} {_num(joint, 'peak_force_bw', 9, 2)}"
            f" {_num(joint, 'loading_rate_bw_s', 11, 1)} {_num(joint, 'energy_absorbed_j', 12, 1)}"
            f" {_num(joint, 'energy_passed_j', 10, 1)}"
        )
        if base:
            lines.append(
                f"  {'  no injuries':<15} {_num(base, 'peak_force_n', 8, 0)}"
                f" {_num(base, 'peak_force_bw', 9, 2)} {_num(base, 'loading_rate_bw_s', 11, 1)}"
                f" {_num(base, 'energy_absorbed_j', 12, 1)} {_num(base, 'energy_passed_j', 10, 1)}"
            )
    link = data.get("weakest_link")
    if link:
        where = f"{link.get('site')} {link.get('side') or ''}".strip()
        lines.append(f"next weakest link: {where} (margin {link.get('margin')})")
    else:
        lines.append("next weakest link: none found")
    if plot is not None:
        lines.append(f"plot: {plot}")
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)


def _gait_change_lines(data: dict[str, Any]) -> list[str]:
    """When a gait change was applied: say so, and each joint's figures before -> after."""
    change = data.get("gait_change")
    if not change:
        return []
    parts = [f"{label} {change[key]:+g}%" for key, label in
             (("step_rate_pct", "step rate"), ("stride_length_pct", "stride length"))
             if change.get(key)]  # fmt: skip
    lines = [
        f"gait change applied: {', '.join(parts)}",
        "before -> after: this client at the usual gait, then with the change",
        "  joint            peak N          rate BW/s     absorbed J    passed J",
    ]
    usual = {(j.get("site"), j.get("side")): j for j in change["usual"]["joints"]}
    for joint in data.get("joints") or ():
        before = usual.get((joint.get("site"), joint.get("side")))
        if before is None:
            continue
        name = f"{joint.get('site')} {joint.get('side') or ''}".strip()
        cells = [_change(before, joint, key, digits) for key, digits in
                 (("peak_force_n", 0), ("loading_rate_bw_s", 1), ("energy_absorbed_j", 1),
                  ("energy_passed_j", 1))]  # fmt: skip
        lines.append(f"  {name:<15}  {cells[0]:<14}  {cells[1]:<12}  {cells[2]:<12}  {cells[3]}")
    lines.append("with the change, against the same body without injuries:")
    return lines


def _change(before: dict[str, Any], after: dict[str, Any], key: str, digits: int) -> str:
    a, b = before.get(key), after.get(key)
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return "-"
    return f"{a:.{digits}f} -> {b:.{digits}f}"


def _num(row: dict[str, Any], key: str, width: int, digits: int) -> str:
    value = row.get(key)
    if isinstance(value, int | float):
        return f"{value:{width}.{digits}f}"
    return f"{'-':>{width}}"


def _print_json(data: dict[str, Any]) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))
