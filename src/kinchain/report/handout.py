"""The two short documents a coach hands over, rendered from the same
:class:`~kinchain.report.view.ReportView` as the full report:

- the **client handout** (:func:`render_handout`): two A4 pages at most, large type, plain
  words: the daily routine with each exercise's still frames, dose and cues, the habit
  changes, when to stop and whom to call, and the next check-in date;
- the **coach summary** (:func:`render_summary`): one A4 page: the referral if any, the
  assessment at a glance, the body map, the top contributors, the next weakest link and the
  program in one table.

Both are print pages (HTML for WeasyPrint, :func:`kinchain.report.pdf.pdf_bytes`).
"""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from kinchain.report.bodymap_svg import body_map_svg
from kinchain.report.html import demonstrations, environment
from kinchain.report.view import ReportView
from kinchain.report.view.model import ProgramView

__all__ = ["STOP_RULE", "habit_lines", "render_handout", "render_summary"]

#: the stop rule every routine comes with, in the report's words
STOP_RULE = (
    "Stop an exercise that makes your pain 2 points worse or more (on a 0 to 10 scale), "
    "and tell your coach."
)


def _fields(view: ReportView) -> dict[str, object]:
    return {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}


def habit_lines(program: ProgramView | None, /) -> tuple[tuple[str, str], ...]:
    """The habit changes one paragraph per area, in the program's order, each advice whole (a
    first sentence alone can mislead: some advice opens with the myth it then corrects); the
    full report adds the evidence."""
    areas: dict[str, list[str]] = {}
    for h in program.habits if program is not None else ():
        areas.setdefault(h.area, []).append(h.advice)
    return tuple((area, " ".join(dict.fromkeys(gists))) for area, gists in areas.items())


def render_handout(view: ReportView, /) -> str:
    """The client's handout page: what to do each day and when to stop, in plain words."""
    template = environment().get_template("handout.html.j2")
    return template.render(
        **_fields(view),
        habit_lines=habit_lines(view.program),
        demos=demonstrations(view.program, animated=False),
        stop_rule=STOP_RULE,
    )


def render_summary(view: ReportView, /) -> str:
    """The coach's one-page summary of the full report."""
    template = environment().get_template("summary.html.j2")
    title = f"Body map of {view.client.name}"
    return template.render(
        **_fields(view),
        body_map_drawing=Markup(body_map_svg(view.body_map, title=title)),
    )
