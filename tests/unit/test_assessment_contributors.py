"""Contributors to each pain: ranked, explained, honest about the evidence, never invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kinchain.assessment.contributors import Leak, contributors
from kinchain.assessment.model import Contributor
from kinchain.assessment.rules import contributor_rules
from kinchain.body import SiteRef, default_body
from kinchain.evidence import GRADES
from kinchain.intake import InjuryRef, InjuryRefs, Intake, load_intake, parse_intake
from kinchain.tissue import tissue_state
from kinchain.trail import Step

AS_OF = dt.date(2026, 11, 25)


def ranked(intake: Intake, *, leak: Any = None) -> tuple[Contributor, ...]:
    tissue = tissue_state(intake, as_of=AS_OF)

    def deficit_of(site: str, side: str | None) -> tuple[float, tuple[Step, ...]]:
        joint = tissue.joint(site, side)
        return joint.stability_deficit, tuple(joint.trail)

    return contributors(
        intake,
        body=default_body(),
        deficit_of=deficit_of,
        life_stage=tissue.life_stage,
        leak=leak,
    )


def client(**parts: Any) -> Intake:
    data: dict[str, Any] = {
        "client": {
            "name": "T",
            "birth_year": 1990,
            "sex": "female",
            "height_cm": 165,
            "mass_kg": 60,
        },
        "daily_minutes": 10,
        "pain": [{"site": "sacroiliac", "side": "left", "intensity": 5, "since": "2025-09"}],
    }
    data.update(parts)
    return parse_intake(data, as_of=AS_OF)


def sprain(side: str, recurrences: int = 0) -> dict[str, Any]:
    return {
        "site": "ankle",
        "side": side,
        "kind": "sprain",
        "grade": 2,
        "date": "2010-05",
        "care": "none",
        "recurrences": recurrences,
    }


def of_kind(found: tuple[Contributor, ...], kind: str) -> list[Contributor]:
    return [c for c in found if c.kind == kind]


def test_no_injury_in_the_intake_gives_no_injury_contributor() -> None:
    found = ranked(client(habits={"sitting_hours": 8}))
    assert of_kind(found, "injury") == []
    assert found, "the sitting habit still contributes"


def test_an_old_ankle_sprain_on_the_same_side_counts_more_than_on_the_other_side() -> None:
    left = of_kind(ranked(client(injuries=[sprain("left")])), "injury")
    right = of_kind(ranked(client(injuries=[sprain("right")])), "injury")
    assert len(left) == len(right) == 1
    assert left[0].score > right[0].score
    assert right[0].score == pytest.approx(left[0].score * contributor_rules().side_other, abs=2e-3)


@pytest.mark.parametrize("leak", [None, 0.05])
def test_more_recurrences_give_a_higher_deficit_and_a_higher_score(leak: float | None) -> None:
    def fixed_leak(intake: Intake, joint: SiteRef, deficit: float, pain: SiteRef) -> Leak:
        return Leak(leak or 0.0, ())

    scores, deficits = [], []
    for n in range(5):
        intake = client(injuries=[sprain("left", n)])
        deficits.append(tissue_state(intake, as_of=AS_OF).joint("ankle", "left").stability_deficit)
        found = of_kind(ranked(intake, leak=fixed_leak if leak else None), "injury")
        scores.append(found[0].score)
    assert deficits == sorted(deficits) and len(set(deficits)) == 5
    assert scores == sorted(scores) and len(set(scores)) == 5


def test_a_larger_mechanical_leak_raises_the_score_of_a_chain_injury() -> None:
    intake = client(injuries=[sprain("left", 1)])

    def leak_of(size: float) -> Any:
        return lambda i, j, d, p: Leak(size, (Step("sim", "extra load", size),))

    low = of_kind(ranked(intake, leak=leak_of(0.01)), "injury")[0]
    high = of_kind(ranked(intake, leak=leak_of(0.10)), "injury")[0]
    assert high.score > low.score
    assert any(s.rule == "extra load" for s in high.trail)


def test_the_chain_reasoning_is_labelled_a_hypothesis_resting_on_expert_opinion() -> None:
    found = of_kind(ranked(client(injuries=[sprain("left")])), "injury")[0]
    assert found.hypothesis
    assert found.evidence == "EXP"
    notes = " ".join(s.note for s in found.trail)
    assert "hypothesis" in notes
    assert set(contributor_rules().chain.cite) <= {k for s in found.trail for k in s.cite}


def test_an_old_injury_at_the_painful_site_itself_is_not_a_chain_hypothesis() -> None:
    strain = {"site": "sacroiliac", "side": "left", "kind": "strain", "tissue": "ligament",
              "grade": 2, "date": "2024-01"}  # fmt: skip
    found = of_kind(ranked(client(injuries=[strain])), "injury")
    assert found and not found[0].hypothesis


def test_sitting_scores_low_and_says_it_is_not_shown_to_cause_back_pain() -> None:
    found = of_kind(ranked(client(habits={"sitting_hours": 10})), "habit")
    sitting = next(c for c in found if c.ref == "habits.sitting_hours")
    assert sitting.score <= 0.1
    assert "not shown to cause" in sitting.summary
    sprained = of_kind(
        ranked(client(injuries=[sprain("left")], habits={"sitting_hours": 10})), "injury"
    )
    assert sprained[0].score > 3 * sitting.score


def test_a_pain_the_client_says_sitting_worsens_lifts_sitting_but_keeps_the_honest_note() -> None:
    pain = [{"site": "lumbar_spine", "intensity": 5, "since": "2025-06", "worse_with": ["sitting"]}]
    quiet = next(c for c in ranked(client(habits={"sitting_hours": 10})) if c.kind == "habit")
    loud = next(
        c for c in ranked(client(pain=pain, habits={"sitting_hours": 10})) if c.kind == "habit"
    )
    assert loud.score > quiet.score
    assert any(s.ref == "pain[0].worse_with" for s in loud.trail)
    assert "not shown to cause" in loud.summary


def test_heels_score_low_for_back_pain_and_say_they_mostly_do_not_change_the_lordosis() -> None:
    shoe = {"name": "heels", "kind": "heel", "heel_height_mm": 70, "hours_per_day": 6}
    found = of_kind(ranked(client(footwear=[shoe])), "footwear")
    assert found and all(c.score <= 0.1 for c in found)
    assert "mostly find they do not" in found[0].summary


def test_life_stage_says_relaxin_is_weakly_supported() -> None:
    found = ranked(client(client={"name": "T", "birth_year": 1990, "sex": "female",
                                  "height_cm": 165, "mass_kg": 60,
                                  "life_stage": {"status": "pregnant", "weeks": 30}}))  # fmt: skip
    stage = of_kind(found, "life_stage")
    assert stage and "relaxin" in stage[0].summary and "weak" in stage[0].summary


def test_carrying_on_the_left_counts_more_for_left_than_for_right_si_pain() -> None:
    habits = {"carrying": {"what": "toddler on left hip", "hours_per_day": 2}}
    right_pain = [{"site": "sacroiliac", "side": "right", "intensity": 5, "since": "2025-09"}]
    left = of_kind(ranked(client(habits=habits)), "habit")[0]
    right = of_kind(ranked(client(habits=habits, pain=right_pain)), "habit")[0]
    assert left.source.side == "left"
    assert left.score > right.score


def test_every_contributor_is_scored_graded_and_explained(maria_path: Any, tom_path: Any) -> None:
    for path in (maria_path, tom_path):
        found = ranked(load_intake(path, as_of=AS_OF))
        assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
        for c in found:
            assert 0.0 <= c.score <= 1.0
            assert c.evidence in GRADES
            assert c.trail and c.trail[-1].value == c.score
            assert c.ref and c.pain_ref.startswith("pain[")


def test_maria_left_ankle_ranks_first_for_her_si_pain_with_life_stage_and_carrying_next(
    maria_path: Any,
) -> None:
    found = [c for c in ranked(load_intake(maria_path, as_of=AS_OF)) if c.pain_ref == "pain[0]"]
    top = [(c.kind, c.ref) for c in found[:3]]
    assert top[0] == ("injury", InjuryRef(0))
    assert {("life_stage", "client.life_stage"), ("habit", "habits.carrying")} == set(top[1:])


def test_tom_right_knee_outranks_his_sitting_for_his_back(tom_path: Any) -> None:
    found = [c for c in ranked(load_intake(tom_path, as_of=AS_OF)) if c.pain_ref == "pain[0]"]
    knee = next(c for c in found if c.ref == InjuryRef(0))
    sitting = next(c for c in found if c.ref == "habits.sitting_hours")
    assert knee.score > sitting.score
    assert knee.hypothesis and not sitting.hypothesis


def test_a_both_sided_injury_meets_a_midline_pain_on_its_less_stable_side() -> None:
    lumbar = [{"site": "lumbar_spine", "intensity": 5, "since": "2025-09"}]
    both = {**sprain("both"), "grade": 1}
    found = of_kind(ranked(client(pain=lumbar, injuries=[both, sprain("right", 3)])), "injury")
    from_both = [c for c in found if c.ref == InjuryRef(0)]
    assert from_both and from_both[0].source.side == "right"  # the right ankle is less stable


def test_a_knee_injurys_contributor_explains_its_own_derivation_not_every_other_knee_injury() -> (
    None
):
    sprain = {"site": "knee", "side": "right", "kind": "sprain", "grade": 2, "care": "none"}
    intake = client(
        injuries=[{**sprain, "date": f"{2000 + i}-05"} for i in range(6)],
        pain=[{"site": "hip", "side": "right", "intensity": 4, "since": "2025-09"}],
    )
    first = next(c for c in ranked(intake) if c.ref == InjuryRef(0))
    refs = {s.ref for s in first.trail if isinstance(s.ref, InjuryRef | InjuryRefs)}
    assert refs == {InjuryRef(0)}
    combined = next(s for s in first.trail if "joint stability deficit" in s.rule)
    assert all(f"injuries[{i}]" in combined.fact for i in range(6))  # the sum names them all
