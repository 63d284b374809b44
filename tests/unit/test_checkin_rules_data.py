"""checkins.yaml checks itself: a broken entry names the file, the key and the bad value."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kinchain.errors import DataFileError
from kinchain.program.checkin_rules import RULE_IDS, checkin_rules, parse_checkin_rules
from kinchain.program.library import read_bundled


def _doc() -> dict[str, Any]:
    return copy.deepcopy(read_bundled("checkins.yaml"))


def test_the_bundled_check_in_rules_load_from_parsed_data_as_from_the_file() -> None:
    assert parse_checkin_rules(_doc()) == checkin_rules()
    assert set(checkin_rules().says) == set(RULE_IDS)


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["rules"].pop("streak"), "rules", "streak"),
        (lambda d: d["rules"]["flare"].update(says=""), "rules.flare.says", "''"),
        (lambda d: d["rules"]["flare"].update(cite=["nobody1900"]), "rules.flare.cite",
         "'nobody1900'"),
        (lambda d: d["flare_with"]["running"].update(tags=[]), "flare_with.running.tags", "got []"),
        (lambda d: d["flare_with"]["running"].update(habits=["moonwalk"]),
         "flare_with.running.habits", "'moonwalk'"),
        (lambda d: d["flare_with"]["carrying"].update(colour="red"), "flare_with.carrying",
         "colour"),
    ],
)  # fmt: skip
def test_a_broken_checkins_file_names_the_key_and_the_value(
    change: Callable[[dict[str, Any]], None], key: str, shown: str
) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(DataFileError) as caught:
        parse_checkin_rules(doc)
    assert (caught.value.file, caught.value.key) == ("checkins.yaml", key)
    assert shown in caught.value.detail
