"""The program generator on small fake assessments: budget, ranking, roles, contraindications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contraindication_oracle import forbidden, situation_of
from kinchain.intake import InjuryRef, Intake, IntakeRef, parse_intake
from kinchain.program import Program, build_program, context_from_intake, default_library
from kinchain.program.rules import default_rules
from kinchain.program.safety import refusal

AS_OF = dt.date(2026, 11, 25)
STABILITY_WORK = {"stability", "strength", "proprioception"}


@dataclass(frozen=True)
class Place:
    site: str | None
    side: str | None


@dataclass(frozen=True)
class Contributor:
    pain: Place
    kind: str
    source: Place
    ref: IntakeRef
    score: float


@dataclass(frozen=True)
class Joint:
    site: str
    side: str | None
    stability_deficit: float


@dataclass(frozen=True)
class Link:
    injury: Place
    injury_ref: InjuryRef
    link: Place


@dataclass(frozen=True)
class FakeScreening:
    complete: bool = True


@dataclass(frozen=True)
class FakeAssessment:
    contributors: tuple[Contributor, ...] = ()
    joints: tuple[Joint, ...] = ()
    weakest_links: tuple[Link, ...] = ()
    instruments: dict[str, Any] = field(default_factory=dict)
    program_suspended: bool = False
    screening: FakeScreening = field(default_factory=FakeScreening)


def _intake(**changes: Any) -> Intake:
    data: dict[str, Any] = {
        "client": {
            "name": "Test Client",
            "birth_year": 1990,
            "sex": "female",
            "height_cm": 165,
            "mass_kg": 60,
        },
        "daily_minutes": 12,
        "injuries": [
            {"site": "ankle", "side": "left", "kind": "sprain", "grade": 2, "date": "2010-05",
             "recurrences": 3, "care": "none"},
            {"site": "toes", "side": "left", "kind": "fracture", "date": "2012-08", "care": "self"},
        ],
        "pain": [
            {"site": "sacroiliac", "side": "left", "intensity": 5, "since": "2025-09"},
            {"site": "lumbar_spine", "intensity": 3, "since": "2025-10"},
        ],
        "habits": {"carrying": {"what": "toddler on left hip", "hours_per_day": 2},
                   "breathing": "chest"},
    }  # fmt: skip
    data.update(changes)
    return parse_intake(data, as_of=AS_OF)


SI = Place("sacroiliac", "left")
LOW_BACK = Place("lumbar_spine", None)
ASSESSMENT = FakeAssessment(
    contributors=(
        Contributor(SI, "injury", Place("ankle", "left"), InjuryRef(0), 0.7),
        Contributor(SI, "life_stage", Place(None, None), "client.life_stage", 0.6),
        Contributor(SI, "habit", Place(None, None), "habits.carrying", 0.4),
        Contributor(LOW_BACK, "habit", Place(None, None), "habits.breathing", 0.2),
        Contributor(SI, "injury", Place("toes", "left"), InjuryRef(1), 0.1),
    ),
    joints=(Joint("ankle", "left", 0.6), Joint("toes", "left", 0.08)),
    weakest_links=(Link(Place("ankle", "left"), InjuryRef(0), Place("hip", "left")),),
)


def _program(intake: Intake, assessment: FakeAssessment = ASSESSMENT) -> Program:
    program = build_program(intake, assessment, as_of=AS_OF)
    assert program is not None
    return program


@settings(max_examples=60, deadline=None)
@given(budget=st.integers(min_value=1, max_value=60))
def test_the_routine_never_takes_more_than_the_daily_minutes(budget: int) -> None:
    program = _program(_intake(daily_minutes=budget))
    assert program.minutes <= budget
    assert all(item.minutes > 0 for item in program.routine)


def test_a_five_minute_budget_keeps_the_top_contributors_and_says_what_was_left_out() -> None:
    program = _program(_intake(daily_minutes=5))
    because = {ref for item in program.routine for ref in item.because}
    assert InjuryRef(0) in because  # the top contributor, the left ankle
    assert program.minutes <= 5
    budget_left = [o for o in program.left_out if o.reason == "budget"]
    assert budget_left
    top_kept = min(item.priority for item in program.routine)
    assert all(o.priority <= top_kept for o in budget_left)
    assert all("minutes" in o.detail for o in budget_left)


def test_a_larger_budget_works_more_needs_than_a_smaller_one() -> None:
    small = _program(_intake(daily_minutes=5))
    large = _program(_intake(daily_minutes=30))
    assert len(large.routine) > len(small.routine)
    assert len(large.left_out) <= len(small.left_out)


def test_the_old_ankle_sprain_gets_balance_work_on_its_own_side() -> None:
    program = _program(_intake(daily_minutes=12))
    ankle = [i for i in program.routine if ("ankle", "left") in i.targets]
    assert ankle and ankle[0].exercise.quality == "proprioception"
    assert "sprained in 2010" in ankle[0].explanation
    assert "rolled again 3 more times" in ankle[0].explanation


def test_each_stability_joint_with_an_old_injury_gets_stability_work() -> None:
    injuries = [
        {"site": "foot", "side": "right", "kind": "sprain", "grade": 2, "date": "2015"},
        {"site": "knee", "side": "right", "kind": "sprain", "grade": 2, "date": "2016"},
        {"site": "sacroiliac", "side": "right", "kind": "sprain", "date": "2017"},
        {"site": "lumbar_spine", "kind": "strain", "date": "2018"},
    ]
    intake = _intake(injuries=injuries, pain=[], habits={}, daily_minutes=40)
    places = [("foot", "right"), ("knee", "right"), ("sacroiliac", "right"), ("lumbar_spine", None)]
    assessment = FakeAssessment(
        joints=tuple(Joint(site, side, 0.3) for site, side in places),
    )
    program = _program(intake, assessment)
    for site, side in places:
        work = {
            i.exercise.quality
            for i in program.routine
            if any(s == site and (sd == side or sd == "both") for s, sd in i.targets)
        }
        assert work & STABILITY_WORK, (site, work)


def test_a_painful_mobility_joint_gets_mobility_work() -> None:
    intake = _intake(
        injuries=[], habits={}, pain=[{"site": "hip", "side": "right", "intensity": 4,
                                       "since": "2025-01"}]
    )  # fmt: skip
    program = _program(intake, FakeAssessment())
    hip = [i for i in program.routine if ("hip", "right") in i.targets]
    assert hip and hip[0].exercise.quality == "mobility"
    assert "pain[0]" in hip[0].because


def test_pregnancy_at_30_weeks_removes_items_lying_on_the_back_and_impact_work() -> None:
    client = {"name": "P", "birth_year": 1992, "sex": "female", "height_cm": 160, "mass_kg": 70,
              "life_stage": {"status": "pregnant", "weeks": 30}}  # fmt: skip
    pregnant = _program(_intake(client=client, daily_minutes=40))
    for item in pregnant.routine:
        limit = item.exercise.contraindications.get("pregnant_from_week")
        assert limit is None or limit > 30, item.exercise.id
        assert not {"supine", "prone", "high_impact"} & item.exercise.tags
    not_pregnant = _program(_intake(daily_minutes=40))
    would_be_refused = [
        i for i in not_pregnant.routine
        if i.exercise.contraindications.get("pregnant_from_week", 99) <= 30
    ]  # fmt: skip
    assert would_be_refused  # the same client, not pregnant, gets some of them
    assert any(o.reason == "contraindication" for o in pregnant.left_out)


def test_impact_work_waits_until_12_weeks_after_birth_and_until_pain_is_mild() -> None:
    hops = default_library()["pogo_hops"]
    rules = default_rules()
    targets = [("ankle", "both")]
    no_symptoms = {"leaking": False, "heaviness": False, "pelvic_pain": False}
    stage = {"status": "postpartum", "weeks": 8, "pelvic_floor": no_symptoms}
    client = {"name": "P", "birth_year": 1992, "sex": "female", "height_cm": 160, "mass_kg": 60,
              "life_stage": stage}  # fmt: skip
    early = context_from_intake(_intake(client=client, pain=[]), as_of=AS_OF)
    refused = refusal(hops, early, rules, targets=targets)
    assert refused is not None and refused.key == "postpartum_before_week"
    later = early.on(AS_OF + dt.timedelta(weeks=6))
    assert refusal(hops, later, rules, targets=targets) is None
    sore = context_from_intake(_intake(client=client), as_of=AS_OF).on(later.as_of)
    refused = refusal(hops, sore, rules, targets=targets)
    assert refused is not None and refused.key == "symptom_free"


def test_severe_pain_keeps_the_whole_routine_gentle() -> None:
    pain = [{"site": "lumbar_spine", "intensity": 8, "since": "2025-10"}]
    program = _program(_intake(pain=pain, daily_minutes=30))
    assert program.routine
    for item in program.routine:
        assert item.exercise.level == 1
        assert "severe_pain" not in item.exercise.contraindications
    assert program.notes


def test_an_operation_less_than_six_months_ago_leaves_only_gentle_work_at_that_joint() -> None:
    # cleared by the surgeon, so no longer a recent injury, but still within six months
    cleared = {"date": "2026-11-01", "by": "the operating surgeon", "said": "start home exercise"}
    injuries = [{"site": "knee", "side": "right", "kind": "surgery", "tissue": "ligament",
                 "structure": "acl", "date": "2026-08", "care": "physio",
                 "cleared": cleared}]  # fmt: skip
    intake = _intake(injuries=injuries, pain=[], habits={}, daily_minutes=30)
    program = _program(intake, FakeAssessment(joints=(Joint("knee", "right", 0.5),)))
    knee = [i for i in program.routine if any(s == "knee" for s, _ in i.targets)]
    assert knee
    assert all(i.exercise.level == 1 for i in knee)
    assert all("recent_surgery" not in i.exercise.contraindications for i in knee)


def test_a_suspended_assessment_gives_no_program() -> None:
    assert build_program(_intake(), FakeAssessment(program_suspended=True), as_of=AS_OF) is None


def test_without_injuries_no_item_is_there_because_of_an_injury() -> None:
    program = _program(_intake(injuries=[]), FakeAssessment())
    assert all(not ref.startswith("injuries") for i in program.routine for ref in i.because)


def test_carrying_on_one_hip_brings_the_advice_to_switch_hips() -> None:
    program = _program(_intake())
    carrying = [h for h in program.habits if h.area == "lifting_carrying"]
    assert any("Switch hips" in h.advice and "left" in h.advice for h in carrying)
    assert all(h.grade for h in program.habits)


def test_the_plan_has_phases_covering_twelve_weeks() -> None:
    program = _program(_intake())
    weeks = [w for p in program.phases for w in range(p.weeks[0], p.weeks[1] + 1)]
    assert weeks == list(range(1, 13))
    assert all(p.criteria_to_advance for p in program.phases)


@settings(max_examples=60, deadline=None)
@given(
    budget=st.integers(min_value=1, max_value=60),
    scores=st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=5, max_size=5),
    stage=st.sampled_from([("none", None), ("pregnant", 10), ("pregnant", 34), ("postpartum", 4)]),
)
def test_any_ranking_and_life_stage_stays_within_budget_and_contraindications(
    budget: int, scores: list[float], stage: tuple[str, int | None]
) -> None:
    client = {"name": "R", "birth_year": 1990, "sex": "female", "height_cm": 165, "mass_kg": 60,
              "life_stage": {"status": stage[0], "weeks": stage[1]}}  # fmt: skip
    intake = _intake(client=client, daily_minutes=budget)
    assessment = FakeAssessment(
        contributors=tuple(
            Contributor(c.pain, c.kind, c.source, c.ref, s)
            for c, s in zip(ASSESSMENT.contributors, scores, strict=True)
        ),
        joints=ASSESSMENT.joints,
        weakest_links=ASSESSMENT.weakest_links,
    )
    program = _program(intake, assessment)
    assert program.minutes <= budget
    situation = situation_of(intake, AS_OF)  # an oracle written from the sources
    for item in program.routine:
        assert forbidden(item.exercise, item.targets, situation) is None, item.exercise.id


def test_a_per_side_exercise_given_for_one_side_says_that_side_so_words_match_minutes() -> None:
    program = _program(_intake())
    assert program is not None
    for item in program.to_json()["routine"]:
        sides = {t["side"] for t in item["targets"]}
        text = item["dose"]["text"]
        if sides & {"left", "right"} and "both" not in sides and len(sides - {None}) == 1:
            assert "each side" not in text, (item["exercise"], text)


def test_every_habit_has_an_area_a_client_can_read() -> None:
    program = _program(_intake())
    assert program is not None
    labels = [h["area_label"] for h in program.to_json()["habits"]]
    assert labels and all("_" not in label and label[0].isupper() for label in labels)


def test_an_operation_dated_to_this_month_is_counted_from_its_days_so_far_not_the_future() -> None:
    injuries = [{"site": "knee", "side": "right", "kind": "surgery", "tissue": "ligament",
                 "structure": "acl", "date": "2026-11", "care": "physio"}]  # fmt: skip
    context = context_from_intake(_intake(injuries=injuries), as_of=AS_OF)
    (operation,) = context.surgeries
    assert dt.date(2026, 11, 1) <= operation.date <= AS_OF  # never a day still to come
