"""The shape of ``checkins.yaml`` and ``loading.yaml`` as declarative models;
:mod:`kinchain.program.checkin_rules` and :mod:`kinchain.program.loading` read the checked
documents and check what they name in other files (habits, the exercise library)."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from kinchain.knowledge import SITE_IDS, CitedRecord, Knowledge, Prose, Text, refuse
from kinchain.program.words import RULE_IDS

__all__ = ["CheckinsDoc", "LoadingDoc"]

Texts = Annotated[tuple[Text, ...], Field(min_length=1)]


class CheckinRuleDoc(CitedRecord):
    says: Prose


class FlareCauseDoc(Knowledge):
    label: Text
    tags: Texts
    habits: tuple[Text, ...] = ()


class CheckinsDoc(Knowledge):
    """The whole of ``checkins.yaml``: every rule of :data:`RULE_IDS` and the flare causes."""

    rules: dict[str, CheckinRuleDoc]
    flare_with: dict[str, FlareCauseDoc]

    @model_validator(mode="after")
    def _every_rule(self) -> Self:
        if set(self.rules) != set(RULE_IDS):
            raise refuse(f"expected exactly {list(RULE_IDS)}, got {list(self.rules)}", at="rules")
        return self


class SegmentDoc(Knowledge):
    """The sites an injury at the segment's own site loads; that site first."""

    sites: Annotated[tuple[Text, ...], Field(min_length=1), SITE_IDS]
    note: str = ""


class PositionDoc(Knowledge):
    said: Prose
    bears: tuple[Text, ...]
    note: str = ""


class LoadingDoc(CitedRecord):
    """The whole of ``loading.yaml``."""

    segments: dict[str, SegmentDoc]
    limbs: dict[str, Annotated[tuple[Text, ...], SITE_IDS]]
    positions: dict[str, PositionDoc]
    exercises: dict[str, tuple[Text, ...]]
    whole_body_tags: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> Self:
        for site, seg in self.segments.items():
            if seg.sites[0] != site:
                raise refuse(f"expected [{site}, ...], got {list(seg.sites)}",
                             at=f"segments.{site}.sites")  # fmt: skip
        for pos, entry in self.positions.items():
            if any(limb not in self.limbs for limb in entry.bears):
                raise refuse(f"expected limbs from {list(self.limbs)}, got {list(entry.bears)}",
                             at=f"positions.{pos}.bears")  # fmt: skip
        placed: set[str] = set()
        for pos, ids in self.exercises.items():
            if pos not in self.positions:
                raise refuse(f"unknown position; expected {list(self.positions)}",
                             at=f"exercises.{pos}")  # fmt: skip
            twice = sorted(placed & set(ids)) or sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise refuse(f"{twice[0]!r} has two positions", at=f"exercises.{pos}")
            placed |= set(ids)
        return self
