"""A placed pose as a fixed list of simple shapes: rounded capsules for the limbs, a torso
outline, a head, the foot, and the props that move with the body.

The list has the same elements in the same order for every pose of a demonstration, so the
animation can interpolate each shape's attributes. Screen coordinates are the world's x and
minus y (SVG's y points down), mirrored when the left side works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kinchain.program.demonstration import BodyPose, Figure, Scene
from kinchain.program.demonstration.kinematics import support_distance

__all__ = ["INK", "Shape", "body_shapes", "near_side"]

#: the figure's colours: near limbs, far limbs, outline, eye, props
INK = {
    "near": "#6aa6d6",
    "far": "#b9d3ea",
    "trunk": "#5b98cc",
    "line": "#24425f",
    "eye": "#24425f",
    "prop": "#c8b7a0",
    "prop_line": "#7a6650",
    "band": "#d9534f",
}


@dataclass(frozen=True)
class Shape:
    """One SVG element: ``tag``, numeric attributes (animated when they change), fixed style."""

    tag: str
    attrs: Mapping[str, float | str]
    style: Mapping[str, str]


def _xy(p: np.ndarray, mirror: float) -> tuple[float, float]:
    return round(mirror * float(p[0]), 4), round(-float(p[1]), 4)


def _capsule(a: np.ndarray, b: np.ndarray, width: float, fill: str, mirror: float) -> list[Shape]:
    (x1, y1), (x2, y2) = _xy(a, mirror), _xy(b, mirror)
    ends = {"x1": x1, "y1": y1, "x2": x2, "y2": y2}
    outline = {
        "stroke": INK["line"],
        "stroke-width": f"{width + 0.012:.4f}",
        "stroke-linecap": "round",
    }
    inner = {"stroke": fill, "stroke-width": f"{width:.4f}", "stroke-linecap": "round"}
    return [Shape("line", ends, outline), Shape("line", ends, inner)]


def _points(pts: list[np.ndarray], mirror: float) -> str:
    return " ".join(f"{x:.4f},{y:.4f}" for x, y in (_xy(p, mirror) for p in pts))


def _foot(pose: BodyPose, side: str, fill: str, mirror: float) -> Shape:
    pts = [pose.points[f"{k}.{side}"] for k in ("ankle", "heel", "ball", "ball_top")]
    style = {
        "fill": fill,
        "stroke": INK["line"],
        "stroke-width": "0.014",
        "stroke-linejoin": "round",
    }
    return Shape("polygon", {"points": _points(pts, mirror)}, style)


def _limbs(
    pose: BodyPose, side: str, fill: str, fig: Figure, mirror: float
) -> tuple[list[Shape], list[Shape]]:
    p = pose.points
    leg = [
        *_capsule(p[f"hip.{side}"], p[f"knee.{side}"], fig.thick("thigh"), fill, mirror),
        *_capsule(p[f"knee.{side}"], p[f"ankle.{side}"], fig.thick("shank"), fill, mirror),
        _foot(pose, side, fill, mirror),
        *_capsule(p[f"ball_top.{side}"], p[f"toe_top.{side}"], 0.02, fill, mirror),
    ]
    arm = [
        *_capsule(p[f"shoulder.{side}"], p[f"elbow.{side}"], fig.thick("upper_arm"), fill, mirror),
        *_capsule(p[f"elbow.{side}"], p[f"wrist.{side}"], fig.thick("forearm"), fill, mirror),
        *_capsule(p[f"wrist.{side}"], p[f"hand.{side}"], fig.thick("hand"), fill, mirror),
    ]
    return leg, arm


def _torso(pose: BodyPose, fig: Figure, mirror: float) -> list[Shape]:
    p = pose.points
    axis = p["neck_base"] - p["pelvis"]
    normal = np.array([-axis[1], axis[0], 0.0])
    normal = normal / (float(np.linalg.norm(normal)) or 1.0)
    half = {k: support_distance(pose, k, normal, fig) for k in ("pelvis", "waist", "chest")}
    outline = [
        p["pelvis"] + normal * half["pelvis"],
        p["waist"] + normal * half["waist"] * 0.96,
        p["chest"] + normal * half["chest"],
        p["neck_base"] + normal * half["chest"] * 0.7,
        p["neck_base"] - normal * half["chest"] * 0.7,
        p["chest"] - normal * half["chest"],
        p["waist"] - normal * half["waist"] * 0.96,
        p["pelvis"] - normal * half["pelvis"],
    ]
    style = {
        "fill": INK["trunk"],
        "stroke": INK["line"],
        "stroke-width": "0.014",
        "stroke-linejoin": "round",
    }
    cx, cy = _xy(p["pelvis"], mirror)
    hips = Shape("circle", {"cx": cx, "cy": cy, "r": round(half["pelvis"], 4)}, style)
    return [hips, Shape("polygon", {"points": _points(outline, mirror)}, style)]


def _head(pose: BodyPose, fig: Figure, mirror: float) -> list[Shape]:
    p = pose.points
    cx, cy = _xy(p["head"], mirror)
    ex, ey = _xy(p["eye"], mirror)
    style = {"fill": INK["near"], "stroke": INK["line"], "stroke-width": "0.014"}
    facing = 1.0 if float(p["eye"][2] - p["head"][2]) > -0.02 else 0.0
    return [
        *_capsule(p["neck_base"], p["head"], fig.thick("neck"), INK["near"], mirror),
        Shape("circle", {"cx": cx, "cy": cy, "r": fig.thick("head") / 2}, style),
        Shape("circle", {"cx": ex, "cy": ey, "r": 0.011, "opacity": facing}, {"fill": INK["eye"]}),
    ]


def near_side(scene: Scene, /) -> str:
    """The side nearer the viewer over the whole cycle (drawn last, in the stronger colour)."""
    depth = sum(
        float(pose.points["hip.work"][2] - pose.points["hip.other"][2])
        + float(pose.points["shoulder.work"][2] - pose.points["shoulder.other"][2])
        for pose in scene.poses
    )
    return "work" if depth >= -1e-6 else "other"


def body_shapes(pose: BodyPose, near: str, fig: Figure, /, *, mirror: float) -> list[Shape]:
    """The figure for ``pose``: far limbs, trunk and head, then the near limbs."""
    far = "other" if near == "work" else "work"
    far_leg, far_arm = _limbs(pose, far, INK["far"], fig, mirror)
    near_leg, near_arm = _limbs(pose, near, INK["near"], fig, mirror)
    return [
        *far_arm, *far_leg, *_torso(pose, fig, mirror), *_head(pose, fig, mirror),
        *near_leg, *near_arm,
    ]  # fmt: skip
