"""The checked demonstration data as frozen values: the figure, props, keyframes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Contact", "Demonstration", "Figure", "Keyframe", "Prop", "PropPlacement"]


@dataclass(frozen=True)
class Figure:
    """Segment lengths and drawn thicknesses (fractions of body height) and the normal range
    (low, high) in degrees of every joint."""

    lengths: Mapping[str, float]
    thickness: Mapping[str, float]
    ranges: Mapping[str, tuple[float, float]]

    def length(self, name: str, /) -> float:
        return self.lengths[name]

    def thick(self, name: str, /) -> float:
        return self.thickness[name]


@dataclass(frozen=True)
class Contact:
    """A body point (``heel.work``, ``pelvis``) resting on a surface (``floor`` or a prop id)."""

    point: str
    on: str


@dataclass(frozen=True)
class Prop:
    id: str
    words: str
    shape: str
    height: float
    width: float


@dataclass(frozen=True)
class PropPlacement:
    """A prop in one demonstration: ``x`` relative to the first keyframe's pelvis; ``holds`` the
    body point a band, stick or bag follows, ``to`` a second point (a stick's other end);
    ``behind`` a wall seen behind a figure facing the viewer."""

    prop: Prop
    x: float
    y: float
    holds: str | None
    to: str | None
    behind: bool = False


@dataclass(frozen=True)
class Keyframe:
    """One position of the cycle: every angle resolved for both sides, the seconds to move into
    it and to hold it, the contacts that bear weight in it, and how far it floats (a hop)."""

    angles: Mapping[str, float]
    hold_s: float
    move_s: float
    contacts: tuple[Contact, ...]
    lift: float


@dataclass(frozen=True)
class Demonstration:
    """How one exercise is shown: posture, props, which side works, 2-4 keyframes."""

    exercise_id: str
    posture: str
    posture_words: str
    works: str
    shows: str
    props: tuple[PropPlacement, ...]
    frames: tuple[Keyframe, ...]

    @property
    def cycle_s(self) -> float:
        """Seconds of one loop: every move and hold, back to the first position."""
        return sum(f.move_s + f.hold_s for f in self.frames)
