"""The shape of ``bodymap.yaml`` (where each site sits in the figure) as declarative models;
:func:`kinchain.report.bodymap.parse_layout` reads the checked document."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from kinchain.knowledge import SITE_IDS, STRICT, Knowledge, in_range, refuse

__all__ = ["BodymapDoc"]

Positive = Annotated[float, STRICT, in_range(0, lo_open=True)]


def _mirrored(point: tuple[float, float]) -> tuple[float, float]:
    if point[0] < 0:
        raise refuse(f"dx {point[0]} is negative; the renderer mirrors by side")
    return point


#: ``[dx, y]``: the distance from the midline (mirrored by side) and the height
Point = Annotated[tuple[Annotated[float, STRICT], Annotated[float, STRICT]],
                  AfterValidator(_mirrored)]  # fmt: skip


class CanvasDoc(Knowledge):
    width: Positive
    height: Positive


class ViewsDoc(Knowledge):
    """Where a site sits in the front and the back view (absent: not drawn in that view)."""

    front: Point | None = None
    back: Point | None = None


class BodymapDoc(Knowledge):
    """The whole of ``bodymap.yaml``."""

    canvas: CanvasDoc
    midline_x: Annotated[float, STRICT] | None = None
    sites: Annotated[dict[str, ViewsDoc], Field(min_length=1), SITE_IDS]
