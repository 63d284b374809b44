"""The sealed container holds any length of bytes in authenticated parts; a part dropped,
moved or cut off is noticed, and a key is only ever shown by its id."""

from __future__ import annotations

import io
import os
import secrets
import stat
from pathlib import Path

import pytest

from kinchain.errors import InputError
from kinchain.store.archive import (
    KEY_ENV_VAR,
    PART_BYTES,
    BackupKey,
    SealedWriter,
    load_key,
    open_sealed,
    parse_key,
    write_new_key,
)

KEY = BackupKey(bytes(range(32)))
PREAMBLE = 24


def sealed(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = SealedWriter(out, KEY)
    for start in range(0, len(data), 100_000):
        writer.write(data[start : start + 100_000])
    writer.close()
    return out.getvalue()


def opened(blob: bytes) -> bytes:
    return b"".join(open_sealed(io.BytesIO(blob), KEY, name="b.kcb"))


def parts(blob: bytes) -> list[bytes]:
    """The sealed parts, each with its length."""
    found, at = [], PREAMBLE
    while at < len(blob):
        size = int.from_bytes(blob[at : at + 4], "big")
        found.append(blob[at : at + 4 + size])
        at += 4 + size
    return found


DATA = secrets.token_bytes(2 * PART_BYTES + 12_345)


def test_three_megabytes_come_back_whole_from_three_parts():
    blob = sealed(DATA)
    assert len(parts(blob)) == 3
    assert opened(blob) == DATA


def test_nothing_at_all_is_sealed_as_one_empty_part_and_opens_to_nothing():
    assert opened(sealed(b"")) == b""


def test_an_archive_cut_off_after_a_whole_part_says_the_rest_is_missing():
    blob = sealed(DATA)
    first_two = blob[:PREAMBLE] + b"".join(parts(blob)[:2])
    with pytest.raises(InputError, match=r"truncated .*ends after part 2; the rest is missing"):
        opened(first_two)


def test_two_parts_swapped_are_refused_as_edited():
    blob = sealed(DATA)
    a, b, c = parts(blob)
    with pytest.raises(InputError, match=r"edited or damaged .*part 1"):
        opened(blob[:PREAMBLE] + b + a + c)


def test_the_same_data_sealed_twice_gives_different_bytes():
    assert sealed(b"same") != sealed(b"same")


def test_a_key_is_shown_by_its_id_and_never_by_its_bytes():
    assert KEY.text() not in repr(KEY) and KEY.key_id in repr(KEY)
    assert parse_key(KEY.text(), source="test") == KEY


@pytest.mark.parametrize("text", ["", "short", "x" * 44, BackupKey(bytes(16)).text()])
def test_text_that_is_not_a_key_is_refused_with_where_it_came_from(text):
    with pytest.raises(InputError, match=r"backup key \(--key-file k\): expected 32") as e:
        parse_key(text, source="--key-file k")
    assert text not in str(e.value) or text == ""


def test_a_new_key_file_is_readable_by_its_owner_only_and_never_overwritten(tmp_path: Path):
    path = tmp_path / "practice.key"
    key = write_new_key(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_key(path, environ={}) == key
    with pytest.raises(InputError, match="already exists"):
        write_new_key(path)
    assert load_key(path, environ={}) == key


def test_the_key_comes_from_the_environment_when_no_key_file_is_given():
    assert load_key(None, environ={KEY_ENV_VAR: KEY.text()}) == KEY
    with pytest.raises(InputError, match="--key-file FILE or the KINCHAIN_BACKUP_KEY"):
        load_key(None, environ={})


def test_repeated_json_lines_are_sealed_in_a_fraction_of_their_size():
    lines = b"".join(
        b'{"row":{"document":"{\\"effort\\":\\"ok\\",\\"pain\\":[]}","id":"ch_%06d"},"table":"checkin"}\n'
        % i
        for i in range(50_000)
    )
    blob = sealed(lines)
    assert len(blob) < len(lines) / 5
    assert opened(blob) == lines
