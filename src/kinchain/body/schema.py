"""The shape of the body web's data files (``sites.yaml``, ``tissues.yaml``, ``pathways.yaml``)
as declarative models; :mod:`kinchain.body.loader` checks the references between the three
files and builds the :class:`~kinchain.body.web.Body`."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Annotated, Any, Self

from pydantic import AfterValidator, Field, model_validator

from kinchain.body.model import (
    BLOOD_SUPPLY,
    EVIDENCE_STRENGTHS,
    PATHWAY_KINDS,
    REGIONS,
    ROLES,
    TISSUE_TYPES,
)
from kinchain.knowledge import STRICT, CitedRecord, Knowledge, Text, one_of, refuse

__all__ = ["PathwaysDoc", "SitesDoc", "TissuesDoc"]


def _choice(options: Collection[str]) -> Any:
    """A validator for ``Annotated[str, _choice(...)]``: one of ``options``."""
    return AfterValidator(lambda value: one_of(options, value))


Id = Annotated[str, STRICT, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Ids = tuple[Annotated[str, STRICT], ...]
YesNo = Annotated[bool, STRICT]
Degrees = Annotated[float, STRICT]


class RoleDoc(CitedRecord):
    value: Annotated[str, _choice(ROLES)]


class MotionDoc(CitedRecord):
    motion: Text
    min_deg: Degrees
    max_deg: Degrees
    condition: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min_deg > self.max_deg:
            raise refuse(f"min_deg {self.min_deg:g} is above max_deg {self.max_deg:g}")
        return self


class SiteDoc(CitedRecord):
    id: Id
    name: Text
    sided: YesNo
    region: Annotated[str, _choice(REGIONS)]
    role: RoleDoc | None
    motions: tuple[MotionDoc, ...]


class TissueDoc(CitedRecord):
    id: Id
    name: Text
    type: Annotated[str, _choice(TISSUE_TYPES)]
    blood_supply: Annotated[str, _choice(BLOOD_SUPPLY)]
    intracapsular: YesNo
    stabilises: Ids
    moves: Ids

    @model_validator(mode="after")
    def _attached(self) -> Self:
        if not self.stabilises and not self.moves:
            raise refuse("stabilises and moves are both empty")
        return self


class PathwayDoc(CitedRecord):
    id: Id
    name: Text
    kind: Annotated[str, _choice(PATHWAY_KINDS)]
    nodes: Ids
    evidence: Annotated[str, _choice(EVIDENCE_STRENGTHS)]
    tissues: Ids = ()
    roots: str = ""

    @model_validator(mode="after")
    def _a_path(self) -> Self:
        if len(self.nodes) < 2:
            raise refuse(f"{list(self.nodes)} has fewer than 2 sites", at="nodes")
        repeated = sorted({n for n in self.nodes if self.nodes.count(n) > 1})
        if repeated:
            raise refuse(f"{repeated} appear more than once", at="nodes")
        return self


def _once_each(top: str, entries: Sequence[SiteDoc | TissueDoc | PathwayDoc]) -> None:
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if entry.id in seen:
            raise refuse(f"{entry.id!r} is defined twice", at=f"{top}[{i}].id")
        seen.add(entry.id)


class SitesDoc(Knowledge):
    """The whole of ``sites.yaml``."""

    sites: tuple[SiteDoc, ...]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        _once_each("sites", self.sites)
        return self


class TissuesDoc(Knowledge):
    """The whole of ``tissues.yaml`` (its site ids are checked against ``sites.yaml``)."""

    tissues: tuple[TissueDoc, ...]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        _once_each("tissues", self.tissues)
        return self


class PathwaysDoc(Knowledge):
    """The whole of ``pathways.yaml``: exactly one load path."""

    pathways: tuple[PathwayDoc, ...]

    @model_validator(mode="after")
    def _one_load_path(self) -> Self:
        _once_each("pathways", self.pathways)
        load_paths = [p.id for p in self.pathways if p.kind == "load_path"]
        if len(load_paths) != 1:
            raise refuse(
                f"{len(load_paths)} pathways of kind load_path {load_paths}, expected exactly 1",
                at="pathways",
            )
        return self
