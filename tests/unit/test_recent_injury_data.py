"""The data behind recent injuries (tissue/recent.yaml, program/loading.yaml) check themselves."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kinchain.body import default_body
from kinchain.errors import DataFileError
from kinchain.program.library import default_library, read_bundled
from kinchain.program.loading import default_loading, parse_loading
from kinchain.tissue.recent import default_recent_rules, parse_recent_rules


def _loading() -> dict[str, Any]:
    return copy.deepcopy(read_bundled("loading.yaml"))


def _parse(doc: dict[str, Any]) -> Any:
    return parse_loading(doc, library=default_library(), sites=default_body().sites)


def test_every_exercise_of_the_library_has_exactly_one_position() -> None:
    loading = default_loading()
    assert set(loading.position) == set(default_library())


def test_a_loading_table_that_forgets_an_exercise_is_refused_naming_it() -> None:
    doc = _loading()
    doc["exercises"]["sitting"].remove("ankle_alphabet")
    with pytest.raises(DataFileError, match="ankle_alphabet"):
        _parse(doc)


def test_a_segment_naming_an_unknown_site_is_refused_with_its_key() -> None:
    doc = _loading()
    doc["segments"]["ankle"]["sites"].append("shin")
    with pytest.raises(DataFileError) as caught:
        _parse(doc)
    assert caught.value.key == "segments.ankle.sites" and "shin" in str(caught.value)


def test_standing_and_kneeling_bear_weight_through_the_legs_and_sitting_does_not() -> None:
    bears = default_loading().bears
    assert "lower" in bears["standing"] and "lower" in bears["kneeling"]
    assert bears["sitting"] == () and bears["side_lying"] == ()


def test_recent_windows_with_an_unknown_phase_are_refused() -> None:
    doc = copy.deepcopy({"window": {"phase": "healing", "cite": ["heuristic"]},
                         "words": {"recent": "recent", "old": "old"}})  # fmt: skip
    with pytest.raises(DataFileError) as caught:
        parse_recent_rules(doc)
    assert caught.value.key == "window.phase"


def test_a_fracture_and_an_operation_count_as_recent_for_at_least_twelve_weeks() -> None:
    floors = default_recent_rules().at_least
    assert floors["fracture"] >= 84 and floors["surgery"] >= 84


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["positions"]["standing"].update(bears=["wings"]),
         "positions.standing.bears", "'wings'"),
        (lambda d: d["segments"]["knee"].update(sites=["hip", "knee"]), "segments.knee.sites",
         "[knee, ...]"),
        (lambda d: d["exercises"]["standing"].append("ankle_alphabet"), "exercises.standing",
         "'ankle_alphabet' has two positions"),
        (lambda d: d["exercises"]["sitting"].append("moonwalk"), "exercises.sitting",
         "'moonwalk' is not in the library"),
        (lambda d: d.update(whole_body_tags=["sparkly"]), "whole_body_tags", "'sparkly'"),
        (lambda d: d["positions"]["sitting"].update(said=3), "positions.sitting.said", "3"),
    ],
)  # fmt: skip
def test_a_broken_loading_table_names_the_key_and_the_value(
    change: Any, key: str, shown: str
) -> None:
    doc = _loading()
    change(doc)
    with pytest.raises(DataFileError) as caught:
        _parse(doc)
    assert (caught.value.file, caught.value.key) == ("loading.yaml", key)
    assert shown in caught.value.detail


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["at_least"].update(bruise={"days": 7, "cite": ["heuristic"]}),
         "at_least.bruise", "'bruise'"),
        (lambda d: d["at_least"]["fracture"].update(days="twelve weeks"), "at_least.fracture.days",
         "'twelve weeks'"),
        (lambda d: d["words"].update(old=""), "words.old", "''"),
        (lambda d: d["window"].update(cite=["nobody1900"]), "window.cite", "'nobody1900'"),
    ],
)  # fmt: skip
def test_a_broken_recent_file_names_the_key_and_the_value(
    change: Any, key: str, shown: str
) -> None:
    doc = {
        "window": {"phase": "proliferation", "cite": ["heuristic"]},
        "at_least": {"fracture": {"days": 84, "cite": ["heuristic"]}},
        "words": {"recent": "recent", "old": "old"},
    }
    assert parse_recent_rules(copy.deepcopy(doc)).at_least == {"fracture": 84}
    change(doc)
    with pytest.raises(DataFileError) as caught:
        parse_recent_rules(doc)
    assert (caught.value.file, caught.value.key) == ("recent.yaml", key)
    assert shown in caught.value.detail
