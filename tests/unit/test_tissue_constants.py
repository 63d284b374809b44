"""healing.yaml: every constant cited, every bad value refused with the file, key and value."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from kinchain.body import default_body
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.tissue import default_healing, load_healing
from kinchain.tissue.loader import bundled_healing_file, check_against_body


def _with(tmp_path: Path, change: Any) -> Path:
    doc = yaml.safe_load(bundled_healing_file().read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "healing.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_the_bundled_constants_load_and_every_citation_resolves() -> None:
    model = default_healing()
    registry = default_registry()
    for key, cite in model.citations():
        assert cite, key
        assert all(k in registry for k in cite), key


def test_every_healing_class_heals_towards_a_plateau_at_or_below_normal() -> None:
    for hc in default_healing().classes.values():
        fractions = [p.fraction for p in hc.recovery]
        assert fractions == sorted(fractions)
        assert 0.0 <= hc.plateau <= 1.0
        assert hc.recovery[-1].day <= hc.plateau_day


def test_the_animal_ligament_numbers_are_labelled_as_animal_data() -> None:
    model = default_healing()
    registry = default_registry()
    ligament = model.classes["ligament_extracapsular"]
    twelve_weeks = next(p for p in ligament.recovery if p.day == 84)
    assert twelve_weeks.fraction == 0.6
    assert {registry.grade(k) for k in twelve_weeks.cite} == {"ANIMAL"}
    assert "ANIMAL" in twelve_weeks.note


def test_rehabilitation_uses_the_trials_relative_risk() -> None:
    rehab = default_healing().care["rehab_completed"]
    assert rehab.value == 0.63
    assert "RCT" in {default_registry().grade(k) for k in rehab.cite}


def _set_fraction(doc: dict[str, Any]) -> None:
    doc["classes"]["muscle"]["recovery"][1]["fraction"] = 1.4


def _falling_curve(doc: dict[str, Any]) -> None:
    doc["classes"]["muscle"]["recovery"][2]["fraction"] = 0.1


def _phases_out_of_order(doc: dict[str, Any]) -> None:
    doc["classes"]["tendon"]["phases"]["proliferation"]["end_day"] = 3


def _no_cite(doc: dict[str, Any]) -> None:
    del doc["care"]["physio"]["cite"]


def _unknown_class(doc: dict[str, Any]) -> None:
    doc["structures"]["acl"]["class"] = "ligamant"


def _typo_field(doc: dict[str, Any]) -> None:
    doc["recurrence"]["per_episode"]["valeu"] = 0.2


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        (_set_fraction, "classes.muscle.recovery[1].fraction", "1.4 is outside 0..1"),
        (_falling_curve, "classes.muscle.recovery[2].fraction", "falls below"),
        (_phases_out_of_order, "classes.tendon.phases.proliferation.end_day", "not come after"),
        (_no_cite, "care.physio.cite", "missing"),
        (_unknown_class, "structures.acl.class", "'ligamant' is not one of"),
        (_typo_field, "recurrence.per_episode", "unknown field(s) ['valeu']"),
    ],
)
def test_a_bad_constant_is_refused_with_the_file_the_key_and_the_value(
    tmp_path: Path, change: Any, key: str, words: str
) -> None:
    with pytest.raises(DataFileError) as caught:
        load_healing(_with(tmp_path, change))
    assert caught.value.file == "healing.yaml"
    assert caught.value.key == key
    assert words in caught.value.detail


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "healing.yaml"
    path.write_text("classes: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid YAML"):
        load_healing(path)


def test_docs_model_names_every_source_the_tissue_model_cites_and_has_a_mechanics_section() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "model.md").read_text(encoding="utf-8")
    keys = {k for _, cite in default_healing().citations() for k in cite}
    missing = sorted(k for k in keys if k not in text)
    assert missing == []
    assert "## Mechanics" in text


def test_every_named_structure_is_a_body_web_tissue_of_the_same_type_at_its_default_site() -> None:
    model = default_healing()
    tissues = default_body().tissues
    check_against_body(model, tissues)
    acl = model.structures["acl"]
    healing_outside = replace(acl, healing_class="ligament_extracapsular")
    outside = replace(model, structures={**model.structures, "acl": healing_outside})
    with pytest.raises(DataFileError, match="inside a joint capsule"):
        check_against_body(outside, tissues)
    unknown = replace(model, structures={**model.structures, "ligamentum_x": acl})
    with pytest.raises(DataFileError, match="not a tissue of the body web"):
        check_against_body(unknown, tissues)
