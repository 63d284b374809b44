"""Blank screening is never an all-clear: every output leads with the questions still to ask,
and a program built on it is provisional, said to the client in plain words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import typer.main
import yaml
from click.testing import CliRunner, Result

from kinchain.cli import app
from kinchain.intake import screening_questions
from kinchain.report import render_html
from kinchain.services import assess_file
from kinchain.services.report import report_inputs

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-12-02"
TOTAL = len(screening_questions())


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(typer.main.get_group(app), list(args), env=env)


def _intake(tmp_path: Path, screening: dict[str, bool], **extra: Any) -> Path:
    doc = yaml.safe_load((ROOT / "examples" / "maria.yaml").read_text(encoding="utf-8"))
    doc["screening"] = screening
    doc.update(extra)
    path = tmp_path / "client.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def _first_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.strip())


def test_the_assessment_text_starts_by_saying_screening_was_not_done_with_the_count() -> None:
    result = run("assess", str(ROOT / "examples" / "maria.yaml"), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert _first_line(result.output).startswith(
        f"Red-flag screening not done: ask these {TOTAL} questions"
    )
    assert "No red flag in the answers given" not in result.output
    assert "The program can go ahead" not in result.output


def test_the_program_text_starts_with_the_screening_gap_and_calls_the_routine_provisional() -> None:
    result = run("program", str(ROOT / "examples" / "maria.yaml"), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert _first_line(result.output).startswith("Red-flag screening not done")
    assert "This routine is provisional until" in result.output


def test_partly_answered_screening_says_how_many_of_the_questions_are_not_answered(
    tmp_path: Path,
) -> None:
    path = _intake(tmp_path, {"saddle_numbness": False, "history_of_cancer": False})
    result = run("assess", str(path), "--as-of", AS_OF)
    assert _first_line(result.output).startswith(
        f"Red-flag screening not complete: {TOTAL - 2} of {TOTAL} questions not answered"
    )
    assert f"No red flag in the 2 answers given; {TOTAL - 2} questions not asked yet" in (
        " ".join(result.output.split())
    )


def test_fully_answered_screening_with_no_yes_says_no_red_flag_and_the_program_goes_on(
    tmp_path: Path,
) -> None:
    path = _intake(tmp_path, {q.key: False for q in screening_questions()})
    result = run("assess", str(path), "--as-of", AS_OF)
    assert "Red-flag screening not" not in result.output
    assert f"No red flag in the {TOTAL} answers given." in result.output
    program = assess_file(path, as_of=dt.date(2026, 12, 2))["program"]
    assert program is not None and program["provisional"] is False


def test_the_assessment_json_carries_the_screening_status_the_web_can_show() -> None:
    doc = assess_file(ROOT / "examples" / "maria.yaml", as_of=dt.date(2026, 12, 2))
    assert list(doc)[:4] == ["schema_version", "client", "as_of", "screening"]
    screening = doc["screening"]
    assert screening["status"] == "not_done"
    assert len(screening["unanswered"]) == TOTAL == len(screening["questions"])
    assert screening["message"].startswith("Red-flag screening not done")
    assert doc["program"]["provisional"] is True


def test_the_program_json_carries_the_screening_status_and_the_provisional_mark() -> None:
    result = run("program", str(ROOT / "examples" / "maria.yaml"), "--as-of", AS_OF, "--json")
    doc = json.loads(result.output)
    assert doc["screening"]["status"] == "not_done"
    assert doc["program"]["provisional"] is True


def test_the_report_leads_with_the_screening_gap_and_marks_the_routine_provisional() -> None:
    path = ROOT / "examples" / "maria.yaml"
    html = render_html(report_inputs(path, as_of=dt.date(2026, 12, 2)).view)
    gap = html.index('id="screening"')
    assert gap < html.index('id="at-a-glance"') < html.index('id="program"')
    glance = html[
        html.index('id="at-a-glance"') : html.index("</section>", html.index('id="at-a-glance"'))
    ]
    assert "Red-flag screening not done" in glance
    assert "This routine is provisional until" in html
    assert "none of the answers given calls for a referral" not in html


def test_the_example_intakes_no_longer_say_that_a_left_out_answer_is_no() -> None:
    for name in ("maria.yaml", "tom.yaml", "ruth.yaml"):
        text = (ROOT / "examples" / name).read_text(encoding="utf-8")
        assert 'left out is "no"' not in text
    assert 'means "no"' not in (ROOT / "docs" / "intake.md").read_text(encoding="utf-8")
    header = (ROOT / "src" / "kinchain" / "intake" / "screening.yaml").read_text(encoding="utf-8")
    assert 'means\n# "no"' not in header and 'is NOT a\n# "no"' in header


def test_the_emergency_referral_panel_title_is_shown_whole_at_eighty_columns(
    tmp_path: Path,
) -> None:
    path = _intake(tmp_path, {"saddle_numbness": True})
    out = run("assess", str(path), "--as-of", AS_OF, env={"COLUMNS": "80"})
    top = next(line for line in out.output.splitlines() if "REFERRAL" in line)
    assert "EMERGENCY REFERRAL" in top
    assert top.rstrip().endswith("╮") and "─ EMERGENCY REFERRAL ─" in top
    assert "See: A&E" in out.output
