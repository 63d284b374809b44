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

from kinchain.assessment._data import cites, mapping, number, read_yaml, seq, text, weakest_grade
from kinchain.assessment.countries import check_template
from kinchain.errors import DataFileError
from kinchain.intake.screening import screening_questions

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

#: urgency levels, most urgent first
URGENCIES: tuple[str, ...] = ("emergency", "same_day", "urgent", "routine")


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


def _advice(raw: Any, key: str) -> Advice:
    m = mapping(raw, file=_FILE, key=key)

    def template(name: str) -> str:
        return check_template(text(m, name, file=_FILE, key=key), file=_FILE, key=f"{key}.{name}")

    return Advice(
        see=template("see"),
        within=template("within"),
        advice=template("advice"),
        safety_net=template("safety_net"),
    )


def _flag_rules(raw: Any, key: str) -> tuple[FlagRule, ...]:
    out = []
    for i, item in enumerate(seq(raw, file=_FILE, key=key)):
        m = mapping(item, file=_FILE, key=f"{key}[{i}]")
        if set(m) != {"key", "reason"}:
            raise DataFileError(
                _FILE, f"{key}[{i}]", f"expected fields key and reason, got {sorted(map(str, m))}"
            )
        out.append(
            FlagRule(
                key=text(m, "key", file=_FILE, key=f"{key}[{i}]"),
                reason=text(m, "reason", file=_FILE, key=f"{key}[{i}]"),
            )
        )
    return tuple(out)


def _urgencies(raw: Any) -> tuple[dict[str, str], dict[str, bool]]:
    m = mapping(raw, file=_FILE, key="urgencies")
    if tuple(m) != URGENCIES:
        raise DataFileError(
            _FILE, "urgencies", f"expected {list(URGENCIES)} in order, got {list(m)}"
        )
    labels, suspends = {}, {}
    for urgency, body in m.items():
        key = f"urgencies.{urgency}"
        b = mapping(body, file=_FILE, key=key)
        flag = b.get("suspends_program")
        if not isinstance(flag, bool):
            raise DataFileError(
                _FILE, f"{key}.suspends_program", f"expected true/false, got {flag!r}"
            )
        labels[urgency] = text(b, "label", file=_FILE, key=key)
        suspends[urgency] = flag
    return labels, suspends


def _causes(raw: Any, suspends: dict[str, bool]) -> tuple[Cause, ...]:
    out = []
    for cause, body in mapping(raw, file=_FILE, key="causes").items():
        key = f"causes.{cause}"
        m = mapping(body, file=_FILE, key=key)
        urgency = m.get("urgency")
        if urgency not in URGENCIES or urgency == "routine":
            raise DataFileError(
                _FILE, f"{key}.urgency", f"{urgency!r} is not one of {list(URGENCIES[:-1])}"
            )
        cite = cites(m, file=_FILE, key=key)
        out.append(
            Cause(
                cause=str(cause),
                urgency=str(urgency),
                title=text(m, "title", file=_FILE, key=key),
                suspends_program=suspends[str(urgency)],
                advice=_advice(m, key),
                cite=cite,
                grade=weakest_grade(cite),
                flags=_flag_rules(m.get("flags"), f"{key}.flags"),
            )
        )
    return tuple(sorted(out, key=lambda c: URGENCIES.index(c.urgency)))


def _rheumatology(raw: Any) -> RheumatologyRule:
    rh = mapping(raw, file=_FILE, key="rheumatology")
    criteria = _flag_rules(rh.get("criteria"), "rheumatology.criteria")
    refer_at = int(
        number(rh, "refer_at", file=_FILE, key="rheumatology", lo=1, hi=len(criteria) + 1)
    )
    recheck = text(rh, "recheck", file=_FILE, key="rheumatology")
    try:
        recheck.format(criteria=3, months=1, min_months=3, date="2026-01-01")
    except (KeyError, IndexError, ValueError) as e:
        raise DataFileError(_FILE, "rheumatology.recheck", f"bad template field {e}") from None
    return RheumatologyRule(
        onset_before_years=number(
            rh, "onset_before_years", file=_FILE, key="rheumatology", lo=0, hi=120
        ),
        min_duration_months=number(
            rh, "min_duration_months", file=_FILE, key="rheumatology", lo=0, hi=600
        ),
        early_onset_years=number(
            rh, "early_onset_years", file=_FILE, key="rheumatology", lo=0, hi=120
        ),
        early_onset_reason=text(rh, "early_onset_reason", file=_FILE, key="rheumatology"),
        refer_at=refer_at,
        test_at=int(number(rh, "test_at", file=_FILE, key="rheumatology", lo=1, hi=refer_at)),
        refer=_advice(rh.get("refer"), "rheumatology.refer"),
        test=_advice(rh.get("test"), "rheumatology.test"),
        recheck=recheck,
        criteria=criteria,
        cite=cites(rh, file=_FILE, key="rheumatology"),
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
    """Turn the parsed ``red_flags.yaml`` into checked rules."""
    root = mapping(doc, file=_FILE, key="<root>")
    caveat = mapping(root.get("caveat"), file=_FILE, key="caveat")
    labels, suspends = _urgencies(root.get("urgencies"))
    causes = _causes(root.get("causes"), suspends)
    age = mapping(root.get("age_onset"), file=_FILE, key="age_onset")
    if age.get("cause") not in {c.cause for c in causes}:
        raise DataFileError(_FILE, "age_onset.cause", f"{age.get('cause')!r} is not a cause")
    sites = seq(root.get("back_pain_sites"), file=_FILE, key="back_pain_sites")
    rules = RedFlagRules(
        caveat=text(caveat, "text", file=_FILE, key="caveat"),
        caveat_cite=cites(caveat, file=_FILE, key="caveat"),
        back_pain_sites=frozenset(str(s) for s in sites),
        labels=labels,
        suspends=suspends,
        causes=causes,
        age_onset=AgeRule(
            cause=str(age["cause"]),
            over_years=number(age, "over_years", file=_FILE, key="age_onset", lo=0, hi=120),
            under_years=number(age, "under_years", file=_FILE, key="age_onset", lo=0, hi=120),
            requires_another_flag=bool(age.get("requires_another_flag", True)),
            reason=text(age, "reason", file=_FILE, key="age_onset"),
            cite=cites(age, file=_FILE, key="age_onset"),
        ),
        rheumatology=_rheumatology(root.get("rheumatology")),
    )
    _check_keys(rules)
    return rules


@cache
def red_flag_rules() -> RedFlagRules:
    """The bundled red-flag rules, loaded and checked once per process."""
    return parse_red_flag_rules(read_yaml(_FILE))
