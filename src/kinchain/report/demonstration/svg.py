"""Demonstration SVGs: a smoothly looping animation (SMIL ``<animate>``, no script) and still
frames for print with a ghosted next position and an arrow showing where the body moves.

Coordinates are in body heights (the figure is 1 tall); ``PX`` pixels draw one body height.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from kinchain.program.demonstration import BodyPose, Figure, Scene, pose_between
from kinchain.report.demonstration.props import floor_shapes, held_shapes, standing_shapes
from kinchain.report.demonstration.shapes import Shape, body_shapes, near_side

__all__ = ["PX", "Canvas", "animated_svg", "still_frames", "still_strip"]

#: pixels per body height in the drawn SVG (its viewBox stays in body heights)
PX = 150
_STEPS = 8  # samples per movement in the animation
_MARGIN = 0.1
_MOVERS = (
    "hand.work", "hand.other", "toe.work", "toe.other", "knee.work", "knee.other", "head",
    "pelvis", "elbow.work", "elbow.other",
)  # fmt: skip
_ARROW = "#e0701f"


@dataclass(frozen=True)
class Canvas:
    """A drawing: the scene, the side shown (mirror -1 for the left side), its bounds, and the
    title and description a screen reader reads."""

    scene: Scene
    fig: Figure
    mirror: float
    title: str
    description: str
    uid: str

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, width, height) in screen units covering every pose and prop."""
        xs, ys = [], []
        for pose in _all_poses(self):
            for p in pose.points.values():
                xs.append(self.mirror * float(p[0]))
                ys.append(-float(p[1]))
        for prop in self.scene.props:
            xs += [self.mirror * prop.x - prop.width / 2, self.mirror * prop.x + prop.width / 2]
            ys.append(-prop.height)
        ys.append(0.06)
        left, right = min(xs) - _MARGIN - 0.04, max(xs) + _MARGIN + 0.04
        top = min(ys) - _MARGIN - 0.06
        return left, top, right - left, max(ys) + 0.02 - top


def _all_poses(c: Canvas) -> Iterable[BodyPose]:
    yield from c.scene.poses
    for i in range(len(c.scene.poses)):
        yield pose_between(c.scene, i, 0.5, c.fig)


def _ease(f: float) -> float:
    return f * f * (3 - 2 * f)


def _timeline(c: Canvas) -> list[tuple[float, BodyPose]]:
    frames, t = c.scene.demo.frames, 0.0
    out = [(0.0, c.scene.poses[0])]
    for i, frame in enumerate(frames):
        t += frame.hold_s
        out.append((t, c.scene.poses[i]))
        nxt = frames[(i + 1) % len(frames)]
        for k in range(1, _STEPS + 1):
            t += nxt.move_s / _STEPS
            pose = pose_between(c.scene, i, _ease(k / _STEPS), c.fig)
            out.append((t, pose))
    return out


def _figure(c: Canvas, pose: BodyPose, near: str) -> list[Shape]:
    held = [s for p in c.scene.props for s in held_shapes(p, pose, c.mirror)]
    return [*body_shapes(pose, near, c.fig, mirror=c.mirror), *held]


def _attrs(values: dict[str, float | str]) -> str:
    return " ".join(f'{k}="{_num(v)}"' for k, v in values.items())


def _num(v: float | str) -> str:
    return v if isinstance(v, str) else f"{v:.4f}".rstrip("0").rstrip(".")


def _element(shape: Shape, extra: str = "", children: str = "") -> str:
    style = " ".join(f'{k}="{v}"' for k, v in shape.style.items())
    body = f"<{shape.tag} {_attrs(dict(shape.attrs))} {style}{extra}"
    return f"{body}>{children}</{shape.tag}>" if children else f"{body}/>"


def _backdrop(c: Canvas, left: float, width: float) -> list[str]:
    pose = c.scene.poses[0]
    forward = float(pose.pelvis_axes[0, 0])
    back_at = -1.0 if forward >= 0 else 1.0
    shapes = floor_shapes(left, left + width)
    for prop in c.scene.props:
        if prop.holds is None:
            shapes += standing_shapes(prop, c.mirror, back_at=back_at)
    return [_element(s) for s in shapes]


def _open(c: Canvas, box: tuple[float, float, float, float], kind: str) -> str:
    left, top, width, height = box
    t, d = html.escape(c.title), html.escape(c.description)
    uid = f"{c.uid}-{kind}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_num(left)} {_num(top)} '
        f'{_num(width)} {_num(height)}" width="{round(width * PX)}" '
        f'height="{round(height * PX)}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'class="kc-demo kc-demo-{kind}">'
        f'<title id="{uid}-t">{t}</title><desc id="{uid}-d">{d}</desc>'
    )


def animated_svg(c: Canvas, /) -> str:
    """One looping animation of the whole cycle, each shape's attributes interpolated."""
    box = c.bounds()
    near = near_side(c.scene)
    timeline = _timeline(c)
    total = timeline[-1][0]
    keys = ";".join(_num(t / total) for t, _ in timeline)
    sampled = [_figure(c, pose, near) for _, pose in timeline]
    parts = [_open(c, box, "animated"), *_backdrop(c, box[0], box[2])]
    for index, shape in enumerate(sampled[0]):
        anims = []
        for name in shape.attrs:
            values = [s[index].attrs[name] for s in sampled]
            if len(set(values)) > 1:
                joined = ";".join(_num(v) for v in values)
                anims.append(
                    f'<animate attributeName="{name}" values="{joined}" keyTimes="{keys}" '
                    f'dur="{_num(total)}s" repeatCount="indefinite"/>'
                )
        parts.append(_element(shape, children="".join(anims)))
    return "".join(parts) + "</svg>"


def _mover(a: BodyPose, b: BodyPose) -> tuple[np.ndarray, np.ndarray] | None:
    best = max(_MOVERS, key=lambda n: float(np.linalg.norm(b.points[n] - a.points[n])))
    start, end = a.points[best], b.points[best]
    return None if float(np.linalg.norm(end - start)) < 0.04 else (start, end)


def _arrow(c: Canvas, a: BodyPose, b: BodyPose) -> str:
    found = _mover(a, b)
    if found is None:
        return ""
    start, end = (np.array([c.mirror * p[0], -p[1]]) for p in found)
    gap = end - start
    length = float(np.linalg.norm(gap))
    start, end = start + gap * min(0.15, 0.05 / length), end - gap * min(0.15, 0.05 / length)
    side = np.array([-gap[1], gap[0]]) / length * 0.12 * length
    bend = (start + end) / 2 + side
    head = end - (end - bend) / float(np.linalg.norm(end - bend)) * 0.04
    wing = np.array([-(end - head)[1], (end - head)[0]]) * 0.6
    path = (
        f"M{_num(start[0])},{_num(start[1])} Q{_num(bend[0])},{_num(bend[1])} "
        f"{_num(head[0])},{_num(head[1])}"
    )
    tip = " ".join(f"{_num(p[0])},{_num(p[1])}" for p in (end, head + wing, head - wing))
    return (
        f'<path d="{path}" fill="none" stroke="{_ARROW}" stroke-width="0.014" '
        f'stroke-linecap="round"/><polygon points="{tip}" fill="{_ARROW}"/>'
    )


def _panel(c: Canvas, index: int, box: tuple[float, float, float, float], near: str) -> str:
    poses = c.scene.poses
    pose, nxt = poses[index], poses[(index + 1) % len(poses)]
    ghost = "".join(_element(s) for s in _figure(c, nxt, near))
    solid = "".join(_element(s) for s in _figure(c, pose, near))
    left, top = box[0], box[1]
    label = (
        f'<text x="{_num(left + 0.04)}" y="{_num(top + 0.1)}" font-size="0.08" '
        f'font-family="sans-serif" fill="#555">{index + 1}</text>'
    )
    return (
        f'{"".join(_backdrop(c, left, box[2]))}<g opacity="0.22">{ghost}</g>{solid}'
        f"{_arrow(c, pose, nxt)}{label}"
    )


def still_frames(c: Canvas, /) -> tuple[str, ...]:
    """One still SVG per keyframe: the position, the next one ghosted, an arrow between."""
    box = c.bounds()
    near = near_side(c.scene)
    return tuple(
        _open(c, box, f"frame{i + 1}") + _panel(c, i, box, near) + "</svg>"
        for i in range(len(c.scene.poses))
    )


def still_strip(c: Canvas, /) -> str:
    """All keyframes side by side in one SVG, for print."""
    left, top, width, height = c.bounds()
    near = near_side(c.scene)
    count = len(c.scene.poses)
    gap = 0.06
    strip = (left, top, count * width + (count - 1) * gap, height)
    parts = [_open(c, strip, "strip")]
    for i in range(count):
        dx = i * (width + gap)
        panel = _panel(c, i, (left, top, width, height), near)
        parts.append(f'<g transform="translate({_num(dx)},0)">{panel}</g>')
    return "".join(parts) + "</svg>"
