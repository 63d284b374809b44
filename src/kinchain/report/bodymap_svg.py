"""The body map drawn as one inline SVG: a stylised body, front and back, with marks and arrows.

Plain SVG text built here (no network, no fonts to fetch) from a
:class:`~kinchain.report.bodymap.BodyMap`. The front view faces the reader (the client's left on
the reader's right); the back view is seen from behind. Both carry explicit "L"/"R" letters.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from kinchain.report.bodymap import BodyMap, ChainArrow, Layout, View, default_layout

__all__ = [
    "AGE_COLOURS",
    "FEEDS_COLOUR",
    "PAIN_COLOURS",
    "WEAKEST_COLOUR",
    "body_map_svg",
    "injury_age_colour",
    "pain_colour",
    "unplaced_sites",
]

_TOP_PX = 34  # room above the figures for the view titles
_GAP_PX = 24  # between the two figures
_FAN = (1.0, 2.0, 0.3, 2.8)  # bow of the 1st, 2nd, ... arrow leaving one injury

#: colours (also used by the legend in the page)
PAIN_COLOURS = (
    ("mild (1–3)", "#facc15"),
    ("moderate (4–6)", "#f97316"),
    ("severe (7–10)", "#b91c1c"),
)
AGE_COLOURS = (
    ("under 2 years ago", "#5b21b6"),
    ("2–10 years ago", "#8b5cf6"),
    ("over 10 years ago", "#c4b5fd"),
)
FEEDS_COLOUR = "#c2410c"
WEAKEST_COLOUR = "#0f766e"


def pain_colour(intensity: int) -> str:
    """The fill for a pain marker, by the numeric rating's bands.

    >>> pain_colour(2), pain_colour(6), pain_colour(7)
    ('#facc15', '#f97316', '#b91c1c')
    """
    return PAIN_COLOURS[0 if intensity <= 3 else 1 if intensity <= 6 else 2][1]


def injury_age_colour(years_ago: float | None) -> str:
    """The fill for an injury marker: darker for more recent injuries.

    >>> injury_age_colour(0.5), injury_age_colour(20.5)
    ('#5b21b6', '#c4b5fd')
    """
    if years_ago is None or years_ago > 10:
        return AGE_COLOURS[2][1]
    return AGE_COLOURS[0 if years_ago < 2 else 1][1]


def _silhouette(ox: float, view: View, lay: Layout) -> list[str]:
    """A stylised figure; limbs are round-capped strokes, the trunk a path."""
    mx = ox + lay.midline_x
    skin, edge = "#e7e5e4", "#a8a29e"
    out = [f'<g class="figure" fill="{skin}" stroke="{edge}" stroke-width="1.2">']
    outlines: list[str] = []
    fills: list[str] = []

    def limb(x1: float, y1: float, x2: float, y2: float, w: float) -> None:
        ends = (
            f'x1="{mx + x1:.1f}" y1="{_TOP_PX + y1:.1f}" x2="{mx + x2:.1f}" y2="{_TOP_PX + y2:.1f}"'
        )
        outlines.append(
            f'<line {ends} stroke="{edge}" stroke-width="{w + 2.4:.1f}" stroke-linecap="round"/>'
        )
        fills.append(
            f'<line {ends} stroke="{skin}" stroke-width="{w:.1f}" stroke-linecap="round"/>'
        )

    for s in (-1, 1):
        limb(s * 40, 84, s * 52, 160, 15)  # upper arm
        limb(s * 52, 160, s * 60, 226, 12)  # forearm
        limb(s * 60, 226, s * 62, 244, 11)  # hand
        limb(s * 22, 236, s * 20, 326, 24)  # thigh
        limb(s * 20, 326, s * 17, 418, 17)  # shank
        if view == "front":
            limb(s * 17, 424, s * 25, 452, 12)  # foot, toes forward
        else:
            limb(s * 17, 424, s * 17, 442, 14)  # heel
    out += outlines + fills  # outlines first, so joints show no seams
    t = _TOP_PX
    trunk = (
        f"M{mx - 10:.1f},{t + 56} L{mx - 40:.1f},{t + 74}"
        f" Q{mx - 48:.1f},{t + 80} {mx - 46:.1f},{t + 96}"
        f" L{mx - 34:.1f},{t + 150} Q{mx - 30:.1f},{t + 190} {mx - 40:.1f},{t + 226}"
        f" L{mx - 36:.1f},{t + 246} L{mx + 36:.1f},{t + 246} L{mx + 40:.1f},{t + 226}"
        f" Q{mx + 30:.1f},{t + 190} {mx + 34:.1f},{t + 150} L{mx + 46:.1f},{t + 96}"
        f" Q{mx + 48:.1f},{t + 80} {mx + 40:.1f},{t + 74} L{mx + 10:.1f},{t + 56} Z"
    )
    out.append(f'<path d="{trunk}"/>')
    out.append(f'<circle cx="{mx:.1f}" cy="{t + 32}" r="22"/>')
    if view == "front":
        out.append(  # collarbones and a navel say "facing you"
            f'<circle cx="{mx:.1f}" cy="{t + 178}" r="2" fill="{edge}"/>'
            f'<path d="M{mx - 34:.1f},{t + 76} Q{mx - 16:.1f},{t + 72} {mx - 4:.1f},{t + 78}'
            f' M{mx + 34:.1f},{t + 76} Q{mx + 16:.1f},{t + 72} {mx + 4:.1f},{t + 78}" fill="none"/>'
        )
    else:
        out.append(  # the spine and shoulder blades say "seen from behind"
            f'<path d="M{mx:.1f},{t + 60} V{t + 222}" fill="none" stroke-dasharray="3 3"/>'
            f'<path d="M{mx - 14:.1f},{t + 90} l-18,4 l6,30 z '
            f'M{mx + 14:.1f},{t + 90} l18,4 l-6,30 z" fill="none"/>'
        )
    out.append("</g>")
    return out


def _side_letters(ox: float, view: View, lay: Layout) -> list[str]:
    left_x = ox + 14
    right_x = ox + lay.width - 14
    first, second = ("R", "L") if view == "front" else ("L", "R")
    return [
        f'<g class="side-letter" font-weight="700" font-size="20" text-anchor="middle">'
        f'<text x="{left_x:.1f}" y="{_TOP_PX + 52}">{first}</text>'
        f'<text x="{right_x:.1f}" y="{_TOP_PX + 52}">{second}</text>'
        f'<text x="{left_x:.1f}" y="{_TOP_PX + 444}">{first}</text>'
        f'<text x="{right_x:.1f}" y="{_TOP_PX + 444}">{second}</text></g>'
    ]


def _arrow(
    a: tuple[float, float],
    b: tuple[float, float],
    arrow: ChainArrow,
    *,
    mx: float,
    gap_px: float,
    bow_factor: float = 1.0,
) -> str:
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return ""
    # bow the curve away from the midline so arrows do not run through the trunk
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    outward = 1.0 if ((x1 + x2) / 2 - mx) * nx >= 0 else -1.0
    if abs((x1 + x2) / 2 - mx) < 2:
        outward = 1.0
    bow = min(0.22 * length, 48.0) * outward * bow_factor
    cx, cy = (x1 + x2) / 2 + nx * bow, (y1 + y2) / 2 + ny * bow
    # stop short of the target marker and put an arrowhead there
    tx, ty = x2 - cx, y2 - cy
    tl = math.hypot(tx, ty) or 1.0
    ux, uy = tx / tl, ty / tl
    ex, ey = x2 - ux * gap_px, y2 - uy * gap_px
    width = 1.6 + 6.0 * arrow.score
    head = 7.0 + 1.6 * width
    bx, by = ex - ux * head, ey - uy * head
    px, py = -uy * head * 0.55, ux * head * 0.55
    colour = FEEDS_COLOUR if arrow.kind == "feeds" else WEAKEST_COLOUR
    dash = ' stroke-dasharray="7 5"' if arrow.kind == "weakest" else ""
    return (
        f'<g class="arrow arrow-{arrow.kind}"><title>{escape(arrow.label)}</title>'
        f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {bx:.1f},{by:.1f}" fill="none" '
        f'stroke="{colour}" stroke-width="{width:.1f}" stroke-linecap="round" '
        f'stroke-opacity="0.9"{dash}/>'
        f'<polygon points="{ex:.1f},{ey:.1f} {bx + px:.1f},{by + py:.1f} '
        f'{bx - px:.1f},{by - py:.1f}" fill="{colour}"/></g>'
    )


def _arrow_view(lay: Layout, arrow: ChainArrow) -> View | None:
    # pain arrows go on the back view (spine and pelvis), weakest-link arrows on the front,
    # so the two kinds do not lie on top of each other
    order: tuple[View, View] = ("back", "front") if arrow.kind == "feeds" else ("front", "back")
    for view in order:
        if lay.point(*arrow.source, view) and lay.point(*arrow.target, view):
            return view
    return None


def _marks(ox: float, view: View, lay: Layout, bm: BodyMap) -> list[str]:
    out: list[str] = []

    def at(site: str, side: str | None) -> tuple[float, float] | None:
        p = lay.point(site, side, view)
        return None if p is None else (ox + p[0], _TOP_PX + p[1])

    for arrow in bm.arrows:
        if arrow.kind == "weakest" and _arrow_view(lay, arrow) == view:
            p = at(*arrow.target)
            if p:
                out.append(
                    f'<circle class="weakest-ring" cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="15" '
                    f'fill="none" stroke="{WEAKEST_COLOUR}" stroke-width="2.4" '
                    'stroke-dasharray="4 3"/>'
                )
    seen_from: dict[tuple[str, str | None], int] = {}
    for arrow in bm.arrows:
        if _arrow_view(lay, arrow) == view:
            a, b = at(*arrow.source), at(*arrow.target)
            if a and b:
                # arrows leaving the same injury fan out instead of lying on top of each other
                nth = seen_from.get(arrow.source, 0)
                seen_from[arrow.source] = nth + 1
                bow = _FAN[nth % len(_FAN)]
                out.append(_arrow(a, b, arrow, mx=ox + lay.midline_x, gap_px=12.0, bow_factor=bow))
    painful = {(m.site, m.side) for m in bm.pains}
    for inj in bm.injuries:
        p = at(inj.site, inj.side)
        if p is None:
            continue
        r = 6.0 + 12.0 * inj.deficit
        x, y = p
        if (inj.site, inj.side) in painful:
            # an old injury where it hurts now: set the diamond beside the pain circle, outwards
            outward = 1.0 if x >= ox + lay.midline_x else -1.0
            x += outward * (r + 12.0)
        out.append(
            f'<g class="injury-mark"><title>{escape(inj.label)}: residual stability deficit '
            f'{inj.deficit:.2f}</title><polygon points="{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} '
            f'{x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}" fill="{injury_age_colour(inj.years_ago)}" '
            'stroke="#3b0764" stroke-width="1.4" fill-opacity="0.9"/></g>'
        )
    for pain in bm.pains:
        p = at(pain.site, pain.side)
        if p is None:
            continue
        r = 6.0 + 0.9 * pain.intensity
        ink = "#fff" if pain.intensity >= 4 else "#1c1917"
        out.append(
            f'<g class="pain-mark"><title>{escape(pain.label)}</title>'
            f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="{r:.1f}" '
            f'fill="{pain_colour(pain.intensity)}" stroke="#450a0a" stroke-width="1.2"/>'
            f'<text x="{p[0]:.1f}" y="{p[1] + 4:.1f}" text-anchor="middle" font-size="11" '
            f'font-weight="700" fill="{ink}">{pain.intensity}</text></g>'
        )
    return out


def body_map_svg(body_map: BodyMap, /, *, layout: Layout | None = None, title: str = "") -> str:
    """The map as one inline SVG element: front view on the left, back view on the right."""
    lay = layout or default_layout()
    width = 2 * lay.width + _GAP_PX
    height = _TOP_PX + lay.height + 8
    caption = escape(title or "Body map")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="body-map" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" role="img" aria-labelledby="bodymap-title" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif">'
        f'<title id="bodymap-title">{caption}</title>'
    ]
    views: tuple[View, View] = ("front", "back")
    for i, view in enumerate(views):
        ox = i * (lay.width + _GAP_PX)
        heading = "FRONT (facing you)" if view == "front" else "BACK (seen from behind)"
        parts.append(
            f'<text x="{ox + lay.width / 2:.1f}" y="18" text-anchor="middle" font-size="14" '
            f'font-weight="700" fill="#292524">{heading}</text>'
        )
        parts += _silhouette(ox, view, lay)
        parts += _side_letters(ox, view, lay)
        parts += _marks(ox, view, lay, body_map)
    parts.append("</svg>")
    return "".join(parts)


def unplaced_sites(body_map: BodyMap, /, *, layout: Layout | None = None) -> list[str]:
    """Sites the map cannot draw (no coordinates): the page lists them in words."""
    lay = layout or default_layout()
    return sorted(s for s in body_map.sites() if s not in lay.sites)
