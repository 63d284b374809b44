"""The report use cases: the demo client is the bundled Maria, and the demo writes both files."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.services.report import demo_intake_path, main_scenario


def test_the_demo_client_shipped_in_the_package_is_the_shared_maria(maria_path: Path) -> None:
    assert demo_intake_path().read_text(encoding="utf-8") == maria_path.read_text(encoding="utf-8")


def test_the_main_activity_is_the_one_with_most_minutes_and_running_is_simulated_as_a_jog() -> None:
    client = {
        "activities": [
            {"kind": "walk", "minutes_per_week": 100},
            {"kind": "run", "minutes_per_week": 90},
            {"kind": "jog", "minutes_per_week": 30},
            {"kind": "swim", "minutes_per_week": 500},
        ],
        "footwear": [{"name": "boots", "kind": "boot", "hours_per_day": 8}],
    }
    scenario = main_scenario(client)
    assert scenario is not None and scenario.activity == "jog"
    assert scenario.shoe is None  # no running shoes owned: the mechanics default applies


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
