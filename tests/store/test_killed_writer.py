"""A writer killed at any moment leaves each file's records whole or absent, never half."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from sqlalchemy import text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = 24


def _files(folder: Path) -> list[str]:
    base = yaml.safe_load((EXAMPLES / "maria.yaml").read_text())
    paths = []
    for i in range(FILES):
        base["client"]["name"] = f"Client {i:02d}"
        path = folder / f"client-{i:02d}.yaml"
        path.write_text(yaml.safe_dump(base))
        paths.append(str(path))
    return paths


def _count(db, table: str) -> int:
    with db.engine.connect() as c:
        return int(c.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def test_a_writer_killed_mid_import_leaves_every_file_whole_or_absent(db, tmp_path):
    db.add_practice("North")
    env = {**os.environ, "KINCHAIN_DATABASE_URL": str(db.engine.url.render_as_string(False))}
    writer = subprocess.Popen(
        [sys.executable, "-m", "kinchain", "client", "import", *_files(tmp_path),
         "--practice", "North"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(db, "client") < 3 and time.monotonic() < deadline and writer.poll() is None:
        time.sleep(0.05)
    assert writer.poll() is None, writer.stderr.read().decode() if writer.stderr else ""
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    clients = _count(db, "client")
    assert 3 <= clients < FILES, "the writer was killed in the middle"
    assert _count(db, "intake_version") == clients
    assert _count(db, "program_shown") == clients
    with db.engine.connect() as c:
        imports = c.execute(text(
            "SELECT count(*) FROM audit_event WHERE action = 'client.import'")).scalar()
        orphans = c.execute(text(
            "SELECT count(*) FROM intake_version v LEFT JOIN client c ON c.id = v.client_id "
            "WHERE c.id IS NULL")).scalar()
    assert imports == clients and orphans == 0
