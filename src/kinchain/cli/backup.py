"""``kinchain backup``, ``kinchain restore`` and ``kinchain backup-key``: a practice's records
into a sealed archive and back. Translation only: the work is :mod:`kinchain.store.backup`'s."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kinchain.cli import app, console, translate_errors
from kinchain.cli._database import DATABASE_OPTION, actor

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from kinchain.store.backup import ArchiveSummary

__all__ = ["backup", "backup_key", "restore"]

_KEY_FILE_OPTION = typer.Option(
    None,
    "--key-file",
    metavar="FILE",
    help=(
        "The practice's backup key, as `kinchain backup-key FILE` made it (default: the "
        "KINCHAIN_BACKUP_KEY environment variable)."
    ),
)


def _engine(url: str | None) -> Engine:
    from kinchain.store.engine import open_engine

    return open_engine(url)


def _say(summary: ArchiveSummary, verb: str) -> None:
    names = ", ".join(summary.practices) or "none"
    counts = summary.counts
    console.print(
        f"{verb} {len(summary.practices)} practice(s) ({names}): {summary.rows} rows, "
        f"{counts.get('client', 0)} client(s), {counts.get('checkin', 0)} check-in(s), "
        f"{counts.get('intake_version', 0)} intake version(s)",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@app.command("backup")
@translate_errors
def backup(
    file: Path = typer.Argument(..., metavar="FILE", help="The archive to write."),
    practice: str | None = typer.Option(
        None, "--practice", metavar="NAME", help="Only this practice (default: all of them)."
    ),
    database: str | None = DATABASE_OPTION,
    key_file: Path | None = _KEY_FILE_OPTION,
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
) -> None:
    """Write every record of one practice, or of all, to an encrypted archive.

    The archive is versioned JSON lines (a header, every row of every table, a trailer with
    the counts and a SHA-256 checksum), encrypted with AES-256-GCM under the practice's key.
    It is read in one read transaction, so a backup taken while others write holds one state
    of the database. Each practice's audit log keeps who backed it up and where to. FILE
    appears whole or not at all. Keep the key apart from the archives:
    without it no archive can be opened. The format is described in docs/storage.md.

    Examples:

      kinchain backup-key ~/practice.key

      kinchain backup north.kbak --practice North --key-file ~/practice.key

      KINCHAIN_BACKUP_KEY=$(cat ~/practice.key) kinchain backup all.kbak
    """
    from kinchain.store.archive import load_key
    from kinchain.store.backup import backup as write_backup

    key = load_key(key_file)
    engine = _engine(database)
    try:
        summary = write_backup(engine, file, key, practice=practice, replace=force, actor=actor())
    finally:
        engine.dispose()
    _say(summary, "backed up")
    console.print(
        f"wrote {file} (key id {summary.key_id}); restore it with `kinchain restore {file}`",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@app.command("restore")
@translate_errors
def restore(
    file: Path = typer.Argument(..., metavar="FILE", help="The archive `kinchain backup` wrote."),
    database: str | None = DATABASE_OPTION,
    key_file: Path | None = _KEY_FILE_OPTION,
) -> None:
    """Load an archive into an empty database, SQLite or PostgreSQL.

    The whole archive is checked first (the key, every byte's authentication, the format,
    the checksum and the counts); then, in one transaction, the schema is created (or found
    already created by `kinchain db upgrade`) and every record is stored with its id as it
    was. A database that holds any practice is refused. Anything wrong keeps nothing.

    Examples:

      kinchain restore all.kbak --database sqlite:///restored.sqlite3 --key-file practice.key

      kinchain restore all.kbak --database postgresql+psycopg://coach@localhost/kinchain
    """
    from kinchain.store.archive import load_key
    from kinchain.store.engine import redacted
    from kinchain.store.restore import restore as load_backup

    key = load_key(key_file)
    engine = _engine(database)
    try:
        summary = load_backup(file, engine, key)
        where = redacted(engine.url.render_as_string(hide_password=False))
    finally:
        engine.dispose()
    _say(summary, "restored")
    console.print(
        f"into {where}, from {file} (written {summary.created_at} by kinchain "
        f"{summary.kinchain_version})",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@app.command("backup-key")
@translate_errors
def backup_key(
    file: Path = typer.Argument(..., metavar="FILE", help="The key file to create."),
) -> None:
    """Make a new random backup key (256 bits) and write it to FILE, readable by you only.

    An existing FILE is never overwritten: the archives sealed with it could no longer be
    opened. Give the key to `kinchain backup` and `kinchain restore` with --key-file FILE or
    in the KINCHAIN_BACKUP_KEY environment variable. Keep a copy somewhere safe and apart
    from the archives; a lost key cannot be recovered.

    Examples:

      kinchain backup-key ~/practice.key
    """
    from kinchain.store.archive import write_new_key

    key = write_new_key(file)
    console.print(
        f"wrote a new backup key to {file} (key id {key.key_id}); keep a copy apart from "
        "the backups: without it no archive can be opened",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
