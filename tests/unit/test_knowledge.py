"""One way to load knowledge: declarative models, one error adapter, one cross-reference pass."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml

from kinchain.body import default_body
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.knowledge import STRICT, CitedRecord, in_range, load
from kinchain.tissue import default_healing, load_healing
from kinchain.tissue.loader import bundled_healing_file, checked_healing


def _healing_doc() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(bundled_healing_file().read_text(encoding="utf-8"))
    return doc


def _broken_copy(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "healing.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


class _Share(CitedRecord):
    value: Annotated[float, STRICT, in_range(0, 1)]


def test_a_cited_record_without_sources_is_refused_with_the_key_and_the_value() -> None:
    with pytest.raises(DataFileError) as caught:
        load(_Share, {"value": 0.5, "cite": []}, file="shares.yaml")
    assert (caught.value.file, caught.value.key) == ("shares.yaml", "cite")
    assert "got ()" in caught.value.detail or "got []" in caught.value.detail


def test_a_number_given_as_text_is_refused_naming_what_was_expected_and_received() -> None:
    with pytest.raises(DataFileError) as caught:
        load(_Share, {"value": "0.5", "cite": ["article"]}, file="shares.yaml")
    assert caught.value.key == "value"
    assert "expected a valid number" in caught.value.detail
    assert "'0.5'" in caught.value.detail


def test_a_long_bad_value_is_shown_as_a_short_excerpt() -> None:
    with pytest.raises(DataFileError) as caught:
        load(_Share, {"value": "x" * 500, "cite": ["article"]}, file="shares.yaml")
    assert len(caught.value.detail) < 120
    assert caught.value.detail.endswith("...")


def test_the_healing_constants_load_from_parsed_data_as_from_the_file() -> None:
    assert load_healing(_healing_doc()) == default_healing()


def test_a_coach_edit_citing_an_unknown_source_is_refused_at_load(tmp_path: Path) -> None:
    doc = _healing_doc()
    doc["care"]["physio"]["cite"] = ["nobody1900"]
    path = _broken_copy(tmp_path, doc)
    with pytest.raises(DataFileError) as caught:
        checked_healing(path, default_registry(), default_body())
    assert (caught.value.file, caught.value.key) == ("healing.yaml", "care.physio.cite")
    assert "'nobody1900' is not in the evidence registry" in caught.value.detail


def test_a_risk_factor_at_a_site_the_body_web_lacks_is_refused_at_load(tmp_path: Path) -> None:
    doc = _healing_doc()
    doc["life_stage"]["risk_factors"]["sites"] = ["ankle", "elbow_of_the_moon"]
    with pytest.raises(DataFileError) as caught:
        checked_healing(_broken_copy(tmp_path, doc), default_registry(), default_body())
    assert caught.value.key == "life_stage.risk_factors.sites"
    assert "'elbow_of_the_moon' is not a site of the body web" in caught.value.detail


def test_a_default_structure_for_an_unknown_site_is_refused_at_load(tmp_path: Path) -> None:
    doc = _healing_doc()
    site = next(iter(doc["defaults"]))
    doc["defaults"]["wrist_of_nowhere"] = doc["defaults"].pop(site)
    with pytest.raises(DataFileError) as caught:
        checked_healing(_broken_copy(tmp_path, doc), default_registry(), default_body())
    assert caught.value.key == "defaults"
    assert "'wrist_of_nowhere' is not a site" in caught.value.detail


def test_an_exercise_for_a_site_the_body_web_lacks_is_refused_naming_the_exercise() -> None:
    from kinchain.program.library import parse_library, read_bundled

    doc = read_bundled("exercises.yaml")
    doc["exercises"][0]["targets"] = [{"site": "tail", "side": "each"}]
    with pytest.raises(DataFileError) as caught:
        parse_library(doc)
    ex_id = doc["exercises"][0]["id"]
    assert caught.value.key == f"exercises[0] ({ex_id}).targets[0].site"
    assert "'tail' is not a site of the body web" in caught.value.detail
