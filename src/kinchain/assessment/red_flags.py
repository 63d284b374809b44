"""Red flags first: screen the intake and, where needed, refer before any exercise is given.

The rules live in ``red_flags.yaml``. The screen reads the intake's ``screening`` answers (keys
defined by :mod:`kinchain.intake`) and what the rest of the intake implies: the client's age
from ``client.birth_year``, the age at which each back pain started (``pain[].since``) and how
long it has lasted on ``as_of``. Ages are known to the year only, so they can be one year off;
the trail says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinchain.assessment.red_flag_rules import (
    URGENCIES,
    RedFlagRules,
    parse_red_flag_rules,
    red_flag_rules,
)
from kinchain.intake.model import Intake, Pain
from kinchain.intake.screening import screening_questions
from kinchain.trail import Step, Trail

__all__ = [
    "URGENCIES",
    "Flag",
    "RedFlagRules",
    "Referral",
    "Screening",
    "age_in_years",
    "months_between",
    "parse_red_flag_rules",
    "red_flag_rules",
    "screen",
    "screening_gaps",
]


@dataclass(frozen=True)
class Flag:
    """One positive finding of the screen."""

    key: str
    group: str
    reason: str
    cite: tuple[str, ...]
    ref: str
    question: str = ""  # the screening question the client answered yes to, when there is one

    def to_json(self) -> dict[str, Any]:
        out = {
            "key": self.key,
            "group": self.group,
            "reason": self.reason,
            "cite": list(self.cite),
            "ref": self.ref,
        }
        if self.question:
            out["question"] = self.question
        return out


@dataclass(frozen=True)
class Referral:
    """Whom to see, how soon and why; ``suspends_program`` for emergency and urgent."""

    urgency: str
    reasons: tuple[str, ...]
    see: str
    within: str
    advice: str
    safety_net: str
    suspends_program: bool
    caveat: str
    cite: tuple[str, ...]
    flags: tuple[Flag, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "urgency": self.urgency,
            "reasons": list(self.reasons),
            "advice": self.advice,
            "see": self.see,
            "within": self.within,
            "safety_net": self.safety_net,
            "caveat": self.caveat,
            "cite": list(self.cite),
            "flags": [f.to_json() for f in self.flags],
        }


@dataclass(frozen=True)
class Screening:
    """The result of the screen: every flag found, the referral (or None) and the trail."""

    flags: tuple[Flag, ...]
    referral: Referral | None
    rheumatology_criteria: int | None  # None when the NICE rule does not apply
    trail: Trail
    unanswered: tuple[str, ...] = ()  # screening keys the intake does not answer, in form order

    @property
    def program_suspended(self) -> bool:
        return self.referral is not None and self.referral.suspends_program

    @property
    def complete(self) -> bool:
        """Whether every screening question was answered (an unanswered one is never a no)."""
        return not self.unanswered


# -- dates and ages ----------------------------------------------------------------------------


def age_in_years(birth_year: int, on: dt.date, /) -> int:
    """Age on a date, from the birth year alone (so possibly one year too high).

    >>> age_in_years(1966, dt.date(2026, 11, 25))
    60
    """
    return on.year - birth_year


def months_between(start: dt.date, end: dt.date, /) -> float:
    """Months elapsed from ``start`` to ``end`` (average month of 30.44 days).

    >>> round(months_between(dt.date(2025, 9, 15), dt.date(2026, 11, 25)), 1)
    14.3
    """
    return (end - start).days / 30.436875


# -- the screen --------------------------------------------------------------------------------


def _back_pains(intake: Intake, sites: frozenset[str]) -> list[tuple[int, Pain]]:
    return [(i, p) for i, p in enumerate(intake.pain) if p.site in sites]


def _yes(screening: Mapping[str, bool], key: str) -> bool:
    return bool(screening.get(key, False))


def screening_gaps(intake: Intake, /) -> tuple[str, ...]:
    """What the coach should still ask: screening questions the intake left out (kinchain counts
    them as "no", which only the client can confirm), and night pain reported in a pain's
    pattern while the night-pain question is unanswered.

    >>> from kinchain.intake import parse_intake
    >>> intake = parse_intake({"client": {"name": "A", "birth_year": 1980, "sex": "female",
    ...     "height_cm": 160, "mass_kg": 60}, "daily_minutes": 10,
    ...     "pain": [{"site": "lumbar_spine", "intensity": 4, "since": "2025-01",
    ...               "pattern": "night"}]}, as_of=dt.date(2026, 1, 1))
    >>> [g.split(":")[0] for g in screening_gaps(intake)]
    ['Ask about night pain', 'Ask the screening questions']
    """
    questions = screening_questions()
    by_key = {q.key: q for q in questions}
    gaps: list[str] = []
    night_key = "night_pain_unrelenting"
    if night_key in by_key and night_key not in intake.screening:
        for i, pain in enumerate(intake.pain):
            if pain.pattern == "night":
                gaps.append(
                    f"Ask about night pain: pain[{i}] ({pain.site.replace('_', ' ')}) is worse at "
                    f"night, but the intake does not answer \"{by_key[night_key].question}\" "
                    "Night pain that no position eases is a reason for a medical review."
                )
                break
    missing = [q for q in questions if q.key not in intake.screening]
    if missing:
        first = [q.question for q in missing if q.group == "emergency"]
        gaps.append(
            f"Ask the screening questions: {len(missing)} of {len(questions)} were not answered "
            "in the intake, and kinchain counts an unanswered question as no. Ask them at the "
            "first session, the emergency ones first"
            + (": " + " ".join(first) if first else ".")
        )
    return tuple(gaps)


def screen(intake: Intake, /, *, as_of: dt.date, rules: RedFlagRules | None = None) -> Screening:
    """Screen the intake for red flags and decide the referral, most urgent group first."""
    rules = rules or red_flag_rules()
    answers = intake.screening
    asked = {q.key: q.question for q in screening_questions()}
    birth_year = intake.client.birth_year
    trail: list[Step] = []
    flags: list[Flag] = []

    for group in rules.groups:
        for rule in group.flags:
            if _yes(answers, rule.key):
                ref = f"screening.{rule.key}"
                flags.append(
                    Flag(
                        rule.key,
                        group.urgency,
                        rule.reason,
                        group.cite,
                        ref,
                        asked.get(rule.key, ""),
                    )
                )
                trail.append(
                    Step(
                        fact=f"screening: {rule.key} answered yes",
                        rule=f"{group.urgency} red flag",
                        value=group.urgency,
                        cite=group.cite,
                        ref=ref,
                    )
                )
    serious = [f for f in flags if rules.group(f.group).suspends_program]

    back = _back_pains(intake, rules.back_pain_sites)
    age_rule = rules.age_onset
    for i, pain in back:
        onset_age = age_in_years(birth_year, pain.since.earliest())
        if not (onset_age > age_rule.over_years or onset_age < age_rule.under_years):
            continue
        counts = bool(serious) or not age_rule.requires_another_flag
        ref = f"pain[{i}].since"
        trail.append(
            Step(
                fact=f"{pain.site} pain since {pain.since}; born {birth_year}",
                rule=(
                    f"back pain starting after {age_rule.over_years:g} or before "
                    f"{age_rule.under_years:g}, "
                    + ("with another flag" if counts else "but no other flag: not a flag alone")
                ),
                value=onset_age,
                cite=age_rule.cite,
                note="Age is known to the year only.",
                ref=ref,
            )
        )
        if counts:
            flags.append(Flag("age_at_onset", age_rule.group, age_rule.reason, age_rule.cite, ref))
        break

    criteria = _rheumatology(intake, rules, as_of=as_of, back=back, flags=flags, trail=trail)
    return Screening(
        flags=tuple(flags),
        referral=_referral(rules, flags, criteria),
        rheumatology_criteria=criteria,
        trail=tuple(trail),
        unanswered=tuple(q.key for q in screening_questions() if q.key not in answers),
    )


def _rheumatology(
    intake: Intake,
    rules: RedFlagRules,
    *,
    as_of: dt.date,
    back: list[tuple[int, Pain]],
    flags: list[Flag],
    trail: list[Step],
) -> int | None:
    """Count the NICE NG65 criteria, adding flags and steps; None when the rule does not apply."""
    rh = rules.rheumatology
    if not back:
        return None
    asked = {q.key: q.question for q in screening_questions()}
    i, pain = min(back, key=lambda ip: ip[1].since.earliest())
    birth_year = intake.client.birth_year
    onset_age = age_in_years(birth_year, pain.since.earliest())
    duration = months_between(pain.since.middle_as_of(as_of), as_of)
    applies = onset_age < rh.onset_before_years and duration > rh.min_duration_months
    trail.append(
        Step(
            fact=(
                f"{pain.site} pain since {pain.since} (born {birth_year}): started at about "
                f"{onset_age}, lasting {duration:.0f} months"
            ),
            rule=(
                f"inflammatory back pain rule applies to back pain starting before "
                f"{rh.onset_before_years:g} and lasting over {rh.min_duration_months:g} months"
            ),
            value="applies" if applies else "does not apply",
            cite=rh.cite,
            note="Age is known to the year only.",
            ref=f"pain[{i}].since",
        )
    )
    if not applies:
        return None
    found: list[Flag] = []
    if onset_age < rh.early_onset_years:
        found.append(
            Flag(
                f"onset_before_{rh.early_onset_years:g}",
                "routine",
                rh.early_onset_reason,
                rh.cite,
                f"pain[{i}].since",
            )
        )
    for rule in rh.criteria:
        if _yes(intake.screening, rule.key):
            found.append(
                Flag(
                    rule.key,
                    "routine",
                    rule.reason,
                    rh.cite,
                    f"screening.{rule.key}",
                    asked.get(rule.key, ""),
                )
            )
    action = (
        "refer to rheumatology"
        if len(found) >= rh.refer_at
        else "HLA-B27 test first"
        if len(found) >= rh.test_at
        else "no referral"
    )
    trail.append(
        Step(
            fact="criteria met: " + (", ".join(f.key for f in found) or "none"),
            rule=f"{rh.refer_at} or more criteria: refer; exactly {rh.test_at}: test HLA-B27 first",
            value=len(found),
            cite=rh.cite,
            note=action,
        )
    )
    if len(found) >= rh.test_at:
        flags.extend(found)
    return len(found)


def _referral(rules: RedFlagRules, flags: list[Flag], criteria: int | None) -> Referral | None:
    if not flags:
        return None
    urgency = min((f.group for f in flags), key=URGENCIES.index)
    mine = tuple(f for f in flags if f.group == urgency)
    if urgency == "routine":
        rh = rules.rheumatology
        advice = rh.refer if criteria is not None and criteria >= rh.refer_at else rh.test
        suspends = False
        cite = rh.cite
    else:
        group = rules.group(urgency)
        advice, suspends, cite = group.advice, group.suspends_program, group.cite
    return Referral(
        urgency=urgency,
        reasons=tuple(f.reason for f in mine),
        see=advice.see,
        within=advice.within,
        advice=f"See {advice.see}, {advice.within}. {advice.advice}",
        safety_net=advice.safety_net,
        suspends_program=suspends,
        caveat=rules.caveat,
        cite=tuple(dict.fromkeys(cite + rules.caveat_cite)),
        flags=tuple(flags),
    )
