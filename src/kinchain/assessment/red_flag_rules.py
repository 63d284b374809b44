"""Load ``red_flags.yaml``: urgency levels, one rule per suspected cause, the age rule and the
NICE NG65 rule, checked.

Every screening key a rule reads must be a question of :mod:`kinchain.intake` (its
``screening.yaml``); a key used twice, an unknown urgency or cause, a template field the country
table lacks, or a reason split by an unquoted comma is refused with the file and the key. Each
cause's grade is the weakest grade among its sources: a composite rule is only as strong as its
weakest essential part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import read_yaml, weakest_grade
from kinchain.assessment.red_flag_schema import (
    URGENCIES,
    AdviceDoc,
    FlagDoc,
    RedFlagsDoc,
    RheumatologyDoc,
)
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.intake.screening import screening_questions
from kinchain.knowledge import cross_check, load

__all__ = [
    "URGENCIES",
    "Advice",
    "AgeRule",
    "Cause",
    "FlagRule",
    "RedFlagRules",
    "RheumatologyRule",
    "parse_red_flag_rules",
    "red_flag_rules",
]

_FILE = "red_flags.yaml"

@dataclass(frozen=True)
class FlagRule:
    key: str
    reason: str


@dataclass(frozen=True)
class Advice:
    """Whom to see, how soon, what to do, and what to do if things change (templates)."""

    see: str
    within: str
    advice: str
    safety_net: str


@dataclass(frozen=True)
class Cause:
    """One suspected cause: its urgency, advice, sources and the flags that point to it."""

    cause: str
    urgency: str
    title: str
    suspends_program: bool
    advice: Advice
    cite: tuple[str, ...]
    grade: str
    flags: tuple[FlagRule, ...]


@dataclass(frozen=True)
class AgeRule:
    cause: str
    over_years: float
    under_years: float
    requires_another_flag: bool
    reason: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class RheumatologyRule:
    onset_before_years: float
    min_duration_months: float
    early_onset_years: float
    early_onset_reason: str
    refer_at: int
    test_at: int
    refer: Advice
    test: Advice
    recheck: str
    criteria: tuple[FlagRule, ...]
    cite: tuple[str, ...]


@dataclass(frozen=True)
class RedFlagRules:
    """The whole red-flag rule set, checked on load."""

    caveat: str
    caveat_cite: tuple[str, ...]
    back_pain_sites: frozenset[str]
    labels: dict[str, str]
    suspends: dict[str, bool]
    causes: tuple[Cause, ...]
    age_onset: AgeRule
    rheumatology: RheumatologyRule

    def cause(self, cause: str) -> Cause:
        """The rule of one suspected cause."""
        for c in self.causes:
            if c.cause == cause:
                return c
        raise KeyError(cause)

    def cause_of(self, key: str) -> Cause | None:
        """The cause a screening key points to (None for rheumatology criteria)."""
        return next((c for c in self.causes if any(f.key == key for f in c.flags)), None)

    def screening_keys(self) -> frozenset[str]:
        """Every screening key the rules read."""
        keys = {f.key for c in self.causes for f in c.flags}
        keys |= {f.key for f in self.rheumatology.criteria}
        return frozenset(keys)


def _advice(a: AdviceDoc) -> Advice:
    return Advice(see=a.see, within=a.within, advice=a.advice, safety_net=a.safety_net)


def _flags(flags: tuple[FlagDoc, ...]) -> tuple[FlagRule, ...]:
    return tuple(FlagRule(key=f.key, reason=f.reason) for f in flags)


def _causes(doc: RedFlagsDoc) -> tuple[Cause, ...]:
    out = [
        Cause(
            cause=str(cause), urgency=c.urgency, title=c.title,
            suspends_program=doc.urgencies[c.urgency].suspends_program, advice=_advice(c),
            cite=c.cite, grade=weakest_grade(c.cite), flags=_flags(c.flags),
        )
        for cause, c in doc.causes.items()
    ]
    return tuple(sorted(out, key=lambda c: URGENCIES.index(c.urgency)))


def _rheumatology(rh: RheumatologyDoc) -> RheumatologyRule:
    return RheumatologyRule(
        onset_before_years=rh.onset_before_years,
        min_duration_months=rh.min_duration_months,
        early_onset_years=rh.early_onset_years,
        early_onset_reason=rh.early_onset_reason,
        refer_at=int(rh.refer_at),
        test_at=int(rh.test_at),
        refer=_advice(rh.refer),
        test=_advice(rh.test),
        recheck=rh.recheck,
        criteria=_flags(rh.criteria),
        cite=rh.cite,
    )


def _check_keys(rules: RedFlagRules) -> None:
    known = {q.key for q in screening_questions()}
    seen: dict[str, str] = {}
    places = [
        (f"causes.{c.cause}.flags[{i}].key", f.key)
        for c in rules.causes
        for i, f in enumerate(c.flags)
    ]
    places += [
        (f"rheumatology.criteria[{i}].key", f.key)
        for i, f in enumerate(rules.rheumatology.criteria)
    ]
    for where, key in places:
        if key in seen:
            raise DataFileError(
                _FILE, where, f"screening key {key!r} is already used in {seen[key]}"
            )
        if key not in known:
            raise DataFileError(_FILE, where, f"{key!r} is not a screening key of kinchain.intake")
        seen[key] = where


def parse_red_flag_rules(doc: Any) -> RedFlagRules:
    """Turn the parsed ``red_flags.yaml`` (the bundled file or a coach's edit) into checked
    rules: every cite key in the evidence registry, every screening key known to the intake."""
    if not isinstance(doc, dict):
        raise DataFileError(_FILE, "<root>", f"expected a mapping, got {type(doc).__name__}")
    d = load(RedFlagsDoc, doc, file=_FILE)
    cross_check(d, file=_FILE, registry=default_registry(), sites=())
    age = d.age_onset
    rules = RedFlagRules(
        caveat=d.caveat.text,
        caveat_cite=d.caveat.cite,
        back_pain_sites=frozenset(d.back_pain_sites),
        labels={u: body.label for u, body in d.urgencies.items()},
        suspends={u: body.suspends_program for u, body in d.urgencies.items()},
        causes=_causes(d),
        age_onset=AgeRule(
            cause=age.cause, over_years=age.over_years, under_years=age.under_years,
            requires_another_flag=bool(age.requires_another_flag), reason=age.reason,
            cite=age.cite,
        ),
        rheumatology=_rheumatology(d.rheumatology),
    )
    _check_keys(rules)
    return rules


@cache
def red_flag_rules() -> RedFlagRules:
    """The bundled red-flag rules, loaded and checked once per process."""
    return parse_red_flag_rules(read_yaml(_FILE))
