"""An injury (or an activity) is named by a typed reference inside kinchain; its text form lives
only in JSON."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from kinchain.assessment import assess
from kinchain.errors import InputError
from kinchain.intake import ActivityRef, InjuryRef, InjuryRefs, named_together, parse_intake
from kinchain.program import build_program

AS_OF = dt.date(2026, 1, 15)
SRC = Path(__file__).resolve().parents[2] / "src" / "kinchain"


def _client(**parts: Any) -> Any:
    data: dict[str, Any] = {
        "client": {
            "name": "T",
            "birth_year": 1985,
            "sex": "female",
            "height_cm": 165,
            "mass_kg": 60,
        },
        "daily_minutes": 20,
        "pain": [{"site": "lumbar_spine", "intensity": 4, "since": "2025-09"}],
        "activities": [{"kind": "walk", "minutes_per_week": 200}],
    }
    data.update(parts)
    return parse_intake(data, as_of=AS_OF)


def _sprain(year: int) -> dict[str, Any]:
    return {"site": "ankle", "side": "left", "kind": "sprain", "grade": 2, "date": f"{year}-05",
            "care": "none"}  # fmt: skip


def test_an_injury_reference_reads_as_its_json_pointer_and_parses_back_to_itself() -> None:
    ref = InjuryRef(12)
    assert str(ref) == "injuries[12]"
    assert InjuryRef.parse(str(ref)) == ref
    assert InjuryRef.parse("injuries[0]") < InjuryRef.parse("injuries[3]")


@pytest.mark.parametrize(
    "text", ["pain[0]", "injuries[-1]", "injuries[01]", "injuries[1].date", " injuries[1]", ""]
)
def test_a_text_that_names_no_injury_is_refused_naming_the_field_and_what_came(text: str) -> None:
    with pytest.raises(InputError) as refused:
        InjuryRef.parse(text, field="because[0]")
    message = str(refused.value)
    assert message.startswith("because[0]: expected an injury reference such as 'injuries[0]'")
    assert message.endswith(f"received {text!r}")


@pytest.mark.parametrize("index", [-1, True, 1.0])
def test_an_injury_reference_takes_only_a_whole_number_index_from_zero(index: Any) -> None:
    with pytest.raises(InputError, match="injury index: expected a whole number 0 or more"):
        InjuryRef(index)


def test_one_injury_names_itself_and_several_at_one_joint_are_named_together() -> None:
    assert named_together([InjuryRef(2)]) == InjuryRef(2)
    both = named_together([InjuryRef(0), InjuryRef(1)])
    assert both == InjuryRefs((InjuryRef(0), InjuryRef(1)))
    assert list(both) == [InjuryRef(0), InjuryRef(1)]
    assert named_together([]) is None


def test_two_sprains_of_one_ankle_give_its_weakest_link_both_injuries_in_the_json_as_before() -> (
    None
):
    intake = _client(injuries=[_sprain(2008), _sprain(2014)])
    (link,) = [w for w in assess(intake, as_of=AS_OF).weakest_links if w.injury.site == "ankle"]
    assert link.injury_ref == InjuryRefs((InjuryRef(0), InjuryRef(1)))
    assert link.to_json()["injury"]["ref"] == "injuries[0], injuries[1]"
    assert link.trail[0].to_json()["ref"] == "injuries[0], injuries[1]"


def test_the_routine_tells_the_old_sprain_in_the_clients_words_from_its_typed_reference() -> None:
    intake = _client(injuries=[_sprain(2008)], pain=[
        {"site": "sacroiliac", "side": "left", "intensity": 4, "since": "2025-09"}
    ])  # fmt: skip
    program = build_program(intake, assess(intake, as_of=AS_OF), as_of=AS_OF)
    assert program is not None
    ankle = [item for item in program.routine if InjuryRef(0) in item.because]
    assert ankle and "sprained in 2008" in ankle[0].explanation
    assert "injuries[0]" in ankle[0].to_json()["because"]


def test_a_runners_activity_contributor_carries_its_activity_and_its_json_pointer() -> None:
    intake = _client(
        activities=[
            {"kind": "walk", "minutes_per_week": 100},
            {"kind": "run", "minutes_per_week": 150},
        ],
        pain=[{"site": "knee", "side": "left", "intensity": 4, "since": "2025-09"}],
    )
    found = [c for c in assess(intake, as_of=AS_OF).contributors if c.kind == "activity"]
    assert found and {c.ref for c in found} <= {ActivityRef(0), ActivityRef(1)}
    assert all(c.to_json()["source"]["ref"] == str(c.ref) for c in found)


def test_no_code_builds_or_slices_the_text_of_an_injury_or_activity_reference_elsewhere() -> None:
    text = re.compile(r"""f?["'](injuries|activities)\[(["']|\{)""")
    offences = [
        f"{path.relative_to(SRC)}:{n}"
        for path in sorted(SRC.rglob("*.py"))
        if path != SRC / "intake" / "refs.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.search(line)
    ]
    assert offences == []
