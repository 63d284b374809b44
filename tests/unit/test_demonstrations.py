"""Exercise demonstrations: one per exercise, every keyframe within normal joint ranges, resting
on its floor or prop, and drawn as an accessible animated SVG and still frames."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError, InputError, NotFoundError
from kinchain.program.demonstration import (
    Demonstration,
    Figure,
    angle_problems,
    body_pose,
    contact_problems,
    default_demonstrations,
    default_figure,
    parse_demonstrations,
    parse_figure,
    resolve_angles,
    stage,
)
from kinchain.program.library import default_library
from kinchain.report.demonstration import (
    demonstration_description,
    demonstration_frames,
    demonstration_svg,
)


@pytest.fixture(scope="module")
def demos() -> dict[str, Demonstration]:
    return dict(default_demonstrations())


@pytest.fixture(scope="module")
def fig() -> Figure:
    return default_figure()


@pytest.fixture
def doc() -> dict[str, Any]:
    return copy.deepcopy(read_bundled_yaml("kinchain.program", "demonstrations.yaml"))


def test_every_exercise_has_exactly_one_demonstration_and_each_names_an_existing_exercise(
    demos: dict[str, Demonstration],
) -> None:
    raw = read_bundled_yaml("kinchain.program", "demonstrations.yaml")["demonstrations"]
    named = [d["exercise"] for d in raw]
    assert sorted(named) == sorted(default_library())
    assert len(named) == len(set(named)) == len(demos) == 93


def test_every_keyframe_angle_stays_within_the_cited_normal_range_of_its_joint(
    demos: dict[str, Demonstration], fig: Figure
) -> None:
    problems = [p for d in demos.values() for p in angle_problems(d, fig)]
    assert problems == []


def test_every_resting_point_stays_on_its_floor_or_prop_and_nothing_goes_through_the_floor(
    demos: dict[str, Demonstration], fig: Figure
) -> None:
    problems = [p for d in demos.values() for p in contact_problems(stage(d, fig), fig)]
    assert problems == []


def test_the_side_that_works_matches_the_sides_the_exercise_targets(
    demos: dict[str, Demonstration],
) -> None:
    for exercise in default_library().values():
        sides = {t.side for t in exercise.targets}
        expected = "each" if "each" in sides else "both" if "both" in sides else "neither"
        assert demos[exercise.id].works == expected, exercise.id


def test_every_demonstration_shows_two_to_four_keyframes_that_move_or_hold(
    demos: dict[str, Demonstration],
) -> None:
    for d in demos.values():
        assert 2 <= len(d.frames) <= 4
        assert d.cycle_s > 0, d.exercise_id


def test_a_standing_figure_is_one_body_height_tall_with_the_hip_at_the_cited_height(
    fig: Figure,
) -> None:
    pose = body_pose(resolve_angles(), fig)
    heel = pose.points["heel.work"][1]
    assert pose.points["hip.work"][1] - heel == pytest.approx(0.530, abs=1e-9)
    top = pose.points["head"][1] + fig.thick("head") / 2
    assert top - heel == pytest.approx(1.0, abs=0.01)


def test_a_hip_bent_to_a_right_angle_puts_the_knee_in_front_at_hip_height(fig: Figure) -> None:
    pose = body_pose(resolve_angles({"hip.work": 90}), fig)
    hip, knee = pose.points["hip.work"], pose.points["knee.work"]
    assert knee[0] - hip[0] == pytest.approx(fig.length("thigh"))
    assert knee[1] == pytest.approx(hip[1])
    assert pose.points["knee.other"][1] < hip[1] - 0.2


def test_a_plain_angle_sets_both_sides_and_a_sided_one_overrides_it() -> None:
    angles = resolve_angles({"knee": 30, "knee.work": 80})
    assert (angles["knee.work"], angles["knee.other"]) == (80.0, 30.0)


def test_a_bent_knee_beyond_its_normal_range_is_reported(
    demos: dict[str, Demonstration], fig: Figure, doc: dict[str, Any]
) -> None:
    entry = next(e for e in doc["demonstrations"] if e["exercise"] == "wall_sit")
    entry["frames"][1]["angles"]["knee"] = 160
    parsed = parse_demonstrations(doc, exercise_ids=default_library())
    assert angle_problems(parsed["wall_sit"], fig) == [
        "wall_sit frame 1: knee.work 160 is outside 0..140",
        "wall_sit frame 1: knee.other 160 is outside 0..140",
    ]


def test_a_keyframe_that_lifts_a_resting_foot_off_the_floor_is_reported(
    fig: Figure, doc: dict[str, Any]
) -> None:
    entry = next(e for e in doc["demonstrations"] if e["exercise"] == "calf_raise_both")
    entry["frames"][1]["contacts"] = {"toe": "floor", "heel": "floor"}
    parsed = parse_demonstrations(doc, exercise_ids=default_library())
    problems = contact_problems(stage(parsed["calf_raise_both"], fig), fig)
    assert any("heel.work is" in p and "off the floor" in p for p in problems)


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("exercise", "moonwalk", "'moonwalk' is not an exercise of the library"),
        ("posture", "handstand", "'handstand' is not one of"),
        ("angles", {"knee_twist": 5}, "unknown angle(s) ['knee_twist']"),
        ("contacts", {"heel": "trampoline"}, "'trampoline' is not the floor or a prop"),
    ],
)
def test_a_bad_demonstration_entry_is_refused_naming_the_key_and_the_value(
    doc: dict[str, Any], where: str, value: object, message: str
) -> None:
    doc["demonstrations"][0][where] = value
    with pytest.raises(DataFileError) as err:
        parse_demonstrations(doc, exercise_ids=default_library())
    assert message in str(err.value)
    assert "demonstrations" in err.value.key


def test_an_exercise_shown_twice_is_refused(doc: dict[str, Any]) -> None:
    doc["demonstrations"].append(copy.deepcopy(doc["demonstrations"][0]))
    with pytest.raises(DataFileError, match="is shown twice"):
        parse_demonstrations(doc, exercise_ids=default_library())


def test_the_animation_loops_smoothly_with_smil_and_carries_no_script() -> None:
    svg = demonstration_svg("glute_bridge", "right", animated=True)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script" not in svg and "javascript" not in svg.lower()
    durations = set(re.findall(r'dur="([0-9.]+)s"', svg))
    assert len(durations) == 1 and 'repeatCount="indefinite"' in svg
    values = re.search(r'<animate attributeName="\w+" values="([^"]+)"', svg)
    assert values is not None
    first, *_, last = values.group(1).split(";")
    assert first == last  # the loop ends where it starts


def test_every_drawing_has_a_title_and_a_description_a_screen_reader_reads() -> None:
    svg = demonstration_svg("clamshell", "left", animated=False)
    assert "<title" in svg and "Clamshell, left side</title>" in svg
    description = demonstration_description("clamshell", "left")
    assert "Lying on your side" in description and "Left side shown" in description
    assert description in svg


def test_the_left_side_is_drawn_as_the_mirror_of_the_right_side() -> None:
    right = demonstration_svg("calf_raise_single", "right", animated=False)
    left = demonstration_svg("calf_raise_single", "left", animated=False)
    first_right = re.search(r'<circle cx="(-?[0-9.]+)"', right)
    first_left = re.search(r'<circle cx="(-?[0-9.]+)"', left)
    assert first_right is not None and first_left is not None
    assert float(first_left.group(1)) == pytest.approx(-float(first_right.group(1)))


def test_each_keyframe_is_a_still_with_the_next_position_ghosted_and_an_arrow_toward_it(
    demos: dict[str, Demonstration],
) -> None:
    frames = demonstration_frames("sit_to_stand", "right")
    assert len(frames) == len(demos["sit_to_stand"].frames) == 3
    for still in frames:
        assert 'opacity="0.22"' in still and "<path" in still and "<animate" not in still


def test_an_unknown_exercise_or_side_is_refused_with_a_clear_message() -> None:
    with pytest.raises(NotFoundError, match="exercise_id: 'moonwalk'"):
        demonstration_svg("moonwalk", "right", animated=True)
    with pytest.raises(InputError, match="side: expected one of"):
        demonstration_svg("clamshell", "up", animated=True)  # type: ignore[arg-type]


def test_a_figure_without_a_range_for_a_joint_is_refused_naming_the_joint() -> None:
    doc = copy.deepcopy(read_bundled_yaml("kinchain.program", "figure.yaml"))
    doc["ranges"] = [r for r in doc["ranges"] if r["joint"] != "knee"]
    with pytest.raises(DataFileError, match=r"ranges: .*missing \['knee'\]"):
        parse_figure(doc)
