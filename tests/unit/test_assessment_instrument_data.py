"""instruments.yaml checks itself: a broken number names the file, the key and the value."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kinchain.assessment._data import read_yaml
from kinchain.assessment.instruments import instrument_rules, parse_instrument_rules
from kinchain.errors import DataFileError

Change = Callable[[dict[str, Any]], None]


def _doc() -> dict[str, Any]:
    return copy.deepcopy(read_yaml("instruments.yaml"))


def test_the_rules_load_from_parsed_data_with_every_number_as_written() -> None:
    rules = parse_instrument_rules(_doc())
    assert rules == instrument_rules()
    assert rules["cait"]["item_max"] == [5, 4, 3, 3, 2, 3, 4, 3, 3]
    assert rules["faam"]["subscales"]["adl"]["cutoff_below"] == 90


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["rmdq"].update(items=-3), "rmdq.items", "-3 is outside 1..1000"),
        (lambda d: d["lefs"].update(item_max="4"), "lefs.item_max", "'4'"),
        (lambda d: d["cait"]["item_max"].pop(), "cait.item_max", "8 maxima for 9 items"),
        (lambda d: d["odi"]["bands"][2].update(max=30), "odi.bands[2].max", "30"),
        (lambda d: d["nprs"]["bands"][-1].update(max=9), "nprs.bands[3].max", "9"),
        (lambda d: d["koos12"]["scales"]["qol"].update(last=8), "koos12.scales.qol.last", "8"),
        (lambda d: d["faam"].update(min_answered_fraction=1.5), "faam.min_answered_fraction",
         "1.5"),
        (lambda d: d["cait"]["cutoffs"][0].update(cite=["nobody1900"]), "cait.cutoffs[0].cite",
         "'nobody1900'"),
        (lambda d: d["psfs"].update(colour="red"), "psfs", "colour"),
        (lambda d: d.pop("pgq"), "pgq", "missing"),
        (lambda d: d.update(sf36={}), "<file>", "sf36"),
    ],
)  # fmt: skip
def test_a_broken_instruments_file_names_the_key_and_the_value(
    change: Change, key: str, shown: str
) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(DataFileError) as caught:
        parse_instrument_rules(doc)
    assert (caught.value.file, caught.value.key) == ("instruments.yaml", key)
    assert shown in caught.value.detail
