"""A throw-away PostgreSQL cluster for tests and benchmarks: started from the server binaries on
this machine, on a Unix socket in a temporary folder (no network port), stopped at the end.

PostgreSQL refuses to run as root; as root the cluster runs as the ``postgres`` user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

BIN_FOLDERS = [Path(p) for p in ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin")]
PORT = 54329


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL's server is missing."""
    for folder in BIN_FOLDERS:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster and yield the SQLAlchemy URL of its ``postgres`` database."""
    folder = binaries()
    if folder is None:
        raise RuntimeError("PostgreSQL's server is not installed: run scripts/install.sh --dev")
    root = Path(tempfile.mkdtemp(prefix="kinchain-pg-"))
    data, log = root / "data", root / "log"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")

    def run(*argv: str) -> None:
        command = _as_server_user([str(folder / argv[0]), *argv[1:]])
        subprocess.run(command, check=True, capture_output=True)

    run("initdb", "-D", str(data), "-A", "trust", "-U", "kinchain", "-E", "UTF8", "--no-sync")
    options = f"-k {root} -p {PORT} -c listen_addresses='' -c fsync=off -c max_connections=200"
    run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-o", options, "start")
    try:
        yield f"postgresql+psycopg://kinchain@/postgres?host={root}&port={PORT}"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
