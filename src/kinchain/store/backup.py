"""Backup and restore: one practice or all, as a portable, versioned archive of JSON lines,
sealed with the practice's key (:mod:`kinchain.store.archive`).

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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Engine, RowMapping, Table, event, inspect, select
from sqlalchemy import types as sqltypes
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

import kinchain
from kinchain.errors import ConflictError, InputError, NotFoundError, StorageUnavailable
from kinchain.records import canonical_json, new_id
from kinchain.store import tables as t
from kinchain.store.archive import BackupKey, SealedWriter, open_sealed
from kinchain.store.engine import WRITE_OPTION, _sqlite_begin, redacted
from kinchain.store.migrate import alembic_config
from kinchain.store.uow import translate

__all__ = [
    "ARCHIVE_FORMAT",
    "TABLES",
    "ArchiveReader",
    "ArchiveSummary",
    "archive_lines",
    "backup",
    "restore",
    "schema_head",
    "verify",
]

#: the version of the lines' format; a restore refuses any other
ARCHIVE_FORMAT = 1
#: every table, parents before children (the order rows are written and restored in)
TABLES: tuple[Table, ...] = tuple(t.Base.metadata.sorted_tables)
_BY_NAME = {table.name: table for table in TABLES}
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


def _columns(table: Table) -> dict[str, str]:
    return {field.name: field.kind for field in _fields(table.name)}


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


#: the kinds whose JSON value is the Python value, and how to recognise one
_PLAIN: dict[str, Callable[[object], bool]] = {
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
}


@dataclass(frozen=True)
class _Field:
    name: str
    kind: str
    nullable: bool


@functools.cache
def _fields(table: str) -> tuple[_Field, ...]:
    columns = _BY_NAME[table].columns
    return tuple(_Field(c.name, _kind(c), bool(c.nullable)) for c in columns)


def _decode(field: _Field, value: object) -> object:
    """A JSON value back as the column's Python value; ValueError when it is not one."""
    if value is None:
        if field.nullable:
            return None
    elif (check := _PLAIN.get(field.kind)) is not None:
        if check(value):
            return value
    elif field.kind == "datetime" and isinstance(value, str):
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            return moment.astimezone(dt.UTC)
    elif field.kind == "date" and isinstance(value, str) and len(value) == 10:
        return dt.date.fromisoformat(value)
    raise ValueError(field.kind)


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


def _rows(connection: Connection, table: Table, ids: list[str]) -> Iterator[RowMapping]:
    owner = table.c.id if table.name == "practice" else table.c.practice_id
    query = select(table).where(owner.in_(ids)).order_by(*table.primary_key.columns)
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
                "tables": {table.name: _columns(table) for table in TABLES},
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


def _summary(
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
        summary = _summary(json.loads(first), json.loads(last)["counts"], key)
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


class ArchiveReader:
    """Opens a sealed archive and gives its rows, checked: the key, every part's
    authentication, the header's format and schema, each row's columns and values, and at the
    end the trailer's counts and checksum. :attr:`summary` is set once all rows are read."""

    def __init__(self, path: Path, key: BackupKey, /) -> None:
        self.path = path
        self._key = key
        self._head = schema_head()
        self.summary: ArchiveSummary | None = None

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        rest = b""
        number = 0
        with self.path.open("rb") as stream:
            for plain in open_sealed(stream, self._key, name=str(self.path)):
                lines = (rest + plain).split(b"\n")
                rest = lines.pop()
                for line in lines:
                    number += 1
                    yield number, line + b"\n"
        if rest:
            raise self._refused(number + 1, "the last line has no end")

    def _refused(self, number: int, detail: str) -> InputError:
        return InputError(f"{self.path}: line {number}: {detail}; nothing was restored")

    def _json(self, number: int, line: bytes) -> dict[str, Any]:
        try:
            document = json.loads(line)
        except ValueError:
            document = None
        if not isinstance(document, dict):
            raise self._refused(number, "expected a JSON object; received something else")
        return document

    def _header(self, number: int, line: bytes) -> dict[str, Any]:
        header = self._json(number, line)
        if header.get("kinchain_backup") != "header":
            raise self._refused(number, "expected the archive's header")
        if header.get("format") != ARCHIVE_FORMAT:
            raise InputError(
                f"{self.path}: archive format {header.get('format')!r}; this kinchain reads "
                f"format {ARCHIVE_FORMAT} (restore it with the kinchain that wrote it); "
                "nothing was restored"
            )
        if header.get("schema_revision") != self._head:
            raise InputError(
                f"{self.path}: the archive holds schema {header.get('schema_revision')!r}; this "
                f"kinchain restores schema {self._head!r} (restore it with the kinchain that "
                "wrote it); nothing was restored"
            )
        expected = {table.name: _columns(table) for table in TABLES}
        if header.get("tables") != expected:
            raise self._refused(number, "the header's tables and columns are not this schema's")
        return header

    def _row(self, number: int, document: Mapping[str, Any]) -> tuple[Table, dict[str, object]]:
        table = _BY_NAME.get(document.get("table"))  # type: ignore[arg-type]
        values = document.get("row")
        if table is None or not isinstance(values, dict):
            raise self._refused(number, "expected a row of a known table, or the trailer")
        fields = _fields(table.name)
        if len(values) != len(fields) or any(f.name not in values for f in fields):
            names = [f.name for f in fields]
            raise self._refused(number, f"the {table.name} row's columns are not {names}")
        row: dict[str, object] = {}
        for field in fields:
            try:
                row[field.name] = _decode(field, values[field.name])
            except ValueError:
                raise self._refused(
                    number,
                    f"{table.name}.{field.name}: expected a {field.kind}"
                    f"{'' if field.nullable else ' (not null)'}; received {values[field.name]!r}",
                ) from None
        return table, row

    def _trailer(
        self, number: int, document: Mapping[str, Any], digest: str, counts: dict[str, int]
    ) -> None:
        if document.get("sha256") != digest:
            raise InputError(
                f"{self.path}: the checksum does not match: the archive's lines were changed "
                "after it was written; nothing was restored"
            )
        if document.get("counts") != counts:
            raise self._refused(
                number, f"the trailer counts {document.get('counts')}, the archive holds {counts}"
            )

    def rows(self) -> Iterator[tuple[Table, dict[str, object]]]:
        """Every row with its table, in the archive's order; raises at the first fault."""
        lines = self._lines()
        digest = hashlib.sha256()
        first = next(lines, None)
        if first is None:
            raise self._refused(1, "the archive holds no header")
        header = self._header(*first)
        digest.update(first[1])
        counts = {table.name: 0 for table in TABLES}
        for number, line in lines:
            document = self._json(number, line)
            if document.get("kinchain_backup") == "trailer":
                self._trailer(number, document, digest.hexdigest(), counts)
                if next(lines, None) is not None:
                    raise self._refused(number + 1, "lines follow the trailer")
                self.summary = _summary(header, counts, self._key)
                return
            table, row = self._row(number, document)
            digest.update(line)
            counts[table.name] += 1
            yield table, row
        raise InputError(f"{self.path}: the archive ends without its trailer; nothing was restored")


def verify(path: Path, key: BackupKey, /) -> ArchiveSummary:
    """Read and check a whole archive, touching no database; what it holds."""
    reader = ArchiveReader(path, key)
    for _ in reader.rows():
        pass
    assert reader.summary is not None
    return reader.summary


def _refuse_non_empty(connection: Connection) -> None:
    if not inspect(connection).has_table("practice"):
        return
    table = t.PracticeRow.__table__
    names = connection.execute(select(table.c.name).order_by(table.c.name)).scalars().all()
    if names:
        raise ConflictError(
            f"restore: the database at {redacted(str(connection.engine.url))} already holds "
            f"{len(names)} practice(s) ({', '.join(names)}); a restore goes only into an empty "
            "database (a new SQLite file, or a new PostgreSQL database); nothing was restored"
        )


def _load(connection: Connection, rows: Iterator[tuple[Table, dict[str, object]]]) -> None:
    batch: list[dict[str, object]] = []
    current: Table | None = None
    for table, row in rows:
        if batch and (table is not current or len(batch) >= _BATCH):
            connection.execute(current.insert(), batch)  # type: ignore[union-attr]
            batch = []
        current = table
        batch.append(row)
    if batch and current is not None:
        connection.execute(current.insert(), batch)


def _transactional(engine: Engine) -> Engine:
    """The engine to restore with: on SQLite only one opened by :func:`open_engine`, whose
    transactions hold the schema's creation too (the driver's own commits it at once)."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "begin", _sqlite_begin):
        raise ValueError(
            "restore: expected a SQLite engine from kinchain.store.open_engine (whose "
            "transaction holds the whole restore); received one opened otherwise"
        )
    return engine.execution_options(**{WRITE_OPTION: True})


def restore(path: Path, engine: Engine, key: BackupKey, /) -> ArchiveSummary:
    """Load an archive into an empty database (SQLite or PostgreSQL): the archive is checked
    whole first; then, in one transaction, the migrations run and every row is inserted with
    its id as it was. A fault anywhere keeps nothing."""
    from alembic import command

    writer = _transactional(engine)
    summary = verify(path, key)
    try:
        with writer.begin() as connection:
            _refuse_non_empty(connection)
            command.upgrade(alembic_config(connection), "head")  # type: ignore[arg-type]
            _load(connection, ArchiveReader(path, key).rows())
    except DBAPIError as e:
        raise translate(e) from None
    return summary
