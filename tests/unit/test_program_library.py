"""The exercise library: enough exercises, consistent chains, the right work for each joint role."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kinchain.body import default_body
from kinchain.errors import DataFileError
from kinchain.program.library import Library, default_library, parse_library, read_bundled

STABILITY_WORK = {"stability", "strength", "proprioception"}


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


@pytest.fixture
def doc() -> dict[str, Any]:
    return copy.deepcopy(read_bundled("exercises.yaml"))


def _entry(doc: dict[str, Any], exercise_id: str) -> dict[str, Any]:
    return next(e for e in doc["exercises"] if e["id"] == exercise_id)


def test_the_library_holds_at_least_sixty_exercises_each_written_as_numbered_steps(
    library: Library,
) -> None:
    assert len(library) >= 60
    for ex in library.values():
        assert len(ex.instructions) >= 2, ex.id
        assert ex.cues and ex.why and ex.cite, ex.id
        assert all(step.endswith((".", "!")) for step in ex.instructions), ex.id


def test_every_regression_and_progression_names_an_exercise_that_points_back(
    library: Library,
) -> None:
    for ex in library.values():
        if ex.progresses_to:
            harder = library[ex.progresses_to]
            assert harder.regresses_to == ex.id
            assert harder.level - ex.level in (0, 1)
        if ex.regresses_to:
            assert library[ex.regresses_to].progresses_to == ex.id


def test_following_progressions_from_any_exercise_ends_without_looping(library: Library) -> None:
    for ex_id in library:
        chain = library.chain(ex_id)
        assert len(chain) == len(set(chain))
        assert ex_id in chain


def test_each_stability_joint_gets_stability_strength_or_balance_work() -> None:
    library = default_library()
    body = default_body()
    stability_sites = [
        s for s, site in body.sites.items() if site.role and site.role.value == "stability"
    ]
    lower_body = {"foot", "knee", "sacroiliac", "lumbar_spine"}
    assert lower_body <= set(stability_sites)
    for site in lower_body:
        qualities = {ex.quality for ex in library.values() if site in ex.sites}
        assert qualities & STABILITY_WORK, site


def test_each_mobility_joint_of_the_chain_gets_mobility_work() -> None:
    library = default_library()
    body = default_body()
    for site in ("ankle", "hip", "thoracic_spine"):
        assert body.sites[site].role is not None
        assert body.sites[site].role.value == "mobility"
        assert any(ex.quality == "mobility" and site in ex.sites for ex in library.values()), site


def test_the_library_covers_the_chain_from_the_toes_to_the_breath(library: Library) -> None:
    def has(site: str, quality: str | None = None, tag: str | None = None) -> bool:
        return any(
            site in ex.sites
            and (quality is None or ex.quality == quality)
            and (tag is None or tag in ex.tags)
            for ex in library.values()
        )

    assert has("toes", tag="toes")
    assert has("foot", "stability")  # short foot
    assert has("foot", tag="plantar_fascia")
    assert has("ankle", "strength")  # calf raises
    assert has("ankle", "mobility")  # dorsiflexion
    assert has("knee", "stability") and has("knee", "strength")
    assert has("hip", "strength") and has("hip", "mobility")
    assert has("sacroiliac", "stability", tag="pelvic_floor")
    assert has("thoracic_spine", "mobility")
    assert has("ribcage", "breathing")
    assert any(ex.quality == "gait" for ex in library.values())


def test_ankle_balance_progresses_from_eyes_open_to_eyes_closed_to_an_unstable_surface(
    library: Library,
) -> None:
    chain = library.chain("single_leg_balance_eyes_open")
    assert chain.index("single_leg_balance_eyes_open") < chain.index(
        "single_leg_balance_eyes_closed"
    )
    last = library[chain[-1]]
    assert "unstable_surface" in last.tags


def test_impact_work_waits_at_least_twelve_weeks_after_birth_and_is_not_given_in_pregnancy(
    library: Library,
) -> None:
    impact = [ex for ex in library.values() if "high_impact" in ex.tags]
    assert impact
    for ex in impact:
        assert ex.contraindications.get("postpartum_before_week", 0) >= 12, ex.id


def test_lying_on_the_back_stops_by_week_20_and_on_the_front_by_week_12_of_pregnancy(
    library: Library,
) -> None:
    for ex in library.values():
        if "supine" in ex.tags:
            assert ex.contraindications.get("pregnant_from_week", 99) <= 20, ex.id
        if "prone" in ex.tags:
            assert ex.contraindications.get("pregnant_from_week", 99) <= 12, ex.id


def test_a_progression_to_an_unknown_exercise_is_refused_with_file_and_key(
    doc: dict[str, Any],
) -> None:
    _entry(doc, "toe_yoga")["regresses_to"] = "toe_spreadin"
    with pytest.raises(DataFileError) as err:
        parse_library(doc)
    assert err.value.file == "exercises.yaml"
    assert "toe_yoga.regresses_to" in err.value.key
    assert "toe_spreadin" in str(err.value)


def test_a_progression_chain_that_loops_is_refused(doc: dict[str, Any]) -> None:
    _entry(doc, "towel_scrunch")["regresses_to"] = "marble_pickup"
    _entry(doc, "marble_pickup")["progresses_to"] = "towel_scrunch"
    _entry(doc, "marble_pickup")["level"] = 1
    with pytest.raises(DataFileError, match="loops back"):
        parse_library(doc)


def test_a_citation_the_registry_does_not_know_is_refused(doc: dict[str, Any]) -> None:
    _entry(doc, "clamshell")["cite"] = ["nobody1999"]
    with pytest.raises(DataFileError, match="nobody1999"):
        parse_library(doc)


def test_a_dose_with_both_reps_and_minutes_is_refused(doc: dict[str, Any]) -> None:
    _entry(doc, "bird_dog")["dose"] = {"sets": 2, "reps": 8, "minutes": 2}
    with pytest.raises(DataFileError) as err:
        parse_library(doc)
    assert "bird_dog" in err.value.key and "dose" in err.value.key


def test_an_unknown_contraindication_is_refused(doc: dict[str, Any]) -> None:
    _entry(doc, "dead_bug")["contraindications"] = {"pregnant_in_week": 20}
    with pytest.raises(DataFileError, match="pregnant_in_week"):
        parse_library(doc)


_DOSE_WORDS = ("sets", "reps", "seconds", "minutes a day", " x ")


def test_every_exercise_that_cites_a_source_says_what_it_supports_and_not_its_dose(
    library: Library,
) -> None:
    for ex in library.values():
        if set(ex.cite) == {"heuristic"}:
            assert ex.evidence_words().startswith("A coaching choice")
            continue
        assert ex.cite_supports, ex.id
        assert not [w for w in _DOSE_WORDS if w in ex.cite_supports], ex.id
        assert ex.dose_tested or "the dose is a coaching choice" in ex.evidence_words()


def test_an_exercise_citing_a_source_without_saying_what_it_supports_is_refused(
    doc: dict[str, Any],
) -> None:
    entry = _entry(doc, "single_leg_balance_eyes_open")
    del entry["cite_supports"]
    with pytest.raises(DataFileError) as e:
        parse_library(doc)
    assert e.value.key.endswith("cite_supports")
