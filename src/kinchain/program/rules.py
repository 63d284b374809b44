"""The program's rules (``rules.yaml``) and habit advice (``habits.yaml``), parsed and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.knowledge import Knowledge, cross_check, load, with_entry_id
from kinchain.program.library import read_bundled
from kinchain.program.model import HABIT_AREA_LABELS
from kinchain.program.words import (
    GENERAL_CONTRAINDICATIONS,
    HABIT_CONDITIONS,
    PARAMS,
    PHASE_CONDITIONS,
)

if TYPE_CHECKING:  # the schema loads when a file is read: its models cost time to create
    from kinchain.program.rules_schema import (
        ContraindicationDoc,
        PhaseDoc,
        PhaseTextDoc,
        PregnancyEndDoc,
        SelectionDoc,
        TagWorkDoc,
    )

HABIT_AREAS = tuple(HABIT_AREA_LABELS)

__all__ = [
    "GENERAL_CONTRAINDICATIONS",
    "HABIT_AREAS",
    "HABIT_CONDITIONS",
    "PHASE_CONDITIONS",
    "Contraindication",
    "HabitRule",
    "InstrumentChange",
    "PhaseRule",
    "PregnancyEnd",
    "ProgramRules",
    "TagWork",
    "default_habits",
    "default_rules",
    "parse_habits",
    "parse_rules",
]

_RULES = "rules.yaml"
_HABITS = "habits.yaml"
D = TypeVar("D", bound=Knowledge)
@dataclass(frozen=True)
class Contraindication:
    """One kind of contraindication: its plain rule, its numbers and its sources."""

    key: str
    rule: str
    cite: tuple[str, ...]
    params: Mapping[str, float]
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TagWork:
    """Contributors of a kind (habit, life stage, ...) that earn items carrying given tags."""

    kind: str
    ref_prefix: str | None
    tags: frozenset[str]
    because: str
    focus: str = ""  # what the item is for, in the client's words
    activity_kinds: frozenset[str] = frozenset()  # activity contributors: only these kinds
    because_by_stage: Mapping[str, str] = field(default_factory=dict)  # life stage -> reason


@dataclass(frozen=True)
class InstrumentChange:
    """Which number of an instrument to compare, which way is better, where its MCID lives."""

    instrument: str
    value: str
    better: str
    mcid: str | None


@dataclass(frozen=True)
class PhaseRule:
    """One phase of the 12-week plan: what everyone reads, and what only some clients read.

    ``parts`` and ``criteria`` pair a condition (an empty mapping: always) with a text; the
    conditions are in ``PHASE_CONDITIONS`` (see ``rules.yaml``).
    """

    name: str
    first_week: int
    last_week: int
    focus: str
    criteria: tuple[tuple[Mapping[str, Any], str], ...]
    cite: tuple[str, ...]
    parts_intro: str = ""
    parts: tuple[tuple[Mapping[str, Any], str], ...] = ()

    @property
    def criteria_to_advance(self) -> tuple[str, ...]:
        """The criteria every client reads (those without a condition)."""
        return tuple(t for when, t in self.criteria if not when)


@dataclass(frozen=True)
class PregnancyEnd:
    """Where a pregnant client's plan stops, and the phase that holds the weeks after it."""

    birth_week: int
    name: str
    focus: str  # {due} and {week} are filled in
    criteria_to_advance: tuple[str, ...]
    cite: tuple[str, ...]


@dataclass(frozen=True)
class ProgramRules:
    """Everything in ``rules.yaml``."""

    contraindications: Mapping[str, Contraindication]
    residual_deficit_min: float
    contributor_score_min: float
    pain_gentle_from: int
    start_level: tuple[tuple[float, int], ...]
    default_level: int
    work: Mapping[str, tuple[str, ...]]
    tag_work: tuple[TagWork, ...]
    extra_passes: int
    deficit_priority_weight: float
    weakest_link_factor: float
    selection_cite: tuple[str, ...]
    pain_rise_points: int
    easy_checkins: int
    hard_checkins: int
    progression_cite: tuple[str, ...]
    instrument_change: tuple[InstrumentChange, ...]
    phases: tuple[PhaseRule, ...]
    wording: Mapping[str, Any]
    pregnancy_end: PregnancyEnd | None = None
    old_injury_minutes: float = 2.0
    old_injury_cite: tuple[str, ...] = ()

    def level_for(self, deficit: float) -> int:
        """The starting level for a joint with this stability deficit.

        >>> default_rules().level_for(0.5), default_rules().level_for(0.1)
        (1, 2)
        """
        for at_least, level in self.start_level:
            if deficit >= at_least:
                return level
        return self.default_level


@dataclass(frozen=True)
class HabitRule:
    """One habit suggestion and the intake conditions that call for it."""

    id: str
    area: str
    when: Mapping[str, Any]
    advice: str
    evidence: str
    grade: str
    cite: tuple[str, ...]
    #: the cited sources the advice stands on; its grade is no stronger than the weakest of them
    essential: tuple[str, ...] = ()


def _words(raw: object) -> str:
    return " ".join(str(raw).split())


def _phase_text(t: str | PhaseTextDoc) -> tuple[Mapping[str, Any], str]:
    if isinstance(t, str):
        return MappingProxyType({}), _words(t)
    return MappingProxyType(dict(t.when)), t.text


def _phase(p: PhaseDoc) -> PhaseRule:
    return PhaseRule(
        p.name, p.weeks[0], p.weeks[1], p.focus,
        tuple(_phase_text(c) for c in p.criteria_to_advance), p.cite, _words(p.parts_intro),
        tuple(_phase_text(c) for c in p.parts),
    )  # fmt: skip


def _contraindication(name: str, c: ContraindicationDoc) -> Contraindication:
    params = {f: float(getattr(c, f)) for f in PARAMS.get(name, ())}
    return Contraindication(name, c.rule, c.cite, params, frozenset(c.tags))


def _tag_work(t: TagWorkDoc) -> TagWork:
    stages = {str(k): _words(v) for k, v in t.because_by_stage.items()}
    return TagWork(
        t.kind, t.ref_prefix, frozenset(t.tags), t.because, t.focus, frozenset(t.activity_kinds),
        MappingProxyType(stages),
    )  # fmt: skip


def _selection(sel: SelectionDoc) -> dict[str, Any]:
    return {
        "residual_deficit_min": sel.residual_deficit_min,
        "contributor_score_min": sel.contributor_score_min,
        "pain_gentle_from": sel.pain_gentle_from,
        "start_level": tuple((s.deficit_at_least, s.level) for s in sel.start_level),
        "default_level": sel.default_level,
        "work": MappingProxyType({k: sel.work[k] for k in ("stability", "mobility", "deficit")}),
        "tag_work": tuple(_tag_work(t) for t in sel.tag_work),
        "extra_passes": sel.extra_passes,
        "deficit_priority_weight": sel.deficit_priority_weight,
        "weakest_link_factor": sel.weakest_link_factor,
        "selection_cite": sel.cite,
    }


def _pregnancy_end(p: PregnancyEndDoc) -> PregnancyEnd:
    criteria = tuple(_words(c) for c in p.criteria_to_advance)
    return PregnancyEnd(p.birth_week, p.name, p.focus, criteria, p.cite)


def _checked(model: type[D], doc: Any, file: str, section: str | None = None) -> D:
    """``doc`` checked as ``model``, every cite key in the evidence registry."""
    if not isinstance(doc, dict):
        raise DataFileError(file, "<file>", f"expected a mapping, got {type(doc).__name__}")
    try:
        checked = load(model, doc, file=file)
        cross_check(checked, file=file, registry=default_registry(), sites=())
    except DataFileError as err:
        raise (with_entry_id(err, doc, section) if section else err) from None
    return checked


def parse_rules(doc: Any, /, *, file: str = _RULES) -> ProgramRules:
    """Build checked :class:`ProgramRules` from a parsed ``rules.yaml`` document (the bundled
    file or a coach's edit)."""
    from kinchain.program.rules_schema import RulesDoc

    r = _checked(RulesDoc, doc, file)
    prog = r.progression
    return ProgramRules(
        contraindications=MappingProxyType(
            {n: _contraindication(n, c) for n, c in r.contraindications.items()}
        ),
        pain_rise_points=prog.pain_rise_points,
        easy_checkins=prog.easy_checkins,
        hard_checkins=prog.hard_checkins,
        progression_cite=prog.cite,
        instrument_change=tuple(
            InstrumentChange(inst, e.value, e.better, e.mcid)
            for inst, entries in r.instrument_change.items() for e in entries
        ),
        phases=tuple(_phase(p) for p in r.phases),
        wording=MappingProxyType(dict(doc["wording"])),
        pregnancy_end=_pregnancy_end(r.pregnancy_end),
        old_injury_minutes=r.old_injury_minutes.minutes,
        old_injury_cite=r.old_injury_minutes.cite,
        **_selection(r.selection),
    )


def parse_habits(doc: Any, /, *, file: str = _HABITS) -> tuple[HabitRule, ...]:
    """Build checked :class:`HabitRule` s from a parsed ``habits.yaml`` document."""
    from kinchain.program.rules_schema import HabitsDoc

    if not isinstance(doc, dict) or not isinstance(doc.get("habits"), list):
        raise DataFileError(file, "habits", "expected a top-level list named 'habits'")
    return tuple(
        HabitRule(h.id, h.area, MappingProxyType(dict(h.when)), h.advice, h.evidence, h.grade,
                  h.cite, h.essential or h.cite)
        for h in _checked(HabitsDoc, doc, file, "habits").habits
    )  # fmt: skip


@cache
def default_rules() -> ProgramRules:
    """The bundled rules, loaded and checked once per process."""
    return parse_rules(read_bundled(_RULES))


@cache
def default_habits() -> tuple[HabitRule, ...]:
    """The bundled habit rules, loaded and checked once per process."""
    return parse_habits(read_bundled(_HABITS))
