"""Exercise demonstrations as data: for every exercise a posture, props, the side that works and
2-4 keyframes of joint angles, checked against normal joint ranges and placed on the floor by
forward kinematics of a figure with cited segment proportions.

``demonstrations.yaml`` and ``figure.yaml`` (beside :mod:`kinchain.program`) hold the knowledge;
:mod:`kinchain.report.demonstration` draws it.
"""

from kinchain.program.demonstration.kinematics import BodyPose, body_pose
from kinchain.program.demonstration.library import (
    default_demonstrations,
    default_figure,
    parse_demonstrations,
    parse_figure,
    resolve_angles,
)
from kinchain.program.demonstration.model import (
    Contact,
    Demonstration,
    Figure,
    Keyframe,
    Prop,
    PropPlacement,
)
from kinchain.program.demonstration.staging import (
    PlacedProp,
    Scene,
    angle_problems,
    contact_problems,
    pose_between,
    stage,
)

__all__ = [
    "BodyPose",
    "Contact",
    "Demonstration",
    "Figure",
    "Keyframe",
    "PlacedProp",
    "Prop",
    "PropPlacement",
    "Scene",
    "angle_problems",
    "body_pose",
    "contact_problems",
    "default_demonstrations",
    "default_figure",
    "parse_demonstrations",
    "parse_figure",
    "pose_between",
    "resolve_angles",
    "stage",
]
