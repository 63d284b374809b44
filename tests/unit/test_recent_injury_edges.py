"""Recent injuries (kinchain.tissue.recent) at their edges: the window's last day, a clearance
on the day itself, several injuries at once, the words of a place, and the checks of recent.yaml.

Dates are our own vignettes; windows are worked from the data files by hand: a fracture is
recent for at least 84 days (recent.yaml at_least.fracture), an ankle sprain until the end of
its ligament's repair phase, day 42 (healing.yaml ligament_extracapsular, cited hauser2013,
orthovellum, hubbard2008).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any

import pytest

from kinchain.errors import DataFileError
from kinchain.intake import InjuryRef, parse_intake
from kinchain.tissue import recent as recent_module
from kinchain.tissue import tissue_state
from kinchain.tissue.recent import (
    RecentInjury,
    default_recent_rules,
    parse_recent_rules,
    recent_injuries,
    window_days,
)

AS_OF = dt.date(2026, 12, 2)
FRACTURE = {"site": "ankle", "side": "right", "kind": "fracture", "date": "2026-11-25",
            "care": "medical"}  # fmt: skip
SPRAIN = {"site": "ankle", "side": "left", "kind": "sprain", "grade": 2, "date": "2026-11-25"}
OLD_FRACTURE = {**FRACTURE, "side": "left", "date": "2024-03-01"}


def recent_on(day: dt.date, injuries: list[dict[str, Any]], parsed_on: dt.date = AS_OF) -> Any:
    data: dict[str, Any] = {
        "client": {"name": "V", "birth_year": 1985, "sex": "male", "height_cm": 180,
                   "mass_kg": 80},
        "daily_minutes": 20,
        "injuries": injuries,
    }  # fmt: skip
    intake = parse_intake(data, as_of=parsed_on)
    return recent_injuries(intake, tissue_state(intake, as_of=day).injuries, as_of=day)


def _doc(**floor: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "window": {"phase": "proliferation", "cite": ["heuristic"]},
        "words": {"recent": "recent", "old": "old"},
    }
    if floor:
        doc["at_least"] = {"fracture": {"cite": ["heuristic"], **floor}}
    return doc


def test_a_fracture_a_week_old_stays_recent_until_84_days_after_its_date() -> None:
    (fresh,) = recent_on(AS_OF, [FRACTURE])
    assert fresh.days_since == 7 and fresh.window_days == 84
    assert fresh.last_day == dt.date(2027, 2, 17)  # 2026-11-25 + 84 days


def test_an_ankle_sprains_window_cites_the_sources_of_its_ligaments_repair_phase() -> None:
    (fresh,) = recent_on(AS_OF, [SPRAIN])
    assert fresh.window_days == 42
    assert fresh.cite == ("hauser2013", "orthovellum", "hubbard2008")


def test_a_clearance_dated_on_the_day_itself_ends_the_window_that_day() -> None:
    clearance = {"date": "2026-12-02", "by": "fracture clinic", "said": "no limits"}
    assert recent_on(AS_OF, [{**FRACTURE, "cleared": clearance}]) == ()


def test_a_clearance_dated_the_day_after_does_not_end_the_window_yet() -> None:
    clearance = {"date": "2026-12-03", "by": "fracture clinic", "said": "no limits"}
    cleared = {**FRACTURE, "cleared": clearance}
    later = dt.date(2026, 12, 5)
    (fresh,) = recent_on(AS_OF, [cleared], parsed_on=later)
    assert fresh.ref == InjuryRef(0)
    assert recent_on(dt.date(2026, 12, 3), [cleared], parsed_on=later) == ()


def test_an_old_or_cleared_injury_listed_first_does_not_hide_a_recent_one_after_it() -> None:
    clearance = {"date": "2026-11-30", "by": "fracture clinic", "said": "no limits"}
    cleared = {**OLD_FRACTURE, "date": "2026-10-01", "cleared": clearance}
    assert [r.ref for r in recent_on(AS_OF, [OLD_FRACTURE, FRACTURE])] == [InjuryRef(1)]
    assert [r.ref for r in recent_on(AS_OF, [cleared, FRACTURE])] == [InjuryRef(1)]


def test_the_window_of_an_injury_read_with_the_bundled_rules_by_default() -> None:
    intake = parse_intake(
        {"client": {"name": "V", "birth_year": 1985, "sex": "male", "height_cm": 180,
                    "mass_kg": 80}, "daily_minutes": 20, "injuries": [FRACTURE]},
        as_of=AS_OF,
    )  # fmt: skip
    (state,) = tissue_state(intake, as_of=AS_OF).injuries
    assert window_days(state) == 84
    longer = parse_recent_rules(_doc(days=120))
    assert window_days(state, rules=longer) == 120


def _place(site: str, side: str | None) -> str:
    return RecentInjury(InjuryRef(0), site, side, "sprain", 1, 42, AS_OF, ()).place


@pytest.mark.parametrize(
    ("site", "side", "words"),
    [
        ("ankle", "both", "ankles on both sides"),
        ("wrist", "both", "wrists on both sides"),
        ("toes", "both", "toes on both sides"),
        ("ankle", "right", "right ankle"),
        ("lumbar_spine", None, "lower back"),
    ],
)
def test_a_recent_injury_names_its_place_in_plain_words(
    site: str, side: str | None, words: str
) -> None:
    assert _place(site, side) == words


def test_a_recent_injury_once_found_cannot_be_changed() -> None:
    (fresh,) = recent_on(AS_OF, [FRACTURE])
    with pytest.raises(dataclasses.FrozenInstanceError):
        fresh.window_days = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        default_recent_rules().phase = "remodelling"


def test_a_word_written_over_two_yaml_lines_reads_as_one_line() -> None:
    doc = _doc()
    doc["words"]["recent"] = "still\n  healing"
    assert parse_recent_rules(doc).words["recent"] == "still healing"


@pytest.mark.parametrize("days", [1, 3650])
def test_a_floor_of_one_day_up_to_ten_years_is_accepted(days: int) -> None:
    assert parse_recent_rules(_doc(days=days)).at_least["fracture"] == days


@pytest.mark.parametrize("days", [0, 3651])
def test_a_floor_of_no_days_or_over_ten_years_is_refused_naming_its_key(days: int) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_recent_rules(_doc(days=days))
    assert "at_least.fracture" in caught.value.key and str(days) in str(caught.value)


def test_a_floor_citing_a_source_missing_from_the_registry_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = copy.deepcopy(_doc(days=84))
    doc["at_least"]["fracture"]["cite"] = ["nosuchsource2099"]
    monkeypatch.setattr(recent_module, "read_yaml_file", lambda _path: doc)
    default_recent_rules.cache_clear()
    try:
        with pytest.raises(DataFileError) as caught:
            default_recent_rules()
        assert caught.value.key == "at_least.fracture.cite"
        assert "'nosuchsource2099'" in caught.value.detail
    finally:
        default_recent_rules.cache_clear()
