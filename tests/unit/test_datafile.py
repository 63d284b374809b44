"""The shared data-file reader: every bad value names the file, the key, expected and received."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinchain.datafile import cites, number, read_yaml_file, text, texts
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry


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


def test_a_number_outside_its_range_names_file_key_expected_and_received() -> None:
    with pytest.raises(DataFileError) as caught:
        number({"weeks": 40}, "weeks", file="rules.yaml", key="phases[1]", lo=0, hi=26)
    assert str(caught.value) == "rules.yaml: phases[1].weeks: 40 is outside 0..26"


def test_a_number_field_holding_text_is_refused_with_what_it_received() -> None:
    with pytest.raises(DataFileError, match=r"phases\[0\]\.weeks: expected a number, got 'six'"):
        number({"weeks": "six"}, "weeks", file="rules.yaml", key="phases[0]", lo=0, hi=26)


def test_true_is_not_taken_for_the_number_one() -> None:
    with pytest.raises(DataFileError, match="expected a number, got True"):
        number({"share": True}, "share", file="f.yaml", key="joint", lo=0, hi=1)


def test_a_missing_text_field_is_refused() -> None:
    with pytest.raises(DataFileError) as caught:
        text({"title": "Calf raise"}, "advice", file="habits.yaml", key="habits[2]")
    assert caught.value.key == "habits[2].advice"
    assert caught.value.detail == "missing"


def test_a_text_field_left_empty_in_yaml_says_what_it_received() -> None:
    with pytest.raises(DataFileError, match="expected a non-empty text, got None"):
        text({"advice": None}, "advice", file="habits.yaml", key="habits[0]")


def test_a_blank_text_field_is_refused_like_a_missing_one() -> None:
    with pytest.raises(DataFileError, match="expected a non-empty text, got '   '"):
        text({"advice": "   "}, "advice", file="habits.yaml", key="habits[0]")


def test_a_folded_yaml_text_reads_as_one_line_when_squashed() -> None:
    raw = {"advice": "Stand up\n  every half hour.\n"}
    assert text(raw, "advice", file="f.yaml", key="h", squash=True) == "Stand up every half hour."
    assert text(raw, "advice", file="f.yaml", key="h") == "Stand up\n  every half hour."


def test_a_list_of_texts_with_a_blank_entry_is_refused() -> None:
    with pytest.raises(DataFileError, match="expected a non-empty list of texts"):
        texts(["Rise onto the toes", ""], file="exercises.yaml", key="exercises[0].steps")


def test_an_unknown_citation_is_refused() -> None:
    with pytest.raises(DataFileError, match="'nobody1900' is not in the evidence registry") as e:
        cites({"cite": ["nobody1900"]}, file="f.yaml", key="rule", registry=default_registry())
    assert e.value.key == "rule.cite"


def test_an_empty_citation_list_is_refused_before_any_lookup() -> None:
    with pytest.raises(DataFileError, match="expected a non-empty list of keys, got \\[\\]"):
        cites({"cite": []}, file="f.yaml", key="rule", registry=default_registry())
