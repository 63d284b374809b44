"""The shape of ``contributors.yaml`` as declarative models: every weight in its range, each
kind of everyday source with the tests its kind knows, each rule id once per kind.
:mod:`kinchain.assessment.rules` turns a checked document into the contributor rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from kinchain.knowledge import (
    SITE_IDS,
    STRICT,
    CitedRecord,
    Keys,
    Knowledge,
    Text,
    in_range,
    refuse,
)

__all__ = ["ContributorsDoc", "LifeStageRuleDoc", "RuleDoc"]

Share = Annotated[float, STRICT, in_range(0, 1)]
#: a number as written (a whole number stays whole)
Number = Annotated[int, STRICT] | Annotated[float, STRICT]
Words = Annotated[tuple[Text, ...], Field(min_length=1)]
Habit = Literal["sitting", "standing", "sleep", "lifting", "carrying", "breathing", "gait"]


class InjuryRuleDoc(CitedRecord):
    label: Text
    note: Text


class SideDoc(Knowledge):
    same: Share
    other: Share
    unsided_pain: Share


class InjuryDoc(Knowledge):
    local: InjuryRuleDoc
    chain: InjuryRuleDoc
    deficit_scale: Annotated[float, STRICT, in_range(1e-3, 10)]
    distance_decay: Share
    pathway_only: Share
    leak_gain: Annotated[float, STRICT, in_range(0, 100)]
    leak_cite: Keys


class ExposureDoc(Knowledge):
    """The intake field that measures exposure and the amount that counts as full."""

    field: Literal["hours_per_day", "minutes_per_week", "hours"]
    full: Annotated[float, STRICT, in_range(1e-9, 10_000)]


class FootwearWhen(Knowledge):
    kind: Words | None = None
    toe_box: Words | None = None
    cushioning: Words | None = None
    heel_min_mm: Number | None = None
    runner: Annotated[bool, STRICT] | None = None


class HabitWhen(Knowledge):
    habit: Habit
    min_hours: Number | None = None
    values: Words | None = None


class ActivityWhen(Knowledge):
    activity: Words


class LifeStageWhen(Knowledge):
    status: Words


class SourceRuleDoc(CitedRecord):
    """What every footwear, habit, activity and life-stage rule says."""

    id: Text
    label: Text
    pain_sites: Annotated[tuple[Text, ...], SITE_IDS]
    sided: Annotated[bool, STRICT] = False
    exposure: ExposureDoc | None = None
    aggravator: tuple[Text, ...] = ()
    aggravator_by_kind: dict[str, tuple[Text, ...]] = Field(default_factory=dict)
    note: Text


class FootwearRuleDoc(SourceRuleDoc):
    when: FootwearWhen
    base: Share


class HabitRuleDoc(SourceRuleDoc):
    when: HabitWhen
    base: Share


class ActivityRuleDoc(SourceRuleDoc):
    when: ActivityWhen
    base: Share


class LifeStageRuleDoc(SourceRuleDoc):
    """A life-stage rule scores by ``scale`` up to ``cap`` instead of a base and exposure."""

    when: LifeStageWhen
    scale: Annotated[float, STRICT, in_range(0, 10)]
    cap: Share


#: a rule of any kind of everyday source
RuleDoc = FootwearRuleDoc | HabitRuleDoc | ActivityRuleDoc | LifeStageRuleDoc


def _once_each(kind: str, rules: Sequence[SourceRuleDoc]) -> None:
    seen: set[str] = set()
    for i, rule in enumerate(rules):
        if rule.id in seen:
            raise refuse(f"{rule.id!r} is used twice", at=f"{kind}[{i}].id")
        seen.add(rule.id)


class ContributorsDoc(Knowledge):
    """The whole of ``contributors.yaml``."""

    weights_cite: Keys
    min_score: Share
    aggravator_bonus: Share
    aggravator_note: Text
    aggravator_cite: Keys
    side: SideDoc
    injury: InjuryDoc
    footwear: tuple[FootwearRuleDoc, ...]
    habit: tuple[HabitRuleDoc, ...]
    activity: tuple[ActivityRuleDoc, ...]
    life_stage: tuple[LifeStageRuleDoc, ...]

    @model_validator(mode="after")
    def _ids_once(self) -> Self:
        for kind in ("footwear", "habit", "activity", "life_stage"):
            _once_each(kind, getattr(self, kind))
        return self
