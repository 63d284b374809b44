"""Load ``red_flags.yaml``: the red-flag groups, the age rule and the NICE NG65 rule, checked.

Every screening key a rule reads must be a question of :mod:`kinchain.intake` (its
``screening.yaml``); a key used twice, an unknown urgency or a reason split by an unquoted comma
is refused with the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import cites, mapping, number, read_yaml, seq, text
from kinchain.errors import DataFileError
from kinchain.intake.screening import screening_questions

__all__ = [
    "URGENCIES",
    "Advice",
    "AgeRule",
    "FlagRule",
    "Group",
    "RedFlagRules",
    "RheumatologyRule",
    "parse_red_flag_rules",
    "red_flag_rules",
]

_FILE = "red_flags.yaml"

#: urgency levels, most urgent first
URGENCIES: tuple[str, ...] = ("emergency", "urgent", "routine")


@dataclass(frozen=True)
class FlagRule:
    key: str
    reason: str


@dataclass(frozen=True)
class Advice:
    """Whom to see, how soon, what to do, and what to do if things change."""

    see: str
    within: str
    advice: str
    safety_net: str


@dataclass(frozen=True)
class Group:
    urgency: str
    suspends_program: bool
    advice: Advice
    cite: tuple[str, ...]
    flags: tuple[FlagRule, ...]


@dataclass(frozen=True)
class AgeRule:
    group: str
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
    criteria: tuple[FlagRule, ...]
    cite: tuple[str, ...]


@dataclass(frozen=True)
class RedFlagRules:
    """The whole red-flag rule set, checked on load."""

    caveat: str
    caveat_cite: tuple[str, ...]
    back_pain_sites: frozenset[str]
    groups: tuple[Group, ...]
    age_onset: AgeRule
    rheumatology: RheumatologyRule

    def group(self, urgency: str) -> Group:
        """The group of one urgency."""
        for g in self.groups:
            if g.urgency == urgency:
                return g
        raise KeyError(urgency)

    def screening_keys(self) -> frozenset[str]:
        """Every screening key the rules read."""
        keys = {f.key for g in self.groups for f in g.flags}
        keys |= {f.key for f in self.rheumatology.criteria}
        return frozenset(keys)


def _advice(raw: Any, key: str) -> Advice:
    m = mapping(raw, file=_FILE, key=key)
    return Advice(
        see=text(m, "see", file=_FILE, key=key),
        within=text(m, "within", file=_FILE, key=key),
        advice=text(m, "advice", file=_FILE, key=key),
        safety_net=text(m, "safety_net", file=_FILE, key=key),
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


def parse_red_flag_rules(doc: Any) -> RedFlagRules:
    """Turn the parsed ``red_flags.yaml`` into checked rules."""
    root = mapping(doc, file=_FILE, key="<root>")
    caveat = mapping(root.get("caveat"), file=_FILE, key="caveat")
    groups_raw = mapping(root.get("groups"), file=_FILE, key="groups")
    groups = []
    for urgency, raw in groups_raw.items():
        key = f"groups.{urgency}"
        if urgency not in URGENCIES:
            raise DataFileError(_FILE, key, f"{urgency!r} is not one of {list(URGENCIES)}")
        m = mapping(raw, file=_FILE, key=key)
        suspends = m.get("suspends_program")
        if not isinstance(suspends, bool):
            raise DataFileError(
                _FILE, f"{key}.suspends_program", f"expected true/false, got {suspends!r}"
            )
        groups.append(
            Group(
                urgency=urgency,
                suspends_program=suspends,
                advice=_advice(m, key),
                cite=cites(m, file=_FILE, key=key),
                flags=_flag_rules(m.get("flags"), f"{key}.flags"),
            )
        )
    age = mapping(root.get("age_onset"), file=_FILE, key="age_onset")
    if age.get("group") not in groups_raw:
        raise DataFileError(_FILE, "age_onset.group", f"{age.get('group')!r} is not a group")
    rh = mapping(root.get("rheumatology"), file=_FILE, key="rheumatology")
    criteria = _flag_rules(rh.get("criteria"), "rheumatology.criteria")
    refer_at = int(
        number(rh, "refer_at", file=_FILE, key="rheumatology", lo=1, hi=len(criteria) + 1)
    )
    test_at = int(number(rh, "test_at", file=_FILE, key="rheumatology", lo=1, hi=refer_at))
    sites = seq(root.get("back_pain_sites"), file=_FILE, key="back_pain_sites")
    rules = RedFlagRules(
        caveat=text(caveat, "text", file=_FILE, key="caveat"),
        caveat_cite=cites(caveat, file=_FILE, key="caveat"),
        back_pain_sites=frozenset(str(s) for s in sites),
        groups=tuple(sorted(groups, key=lambda g: URGENCIES.index(g.urgency))),
        age_onset=AgeRule(
            group=str(age["group"]),
            over_years=number(age, "over_years", file=_FILE, key="age_onset", lo=0, hi=120),
            under_years=number(age, "under_years", file=_FILE, key="age_onset", lo=0, hi=120),
            requires_another_flag=bool(age.get("requires_another_flag", True)),
            reason=text(age, "reason", file=_FILE, key="age_onset"),
            cite=cites(age, file=_FILE, key="age_onset"),
        ),
        rheumatology=RheumatologyRule(
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
            test_at=test_at,
            refer=_advice(rh.get("refer"), "rheumatology.refer"),
            test=_advice(rh.get("test"), "rheumatology.test"),
            criteria=criteria,
            cite=cites(rh, file=_FILE, key="rheumatology"),
        ),
    )
    known = {q.key: q.group for q in screening_questions()}
    seen: dict[str, str] = {}
    places = [
        (f"groups.{g.urgency}.flags[{i}].key", f.key)
        for g in rules.groups
        for i, f in enumerate(g.flags)
    ]
    places += [(f"rheumatology.criteria[{i}].key", f.key) for i, f in enumerate(criteria)]
    for where, key in places:
        if key in seen:
            raise DataFileError(
                _FILE, where, f"screening key {key!r} is already used in {seen[key]}"
            )
        if key not in known:
            raise DataFileError(_FILE, where, f"{key!r} is not a screening key of kinchain.intake")
        seen[key] = where
    return rules


@cache
def red_flag_rules() -> RedFlagRules:
    """The bundled red-flag rules, loaded and checked once per process."""
    return parse_red_flag_rules(read_yaml(_FILE))
