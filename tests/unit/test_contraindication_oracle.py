"""The contraindication oracle (tests/contraindication_oracle.py) holds kinchain's routines.

The oracle is written from the sources; kinchain's rules are not read. First the oracle's own
table is checked on exercises whose tags say what they are; then generated clients (life stage,
weeks, pelvic-floor answers, injuries of every age, pain) get their programs, and no routine
item may be one the oracle forbids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contraindication_oracle import Situation, clinician_must_lead, forbidden, situation_of
from kinchain.assessment import assess
from kinchain.intake import parse_intake
from kinchain.program import build_program
from kinchain.program.generator import resolve_targets
from kinchain.program.library import default_library

AS_OF = dt.date(2026, 12, 2)
LIB = default_library()


def _at(ex_id: str, side: str = "right") -> tuple[Any, Any]:
    ex = LIB[ex_id]
    return ex, resolve_targets(ex, side)[0]


def test_the_oracle_forbids_lying_on_the_back_from_week_20_of_pregnancy() -> None:
    bridge, targets = _at("glute_bridge")
    assert forbidden(bridge, targets, Situation("pregnant", 19)) is None
    assert forbidden(bridge, targets, Situation("pregnant", 20)) is not None


def test_the_oracle_forbids_hops_after_a_birth_until_week_12_and_a_clear_pelvic_floor() -> None:
    hops, targets = _at("pogo_hops")
    clear = {"leaking": False, "heaviness": False, "pelvic_pain": False}
    assert forbidden(hops, targets, Situation("postpartum", 11, clear)) is not None
    assert forbidden(hops, targets, Situation("postpartum", 12, clear)) is None
    assert forbidden(hops, targets, Situation("postpartum", 30, {**clear, "leaking": True}))
    assert forbidden(hops, targets, Situation("postpartum", 30, {"leaking": False}))


def test_the_oracle_forbids_standing_and_ankle_work_with_a_recent_ankle_fracture() -> None:
    fresh = Situation(recent=(("ankle", "right"),))
    for ex_id in ("ankle_weight_shift", "mini_squat_mirror", "ankle_alphabet"):
        ex, targets = _at(ex_id)
        assert forbidden(ex, targets, fresh) is not None, ex_id
    ex, targets = _at("ankle_alphabet", "left")
    assert forbidden(ex, targets, fresh) is None  # the other ankle, seated
    ex, targets = _at("belly_breathing_side_lying")
    assert forbidden(ex, targets, fresh) is None


def _injury(draw: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(["fracture", "surgery", "sprain", "strain"]))
    site = draw(st.sampled_from(["ankle", "knee", "hip", "foot", "wrist"]))
    days = draw(st.one_of(st.integers(min_value=0, max_value=120),
                          st.integers(min_value=0, max_value=500)))  # fmt: skip
    injury: dict[str, Any] = {
        "site": site,
        "side": draw(st.sampled_from(["left", "right", "both"])),
        "kind": kind,
        "date": (AS_OF - dt.timedelta(days=days)).isoformat(),
    }
    if kind == "surgery" and site == "knee" and draw(st.booleans()):
        injury["structure"] = "acl"
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        cleared = AS_OF - dt.timedelta(days=draw(st.integers(min_value=0, max_value=days)))
        injury["cleared"] = {"date": cleared.isoformat(), "by": "treating clinician"}
    return injury


@st.composite
def clients(draw: Any) -> dict[str, Any]:
    status = draw(st.sampled_from(["none", "pregnant", "postpartum"]))
    stage: dict[str, Any] = {"status": status}
    if status == "pregnant":
        stage["weeks"] = draw(st.integers(min_value=0, max_value=42))
    if status == "postpartum":
        stage["weeks"] = draw(st.integers(min_value=0, max_value=60))
        answers = draw(st.dictionaries(st.sampled_from(["leaking", "heaviness", "pelvic_pain"]),
                                       st.booleans()))  # fmt: skip
        if answers or draw(st.booleans()):
            stage["pelvic_floor"] = answers
    pains = [
        {"site": site, "side": None if site == "lumbar_spine" else "left",
         "intensity": draw(st.sampled_from([0, 2, 4, 6, 7, 9])), "since": "2026-06"}
        for site in draw(st.lists(st.sampled_from(["lumbar_spine", "sacroiliac", "knee"]),
                                  min_size=1, max_size=2, unique=True))
    ]  # fmt: skip
    return {
        "client": {"name": "G", "birth_year": 1990, "sex": "female", "height_cm": 165,
                   "mass_kg": 62, "life_stage": stage},
        "daily_minutes": draw(st.integers(min_value=5, max_value=40)),
        "injuries": [_injury(draw) for _ in range(draw(st.integers(min_value=1, max_value=3)))],
        "pain": pains,
        "activities": draw(st.sampled_from([[], [{"kind": "run", "minutes_per_week": 90}]])),
        "screening": {"significant_trauma": False},
    }  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=clients())
def test_no_routine_item_of_any_generated_client_is_one_the_sources_forbid(
    data: dict[str, Any],
) -> None:
    intake = parse_intake(data, as_of=AS_OF)
    assessment = assess(intake, as_of=AS_OF)
    program = build_program(intake, assessment, as_of=AS_OF)
    if program is None:  # a red flag suspends the program: nothing to judge
        return
    situation = situation_of(intake, AS_OF)
    if clinician_must_lead(situation):
        assert program.routine == ()
    for item in program.routine:
        why = forbidden(item.exercise, item.targets, situation)
        assert why is None, (item.exercise.id, item.targets, why)
