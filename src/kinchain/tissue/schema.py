"""The shape of ``healing.yaml`` as declarative models: ranges per field, order and references
checked by validators. :mod:`kinchain.tissue.parse` turns a checked document into the domain's
:class:`~kinchain.tissue.constants.HealingModel`."""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from kinchain.knowledge import (
    SITE_IDS,
    STRICT,
    CitedRecord,
    Knowledge,
    Prose,
    Text,
    exact_keys,
    in_range,
    one_of,
    refuse,
    whole_in,
)
from kinchain.tissue.constants import CARE_LEVELS, INJURY_KINDS, PHASES, RULES, TISSUE_TYPES

__all__ = ["HealingDoc", "RecentDoc"]

Fraction = Annotated[float, STRICT, in_range(0, 1)]
Day = Annotated[int, STRICT, whole_in(0, 36500)]
Count = Annotated[int, STRICT, whole_in(1, 100)]


class CitedFraction(CitedRecord):
    value: Fraction


class CitedFactor(CitedRecord):
    value: Annotated[float, STRICT, in_range(0, 2)]


class PhaseDoc(CitedRecord):
    end_day: Annotated[int, STRICT, whole_in(1, 36500)]


class PointDoc(CitedRecord):
    day: Day
    fraction: Fraction


def _check_phases(phases: dict[str, PhaseDoc]) -> None:
    if list(phases) != list(PHASES):
        raise refuse(f"expected exactly {list(PHASES)} in order, got {list(phases)}", at="phases")
    last = 0
    for name, phase in phases.items():
        if phase.end_day <= last:
            raise refuse(
                f"{phase.end_day} does not come after the previous phase's {last}",
                at=f"phases.{name}.end_day",
            )
        last = phase.end_day


def _check_recovery(points: tuple[PointDoc, ...], last_day: int) -> None:
    if points[0].day != 0:
        raise refuse(f"the first point must be day 0, got {points[0].day}", at="recovery[0].day")
    for i, (before, p) in enumerate(pairwise(points), start=1):
        if p.day <= before.day:
            raise refuse(f"{p.day} does not come after day {before.day}", at=f"recovery[{i}].day")
        if p.fraction < before.fraction:
            raise refuse(
                f"{p.fraction:g} falls below the earlier {before.fraction:g}",
                at=f"recovery[{i}].fraction",
            )
    if points[-1].day > last_day:
        raise refuse(
            f"{points[-1].day} is after the end of remodelling (day {last_day})",
            at=f"recovery[{len(points) - 1}].day",
        )


class ClassDoc(Knowledge):
    label: Text
    blood_supply: Text
    after_surgery: Text
    phases: dict[str, PhaseDoc]
    recovery: tuple[PointDoc, ...] = Field(min_length=1)
    instability: CitedFraction

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_phases(self.phases)
        _check_recovery(self.recovery, list(self.phases.values())[-1].end_day)
        return self


class SeverityDoc(Knowledge):
    grades: dict[int, CitedFraction]
    ungraded: CitedFraction
    kinds: dict[str, CitedFraction]

    @model_validator(mode="after")
    def _rising(self) -> Self:
        if sorted(self.grades) != [1, 2, 3]:
            raise refuse(f"expected grades 1, 2 and 3, got {sorted(self.grades)}", at="grades")
        if not self.grades[1].value <= self.grades[2].value <= self.grades[3].value:
            raise refuse("severity must not fall as the grade rises", at="grades")
        for kind in self.kinds:
            one_of(INJURY_KINDS, kind, at="kinds")
        return self


class KindTissueDoc(CitedRecord):
    tissue: str

    @model_validator(mode="after")
    def _known(self) -> Self:
        one_of(TISSUE_TYPES, self.tissue, at="tissue")
        return self


class TissueClassDoc(CitedRecord):
    healing_class: str = Field(alias="class")
    intracapsular_class: str | None = None
    stability_share: Fraction


class StructureDoc(CitedRecord):
    name: Text
    tissue: str
    healing_class: str = Field(alias="class")
    stability_share: Fraction

    @model_validator(mode="after")
    def _known(self) -> Self:
        one_of(TISSUE_TYPES, self.tissue, at="tissue")
        return self


class DefaultDoc(CitedRecord):
    structure: str


class RuleDoc(CitedRecord):
    pass


class RecurrenceDoc(Knowledge):
    per_episode: CitedFraction


class CaitDoc(CitedRecord):
    cutoff_total: Annotated[int, STRICT, whole_in(0, 1000)]
    stable_above: Annotated[float, STRICT, in_range(0, 1000)]
    max_total: Annotated[int, STRICT, whole_in(1, 1000)]
    items: Count

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.cutoff_total > self.max_total:
            raise refuse(f"{self.cutoff_total} is outside 0..{self.max_total}", at="cutoff_total")
        if not self.cutoff_total <= self.stable_above <= self.max_total:
            raise refuse(
                f"{self.stable_above} is outside {self.cutoff_total}..{self.max_total}",
                at="stable_above",
            )
        return self


class FaamDoc(CitedRecord):
    adl_below: Annotated[float, STRICT, in_range(0, 100)]
    sports_below: Annotated[float, STRICT, in_range(0, 100)]
    min_answered_fraction: Annotated[float, STRICT, in_range(0.01, 1)]
    adl_items: Count
    sports_items: Count


class QuestionnairesDoc(Knowledge):
    cait: CaitDoc
    faam: FaamDoc


class FactorDoc(CitedRecord):
    factor: Fraction


class PostpartumDoc(FactorDoc):
    window_weeks: Annotated[int, STRICT, whole_in(1, 520)]


class RiskFactorsDoc(CitedRecord):
    sites: Annotated[tuple[Annotated[str, STRICT], ...], SITE_IDS]


class LifeStageDoc(Knowledge):
    pregnant: FactorDoc
    postpartum: PostpartumDoc
    risk_factors: RiskFactorsDoc
    relaxin: RuleDoc


def _check_references(doc: HealingDoc) -> None:
    classes, structures = list(doc.classes), list(doc.structures)
    for cid, hc in doc.classes.items():
        one_of(classes, hc.after_surgery, at=f"classes.{cid}.after_surgery")
    for tissue, tc in doc.tissue_class.items():
        one_of(classes, tc.healing_class, at=f"tissue_class.{tissue}.class")
        if tc.intracapsular_class is not None:
            one_of(classes, tc.intracapsular_class, at=f"tissue_class.{tissue}.intracapsular_class")
    for sid, s in doc.structures.items():
        one_of(classes, s.healing_class, at=f"structures.{sid}.class")
    for site, kinds in doc.defaults.items():
        for kind, d in kinds.items():
            key = f"defaults.{site}.{kind}"
            one_of(INJURY_KINDS, kind, at=key)
            one_of(structures, d.structure, at=f"{key}.structure")


class HealingDoc(Knowledge):
    """The whole of ``healing.yaml``."""

    version: int
    severity: SeverityDoc
    kind_tissue: dict[str, KindTissueDoc]
    tissue_class: dict[str, TissueClassDoc]
    classes: dict[str, ClassDoc]
    structures: dict[str, StructureDoc]
    defaults: Annotated[dict[str, dict[str, DefaultDoc]], SITE_IDS]
    rules: dict[str, RuleDoc]
    recurrence: RecurrenceDoc
    care: dict[str, CitedFactor]
    questionnaires: QuestionnairesDoc
    life_stage: LifeStageDoc

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.version != 1:
            raise refuse(f"{self.version!r} is not a supported version (expected 1)", at="version")
        exact_keys(self.kind_tissue, INJURY_KINDS, at="kind_tissue")
        exact_keys(self.tissue_class, TISSUE_TYPES, at="tissue_class")
        exact_keys(self.rules, RULES, at="rules")
        exact_keys(self.care, CARE_LEVELS, at="care")
        _check_references(self)
        return self


# --- recent.yaml ---------------------------------------------------------------------------
class WindowDoc(CitedRecord):
    """The phase whose end closes an injury's recent window."""

    phase: str

    @model_validator(mode="after")
    def _a_phase(self) -> Self:
        one_of(PHASES, self.phase, at="phase")
        return self


class FloorDoc(CitedRecord):
    """The fewest days an injury of one kind counts as recent."""

    days: Annotated[int, STRICT, whole_in(1, 3650)]


class RecentWordsDoc(Knowledge):
    recent: Prose
    old: Prose


class RecentDoc(Knowledge):
    """The whole of ``recent.yaml``."""

    version: Literal[1] = 1
    window: WindowDoc
    at_least: dict[str, FloorDoc] = Field(default_factory=dict)
    words: RecentWordsDoc

    @model_validator(mode="after")
    def _known_kinds(self) -> Self:
        for kind in self.at_least:
            one_of(INJURY_KINDS, kind, at=f"at_least.{kind}")
        return self
