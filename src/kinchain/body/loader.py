"""Read the body web's data files (sites, tissues, pathways) into a checked :class:`Body`.

Parsing lives here, apart from the model, so the same model could be built from another store.
Every check fails with :class:`DataFileError` naming the file, the key and the bad value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kinchain.body.model import (
    BLOOD_SUPPLY,
    EVIDENCE_STRENGTHS,
    PATHWAY_KINDS,
    REGIONS,
    ROLES,
    TISSUE_TYPES,
    Motion,
    Pathway,
    Role,
    Site,
    Tissue,
)
from kinchain.body.web import Body
from kinchain.datafile import cites, read_yaml_file
from kinchain.errors import DataFileError
from kinchain.evidence import Registry, default_registry

__all__ = ["DATA_FILES", "bundled_folder", "default_body", "load_body"]

#: the three files a body folder holds
DATA_FILES = ("sites.yaml", "tissues.yaml", "pathways.yaml")
_ID = re.compile(r"[a-z][a-z0-9_]*")


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
    reg = default_registry() if registry is None else registry
    sites = _Parser("sites.yaml", folder, reg).sites()
    tissues = _Parser("tissues.yaml", folder, reg).tissues(sites)
    pathways = _Parser("pathways.yaml", folder, reg).pathways(sites, tissues)
    return Body(sites.values(), tissues.values(), pathways.values())


class _Parser:
    """Reads one data file; every helper raises DataFileError(file, key, message)."""

    def __init__(self, name: str, folder: Path, registry: Registry) -> None:
        self.file = name
        self.registry = registry
        path = folder / name
        if not path.is_file():
            raise DataFileError(name, "<file>", f"missing from {folder}")
        self.doc = read_yaml_file(path)

    # --- the three files --------------------------------------------------------------------
    def sites(self) -> dict[str, Site]:
        out: dict[str, Site] = {}
        for where, raw in self._entries("sites", out):
            sid = raw["id"]
            role_raw = self._get(raw, "role", where, (dict, type(None)))
            role = None
            if role_raw is not None:
                value = self._choice(role_raw, "value", f"{where}.role", ROLES)
                cite = cites(role_raw, file=self.file, key=f"{where}.role", registry=self.registry)
                role = Role(value, cite, self._text(role_raw, "note", f"{where}.role"))
            motions = tuple(
                self._motion(m, f"{where}.motions[{j}]")
                for j, m in enumerate(self._get(raw, "motions", where, list))
            )
            out[sid] = Site(
                id=sid,
                name=self._get(raw, "name", where, str),
                sided=self._get(raw, "sided", where, bool),
                region=self._choice(raw, "region", where, REGIONS),
                role=role,
                motions=motions,
                cite=cites(raw, file=self.file, key=where, registry=self.registry),
                note=self._text(raw, "note", where),
            )
        return out

    def tissues(self, sites: Mapping[str, Site]) -> dict[str, Tissue]:
        out: dict[str, Tissue] = {}
        for where, raw in self._entries("tissues", out):
            stabilises = self._ids(raw, "stabilises", where, sites, "site")
            moves = self._ids(raw, "moves", where, sites, "site")
            if not stabilises and not moves:
                raise DataFileError(self.file, where, "stabilises and moves are both empty")
            out[raw["id"]] = Tissue(
                id=raw["id"],
                name=self._get(raw, "name", where, str),
                type=self._choice(raw, "type", where, TISSUE_TYPES),
                blood_supply=self._choice(raw, "blood_supply", where, BLOOD_SUPPLY),
                intracapsular=self._get(raw, "intracapsular", where, bool),
                stabilises=stabilises,
                moves=moves,
                cite=cites(raw, file=self.file, key=where, registry=self.registry),
                note=self._text(raw, "note", where),
            )
        return out

    def pathways(
        self, sites: Mapping[str, Site], tissues: Mapping[str, Tissue]
    ) -> dict[str, Pathway]:
        out: dict[str, Pathway] = {}
        for where, raw in self._entries("pathways", out):
            nodes = self._ids(raw, "nodes", where, sites, "site")
            if len(nodes) < 2:
                raise DataFileError(
                    self.file, f"{where}.nodes", f"{list(nodes)} has fewer than 2 sites"
                )
            repeated = sorted({n for n in nodes if nodes.count(n) > 1})
            if repeated:
                raise DataFileError(
                    self.file, f"{where}.nodes", f"{repeated} appear more than once"
                )
            out[raw["id"]] = Pathway(
                id=raw["id"],
                name=self._get(raw, "name", where, str),
                kind=self._choice(raw, "kind", where, PATHWAY_KINDS),
                nodes=nodes,
                evidence=self._choice(raw, "evidence", where, EVIDENCE_STRENGTHS),
                cite=cites(raw, file=self.file, key=where, registry=self.registry),
                tissues=self._ids(raw, "tissues", where, tissues, "tissue", required=False),
                roots=self._text(raw, "roots", where),
                note=self._text(raw, "note", where),
            )
        load_paths = [p.id for p in out.values() if p.kind == "load_path"]
        if len(load_paths) != 1:
            raise DataFileError(
                self.file,
                "pathways",
                f"{len(load_paths)} pathways of kind load_path {load_paths}, expected exactly 1",
            )
        return out

    # --- helpers ----------------------------------------------------------------------------
    def _entries(self, top: str, seen: Mapping[str, object]) -> list[tuple[str, dict[str, Any]]]:
        """The entries of the top-level list, each with a readable key; ids checked unique."""
        if not isinstance(self.doc, dict) or not isinstance(self.doc.get(top), list):
            raise DataFileError(self.file, top, f"expected a top-level list named {top!r}")
        out: list[tuple[str, dict[str, Any]]] = []
        ids: set[str] = set()
        for i, raw in enumerate(self.doc[top]):
            where = f"{top}[{i}]"
            if not isinstance(raw, dict):
                raise DataFileError(
                    self.file, where, f"expected a mapping, got {type(raw).__name__}"
                )
            ident = self._get(raw, "id", where, str)
            if not _ID.fullmatch(ident):
                raise DataFileError(self.file, f"{where}.id", f"{ident!r} is not a snake_case id")
            if ident in ids or ident in seen:
                raise DataFileError(self.file, f"{where}.id", f"{ident!r} is defined twice")
            ids.add(ident)
            out.append((ident, raw))
        return out

    def _get(
        self, raw: Mapping[str, Any], field: str, where: str, kind: type | tuple[type, ...]
    ) -> Any:
        if field not in raw:
            raise DataFileError(self.file, f"{where}.{field}", "missing")
        value = raw[field]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if bool in kinds and not isinstance(value, bool):
            raise DataFileError(self.file, f"{where}.{field}", f"{value!r} is not true or false")
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
            raise DataFileError(self.file, f"{where}.{field}", f"{value!r} is not a {names}")
        return value

    def _text(self, raw: Mapping[str, Any], field: str, where: str) -> str:
        return str(self._get(raw, field, where, str)) if field in raw else ""

    def _choice(
        self, raw: Mapping[str, Any], field: str, where: str, allowed: tuple[str, ...]
    ) -> str:
        value = raw.get(field)
        if field not in raw:
            raise DataFileError(self.file, f"{where}.{field}", "missing")
        if value not in allowed:
            raise DataFileError(
                self.file, f"{where}.{field}", f"{value!r} is not one of {list(allowed)}"
            )
        return str(value)

    def _ids(
        self,
        raw: Mapping[str, Any],
        field: str,
        where: str,
        known: Mapping[str, object],
        what: str,
        *,
        required: bool = True,
    ) -> tuple[str, ...]:
        if not required and field not in raw:
            return ()
        values = self._get(raw, field, where, list)
        for j, value in enumerate(values):
            if value not in known:
                hint = _close(str(value), known)
                suffix = f" (did you mean {hint!r}?)" if hint else ""
                raise DataFileError(
                    self.file, f"{where}.{field}[{j}]", f"unknown {what} {value!r}{suffix}"
                )
        return tuple(str(v) for v in values)

    def _motion(self, raw: Any, where: str) -> Motion:
        if not isinstance(raw, dict):
            raise DataFileError(self.file, where, f"expected a mapping, got {type(raw).__name__}")
        low = self._get(raw, "min_deg", where, (int, float))
        high = self._get(raw, "max_deg", where, (int, float))
        if low > high:
            raise DataFileError(self.file, where, f"min_deg {low} is above max_deg {high}")
        return Motion(
            motion=self._get(raw, "motion", where, str),
            min_deg=float(low),
            max_deg=float(high),
            cite=cites(raw, file=self.file, key=where, registry=self.registry),
            condition=self._text(raw, "condition", where),
            note=self._text(raw, "note", where),
        )


def _close(word: str, known: Mapping[str, object]) -> str | None:
    close = difflib.get_close_matches(word, list(known), n=1)
    return close[0] if close else None
