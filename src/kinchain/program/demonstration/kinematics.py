"""Forward kinematics of the demonstration figure: joint angles to body points, then placed on
the floor or a prop.

Conventions, stated once. The figure is 1 tall (every length a fraction of body height). World
axes: x to the viewer's right, y up, z toward the viewer; the floor is y = 0. The body's own
axes: x forward, y toward the head, z to the working side, which faces the viewer in a profile
drawing. A pose maps point names (``knee.work``, ``pelvis``...) to 3-vectors; a drawing drops z.
Angles are in degrees with the anatomical meaning of :data:`~.schema.JOINTS`.

>>> from kinchain.program.demonstration.library import default_figure
>>> pose = body_pose({}, default_figure())
>>> round(float(pose.points["hip.work"][1] - pose.points["heel.work"][1]), 3)
0.53
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kinchain.program.demonstration.model import Figure

__all__ = ["SIDES", "BodyPose", "body_pose", "support_distance"]

Vec = npt.NDArray[np.float64]
SIDES = ("work", "other")
#: where the heel and the ball of the foot sit along the foot's length, and how thick the toes
#: are drawn: drawing heuristics, not measurements
_HEEL_BEHIND_ANKLE, _BALL_FROM_HEEL, _TOE_THICKNESS = 0.23, 0.73, 0.012
_SIGN = {"work": 1.0, "other": -1.0}


def _rx(deg: float) -> Vec:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def _ry(deg: float) -> Vec:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])


def _rz(deg: float) -> Vec:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


@dataclass(frozen=True)
class BodyPose:
    """Body points (world axes, pelvis at the origin before placing) and the trunk's axes.

    ``pelvis_axes`` and ``chest_axes`` are 3x3 matrices whose columns are the body's forward,
    headward and working-side directions at the pelvis and at the chest.
    """

    points: Mapping[str, Vec]
    pelvis_axes: Vec
    chest_axes: Vec

    def moved(self, shift: Vec, /) -> BodyPose:
        """The same pose translated by ``shift``."""
        return BodyPose(
            {k: v + shift for k, v in self.points.items()}, self.pelvis_axes, self.chest_axes
        )


def _angle(angles: Mapping[str, float], name: str) -> float:
    return float(angles.get(name, 0.0))


def _leg(
    points: dict[str, Vec],
    root: Vec,
    at: Vec,
    side: str,
    angles: Mapping[str, float],
    fig: Figure,
) -> None:
    sign, a = _SIGN[side], (lambda j: _angle(angles, f"{j}.{side}"))
    hip = at + root @ np.array([0.0, 0.0, sign * fig.length("hip_width") / 2])
    thigh = root @ _rz(a("hip")) @ _rx(-sign * a("hip_abd")) @ _ry(-sign * a("hip_rot"))
    knee = hip + thigh @ np.array([0.0, -fig.length("thigh"), 0.0])
    shank = thigh @ _rz(-a("knee"))
    ankle = knee + shank @ np.array([0.0, -fig.length("shank"), 0.0])
    foot = shank @ _rz(a("ankle"))
    toes = foot @ _rz(a("toes"))
    sole, length = -fig.length("ankle_height"), fig.length("foot")
    heel_back, ball_at = _HEEL_BEHIND_ANKLE * length, _BALL_FROM_HEEL * length
    ball = ankle + foot @ np.array([ball_at - heel_back, sole, 0.0])
    tip = ball + toes @ np.array([length - ball_at, 0.0, 0.0])
    lift = np.array([0.0, _TOE_THICKNESS, 0.0])
    points.update({
        f"hip.{side}": hip,
        f"knee.{side}": knee,
        f"ankle.{side}": ankle,
        f"heel.{side}": ankle + foot @ np.array([-heel_back, sole, 0.0]),
        f"ball.{side}": ball,
        f"toe.{side}": tip,
        f"ball_top.{side}": ball + foot @ lift,
        f"toe_top.{side}": tip + toes @ lift,
    })  # fmt: skip


def _arm(
    points: dict[str, Vec],
    chest: Vec,
    neck_base: Vec,
    side: str,
    angles: Mapping[str, float],
    fig: Figure,
) -> None:
    sign, a = _SIGN[side], (lambda j: _angle(angles, f"{j}.{side}"))
    shoulder = neck_base + chest @ np.array([0.0, -0.02, sign * fig.length("shoulder_width") / 2])
    upper = chest @ _rz(a("shoulder")) @ _rx(-sign * a("shoulder_abd"))
    elbow = shoulder + upper @ np.array([0.0, -fig.length("upper_arm"), 0.0])
    fore = upper @ _rz(a("elbow"))
    wrist = elbow + fore @ np.array([0.0, -fig.length("forearm"), 0.0])
    hand = fore @ _rz(-a("wrist"))
    points.update({
        f"shoulder.{side}": shoulder,
        f"elbow.{side}": elbow,
        f"wrist.{side}": wrist,
        f"palm.{side}": wrist + hand @ np.array([0.0, -0.4 * fig.length("hand"), 0.0]),
        f"hand.{side}": wrist + hand @ np.array([0.0, -fig.length("hand"), 0.0]),
    })  # fmt: skip


def body_pose(angles: Mapping[str, float], fig: Figure, /) -> BodyPose:
    """Every body point for ``angles`` (resolved names, e.g. ``knee.work``; missing = 0)."""
    root = (
        _ry(_angle(angles, "turn"))
        @ _rz(-_angle(angles, "tilt"))
        @ _rx(_angle(angles, "lean"))
        @ _ry(_angle(angles, "roll"))
    )
    chest = (
        root
        @ _rz(-_angle(angles, "spine"))
        @ _rx(_angle(angles, "spine_side"))
        @ _ry(-_angle(angles, "spine_turn"))
    )
    origin = np.zeros(3)
    points: dict[str, Vec] = {"pelvis": origin}
    neck_base = chest @ np.array([0.0, fig.length("trunk"), 0.0])
    head = chest @ _rz(-_angle(angles, "neck"))
    points["waist"] = neck_base * 0.45
    points["chest"] = neck_base * 0.85
    points["neck_base"] = neck_base
    points["head"] = neck_base + head @ np.array([0.012, fig.length("neck"), 0.0])
    points["eye"] = points["head"] + head @ np.array([0.04, 0.012, 0.0])
    for side in SIDES:
        _leg(points, root, origin, side, angles, fig)
        _arm(points, chest, neck_base, side, angles, fig)
    return BodyPose(points, root, chest)


#: body points that rest on a surface with the trunk's outline, where that outline is, and how
#: far the buttocks reach below the hip joints (sitting), a drawing heuristic
_TRUNK_POINTS = {
    "pelvis": ("pelvis", 0.0, 0.05),
    "waist": ("pelvis", 0.5, 0.0),
    "chest": ("chest", 1.0, 0.0),
}
#: body points resting with a limb's rounded surface, and that limb's thickness name
_LIMB_RADIUS = {
    "knee": "shank", "elbow": "forearm", "palm": "hand", "head": "head", "shoulder": "upper_arm",
}  # fmt: skip


def support_distance(pose: BodyPose, point: str, direction: Vec, fig: Figure, /) -> float:
    """How far the body's surface lies from ``point`` in ``direction`` (a unit world vector):
    the trunk's outline (an ellipsoid) for pelvis, waist and chest; half a limb's thickness for
    a knee, elbow, shoulder, palm or head; 0 for a heel or toe, which already lie on the sole."""
    base = point.split(".")[0]
    if base in _TRUNK_POINTS:
        which, mix, seat = _TRUNK_POINTS[base]
        axes = pose.pelvis_axes if which == "pelvis" else pose.chest_axes
        depth = (1 - mix) * fig.thick("pelvis_depth") + mix * fig.thick("chest_depth")
        width = (1 - mix) * fig.thick("pelvis_width") + mix * fig.thick("chest_width")
        along = axes.T @ direction
        return math.hypot(depth / 2 * along[0], seat * along[1], width / 2 * along[2])
    if base in _LIMB_RADIUS:
        return fig.thick(_LIMB_RADIUS[base]) / 2
    return 0.0
