"""Shared fixtures: paths to the bundled example intakes."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def maria_path() -> Path:
    return EXAMPLES / "maria.yaml"


@pytest.fixture
def tom_path() -> Path:
    return EXAMPLES / "tom.yaml"


@pytest.fixture
def ruth_path() -> Path:
    return EXAMPLES / "ruth.yaml"


# The storage and web tests' fixtures (a fresh database per test on SQLite and PostgreSQL; the
# web world of two practices); defined in their own modules, found by pytest through these names.
from db_fixtures import (  # noqa: E402, F401
    Clock,
    _postgres_template,
    _sqlite_template,
    clock,
    database_url,
    db,
    other_empty_url,
)
from smtp_loopback import mail_app, smtp_server  # noqa: E402, F401
from web_world import app, world  # noqa: E402, F401
