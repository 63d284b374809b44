"""Small SVG line charts that read on a phone: one series, dated points, a plain axis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

__all__ = ["line_chart"]

WIDTH, HEIGHT, PAD = 340, 160, 28


def line_chart(points: Sequence[tuple[dt.date, float]], /, *, top: float, label: str) -> str:
    """An accessible SVG of ``points`` (oldest first) on a 0..``top`` scale."""
    if not points:
        return ""
    first, last = points[0][0], points[-1][0]
    span = max(1, (last - first).days)

    def xy(day: dt.date, value: float) -> tuple[float, float]:
        x = PAD + (WIDTH - 2 * PAD) * (day - first).days / span
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * min(value, top) / top
        return round(x, 1), round(y, 1)

    path = " ".join(f"{x},{y}" for x, y in (xy(d, v) for d, v in points))
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="3.5"/>' for x, y in (xy(d, v) for d, v in points))
    words = ", ".join(f"{d.isoformat()}: {v:g}" for d, v in points)
    base, right = HEIGHT - PAD, WIDTH - PAD
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}: {escape(words)}"><title>{escape(label)}</title>'
        f'<line class="axis" x1="{PAD}" y1="{base}" x2="{right}" y2="{base}"/>'
        f'<text x="{PAD}" y="{HEIGHT - 8}">{first.strftime("%d %b")}</text>'
        f'<text x="{right}" y="{HEIGHT - 8}" text-anchor="end">{last.strftime("%d %b")}</text>'
        f'<text x="4" y="{PAD}">{top:g}</text><text x="4" y="{base}">0</text>'
        f'<polyline points="{path}"/>{dots}</svg>'
    )
