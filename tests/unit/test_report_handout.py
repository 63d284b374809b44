"""The client handout and the coach's one-page summary, as a client and a coach get them: the
PDFs read back with poppler (page counts, headings, every exercise and its frames), rendered
from the same view as the full report, for Maria, Tom and Ruth (whose red flag suspends her
program)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from kinchain.program import parse_checkin
from kinchain.report import pdf_bytes, render_html
from kinchain.report.demonstration import demonstration_frames
from kinchain.report.handout import render_handout, render_summary
from kinchain.report.view import ReportView
from kinchain.services.evaluate import evaluate
from kinchain.services.intake import load_client
from kinchain.services.report import next_checkin_of, report_inputs, report_inputs_of

AS_OF = dt.date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module", params=["maria", "tom", "ruth"])
def view(request: pytest.FixtureRequest) -> ReportView:
    return report_inputs(EXAMPLES / f"{request.param}.yaml", as_of=AS_OF).view


def _pdf(html: str, path: Path) -> tuple[int, str]:
    """The PDF's page count (pdfinfo) and its text, whitespace folded (pdftotext)."""
    path.write_bytes(pdf_bytes(html))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    return pages, " ".join(text.split())


def test_the_handout_fits_two_pages_and_names_every_exercise_dose_and_when_to_stop(
    view: ReportView, tmp_path: Path
) -> None:
    pages, text = _pdf(render_handout(view), tmp_path / "handout.pdf")
    assert 1 <= pages <= 2
    assert f"{view.client.first_name}, your daily routine" in text
    assert "When to stop and call someone" in text
    if view.program is None:
        assert view.suspended and "Please do not start the exercises yet" in text
        assert "Every day" not in text and view.referral is not None
        assert " ".join(view.referral.see.split()) in text
        return
    assert "Every day" in text and "2 points worse" in text
    for item in view.program.routine:
        assert item.name in text and item.dose in text
    next_checkin = view.next_checkin
    assert next_checkin is not None and next_checkin.date.strftime("%d %B %Y") in text


def test_every_routine_item_of_the_handout_shows_each_of_its_still_frames(view: ReportView) -> None:
    page = render_handout(view)
    for item in view.program.routine if view.program else ():
        block = page.split(f'data-exercise="{item.id}"', 1)[1].split("</li>", 1)[0]
        frames = len(demonstration_frames(item.id, item.side))
        assert 2 <= frames <= 4
        assert block.count('class="demo-frame"') == frames
        assert f"{item.name}, picture {frames} of {frames}" in block


def test_the_summary_is_one_page_with_referral_glance_map_contributors_link_and_program(
    view: ReportView, tmp_path: Path
) -> None:
    pages, text = _pdf(render_summary(view), tmp_path / "summary.pdf")
    assert pages == 1
    for heading in ("At a glance", "The next weakest link", "Top contributors", "The program"):
        assert heading in text
    assert ("Program suspended" in text) == view.suspended
    if view.referral is not None:
        assert view.referral.title in text
    for item in view.program.routine if view.program else ():
        assert item.name.split()[0] in text  # a long name may wrap inside its table cell
    for pain in view.glance.pains:
        assert pain.top[0].kind in text
    assert 'class="body-map"' in render_summary(view)


def test_the_full_report_animates_each_demonstration_on_screen_and_prints_its_frames(
    view: ReportView,
) -> None:
    screen, printed = render_html(view), render_html(view, for_print=True)
    routine = view.program.routine if view.program else ()
    assert screen.count('class="kc-demo kc-demo-animated"') == len(routine)
    assert "<animate " in screen or not routine
    for item in routine:
        frames = len(demonstration_frames(item.id, item.side))
        block = printed.split(f'data-exercise="{item.id}"', 1)[1].split("</figure>", 1)[0]
        assert block.count('class="demo-frame"') == frames
    assert "<animate " not in printed


def test_a_one_sided_item_is_drawn_on_the_side_its_targets_name() -> None:
    view = report_inputs(EXAMPLES / "maria.yaml", as_of=AS_OF).view
    assert view.program is not None
    swings = next(r for r in view.program.routine if r.id == "leg_swings_side")
    assert "left side only" in swings.dose and swings.side == "left"
    assert 'id="kc-leg_swings_side-left-animated-t"' in render_html(view)


def test_the_next_check_in_is_a_week_after_the_assessment_or_after_the_last_check_in() -> None:
    intake = load_client(EXAMPLES / "maria.yaml", as_of=AS_OF)
    first = next_checkin_of(evaluate(intake, as_of=AS_OF))
    assert first.date == AS_OF + dt.timedelta(days=7) and "after the assessment" in first.basis
    checkin = parse_checkin({"date": "2026-11-30", "effort": "ok"})
    later = evaluate(intake, as_of=AS_OF, checkins=[checkin])
    view = report_inputs_of(later).view
    assert view.next_checkin is not None
    assert view.next_checkin.date == dt.date(2026, 12, 7)
    assert "after the last check-in (2026-11-30)" in view.next_checkin.basis


def test_kinchain_report_writes_the_handout_and_the_summary_beside_the_html(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from kinchain.cli import app

    handout, summary = tmp_path / "maria-handout.pdf", tmp_path / "maria-summary.pdf"
    result = CliRunner().invoke(app, [
        "report", str(EXAMPLES / "maria.yaml"), "--out", str(tmp_path / "maria.html"),
        "--handout", str(handout), "--summary", str(summary), "--as-of", "2026-11-25",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Handout" in result.output and "Summary" in result.output
    assert handout.read_bytes().startswith(b"%PDF") and summary.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "report.pdf").exists()


def test_a_handout_file_name_without_pdf_is_refused_naming_the_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kinchain.cli import app

    result = CliRunner().invoke(app, [
        "report", str(EXAMPLES / "maria.yaml"), "--out", str(tmp_path / "m.html"),
        "--handout", str(tmp_path / "handout.html"),
    ])  # fmt: skip
    assert result.exit_code != 0
    assert "--handout" in result.output and ".pdf" in result.output
    assert not (tmp_path / "m.html").exists()
