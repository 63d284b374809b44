"""How one old injury heals: phases, fraction healed, plateau and residual deficits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinchain.intake import InjuryRef, Intake, parse_intake
from kinchain.tissue import InjuryState, TissueState, default_healing, tissue_state

AS_OF = dt.date(2026, 11, 25)


def _days_ago(days: int) -> str:
    return (AS_OF - dt.timedelta(days=days)).isoformat()


def _intake(*injuries: dict[str, Any], **extra: Any) -> Intake:
    data: dict[str, Any] = {
        "client": {"name": "Test", "birth_year": 1985, "sex": "female", "height_cm": 168,
                   "mass_kg": 64},
        "daily_minutes": 10,
        "injuries": list(injuries),
        **extra,
    }
    return parse_intake(data, as_of=AS_OF)


def _ankle_sprain(**changes: Any) -> dict[str, Any]:
    return {"site": "ankle", "side": "left", "kind": "sprain", "grade": 2, "date": "2015-06",
            "care": "none", **changes}


def _one(intake: Intake, *, as_of: dt.date = AS_OF) -> InjuryState:
    state = tissue_state(intake, as_of=as_of)
    assert len(state.injuries) == 1
    return state.injuries[0]


def test_a_two_week_old_sprain_is_in_its_proliferation_phase() -> None:
    injury = _one(_intake(_ankle_sprain(date=_days_ago(14))))
    assert injury.phase == "proliferation"
    assert injury.days_since == 14
    assert 0 < injury.fraction_healed < injury.plateau


def test_a_three_day_old_sprain_is_still_inflamed_and_a_ten_year_old_one_has_plateaued() -> None:
    fresh = _one(_intake(_ankle_sprain(date=_days_ago(3))))
    old = _one(_intake(_ankle_sprain(date="2016-01")))
    assert fresh.phase == "inflammation"
    assert old.phase == "plateau"
    assert old.fraction_healed == old.plateau


def test_a_muscle_strain_from_last_year_leaves_almost_none() -> None:
    intake = _intake({"site": "hip", "side": "right", "kind": "strain", "grade": 2,
                      "date": _days_ago(365), "care": "self"})
    state = tissue_state(intake, as_of=AS_OF)
    strain = state.injuries[0]
    assert strain.tissue == "muscle"
    assert strain.fraction_healed >= 0.9
    assert strain.mechanical_deficit < 0.05
    assert state.joint("hip", "right").stability_deficit < 0.05


def test_muscle_heals_fastest_and_an_extracapsular_ligament_heals_while_the_acl_does_not() -> None:
    six_weeks = _days_ago(42)
    muscle = _one(_intake({"site": "hip", "side": "left", "kind": "strain", "grade": 3,
                           "date": six_weeks}))
    mcl = _one(_intake({"site": "knee", "side": "left", "kind": "sprain", "grade": 3,
                        "date": six_weeks}))
    acl = _one(_intake({"site": "knee", "side": "left", "kind": "sprain", "grade": 3,
                        "structure": "acl", "date": six_weeks}))
    assert mcl.structure == "mcl" and mcl.healing_class == "ligament_extracapsular"
    assert acl.healing_class == "ligament_intracapsular"
    assert muscle.fraction_healed > mcl.fraction_healed > acl.fraction_healed
    assert acl.fraction_healed == 0.0


def test_an_acl_reconstruction_with_completed_rehab_differs_from_an_untreated_acl_tear() -> None:
    # How they differ: the reconstruction is a tendon graft that regains part of the restraint
    # (the torn ACL regains none), and completed rehab lowers its functional instability, so
    # both residual deficits and the knee's stability deficit are lower.
    reconstructed = tissue_state(_intake({
        "site": "knee", "side": "right", "kind": "surgery", "tissue": "ligament",
        "structure": "acl", "date": "2015-03", "care": "rehab_completed"}), as_of=AS_OF)
    torn = tissue_state(_intake({
        "site": "knee", "side": "right", "kind": "sprain", "grade": 3, "structure": "acl",
        "date": "2015-03", "care": "none"}), as_of=AS_OF)
    graft, tear = reconstructed.injuries[0], torn.injuries[0]
    assert graft.healing_class == "graft"
    assert tear.healing_class == "ligament_intracapsular"
    assert graft.fraction_healed > tear.fraction_healed == 0.0
    assert graft.mechanical_deficit < tear.mechanical_deficit
    assert graft.functional_instability < tear.functional_instability
    knee_after_surgery = reconstructed.joint("knee", "right").stability_deficit
    assert 0 < knee_after_surgery < torn.joint("knee", "right").stability_deficit


def test_the_same_injury_seen_a_year_later_has_healed_further_but_never_past_its_plateau() -> None:
    injuries = [
        _ankle_sprain(date=_days_ago(84)),
        {"site": "knee", "side": "left", "kind": "surgery", "tissue": "ligament",
         "structure": "acl", "date": _days_ago(120)},
        {"site": "knee", "side": "right", "kind": "tendinopathy", "date": _days_ago(60)},
        {"site": "foot", "side": "left", "kind": "fracture", "date": _days_ago(30)},
    ]
    a_year_later = AS_OF + dt.timedelta(days=365)
    for spec in injuries:
        intake = _intake(spec)
        now, later = _one(intake), _one(intake, as_of=a_year_later)
        assert later.fraction_healed > now.fraction_healed, spec
        assert later.fraction_healed <= later.plateau, spec
        assert later.mechanical_deficit < now.mechanical_deficit, spec
    long_healed = _intake(_ankle_sprain(date="2010-05"))
    assert _one(long_healed).fraction_healed == _one(long_healed, as_of=a_year_later).plateau


def test_a_healed_ligament_plateaus_below_normal_as_the_animal_data_show() -> None:
    sprain = _one(_intake(_ankle_sprain(grade=3, date="2010-05")))
    assert sprain.phase == "plateau"
    assert sprain.plateau < 1.0
    assert sprain.mechanical_deficit > 0.0
    twelve_weeks = _one(_intake(_ankle_sprain(grade=3, date=_days_ago(84))))
    assert twelve_weeks.fraction_healed == 0.6


def test_recurrences_and_no_care_raise_functional_instability_and_rehab_lowers_it() -> None:
    once = _one(_intake(_ankle_sprain()))
    again = _one(_intake(_ankle_sprain(recurrences=3)))
    rehabbed = _one(_intake(_ankle_sprain(care="rehab_completed")))
    assert again.functional_instability > once.functional_instability
    assert rehabbed.functional_instability < once.functional_instability
    rr = default_healing().care["rehab_completed"].value
    assert abs(rehabbed.functional_instability - once.functional_instability * rr) < 0.002


def test_each_injury_trail_runs_from_intake_fact_to_a_cited_number_with_its_ref() -> None:
    state: TissueState = tissue_state(
        _intake(_ankle_sprain(recurrences=2), {"site": "toes", "side": "left",
                                                "kind": "fracture", "date": "2012-08"}),
        as_of=AS_OF,
    )
    for i, injury in enumerate(state.injuries):
        assert injury.ref == InjuryRef(i) and injury.to_json()["ref"] == f"injuries[{i}]"
        assert injury.trail
        assert all(step.ref == injury.ref for step in injury.trail)
        assert injury.trail[-1].value == injury.stability_deficit
        numbers = [s for s in injury.trail if isinstance(s.value, float)]
        assert numbers and all(s.cite for s in numbers)


def test_an_ungraded_injury_and_an_intake_named_tissue_are_handled() -> None:
    strain = _one(_intake({"site": "lumbar_spine", "kind": "strain", "tissue": "muscle",
                           "date": "2024-11", "care": "physio"}))
    assert strain.severity == default_healing().ungraded.value
    assert strain.side is None
    surgery = _one(_intake({"site": "knee", "side": "left", "kind": "surgery",
                            "tissue": "cartilage", "date": "2020-02"}))
    assert surgery.tissue == "cartilage" and surgery.healing_class == "cartilage"


def test_an_injury_dated_after_the_day_asked_about_had_not_happened_yet() -> None:
    intake = _intake(_ankle_sprain(date="2025-06"))
    assert tissue_state(intake, as_of=dt.date(2024, 1, 1)).injuries == ()
    assert tissue_state(intake, as_of=dt.date(2024, 1, 1)).joint("ankle", "left").trail == ()


def test_a_sprain_dated_only_to_this_year_counts_from_the_middle_of_the_days_so_far() -> None:
    # "2026" seen on 20 June can be any day from 1 January to 20 June (0 to 170 days ago): its
    # middle is about 85 days, not day 0 (1 July, the middle of the whole year, is still to come)
    as_of = dt.date(2026, 6, 20)
    injury = _one(_intake(_ankle_sprain(date="2026")), as_of=as_of)
    middle = (as_of - dt.date(2026, 1, 1)).days // 2
    assert abs(injury.days_since - middle) <= 1
    assert injury.phase == "remodelling"


def test_the_tissue_state_is_pure_and_deterministic() -> None:
    intake = _intake(_ankle_sprain(recurrences=1), {"site": "knee", "side": "both",
                                                    "kind": "tendinopathy", "date": "2023"})
    before = intake.model_dump()
    assert tissue_state(intake, as_of=AS_OF) == tissue_state(intake, as_of=AS_OF)
    assert intake.model_dump() == before


def test_a_body_web_structure_without_an_entry_of_its_own_heals_as_its_type_says() -> None:
    lcl = _one(_intake({"site": "knee", "side": "left", "kind": "sprain", "grade": 2,
                        "structure": "lcl", "date": "2019-04"}))
    hamstrings = _one(_intake({"site": "knee", "side": "left", "kind": "strain", "grade": 2,
                               "structure": "hamstrings", "date": "2019-04"}))
    assert lcl.structure == "lcl" and lcl.healing_class == "ligament_extracapsular"
    assert hamstrings.healing_class == "muscle"
    assert any("outside a joint capsule" in step.rule for step in lcl.trail)


def test_an_operation_on_a_named_structure_takes_that_structures_tissue_type() -> None:
    tendon_repair = _one(_intake({"site": "ankle", "side": "right", "kind": "surgery",
                                  "structure": "achilles_tendon", "date": "2021-09"}))
    assert tendon_repair.tissue == "tendon"
    assert tendon_repair.healing_class == "tendon"
    capsule = _one(_intake({"site": "shoulder", "side": "left", "kind": "dislocation",
                            "date": "2022-02"}))
    assert capsule.tissue == "joint" and capsule.structure == "glenohumeral_capsule"
