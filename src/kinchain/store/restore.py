"""Restore: an archive that :mod:`kinchain.store.backup` wrote, read and checked whole, then
loaded into an empty database (SQLite or PostgreSQL) in one transaction, ids as they were.

:class:`ArchiveReader` gives the rows of an archive, checked (the key, every part's
authentication, the header's format and schema, each row's columns and values, the trailer's
counts and checksum); :func:`verify` reads one whole, touching no database; :func:`restore`
verifies, then refuses a database holding any practice, creates the schema and inserts every
row. A fault anywhere keeps nothing, not even the schema.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, event, inspect, select
from sqlalchemy.exc import DBAPIError

from kinchain.errors import ConflictError, InputError
from kinchain.store import tables as t
from kinchain.store.archive import BackupKey, open_sealed
from kinchain.store.backup import (
    ARCHIVE_FORMAT,
    BY_NAME,
    TABLES,
    ArchiveSummary,
    Field,
    columns_of,
    fields_of,
    schema_head,
    summary_of,
)
from kinchain.store.engine import WRITE_OPTION, _sqlite_begin, redacted
from kinchain.store.migrate import alembic_config
from kinchain.store.uow import translate

__all__ = ["ArchiveReader", "restore", "verify"]

_BATCH = 1000


#: the kinds whose JSON value is the Python value, and how to recognise one
_PLAIN: dict[str, Callable[[object], bool]] = {
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
}


def _decode(field: Field, value: object) -> object:
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
        expected = {table.name: columns_of(table) for table in TABLES}
        if header.get("tables") != expected:
            raise self._refused(number, "the header's tables and columns are not this schema's")
        return header

    def _row(self, number: int, document: Mapping[str, Any]) -> tuple[Table, dict[str, object]]:
        table = BY_NAME.get(str(document.get("table")))
        values = document.get("row")
        if table is None or not isinstance(values, dict):
            raise self._refused(number, "expected a row of a known table, or the trailer")
        fields = fields_of(table.name)
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
                self.summary = summary_of(header, counts, self._key)
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
        if current is not None and (table is not current or len(batch) >= _BATCH):
            connection.execute(current.insert(), batch)
            batch = []
        current = table
        batch.append(row)
    if current is not None:
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
            config = alembic_config(connection)  # typed `object` by migrate.py, as its upgrade
            command.upgrade(config, "head")  # type: ignore[arg-type]
            _load(connection, ArchiveReader(path, key).rows())
    except DBAPIError as e:
        raise translate(e) from None
    return summary
