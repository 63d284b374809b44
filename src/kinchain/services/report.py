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

from kinchain.intake import load_intake
from kinchain.mechanics.client_choice import main_activity
from kinchain.services.assessment import assess_file
from kinchain.services.mechanics import simulate_client_file

__all__ = [
    "DEMO_OUT_DIR",
    "ReportFiles",
    "ReportInputs",
    "demo_intake_path",
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
    """Run the pipeline for one intake file: intake, assessment with program, and the
    simulation of the client's main activity (walking when none of hers can be simulated)."""
    intake = load_intake(path, as_of=as_of)  # refuses a missing or bad file before any work
    assessment = _as_json(assess_file(path, as_of=as_of))
    # the main activity in the pair worn for it: the mechanics engine decides both
    simulation = _as_json(simulate_client_file(path, activity=main_activity(intake), as_of=as_of))
    return ReportInputs(intake.model_dump(mode="json"), assessment, simulation, as_of)


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
