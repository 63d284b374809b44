"""Evidence grades say what kind of study each source is, and a composite statement is graded by
its weakest essential part (docs/evidence.md, "Grading a statement that cites several sources")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kinchain.assessment.rules import contributor_rules
from kinchain.errors import DataFileError
from kinchain.evidence import GRADES, default_registry
from kinchain.program.library import read_bundled
from kinchain.program.rules import default_habits, parse_habits
from kinchain.services.assessment import assess_file


def _rank(grade: str) -> int:
    """0 for the strongest grade (SR/MA), larger for weaker ones."""
    return GRADES.index(grade)


def _habit_doc(**overrides: Any) -> dict[str, Any]:
    habit = {
        "id": "lift_close",
        "area": "lifting_carrying",
        "when": {},
        "advice": "Keep the load close.",
        "evidence": "A lab measurement in one man.",
        "grade": "SR/MA",
        "cite": ["wilke1999", "saraceni2020"],
    }
    habit.update(overrides)
    return {"habits": [habit]}


def test_doherty_2016_is_graded_as_the_cohort_study_of_82_people_it_is():
    source = default_registry()["doherty2016"]
    assert source.grade == "COH"
    assert "82" in source.finding


def test_kerrigan_2005_is_graded_as_the_randomised_crossover_trial_its_abstract_describes():
    source = default_registry()["kerrigan2005"]
    assert source.grade == "RCT"
    assert "crossover" in source.finding


def test_the_lifting_habit_is_graded_by_the_one_volunteer_lab_study_its_disc_figure_comes_from():
    lifting = next(h for h in default_habits() if h.id == "lifting_close")
    assert lifting.grade == "LAB"
    assert "one" in lifting.evidence and "man" in lifting.evidence
    # The abstract compares a load held close with one lifted round-backed, in one disc of one
    # man; it says nothing of "the lower discs" or of a load "held away".
    assert "lower discs" not in lifting.evidence
    assert "held away" not in lifting.evidence


def test_no_habit_shows_a_grade_stronger_than_its_weakest_essential_source():
    registry = default_registry()
    for habit in default_habits():
        weakest = max(_rank(registry.grade(k)) for k in habit.essential)
        assert _rank(habit.grade) >= weakest, (habit.id, habit.grade, habit.essential)


def test_a_habit_graded_above_its_weakest_cited_source_is_refused_when_all_are_essential():
    with pytest.raises(DataFileError) as caught:
        parse_habits(_habit_doc())
    assert "lift_close" in caught.value.key
    assert "LAB" in str(caught.value) and "wilke1999" in str(caught.value)


def test_a_habit_may_keep_the_grade_of_its_essential_source_when_a_weaker_one_only_explains():
    (habit,) = parse_habits(
        _habit_doc(cite=["saraceni2020", "wilke1999"], essential=["saraceni2020"])
    )
    assert habit.grade == "SR/MA"
    assert habit.essential == ("saraceni2020",)


def test_an_essential_source_the_habit_does_not_cite_is_refused():
    with pytest.raises(DataFileError) as caught:
        parse_habits(_habit_doc(grade="LAB", essential=["swain2020"]))
    assert "essential" in caught.value.key
    assert "swain2020" in str(caught.value)


def _client_facing_cites() -> set[str]:
    """Every key cited by what a client reads: the exercises and the habit advice."""
    keys: set[str] = set()
    for entry in read_bundled("exercises.yaml")["exercises"]:
        keys.update(entry.get("cite", []))
    for habit in default_habits():
        keys.update(habit.cite)
    return keys


def test_no_source_whose_authors_are_not_verified_is_cited_in_text_a_client_reads():
    registry = default_registry()
    unverified = {
        k for k in _client_facing_cites() if registry[k].authors.lower().startswith("authors not")
    }
    assert not unverified


@pytest.mark.parametrize("name", ["maria", "tom", "ruth"])
def test_each_daily_life_contributor_shows_the_weakest_grade_its_rule_cites(name):
    rules = contributor_rules()
    registry = default_registry()
    daily = (*rules.footwear, *rules.habit, *rules.activity, *rules.life_stage)
    by_label = {r.label: r for r in daily}
    example = Path(__file__).parents[2] / "examples" / f"{name}.yaml"
    shown = assess_file(example, as_of=dt.date(2026, 12, 2))["contributors"]
    checked = 0
    for c in shown:
        rule = by_label.get(c["label"])
        if rule is None:
            continue
        weakest = max(_rank(registry.grade(k)) for k in rule.cite)
        assert _rank(c["evidence"]) >= weakest, (c["label"], c["evidence"], rule.cite)
        checked += 1
    assert checked, "the example has no daily-life contributor to check"
