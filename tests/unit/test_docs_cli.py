"""Every command is documented, shows examples in its help, and fails with one clear message."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kinchain.cli import _register_commands, app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
runner = CliRunner()


def _commands() -> dict[str, Any]:
    """Every command and sub-command name, as the user types it, with its click command."""
    _register_commands()
    root = typer.main.get_command(app)
    found: dict[str, Any] = {}
    for name, cmd in getattr(root, "commands", {}).items():
        found[name] = cmd
        for sub, subcmd in getattr(cmd, "commands", {}).items():
            found[f"{name} {sub}"] = subcmd
    return found


COMMANDS = sorted(_commands())


def test_the_cli_has_commands_to_check() -> None:
    assert {"report", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_text_and_a_section_in_docs_cli(name: str) -> None:
    cmd = _commands()[name]
    assert (cmd.help or "").strip(), f"kinchain {name} has no help text"
    top = name.split()[0]
    headings = re.findall(r"^## kinchain (.+?)\s*$", DOCS.read_text(encoding="utf-8"), re.M)
    assert top in {h.split()[0] for h in headings}, f"docs/cli.md has no '## kinchain {top}'"


def test_the_main_help_exits_cleanly_with_examples() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "Example" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_subcommand_help_exits_cleanly_with_examples(name: str) -> None:
    result = runner.invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def _refused(args: list[str]) -> str:
    result = runner.invoke(app, args)
    text = result.output
    assert result.exit_code != 0
    assert "Traceback" not in text
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert text.strip(), "no message was printed"
    return text


def test_report_on_a_missing_file_names_it_and_exits_non_zero(tmp_path: Path) -> None:
    text = _refused(["report", str(tmp_path / "nobody.yaml"), "--out", str(tmp_path / "r.html")])
    assert "nobody.yaml" in text
    assert not (tmp_path / "r.html").exists()


def test_report_on_unreadable_yaml_says_so_in_one_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("client: [unclosed\n  name: x\n", encoding="utf-8")
    text = _refused(["report", str(bad), "--out", str(tmp_path / "r.html")])
    assert "bad.yaml" in text


def test_report_on_a_bad_value_names_the_field_and_the_value(
    tmp_path: Path, maria_path: Path
) -> None:
    text_in = maria_path.read_text(encoding="utf-8").replace("intensity: 6 ", "intensity: 12 ")
    assert "intensity: 12" in text_in
    bad = tmp_path / "maria.yaml"
    bad.write_text(text_in, encoding="utf-8")
    text = _refused(["report", str(bad), "--out", str(tmp_path / "r.html")])
    assert "pain[0].intensity" in text and "12" in text


def test_report_refuses_a_bad_date_and_a_wrong_file_kind(tmp_path: Path, maria_path: Path) -> None:
    text = _refused(["report", str(maria_path), "--as-of", "25/11/2026"])
    assert "--as-of" in text and "25/11/2026" in text
    text = _refused(["report", str(maria_path), "--out", str(tmp_path / "r.pdf")])
    assert "--out" in text and ".html" in text
