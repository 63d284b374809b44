"""The shapes of ``figure.yaml`` and ``demonstrations.yaml`` as declarative models.

:mod:`kinchain.program.demonstration.library` loads them; this module only says what a valid
entry looks like (names, ranges, one to four keyframes) so a coach-edited file fails with the
file, the key and the bad value.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from kinchain.knowledge import (
    STRICT,
    CitedRecord,
    Keys,
    Knowledge,
    Prose,
    in_range,
    one_of,
    refuse,
)

__all__ = [
    "ANGLE_NAMES",
    "CONTACT_POINTS",
    "JOINTS",
    "LIMB_JOINTS",
    "ROOT_ANGLES",
    "SEGMENTS",
    "SPINE_JOINTS",
    "THICKNESSES",
    "Contacts",
    "DemonstrationDoc",
    "DemonstrationsDoc",
    "FigureDoc",
    "KeyframeDoc",
    "PostureDoc",
    "PropDoc",
    "PropPlacementDoc",
    "RangeDoc",
    "SegmentDoc",
]

#: joints of each limb; ``hip`` applies to both legs, ``hip.work`` / ``hip.other`` to one
LIMB_JOINTS = (
    "hip", "hip_abd", "hip_rot", "knee", "ankle", "toes", "shoulder", "shoulder_abd", "elbow",
    "wrist",
)  # fmt: skip
SPINE_JOINTS = ("spine", "spine_side", "spine_turn", "neck")
#: the whole body's orientation: tilt forward (90 face down, -90 on the back), lean toward the
#: working side, roll about the long axis (90: the working side up), turn about the vertical
#: (-90: facing the viewer)
ROOT_ANGLES = ("tilt", "lean", "roll", "turn")
JOINTS = LIMB_JOINTS + SPINE_JOINTS
SEGMENTS = (
    "thigh", "shank", "foot", "ankle_height", "trunk", "neck", "upper_arm", "forearm", "hand",
    "hip_width", "shoulder_width",
)  # fmt: skip
THICKNESSES = (
    "thigh", "shank", "foot", "upper_arm", "forearm", "hand", "neck", "pelvis_depth",
    "pelvis_width", "chest_depth", "chest_width", "head",
)  # fmt: skip
_SIDED_JOINTS = tuple(f"{j}.{s}" for j in LIMB_JOINTS for s in ("work", "other"))
ANGLE_NAMES = frozenset((*ROOT_ANGLES, *SPINE_JOINTS, *LIMB_JOINTS, *_SIDED_JOINTS))
#: body points that can rest on a surface; ``heel`` means both heels, ``heel.work`` one
_SIDED_POINTS = ("heel", "toe", "knee", "hand", "elbow", "shoulder")
#: pelvis, waist and chest rest on a surface with the trunk's outline (its depth or its width)
_ONE_SIDE = tuple(f"{p}.{s}" for p in _SIDED_POINTS for s in ("work", "other"))
CONTACT_POINTS = frozenset(("pelvis", "waist", "chest", "head", *_SIDED_POINTS, *_ONE_SIDE))
Degrees = Annotated[float, STRICT, in_range(-180, 180)]
Fraction = Annotated[float, STRICT, in_range(0, 2)]
Seconds = Annotated[float, STRICT, in_range(0, 30)]
_ID = r"^[a-z][a-z0-9_]*$"


def _known_angles(angles: dict[str, float], where: str) -> None:
    unknown = sorted(set(angles) - ANGLE_NAMES)
    if unknown:
        raise refuse(
            f"unknown angle(s) {unknown}, expected names like 'hip' or 'knee.work'", at=where
        )


class SegmentDoc(CitedRecord):
    length: Annotated[float, STRICT, in_range(0, 1, lo_open=True)]


class RangeDoc(CitedRecord):
    joint: Annotated[str, STRICT]
    low: Degrees
    high: Degrees

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        one_of(JOINTS, self.joint, at="joint")
        if not self.low <= 0 <= self.high:
            raise refuse(f"expected low <= 0 <= high, got {self.low}..{self.high}", at="low")
        return self


class FigureDoc(Knowledge):
    cite: Keys
    segments: dict[str, SegmentDoc]
    thickness: dict[str, Annotated[float, STRICT, in_range(0, 0.5, lo_open=True)]]
    ranges: tuple[RangeDoc, ...]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        for where, needed, given in (
            ("ranges", JOINTS, {r.joint for r in self.ranges}),
            ("segments", SEGMENTS, set(self.segments)),
            ("thickness", THICKNESSES, set(self.thickness)),
        ):
            missing = sorted(set(needed) - given)
            if missing:
                raise refuse(f"expected every one of {list(needed)}, missing {missing}", at=where)
        return self


def _known_contacts(contacts: dict[str, str] | None, where: str) -> None:
    for point in contacts or {}:
        if point not in CONTACT_POINTS:
            raise refuse(f"{point!r} is not one of {sorted(CONTACT_POINTS)}", at=where)


#: resting body points in order (the first places the body): point -> surface (floor, prop id)
Contacts = dict[str, Annotated[str, STRICT, Field(pattern=_ID)]]


class PropDoc(Knowledge):
    """A household thing drawn as a simple shape; ``height`` is its top (walls: none)."""

    words: Prose
    shape: Literal[
        "chair", "counter", "box", "wall", "step", "mat", "ball", "band", "stick", "bag",
        "cushion", "towel", "tape",
    ]  # fmt: skip
    height: Fraction = 0.0
    width: Fraction = 0.0


class PropPlacementDoc(Knowledge):
    """Where a prop stands: ``x`` its centre (a wall: its face) relative to the pelvis in the
    first keyframe; a prop a contact rests on is placed under that contact instead. A band, a
    stick or a bag follows the body point ``holds`` (and a band is tied at ``x``, ``y``)."""

    prop: Annotated[str, STRICT, Field(pattern=_ID)]
    x: Annotated[float, STRICT, in_range(-2, 2)] = 0.0
    y: Annotated[float, STRICT, in_range(0, 2)] = 0.0
    holds: Annotated[str, STRICT] | None = None
    to: Annotated[str, STRICT] | None = None
    behind: Annotated[bool, STRICT] = False


class KeyframeDoc(Knowledge):
    angles: dict[str, Degrees] = Field(default_factory=dict)
    hold_s: Seconds
    move_s: Seconds = 1.0
    contacts: Contacts | None = None
    lift: Annotated[float, STRICT, in_range(0, 0.3)] = 0.0

    @model_validator(mode="after")
    def _names(self) -> Self:
        _known_angles(self.angles, "angles")
        _known_contacts(self.contacts, "contacts")
        return self


class PostureDoc(Knowledge):
    words: Prose
    angles: dict[str, Degrees] = Field(default_factory=dict)
    contacts: Contacts

    @model_validator(mode="after")
    def _names(self) -> Self:
        _known_angles(self.angles, "angles")
        _known_contacts(self.contacts, "contacts")
        return self


class DemonstrationDoc(Knowledge):
    exercise: Annotated[str, STRICT, Field(pattern=_ID)]
    posture: Annotated[str, STRICT, Field(pattern=_ID)]
    works: Literal["each", "both", "neither"]
    shows: Prose
    props: tuple[PropPlacementDoc, ...] = ()
    angles: dict[str, Degrees] = Field(default_factory=dict)
    contacts: Contacts | None = None
    frames: Annotated[tuple[KeyframeDoc, ...], Field(min_length=2, max_length=4)]

    @model_validator(mode="after")
    def _names(self) -> Self:
        _known_angles(self.angles, "angles")
        _known_contacts(self.contacts, "contacts")
        return self


class DemonstrationsDoc(Knowledge):
    props: dict[str, PropDoc]
    postures: dict[str, PostureDoc]
    demonstrations: tuple[DemonstrationDoc, ...]
