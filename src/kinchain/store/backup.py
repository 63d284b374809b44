"""Backup: one practice or all, as a portable, versioned archive of JSON lines, sealed with
the practice's key (:mod:`kinchain.store.archive`); :mod:`kinchain.store.restore` reads it back.

The lines, in order::

    {"kinchain_backup": "header", "format": 1, "kinchain_version": ..., "schema_revision": ...,
     "created_at": ..., "dialect": ..., "practices": [{"id": ..., "name": ...}],
     "tables": {"practice": {"id": "string", "created_at": "datetime", ...}, ...}}
    {"table": "practice", "row": {"id": ..., ...}}        one line per row, every column,
    ...                                                   tables in dependency order
    {"kinchain_backup": "trailer", "counts": {"practice": 1, ...}, "sha256": ...}

Each line is canonical JSON (sorted keys, UTF-8). A value is typed by its column's kind in the
header: ``string``, ``integer``, ``boolean``, ``date`` (``YYYY-MM-DD``), ``datetime`` (ISO 8601
in UTC, ``+00:00``), or null. The trailer's ``sha256`` is over every byte before the trailer.

A backup reads every table in ONE read transaction (SQLite in WAL mode: one snapshot;
PostgreSQL: REPEATABLE READ, read only), so it is consistent while others write. A restore
reads and checks the whole archive first, touching no database, then loads it into an empty
database in one transaction, ids as they were: all of it or nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Engine, RowMapping, Table, select
from sqlalchemy import types as sqltypes
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

import kinchain
from kinchain.errors import ConflictError, InputError, NotFoundError, StorageUnavailable
from kinchain.records import canonical_json, new_id
from kinchain.store import tables as t
from kinchain.store.archive import BackupKey, SealedWriter
from kinchain.store.engine import WRITE_OPTION

__all__ = [
    "ARCHIVE_FORMAT",
    "BY_NAME",
    "TABLES",
    "ArchiveSummary",
    "Field",
    "archive_lines",
    "backup",
    "columns_of",
    "fields_of",
    "schema_head",
    "summary_of",
]

#: the version of the lines' format; a restore refuses any other
ARCHIVE_FORMAT = 1
#: sign-in state that is not a record: live sessions (a backup carries no credential a
#: restored server would honour) and sign-in attempts (throttling). After a restore, everyone
#: signs in again. The scheduler's lease is a running server's, not a record.
NOT_BACKED_UP = frozenset({"web_session", "login_attempt", "scheduler_lease"})
#: every table kept, parents before children (the order rows are written and restored in)
TABLES: tuple[Table, ...] = tuple(
    table for table in t.Base.metadata.sorted_tables if table.name not in NOT_BACKED_UP
)
BY_NAME = {table.name: table for table in TABLES}
_BATCH = 1000


@dataclass(frozen=True)
class ArchiveSummary:
    """What an archive holds: its practices (by name) and the number of rows of each table."""

    practices: tuple[str, ...]
    counts: Mapping[str, int]
    schema_revision: str
    kinchain_version: str
    created_at: str
    key_id: str

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _kind(column: Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, t.UtcDateTime):
        return "datetime"
    for sql_type, name in (
        (sqltypes.Boolean, "boolean"),
        (sqltypes.Integer, "integer"),
        (sqltypes.Date, "date"),
        (sqltypes.String, "string"),
    ):
        if isinstance(kind, sql_type) and not isinstance(kind, sqltypes.DateTime):
            return name
    raise TypeError(f"{column}: a column of type {kind} has no kind in the backup format yet")


def columns_of(table: Table) -> dict[str, str]:
    return {field.name: field.kind for field in fields_of(table.name)}


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Field:
    """A column as the archive types it."""

    name: str
    kind: str
    nullable: bool


@functools.cache
def fields_of(table: str) -> tuple[Field, ...]:
    columns = BY_NAME[table].columns
    return tuple(Field(c.name, _kind(c), bool(c.nullable)) for c in columns)


def _line(document: object) -> bytes:
    return canonical_json(document).encode("utf-8") + b"\n"


@contextlib.contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction that sees one state of the whole database."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin():
            yield connection


@functools.cache
def schema_head() -> str:
    """The newest schema revision this kinchain knows: what it writes and restores."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(Path(__file__).parent / "migrations")).get_current_head()
    assert head is not None  # kinchain ships at least one migration
    return head


def _check_revision(connection: Connection, head: str) -> None:
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    if current != head:
        raise ConflictError(
            f"database: at {current or 'no kinchain schema'}, expected {head}; "
            "run `kinchain db upgrade` first"
        )


def _practices(connection: Connection, name: str | None) -> list[dict[str, str]]:
    table = t.PracticeRow.__table__
    rows = connection.execute(select(table.c.id, table.c.name).order_by(table.c.name)).all()
    chosen = [{"id": r.id, "name": r.name} for r in rows if name is None or r.name == name]
    if name is not None and not chosen:
        known = ", ".join(r.name for r in rows) or "none yet"
        raise NotFoundError(f"--practice: no practice {name!r} (known: {known})")
    return chosen


def _owned(table: Table, ids: list[str]) -> Any:
    """The condition that picks a table's rows of the practices ``ids``: by its practice, or
    (a user's second factor) by its user's practice."""
    if table.name == "practice":
        return table.c.id.in_(ids)
    if "practice_id" in table.c:
        return table.c.practice_id.in_(ids)
    users = t.UserRow.__table__
    return table.c.user_id.in_(select(users.c.id).where(users.c.practice_id.in_(ids)))


def _rows(connection: Connection, table: Table, ids: list[str]) -> Iterator[RowMapping]:
    query = select(table).where(_owned(table, ids)).order_by(*table.primary_key.columns)
    yield from connection.execute(query.execution_options(yield_per=_BATCH)).mappings()


def archive_lines(
    engine: Engine, /, *, practice: str | None = None, now: dt.datetime | None = None
) -> Iterator[bytes]:
    """The archive's lines (header, rows, trailer) of one practice (by name) or all, read in
    one read transaction: what the lines hold is one state of the database, however long
    the reading takes and whatever is written meanwhile."""
    head = schema_head()
    with _snapshot(engine) as connection:
        _check_revision(connection, head)
        practices = _practices(connection, practice)
        digest = hashlib.sha256()
        header = _line(
            {
                "kinchain_backup": "header",
                "format": ARCHIVE_FORMAT,
                "kinchain_version": kinchain.__version__,
                "schema_revision": head,
                "created_at": (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(),
                "dialect": connection.dialect.name,
                "practices": practices,
                "tables": {table.name: columns_of(table) for table in TABLES},
            }
        )
        digest.update(header)
        yield header
        ids = [p["id"] for p in practices]
        counts: dict[str, int] = {}
        for table in TABLES:
            counts[table.name] = 0
            for row in _rows(connection, table, ids):
                line = _line({"table": table.name, "row": {k: _encode(v) for k, v in row.items()}})
                digest.update(line)
                counts[table.name] += 1
                yield line
    yield _line({"kinchain_backup": "trailer", "counts": counts, "sha256": digest.hexdigest()})


def summary_of(
    header: Mapping[str, Any], counts: Mapping[str, int], key: BackupKey
) -> ArchiveSummary:
    return ArchiveSummary(
        practices=tuple(p["name"] for p in header["practices"]),
        counts=dict(counts),
        schema_revision=header["schema_revision"],
        kinchain_version=header["kinchain_version"],
        created_at=header["created_at"],
        key_id=key.key_id,
    )


def _audit(
    engine: Engine,
    header: Mapping[str, Any],
    out: Path,
    summary: ArchiveSummary,
    *,
    actor: str,
    origin: str,
) -> None:
    detail = (
        f"backup {out.name} of {', '.join(summary.practices)} as they were at "
        f"{header['created_at']}: {summary.rows} rows, key id {summary.key_id}"
    )
    at = dt.datetime.now(dt.UTC)
    with Session(engine.execution_options(**{WRITE_OPTION: True})) as session, session.begin():
        for practice in header["practices"]:
            session.add(
                t.AuditRow(
                    id=new_id("au"),
                    practice_id=practice["id"],
                    at=at,
                    user_id=actor,
                    client_id=None,
                    action="practice.backup",
                    origin=origin,
                    detail=detail,
                )
            )


def backup(
    engine: Engine,
    out: Path,
    key: BackupKey,
    /,
    *,
    practice: str | None = None,
    replace: bool = False,
    actor: str | None = None,
    origin: str = "cli",
    now: dt.datetime | None = None,
) -> ArchiveSummary:
    """Write a sealed archive of one practice (by name) or all to ``out``. The file appears
    whole or not at all (written beside it, then renamed); an existing one is kept unless
    ``replace``. With ``actor``, each practice's audit log keeps who backed it up, when and
    where to, before the archive appears: an archive whose entry cannot be written is removed."""
    if not out.parent.is_dir():
        raise InputError(
            f"backup FILE: expected a file in an existing folder; {out.parent} does not exist"
        )
    if out.exists() and not replace:
        raise InputError(f"backup FILE: {out} already exists; name a new file or use --force")
    partial = out.with_name(f".{out.name}.{secrets.token_hex(4)}.partial")
    first = last = b""
    try:
        with partial.open("xb") as stream:
            sealed = SealedWriter(stream, key)
            for line in archive_lines(engine, practice=practice, now=now):
                first, last = first or line, line
                sealed.write(line)
            sealed.close()
            stream.flush()
            os.fsync(stream.fileno())
        summary = summary_of(json.loads(first), json.loads(last)["counts"], key)
        if actor is not None:
            header = json.loads(first)
            _audit(engine, header, out, summary, actor=actor, origin=origin)
        partial.replace(out)
    except DBAPIError as e:
        said = (str(e.orig).strip().splitlines() or [""])[0]
        raise StorageUnavailable(
            f"backup: the database could not be read now ({said}); no archive was written"
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return summary
