"""The body map shows the client's left and right where a coach expects them, and the chain."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from kinchain.assessment import Assessment
from kinchain.assessment.model import Contributor, JointReport, WeakestLink
from kinchain.assessment.red_flags import Screening
from kinchain.body import SiteRef
from kinchain.errors import DataFileError
from kinchain.intake import Intake, parse_intake
from kinchain.intake.refs import InjuryRef
from kinchain.report.bodymap import (
    BodyMap,
    InjuryMark,
    PainMark,
    body_map_marks,
    default_layout,
    parse_layout,
)
from kinchain.report.bodymap_svg import body_map_svg

AS_OF = dt.date(2026, 11, 25)


def _client(**extra: object) -> Intake:
    base: dict[str, object] = {
        "client": {
            "name": "A",
            "birth_year": 1990,
            "sex": "female",
            "height_cm": 165,
            "mass_kg": 60,
        },
        "daily_minutes": 10,
        "injuries": [{"site": "ankle", "side": "left", "kind": "sprain", "date": "2006-05"}],
        "pain": [{"site": "sacroiliac", "side": "left", "intensity": 6, "since": "2024"}],
    }
    base.update(extra)
    return parse_intake(base, as_of=AS_OF)


def _contributor(kind: str, source: SiteRef, ref: InjuryRef | str, score: float) -> Contributor:
    pain = SiteRef("sacroiliac", "left")
    return Contributor(pain, "pain[0]", kind, source, ref, "", score, "EXP", False, "", ())


def _assessment(
    deficit: float = 0.4, *, habits_only: bool = False, no_findings: bool = False
) -> Assessment:
    injury = _contributor("injury", SiteRef("ankle", "left"), InjuryRef(0), 0.7)
    habit = _contributor("habit", SiteRef(None, None), "habits.carrying", 0.5)
    link = WeakestLink(SiteRef("ankle", "left"), InjuryRef(0), SiteRef("hip", "left"), 0.2, ())
    return Assessment(
        client="A",
        as_of=AS_OF,
        screening=Screening(flags=(), referral=None, rheumatology_criteria=None, trail=()),
        instruments={},
        joints=() if no_findings else (JointReport("ankle", "left", deficit, ()),),
        contributors=() if no_findings else (habit,) if habits_only else (injury, habit),
        weakest_links=() if no_findings or habits_only else (link,),
    )


def test_client_left_is_on_the_readers_right_in_the_front_view_and_left_in_the_back_view() -> None:
    lay = default_layout()
    front_left = lay.point("ankle", "left", "front")
    front_right = lay.point("ankle", "right", "front")
    back_left = lay.point("ankle", "left", "back")
    assert front_left and front_right and back_left
    assert front_left[0] > lay.midline_x > front_right[0]
    assert back_left[0] < lay.midline_x


def test_both_views_carry_explicit_left_and_right_letters() -> None:
    svg = body_map_svg(BodyMap((), (), ()))
    letters = re.findall(r">([LR])</text>", svg)
    assert letters.count("L") >= 4 and letters.count("R") >= 4
    assert "FRONT" in svg and "BACK" in svg


def test_an_injury_that_feeds_a_pain_draws_an_arrow_and_one_to_the_next_weakest_link() -> None:
    bm = body_map_marks(_client(), _assessment(), as_of=AS_OF)
    kinds = sorted(a.kind for a in bm.arrows)
    assert kinds == ["feeds", "weakest"]
    feeds = next(a for a in bm.arrows if a.kind == "feeds")
    assert feeds.source == ("ankle", "left") and feeds.target == ("sacroiliac", "left")
    svg = body_map_svg(bm)
    assert svg.count('class="arrow arrow-feeds"') == 1
    assert svg.count('class="arrow arrow-weakest"') == 1


def test_habits_and_other_non_injury_contributors_draw_no_arrow() -> None:
    bm = body_map_marks(_client(), _assessment(habits_only=True), as_of=AS_OF)
    assert bm.arrows == ()


def test_a_larger_residual_deficit_draws_a_larger_injury_marker() -> None:
    def size(deficit: float) -> float:
        svg = body_map_svg(body_map_marks(_client(), _assessment(deficit), as_of=AS_OF))
        points = re.search(r'class="injury-mark">.*?points="([^"]+)"', svg)
        assert points is not None
        ys = [float(p.split(",")[1]) for p in points.group(1).split()]
        return max(ys) - min(ys)

    assert size(0.8) > size(0.1)


def test_an_injury_on_both_sides_is_marked_on_each_side() -> None:
    client = _client(injuries=[{"site": "knee", "side": "both", "kind": "sprain", "date": "2020"}])
    bm = body_map_marks(client, _assessment(no_findings=True), as_of=AS_OF)
    assert sorted(m.side or "" for m in bm.injuries) == ["left", "right"]


def test_injury_age_is_counted_to_the_assessment_date() -> None:
    bm = body_map_marks(_client(), _assessment(), as_of=AS_OF)
    assert bm.injuries[0].years_ago == pytest.approx(20.5, abs=0.1)


def test_pain_markers_show_their_intensity_and_grow_with_it() -> None:
    def radius(intensity: int) -> float:
        svg = body_map_svg(BodyMap((), (PainMark("knee", "left", intensity, "x"),), ()))
        found = re.search(r'class="pain-mark">.*?r="([\d.]+)"', svg)
        assert found is not None
        assert f">{intensity}</text>" in svg
        return float(found.group(1))

    assert radius(8) > radius(2)


def test_labels_in_the_map_are_escaped() -> None:
    svg = body_map_svg(BodyMap((InjuryMark("knee", "left", "<b>x</b>", 1.0, 0.2),), (), ()))
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_layout_file_refuses_a_negative_offset_and_names_the_key() -> None:
    with pytest.raises(DataFileError, match=r"sites\.knee\.front"):
        parse_layout(
            {"canvas": {"width": 200, "height": 400}, "sites": {"knee": {"front": [-3, 1]}}}
        )


@pytest.mark.parametrize(
    ("doc", "key", "shown"),
    [
        ({"canvas": {"width": 0, "height": 400}, "sites": {"knee": {"front": [1, 1]}}},
         "canvas.width", "0 is not > 0"),
        ({"canvas": {"width": 200, "height": 400}, "sites": {"kneee": {"front": [1, 1]}}},
         "sites", "'kneee'"),
        ({"canvas": {"width": 200, "height": 400}, "sites": {"knee": {"side": [1, 1]}}},
         "sites.knee", "'side'"),
        ({"canvas": {"width": 200, "height": 400}, "sites": {"knee": {"front": [1, "y"]}}},
         "sites.knee.front[1]", "'y'"),
    ],
)  # fmt: skip
def test_a_broken_layout_file_names_the_key_and_the_value(
    doc: dict[str, Any], key: str, shown: str
) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_layout(doc)
    assert (caught.value.file, caught.value.key) == ("bodymap.yaml", key)
    assert shown in caught.value.detail
