"""Putting the figure on the floor: each keyframe's pose moved so its contacts rest on their
surfaces, the props placed beside it, and the checks a drawing must pass.

A keyframe is placed by translation only (the angles already say how the body is turned): its
first contact on a level surface sets the height; a contact on a wall, else the contact that
every keyframe keeps (the feet of a squat), sets the left-right position. Positions between
keyframes interpolate the angles and the shift, so the loop is smooth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kinchain.program.demonstration.kinematics import BodyPose, Vec, body_pose, support_distance
from kinchain.program.demonstration.model import Contact, Demonstration, Figure, Keyframe

__all__ = [
    "CONTACT_TOLERANCE",
    "PlacedProp",
    "Scene",
    "angle_problems",
    "contact_problems",
    "pose_between",
    "stage",
]

#: how far (fraction of body height, about 4 cm) a resting point may sit from its surface
CONTACT_TOLERANCE = 0.025
_DOWN = np.array([0.0, -1.0, 0.0])
_POINT_OF = {"hand": "palm"}
#: drawn half-thickness below a point, by point kind (for "nothing through the floor")
_DRAWN = {
    "knee": "shank", "ankle": "shank", "elbow": "forearm", "wrist": "forearm",
    "palm": "hand", "hand": "hand", "head": "head", "shoulder": "upper_arm", "hip": "thigh",
}  # fmt: skip


def body_point(contact_point: str, /) -> str:
    """The pose point a contact names: ``hand.work`` rests on ``palm.work``."""
    base, _, side = contact_point.partition(".")
    return _POINT_OF.get(base, base) + (f".{side}" if side else "")


@dataclass(frozen=True)
class PlacedProp:
    """A prop where it stands: ``x`` its centre (a wall: its face), ``facing`` +1 when the body
    is on the wall's right, -1 on its left; ``behind`` a wall drawn behind a figure that faces
    the viewer."""

    id: str
    words: str
    shape: str
    x: float
    y: float
    height: float
    width: float
    facing: float
    holds: str | None
    to: str | None
    behind: bool = False


@dataclass(frozen=True)
class Scene:
    """A demonstration on the floor: one placed pose per keyframe, their shifts, the props."""

    demo: Demonstration
    poses: tuple[BodyPose, ...]
    shifts: tuple[Vec, ...]
    props: tuple[PlacedProp, ...]
    anchor: str | None

    def prop(self, prop_id: str, /) -> PlacedProp | None:
        return next((p for p in self.props if p.id == prop_id), None)


def _lowest(pose: BodyPose, fig: Figure) -> float:
    low = float("inf")
    for name, p in pose.points.items():
        base = name.split(".")[0]
        r = (
            support_distance(pose, name, _DOWN, fig)
            if base in ("pelvis", "waist", "chest")
            else fig.thick(_DRAWN[base]) / 2
            if base in _DRAWN
            else 0.0
        )
        low = min(low, float(p[1]) - r)
    return low


def _surface_top(on: str, props: Mapping[str, PlacedProp]) -> float | None:
    """The height of a level surface, None for a wall."""
    if on == "floor":
        return 0.0
    prop = props.get(on)
    return None if prop is None or prop.shape == "wall" else prop.height


def _wall_dx(pose: BodyPose, c: Contact, wall: PlacedProp, fig: Figure) -> float:
    point = body_point(c.point)
    direction = np.array([-wall.facing, 0.0, 0.0])
    r = support_distance(pose, point, direction, fig)
    return wall.x - (float(pose.points[point][0]) - wall.facing * r)


def _shift(
    raw: BodyPose,
    frame: Keyframe,
    props: Mapping[str, PlacedProp],
    anchor: tuple[str, float] | None,
    fig: Figure,
) -> Vec:
    dy: float | None = None
    dx: float | None = None
    for c in frame.contacts:
        top = _surface_top(c.on, props)
        point = body_point(c.point)
        if top is not None and dy is None:
            dy = top + support_distance(raw, point, _DOWN, fig) - float(raw.points[point][1])
        elif top is None and dx is None and c.on in props:
            dx = _wall_dx(raw, c, props[c.on], fig)
    if dy is None:
        dy = frame.lift - _lowest(raw, fig)
    resting = {body_point(c.point) for c in frame.contacts}
    if dx is None and anchor is not None and anchor[0] in resting:
        dx = anchor[1] - float(raw.points[anchor[0]][0])
    return np.array([dx or 0.0, dy, 0.0])


def _kept_anchor(demo: Demonstration) -> str | None:
    first = demo.frames[0].contacts
    kept = [
        c for c in first
        if all(c in f.contacts for f in demo.frames) and c.on == "floor"
    ]  # fmt: skip
    chosen = kept[0] if kept else (first[0] if first else None)
    return body_point(chosen.point) if chosen else None


def _place_props(demo: Demonstration, first: BodyPose, fig: Figure) -> dict[str, PlacedProp]:
    placed: dict[str, PlacedProp] = {}
    for pp in demo.props:
        prop, x, facing = pp.prop, float(pp.x), 1.0 if pp.x < 0 else -1.0
        resting = [c for c in demo.frames[0].contacts if c.on == prop.id]
        if resting:
            point = body_point(resting[0].point)
            px = float(first.points[point][0])
            if prop.shape == "wall":
                r = support_distance(first, point, np.array([-facing, 0.0, 0.0]), fig)
                x = px - facing * r
            else:
                x = px + pp.x
        placed[prop.id] = PlacedProp(
            prop.id, prop.words, prop.shape, x, pp.y, prop.height, prop.width, facing,
            pp.holds, pp.to, pp.behind,
        )  # fmt: skip
    return placed


def stage(demo: Demonstration, fig: Figure, /) -> Scene:
    """``demo`` with every keyframe placed on its surfaces and its props placed."""
    raws = [body_pose(f.angles, fig) for f in demo.frames]
    levels = {
        pp.prop.id: PlacedProp(pp.prop.id, "", "box", 0, 0, pp.prop.height, 0, 1, None, None)
        for pp in demo.props
        if pp.prop.shape != "wall"
    }
    first_shift = _shift(raws[0], demo.frames[0], levels, None, fig) * np.array([0.0, 1, 0])
    first = raws[0].moved(first_shift)
    props = _place_props(demo, first, fig)
    anchor_name = _kept_anchor(demo)
    anchor = (anchor_name, float(first.points[anchor_name][0])) if anchor_name else None
    shifts = [_shift(r, f, props, anchor, fig) for r, f in zip(raws, demo.frames, strict=True)]
    return Scene(
        demo, tuple(r.moved(s) for r, s in zip(raws, shifts, strict=True)), tuple(shifts),
        tuple(props.values()), anchor_name,
    )  # fmt: skip


def pose_between(scene: Scene, index: int, fraction: float, fig: Figure, /) -> BodyPose:
    """The pose ``fraction`` (0..1) of the way from keyframe ``index`` to the next (the last
    keyframe moves back to the first): angles and shift interpolated."""
    frames = scene.demo.frames
    a, b = frames[index], frames[(index + 1) % len(frames)]
    angles = {k: (1 - fraction) * a.angles[k] + fraction * b.angles[k] for k in a.angles}
    shift = (1 - fraction) * scene.shifts[index] + fraction * scene.shifts[
        (index + 1) % len(frames)
    ]
    return body_pose(angles, fig).moved(shift)


def angle_problems(demo: Demonstration, fig: Figure, /) -> list[str]:
    """Every keyframe angle outside the joint's normal range, in words."""
    out = []
    for i, frame in enumerate(demo.frames):
        for name, value in frame.angles.items():
            joint = name.split(".")[0]
            if joint in fig.ranges:
                low, high = fig.ranges[joint]
                if not low <= value <= high:
                    out.append(
                        f"{demo.exercise_id} frame {i}: {name} {value:g} is outside "
                        f"{low:g}..{high:g}"
                    )
    return out


def _contact_gap(scene: Scene, pose: BodyPose, c: Contact, fig: Figure) -> float:
    point = body_point(c.point)
    prop = scene.prop(c.on)
    if prop is not None and prop.shape == "wall":
        r = support_distance(pose, point, np.array([-prop.facing, 0.0, 0.0]), fig)
        return abs(float(pose.points[point][0]) - prop.facing * r - prop.x)
    top = 0.0 if prop is None else prop.height
    r = support_distance(pose, point, _DOWN, fig)
    gap = abs(float(pose.points[point][1]) - r - top)
    if prop is not None and prop.width > 0:
        off = abs(float(pose.points[point][0]) - prop.x) - prop.width / 2
        gap = max(gap, off)
    return gap


def contact_problems(scene: Scene, fig: Figure, /) -> list[str]:
    """Every resting point off its surface and every keyframe reaching through the floor or
    through a wall standing beside the body."""
    out = []
    name = scene.demo.exercise_id
    for i, (pose, frame) in enumerate(zip(scene.poses, scene.demo.frames, strict=True)):
        for c in frame.contacts:
            gap = _contact_gap(scene, pose, c, fig)
            if gap > CONTACT_TOLERANCE:
                out.append(f"{name} frame {i}: {c.point} is {gap:.3f} off the {c.on}")
        low = _lowest(pose, fig)
        if low < -CONTACT_TOLERANCE:
            out.append(f"{name} frame {i}: the body reaches {-low:.3f} through the floor")
        for wall in scene.props:
            if wall.shape == "wall" and not wall.behind:
                depth = min(wall.facing * (float(p[0]) - wall.x) for p in pose.points.values())
                if depth < -CONTACT_TOLERANCE:
                    out.append(
                        f"{name} frame {i}: the body reaches {-depth:.3f} through the {wall.id}"
                    )
    return out
