"""The report's mechanics figures drawn directly as SVG from the view's numbers.

matplotlib took about a second per report for three small plots (most of the HTML report's
time); these draw the same figures, labelled the same way, in a few milliseconds. Text stays
text (the page's font, selectable); ids are prefixed per figure so plots can share a page.
The output is deterministic: the same view gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from kinchain.report.view.model import EnergyFigure, Figure, GrfFigure, JointsFigure

__all__ = ["BASELINE_COLOUR", "CLIENT_COLOUR", "figure_svg", "nice_ticks"]

CLIENT_COLOUR = "#c2410c"
BASELINE_COLOUR = "#57534e"
_GRID = "#e7e5e4"
_INK = "#1c1917"
_FONT = 'font-family="sans-serif"'


def nice_ticks(low: float, high: float, /, *, count: int = 5) -> tuple[float, ...]:
    """Round tick values covering ``low``..``high`` (steps of 1, 2 or 5 times a power of ten).

    >>> nice_ticks(0, 2.3), nice_ticks(0, 250, count=6)
    ((0.0, 1.0, 2.0, 3.0), (0.0, 50.0, 100.0, 150.0, 200.0, 250.0))
    >>> nice_ticks(0, 0)
    (0.0, 1.0)
    """
    if not high > low:
        return (float(low), float(low) + 1.0)
    raw = (high - low) / max(count - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks, t = [], first
    while t < high + step * 0.999:
        ticks.append(round(t, 10) + 0.0)
        t += step
    return tuple(ticks)


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _tick_text(v: float) -> str:
    return f"{v:g}" if abs(v) >= 1 or v == 0 else f"{v:.2g}"


def _text(x: float, y: float, words: str, *, size: float = 10, anchor: str = "middle",
          weight: str = "normal", rotate: bool = False) -> str:  # fmt: skip
    turn = f' transform="rotate(-90 {_n(x)} {_n(y)})"' if rotate else ""
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}"'
            f'{bold}{turn} fill="{_INK}">{escape(words)}</text>')  # fmt: skip


class _Panel:
    """One plotting area: the box it takes on the canvas and the data ranges it shows."""

    def __init__(self, box: tuple[float, float, float, float], x: tuple[float, ...],
                 y: tuple[float, ...]) -> None:  # fmt: skip
        self.left, self.top, self.width, self.height = box
        self.x, self.y = x, y  # tick values; the first and last are the ends of each axis

    def px(self, v: float) -> float:
        lo, hi = self.x[0], self.x[-1]
        return self.left + (v - lo) / (hi - lo) * self.width

    def py(self, v: float) -> float:
        lo, hi = self.y[0], self.y[-1]
        return self.top + self.height - (v - lo) / (hi - lo) * self.height

    def axes(self, *, x_label: str, y_label: str, x_ticks: bool = True) -> list[str]:
        """Grid lines, tick labels, the two axis lines and their labels."""
        out = []
        for v in self.y:
            y = self.py(v)
            out.append(f'<line x1="{_n(self.left)}" y1="{_n(y)}" x2="{_n(self.left + self.width)}"'
                       f' y2="{_n(y)}" stroke="{_GRID}" stroke-width="0.8"/>')  # fmt: skip
            out.append(_text(self.left - 4, y + 3.5, _tick_text(v), size=9, anchor="end"))
        for v in self.x if x_ticks else ():
            out.append(_text(self.px(v), self.top + self.height + 12, _tick_text(v), size=9))
        bottom = self.top + self.height
        out.append(f'<path d="M{_n(self.left)} {_n(self.top)}V{_n(bottom)}'
                   f'H{_n(self.left + self.width)}" fill="none" stroke="{_INK}" stroke-width="1"/>')
        if x_label:
            out.append(_text(self.left + self.width / 2, bottom + 25, x_label, size=9.5))
        if y_label:
            out.append(_text(self.left - 32, self.top + self.height / 2, y_label, size=9.5,
                             rotate=True))  # fmt: skip
        return out

    def line(self, xs: Sequence[float], ys: Sequence[float], *, colour: str, width: float,
             dashed: bool) -> str:  # fmt: skip
        pairs = zip(xs, ys, strict=False)
        points = " ".join(f"{_n(self.px(x))},{_n(self.py(y))}" for x, y in pairs)
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        return (f'<polyline points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="{_n(width)}" stroke-linejoin="round"{dash}/>')


def _legend(right: float, y: float) -> list[str]:
    """The two keys, client first, ending at ``right``."""
    x = right - 230
    return [
        f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 22)}" y2="{_n(y)}" stroke="{CLIENT_COLOUR}"'
        ' stroke-width="2.4"/>',
        _text(x + 27, y + 3.5, "client", size=9.5, anchor="start"),
        f'<line x1="{_n(x + 80)}" y1="{_n(y)}" x2="{_n(x + 102)}" y2="{_n(y)}" '
        f'stroke="{BASELINE_COLOUR}" stroke-width="1.6" stroke-dasharray="6 4"/>',
        _text(x + 107, y + 3.5, "no-injury baseline", size=9.5, anchor="start"),
    ]


def _svg(width: float, height: float, title: str, body: list[str], *, uid: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" id="{uid}-svg" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'aria-labelledby="{uid}-title" {_FONT}><title id="{uid}-title">{escape(title)}</title>'
        + "".join(body) + "</svg>"
    )


def _scaled(values: Sequence[float] | None, scale: float) -> tuple[float, ...]:
    return tuple(v * scale for v in values or ())


def grf_svg(fig: GrfFigure, /) -> str:
    """The ground reaction force against time, client (solid) over baseline (dashed)."""
    scale = 1.0 / fig.body_weight_n if fig.body_weight_n else 1.0
    unit = "× body weight" if fig.body_weight_n else "N"
    client, base = _scaled(fig.client_n, scale), _scaled(fig.baseline_n, scale)
    t = fig.time_ms
    panel = _Panel((52, 22, 390, 190), nice_ticks(min(t), max(t), count=6),
                   nice_ticks(0.0, max((*client, *base, 0.0))))  # fmt: skip
    body = panel.axes(x_label="time after foot contact (ms)", y_label=f"force ({unit})")
    if base:
        body.append(panel.line(t, base, colour=BASELINE_COLOUR, width=1.6, dashed=True))
    body.append(panel.line(t, client, colour=CLIENT_COLOUR, width=2.4, dashed=False))
    body += _legend(442, 9)
    return _svg(460, 252, fig.title, body, uid="grf")


def joints_svg(fig: JointsFigure, /) -> str:
    """One small panel per joint, two across: force against time, client and baseline."""
    scale = 1.0 / fig.body_weight_n if fig.body_weight_n else 1.0
    unit = "× BW" if fig.body_weight_n else "N"
    t, n = fig.time_ms, max(len(fig.joints), 1)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    cell_w, cell_h, top = 460 / cols, 150.0, 26.0
    body = _legend(452, 10)
    for i, joint in enumerate(fig.joints):
        client, base = _scaled(joint.client_n, scale), _scaled(joint.baseline_n, scale)
        x0, y0 = (i % cols) * cell_w, top + (i // cols) * cell_h
        last_row = i // cols == rows - 1 or i + cols >= len(fig.joints)
        panel = _Panel((x0 + 48, y0 + 20, cell_w - 62, cell_h - 58), nice_ticks(min(t), max(t)),
                       nice_ticks(0.0, max((*client, *base, 0.0)), count=4))  # fmt: skip
        body.append(_text(x0 + 48, y0 + 12, joint.label, size=10, anchor="start", weight="bold"))
        body += panel.axes(x_label="time (ms)" if last_row else "", y_label=f"force ({unit})")
        if base:
            body.append(panel.line(t, base, colour=BASELINE_COLOUR, width=1.4, dashed=True))
        body.append(panel.line(t, client, colour=CLIENT_COLOUR, width=2.0, dashed=False))
    return _svg(460, top + rows * cell_h, fig.title, body, uid="jf")


def energy_svg(fig: EnergyFigure, /) -> str:
    """Energy absorbed per joint in joules, baseline (hatched grey) beside client (orange)."""
    bars = fig.bars
    top = max((v for b in bars for v in (b.client_j, b.baseline_j)), default=0.0)
    panel = _Panel((52, 22, 390, 170), (0.0, float(max(len(bars), 1))), nice_ticks(0.0, top))
    body = panel.axes(x_label="", y_label="energy absorbed (J)", x_ticks=False)
    body.insert(0, '<defs><pattern id="en-hatch" width="6" height="6" patternUnits="userSpaceOnUse"'
                f' patternTransform="rotate(45)"><rect width="6" height="6" fill="#d6d3d1"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BASELINE_COLOUR}" stroke-width="1"/>'
                "</pattern></defs>")  # fmt: skip
    width = panel.width / max(len(bars), 1) * 0.36
    for i, bar in enumerate(bars):
        middle = panel.px(i + 0.5)
        for value, x, fill in ((bar.baseline_j, middle - width, "url(#en-hatch)"),
                               (bar.client_j, middle, CLIENT_COLOUR)):  # fmt: skip
            y = panel.py(value)
            body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
                        f'height="{_n(panel.py(0.0) - y)}" fill="{fill}" stroke="{BASELINE_COLOUR}"'
                        f' stroke-width="{0.8 if x < middle else 0}"/>')  # fmt: skip
        first, _, rest = bar.label.partition(" ")
        body.append(_text(middle, 206, first, size=9.5))
        body.append(_text(middle, 218, rest, size=9.5))
    body += _energy_legend(442, 9)
    return _svg(460, 228, fig.title, body, uid="en")


def _energy_legend(right: float, y: float) -> list[str]:
    x = right - 220
    return [
        f'<rect x="{_n(x)}" y="{_n(y - 5)}" width="14" height="10" fill="{CLIENT_COLOUR}"/>',
        _text(x + 19, y + 3.5, "client", size=9.5, anchor="start"),
        f'<rect x="{_n(x + 70)}" y="{_n(y - 5)}" width="14" height="10" fill="url(#en-hatch)" '
        f'stroke="{BASELINE_COLOUR}" stroke-width="0.8"/>',
        _text(x + 89, y + 3.5, "no-injury baseline", size=9.5, anchor="start"),
    ]


def figure_svg(fig: Figure, /) -> str:
    """One mechanics figure of the view, drawn as an inline ``<svg>`` element."""
    if isinstance(fig, GrfFigure):
        return grf_svg(fig)
    if isinstance(fig, EnergyFigure):
        return energy_svg(fig)
    return joints_svg(fig)
