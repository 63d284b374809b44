"""The ``--database`` option every storage command shares, and opening the database."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from kinchain.store import Database

__all__ = ["DATABASE_OPTION", "actor", "open_database"]

DATABASE_OPTION = typer.Option(
    None,
    "--database",
    metavar="URL",
    help=(
        "The database: sqlite:///path/kinchain.sqlite3 or postgresql+psycopg://user@host/db "
        "(default: the KINCHAIN_DATABASE_URL environment variable, else a SQLite file in your "
        "user data folder)."
    ),
)


def actor() -> str:
    """Who acts from the command line, as the records name it."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def open_database(url: str | None, /, *, checked: bool = True) -> Database:
    """The database at ``url``; with ``checked``, refused unless its schema is up to date."""
    from kinchain.store import Database

    db = Database(url)
    if checked:
        db.check_schema()
    return db
