"""The contraindication rules of kinchain.program.safety, held where the threshold tests left gaps.

Written against the mutation survivors of bench/mutation (RESULTS-safety.md). The numbers are the
documented rules in rules.yaml ``contraindications`` (recent_surgery: 6 months; symptom_free:
pain 2/10 or less; pregnant_from_week look-ahead: 4 weeks) and the weeks written on exercises.yaml,
restated here, not read back from the code under test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from kinchain.intake import InjuryRef
from kinchain.program.library import Exercise, default_library
from kinchain.program.model import Context, Pain, Surgery
from kinchain.program.rules import default_rules
from kinchain.program.safety import Refusal, refusal, sides_match

AS_OF = dt.date(2026, 12, 2)
LIB = default_library()
RULES = default_rules()
LEFT_KNEE = (("knee", "left"),)
ALL_QUESTIONS = frozenset({"leaking", "heaviness", "pelvic_pain"})  # unanswered, as on an intake


def _exercise(level: int, **ci: Any) -> Exercise:
    return replace(LIB["toe_spreading"], level=level, contraindications=ci)


def _key(ex: Exercise, context: Context, targets: Any = LEFT_KNEE, **kw: Any) -> str | None:
    r = refusal(ex, context, RULES, targets=targets, **kw)
    return None if r is None else r.key


def _operated(*ops: tuple[str, str | None, int]) -> Context:
    surgeries = tuple(
        Surgery(site, side, AS_OF - dt.timedelta(days=days), InjuryRef(i))
        for i, (site, side, days) in enumerate(ops)
    )
    return Context(AS_OF, "none", None, surgeries=surgeries)


# --- sides


@pytest.mark.parametrize(("a", "b", "overlap"), [
    ("left", "left", True), ("right", "right", True), ("left", "right", False),
    ("right", "left", False), ("left", "both", True), ("both", "right", True),
    (None, None, True), (None, "left", False), ("left", None, False), (None, "both", False),
    ("both", None, False),
])  # fmt: skip
def test_a_side_overlaps_itself_and_both_but_not_the_other_side_or_the_midline(
    a: str | None, b: str | None, overlap: bool
) -> None:
    assert sides_match(a, b) is overlap


# --- recent surgery: 6 months = 182.64 days (a month of 30.44 days)


@pytest.mark.parametrize(("days", "expected"), [(1, "recent_surgery"), (182, "recent_surgery"),
                                                (183, None), (400, None)])  # fmt: skip
def test_a_level_two_item_at_an_operated_knee_waits_up_to_day_182_and_is_given_from_day_183(
    days: int, expected: str | None
) -> None:
    assert _key(_exercise(2), _operated(("knee", "left", days))) == expected


def test_the_months_since_an_operation_are_said_in_the_refusal() -> None:
    r = refusal(_exercise(2), _operated(("knee", None, 92)), RULES, targets=LEFT_KNEE)
    assert r is not None and r.detail == "injuries[0] was 3 months ago (window 6 months)"


@pytest.mark.parametrize("level", [2, 3])
def test_an_item_above_level_one_waits_after_an_operation_on_either_unsided_or_same_side_knee(
    level: int,
) -> None:
    assert _key(_exercise(level), _operated(("knee", None, 30))) == "recent_surgery"
    assert _key(_exercise(level), _operated(("knee", "left", 30))) == "recent_surgery"
    assert _key(_exercise(level), _operated(("knee", "both", 30))) == "recent_surgery"


def test_a_gentle_level_one_item_is_given_at_an_operated_knee_unless_it_names_surgery() -> None:
    assert _key(_exercise(1), _operated(("knee", "left", 30))) is None
    flagged = _exercise(1, recent_surgery=True)
    assert _key(flagged, _operated(("knee", "left", 30))) == "recent_surgery"


@pytest.mark.parametrize("site", ["ankle", "lumbar_spine"])  # before and after "knee" by name
@pytest.mark.parametrize("side", [None, "left"])
def test_an_operation_on_another_site_holds_back_nothing_at_the_knee(
    site: str, side: str | None
) -> None:
    assert _key(_exercise(3, recent_surgery=True), _operated((site, side, 30))) is None


def test_an_operation_on_the_other_knee_holds_back_nothing_at_this_knee() -> None:
    assert _key(_exercise(3, recent_surgery=True), _operated(("knee", "right", 30))) is None


def test_a_recent_operation_counts_even_when_an_older_one_is_listed_first() -> None:
    context = _operated(("knee", "left", 800), ("knee", "left", 30))
    assert _key(_exercise(2), context) == "recent_surgery"


# --- symptom free: pain 2/10 or less everywhere


@pytest.mark.parametrize(("pain", "expected"), [(1, None), (2, None), (3, "symptom_free")])
def test_an_item_needing_no_more_than_mild_pain_is_given_at_two_and_waits_from_three(
    pain: int, expected: str | None
) -> None:
    context = Context(AS_OF, "none", None, pains=(Pain("lumbar_spine", None, pain, "pain[0]"),))
    assert _key(_exercise(1, symptom_free=True), context) == expected


# --- pregnancy: what the refusal says


@pytest.mark.parametrize(("week", "said"), [
    (16, "not given from week 20 of pregnancy (now week 16, too close to start)"),
    (20, "not given from week 20 of pregnancy (now week 20)"),
    (21, "not given from week 20 of pregnancy (now week 21)"),
])  # fmt: skip
def test_a_bridge_refused_in_pregnancy_says_the_week_and_whether_it_is_only_too_close(
    week: int, said: str
) -> None:
    ex = LIB["glute_bridge"]
    r = refusal(ex, Context(AS_OF, "pregnant", week), RULES, targets=LEFT_KNEE)
    assert r is not None and r.detail == said


def test_an_item_never_given_in_pregnancy_says_so_without_a_week() -> None:
    ex = LIB["pogo_hops"]
    r = refusal(ex, Context(AS_OF, "pregnant", 3), RULES, targets=LEFT_KNEE)
    assert r is not None and r.detail == "not given in pregnancy (now week 3)"


def test_an_item_ruled_out_from_week_one_says_week_one() -> None:
    ex = _exercise(1, pregnant_from_week=1)
    r = refusal(ex, Context(AS_OF, "pregnant", 2), RULES, targets=LEFT_KNEE)
    assert r is not None and r.detail == "not given from week 1 of pregnancy (now week 2)"


def test_a_wait_after_birth_does_not_hold_back_an_item_in_early_pregnancy() -> None:
    ex = LIB["bird_dog_hover"]  # postpartum_before_week 12, pregnant_from_week 28
    assert _key(ex, Context(AS_OF, "pregnant", 8, pelvic_floor_unknown=ALL_QUESTIONS)) is None


# --- the pelvic floor questions hold back impact work only after a birth


@pytest.mark.parametrize(("stage", "weeks"), [("none", None), ("pregnant", 10)])
def test_unanswered_pelvic_floor_questions_hold_back_impact_work_only_after_a_birth(
    stage: str, weeks: int | None
) -> None:
    hops = replace(LIB["pogo_hops"], contraindications={})
    assert "high_impact" in hops.tags
    assert _key(hops, Context(AS_OF, stage, weeks, pelvic_floor_unknown=ALL_QUESTIONS)) is None
    after_birth = Context(AS_OF, "postpartum", 20, pelvic_floor_unknown=ALL_QUESTIONS)
    assert _key(hops, after_birth) == "pelvic_floor"


def test_a_refusal_cannot_be_altered_once_given() -> None:
    r = Refusal("severe_pain", "pain of 8/10 is severe", ("heuristic",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.key = "none"
