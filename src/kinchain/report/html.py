"""Render the coach's report as one self-contained HTML page (inline CSS and SVG, no network).

The page reads one :class:`~kinchain.report.view.ReportView`; the SVG of the body map, of
the plots (:mod:`kinchain.report.charts`) and of each exercise's demonstration is drawn from
the view's numbers. A screen gets the animated demonstrations, print their still frames.
"""

from __future__ import annotations

import dataclasses
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
from kinchain.report.view.model import ProgramView
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


def demonstrations(program: ProgramView | None, /, *, animated: bool) -> dict[str, Markup]:
    """Each routine item's demonstration by exercise id, for its side: the looping animation
    for a screen, or (``animated=False``) its still frames, each its own ``<svg>``, for print."""
    out: dict[str, Markup] = {}
    for item in program.routine if program is not None else ():
        if not item.demonstrated:
            continue
        if animated:
            out[item.id] = Markup(demonstration_svg(item.id, item.side, animated=True))
        else:
            out[item.id] = Markup("".join(demonstration_frames(item.id, item.side)))
    return out


def render_html(view: ReportView, /, *, for_print: bool = False) -> str:
    """The report page of one client's view. ``for_print`` opens every expandable trail and
    keeps only the best contributors to each pain (for the PDF)."""
    if for_print:
        view = shortened(
            view, rows_per_pain=PRINTED_ROWS_PER_PAIN, trails_per_pain=PRINTED_TRAILS_PER_PAIN
        )
    figures = [] if view.mechanics is None else view.mechanics.figures
    title = f"Body map of {view.client.name}"
    template = environment().get_template("report.html.j2")
    return template.render(
        **{f.name: getattr(view, f.name) for f in dataclasses.fields(view)},
        for_print=for_print,
        body_map_drawing=Markup(body_map_svg(view.body_map, title=title)),
        unplaced=unplaced_sites(view.body_map),
        figures=[(fig, Markup(figure_svg(fig))) for fig in figures],
        demos=demonstrations(view.program, animated=not for_print),
        pain_colours=PAIN_COLOURS,
        age_colours=AGE_COLOURS,
        feeds_colour=FEEDS_COLOUR,
        weakest_colour=WEAKEST_COLOUR,
    )
