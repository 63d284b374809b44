"""`kinchain validate`: "ok" and exit 0, or every problem with its file name and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main
from click.testing import CliRunner, Result

from kinchain.cli import app
from kinchain.errors import IntakeError
from kinchain.services import load_client, validate_file

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> Result:
    # get_group keeps "validate" a sub-command even while it is the only command registered
    return CliRunner().invoke(typer.main.get_group(app), ["validate", *args])


@pytest.mark.parametrize("name", ["maria.yaml", "tom.yaml", "ruth.yaml", "maria.json"])
def test_validate_says_ok_for_each_shared_intake(examples_dir: Path, name: str) -> None:
    result = run(str(examples_dir / name))
    assert (result.exit_code, result.output) == (0, "ok\n")


def test_validate_lists_every_problem_with_the_file_name_and_exits_2(
    tmp_path: Path, maria_path: Path
) -> None:
    text = maria_path.read_text(encoding="utf-8")
    text = text.replace("intensity: 6 ", "intensity: 12 ").replace("date: 2012-08", "date: 2031-05")
    path = tmp_path / "maria.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(str(path), "--as-of", "2026-11-25")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{path}: injuries[1].date: 2031-05 is in the future (as of 2026-11-25)",
        f"{path}: pain[0].intensity: 12 is outside 0..10",
    ]


def unreadable_files(folder: Path) -> dict[str, Path]:
    (folder / "binary.yaml").write_bytes(b"\x00\x01\x02")
    (folder / "empty.yaml").write_text("", encoding="utf-8")
    return {
        "no such file": folder / "missing.yaml",
        "is a folder": folder,
        "binary file": folder / "binary.yaml",
        "empty": folder / "empty.yaml",
    }


def test_validate_never_shows_a_traceback_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    for words, path in unreadable_files(tmp_path).items():
        result = run(str(path))
        assert result.exit_code == 2, words
        assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash
        (line,) = result.output.splitlines()
        assert line.startswith(f"{path}: ") and words in line


def test_validate_refuses_a_malformed_as_of_date(maria_path: Path) -> None:
    result = run(str(maria_path), "--as-of", "yesterday")
    assert result.exit_code == 2 and "--as-of" in result.output


def test_validate_help_has_an_example_and_the_command_is_documented() -> None:
    result = run("--help")
    assert result.exit_code == 0 and "kinchain validate examples/maria.yaml" in result.output
    assert "## kinchain validate" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_questionnaire_answers_out_of_range_are_listed_beside_the_intakes_own_problems(
    tmp_path: Path, tom_path: Path
) -> None:
    text = tom_path.read_text(encoding="utf-8")
    text = text.replace("0, 0, 0, 0, 1]", "0, 0, 0, 0, 7]")
    text = text.replace("intensity: 5", "intensity: 11")
    path = tmp_path / "tom.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IntakeError) as caught:
        load_client(path)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["pain[0].intensity", "questionnaires.start_back[8]"]
    assert validate_file(path)[1].startswith(f"{path}: questionnaires.start_back[8]: ")


def test_load_client_gives_the_same_client_as_the_intake_loader(ruth_path: Path) -> None:
    from kinchain.intake import load_intake

    assert load_client(ruth_path) == load_intake(ruth_path)


def test_validate_checks_several_files_and_fails_if_any_is_refused(
    tmp_path: Path, examples_dir: Path
) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = run(str(examples_dir / "tom.yaml"), str(empty))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{examples_dir / 'tom.yaml'}: ok",
        f"{empty}: the file is empty; expected an intake in YAML or JSON",
    ]
