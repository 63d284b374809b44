"""Props drawn simply: the floor, furniture standing on it, and things the body holds."""

from __future__ import annotations

from kinchain.program.demonstration import BodyPose, PlacedProp
from kinchain.report.demonstration.shapes import INK, Shape

__all__ = ["floor_shapes", "held_shapes", "standing_shapes"]

_LINE = {"stroke": INK["prop_line"], "stroke-width": "0.01", "stroke-linejoin": "round"}
_FILL = {"fill": INK["prop"], **_LINE}


def _rect(x: float, y: float, w: float, h: float, style: dict[str, str]) -> Shape:
    """A rectangle from world (x, y) (its lower left) ``w`` wide and ``h`` tall."""
    attrs = {
        "x": round(x, 4),
        "y": round(-(y + h), 4),
        "width": round(w, 4),
        "height": round(h, 4),
        "rx": 0.008,
    }
    return Shape("rect", attrs, style)


def floor_shapes(left: float, right: float) -> list[Shape]:
    """The floor: a shaded band under a firm line from ``left`` to ``right``."""
    band = _rect(left, -0.06, right - left, 0.06, {"fill": "#eeeae4"})
    line = Shape(
        "line",
        {"x1": left, "y1": 0.0, "x2": right, "y2": 0.0},
        {"stroke": "#6b6257", "stroke-width": "0.012"},
    )
    return [band, line]


def _chair(p: PlacedProp, mirror: float, back_at: float) -> list[Shape]:
    x, h, w = mirror * p.x, p.height, p.width
    back_x = x + back_at * mirror * w / 2
    return [
        _rect(x - w / 2 + 0.01, 0.0, 0.025, h, _FILL),
        _rect(x + w / 2 - 0.035, 0.0, 0.025, h, _FILL),
        _rect(back_x - 0.0125, h, 0.025, 0.24, _FILL),
        _rect(x - w / 2, h - 0.03, w, 0.03, _FILL),
    ]


def standing_shapes(p: PlacedProp, mirror: float, *, back_at: float = -1.0) -> list[Shape]:
    """A prop that stands still: furniture, a wall, a step, a mat, a cushion or a ball.

    ``back_at`` is -1 when the chair's backrest stands behind the sitter (on the world's -x side
    before mirroring), +1 in front.
    """
    x, w, h = mirror * p.x, p.width, p.height
    if p.shape == "chair":
        return _chair(p, mirror, back_at)
    if p.shape == "wall" and p.behind:  # seen face on, behind the figure (centred on it)
        return [_rect(-0.45, 0.0, 0.9, 1.15, {"fill": "#efebe4", "stroke": "none"})]
    if p.shape == "tape":
        return [_rect(x - w / 2, 0.0, w, h, {"fill": "#5a5a5a", "stroke": "none"})]
    if p.shape == "wall":
        thick = 0.05
        left = x if mirror * p.facing < 0 else x - thick
        return [_rect(left, -0.02, thick, 1.2, {"fill": "#d8d2c8", **_LINE})]
    if p.shape == "counter":
        return [
            _rect(x - w / 2, 0.0, w, h - 0.03, {"fill": "#e2d8c8", **_LINE}),
            _rect(x - w / 2 - 0.02, h - 0.03, w + 0.04, 0.03, _FILL),
        ]
    if p.shape == "ball":
        return [
            Shape(
                "circle",
                {"cx": x, "cy": round(-(p.y + h / 2), 4), "r": h / 2},
                {"fill": "#d9e26a", **_LINE},
            )
        ]
    if p.shape in ("mat", "cushion", "towel"):
        colour = {"mat": "#9fc7a6", "cushion": "#e6b8c9", "towel": "#f1d58a"}[p.shape]
        return [_rect(x - w / 2, p.y, w, h - p.y, {"fill": colour, **_LINE})]
    return [_rect(x - w / 2, 0.0, w, h, _FILL)]


def held_shapes(p: PlacedProp, pose: BodyPose, mirror: float) -> list[Shape]:
    """A band, stick or bag that follows the body point it is held at (``holds``)."""
    if p.holds is None:
        return []
    at = pose.points[p.holds]
    hx, hy = round(mirror * float(at[0]), 4), round(-float(at[1]), 4)
    if p.shape == "band":
        if p.to is not None:
            end = pose.points[p.to]
            tx, ty = round(mirror * float(end[0]), 4), round(-float(end[1]), 4)
        else:
            tx, ty = mirror * p.x, -p.y
        return [
            Shape(
                "line",
                {"x1": tx, "y1": ty, "x2": hx, "y2": hy},
                {"stroke": INK["band"], "stroke-width": "0.014"},
            )
        ]
    if p.shape == "stick":
        end = pose.points[p.to] if p.to is not None else at
        ex, ey = mirror * float(end[0]), -float(end[1])
        dx, dy = ex - hx, ey - hy
        return [
            Shape(
                "line",
                {
                    "x1": round(hx - 0.4 * dx, 4),
                    "y1": round(hy - 0.4 * dy, 4),
                    "x2": round(ex + 0.4 * dx, 4),
                    "y2": round(ey + 0.4 * dy, 4),
                },
                {"stroke": "#8a5a2b", "stroke-width": "0.02", "stroke-linecap": "round"},
            )
        ]
    return [
        Shape(
            "rect",
            {
                "x": round(hx - 0.04, 4),
                "y": round(hy + 0.01, 4),
                "width": 0.08,
                "height": 0.1,
                "rx": 0.015,
            },
            {"fill": "#a37c5b", **_LINE},
        )
    ]
