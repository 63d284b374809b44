"""Database fixtures for the storage and web tests: every test runs on SQLite and on PostgreSQL:
a fresh, migrated database each time.
The schema is migrated once per database kind (a template), then copied per test: a file copy
for SQLite, ``CREATE DATABASE ... TEMPLATE`` for PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import pg_cluster
from kinchain.store import Database
from kinchain.store.migrate import upgrade

_count = itertools.count()


class Clock:
    """A clock a test moves by hand (the unit of work reads it once per transaction)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = Database(f"sqlite:///{path}").engine
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _postgres_template() -> Iterator[str]:
    with pg_cluster.cluster() as url:
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text("CREATE DATABASE kinchain_template"))
        engine = Database(url.replace("/postgres?", "/kinchain_template?")).engine
        upgrade(engine)
        engine.dispose()
        yield url
        admin.dispose()


def _postgres_copy(url: str) -> str:
    name = f"test_{next(_count)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name} TEMPLATE kinchain_template"))
    admin.dispose()
    return url.replace("/postgres?", f"/{name}?")


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        copy = tmp_path / "kinchain.sqlite3"
        shutil.copy(request.getfixturevalue("_sqlite_template"), copy)
        return f"sqlite:///{copy}"
    return _postgres_copy(request.getfixturevalue("_postgres_template"))


@pytest.fixture
def db(database_url: str, clock: Clock) -> Iterator[Database]:
    database = Database(database_url, clock=clock)
    yield database
    database.engine.dispose()


@pytest.fixture
def other_empty_url(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database, without even a schema, of the other kind than ``database_url``'s:
    PostgreSQL beside a SQLite test, SQLite beside a PostgreSQL one (for backup and restore)."""
    if database_url.startswith("postgresql"):
        return f"sqlite:///{tmp_path / 'other.sqlite3'}"
    url = request.getfixturevalue("_postgres_template")
    name = f"empty_{next(_count)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return url.replace("/postgres?", f"/{name}?")

