"""Broken body data files are refused with the file, the key and the bad value."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kinchain.body import bundled_folder, load_body
from kinchain.body.loader import DATA_FILES, default_body, parse_body
from kinchain.errors import DataFileError

Doc = dict[str, Any]


def _copy(tmp_path: Path) -> Path:
    for name in DATA_FILES:
        shutil.copy(bundled_folder() / name, tmp_path / name)
    return tmp_path


def _edit(folder: Path, name: str, change: Callable[[Doc], None]) -> None:
    path = folder / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


def _entry(doc: Doc, top: str, ident: str) -> Doc:
    return next(e for e in doc[top] if e["id"] == ident)


def _short(key: str) -> str:
    """``sites[3] (knee).region`` as ``knee.region``: the entry by its id alone."""
    return re.sub(r"^\w+\[\d+\] \((\w+)\)", r"\1", key)


def _refused(folder: Path) -> DataFileError:
    with pytest.raises(DataFileError) as e:
        load_body(folder)
    return e.value


def test_an_untouched_copy_of_the_bundled_files_loads(tmp_path: Path) -> None:
    body = load_body(_copy(tmp_path))
    assert "knee" in body.sites and "acl" in body.tissues and "load_path" in body.pathways


def test_a_pathway_through_an_unknown_site_is_refused_with_a_did_you_mean(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "pathways.yaml",
        lambda d: _entry(d, "pathways", "load_path")["nodes"].__setitem__(2, "ankel"),
    )
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("pathways.yaml", "load_path.nodes[2]")
    assert "'ankel'" in str(error) and "did you mean 'ankle'" in str(error)


def test_a_tissue_attached_to_a_site_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "tissues.yaml",
        lambda d: _entry(d, "tissues", "atfl").__setitem__("stabilises", ["ankle", "tail"]),
    )
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("tissues.yaml", "atfl.stabilises[1]")
    assert "unknown site 'tail'" in str(error)


def test_a_range_of_motion_with_min_above_max_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def swap(doc: Doc) -> None:
        motion = _entry(doc, "sites", "knee")["motions"][0]
        motion["min_deg"], motion["max_deg"] = 150, 140

    _edit(folder, "sites.yaml", swap)
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("sites.yaml", "knee.motions[0]")
    assert "min_deg 150 is above max_deg 140" in str(error)


def test_a_citation_the_evidence_registry_lacks_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "sites.yaml", lambda d: _entry(d, "sites", "hip")["cite"].append("madeup2031"))
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("sites.yaml", "hip.cite")
    assert "'madeup2031'" in str(error)


def test_a_fact_with_no_citation_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder, "pathways.yaml", lambda d: _entry(d, "pathways", "femoral").__setitem__("cite", [])
    )
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("pathways.yaml", "femoral.cite")
    assert "empty" in str(error)


def test_a_site_defined_twice_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "sites.yaml", lambda d: d["sites"].append(dict(_entry(d, "sites", "knee"))))
    error = _refused(folder)
    assert error.file == "sites.yaml" and error.key.endswith(".id")
    assert "'knee' is defined twice" in str(error)


@pytest.mark.parametrize(
    ("name", "top", "ident", "field", "value"),
    [
        ("sites.yaml", "sites", "knee", "region", "elbowland"),
        ("tissues.yaml", "tissues", "acl", "blood_supply", "plenty"),
        ("tissues.yaml", "tissues", "acl", "type", "gristle"),
        ("pathways.yaml", "pathways", "spiral_line", "evidence", "probable"),
        ("pathways.yaml", "pathways", "spiral_line", "kind", "telepathic"),
    ],
)
def test_a_value_outside_its_vocabulary_is_refused(
    tmp_path: Path, name: str, top: str, ident: str, field: str, value: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder, name, lambda d: _entry(d, top, ident).__setitem__(field, value))
    error = _refused(folder)
    assert (error.file, _short(error.key)) == (name, f"{ident}.{field}")
    assert repr(value) in str(error)


def test_a_role_that_is_neither_stability_nor_mobility_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "sites.yaml",
        lambda d: _entry(d, "sites", "ankle")["role"].__setitem__("value", "wobble"),
    )
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("sites.yaml", "ankle.role.value")


def test_a_missing_field_is_refused_by_name(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "tissues.yaml", lambda d: _entry(d, "tissues", "mcl").pop("intracapsular"))
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("tissues.yaml", "mcl.intracapsular")
    assert "missing" in str(error)


def test_sided_must_be_true_or_false_not_a_word(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "sites.yaml", lambda d: _entry(d, "sites", "hip").__setitem__("sided", "yes"))
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("sites.yaml", "hip.sided")
    assert "'yes' is not true or false" in str(error)


def test_a_second_load_path_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "pathways.yaml",
        lambda d: _entry(d, "pathways", "femoral").__setitem__("kind", "load_path"),
    )
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("pathways.yaml", "pathways")
    assert "expected exactly 1" in str(error)


def test_a_pathway_naming_an_unknown_tissue_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "pathways.yaml",
        lambda d: _entry(d, "pathways", "femoral")["tissues"].append("quadricep"),
    )
    error = _refused(folder)
    assert _short(error.key).startswith("femoral.tissues[")
    assert "did you mean 'quadriceps'" in str(error)


def test_a_missing_or_unreadable_file_is_refused_by_name(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "tissues.yaml").unlink()
    assert _refused(folder).file == "tissues.yaml"
    (folder / "tissues.yaml").write_text("tissues: [unclosed\n", encoding="utf-8")
    error = _refused(folder)
    assert (error.file, _short(error.key)) == ("tissues.yaml", "<file>")


def test_a_refused_entry_is_named_by_its_index_and_its_id(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    index = [e["id"] for e in yaml.safe_load((folder / "sites.yaml").read_text())["sites"]]
    _edit(folder, "sites.yaml", lambda d: _entry(d, "sites", "knee").__setitem__("sided", 1))
    error = _refused(folder)
    assert error.key == f"sites[{index.index('knee')}] (knee).sided"
    assert error.detail == "1 is not true or false"


def test_the_body_web_loads_from_parsed_data_as_from_its_folder() -> None:
    docs = {n: yaml.safe_load((bundled_folder() / n).read_text()) for n in DATA_FILES}
    body = parse_body(docs)
    assert body.sites == default_body().sites and body.pathways == default_body().pathways
