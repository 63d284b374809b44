"""Render the coach's report as one self-contained HTML page (inline CSS and SVG, no network)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from kinchain.evidence import GRADE_MEANING, Registry, default_registry
from kinchain.report import context as ctx
from kinchain.report.bodymap import body_map_marks
from kinchain.report.bodymap_svg import (
    AGE_COLOURS,
    FEEDS_COLOUR,
    PAIN_COLOURS,
    WEAKEST_COLOUR,
    body_map_svg,
    unplaced_sites,
)
from kinchain.report.citations import Citations
from kinchain.report.mechanics_view import mechanics_view
from kinchain.report.safety_view import safety_view

if TYPE_CHECKING:
    import jinja2

__all__ = ["PRINTED_ROWS_PER_PAIN", "PRINTED_TRAILS_PER_PAIN", "render_html"]

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
    env.filters["value"] = ctx.format_value
    env.filters["whole"] = lambda v: f"{v:.0f}" if isinstance(v, int | float) else ""
    return env


def render_html(
    client: Mapping[str, Any],
    assessment: Mapping[str, Any],
    simulation: Mapping[str, Any] | None = None,
    /,
    *,
    as_of: dt.date,
    registry: Registry | None = None,
    for_print: bool = False,
) -> str:
    """The report page for one client.

    ``client`` is the intake's JSON form, ``assessment`` the assessment's JSON form with its
    ``program`` filled in (or None), ``simulation`` the client simulation's JSON form for the
    main activity (or None). ``for_print`` opens every expandable trail (for the PDF).
    """
    cites = Citations(registry or default_registry())
    printed_trails = PRINTED_TRAILS_PER_PAIN
    program_raw = assessment.get("program")
    suspended = bool(assessment.get("program_suspended"))
    bm = body_map_marks(client, assessment, as_of=as_of)
    who = ctx.client_view(client, as_of=as_of)
    page = {
        "client": who,
        "as_of": as_of.isoformat(),
        "for_print": for_print,
        "safety": safety_view(assessment, cites),
        "referral": ctx.referral_view(assessment, cites),
        "suspended": suspended,
        "body_map": Markup(body_map_svg(bm, title=f"Body map of {who['name']}")),
        "body_map_injuries": [
            {"label": m.label, "deficit": m.deficit, "years_ago": m.years_ago} for m in bm.injuries
        ],
        "body_map_pains": [m.label for m in bm.pains],
        "body_map_arrows": [a.label for a in bm.arrows],
        "unplaced": unplaced_sites(bm),
        "pain_colours": PAIN_COLOURS,
        "age_colours": AGE_COLOURS,
        "feeds_colour": FEEDS_COLOUR,
        "weakest_colour": WEAKEST_COLOUR,
        "mechanics": _mechanics(simulation, cites),
        "instruments": ctx.instruments_view(assessment, cites),
        "contributors": ctx.contributors_view(
            client,
            assessment,
            cites,
            trails_per_pain=printed_trails if for_print else None,
            rows_per_pain=PRINTED_ROWS_PER_PAIN if for_print else None,
        ),
        "weakest_links": ctx.weakest_links_view(assessment, cites),
        "joints": ctx.joints_view(assessment, cites),
        "program": None if suspended else ctx.program_view(client, program_raw, cites),
        "grade_meaning": GRADE_MEANING,
        "notes": [str(n) for n in assessment.get("notes") or ()],
    }
    page["references"] = cites.references()
    return _environment().get_template("report.html.j2").render(**page)


def _mechanics(simulation: Mapping[str, Any] | None, cites: Citations) -> dict[str, Any] | None:
    view = mechanics_view(simulation, cites)
    if view is None:
        return None
    for fig in view["figures"]:
        fig["svg"] = Markup(fig["svg"])
    return view
