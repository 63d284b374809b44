"""Use cases of the report: render a client's report, and the demo report of the bundled client.

The report service only composes: the intake, the assessment (with its program) and the client
simulation come from their own services as JSON-shaped dicts, and :mod:`kinchain.report` renders
them. No domain logic lives here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kinchain.errors import DataFileError
from kinchain.intake import load_intake
from kinchain.services.assessment import assess_file
from kinchain.services.mechanics import simulate_client_file

__all__ = [
    "DEMO_OUT_DIR",
    "ReportFiles",
    "ReportInputs",
    "Scenario",
    "demo_intake_path",
    "main_scenario",
    "render_demo_report",
    "render_report_file",
    "report_inputs",
]

#: where ``kinchain demo`` writes by default (relative to the working folder)
DEMO_OUT_DIR = Path("kinchain-report")


@dataclass(frozen=True)
class ReportInputs:
    """The three JSON-shaped dicts a report is rendered from."""

    client: Mapping[str, Any]
    assessment: Mapping[str, Any]
    simulation: Mapping[str, Any] | None
    as_of: dt.date


@dataclass(frozen=True)
class ReportFiles:
    """What a report run wrote."""

    html: Path
    pdf: Path | None
    client_name: str
    suspended: bool


def report_inputs(path: str | os.PathLike[str], /, *, as_of: dt.date) -> ReportInputs:
    """Run the pipeline for one intake file: intake, assessment with program, main activity."""
    intake = load_intake(path, as_of=as_of)  # refuses a missing or bad file before any work
    assessment = _as_json(assess_file(path, as_of=as_of))
    simulation: Mapping[str, Any] | None = None
    scenario = main_scenario(intake.model_dump(mode="json"))
    if scenario is not None:
        simulation = _as_json(
            simulate_client_file(path, activity=scenario.activity, shoe=scenario.shoe, as_of=as_of)
        )
    return ReportInputs(intake.model_dump(mode="json"), assessment, simulation, as_of)


@dataclass(frozen=True)
class Scenario:
    """The simulation the mechanics section shows: activity and shoe (None: the default)."""

    activity: str
    shoe: str | None


def _scenario_rules() -> tuple[dict[str, str], dict[str, list[str]]]:
    name = "scenario.yaml"
    doc = yaml.safe_load((resources.files("kinchain.report") / name).read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        raise DataFileError(name, "<file>", "expected a mapping at the top")
    simulate_as, footwear_for = doc.get("simulate_as"), doc.get("footwear_for")
    if not isinstance(simulate_as, dict) or not simulate_as:
        raise DataFileError(name, "simulate_as", f"expected a mapping, got {simulate_as!r}")
    if not isinstance(footwear_for, dict) or not all(
        isinstance(v, list) for v in footwear_for.values()
    ):
        raise DataFileError(name, "footwear_for", f"expected lists of kinds, got {footwear_for!r}")
    return (
        {str(k): str(v) for k, v in simulate_as.items()},
        {str(k): [str(x) for x in v] for k, v in footwear_for.items()},
    )


def main_scenario(client: Mapping[str, Any], /) -> Scenario | None:
    """The client's main loaded activity (most minutes a week) and the shoe worn for it.

    >>> main_scenario({"activities": [{"kind": "jog", "minutes_per_week": 150},
    ...                               {"kind": "walk", "minutes_per_week": 60}],
    ...                "footwear": [{"name": "office", "kind": "flat", "hours_per_day": 9},
    ...                             {"name": "trainers", "kind": "athletic", "hours_per_day": 2}]})
    Scenario(activity='jog', shoe='trainers')
    >>> main_scenario({"activities": [{"kind": "swim", "minutes_per_week": 90}]}) is None
    True
    """
    simulate_as, footwear_for = _scenario_rules()
    minutes: dict[str, float] = {}
    for a in client.get("activities") or ():
        activity = simulate_as.get(str(a.get("kind")))
        if activity is not None:
            minutes[activity] = minutes.get(activity, 0.0) + float(a.get("minutes_per_week") or 0)
    if not minutes:
        return None
    activity = max(minutes, key=lambda k: minutes[k])
    shoes = [f for f in client.get("footwear") or () if isinstance(f, Mapping)]
    for kind in footwear_for.get(activity, []):
        owned = [f for f in shoes if f.get("kind") == kind]
        if owned:
            best = max(owned, key=lambda f: float(f.get("hours_per_day") or 0.0))
            return Scenario(activity, str(best["name"]))
    return Scenario(activity, None)


def _as_json(value: Any) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        out = to_json()
        if isinstance(out, Mapping):
            return out
    raise TypeError(f"expected a JSON-shaped mapping, got {type(value).__name__}")


def render_report_file(
    path: str | os.PathLike[str],
    /,
    *,
    out: str | os.PathLike[str],
    pdf: str | os.PathLike[str] | None = None,
    as_of: dt.date,
) -> ReportFiles:
    """Render the report of one intake file to ``out`` (HTML) and optionally ``pdf``."""
    inputs = report_inputs(path, as_of=as_of)
    return write_report(inputs, out=Path(out), pdf=Path(pdf) if pdf is not None else None)


def write_report(inputs: ReportInputs, /, *, out: Path, pdf: Path | None = None) -> ReportFiles:
    """Render already computed inputs to files (the folders are created when missing)."""
    from kinchain.report import render_html, render_pdf  # matplotlib and jinja: load on use

    out.parent.mkdir(parents=True, exist_ok=True)
    args = (inputs.client, inputs.assessment, inputs.simulation)
    out.write_text(render_html(*args, as_of=inputs.as_of), encoding="utf-8")
    if pdf is not None:
        pdf.parent.mkdir(parents=True, exist_ok=True)
        render_pdf(render_html(*args, as_of=inputs.as_of, for_print=True), pdf)
    name = str((inputs.client.get("client") or {}).get("name") or "client")
    return ReportFiles(out, pdf, name, bool(inputs.assessment.get("program_suspended")))


def demo_intake_path() -> Path:
    """The bundled demo client (``examples/maria.yaml``, shipped inside the package too)."""
    return Path(str(resources.files("kinchain.report") / "demo" / "maria.yaml"))


def render_demo_report(
    *, out_dir: str | os.PathLike[str] = DEMO_OUT_DIR, as_of: dt.date
) -> ReportFiles:
    """The main job: the demo client's report as HTML and PDF in ``out_dir``."""
    folder = Path(out_dir)
    return render_report_file(
        demo_intake_path(),
        out=folder / "report.html",
        pdf=folder / "report.pdf",
        as_of=as_of,
    )
