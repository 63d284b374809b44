"""The codes file covers every body site and screening question kinchain knows, gives each
external code a published source, and docs/fhir.md lists every code it holds; R4 and R4B have
the same elements in every resource kinchain writes."""

from __future__ import annotations

import gzip
import importlib
import json
import re
from pathlib import Path

import pytest
import yaml

import kinchain.fhir
from kinchain.body import default_body
from kinchain.fhir._checks import KNOWN_TYPES
from kinchain.fhir.codes import body_site_concept, value_sets
from kinchain.intake.screening import screening_keys

ROOT = Path(__file__).resolve().parents[2]
CODES = ROOT / "src" / "kinchain" / "fhir" / "codes.yaml"
DOC = ROOT / "docs" / "fhir.md"


def test_every_body_site_of_the_body_web_is_coded_or_written_as_text_on_purpose() -> None:
    sites = set(default_body().sites)
    assert sites <= set(value_sets()["body_site"].codes)


def test_an_uncoded_site_is_written_as_text_with_its_laterality() -> None:
    uncoded = [k for k, c in value_sets()["body_site"].codes.items() if c is None]
    assert uncoded
    concept = body_site_concept(uncoded[0], "right")
    assert "coding" not in concept and concept["text"].startswith("right ")
    right = value_sets()["laterality"].codes["right"]
    assert right is not None
    assert concept["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == right.code


def test_every_screening_question_has_its_code() -> None:
    assert set(value_sets()["screening"].codes) == screening_keys()


def test_every_external_code_names_a_published_source_and_kinchains_own_are_kinchains() -> None:
    raw = yaml.safe_load(CODES.read_text())
    for vs in value_sets().values():
        for key, code in vs.codes.items():
            if code is None:
                continue
            ours = code.system.startswith("https://kinchain.example/")
            assert (code.source == "kinchain") == ours, f"{vs.id}.{key}: {code.source}"
            assert raw["sources"][code.source]["url"].startswith("http")


def test_docs_list_every_code_of_the_codes_file_with_its_source() -> None:
    doc = DOC.read_text()
    raw = yaml.safe_load(CODES.read_text())
    for vid, vs in raw["value_sets"].items():
        for key, code in vs["codes"].items():
            row = rf"\| {vid} \| `{re.escape(key)}` \|"
            if code is not None:
                source = code.get("source", vs["source"])
                row += rf"[^\n]*`{re.escape(code['code'])}`[^\n]*\| {source} \|"
            assert re.search(row, doc), f"docs/fhir.md lacks {vid}.{key}"
    for source in raw["sources"]:
        assert f"| {source} |" in doc


@pytest.mark.parametrize("kind", [*KNOWN_TYPES, "Bundle"])
def test_r4_and_r4b_have_the_same_elements_in_each_resource_kinchain_writes(kind: str) -> None:
    schema = json.loads(
        gzip.decompress((ROOT / "tests/fixtures/fhir/fhir.schema.json.gz").read_bytes())
    )
    r4 = {p for p in schema["definitions"][kind]["properties"] if not p.startswith("_")}
    model = getattr(importlib.import_module(f"fhir.resources.R4B.{kind.lower()}"), kind)
    r4b = {f.alias or name for name, f in model.model_fields.items()
           if not name.endswith("__ext") and name != "fhir_comments"}  # fmt: skip
    assert r4 - {"resourceType"} == r4b


def test_the_fhir_package_exports_what_it_documents() -> None:
    assert set(kinchain.fhir.__all__) == {
        "RELEASES", "Coach", "EvaluationParts", "Practice", "Release", "export_bundle",
        "import_bundle",
    }  # fmt: skip
    for name in kinchain.fhir.__all__:
        assert getattr(kinchain.fhir, name) is not None
