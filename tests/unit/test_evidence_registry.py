"""The evidence registry: every citation resolves, every source is used, bad files are refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kinchain.errors import DataFileError, UnknownCitation
from kinchain.evidence import GRADES, default_registry
from kinchain.evidence.registry import (
    bundled_data_files,
    bundled_source_files,
    load_registry,
    used_citation_keys,
)

GOOD_SOURCE = """\
  - key: {key}
    authors: Liu W, Nigg BM
    year: 2000
    title: A mechanical model
    venue: J Biomech 33:219-224
    address: "J Biomech 2000;33(2):219-24"
    grade: {grade}
"""


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_every_citation_key_used_in_any_data_file_is_defined_in_the_registry() -> None:
    registry = default_registry()
    used = used_citation_keys(bundled_data_files())
    unknown = {key: where for key, where in used.items() if key not in registry}
    assert not unknown, "citation keys not in the registry:\n" + "\n".join(
        f"  {key}: {', '.join(where[:3])}" for key, where in sorted(unknown.items())
    )


def test_every_source_in_the_registry_is_cited_by_some_data_file() -> None:
    used = used_citation_keys(bundled_data_files())
    unused = sorted(key for key in default_registry() if key not in used)
    assert not unused, f"sources no data file cites: {unused}"


def test_the_bundled_registry_holds_the_evidence_pack_with_known_grades() -> None:
    registry = default_registry()
    assert {"liu2000", "wilke2016", "hupperets2009", "heuristic", "article"} <= set(registry)
    assert {s.grade for s in registry.values()} <= set(GRADES)
    assert registry.grade("heuristic") == "heuristic"
    assert registry.grade("article") == "EXP"
    assert registry.grade("frank1995") == "ANIMAL"


def test_every_key_is_lowercase_ascii_and_every_source_says_where_to_find_it() -> None:
    for key, source in default_registry().items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert source.address.strip(), key
        assert source.title.strip(), key
        if source.year is None:
            assert source.verify or source.grade == "heuristic", f"{key}: no year yet not flagged"


def test_a_figure_evidence_md_marks_verify_is_flagged_in_the_registry() -> None:
    # DeJong 2020, also marked there, was checked against its abstract and is no longer flagged
    registry = default_registry()
    for key in ("sharma2005", "doherty2016", "heiderscheit2011", "ly2010"):
        assert registry[key].verify, key


def test_an_unknown_key_raises_unknown_citation_with_the_key() -> None:
    with pytest.raises(UnknownCitation, match="nosuch1999"):
        default_registry()["nosuch1999"]


def test_check_names_file_and_key_of_a_citation_the_registry_lacks() -> None:
    with pytest.raises(DataFileError) as e:
        default_registry().check(["liu2000", "nosuch1999"], file="sites.yaml", key="knee.cite")
    assert (e.value.file, e.value.key) == ("sites.yaml", "knee.cite")
    assert "nosuch1999" in str(e.value)


def test_a_duplicate_key_across_files_is_refused_naming_both_files(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.yaml", "sources:\n" + GOOD_SOURCE.format(key="liu2000", grade="LAB"))
    b = _write(tmp_path, "b.yaml", "sources:\n" + GOOD_SOURCE.format(key="liu2000", grade="LAB"))
    with pytest.raises(DataFileError) as e:
        load_registry([a, b])
    assert e.value.file == "b.yaml"
    assert e.value.key == "sources[0].key"
    assert "liu2000" in str(e.value) and "a.yaml" in str(e.value)


def test_a_duplicate_key_within_one_file_is_refused(tmp_path: Path) -> None:
    body = "sources:\n" + GOOD_SOURCE.format(key="x2000", grade="LAB") * 2
    with pytest.raises(DataFileError, match=r"sources\[1\]\.key.*x2000"):
        load_registry([_write(tmp_path, "dup.yaml", body)])


def test_an_unknown_grade_is_refused_with_file_key_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.yaml", "sources:\n" + GOOD_SOURCE.format(key="x2000", grade="BLOG"))
    with pytest.raises(DataFileError) as e:
        load_registry([path])
    assert (e.value.file, e.value.key) == ("g.yaml", "sources[0].grade")
    assert "'BLOG'" in str(e.value)


@pytest.mark.parametrize("field", ["authors", "year", "title", "venue", "address", "grade"])
def test_a_source_missing_a_required_field_is_refused(tmp_path: Path, field: str) -> None:
    body = "sources:\n" + GOOD_SOURCE.format(key="x2000", grade="LAB")
    body = "\n".join(line for line in body.splitlines() if not line.strip().startswith(f"{field}:"))
    with pytest.raises(DataFileError) as e:
        load_registry([_write(tmp_path, "m.yaml", body + "\n")])
    assert (e.value.file, e.value.key) == ("m.yaml", f"sources[0].{field}")
    assert "missing" in str(e.value)


def test_a_year_that_is_not_a_year_is_refused(tmp_path: Path) -> None:
    body = "sources:\n" + GOOD_SOURCE.format(key="x2000", grade="LAB").replace("2000\n", "20000\n")
    with pytest.raises(DataFileError, match=r"sources\[0\]\.year: 20000"):
        load_registry([_write(tmp_path, "y.yaml", body)])


def test_cite_lists_are_found_at_any_depth_with_where_they_sit(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "data.yaml",
        "top:\n  cite: [liu2000]\n  deeper:\n    - name: x\n      cite: [wilke2016, liu2000]\n"
        "    - {name: y, inner: {cite: heuristic}}\n",
    )
    used = used_citation_keys([path])
    assert set(used) == {"liu2000", "wilke2016", "heuristic"}
    assert used["liu2000"] == ("data.yaml: top.cite[0]", "data.yaml: top.deeper[0].cite[1]")
    assert used["heuristic"] == ("data.yaml: top.deeper[1].inner.cite[0]",)


def test_the_bibliography_itself_is_not_scanned_as_a_data_file() -> None:
    sources = set(bundled_source_files())
    assert sources
    assert not sources & set(bundled_data_files())


@pytest.mark.parametrize(
    ("old", "new", "key", "shown"),
    [
        ("grade: LAB", "grade: 7", "sources[0].grade", "7"),
        ("year: 2000", "year: '2000'", "sources[0].year", "'2000'"),
        ("venue: J Biomech 33:219-224", "venue: [J]", "sources[0].venue", "['J']"),
    ],
)
def test_a_source_field_of_the_wrong_kind_names_the_key_and_the_value(
    tmp_path: Path, old: str, new: str, key: str, shown: str
) -> None:
    body = "sources:\n" + GOOD_SOURCE.format(key="x2000", grade="LAB")
    assert old in body
    with pytest.raises(DataFileError) as e:
        load_registry([_write(tmp_path, "k.yaml", body.replace(old, new))])
    assert (e.value.file, e.value.key) == ("k.yaml", key)
    assert shown in e.value.detail


def test_a_registry_loads_from_parsed_data_as_from_its_files() -> None:
    import yaml

    from kinchain.evidence.registry import bundled_source_files

    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in bundled_source_files()]
    assert dict(load_registry(docs)) == dict(default_registry())
