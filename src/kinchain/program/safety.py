"""Contraindications: whether an exercise may be given to this client on this date, and why not.

The rules and their sources are in ``rules.yaml`` (``contraindications``); the weeks and flags
are written on each exercise in ``exercises.yaml``. Every refusal names the rule and its
citations, so the program can say what it left out and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kinchain.program.library import Exercise
from kinchain.program.loading import Loading, default_loading
from kinchain.program.model import Context
from kinchain.program.rules import ProgramRules

__all__ = ["Refusal", "pelvic_floor_words", "refusal", "sides_match"]


@dataclass(frozen=True)
class Refusal:
    """Why an exercise is not given: the contraindication key, plain words, sources."""

    key: str
    detail: str
    cite: tuple[str, ...]


def sides_match(a: str | None, b: str | None) -> bool:
    """Whether two sides overlap (``both`` overlaps left and right; None is the midline).

    >>> sides_match("left", "both"), sides_match("left", "right"), sides_match(None, None)
    (True, False, True)
    """
    if a is None or b is None:
        return a is None and b is None
    return a == b or "both" in (a, b)


def _months_between(earlier: dt.date, later: dt.date) -> float:
    return (later - earlier).days / 30.44


def _recent_injury(
    exercise: Exercise,
    context: Context,
    rules: ProgramRules,
    targets: tuple[tuple[str, str | None], ...],
    loading: Loading,
) -> Refusal | None:
    rule = rules.contraindications["recent_injury"]
    for injury in context.recent_on(context.as_of):
        how = loading.loads(exercise, targets, site=injury.site, side=injury.side)
        if how is not None:
            return Refusal(
                "recent_injury",
                f"{how}, and your {injury.place} is a recent injury (until "
                f"{injury.last_day.isoformat()}): follow the plan of the clinician treating "
                f"your {injury.place}",
                tuple(dict.fromkeys(rule.cite + injury.cite)),
            )
    return None


_PELVIC_WORDS = {"leaking": "leaking", "heaviness": "heaviness or dragging",
                 "pelvic_pain": "pelvic pain"}  # fmt: skip


def pelvic_floor_words(keys: Iterable[str], /) -> list[str]:
    """Plain words for pelvic-floor questions, in the order they are asked.

    >>> pelvic_floor_words({"pelvic_pain", "leaking"})
    ['leaking', 'pelvic pain']
    """
    chosen = set(keys)
    return [words for key, words in _PELVIC_WORDS.items() if key in chosen]


def _pelvic_floor(exercise: Exercise, context: Context, rules: ProgramRules) -> Refusal | None:
    rule = rules.contraindications["pelvic_floor"]
    if context.life_stage != "postpartum" or not exercise.tags & rule.tags:
        return None
    if context.pelvic_floor_yes:
        said = " and ".join(pelvic_floor_words(context.pelvic_floor_yes))
        return Refusal(
            "pelvic_floor",
            f"not while you have {said} after the birth: a pelvic-health physiotherapist "
            "should check your pelvic floor before running or jumping",
            rule.cite,
        )
    if context.pelvic_floor_unknown:
        ask = ", ".join(pelvic_floor_words(context.pelvic_floor_unknown))
        return Refusal(
            "pelvic_floor",
            f"waits until you have been asked about {ask} since the birth "
            "(ask about these first)",
            rule.cite,
        )
    return None


def _life_stage(
    exercise: Exercise, context: Context, rules: ProgramRules, starting: bool
) -> Refusal | None:
    ci = exercise.contraindications
    rule = rules.contraindications
    weeks = context.weeks
    if context.life_stage == "pregnant" and weeks is not None and "pregnant_from_week" in ci:
        limit = int(ci["pregnant_from_week"])
        r = rule["pregnant_from_week"]
        ahead = int(r.params["lookahead_weeks"]) if starting else 0
        if weeks + ahead >= limit:
            when = "in pregnancy" if limit == 0 else f"from week {limit} of pregnancy"
            soon = "" if weeks >= limit else ", too close to start"
            return Refusal(
                "pregnant_from_week", f"not given {when} (now week {weeks}{soon})", r.cite
            )
    if context.life_stage == "postpartum" and weeks is not None and "postpartum_before_week" in ci:
        limit = int(ci["postpartum_before_week"])
        if weeks < limit:
            r = rule["postpartum_before_week"]
            return Refusal(
                "postpartum_before_week",
                f"not before {limit} weeks after birth (now {weeks} weeks)",
                r.cite,
            )
    return _pelvic_floor(exercise, context, rules)


def _pain(exercise: Exercise, context: Context, rules: ProgramRules) -> Refusal | None:
    ci = exercise.contraindications
    severe = rules.contraindications["severe_pain"]
    threshold = severe.params["pain_at_least"]
    worst = context.max_pain()
    if worst >= threshold and ("severe_pain" in ci or exercise.level > 1):
        return Refusal(
            "severe_pain",
            f"pain of {worst}/10 is severe (from {threshold:g}): gentle level-1 items only",
            severe.cite,
        )
    mild = rules.contraindications["symptom_free"]
    if "symptom_free" in ci and worst > mild.params["max_pain"]:
        return Refusal(
            "symptom_free",
            f"waits until pain is {mild.params['max_pain']:g}/10 or less everywhere (now {worst})",
            mild.cite,
        )
    return None


def _surgery(
    exercise: Exercise,
    context: Context,
    rules: ProgramRules,
    targets: tuple[tuple[str, str | None], ...],
) -> Refusal | None:
    surgery = rules.contraindications["recent_surgery"]
    window = surgery.params["months"]
    for op in context.surgeries:
        months = _months_between(op.date, context.as_of)
        if months >= window:
            continue
        at_site = any(
            site == op.site and (op.side is None or sides_match(side, op.side))
            for site, side in targets
        )
        if at_site and ("recent_surgery" in exercise.contraindications or exercise.level > 1):
            return Refusal(
                "recent_surgery",
                f"{op.ref} was {months:.0f} months ago (window {window:g} months)",
                surgery.cite,
            )
    return None


def refusal(
    exercise: Exercise,
    context: Context,
    rules: ProgramRules,
    /,
    *,
    targets: Iterable[tuple[str, str | None]],
    starting: bool = True,
    loading: Loading | None = None,
) -> Refusal | None:
    """The first contraindication forbidding ``exercise`` at the resolved ``targets``, or None.

    ``starting`` is true when the exercise would be started now (pregnancy then looks ahead);
    false when an item already in the routine is checked again. ``loading`` (which exercises
    load which part of the body) defaults to the bundled ``loading.yaml``.
    """
    resolved = tuple(targets)
    found = (
        _recent_injury(exercise, context, rules, resolved, loading or default_loading())
        or _life_stage(exercise, context, rules, starting)
        or _pain(exercise, context, rules)
        or _surgery(exercise, context, rules, resolved)
    )
    if found is not None:
        return found
    names = set(exercise.contraindications.get("screening", ())) & context.screening_yes
    if names:
        r = rules.contraindications["screening"]
        return Refusal("screening", f"screening answer(s) {sorted(names)} are yes", r.cite)
    return None
