"""The storage commands, as a coach's operator types them: set up, import, list, show."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kinchain.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_a_new_database_is_set_up_and_clients_are_imported_listed_and_shown(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    assert run("db", "upgrade", "--database", url).exit_code == 0
    assert "up to date" in run("db", "status", "--database", url).output
    assert run("practice", "add", "Harbour", "--database", url).exit_code == 0
    done = run("client", "import", str(EXAMPLES / "maria.yaml"), str(EXAMPLES / "tom.yaml"),
               "--practice", "Harbour", "--database", url)
    assert done.exit_code == 0, done.output
    listed = json.loads(run("client", "list", "--practice", "Harbour", "--json",
                            "--database", url).output)
    assert listed["total"] == 2 and {"id", "name"} <= set(listed["clients"][0])
    maria = next(c for c in listed["clients"] if c["name"].startswith("Maria"))
    shown = run("client", "show", maria["id"], "--json", "--database", url)
    assert json.loads(shown.output)["intake"]["version"] == 1


def test_a_bad_file_imports_nothing_and_says_why_while_the_others_go_on(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    run("db", "upgrade", "--database", url)
    run("practice", "add", "Harbour", "--database", url)
    bad = tmp_path / "bad.yaml"
    bad.write_text("client: {name: X}\ndaily_minutes: lots\n")
    done = run("client", "import", str(bad), str(EXAMPLES / "ruth.yaml"),
               "--practice", "Harbour", "--database", url)
    assert done.exit_code == 2
    assert "bad.yaml: refused, nothing imported" in done.output
    assert "daily_minutes" in done.output and "Imported" in done.output
    listed = json.loads(run("client", "list", "--practice", "Harbour", "--json",
                            "--database", url).output)
    assert listed["total"] == 1


def test_a_database_not_yet_set_up_is_named_with_the_command_that_fixes_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    done = run("practice", "add", "Harbour", "--database", url)
    assert done.exit_code == 1 and "kinchain db upgrade" in " ".join(done.output.split())
    assert "Traceback" not in done.output


def test_a_stored_checkin_prints_what_changed_and_a_second_send_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    run("db", "upgrade", "--database", url)
    run("practice", "add", "Harbour", "--database", url)
    run("client", "import", str(EXAMPLES / "maria.yaml"), "--practice", "Harbour",
        "--database", url)
    listed = json.loads(run("client", "list", "--practice", "Harbour", "--json",
                            "--database", url).output)
    client = listed["clients"][0]["id"]
    today = __import__("datetime").date.today().isoformat()
    checkin = tmp_path / "c.yaml"
    checkin.write_text(f"date: {today}\neffort: easy\npain:\n  - {{site: sacroiliac, side: left,"
                       " intensity: 3}\n")
    first = run("checkin", "add", client, str(checkin), "--key", "a1", "--database", url)
    assert first.exit_code == 0, first.output
    assert "check-in(s) applied" in first.output
    again = run("checkin", "add", client, str(checkin), "--key", "a1", "--database", url)
    assert "Already stored" in again.output


def test_a_users_password_is_read_from_standard_input_and_a_weak_one_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    run("db", "upgrade", "--database", url)
    run("practice", "add", "Harbour", "--database", url)
    weak = run("user", "add", "ana@harbour.example", "--practice", "Harbour", "--role", "coach",
               "--database", url, stdin="password\n")
    assert weak.exit_code == 2 and "password" in weak.output
    ok = run("user", "add", "ana@harbour.example", "--practice", "Harbour", "--role", "coach",
             "--database", url, stdin="tide pools under a violet moon\n")
    assert ok.exit_code == 0, ok.output
    assert "Added coach ana@harbour.example" in ok.output
