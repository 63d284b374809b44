"""Use cases of the report: render a client's report, and the demo report of the bundled client.

The report service only composes: the intake, the assessment (with its program) and the client
simulation all come from one :class:`~kinchain.services.evaluate.Evaluation` (the intake read
once, the tissue state computed once, each simulation run once), and :mod:`kinchain.report`
renders them. No domain logic lives here.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kinchain.errors import SimulationError
from kinchain.intake import Intake
from kinchain.mechanics import ACTIVITIES, activity_spec
from kinchain.mechanics.client_choice import activity_to_show
from kinchain.services.evaluate import Evaluation, evaluate
from kinchain.services.intake import load_client

if TYPE_CHECKING:
    from kinchain.report.view import ReportView
    from kinchain.report.view.model import NextCheckinView

__all__ = [
    "DEMO_OUT_DIR",
    "Document",
    "ReportFiles",
    "ReportInputs",
    "demo_intake_path",
    "next_checkin_of",
    "render_demo_report",
    "render_document",
    "render_report_file",
    "report_for",
    "report_inputs",
    "report_inputs_of",
]

#: where ``kinchain demo`` writes by default (relative to the working folder)
DEMO_OUT_DIR = Path("kinchain-report")


@dataclass(frozen=True)
class ReportInputs:
    """What a report is rendered from: the client's typed, frozen view (built once)."""

    view: ReportView

    @property
    def as_of(self) -> dt.date:
        return self.view.as_of


@dataclass(frozen=True)
class ReportFiles:
    """What a report run wrote."""

    html: Path
    pdf: Path | None
    client_name: str
    suspended: bool
    handout: Path | None = None
    summary: Path | None = None


#: the documents of one report: the HTML page, the full PDF, the client handout PDF and the
#: coach's one-page summary PDF
Document = Literal["html", "pdf", "handout", "summary"]


def report_inputs(
    path: str | os.PathLike[str],
    /,
    *,
    as_of: dt.date,
    activity: str | None = None,
    country: str | None = None,
) -> ReportInputs:
    """The report's inputs for one intake file: the file adapter, then :func:`report_for`."""
    _check_activity(activity)
    intake = load_client(path, as_of=as_of)  # refuses a missing or bad file before any work
    return report_for(intake, as_of=as_of, activity=activity, country=country)


def _check_activity(activity: str | None) -> None:
    if activity is not None and activity not in ACTIVITIES:
        raise SimulationError(
            f"activity: expected one of {', '.join(ACTIVITIES)}, received {activity!r}"
        )


def report_for(
    intake: Intake,
    /,
    *,
    as_of: dt.date,
    activity: str | None = None,
    country: str | None = None,
) -> ReportInputs:
    """Run the pipeline once for a validated intake: its evaluation (assessment with program)
    and the simulation of one activity: ``activity`` when the coach names one, else the one the
    client's goals and aggravating activities point to, then her most frequent one
    (:func:`kinchain.mechanics.client_choice.activity_to_show`). The simulation carries
    ``chosen_because``, the reason in words."""
    _check_activity(activity)
    return report_inputs_of(evaluate(intake, as_of=as_of, country=country), activity=activity)


def report_inputs_of(evaluation: Evaluation, /, *, activity: str | None = None) -> ReportInputs:
    """The report's view built once from one evaluation (see :func:`report_for`): the program
    the client follows now (after any check-ins, with what they changed) and the simulation of
    the activity shown."""
    from kinchain.report.view import build_report_view  # the report's modules load on use

    intake = evaluation.intake
    next_checkin = next_checkin_of(evaluation)
    if activity is None:
        shown = activity_to_show(intake)
        activity, because = shown.activity, shown.reason
    else:
        because = f"{activity_spec(activity).label}, chosen by the coach"
    # the activity in the pair worn for it: the mechanics engine decides the pair
    view = build_report_view(
        intake,
        evaluation.assessment,
        evaluation.program,
        evaluation.simulation(activity=activity),
        as_of=evaluation.as_of,
        chosen_because=because,
        outcome=evaluation.outcome,
        next_checkin=next_checkin,
    )
    return ReportInputs(view)


def next_checkin_of(evaluation: Evaluation, /) -> NextCheckinView:
    """When the client checks in next: the check-in rhythm (every 7 days, as the client's Today
    page counts it) after her last check-in, or after the assessment day when there is none
    (the program starts then)."""
    from kinchain.report.view.model import NextCheckinView
    from kinchain.services.client_side import CHECKIN_EVERY_DAYS

    every = dt.timedelta(days=CHECKIN_EVERY_DAYS)
    last = max((c.date for c in evaluation.checkins), default=None)
    if last is not None:
        return NextCheckinView(last + every, f"{CHECKIN_EVERY_DAYS} days after the last check-in "
                               f"({last.isoformat()})")  # fmt: skip
    return NextCheckinView(evaluation.as_of + every, f"{CHECKIN_EVERY_DAYS} days after the "
                           f"assessment ({evaluation.as_of.isoformat()}), when the program starts")



def render_report_file(
    path: str | os.PathLike[str],
    /,
    *,
    out: str | os.PathLike[str],
    pdf: str | os.PathLike[str] | None = None,
    as_of: dt.date,
    activity: str | None = None,
    country: str | None = None,
    handout: str | os.PathLike[str] | None = None,
    summary: str | os.PathLike[str] | None = None,
) -> ReportFiles:
    """Render the report of one intake file to ``out`` (HTML) and optionally ``pdf`` (the full
    report), ``handout`` (the client's two pages) and ``summary`` (the coach's one page);
    ``activity`` chooses the simulated activity (default: :func:`report_inputs` chooses); texts
    about where to get help use the practice's ``country`` (the UK when None).

    The output paths are checked first: a path that cannot take the file is refused before
    any work is done."""
    pdfs = {kind: Path(p) for kind, p in (("pdf", pdf), ("handout", handout),
                                          ("summary", summary)) if p is not None}  # fmt: skip
    for target in (Path(out), *pdfs.values()):
        _check_target(target)
    inputs = report_inputs(path, as_of=as_of, activity=activity, country=country)
    return write_report(inputs, out=Path(out), pdf=pdfs.get("pdf"),
                        handout=pdfs.get("handout"), summary=pdfs.get("summary"))  # fmt: skip


def _umask() -> int:
    """The process's umask (reading it means setting it; it is put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _check_target(path: Path, /) -> None:
    """Refuse, before anything is written, a path that cannot take a file: an existing folder,
    a parent that is a file, a folder that cannot be written. Errors name the user's path."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, expected a file", str(path))
    parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("."))
    if not parent.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR, "a file stands where a folder of this path should be", str(path)
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "permission denied", str(path))


def _stage(path: Path, data: bytes, /) -> Path:
    """``data`` in a temporary file beside ``path``, with the mode a new file gets from the
    umask (or the mode ``path`` already has); the caller renames it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as e:
        raise type(e)(e.errno, e.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise type(e)(e.errno, e.strerror, str(path)) from None
        raise
    return Path(tmp)


def _write_all(files: list[tuple[Path, bytes]], /) -> None:
    """Write every file or none: each is staged first, then all are renamed into place. A
    failure names the user's path, never a temporary file, and leaves nothing behind."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as e:
                raise type(e)(e.errno, e.strerror, str(path)) from None
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def render_document(view: ReportView, kind: Document, /) -> bytes:
    """One document of a report view: the HTML page, or the full, handout or summary PDF."""
    from kinchain.report import pdf_bytes, render_html  # weasyprint and jinja: load on use
    from kinchain.report.handout import render_handout, render_summary

    if kind == "html":
        return render_html(view).encode("utf-8")
    if kind == "handout":
        return pdf_bytes(render_handout(view))
    if kind == "summary":
        return pdf_bytes(render_summary(view))
    if kind == "pdf":
        return pdf_bytes(render_html(view, for_print=True))
    raise ValueError(f"document: expected html, pdf, handout or summary, received {kind!r}")


def write_report(
    inputs: ReportInputs,
    /,
    *,
    out: Path,
    pdf: Path | None = None,
    handout: Path | None = None,
    summary: Path | None = None,
) -> ReportFiles:
    """Render already computed inputs to files (the folders are created when missing).

    Every path is checked before anything is rendered or written; everything is rendered in
    memory and the files are written together (temporary files renamed into place), so a
    failure never leaves a half-written report, or only some of the files, behind.
    """
    asked: tuple[tuple[Path | None, Document], ...] = (
        (out, "html"), (pdf, "pdf"), (handout, "handout"), (summary, "summary"),
    )  # fmt: skip
    wanted = [(p, k) for p, k in asked if p is not None]
    for target, _ in wanted:
        _check_target(target)
    view = inputs.view
    _write_all([(target, render_document(view, kind)) for target, kind in wanted])
    return ReportFiles(out, pdf, view.client.name, view.suspended, handout, summary)


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


def report_documents(evaluation: Evaluation, /, *, pdf: bool = False,
                     kind: Document | None = None) -> bytes:  # fmt: skip
    """One evaluation's report for the web: the HTML page, or with ``pdf`` the full printable
    PDF, or the ``kind`` named (``handout``: the client's two pages; ``summary``: the coach's
    one page)."""
    view = report_inputs_of(evaluation).view
    return render_document(view, kind or ("pdf" if pdf else "html"))
