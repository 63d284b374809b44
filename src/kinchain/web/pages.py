"""Rendering a page: the Jinja templates shipped in the package, with what every page needs
(the viewer, the CSRF token, the static files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kinchain.report.view.words import format_value

__all__ = ["day", "render", "render_error", "templates"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.autoescape = True


def day(value: dt.date | str | None) -> str:
    """A date as a coach writes it: ``2 Dec 2026`` (an ISO text is read first).

    >>> day("2026-12-02"), day(dt.date(2026, 1, 9)), day(None)
    ('2 Dec 2026', '9 Jan 2026', '')
    """
    if value is None or value == "":
        return ""
    when = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{when.day} {when:%b %Y}"


templates.env.filters["day"] = day
templates.env.filters["value"] = format_value  # a number as the report writes it: 0.42, 12


def _demonstration(exercise_id: str, targets: list[dict[str, Any]] | None = None) -> Markup:
    """A routine item's looping demonstration as inline SVG (no script: SMIL animation), for
    the side its targets name; nothing for an exercise without one."""
    from kinchain.program.demonstration import default_demonstrations
    from kinchain.report.demonstration import demonstration_svg, side_of_targets

    if exercise_id not in default_demonstrations():
        return Markup("")
    side = side_of_targets(t.get("side") for t in targets or ())
    return Markup(demonstration_svg(exercise_id, side, animated=True))


templates.env.globals["demonstration"] = _demonstration


def render(request: Request, template: str, /, *, status: int = 200,
           **context: Any) -> HTMLResponse:
    viewer = getattr(request.state, "viewer", None)
    return templates.TemplateResponse(
        request, template, {"viewer": viewer, "csrf": viewer.csrf if viewer else "", **context},
        status_code=status,
    )


def render_error(request: Request, status: int, title: str, problems: list[str]) -> HTMLResponse:
    return render(request, "error.html", status=status, title=title, problems=problems)
