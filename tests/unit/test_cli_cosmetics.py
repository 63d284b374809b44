"""What a coach copies or reads from the command line is whole and in plain words: ids never
break across lines, errors name the option and list choices without Python brackets, and
``--help`` shows plain argument names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinchain.body import default_body
from kinchain.cli import app

WIDTHS = ("80", "200")


def _run(args: list[str], columns: str = "80") -> tuple[int, str]:
    result = CliRunner().invoke(app, args, env={"COLUMNS": columns})
    return result.exit_code, result.output


def _ids() -> set[str]:
    web = default_body()
    return set(web.sites) | set(web.tissues) | set(web.pathways)


def _broken_ids(text: str) -> list[str]:
    """Pieces of an id cut by a line wrap: a word with an underscore that starts an id but is
    not one (``pubic_symphys``), or a cell line that starts with the rest (``_ligament``)."""
    ids = _ids()
    broken = []
    for line in text.splitlines():
        for cell in line.split("│"):
            if cell.strip().startswith("_"):
                broken.append(cell.strip())
            for word in re.findall(r"[a-z][a-z_]*", cell):
                if "_" in word and word not in ids and any(i.startswith(word) for i in ids):
                    broken.append(word)
    return broken


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("site", [None, "knee", "ankle", "sacroiliac", "lumbar_spine"])
def test_site_and_tissue_ids_in_kinchain_body_never_break_across_lines(columns, site):
    code, out = _run(["body", *([site] if site else [])], columns)
    assert code == 0, out
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    assert _broken_ids(out) == []
    if site is None:
        for sid in ("pubic_symphysis", "thoracic_spine", "sacrotuberous_ligament"):
            assert re.search(rf"│ {sid} +│", out), sid  # whole, in its own cell


def test_an_unknown_shoe_lists_the_clients_shoes_in_plain_words(maria_path: Path):
    code, out = _run(["simulate", "--intake", str(maria_path), "--activity", "jog",
                      "--shoe", "boots"], "200")  # fmt: skip
    assert code == 2
    assert "--shoe" in out and "'boots'" in out
    assert "work flats, old running shoes or barefoot" in out
    assert "[" not in out


def test_a_touchdown_velocity_out_of_range_names_the_option_not_the_parameter():
    code, out = _run(["simulate", "--model", "liu-nigg", "--touchdown-velocity", "20"], "200")
    assert code == 2
    assert "--touchdown-velocity" in out and "m/s" in out
    assert "touchdown_velocity_m_s" not in out


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        (["--shoe", "medium"], "hard or soft"),
        (["--midsole", "zz"], "midsole_a, midsole_b, midsole_c or midsole_d"),
    ],
)
def test_an_unknown_reference_shoe_or_midsole_is_refused_with_the_choices_in_plain_words(
    args, listed
):
    code, out = _run(["simulate", "--model", "liu-nigg", *args], "200")
    assert code == 2
    assert args[0] in out and listed in out
    assert "[" not in out


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize(("command", "name"), [("validate", "FILE..."), ("checkin", "CHECKIN...")])
def test_help_shows_plain_argument_names_without_python_types(columns, command, name):
    code, out = _run([command, "--help"], columns)
    assert code == 0
    assert "list[" not in out and "<path>" not in out.lower()
    assert re.search(rf"^\s+{re.escape(name)}\s", out, re.M), out


def test_questionnaire_problems_list_the_expected_names_in_plain_words():
    from kinchain.assessment.instruments import check_answers

    problems = check_answers({"nope": 3, "cait": {"totl": 19}})
    messages = [p.message for p in problems]
    assert messages and all("[" not in m for m in messages), messages
    assert any("start_back, rmdq" in m for m in messages), messages
