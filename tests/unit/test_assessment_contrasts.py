"""The article's contradictions, as data: parsed strictly, applied from the client's own data."""

from __future__ import annotations

import pytest

from kinchain.assessment.contrasts import default_contrasts, parse_contrasts
from kinchain.errors import DataFileError


def _doc(when: object) -> dict:
    return {"contrasts": [{"id": "x", "when": when, "belief": "b", "evidence": "e",
                           "cite": ["russell2010"]}]}  # fmt: skip


def test_a_contrast_with_an_unknown_condition_is_refused_naming_its_key() -> None:
    with pytest.raises(DataFileError) as e:
        parse_contrasts(_doc({"wears_hats": True}))
    assert e.value.key == "contrasts[0].when"


def test_a_contrast_citing_an_unknown_source_is_refused() -> None:
    doc = _doc({"heeled_shoes": 38})
    doc["contrasts"][0]["cite"] = ["nobody1900"]
    with pytest.raises(DataFileError):
        parse_contrasts(doc)


def test_every_bundled_contrast_shows_its_sources_with_their_grades() -> None:
    for c in default_contrasts():
        note = c.note()
        assert note.startswith("The article and the evidence disagree.")
        for key in c.cite:
            assert key in note


@pytest.mark.parametrize(
    ("when", "key", "shown"),
    [
        ({"heeled_shoes": 400}, "contrasts[0].when.heeled_shoes", "400 is outside 0..300"),
        ({"heeled_shoes": "tall"}, "contrasts[0].when.heeled_shoes", "'tall'"),
        ({"life_stage": ["teenage"]}, "contrasts[0].when.life_stage[0]", "'teenage'"),
        ({"heeled_shoes": 38, "life_stage": ["pregnant"]}, "contrasts[0].when", "heeled_shoes"),
    ],
)
def test_a_broken_contrast_condition_names_the_key_and_the_value(
    when: object, key: str, shown: str
) -> None:
    with pytest.raises(DataFileError) as e:
        parse_contrasts(_doc(when))
    assert (e.value.file, e.value.key) == ("contrasts.yaml", key)
    assert shown in e.value.detail


def test_a_heel_height_condition_reads_as_before() -> None:
    (contrast,) = parse_contrasts(_doc({"heeled_shoes": 38}))
    assert contrast.when == {"heeled_shoes": 38.0}
