"""The shape of a bibliography file (``evidence/sources/*.yaml``) as declarative models;
:func:`kinchain.evidence.registry.load_registry` checks keys across files and builds the
:class:`~kinchain.evidence.registry.Registry`."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import model_validator

from kinchain.knowledge import STRICT, Knowledge, Text, one_of, refuse, whole_in

__all__ = ["SourceDoc", "SourcesDoc"]

#: Evidence grades, strongest first, with the words a client reads.
GRADE_MEANING: dict[str, str] = {
    "SR/MA": "systematic review or meta-analysis",
    "RCT": "randomised controlled trial",
    "COH": "cohort study",
    "XS": "cross-sectional or case-control study",
    "LAB": "biomechanics laboratory study",
    "ANIMAL": "animal study",
    "GL": "clinical guideline or consensus",
    "EXP": "expert opinion or narrative review",
    "heuristic": "coaching heuristic with no published source",
}
Words = Annotated[str, STRICT]


class SourceDoc(Knowledge):
    """One citable source; ``year`` null only when unknown."""

    key: Text
    authors: Words
    year: Annotated[int, STRICT, whole_in(1850, 2100)] | None
    title: Words
    venue: Words
    address: Words
    grade: Words
    finding: Words = ""
    verify: Annotated[bool, STRICT] = False

    @model_validator(mode="after")
    def _a_grade(self) -> Self:
        one_of(tuple(GRADE_MEANING), self.grade, at="grade")
        return self


class SourcesDoc(Knowledge):
    """The whole of one bibliography file; a key is defined once in it."""

    sources: tuple[SourceDoc, ...]

    @model_validator(mode="after")
    def _once_each(self) -> Self:
        seen: set[str] = set()
        for i, s in enumerate(self.sources):
            if s.key in seen:
                raise refuse(f"{s.key!r} is already defined in this file", at=f"sources[{i}].key")
            seen.add(s.key)
        return self
