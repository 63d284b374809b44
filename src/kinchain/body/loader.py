"""Read the body web's data files (sites, tissues, pathways) into a checked :class:`Body`.

Each file is checked by its model in :mod:`kinchain.body.schema`; here the references between
the files are checked (a tissue's and a pathway's sites, a pathway's tissues) and the frozen
model is built. Parsing lives apart from the model, so the same model could be built from
another store. Every check fails with :class:`DataFileError` naming the file, the key (the
entry's index and id: ``tissues[3] (atfl).stabilises[1]``) and the bad value.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from kinchain.body.model import Motion, Pathway, Role, Site, Tissue
from kinchain.body.schema import PathwayDoc, PathwaysDoc, SitesDoc, TissueDoc, TissuesDoc
from kinchain.body.web import Body
from kinchain.datafile import read_yaml_file
from kinchain.errors import DataFileError
from kinchain.evidence import Registry, default_registry
from kinchain.knowledge import Knowledge, cross_check, load, with_entry_id

__all__ = ["DATA_FILES", "bundled_folder", "default_body", "load_body", "parse_body"]

#: the three files a body folder holds
DATA_FILES = ("sites.yaml", "tissues.yaml", "pathways.yaml")
M = TypeVar("M", bound=Knowledge)


def bundled_folder() -> Path:
    """The folder of the body web shipped with kinchain."""
    return Path(str(resources.files("kinchain.body")))


@cache
def default_body() -> Body:
    """The bundled body web, loaded and checked once per process."""
    return load_body(bundled_folder())


def load_body(folder: Path, /, *, registry: Registry | None = None) -> Body:
    """Load ``sites.yaml``, ``tissues.yaml`` and ``pathways.yaml`` from ``folder`` and check them.

    Citations are checked against ``registry`` (the bundled evidence registry by default).
    """
    return parse_body({name: read_yaml_file(folder / name) for name in DATA_FILES},
                      registry=registry)  # fmt: skip


def parse_body(docs: Mapping[str, Any], /, *, registry: Registry | None = None) -> Body:
    """The body web from the three parsed files, keyed by file name (a coach's edit as well as
    the bundled files)."""
    reg = default_registry() if registry is None else registry
    sites = _checked(SitesDoc, docs, "sites.yaml", "sites", reg).sites
    tissues = _checked(TissuesDoc, docs, "tissues.yaml", "tissues", reg).tissues
    pathways = _checked(PathwaysDoc, docs, "pathways.yaml", "pathways", reg).pathways
    site_ids = [s.id for s in sites]
    for field in ("stabilises", "moves"):
        _known("tissues.yaml", "tissues", docs, tissues, field, site_ids, "site")
    _known("pathways.yaml", "pathways", docs, pathways, "nodes", site_ids, "site")
    tissue_ids = [t.id for t in tissues]
    _known("pathways.yaml", "pathways", docs, pathways, "tissues", tissue_ids, "tissue")
    return Body(
        [
            Site(s.id, s.name, s.sided, s.region,
                 None if s.role is None else Role(s.role.value, s.role.cite, s.role.note),
                 tuple(Motion(m.motion, m.min_deg, m.max_deg, m.cite, m.condition, m.note)
                       for m in s.motions),
                 s.cite, s.note)
            for s in sites
        ],
        [Tissue(t.id, t.name, t.type, t.blood_supply, t.intracapsular, t.stabilises, t.moves,
                t.cite, t.note) for t in tissues],
        [Pathway(p.id, p.name, p.kind, p.nodes, p.evidence, p.cite, p.tissues, p.roots, p.note)
         for p in pathways],
    )  # fmt: skip


def _checked(model: type[M], docs: Mapping[str, Any], name: str, top: str, reg: Registry) -> M:
    """One file checked as ``model``, its cite keys in ``reg``; keys name the entry's id."""
    raw = docs.get(name)
    if raw is None:
        raise DataFileError(name, "<file>", "missing")
    try:
        doc = load(model, raw, file=name)
        cross_check(doc, file=name, registry=reg, sites=())
    except DataFileError as err:
        raise (with_entry_id(err, raw, top) if isinstance(raw, Mapping) else err) from None
    return doc


def _known(
    file: str,
    top: str,
    docs: Mapping[str, Any],
    entries: Sequence[TissueDoc | PathwayDoc],
    field: str,
    known: Collection[str],
    what: str,
) -> None:
    """Every id in ``field`` of every entry is one of ``known``, else a did-you-mean."""
    for i, entry in enumerate(entries):
        for j, value in enumerate(getattr(entry, field)):
            if value not in known:
                close = difflib.get_close_matches(value, list(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                err = DataFileError(
                    file, f"{top}[{i}].{field}[{j}]", f"unknown {what} {value!r}{hint}"
                )
                raise with_entry_id(err, docs[file], top)
