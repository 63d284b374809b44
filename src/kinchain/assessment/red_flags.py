"""Red flags first: screen the intake and, where needed, refer before any exercise is given.

The rules live in ``red_flags.yaml``: one rule per suspected cause, each with its own urgency,
whom to see and how soon. The screen reads the intake's ``screening`` answers (keys defined by
:mod:`kinchain.intake`) and what the rest of the intake implies: the client's age from
``client.birth_year``, the age at which each back pain started (``pain[].since``), a back pain
recorded as worse at night (``pain[].pattern: night``, taken as the night-pain answer while that
question is unanswered), and how long it has lasted on ``as_of``. Ages are known to the year
only, so they can be one year off; the trail says so.

An unanswered question is never a "no": it is listed in ``Screening.unanswered`` and every output
leads with it. A positive answer is never assumed either. After a referral, the program resumes
only for flags a clinician's clearance (``intake.clearance``) covers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from kinchain.assessment._data import weakest_grade
from kinchain.assessment.countries import CountryWords, country_words, fill
from kinchain.assessment.red_flag_rules import (
    URGENCIES,
    RedFlagRules,
    parse_red_flag_rules,
    red_flag_rules,
)
from kinchain.assessment.screening_notes import (
    age_in_years,
    months_between,
    screening_gaps,
    screening_message,
)
from kinchain.intake.model import Intake, Pain
from kinchain.intake.screening import screening_questions
from kinchain.trail import Step, Trail

__all__ = [
    "URGENCIES",
    "Cleared",
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
    """One positive finding of the screen; ``group`` is its urgency, ``cause`` its cause."""

    key: str
    group: str
    reason: str
    cite: tuple[str, ...]
    ref: str
    question: str = ""  # the screening question the client answered yes to, when there is one
    cause: str = "rheumatology"
    since: dt.date | None = None  # when the finding began, when the intake says (pain onset)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "group": self.group,
            "cause": self.cause,
            "reason": self.reason,
            "cite": list(self.cite),
            "ref": self.ref,
        }
        if self.question:
            out["question"] = self.question
        return out


@dataclass(frozen=True)
class Cleared:
    """One flag a clinician's clearance covers: who, on which day, what they said."""

    key: str
    date: dt.date
    by: str
    said: str
    ref: str

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "date": self.date.isoformat(),
            "by": self.by,
            "said": self.said,
            "ref": self.ref,
        }

    def sentence(self) -> str:
        return f'{self.key.replace("_", " ")}: cleared by {self.by} on {self.date}: "{self.said}"'


@dataclass(frozen=True)
class Referral:
    """Whom to see, how soon and why; ``suspends_program`` for emergency, same-day and urgent."""

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
    cause: str = "rheumatology"
    label: str = ""
    grade: str = "GL"
    cleared: tuple[Cleared, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "urgency": self.urgency,
            "cause": self.cause,
            "label": self.label,
            "grade": self.grade,
            "reasons": list(self.reasons),
            "advice": self.advice,
            "see": self.see,
            "within": self.within,
            "safety_net": self.safety_net,
            "caveat": self.caveat,
            "cite": list(self.cite),
            "flags": [f.to_json() for f in self.flags],
            "cleared": [c.to_json() for c in self.cleared],
        }


@dataclass(frozen=True)
class Screening:
    """The result of the screen: every flag found, the referral (or None) and the trail."""

    flags: tuple[Flag, ...]
    referral: Referral | None
    rheumatology_criteria: int | None  # None when the NICE rule does not apply
    trail: Trail
    unanswered: tuple[str, ...] = ()  # screening keys the intake does not answer, in form order
    asked: int = 0  # how many screening questions there are
    notes: tuple[str, ...] = ()  # for the coach: what to recheck and when
    country: str = "UK"
    uncleared: tuple[str, ...] = field(default=())  # suspending flags no clearance covers

    @property
    def program_suspended(self) -> bool:
        """A suspending referral holds the program until a clearance covers all its flags."""
        return self.referral is not None and self.referral.suspends_program and bool(self.uncleared)

    @property
    def complete(self) -> bool:
        """Whether every screening question was answered (an unanswered one is never a no)."""
        return not self.unanswered

    @property
    def status(self) -> str:
        """``complete``, ``partial`` (some unanswered) or ``not_done`` (none answered)."""
        if not self.unanswered:
            return "complete"
        return "not_done" if len(self.unanswered) >= self.asked else "partial"

    @property
    def message(self) -> str:
        """The line every output leads with while screening is incomplete."""
        return screening_message(self.status, len(self.unanswered), self.asked)

    def status_json(self) -> dict[str, Any]:
        """How far the screening got, for the first lines of every output and the web."""
        by_key = {q.key: q.question for q in screening_questions()}
        return {
            "status": self.status,
            "message": self.message,
            "asked": self.asked,
            "unanswered": list(self.unanswered),
            "questions": [by_key[k] for k in self.unanswered if k in by_key],
            "country": self.country,
            "notes": list(self.notes),
        }


# -- the screen --------------------------------------------------------------------------------


def _back_pains(intake: Intake, sites: frozenset[str]) -> list[tuple[int, Pain]]:
    return [(i, p) for i, p in enumerate(intake.pain) if p.site in sites]


def _answer_flags(intake: Intake, rules: RedFlagRules, trail: list[Step]) -> list[Flag]:
    asked = {q.key: q.question for q in screening_questions()}
    flags: list[Flag] = []
    for cause in rules.causes:
        for rule in cause.flags:
            if intake.screening.get(rule.key) is not True:
                continue
            ref = f"screening.{rule.key}"
            flags.append(
                Flag(
                    rule.key,
                    cause.urgency,
                    rule.reason,
                    cause.cite,
                    ref,
                    asked.get(rule.key, ""),
                    cause.cause,
                )
            )
            trail.append(
                Step(
                    fact=f"screening: {rule.key} answered yes",
                    rule=f"{cause.urgency} red flag: {cause.title}",
                    value=cause.urgency,
                    cite=cause.cite,
                    ref=ref,
                )
            )
    return flags


def _night_pattern_flag(
    intake: Intake, rules: RedFlagRules, back: list[tuple[int, Pain]], trail: list[Step]
) -> list[Flag]:
    """A back pain recorded as worse at night stands for the night-pain answer while the
    question is unanswered (an explicit answer always wins)."""
    key = "night_pain_unrelenting"
    cause = rules.cause_of(key)
    if cause is None or key in intake.screening:
        return []
    for i, pain in back:
        if pain.pattern != "night":
            continue
        ref = f"pain[{i}].pattern"
        rule = next(f for f in cause.flags if f.key == key)
        trail.append(
            Step(
                fact=f"{pain.site} pain recorded as worse at night; night-pain question unanswered",
                rule=f"back pain worse at night counts as the night-pain answer ({cause.urgency})",
                value=cause.urgency,
                cite=cause.cite,
                note="Ask whether the night pain eases with rest or changing position.",
                ref=ref,
            )
        )
        return [
            Flag(
                key,
                cause.urgency,
                f"{rule.reason} (recorded: the pain is worse at night)",
                cause.cite,
                ref,
                "",
                cause.cause,
                pain.since.earliest(),
            )
        ]
    return []


def _age_flag(
    intake: Intake,
    rules: RedFlagRules,
    back: list[tuple[int, Pain]],
    serious: bool,
    trail: list[Step],
) -> list[Flag]:
    age_rule = rules.age_onset
    cause = rules.cause(age_rule.cause)
    birth_year = intake.client.birth_year
    for i, pain in back:
        onset_age = age_in_years(birth_year, pain.since.earliest())
        if not (onset_age > age_rule.over_years or onset_age < age_rule.under_years):
            continue
        counts = serious or not age_rule.requires_another_flag
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
            return [
                Flag(
                    "age_at_onset",
                    cause.urgency,
                    age_rule.reason,
                    age_rule.cite,
                    ref,
                    "",
                    cause.cause,
                    pain.since.earliest(),
                )
            ]
        return []
    return []


def screen(
    intake: Intake,
    /,
    *,
    as_of: dt.date,
    rules: RedFlagRules | None = None,
    country: CountryWords | None = None,
) -> Screening:
    """Screen the intake for red flags and decide the referral, most urgent cause first."""
    rules = rules or red_flag_rules()
    words = country or country_words()
    trail: list[Step] = []
    back = _back_pains(intake, rules.back_pain_sites)
    flags = _answer_flags(intake, rules, trail)
    flags += _night_pattern_flag(intake, rules, back, trail)
    serious = any(rules.suspends[f.group] for f in flags)
    flags += _age_flag(intake, rules, back, serious, trail)
    notes: list[str] = []
    criteria = _rheumatology(
        intake, rules, as_of=as_of, back=back, flags=flags, trail=trail, notes=notes
    )
    cleared, uncleared = _clearances(intake, rules, flags, trail)
    referral = _referral(rules, flags, criteria, words)
    if referral is not None:
        referral = replace(referral, cleared=cleared)
    return Screening(
        flags=tuple(flags),
        referral=referral,
        rheumatology_criteria=criteria,
        trail=tuple(trail),
        unanswered=tuple(q.key for q in screening_questions() if q.key not in intake.screening),
        asked=len(screening_questions()),
        notes=tuple(notes),
        country=words.code,
        uncleared=uncleared,
    )


def _clearances(
    intake: Intake, rules: RedFlagRules, flags: list[Flag], trail: list[Step]
) -> tuple[tuple[Cleared, ...], tuple[str, ...]]:
    """Which suspending flags a clinician's clearance covers; a flag that began after the
    clearance's day (a back pain that started later) is not covered."""
    cleared: list[Cleared] = []
    uncleared: list[str] = []
    for flag in (f for f in flags if rules.suspends[f.group]):
        found = None
        for i, c in enumerate(intake.clearance):
            day = c.date.earliest()
            if flag.key in c.flags and (flag.since is None or flag.since <= day):
                found = Cleared(flag.key, day, c.by, c.said, f"clearance[{i}]")
        if found is None:
            uncleared.append(flag.key)
            continue
        cleared.append(found)
        trail.append(
            Step(
                fact=f"{flag.key} cleared by {found.by} on {found.date}",
                rule="a clinician's recorded clearance covers this flag",
                value="cleared",
                cite=("heuristic",),
                ref=found.ref,
            )
        )
    return tuple(cleared), tuple(dict.fromkeys(uncleared))


def _rheumatology(
    intake: Intake,
    rules: RedFlagRules,
    *,
    as_of: dt.date,
    back: list[tuple[int, Pain]],
    flags: list[Flag],
    trail: list[Step],
    notes: list[str],
) -> int | None:
    """Count the NICE NG65 criteria, adding flags and steps; None when the rule does not apply.
    When enough criteria are met but the pain is too recent, the coach is told when to recheck."""
    rh = rules.rheumatology
    if not back:
        return None
    i, pain = min(back, key=lambda ip: ip[1].since.earliest())
    birth_year = intake.client.birth_year
    onset_age = age_in_years(birth_year, pain.since.earliest())
    start = pain.since.middle_as_of(as_of)
    duration = months_between(start, as_of)
    young = onset_age < rh.onset_before_years
    applies = young and duration > rh.min_duration_months
    trail.append(_applicability(rules, pain, i, birth_year, onset_age, duration, applies))
    if not young:
        return None
    found = _criteria(intake, rules, onset_age, i)
    if not applies:
        if len(found) >= rh.test_at:
            notes.append(_recheck(rules, len(found), duration, start))
        return None
    trail.append(_criteria_step(rules, found))
    if len(found) >= rh.test_at:
        flags.extend(found)
    return len(found)


def _applicability(
    rules: RedFlagRules,
    pain: Pain,
    i: int,
    birth_year: int,
    onset_age: int,
    duration: float,
    applies: bool,
) -> Step:
    """The step saying whether the inflammatory back pain rule applies (age at onset, months)."""
    rh = rules.rheumatology
    return Step(
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


def _criteria_step(rules: RedFlagRules, found: list[Flag]) -> Step:
    """The step counting the criteria met and the action the count calls for."""
    rh = rules.rheumatology
    action = (
        "refer to rheumatology"
        if len(found) >= rh.refer_at
        else "HLA-B27 test first"
        if len(found) >= rh.test_at
        else "no referral"
    )
    return Step(
        fact="criteria met: " + (", ".join(f.key for f in found) or "none"),
        rule=f"{rh.refer_at} or more criteria: refer; exactly {rh.test_at}: test HLA-B27 first",
        value=len(found),
        cite=rh.cite,
        note=action,
    )


def _criteria(intake: Intake, rules: RedFlagRules, onset_age: int, i: int) -> list[Flag]:
    rh = rules.rheumatology
    asked = {q.key: q.question for q in screening_questions()}
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
        if intake.screening.get(rule.key) is True:
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
    return found


def _recheck(rules: RedFlagRules, criteria: int, duration: float, start: dt.date) -> str:
    """The coach's note: the day the pain will have lasted over the rule's months."""
    rh = rules.rheumatology
    days = int(rh.min_duration_months * 30.436875) + 1
    return rh.recheck.format(
        criteria=criteria,
        months="less than a month"
        if duration < 1
        else ("1 month" if round(duration) == 1 else f"{duration:.0f} months"),
        min_months=f"{rh.min_duration_months:g}",
        date=(start + dt.timedelta(days=days)).isoformat(),
    )


def _referral(
    rules: RedFlagRules, flags: list[Flag], criteria: int | None, words: CountryWords
) -> Referral | None:
    if not flags:
        return None
    urgency = min((f.group for f in flags), key=URGENCIES.index)
    mine = tuple(f for f in flags if f.group == urgency)
    if urgency == "routine":
        rh = rules.rheumatology
        advice = rh.refer if criteria is not None and criteria >= rh.refer_at else rh.test
        cause, cite, grade = "rheumatology", rh.cite, weakest_grade(rh.cite)
    else:
        rule = rules.cause(mine[0].cause)
        advice, cause, cite, grade = rule.advice, rule.cause, rule.cite, rule.grade
    see, within = fill(advice.see, words), fill(advice.within, words)
    return Referral(
        urgency=urgency,
        reasons=tuple(f.reason for f in mine),
        see=see,
        within=within,
        advice=f"See {see}, {within}. {fill(advice.advice, words)}",
        safety_net=fill(advice.safety_net, words),
        suspends_program=rules.suspends[urgency],
        caveat=rules.caveat,
        cite=tuple(dict.fromkeys(cite + rules.caveat_cite)),
        flags=tuple(flags),
        cause=cause,
        label=rules.labels[urgency],
        grade=grade,
    )
