"""Bringing a database's schema up to date with Alembic, and saying where it stands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

__all__ = ["SchemaStatus", "alembic_config", "schema_status", "upgrade"]

_HERE = Path(__file__).parent / "migrations"


def alembic_config(connection: object) -> object:
    """Alembic's configuration for kinchain's migrations, on ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, /) -> None:
    """Run every migration the database has not had yet (an empty one gets them all)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")  # type: ignore[arg-type]


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # the revision the database is at; None when it has none
    head: str  # the newest revision kinchain knows

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_status(engine: Engine, /) -> SchemaStatus:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(_HERE))
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    head = script.get_current_head()
    assert head is not None  # kinchain ships at least one migration
    return SchemaStatus(current, head)
