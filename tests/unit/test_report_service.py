"""The report use cases: the demo client is the bundled Maria, and the demo writes both files."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.report import render_html
from kinchain.services.report import ReportInputs, demo_intake_path, report_inputs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_demo_client_shipped_in_the_package_is_the_shared_maria(maria_path: Path) -> None:
    assert demo_intake_path().read_text(encoding="utf-8") == maria_path.read_text(encoding="utf-8")


def test_kinchain_demo_writes_the_html_and_a_real_pdf_and_says_where(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--out-dir", str(tmp_path), "--as-of", "2026-11-25"])
    assert result.exit_code == 0, result.output
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    assert "Maria Example" in html.read_text(encoding="utf-8")
    assert str(html.resolve()) in result.output.replace("\n", "")
    assert str(pdf.resolve()) in result.output.replace("\n", "")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"Pages:\s+(\d+)", info.stdout)
    assert found is not None and int(found.group(1)) >= 2


AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def pages() -> dict[str, tuple[ReportInputs, str]]:
    """The three shared clients through the real pipeline, rendered once for this module."""
    out = {}
    for name in ("maria", "tom", "ruth"):
        inputs = report_inputs(EXAMPLES / f"{name}.yaml", as_of=AS_OF)
        html = render_html(inputs.view)
        out[name] = (inputs, html)
    return out


def test_marias_map_draws_her_left_ankle_feeding_her_left_si_pain(
    pages: dict[str, tuple[ReportInputs, str]],
) -> None:
    html = pages["maria"][1]
    assert "left ankle → left sacroiliac joint pain" in html
    assert html.count('class="arrow arrow-feeds"') >= 1
    assert 'class="routine"' in html and 'id="referral"' not in html


def test_toms_mechanics_show_his_jog_in_his_running_shoes_on_his_right_leg(
    pages: dict[str, tuple[ReportInputs, str]],
) -> None:
    inputs, html = pages["tom"]
    mechanics = inputs.view.mechanics
    assert mechanics is not None and mechanics.activity == "jog" and mechanics.side == "right"
    assert "maximal cushion trainers" in html
    for plot in ("plot-grf", "plot-joints", "plot-energy"):
        assert f'id="{plot}"' in html


def test_ruths_page_leads_with_the_referral_and_has_no_routine(
    pages: dict[str, tuple[ReportInputs, str]],
) -> None:
    inputs, html = pages["ruth"]
    assert inputs.view.suspended is True and inputs.view.program is None
    assert html.index('id="referral"') < html.index('id="body-map"')
    assert 'class="routine"' not in html and 'class="exercise"' not in html


def test_a_report_that_cannot_be_written_whole_leaves_no_file_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the PDF's folder should be", encoding="utf-8")
    html, pdf = tmp_path / "report.html", blocker / "report.pdf"
    result = CliRunner().invoke(
        app,
        ["report", str(EXAMPLES / "ruth.yaml"), "--out", str(html), "--pdf", str(pdf),
         "--as-of", "2026-11-25"],
    )
    assert result.exit_code == 2, result.exception
    assert "error: " in result.output and str(blocker) in result.output.replace("\n", "")
    assert not html.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]
