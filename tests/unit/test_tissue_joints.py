"""Per joint and side: how old injuries add up to a stability deficit, and how far to trust it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kinchain.evidence import default_registry
from kinchain.intake import InjuryRef, Intake, load_intake, parse_intake
from kinchain.tissue import SiteRef, tissue_state

AS_OF = dt.date(2026, 11, 25)


def _intake(*injuries: dict[str, Any], **extra: Any) -> Intake:
    data: dict[str, Any] = {
        "client": {"name": "Test", "birth_year": 1985, "sex": "male", "height_cm": 180,
                   "mass_kg": 80},
        "daily_minutes": 10,
        "injuries": list(injuries),
        **extra,
    }
    return parse_intake(data, as_of=AS_OF)


def _ankle_sprain(**changes: Any) -> dict[str, Any]:
    return {"site": "ankle", "side": "left", "kind": "sprain", "grade": 2, "date": "2014-04",
            "care": "none", **changes}


def _ankle(intake: Intake) -> float:
    return tissue_state(intake, as_of=AS_OF).joint("ankle", "left").stability_deficit


def test_three_untreated_recurrent_grade_2_sprains_outweigh_one_rehabbed_grade_1() -> None:
    rehabbed_grade_1 = _ankle(_intake(_ankle_sprain(grade=1, care="rehab_completed")))
    one_entry_two_recurrences = _ankle(_intake(_ankle_sprain(recurrences=2)))
    three_entries = _ankle(_intake(
        _ankle_sprain(date="2012-05"), _ankle_sprain(date="2013-09"), _ankle_sprain(date="2016-07")
    ))
    assert one_entry_two_recurrences > rehabbed_grade_1
    assert three_entries > rehabbed_grade_1
    assert rehabbed_grade_1 > 0


def test_a_joint_with_no_history_has_deficit_zero_and_an_empty_trail() -> None:
    state = tissue_state(_intake(_ankle_sprain()), as_of=AS_OF)
    for site, side in (("knee", "left"), ("ankle", "right"), ("lumbar_spine", None)):
        joint = state.joint(site, side)
        assert joint.stability_deficit == 0.0
        assert joint.trail == ()
        assert joint.injuries == ()
        assert joint.confidence == "none"
    assert tissue_state(_intake(), as_of=AS_OF).joints == ()


def test_injuries_at_every_site_map_to_their_own_joint_and_both_sides_count_twice() -> None:
    state = tissue_state(_intake(
        {"site": "toes", "side": "left", "kind": "fracture", "date": "2012-08"},
        {"site": "foot", "side": "right", "kind": "tendinopathy", "date": "2022"},
        _ankle_sprain(),
        {"site": "knee", "side": "both", "kind": "tendinopathy", "date": "2020-01"},
        {"site": "hip", "side": "left", "kind": "strain", "grade": 1, "date": "2021-03"},
        {"site": "lumbar_spine", "kind": "strain", "date": "2024-11"},
    ), as_of=AS_OF)
    deficits = state.deficits()
    assert set(deficits) == {
        SiteRef("toes", "left"), SiteRef("foot", "right"), SiteRef("ankle", "left"),
        SiteRef("knee", "left"), SiteRef("knee", "right"), SiteRef("hip", "left"),
        SiteRef("lumbar_spine", None),
    }
    left, right = state.joint("knee", "left"), state.joint("knee", "right")
    assert left.injuries == right.injuries == (InjuryRef(3),)
    assert deficits[SiteRef("knee", "left")] == deficits[SiteRef("knee", "right")] > 0


def test_two_injuries_at_one_joint_leave_more_than_either_alone() -> None:
    first, second = _ankle_sprain(date="2010-01"), _ankle_sprain(date="2018-01", grade=1)
    both = _ankle(_intake(first, second))
    assert both > max(_ankle(_intake(first)), _ankle(_intake(second)))
    assert abs(both - (1 - (1 - _ankle(_intake(first))) * (1 - _ankle(_intake(second))))) < 0.002


@settings(max_examples=40, deadline=None)
@given(fewer=st.integers(min_value=0, max_value=15), extra=st.integers(min_value=1, max_value=15),
       grade=st.sampled_from([1, 2, 3]),
       care=st.sampled_from(["none", "self", "medical", "physio", "rehab_completed"]))
def test_more_recurrences_leave_a_higher_deficit(
    fewer: int, extra: int, grade: int, care: str
) -> None:
    low = _ankle(_intake(_ankle_sprain(grade=grade, care=care, recurrences=fewer)))
    high = _ankle(_intake(_ankle_sprain(grade=grade, care=care, recurrences=fewer + extra)))
    assert high >= low
    assert high > low or high == 1.0


_SITES = [("toes", "left"), ("foot", "right"), ("ankle", "both"), ("knee", "left"),
          ("hip", "right"), ("lumbar_spine", None), ("shoulder", "left"), ("wrist", "right")]
_KINDS = ["sprain", "strain", "fracture", "dislocation", "tendinopathy", "surgery", "contusion"]


@st.composite
def _injury(draw: st.DrawFn) -> dict[str, Any]:
    site, side = draw(st.sampled_from(_SITES))
    kind = draw(st.sampled_from(_KINDS))
    days = draw(st.integers(min_value=0, max_value=40 * 365))
    spec: dict[str, Any] = {
        "site": site, "kind": kind, "date": (AS_OF - dt.timedelta(days=days)).isoformat(),
        "care": draw(st.sampled_from(["none", "self", "medical", "physio", "rehab_completed"])),
        "recurrences": draw(st.integers(min_value=0, max_value=100)),
    }
    if side is not None:
        spec["side"] = side
    if kind in ("sprain", "strain") and draw(st.booleans()):
        spec["grade"] = draw(st.integers(min_value=1, max_value=3))
    if kind == "sprain" and site == "knee" and draw(st.booleans()):
        spec["structure"] = "acl"
    return spec


@settings(max_examples=60, deadline=None)
@given(injuries=st.lists(_injury(), max_size=6),
       days_later=st.integers(min_value=0, max_value=3650))
def test_every_deficit_stays_within_zero_and_one(
    injuries: list[dict[str, Any]], days_later: int
) -> None:
    state = tissue_state(_intake(*injuries), as_of=AS_OF + dt.timedelta(days=days_later))
    for injury in state.injuries:
        for value in (injury.fraction_healed, injury.mechanical_deficit,
                      injury.functional_instability, injury.stability_deficit):
            assert 0.0 <= value <= 1.0
        assert injury.fraction_healed <= injury.plateau
    for joint in state.joints:
        assert 0.0 <= joint.stability_deficit <= 1.0
        assert joint.trail and joint.injuries


def test_every_step_of_every_joint_trail_cites_sources_the_registry_knows(
    maria_path: Path, tom_path: Path, ruth_path: Path
) -> None:
    registry = default_registry()
    for path in (maria_path, tom_path, ruth_path):
        state = tissue_state(load_intake(path, as_of=AS_OF), as_of=AS_OF)
        for joint in state.joints:
            for step in joint.trail:
                assert all(key in registry for key in step.cite), step


def test_marias_left_ankle_carries_a_clear_deficit_that_her_cait_confirms(maria_path: Path) -> None:
    state = tissue_state(load_intake(maria_path, as_of=AS_OF), as_of=AS_OF)
    ankle = state.joint("ankle", "left")
    assert ankle.stability_deficit >= 0.3
    assert ankle.confidence == "high"
    assert any(step.ref == "questionnaires.cait" for step in ankle.trail)
    assert ankle.stability_deficit > state.joint("ankle", "right").stability_deficit == 0.0


def test_toms_right_knee_carries_a_clear_deficit_after_his_acl_reconstruction(
    tom_path: Path,
) -> None:
    state = tissue_state(load_intake(tom_path, as_of=AS_OF), as_of=AS_OF)
    knee = state.joint("knee", "right")
    assert knee.stability_deficit >= 0.2
    assert state.injuries[knee.injuries[0].index].healing_class == "graft"
    assert knee.stability_deficit > state.joint("knee", "left").stability_deficit
    assert state.joint("lumbar_spine", None).stability_deficit < 0.1


def test_a_cait_above_its_cut_off_lowers_confidence_and_a_low_faam_raises_it() -> None:
    stable = tissue_state(_intake(_ankle_sprain(), questionnaires={"cait": {"total": 29}}),
                          as_of=AS_OF).joint("ankle", "left")
    items = tissue_state(_intake(_ankle_sprain(),
                                 questionnaires={"cait": [2, 2, 2, 2, 2, 2, 2, 2, 2]}),
                         as_of=AS_OF).joint("ankle", "left")
    faam = tissue_state(_intake(_ankle_sprain(), questionnaires={"faam": {"sports": [2] * 8}}),
                        as_of=AS_OF).joint("ankle", "left")
    history_only = tissue_state(_intake(_ankle_sprain()), as_of=AS_OF).joint("ankle", "left")
    assert stable.confidence == "low"
    assert items.confidence == "high"
    assert faam.confidence == "high"
    assert history_only.confidence == "moderate"
    assert stable.stability_deficit == items.stability_deficit == history_only.stability_deficit


def test_the_ankle_questionnaires_say_nothing_about_a_knee() -> None:
    state = tissue_state(_intake({"site": "knee", "side": "left", "kind": "sprain",
                                  "date": "2019"}, questionnaires={"cait": {"total": 10}}),
                         as_of=AS_OF)
    knee = state.joint("knee", "left")
    assert knee.confidence == "moderate"
    assert all(step.ref != "questionnaires.cait" for step in knee.trail)


def test_a_cait_between_the_research_and_the_original_cut_off_neither_confirms_nor_denies() -> None:
    grey = tissue_state(_intake(_ankle_sprain(), questionnaires={"cait": {"total": 26}}),
                        as_of=AS_OF).joint("ankle", "left")
    assert grey.confidence == "moderate"  # the assessment reads 26 as below Hiller's 27.5
    assert any(step.ref == "questionnaires.cait" and "neither" in step.rule for step in grey.trail)
