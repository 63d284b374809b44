"""Request dependencies as named aliases: the viewer and a unit of work for her practice."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException
from starlette.requests import Request

from kinchain.store import SqlUnitOfWork
from kinchain.web.viewer import Viewer

__all__ = ["CurrentViewer", "Uow", "coach_filter"]


def current_viewer(request: Request) -> Viewer:
    viewer = getattr(request.state, "viewer", None)
    if viewer is None:
        raise HTTPException(401, "please sign in")
    return viewer


CurrentViewer = Annotated[Viewer, Depends(current_viewer)]


def unit_of_work(request: Request, viewer: CurrentViewer) -> SqlUnitOfWork:
    origin = request.client.host if request.client else "unknown"
    return request.app.state.db.unit_of_work(viewer.practice, actor=viewer.user.id,
                                             origin=f"web {origin}")


Uow = Annotated[SqlUnitOfWork, Depends(unit_of_work)]


def coach_filter(viewer: Viewer) -> str | None:
    """Whose clients a list shows: a coach's own, unless the practice shares its clients."""
    from kinchain.accounts import Role

    if Role.COACH in viewer.principal.roles and not viewer.practice.coaches_see_all:
        return viewer.user.id
    return None
