"""Render the coach's report as one self-contained HTML page (inline CSS and SVG, no network).

The page reads one :class:`~kinchain.report.view.ReportView`; the SVG of the body map and of
the plots is drawn here, from the view's numbers.
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
from kinchain.report.plots import energy_bars_svg, grf_curve_svg, joint_forces_svg
from kinchain.report.view import ReportView, shortened
from kinchain.report.view.model import EnergyFigure, Figure, GrfFigure
from kinchain.report.view.words import format_value

if TYPE_CHECKING:
    import jinja2

__all__ = ["PRINTED_ROWS_PER_PAIN", "PRINTED_TRAILS_PER_PAIN", "figure_svg", "render_html"]

#: the printed page keeps the full trail of this many contributors to each pain; the rest keep
#: their summary line (every trail stays in the HTML page)
PRINTED_TRAILS_PER_PAIN = 2
#: the printed page lists this many contributors to each pain and counts the rest (a client
#: with many injuries and pains has hundreds; laying them all out made a PDF take a minute)
PRINTED_ROWS_PER_PAIN = 12


@cache
def _environment() -> jinja2.Environment:
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


def figure_svg(fig: Figure, /) -> str:
    """One mechanics figure of the view, drawn as an inline ``<svg>`` element."""
    if isinstance(fig, GrfFigure):
        return grf_curve_svg(fig.time_ms, fig.client_n, fig.baseline_n,
                             body_weight_n=fig.body_weight_n)  # fmt: skip
    if isinstance(fig, EnergyFigure):
        return energy_bars_svg([b.label for b in fig.bars], [b.client_j for b in fig.bars],
                               [b.baseline_j for b in fig.bars])  # fmt: skip
    joints = {j.label: (j.client_n, j.baseline_n) for j in fig.joints}
    return joint_forces_svg(fig.time_ms, joints, body_weight_n=fig.body_weight_n)


def render_html(view: ReportView, /, *, for_print: bool = False) -> str:
    """The report page of one client's view. ``for_print`` opens every expandable trail and
    keeps only the best contributors to each pain (for the PDF)."""
    if for_print:
        view = shortened(
            view, rows_per_pain=PRINTED_ROWS_PER_PAIN, trails_per_pain=PRINTED_TRAILS_PER_PAIN
        )
    figures = [] if view.mechanics is None else view.mechanics.figures
    title = f"Body map of {view.client.name}"
    template = _environment().get_template("report.html.j2")
    return template.render(
        **{f.name: getattr(view, f.name) for f in dataclasses.fields(view)},
        for_print=for_print,
        body_map_drawing=Markup(body_map_svg(view.body_map, title=title)),
        unplaced=unplaced_sites(view.body_map),
        figures=[(fig, Markup(figure_svg(fig))) for fig in figures],
        pain_colours=PAIN_COLOURS,
        age_colours=AGE_COLOURS,
        feeds_colour=FEEDS_COLOUR,
        weakest_colour=WEAKEST_COLOUR,
    )
