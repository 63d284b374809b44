"""contributors.yaml checks itself: a broken weight or test names the file, the key and the
value."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kinchain.assessment._data import read_yaml
from kinchain.assessment.rules import contributor_rules, parse_contributor_rules
from kinchain.errors import DataFileError

Change = Callable[[dict[str, Any]], None]


def _doc() -> dict[str, Any]:
    return copy.deepcopy(read_yaml("contributors.yaml"))


def test_the_rules_load_from_parsed_data_with_each_test_as_written() -> None:
    rules = parse_contributor_rules(_doc())
    assert rules == contributor_rules()
    heel = next(r for r in rules.footwear if r.id == "high_heel")
    assert heel.when == {"heel_min_mm": 38} and heel.exposure_field == "hours_per_day"
    assert rules.life_stage[0].base == 0.0 and rules.life_stage[0].cap == 0.85


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d.update(min_score=1.5), "min_score", "1.5 is outside 0..1"),
        (lambda d: d["side"].update(other="half"), "side.other", "'half'"),
        (lambda d: d["injury"].update(deficit_scale=0), "injury.deficit_scale", "0"),
        (lambda d: d["habit"][0]["when"].update(habit="knitting"), "habit[0].when.habit",
         "'knitting'"),
        (lambda d: d["footwear"][0]["exposure"].update(field="days"),
         "footwear[0].exposure.field", "'days'"),
        (lambda d: d["footwear"][1].update(id=d["footwear"][0]["id"]), "footwear[1].id",
         "used twice"),
        (lambda d: d["footwear"][0].update(pain_sites=["kneecap"]), "footwear[0].pain_sites",
         "'kneecap'"),
        (lambda d: d["life_stage"][0].update(base=0.3), "life_stage[0]", "base"),
        (lambda d: d["activity"][0]["when"].update(activity=[]), "activity[0].when.activity",
         "got []"),
    ],
)  # fmt: skip
def test_a_broken_contributors_file_names_the_key_and_the_value(
    change: Change, key: str, shown: str
) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(DataFileError) as caught:
        parse_contributor_rules(doc)
    assert (caught.value.file, caught.value.key) == ("contributors.yaml", key)
    assert shown in caught.value.detail
