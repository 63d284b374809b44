"""Rendering a page: the Jinja templates shipped in the package, with what every page needs
(the viewer, the CSRF token, the static files)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

__all__ = ["render", "render_error", "templates"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.autoescape = True


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
