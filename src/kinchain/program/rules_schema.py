"""The shape of ``rules.yaml`` and ``habits.yaml`` as declarative models;
:mod:`kinchain.program.rules` turns checked documents into program rules and habit rules."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import Field, model_validator

from kinchain.evidence import GRADES, default_registry
from kinchain.knowledge import (
    STRICT,
    CitedRecord,
    Knowledge,
    Prose,
    Text,
    exact_keys,
    grade_within,
    in_range,
    one_of,
    refuse,
    whole_in,
)
from kinchain.program.model import HABIT_AREA_LABELS
from kinchain.program.words import (
    CONTRAINDICATION_KEYS,
    GENERAL_CONTRAINDICATIONS,
    HABIT_CONDITIONS,
    PARAMS,
    PHASE_CONDITIONS,
    QUALITIES,
    TAGS,
)

__all__ = ["HabitsDoc", "RulesDoc"]

HABIT_AREAS = tuple(HABIT_AREA_LABELS)

Share = Annotated[float, STRICT, in_range(0, 1)]
Names = tuple[Annotated[str, STRICT], ...]
def _tags(tags: Names, *, at: str = "tags") -> None:
    if any(t not in TAGS for t in tags):
        raise refuse(f"expected tags from {list(TAGS)}, got {list(tags)}", at=at)


class ContraindicationDoc(CitedRecord):
    rule: Prose
    tags: Names = ()
    lookahead_weeks: Annotated[float, STRICT, in_range(0, 42)] | None = None
    pain_at_least: Annotated[float, STRICT, in_range(0, 10)] | None = None
    months: Annotated[float, STRICT, in_range(0, 60)] | None = None
    max_pain: Annotated[float, STRICT, in_range(0, 10)] | None = None
    several_at_least: Annotated[float, STRICT, in_range(1, 20)] | None = None

    @model_validator(mode="after")
    def _known_tags(self) -> Self:
        _tags(self.tags)
        return self


class TagWorkDoc(Knowledge):
    kind: Prose
    ref_prefix: Annotated[str, STRICT] | None = None
    tags: Annotated[Names, Field(min_length=1)]
    because: Prose
    focus: Prose
    activity_kinds: Names = ()
    because_by_stage: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_tags(self) -> Self:
        _tags(self.tags)
        return self


class PhaseTextDoc(Knowledge):
    """A phase text said only when its conditions hold."""

    when: dict[str, Any] = Field(default_factory=dict)
    text: Prose

    @model_validator(mode="after")
    def _known_conditions(self) -> Self:
        for cond, value in self.when.items():
            at = f"when.{cond}"
            if cond not in PHASE_CONDITIONS:
                raise refuse(f"unknown; expected one of {list(PHASE_CONDITIONS)}", at=at)
            if (cond == "runs") != isinstance(value, bool) or (
                cond != "runs" and (not isinstance(value, list) or not value)
            ):
                expected = "true or false" if cond == "runs" else "a non-empty list"
                raise refuse(f"expected {expected}, got {value!r}", at=at)
        return self


PhaseText = Annotated[str, STRICT] | PhaseTextDoc


class PhaseDoc(CitedRecord):
    name: Prose
    weeks: tuple[Annotated[int, STRICT], Annotated[int, STRICT]]
    focus: Prose
    parts_intro: str = ""
    parts: tuple[PhaseText, ...] = ()
    criteria_to_advance: Annotated[tuple[PhaseText, ...], Field(min_length=1)]


class PregnancyEndDoc(CitedRecord):
    birth_week: Annotated[int, STRICT, whole_in(20, 42)]
    name: Prose
    focus: Prose
    criteria_to_advance: Annotated[tuple[Annotated[str, STRICT], ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _fillable(self) -> Self:
        try:
            self.focus.format(due="", week="")
        except (KeyError, IndexError, ValueError):
            raise refuse("only {due} and {week} can be filled in", at="focus") from None
        return self


class OldInjuryDoc(CitedRecord):
    minutes: Annotated[float, STRICT, in_range(0.5, 10)]


class StartLevelDoc(Knowledge):
    deficit_at_least: Share
    level: Annotated[int, STRICT, whole_in(1, 3)]


class SelectionDoc(CitedRecord):
    residual_deficit_min: Share
    contributor_score_min: Share
    pain_gentle_from: Annotated[int, STRICT, whole_in(0, 10)]
    start_level: Annotated[tuple[StartLevelDoc, ...], Field(min_length=1)]
    default_level: Annotated[int, STRICT, whole_in(1, 3)]
    work: dict[str, Names]
    tag_work: tuple[TagWorkDoc, ...]
    extra_passes: Annotated[int, STRICT, whole_in(0, 5)]
    deficit_priority_weight: Share
    weakest_link_factor: Share

    @model_validator(mode="after")
    def _qualities(self) -> Self:
        for name in ("stability", "mobility", "deficit"):
            got = self.work.get(name)
            if not got or any(q not in QUALITIES for q in got):
                raise refuse(
                    f"expected qualities from {list(QUALITIES)}, got {got!r}", at=f"work.{name}"
                )
        return self


class ProgressionDoc(CitedRecord):
    pain_rise_points: Annotated[int, STRICT, whole_in(1, 10)]
    easy_checkins: Annotated[int, STRICT, whole_in(1, 10)]
    hard_checkins: Annotated[int, STRICT, whole_in(1, 10)]


class InstrumentChangeDoc(Knowledge):
    value: Prose
    better: Literal["higher", "lower"]
    mcid: Annotated[str, STRICT] | None = None


class RecoveredDoc(CitedRecord):
    deficit_below: Share
    text: Text


class ChainWordingDoc(CitedRecord):
    link: Text
    weakest_link: Text
    known: dict[str, Any]

    @model_validator(mode="after")
    def _default(self) -> Self:
        if "default" not in self.known:
            raise refuse("needs a `default` entry", at="known")
        return self


class WordingDoc(Knowledge):
    names: dict[str, Any]
    plural: Any
    injury_verb: dict[str, Any]
    care: dict[str, Any]
    recurrence: dict[str, Any]
    residual: Any
    recovered: RecoveredDoc
    chain: ChainWordingDoc
    role: dict[str, Any]
    pain: Any

    @model_validator(mode="after")
    def _defaults(self) -> Self:
        for name, needed in (("recurrence", "default"), ("role", "stability")):
            if needed not in getattr(self, name):
                raise refuse(f"needs a `{needed}` entry", at=name)
        return self


def _check_phases(phases: tuple[PhaseDoc, ...]) -> None:
    first = 1
    for i, p in enumerate(phases):
        if p.weeks[0] != first or p.weeks[1] < p.weeks[0]:
            raise refuse(
                f"expected [{first}, last] with last >= first, got {list(p.weeks)}",
                at=f"phases[{i}].weeks",
            )
        first = p.weeks[1] + 1
    if first != 13:
        raise refuse(f"expected weeks 1..12 covered, the last ends at {first - 1}", at="phases")


class RulesDoc(Knowledge):
    """The whole of ``rules.yaml``."""

    contraindications: dict[str, ContraindicationDoc]
    pregnancy_end: PregnancyEndDoc
    old_injury_minutes: OldInjuryDoc
    selection: SelectionDoc
    progression: ProgressionDoc
    instrument_change: dict[str, tuple[InstrumentChangeDoc, ...]]
    phases: Annotated[tuple[PhaseDoc, ...], Field(min_length=1)]
    wording: WordingDoc

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        exact_keys(
            self.contraindications, CONTRAINDICATION_KEYS + GENERAL_CONTRAINDICATIONS,
            at="contraindications",
        )
        for name, fields in PARAMS.items():
            for f in fields:
                if getattr(self.contraindications[name], f) is None:
                    raise refuse("missing", at=f"contraindications.{name}.{f}")
        _check_phases(self.phases)
        return self


class HabitDoc(CitedRecord):
    id: Prose
    area: str
    when: dict[str, Any] = Field(default_factory=dict)
    advice: Prose
    evidence: Prose
    grade: str
    essential: Annotated[Names, Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _graded(self) -> Self:
        one_of(HABIT_AREAS, self.area, at="area")
        for cond in self.when:
            if cond not in HABIT_CONDITIONS:
                wanted = f"unknown; expected one of {list(HABIT_CONDITIONS)}"
                raise refuse(wanted, at=f"when.{cond}")
        stray = [k for k in self.essential or () if k not in self.cite]
        if stray:
            raise refuse(f"{stray} are not in its cite list {list(self.cite)}", at="essential")
        registry = default_registry()
        if all(k in registry for k in self.cite):  # else the cross-reference pass names the key
            grade_within(
                self.grade, self.cite, self.essential or self.cite, order=GRADES,
                grade_of=registry.grade,
            )
        return self


class HabitsDoc(Knowledge):
    """The whole of ``habits.yaml``."""

    habits: tuple[HabitDoc, ...]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [h.id for h in self.habits]
        for i, habit_id in enumerate(ids):
            if habit_id in ids[:i]:
                raise refuse(f"{habit_id!r} is defined twice", at=f"habits[{i}].id")
        return self
