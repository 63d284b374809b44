"""The footwear section of chain_params.yaml and the intake section of activities.yaml check
themselves: a broken value names the file, the key and the value."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError
from kinchain.knowledge import Knowledge, load
from kinchain.mechanics.chain_schema import ActivitiesDoc, ChainParamsDoc
from kinchain.mechanics.client_choice import activity_choice
from kinchain.mechanics.reference_schema import ReferenceParamsDoc

Change = Callable[[dict[str, Any]], None]


def _refused(model: type[Knowledge], name: str, change: Change) -> DataFileError:
    doc = copy.deepcopy(read_bundled_yaml("kinchain.mechanics", name))
    load(model, doc, file=name)
    change(doc)
    with pytest.raises(DataFileError) as caught:
        load(model, doc, file=name)
    assert caught.value.file == name
    return caught.value


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["footwear"].update(heel_pad="squishy"), "footwear.heel_pad", "'squishy'"),
        (lambda d: d["footwear"]["shoe_mass_factor"].update(boot=9.0),
         "footwear.shoe_mass_factor.boot", "9 is outside 0..5"),
        (lambda d: d["footwear"]["shoe_mass_factor"].update(clog=1.0),
         "footwear.shoe_mass_factor.clog", "'clog'"),
        (lambda d: d["footwear"]["midsole_by_cushioning"].update(fluffy="midsole_a"),
         "footwear.midsole_by_cushioning.fluffy", "'fluffy'"),
        (lambda d: d["footwear"].update(cite=[]), "footwear.cite", "got []"),
    ],
)  # fmt: skip
def test_a_broken_footwear_section_names_the_key_and_the_value(
    change: Change, key: str, shown: str
) -> None:
    error = _refused(ChainParamsDoc, "chain_params.yaml", change)
    assert error.key == key and shown in error.detail


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["intake"]["simulate_as"].update(run="sprint"), "intake.simulate_as.run",
         "'sprint'"),
        (lambda d: d["intake"]["simulate_as"].update(fly="walk"), "intake.simulate_as.fly",
         "'fly'"),
        (lambda d: d["intake"]["footwear_for"]["jog"].append("skates"),
         "intake.footwear_for.jog[3]", "'skates'"),
        (lambda d: d["intake"]["words"]["jog"].append("Parkrun"), "intake.words.jog[21]",
         "'Parkrun'"),
        (lambda d: d["intake"]["words"].update(swim=["swim"]), "intake.words.swim", "'swim'"),
    ],
)  # fmt: skip
def test_a_broken_intake_choice_names_the_key_and_the_value(
    change: Change, key: str, shown: str
) -> None:
    error = _refused(ActivitiesDoc, "activities.yaml", change)
    assert error.key == key and shown in error.detail


def test_the_intake_choice_reads_every_word_of_the_file() -> None:
    words = read_bundled_yaml("kinchain.mechanics", "activities.yaml")["intake"]["words"]
    assert {k: list(v) for k, v in activity_choice().words.items()} == words


@pytest.mark.parametrize(
    ("change", "key", "shown"),
    [
        (lambda d: d["liu_nigg"]["masses_kg"].update(m1=0), "liu_nigg.masses_kg.m1",
         "0 is not > 0"),
        (lambda d: d["liu_nigg"]["ground"]["shoes"].pop("soft"), "liu_nigg.ground.shoes",
         "got ['hard']"),
        (lambda d: d["liu_nigg"]["ground"]["shoes"].update(spiky={"b": 1, "d": 1}),
         "liu_nigg.ground.shoes.spiky", "'spiky'"),
        (lambda d: d["shoe_stage"]["midsoles"]["midsole_a"].update(b6=0.5),
         "shoe_stage.midsoles.midsole_a.b6", "0.5 is not >= 1"),
        (lambda d: d["shoe_stage"].update(midsoles={}), "shoe_stage.midsoles", "got {}"),
        (lambda d: d["shoe_stage"].update(shoe_mass_kg="300 g"), "shoe_stage.shoe_mass_kg",
         "'300 g'"),
    ],
)  # fmt: skip
def test_a_broken_reference_parameter_names_the_key_and_the_value(
    change: Change, key: str, shown: str
) -> None:
    error = _refused(ReferenceParamsDoc, "reference_params.yaml", change)
    assert error.key == key and shown in error.detail
