"""`kinchain backup`, `kinchain restore` and `kinchain backup-key` from the command line: a
database moved between SQLite and PostgreSQL shows every client the same, and every refusal is
one message and an exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from backup_cases import KEY, fill, shown_records
from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.store import Database
from kinchain.store.archive import KEY_ENV_VAR
from kinchain.store.migrate import upgrade

runner = CliRunner()


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    made = runner.invoke(app, ["backup-key", str(tmp_path / "practice.key")])
    assert made.exit_code == 0, made.output
    assert "key id" in made.output
    return tmp_path / "practice.key"


def _run(*args: str, env: dict[str, str] | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())  # as one line: the console wraps long messages


def test_a_database_moved_to_the_other_kind_by_the_commands_shows_every_client_the_same(
    db, database_url, other_empty_url, clock, key_file, tmp_path
):
    clients = fill(db, clock)
    archive = str(tmp_path / "all.kbak")
    said = _run("backup", archive, "--database", database_url, "--key-file", str(key_file))
    assert "2 practice(s) (North, South)" in said and "4 client(s)" in said
    said = _run("restore", archive, "--database", other_empty_url, "--key-file", str(key_file))
    assert "restored 2 practice(s)" in said
    restored = Database(other_empty_url, clock=clock)
    assert shown_records(restored, clients) == shown_records(db, clients)
    restored.engine.dispose()


def test_a_database_upgraded_first_takes_a_restore_with_the_key_from_the_environment(
    db, database_url, other_empty_url, clock, tmp_path
):
    clients = fill(db, clock)
    env = {KEY_ENV_VAR: KEY.text()}
    archive = str(tmp_path / "north.kbak")
    _run("backup", archive, "--practice", "North", "--database", database_url, env=env)
    restored = Database(other_empty_url, clock=clock)
    upgrade(restored.engine)  # what `kinchain db upgrade` does
    _run("restore", archive, "--database", other_empty_url, env=env)
    north = {"North": clients["North"]}
    assert shown_records(restored, north) == shown_records(db, north)
    restored.engine.dispose()


def test_each_refusal_is_one_message_and_an_exit_code(
    db, database_url, other_empty_url, clock, key_file, tmp_path
):
    fill(db, clock)
    archive = str(tmp_path / "all.kbak")
    source = ["--database", database_url]
    said = _run("backup", archive, *source, env={KEY_ENV_VAR: ""}, code=2)
    assert "--key-file FILE or the KINCHAIN_BACKUP_KEY" in said
    _run("backup", archive, *source, "--key-file", str(key_file))
    assert "already exists" in _run("backup", archive, *source, "--key-file", str(key_file), code=2)
    _run("backup", archive, *source, "--key-file", str(key_file), "--force")
    nowhere = str(tmp_path / "no-such-folder" / "all.kbak")
    said = _run("backup", nowhere, *source, "--key-file", str(key_file), code=2)
    assert "no-such-folder does not exist" in said
    assert "no practice 'Nord'" in _run(
        "backup",
        str(tmp_path / "n.kbak"),
        *source,
        "--practice",
        "Nord",
        "--key-file",
        str(key_file),
        code=1,
    )
    wrong = tmp_path / "wrong.key"
    _run("backup-key", str(wrong))
    said = _run("restore", archive, "--database", other_empty_url, "--key-file", str(wrong), code=2)
    assert "wrong key" in said
    said = _run("restore", archive, *source, "--key-file", str(key_file), code=1)
    assert "already holds 2 practice(s)" in said
    assert "already exists" in _run("backup-key", str(wrong), code=2)
