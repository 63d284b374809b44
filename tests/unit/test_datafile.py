"""The shared data-file reader and the knowledge types: every bad value names the file, the key,
expected and received."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import Field

from kinchain.datafile import read_yaml_file
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.knowledge import STRICT, CitedRecord, Prose, Text, cross_check, in_range, load


def test_a_bad_yaml_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("phases: [\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid YAML") as caught:
        read_yaml_file(path)
    assert (caught.value.file, caught.value.key) == ("rules.yaml", "<file>")


def test_a_file_that_is_not_there_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot be read") as caught:
        read_yaml_file(tmp_path / "habits.yaml")
    assert caught.value.file == "habits.yaml"


class _Entry(CitedRecord):
    weeks: Annotated[float, STRICT, in_range(0, 26)]
    advice: Text
    words: Prose
    steps: Annotated[tuple[Text, ...], Field(min_length=1)]


def _refused(**change: Any) -> DataFileError:
    raw = {"weeks": 6, "advice": "Walk", "words": "a b", "steps": ["Rise"], "cite": ["article"]}
    raw.update(change)
    with pytest.raises(DataFileError) as caught:
        load(_Entry, raw, file="rules.yaml")
    return caught.value


def test_a_number_outside_its_range_names_file_key_expected_and_received() -> None:
    assert str(_refused(weeks=40)) == "rules.yaml: weeks: 40 is outside 0..26"


def test_a_number_field_holding_text_is_refused_with_what_it_received() -> None:
    assert _refused(weeks="six").detail == "expected a valid number, got 'six'"


def test_true_is_not_taken_for_the_number_one() -> None:
    assert "got True" in _refused(weeks=True).detail


def test_a_missing_text_field_is_refused() -> None:
    error = _refused(advice=None)
    assert error.key == "advice" and "got None" in error.detail
    raw = {"weeks": 6, "words": "a", "steps": ["Rise"], "cite": ["article"]}
    with pytest.raises(DataFileError) as caught:
        load(_Entry, raw, file="habits.yaml")
    assert (caught.value.key, caught.value.detail) == ("advice", "missing")


def test_a_blank_text_field_is_refused_like_a_missing_one() -> None:
    assert _refused(advice="   ").detail == "expected a non-empty text, got '   '"


def test_a_folded_yaml_text_reads_as_one_line_as_prose_and_stripped_as_text() -> None:
    raw = {"weeks": 6, "advice": " Stand up\n", "words": "Stand up\n  every half hour.\n",
           "steps": ["Rise"], "cite": ["article"]}  # fmt: skip
    entry = load(_Entry, raw, file="f.yaml")
    assert entry.words == "Stand up every half hour." and entry.advice == "Stand up"


def test_a_list_of_texts_with_a_blank_entry_is_refused() -> None:
    error = _refused(steps=["Rise onto the toes", ""])
    assert error.key == "steps[1]" and "non-empty text" in error.detail


def test_an_unknown_citation_is_refused() -> None:
    entry = load(_Entry, {"weeks": 6, "advice": "a", "words": "b", "steps": ["c"],
                          "cite": ["nobody1900"]}, file="f.yaml")  # fmt: skip
    with pytest.raises(DataFileError, match="'nobody1900' is not in the evidence registry") as e:
        cross_check(entry, file="f.yaml", registry=default_registry(), sites=())
    assert e.value.key == "cite"


def test_an_empty_citation_list_is_refused_before_any_lookup() -> None:
    assert _refused(cite=[]).detail == "expected a non-empty list, got []"
