"""A pregnant client reads the signs to stop exercising and call the maternity contact (ACOG)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer.main
import yaml
from click.testing import CliRunner

from kinchain.assessment import assess, pregnancy_warning_signs
from kinchain.cli import app
from kinchain.intake import parse_intake
from kinchain.report import render_html
from kinchain.services.report import report_inputs

AS_OF = dt.date(2026, 12, 2)
ACOG_SIGNS = (
    "bleeding from the vagina",
    "fluid leaking",
    "regular, painful contractions",
    "dizziness or feeling faint",
    "chest pain",
    "calf",
    "shortness of breath before",
    "headache",
    "muscle weakness that affects your balance",
)


def _doc(stage: dict[str, Any]) -> dict[str, Any]:
    return {
        "client": {
            "name": "Pia Test",
            "birth_year": 1992,
            "sex": "female",
            "height_cm": 166,
            "mass_kg": 68,
            "life_stage": stage,
        },
        "daily_minutes": 10,
        "pain": [{"site": "sacroiliac", "side": "left", "intensity": 4, "since": "2026-10"}],
        "activities": [{"kind": "walk", "minutes_per_week": 120}],
    }


def test_the_warning_signs_are_the_nine_acog_lists_and_cite_acog() -> None:
    signs = pregnancy_warning_signs()
    assert len(signs.signs) == len(ACOG_SIGNS)
    for expected in ACOG_SIGNS:
        assert any(expected in s for s in signs.signs), expected
    assert signs.cite == ("acog2020",)


def test_a_pregnant_clients_assessment_lists_the_signs_and_a_postpartum_one_does_not() -> None:
    pregnant = parse_intake(_doc({"status": "pregnant", "weeks": 24}), as_of=AS_OF)
    after = parse_intake(_doc({"status": "postpartum", "weeks": 10}), as_of=AS_OF)
    assert assess(pregnant, as_of=AS_OF).warning_signs is not None
    assert assess(after, as_of=AS_OF).warning_signs is None
    assert assess(after, as_of=AS_OF).to_json()["warning_signs"] is None


def test_the_program_text_and_the_report_of_a_pregnant_client_list_the_warning_signs(
    tmp_path: Path,
) -> None:
    doc = _doc({"status": "pregnant", "weeks": 24})
    path = tmp_path / "pia.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    out = CliRunner().invoke(
        typer.main.get_group(app), ["program", str(path), "--as-of", "2026-12-02"]
    )
    assert out.exit_code == 0, out.output
    flat = " ".join(out.output.split())
    assert "call your midwife or maternity unit" in flat
    assert "regular, painful contractions" in flat
    html = render_html(report_inputs(path, as_of=AS_OF).view)
    assert 'id="warning-signs"' in html and "fluid leaking from the vagina" in html
