"""countries.yaml and pregnancy.yaml check themselves: a broken value names the file, the key
and the value."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kinchain.assessment._data import read_yaml
from kinchain.assessment.countries import country_words, default_country, parse_countries
from kinchain.assessment.warning_signs import parse_pregnancy, pregnancy_warning_signs
from kinchain.errors import DataFileError

Change = Callable[[dict[str, Any]], None]


def test_the_bundled_tables_load_from_parsed_data_as_from_the_files() -> None:
    default, table = parse_countries(copy.deepcopy(read_yaml("countries.yaml")))
    assert default == default_country() and table["IE"] == country_words("IE")
    assert parse_pregnancy(read_yaml("pregnancy.yaml")).signs == pregnancy_warning_signs().signs


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d.update(default="XX"), "default", "'XX'"),
        (lambda d: d["countries"]["UK"].update(emergency_number=999),
         "countries.UK.emergency_number", "999"),
        (lambda d: d["countries"]["IE"].update(urgent_line=""), "countries.IE.urgent_line", "''"),
        (lambda d: d["countries"]["US"].update(cite=["nobody1900"]), "countries.US.cite",
         "'nobody1900'"),
        (lambda d: d["countries"]["AU"].pop("maternity"), "countries.AU.maternity", "missing"),
    ],
)  # fmt: skip
def test_a_broken_countries_file_names_the_key_and_the_value(
    change: Change, key: str, shown: str
) -> None:
    doc = copy.deepcopy(read_yaml("countries.yaml"))
    change(doc)
    with pytest.raises(DataFileError) as caught:
        parse_countries(doc)
    assert (caught.value.file, caught.value.key) == ("countries.yaml", key)
    assert shown in caught.value.detail


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d.update(signs=[]), "signs", "got []"),
        (lambda d: d.update(intro="Call {ambulance}."), "intro", "{ambulance}"),
        (lambda d: d.update(title=7), "title", "7"),
    ],
)
def test_a_broken_pregnancy_file_names_the_key_and_the_value(
    change: Change, key: str, shown: str
) -> None:
    doc = copy.deepcopy(read_yaml("pregnancy.yaml"))
    change(doc)
    with pytest.raises(DataFileError) as caught:
        parse_pregnancy(doc)
    assert (caught.value.file, caught.value.key) == ("pregnancy.yaml", key)
    assert shown in caught.value.detail
