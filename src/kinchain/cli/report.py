"""``kinchain report`` and ``kinchain demo``: render the coach's report. Translation only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kinchain.cli import COUNTRY_HELP, EXIT_INPUT, app, console, fail, parse_as_of, translate_errors
from kinchain.mechanics._chain_data import ACTIVITIES

if TYPE_CHECKING:
    from kinchain.services.report import ReportFiles

__all__ = ["demo", "report"]




def _suffix(path: Path | None, option: str, expected: str) -> None:
    if path is not None and path.suffix.lower() != expected:
        raise fail(
            f"error: {option}: expected a file name ending in {expected}, received {str(path)!r}",
            EXIT_INPUT,
        )


def _print_written(files: ReportFiles) -> None:
    console.print(f"Report for {files.client_name}:", markup=False, highlight=False)
    console.print(f"  {'HTML':<7} {files.html.resolve()}", markup=False, highlight=False)
    for label, path in (("PDF", files.pdf), ("Handout", files.handout),
                        ("Summary", files.summary)):  # fmt: skip
        if path is not None:
            console.print(f"  {label:<7} {path.resolve()}", markup=False, highlight=False)
    if files.suspended:
        console.print(
            "  The program is suspended: the report leads with the referral.",
            markup=False,
            highlight=False,
        )
    console.print(
        f"Open it in a browser, for example: xdg-open {files.html} (Linux), open {files.html} "
        "(macOS); it needs no network.",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@app.command()
@translate_errors
def report(
    file: Path = typer.Argument(..., metavar="FILE", help="The client's intake (YAML or JSON)."),
    out: Path = typer.Option(
        Path("report.html"), "--out", "-o", metavar="HTML", help="Where to write the HTML page."
    ),
    pdf: Path | None = typer.Option(
        None, "--pdf", metavar="FULL.pdf", help="Also write the full report as a PDF (A4) here."
    ),
    handout: Path | None = typer.Option(
        None, "--handout", metavar="HANDOUT.pdf",
        help="Also write the client's handout here: two A4 pages at most, large type.",
    ),
    summary: Path | None = typer.Option(
        None, "--summary", metavar="SUMMARY.pdf",
        help="Also write the coach's one-page summary (A4 PDF) here.",
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Assess as of this day (YYYY-MM-DD), not today."
    ),
    activity: str | None = typer.Option(
        None, "--activity", metavar="KIND",
        help="Simulate this activity: walk, jog, hike, jump or pivot (default: the one the "
        "client's goals and aggravating activities name, else the most frequent).",
    ),
    country: str | None = typer.Option(
        None, "--country", metavar="CODE", envvar="KINCHAIN_COUNTRY", help=COUNTRY_HELP
    ),
) -> None:
    """Render a client's report: body map, force plots, assessment, program and references.

    The HTML page is self-contained (no network needed to open it), reads on a phone and
    prints; --pdf also writes the full report as an A4 PDF, --handout the client's two pages
    and --summary the coach's one-page summary. When a red flag suspends the program, the report
    leads with the referral and gives no exercises. kinchain does not diagnose.

    Examples:

      kinchain report examples/tom.yaml --pdf tom.pdf --handout h.pdf --summary s.pdf

      kinchain report examples/maria.yaml --out maria.html --as-of 2026-11-25

      kinchain report examples/maria.yaml --out maria-walk.html --activity walk
    """
    _suffix(out, "--out", ".html")
    _suffix(pdf, "--pdf", ".pdf")
    _suffix(handout, "--handout", ".pdf")
    _suffix(summary, "--summary", ".pdf")
    if activity is not None and activity not in ACTIVITIES:
        raise fail(
            f"error: --activity: expected one of {', '.join(ACTIVITIES)}, received {activity!r}",
            EXIT_INPUT,
        )
    from kinchain.services.report import render_report_file  # loaded when the command runs

    files = render_report_file(
        file, out=out, pdf=pdf, as_of=parse_as_of(as_of), activity=activity,
        country=country, handout=handout, summary=summary,
    )
    _print_written(files)


@app.command()
@translate_errors
def demo(
    out_dir: Path = typer.Option(
        Path("kinchain-report"), "--out-dir", metavar="DIR", help="Folder for report.html/.pdf."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Assess as of this day (YYYY-MM-DD), not today."
    ),
) -> None:
    """Render the report of the bundled demo client (Maria) as HTML and PDF.

    Maria is 20 weeks postpartum with left SI pain and an old, never-rehabbed left ankle
    sprain; her intake is examples/maria.yaml. The files go to ./kinchain-report/ unless
    --out-dir says otherwise, and the command prints where they are.

    Examples:

      kinchain demo

      kinchain demo --out-dir /tmp/kinchain-demo
    """
    from kinchain.services.report import render_demo_report  # loaded when the command runs

    files = render_demo_report(out_dir=out_dir, as_of=parse_as_of(as_of))
    _print_written(files)
