"""A backup that cannot be trusted is refused whole, with a message saying why, and nothing is
written: a wrong key, a file cut short, an edited byte, lines changed after they were written,
another archive format, or a database that already holds records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backup_cases import KEY, OTHER_KEY, counts, fill, reseal
from sqlalchemy import create_engine, inspect

from kinchain.errors import ConflictError, InputError
from kinchain.records import canonical_json
from kinchain.store.backup import backup
from kinchain.store.engine import open_engine
from kinchain.store.restore import restore


@pytest.fixture
def archive(db, clock, tmp_path: Path) -> Path:
    fill(db, clock)
    backup(db.engine, tmp_path / "all.kcb", KEY)
    return tmp_path / "all.kcb"


@pytest.fixture
def target(other_empty_url: str):
    engine = open_engine(other_empty_url)
    yield engine
    engine.dispose()


def _refused(path: Path, target, match: str, key=KEY) -> str:
    with pytest.raises(InputError, match=match) as refused:
        restore(path, target, key)
    assert inspect(target).get_table_names() == [], "a refused restore wrote something"
    return str(refused.value)


def test_a_wrong_key_is_refused_and_names_both_key_ids(archive, target):
    message = _refused(archive, target, "wrong key", key=OTHER_KEY)
    assert KEY.key_id in message and OTHER_KEY.key_id in message
    assert KEY.text() not in message and OTHER_KEY.text() not in message


@pytest.mark.parametrize("keep", [0, 5, 20, 40, -1, -17])
def test_an_archive_cut_short_anywhere_is_refused_as_truncated(archive, target, keep, tmp_path):
    data = archive.read_bytes()
    cut = tmp_path / "cut.kcb"
    cut.write_bytes(data[:keep])
    _refused(cut, target, "truncated")


@pytest.mark.parametrize("where", [0.5, -1, -20])
def test_an_archive_with_one_byte_edited_is_refused_as_edited(archive, target, where, tmp_path):
    data = bytearray(archive.read_bytes())
    at = int(len(data) * where) if isinstance(where, float) else len(data) + where
    data[at] ^= 0x01
    edited = tmp_path / "edited.kcb"
    edited.write_bytes(bytes(data))
    _refused(edited, target, "edited or damaged")


def test_lines_changed_by_someone_with_the_key_are_refused_by_the_checksum(
    archive, target, tmp_path
):
    def rename(lines: list[bytes]) -> list[bytes]:
        assert any(b"Maria Example" in line for line in lines)
        return [line.replace(b"Maria Example", b"Mario Example") for line in lines]

    edited = reseal(archive, tmp_path / "edited.kcb", rename, checksum=False)
    _refused(edited, target, "checksum does not match")


def test_counts_that_disagree_with_the_rows_are_refused(archive, target, tmp_path):
    def drop_a_checkin(lines: list[bytes]) -> list[bytes]:
        first = next(i for i, line in enumerate(lines) if b'"table":"checkin"' in line)
        return lines[:first] + lines[first + 1 :]

    edited = reseal(archive, tmp_path / "edited.kcb", drop_a_checkin)
    _refused(edited, target, "the trailer counts")


def test_a_value_of_the_wrong_kind_is_refused_naming_its_line_table_and_column(
    archive, target, tmp_path
):
    def vague(lines: list[bytes]) -> list[bytes]:
        first = next(i for i, line in enumerate(lines) if b'"table":"checkin"' in line)
        row = json.loads(lines[first])
        row["row"]["date"] = "last tuesday"
        return [*lines[:first], canonical_json(row).encode() + b"\n", *lines[first + 1 :]]

    edited = reseal(archive, tmp_path / "vague.kcb", vague)
    message = _refused(edited, target, r"checkin\.date: expected a date \(not null\)")
    assert "line " in message and "'last tuesday'" in message


def test_another_archive_format_is_refused_and_says_which_this_kinchain_reads(
    archive, target, tmp_path
):
    def newer(lines: list[bytes]) -> list[bytes]:
        header = json.loads(lines[0])
        header["format"] = 2
        return [canonical_json(header).encode() + b"\n", *lines[1:]]

    _refused(reseal(archive, tmp_path / "v2.kcb", newer), target, "archive format 2; .*format 1")


def test_another_schema_revision_is_refused(archive, target, tmp_path):
    def later(lines: list[bytes]) -> list[bytes]:
        header = json.loads(lines[0])
        header["schema_revision"] = "0099"
        return [canonical_json(header).encode() + b"\n", *lines[1:]]

    _refused(reseal(archive, tmp_path / "later.kcb", later), target, "schema '0099'")


def test_another_container_version_is_refused(archive, target, tmp_path):
    data = bytearray(archive.read_bytes())
    data[8] = 2
    other = tmp_path / "other.kcb"
    other.write_bytes(bytes(data))
    _refused(other, target, "container version 2")


def test_a_file_that_is_not_a_backup_is_refused(target, tmp_path):
    intake = tmp_path / "maria.kcb"
    intake.write_text("client:\n  name: Maria\n", encoding="utf-8")
    _refused(intake, target, "expected a kinchain backup")


def test_a_database_that_holds_practices_is_refused_and_keeps_its_records(db, archive):
    before = counts(db.engine)
    with pytest.raises(ConflictError, match=r"already holds 2 practice\(s\) \(North, South\)"):
        restore(archive, db.engine, KEY)
    assert counts(db.engine) == before


def test_a_restore_that_fails_at_a_row_keeps_nothing_not_even_the_schema(archive, target, tmp_path):
    def orphan(lines: list[bytes]) -> list[bytes]:
        last = max(i for i, line in enumerate(lines) if b'"table":"checkin"' in line)
        row = json.loads(lines[last])
        row["row"]["client_id"] = "cl_nobody"
        return [*lines[:last], canonical_json(row).encode() + b"\n", *lines[last + 1 :]]

    orphaned = reseal(archive, tmp_path / "orphan.kcb", orphan)
    with pytest.raises(ConflictError, match="nothing was saved"):
        restore(orphaned, target, KEY)
    assert inspect(target).get_table_names() == []


def test_a_sqlite_engine_not_opened_by_kinchain_is_refused_before_anything_is_written(
    tmp_path,
):
    plain = create_engine(f"sqlite:///{tmp_path / 'plain.sqlite3'}")
    with pytest.raises(ValueError, match="open_engine"):
        restore(tmp_path / "never-read.kcb", plain, KEY)
    assert inspect(plain).get_table_names() == []
