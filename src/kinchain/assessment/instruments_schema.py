"""The shape of ``instruments.yaml`` as declarative models, one per instrument: every number a
whole number in a sensible range, bands and cut-offs in order, scales inside the item count.
:mod:`kinchain.assessment.instruments` turns a checked document into the scoring rules."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from kinchain.knowledge import (
    STRICT,
    CitedRecord,
    Keys,
    Knowledge,
    Text,
    in_range,
    refuse,
    whole_in,
)

__all__ = ["INSTRUMENT_IDS", "InstrumentsDoc"]

#: Above any item count, score or cut-off an instrument has.
Whole = Annotated[int, STRICT, whole_in(0, 1000)]
Count = Annotated[int, STRICT, whole_in(1, 1000)]


class BandDoc(Knowledge):
    max: Whole
    label: Text


class CutoffDoc(Knowledge):
    max: Whole
    label: Text
    cite: Keys


def _ascending(at: str, entries: Sequence[BandDoc | CutoffDoc]) -> None:
    for i, (a, b) in enumerate(pairwise(entries), start=1):
        if b.max <= a.max:
            raise refuse(f"{b.max} is not above the max before it ({a.max})", at=f"{at}[{i}].max")


class InstrumentDoc(CitedRecord):
    name: Text
    licence: Text


class StartBackDoc(InstrumentDoc):
    items: Count
    item_max: Count
    last_item_max: Count
    last_item_positive_from: Count
    distress_from_item: Count
    low_max_total: Whole
    high_min_distress: Whole
    meaning: dict[Literal["low", "medium", "high"], Text]

    @model_validator(mode="after")
    def _inside(self) -> Self:
        if self.last_item_positive_from > self.last_item_max:
            raise refuse(f"{self.last_item_positive_from} is above last_item_max",
                         at="last_item_positive_from")  # fmt: skip
        if self.distress_from_item > self.items:
            raise refuse(f"{self.distress_from_item} is above items", at="distress_from_item")
        if len(self.meaning) != 3:
            raise refuse(f"expected low, medium and high, got {list(self.meaning)}", at="meaning")
        return self


class RmdqDoc(InstrumentDoc):
    items: Count
    floor_below: Whole
    ceiling_above: Whole

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.floor_below < self.ceiling_above <= self.items:
            got = f"{self.floor_below} and {self.ceiling_above}"
            wanted = f"floor_below < ceiling_above <= {self.items}"
            raise refuse(f"expected {wanted}, got {got}", at="ceiling_above")
        return self


class OdiDoc(InstrumentDoc):
    sections: Count
    section_max: Count
    mcid_points: Count
    bands: Annotated[tuple[BandDoc, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _ascending("bands", self.bands)
        return self


class CaitDoc(InstrumentDoc):
    items: Count
    item_max: Annotated[tuple[Count, ...], Field(min_length=1)]
    mcid_points: Count
    cutoffs: Annotated[tuple[CutoffDoc, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if len(self.item_max) != self.items:
            raise refuse(f"{len(self.item_max)} maxima for {self.items} items", at="item_max")
        _ascending("cutoffs", self.cutoffs)
        return self


class FaamScaleDoc(Knowledge):
    items: Count
    cutoff_below: Annotated[int, STRICT, whole_in(0, 100)]
    mcid_points: Count


class FaamDoc(InstrumentDoc):
    item_max: Count
    min_answered_fraction: Annotated[float, STRICT, in_range(0, 1, lo_open=True)]
    subscales: Annotated[dict[str, FaamScaleDoc], Field(min_length=1)]


class LefsDoc(InstrumentDoc):
    items: Count
    item_max: Count
    mcid_points: Count


class KoosScaleDoc(Knowledge):
    first: Count
    last: Count

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.last < self.first:
            raise refuse(f"{self.last} is before first ({self.first})", at="last")
        return self


class Koos12Doc(InstrumentDoc):
    item_max: Count
    min_items_per_scale: Count
    scales: Annotated[dict[str, KoosScaleDoc], Field(min_length=1)]


class PgqScaleDoc(Knowledge):
    items: Count
    mic_points: Count


class PgqDoc(InstrumentDoc):
    item_max: Count
    total_mic_points: Count
    subscales: Annotated[dict[str, PgqScaleDoc], Field(min_length=1)]


class PsfsDoc(InstrumentDoc):
    max_activities: Count
    score_max: Count
    mdc_mean_points: Count
    mdc_single_points: Count


class NprsDoc(InstrumentDoc):
    max: Count
    meaningful_change_points: Count
    bands: Annotated[tuple[BandDoc, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _ascending("bands", self.bands)
        if self.bands[-1].max != self.max:
            raise refuse(f"the last band ends at {self.bands[-1].max}, expected {self.max}",
                         at=f"bands[{len(self.bands) - 1}].max")  # fmt: skip
        return self


class InstrumentsDoc(Knowledge):
    """The whole of ``instruments.yaml``: every instrument kinchain scores, and no other."""

    start_back: StartBackDoc
    rmdq: RmdqDoc
    odi: OdiDoc
    cait: CaitDoc
    faam: FaamDoc
    lefs: LefsDoc
    koos12: Koos12Doc
    pgq: PgqDoc
    psfs: PsfsDoc
    nprs: NprsDoc


#: the instruments kinchain scores, in the file's order
INSTRUMENT_IDS: tuple[str, ...] = tuple(InstrumentsDoc.model_fields)
