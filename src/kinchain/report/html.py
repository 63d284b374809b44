"""Render the coach's report as one self-contained HTML page (inline CSS and SVG, no network).

The page reads one :class:`~kinchain.report.view.ReportView`; the SVG of the body map, of
the plots (:mod:`kinchain.report.charts`) and of each exercise's demonstration is drawn from
the view's numbers. A screen gets the animated demonstrations, print their still frames.
"""

from __future__ import annotations

import base64
import dataclasses
import html as html_lib
import re
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from kinchain.report.bodymap_svg import (
    AGE_COLOURS,
    FEEDS_COLOUR,
    PAIN_COLOURS,
    WEAKEST_COLOUR,
    body_map_svg,
    unplaced_sites,
)
from kinchain.report.charts import figure_svg
from kinchain.report.demonstration import demonstration_frames, demonstration_svg
from kinchain.report.view import ReportView, shortened
from kinchain.report.view.model import Figure, ProgramView
from kinchain.report.view.words import format_value

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "PRINTED_ROWS_PER_PAIN",
    "PRINTED_TRAILS_PER_PAIN",
    "demonstrations",
    "environment",
    "figure_svg",
    "render_html",
    "svg_image",
]

#: the printed page keeps the full trail of this many contributors to each pain; the rest keep
#: their summary line (every trail stays in the HTML page)
PRINTED_TRAILS_PER_PAIN = 2
#: the printed page lists this many contributors to each pain and counts the rest (a client
#: with many injuries and pains has hundreds; laying them all out made a PDF take a minute)
PRINTED_ROWS_PER_PAIN = 12


@cache
def environment() -> jinja2.Environment:
    import jinja2  # on the first page rendered: a command that renders none should not pay it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kinchain.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["value"] = format_value
    env.filters["whole"] = lambda v: f"{v:.0f}" if isinstance(v, int | float) else ""
    return env


def svg_image(svg: str, /, *, css_class: str, alt: str = "") -> Markup:
    """An SVG as an ``<img>`` with a data URL, for print: WeasyPrint then draws it as one
    image instead of styling and laying out each of its shapes as part of the page (most of a
    printed page's time), and draws an image used twice only once. ``alt`` defaults to the
    SVG's title."""
    if not alt:
        found = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S)
        alt = html_lib.unescape(found.group(1)) if found else ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="{}" alt="{}" src="data:image/svg+xml;base64,{}">').format(
        css_class, alt, Markup(data)
    )


def demonstrations(program: ProgramView | None, /, *, animated: bool) -> dict[str, Markup]:
    """Each routine item's demonstration by exercise id, for its side: the looping animation
    (inline SVG) for a screen, or (``animated=False``) its 2-4 still frames for print, each
    an image (class ``demo-frame``) numbered in its alt text."""
    out: dict[str, Markup] = {}
    for item in program.routine if program is not None else ():
        if not item.demonstrated:
            continue
        if animated:
            out[item.id] = Markup(demonstration_svg(item.id, item.side, animated=True))
            continue
        frames = demonstration_frames(item.id, item.side)
        out[item.id] = Markup("").join(
            svg_image(f, css_class="demo-frame",
                      alt=f"{item.name}, picture {i} of {len(frames)}")
            for i, f in enumerate(frames, 1)
        )
    return out


def _body_map(view: ReportView, *, title: str, for_print: bool) -> Markup:
    svg = body_map_svg(view.body_map, title=title)
    return svg_image(svg, css_class="body-map") if for_print else Markup(svg)


def _figures(view: ReportView, *, for_print: bool) -> list[tuple[Figure, Markup]]:
    figures = [] if view.mechanics is None else view.mechanics.figures
    if for_print:
        return [(f, svg_image(figure_svg(f), css_class="chart")) for f in figures]
    return [(f, Markup(figure_svg(f))) for f in figures]


def render_html(view: ReportView, /, *, for_print: bool = False) -> str:
    """The report page of one client's view. ``for_print`` opens every expandable trail and
    keeps only the best contributors to each pain (for the PDF)."""
    if for_print:
        view = shortened(
            view, rows_per_pain=PRINTED_ROWS_PER_PAIN, trails_per_pain=PRINTED_TRAILS_PER_PAIN
        )
    title = f"Body map of {view.client.name}"
    template = environment().get_template("report.html.j2")
    return template.render(
        **{f.name: getattr(view, f.name) for f in dataclasses.fields(view)},
        for_print=for_print,
        body_map_drawing=_body_map(view, title=title, for_print=for_print),
        unplaced=unplaced_sites(view.body_map),
        figures=_figures(view, for_print=for_print),
        demos=demonstrations(view.program, animated=not for_print),
        pain_colours=PAIN_COLOURS,
        age_colours=AGE_COLOURS,
        feeds_colour=FEEDS_COLOUR,
        weakest_colour=WEAKEST_COLOUR,
    )
