"""The intake's data files check themselves: a broken entry names the file and the key."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from kinchain.errors import DataFileError
from kinchain.intake import _limits as limits
from kinchain.intake import screening
from kinchain.intake import vocabulary as vocab
from kinchain.intake.model import Injury, InjuryKind, TissueKind
from kinchain.tissue import constants


def test_every_injury_kind_the_model_accepts_has_its_meaning_in_the_vocabulary() -> None:
    assert set(vocab.injury_kinds()) == set(get_args(InjuryKind))


def test_every_tissue_type_and_care_level_the_model_accepts_is_the_vocabulary_s_list() -> None:
    assert get_args(TissueKind) == vocab.tissue_types()
    care = Injury.model_fields["care"].annotation
    assert get_args(care) == vocab.care_levels()
    assert get_args(InjuryKind) == tuple(vocab.injury_kinds())


def test_the_tissue_model_takes_its_kinds_tissues_and_care_levels_from_the_vocabulary() -> None:
    assert tuple(vocab.injury_kinds()) == constants.INJURY_KINDS
    assert vocab.tissue_types() == constants.TISSUE_TYPES
    assert vocab.care_levels() == constants.CARE_LEVELS


def test_only_sprains_and_strains_take_a_grade() -> None:
    assert {k for k, info in vocab.injury_kinds().items() if info.graded} == {"sprain", "strain"}


@pytest.mark.parametrize(
    ("what", "side"),
    [
        ("baby on left hip", "left"),
        ("Laptop bag on the RIGHT shoulder", "right"),
        ("shopping, left and right", "both"),
        ("toddler, both arms", "both"),
        ("nothing much", None),
        ("leftovers in a lunch box", None),
    ],
)
def test_the_carrying_side_is_read_from_whole_words(what: str, side: str | None) -> None:
    assert vocab.carrying_side(what) == side


SIDE_WORDS = "carrying_side_words"
LISTS = {"tissue_types": ["ligament", "muscle"], "care_levels": ["none"]}


def good_screening() -> dict[str, Any]:
    return {
        "groups": {"emergency": {"title": "Now"}},
        "questions": [{"key": "a", "group": "emergency", "question": "Is it?"}],
    }


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["questions"].append(dict(d["questions"][0])), "questions[1].key"),
        (lambda d: d["questions"][0].update(group="later"), "questions[0].group"),
        (lambda d: d["questions"][0].update(question="Is it."), "questions[0].question"),
        (lambda d: d["questions"][0].update(question=""), "questions[0].question"),
        (lambda d: d["groups"]["emergency"].update(extra=1), "groups.emergency"),
        (lambda d: d.pop("groups"), "groups"),
    ],
)
def test_a_broken_screening_file_names_the_key(change: Any, key: str) -> None:
    data = good_screening()
    assert screening._parse(data).questions[0].key == "a"
    change(data)
    with pytest.raises(DataFileError) as caught:
        screening._parse(data)
    assert caught.value.file == "screening.yaml" and caught.value.key == key


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (
            {
                **LISTS,
                "injury_kinds": {"sprain": {"tissue": "skin", "graded": True}},
                SIDE_WORDS: {},
            },
            "injury_kinds.sprain.tissue",
        ),
        (
            {**LISTS, "injury_kinds": {"sprain": {"tissue": None, "graded": "no"}}, SIDE_WORDS: {}},
            "injury_kinds.sprain.graded",
        ),
        ({**LISTS, "injury_kinds": {}, SIDE_WORDS: {"up": ["up"]}}, "carrying_side_words.up"),
        ({**LISTS, "care_levels": [], "injury_kinds": {}, SIDE_WORDS: {}}, "care_levels"),
        (
            {**LISTS, "tissue_types": ["bone", "bone"], "injury_kinds": {}, SIDE_WORDS: {}},
            "tissue_types",
        ),
    ],
)
def test_a_broken_vocabulary_file_names_the_key(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(DataFileError) as caught:
        vocab._parse(raw)
    assert caught.value.file == "vocabulary.yaml" and caught.value.key == key


def good_limits() -> dict[str, Any]:
    return {"cite": ["heuristic"], "limits": {name: 10 for name in limits.LIMIT_NAMES}}


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["limits"].update(injuries=0), "limits.injuries", "0"),
        (lambda d: d["limits"].update(pain=True), "limits.pain", "True"),
        (lambda d: d["limits"].update(pain="20"), "limits.pain", "'20'"),
        (lambda d: d["limits"].pop("goals"), "limits", "goals"),
        (lambda d: d["limits"].update(elbows=3), "limits", "elbows"),
    ],
)
def test_a_broken_limits_file_names_the_key_and_the_bad_value(
    change: Any, key: str, shown: str
) -> None:
    data = good_limits()
    assert limits._parse(data)["injuries"] == 10
    change(data)
    with pytest.raises(DataFileError) as caught:
        limits._parse(data)
    assert (caught.value.file, caught.value.key) == ("limits.yaml", key)
    assert shown in caught.value.detail


def test_a_vocabulary_word_of_the_wrong_type_is_shown_in_the_refusal() -> None:
    raw = {**LISTS, "injury_kinds": {"sprain": {"tissue": None, "graded": "no"}}, SIDE_WORDS: {}}
    with pytest.raises(DataFileError) as caught:
        vocab._parse(raw)
    assert "'no'" in caught.value.detail
