"""Opening a database: the embedded SQLite file by default, PostgreSQL by its URL.

SQLite runs in WAL mode (readers never wait for the writer) with foreign keys on and a busy
timeout, set on every connection; the default file lives in the user's data folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from kinchain.errors import InputError

__all__ = ["ENV_VAR", "WRITE_OPTION", "default_url", "open_engine", "redacted"]

#: the environment variable that names the database when --database is not given
ENV_VAR = "KINCHAIN_DATABASE_URL"

_DIALECTS = ("sqlite", "postgresql")


def default_url() -> str:
    """``KINCHAIN_DATABASE_URL``, else a SQLite file in the user's data folder."""
    if url := os.environ.get(ENV_VAR):
        return url
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("kinchain", appauthor=False))
    return f"sqlite:///{folder / 'kinchain.sqlite3'}"


def redacted(url: str, /) -> str:
    """The URL as it may be printed: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<not a database URL>"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    connection.isolation_level = None  # kinchain's own BEGIN below, not the driver's
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


#: the execution option a writing unit of work sets: its transaction takes SQLite's write lock
#: at BEGIN, so two writers queue (busy timeout) instead of failing when a reader upgrades
WRITE_OPTION = "kinchain_writes"


def _sqlite_begin(connection: Any) -> None:
    writes = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def open_engine(url: str | None = None, /) -> Engine:
    """An engine for ``url`` (default :func:`default_url`); a clear message for a bad URL."""
    url = url or default_url()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(
            f"--database: expected a URL such as sqlite:///kinchain.sqlite3 or "
            f"postgresql+psycopg://user@host/db; received {url!r}"
        ) from None
    if parsed.get_backend_name() not in _DIALECTS:
        raise InputError(
            f"--database: expected a sqlite or postgresql URL; received "
            f"{parsed.get_backend_name()!r}"
        )
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(parsed, pool_pre_ping=True)
