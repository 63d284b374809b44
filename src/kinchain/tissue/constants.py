"""The tissue model's constants as frozen models: what ``healing.yaml`` holds, once checked.

The models are plain frozen dataclasses, so the same constants could later come from a database a
coach edits. Parsing and checking the YAML live in :mod:`kinchain.tissue.parse`; loading the
bundled file and checking it against the evidence registry and the body web in
:mod:`kinchain.tissue.loader`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from kinchain.intake.vocabulary import care_levels, injury_kinds, tissue_types

__all__ = [
    "CARE_LEVELS",
    "INJURY_KINDS",
    "PHASES",
    "RULES",
    "TISSUE_TYPES",
    "CaitCutoff",
    "CareFactor",
    "Cited",
    "FaamCutoffs",
    "HealingClass",
    "HealingModel",
    "KindTissue",
    "LifeStageConstants",
    "Phase",
    "RecoveryPoint",
    "Rule",
    "Structure",
    "StructureDefault",
    "TissueClass",
]

#: Healing phases in the order they pass; after the last one the tissue has reached its plateau.
PHASES: tuple[str, ...] = ("inflammation", "proliferation", "remodelling")
#: The intake's vocabulary (``intake/vocabulary.yaml``), the one list of each: the tissue model
#: must give every kind, tissue type and care level the intake accepts a constant.
TISSUE_TYPES: tuple[str, ...] = tissue_types()
INJURY_KINDS: tuple[str, ...] = tuple(injury_kinds())
CARE_LEVELS: tuple[str, ...] = care_levels()
#: The formulas whose sources the data file names under ``rules``.
RULES: tuple[str, ...] = ("mechanical", "injury_deficit", "joint_deficit")


@dataclass(frozen=True)
class Cited:
    """A number with the sources behind it."""

    value: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Phase:
    name: str
    end_day: int
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class RecoveryPoint:
    day: int
    fraction: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class HealingClass:
    """How one kind of tissue heals: its phases, its recovery curve and its plateau."""

    id: str
    label: str
    blood_supply: str
    after_surgery: str
    phases: tuple[Phase, ...]
    recovery: tuple[RecoveryPoint, ...]
    instability: Cited

    @property
    def plateau(self) -> float:
        """The most strength the repaired tissue ever regains, as a fraction of normal."""
        return self.recovery[-1].fraction

    @property
    def plateau_day(self) -> int:
        """The day healing stops: the end of remodelling."""
        return self.phases[-1].end_day


@dataclass(frozen=True)
class TissueClass:
    tissue: str
    healing_class: str
    stability_share: float
    cite: tuple[str, ...]
    note: str = ""
    intracapsular_class: str | None = None  # the class of such a tissue inside a joint capsule


@dataclass(frozen=True)
class Structure:
    id: str
    name: str
    tissue: str
    healing_class: str
    stability_share: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class StructureDefault:
    site: str
    kind: str
    structure: str
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """A formula's sources: the rule has no constant of its own."""

    name: str
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class CareFactor:
    care: str
    value: float
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class KindTissue:
    kind: str
    tissue: str
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class CaitCutoff:
    cutoff_total: int  # at or below: the instability is real
    stable_above: float  # above: the client does not report instability; between: grey zone
    max_total: int
    items: int
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class FaamCutoffs:
    adl_below: float
    sports_below: float
    min_answered_fraction: float
    adl_items: int
    sports_items: int
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class LifeStageConstants:
    pregnant: Cited
    postpartum: Cited
    postpartum_window_weeks: int
    risk_factor_sites: tuple[str, ...]
    risk_factor_cite: tuple[str, ...]
    risk_factor_note: str
    relaxin_cite: tuple[str, ...]
    relaxin_note: str


@dataclass(frozen=True)
class HealingModel:
    """Every constant of the tissue model, checked."""

    file: str
    grades: Mapping[int, Cited]
    ungraded: Cited
    kind_severity: Mapping[str, Cited]
    kind_tissue: Mapping[str, KindTissue]
    tissue_classes: Mapping[str, TissueClass]
    classes: Mapping[str, HealingClass]
    structures: Mapping[str, Structure]
    defaults: Mapping[tuple[str, str], StructureDefault]
    rules: Mapping[str, Rule]
    recurrence: Cited
    care: Mapping[str, CareFactor]
    cait: CaitCutoff
    faam: FaamCutoffs
    life_stage: LifeStageConstants

    def citations(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Every (key path, cite) pair in the model, for checking against the registry."""
        for g, c in self.grades.items():
            yield f"severity.grades.{g}", c.cite
        yield "severity.ungraded", self.ungraded.cite
        for k, c in self.kind_severity.items():
            yield f"severity.kinds.{k}", c.cite
        for k, kt in self.kind_tissue.items():
            yield f"kind_tissue.{k}", kt.cite
        for t, tc in self.tissue_classes.items():
            yield f"tissue_class.{t}", tc.cite
        for cid, hc in self.classes.items():
            for p in hc.phases:
                yield f"classes.{cid}.phases.{p.name}", p.cite
            for i, r in enumerate(hc.recovery):
                yield f"classes.{cid}.recovery[{i}]", r.cite
            yield f"classes.{cid}.instability", hc.instability.cite
        for sid, s in self.structures.items():
            yield f"structures.{sid}", s.cite
        for (site, kind), d in self.defaults.items():
            yield f"defaults.{site}.{kind}", d.cite
        for name, rule in self.rules.items():
            yield f"rules.{name}", rule.cite
        yield "recurrence.per_episode", self.recurrence.cite
        for care, cf in self.care.items():
            yield f"care.{care}", cf.cite
        yield "questionnaires.cait", self.cait.cite
        yield "questionnaires.faam", self.faam.cite
        ls = self.life_stage
        yield "life_stage.pregnant", ls.pregnant.cite
        yield "life_stage.postpartum", ls.postpartum.cite
        yield "life_stage.risk_factors", ls.risk_factor_cite
        yield "life_stage.relaxin", ls.relaxin_cite
