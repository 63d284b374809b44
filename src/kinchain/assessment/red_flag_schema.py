"""The shape of ``red_flags.yaml`` as declarative models;
:mod:`kinchain.assessment.red_flag_rules` turns a checked document into the red-flag rules."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import model_validator

from kinchain.assessment.countries import check_template
from kinchain.errors import DataFileError
from kinchain.knowledge import STRICT, CitedRecord, Knowledge, Text, in_range, one_of, refuse

__all__ = ["RedFlagsDoc"]

_FILE = "red_flags.yaml"
#: urgency levels, most urgent first
URGENCIES: tuple[str, ...] = ("emergency", "same_day", "urgent", "routine")
Years = Annotated[float, STRICT, in_range(0, 120)]


class FlagDoc(Knowledge):
    key: Text
    reason: Text


class AdviceDoc(Knowledge):
    """Whom to see, how soon, what to do, and what to do if things change (templates)."""

    see: Text
    within: Text
    advice: Text
    safety_net: Text

    @model_validator(mode="after")
    def _templates(self) -> Self:
        for name in ("see", "within", "advice", "safety_net"):
            try:
                check_template(getattr(self, name), file=_FILE, key=name)
            except DataFileError as e:
                raise refuse(e.detail, at=name) from None
        return self


class CauseDoc(AdviceDoc, CitedRecord):
    urgency: str
    title: Text
    flags: tuple[FlagDoc, ...]

    @model_validator(mode="after")
    def _not_routine(self) -> Self:
        one_of(URGENCIES[:-1], self.urgency, at="urgency")
        return self


class UrgencyDoc(Knowledge):
    suspends_program: Annotated[bool, STRICT]
    label: Text


class CaveatDoc(CitedRecord):
    text: Text


class AgeOnsetDoc(CitedRecord):
    cause: str
    over_years: Years
    under_years: Years
    requires_another_flag: bool = True
    reason: Text


class RheumatologyDoc(CitedRecord):
    onset_before_years: Years
    min_duration_months: Annotated[float, STRICT, in_range(0, 600)]
    early_onset_years: Years
    early_onset_reason: Text
    refer_at: Annotated[float, STRICT]
    test_at: Annotated[float, STRICT]
    refer: AdviceDoc
    test: AdviceDoc
    recheck: Text
    criteria: tuple[FlagDoc, ...]

    @model_validator(mode="after")
    def _thresholds(self) -> Self:
        top = len(self.criteria) + 1
        if not 1 <= self.refer_at <= top:
            raise refuse(f"{self.refer_at} is outside 1..{top}", at="refer_at")
        if not 1 <= self.test_at <= int(self.refer_at):
            raise refuse(f"{self.test_at} is outside 1..{int(self.refer_at)}", at="test_at")
        try:
            self.recheck.format(criteria=3, months=1, min_months=3, date="2026-01-01")
        except (KeyError, IndexError, ValueError) as e:
            raise refuse(f"bad template field {e}", at="recheck") from None
        return self


class RedFlagsDoc(Knowledge):
    """The whole of ``red_flags.yaml``."""

    caveat: CaveatDoc
    back_pain_sites: tuple[Annotated[str, STRICT], ...]
    urgencies: dict[str, UrgencyDoc]
    causes: dict[str, CauseDoc]
    age_onset: AgeOnsetDoc
    rheumatology: RheumatologyDoc

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if tuple(self.urgencies) != URGENCIES:
            got = list(self.urgencies)
            raise refuse(f"expected {list(URGENCIES)} in order, got {got}", at="urgencies")
        if self.age_onset.cause not in self.causes:
            raise refuse(f"{self.age_onset.cause!r} is not a cause", at="age_onset.cause")
        return self
