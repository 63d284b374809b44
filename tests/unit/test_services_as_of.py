"""Every use case checks an intake's dates against the day the coach asked for, not today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinchain.services.assessment import assess_file
from kinchain.services.report import report_inputs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _tom_injured_on(day: dt.date, tmp_path: Path) -> Path:
    text = (EXAMPLES / "tom.yaml").read_text(encoding="utf-8")
    assert "date: 2015-03\n" in text
    path = tmp_path / "tom-later.yaml"
    path.write_text(text.replace("date: 2015-03\n", f"date: {day.isoformat()}\n", 1), "utf-8")
    return path


def test_an_injury_ten_days_ahead_assessed_forty_days_ahead_is_accepted_by_the_report_too(
    tmp_path: Path,
) -> None:
    today = dt.date.today()
    path = _tom_injured_on(today + dt.timedelta(days=10), tmp_path)
    as_of = today + dt.timedelta(days=40)
    assessed = assess_file(path, as_of=as_of)
    inputs = report_inputs(path, as_of=as_of)
    assert inputs.view.client.name == assessed["client"]
    assert inputs.view.mechanics is not None and inputs.view.mechanics.activity
