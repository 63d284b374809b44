"""The body map's content: where sites sit, and the injuries, pains and chain arrows to draw.

The drawing itself is :mod:`kinchain.report.bodymap_svg`. What the map shows (a
:class:`BodyMap`, part of the report's view model) comes from the typed intake and assessment.
Where each site sits is data: ``bodymap.yaml`` beside this module.

Views: the front view is the client facing the reader, so the client's **left is on the reader's
right**; the back view is seen from behind, so the client's left is on the reader's left. Both
views carry explicit "L"/"R" letters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Protocol

from kinchain.assessment import Assessment
from kinchain.body import each_side
from kinchain.body import site_label as body_site_label
from kinchain.datafile import read_bundled_yaml
from kinchain.intake import Intake
from kinchain.knowledge import cross_check, load
from kinchain.report.bodymap_schema import BodymapDoc

__all__ = [
    "BodyMap",
    "ChainArrow",
    "InjuryMark",
    "Layout",
    "Located",
    "PainMark",
    "View",
    "body_map_marks",
    "default_layout",
    "parse_layout",
    "site_label",
    "where",
    "years_between",
]

View = Literal["front", "back"]
_FILE = "bodymap.yaml"


@dataclass(frozen=True)
class Layout:
    """Where sites sit in a figure: ``sites[site][view] = (dx, y)``."""

    width: float
    height: float
    midline_x: float
    sites: Mapping[str, Mapping[str, tuple[float, float]]]

    def point(self, site: str, side: str | None, view: View) -> tuple[float, float] | None:
        """Figure coordinates of a site on a side in a view, or None when it is not drawn there.

        >>> lay = Layout(200, 400, 100, {"knee": {"front": (20.0, 300.0), "back": (20.0, 300.0)}})
        >>> lay.point("knee", "left", "front"), lay.point("knee", "left", "back")
        ((120.0, 300.0), (80.0, 300.0))
        """
        where = self.sites.get(site, {}).get(view)
        if where is None:
            return None
        dx, y = where
        toward_left = 1.0 if view == "front" else -1.0  # front: client's left on reader's right
        sign = {"left": toward_left, "right": -toward_left}.get(side or "", 0.0)
        return (self.midline_x + sign * dx, y)


def parse_layout(doc: Any) -> Layout:
    """Check and turn the parsed ``bodymap.yaml`` into a :class:`Layout`: every site one of the
    body web's."""
    from kinchain.body import default_body
    from kinchain.evidence import default_registry

    d = load(BodymapDoc, doc, file=_FILE)
    cross_check(d, file=_FILE, registry=default_registry(), sites=default_body().sites)
    return Layout(
        width=d.canvas.width,
        height=d.canvas.height,
        midline_x=d.canvas.width / 2 if d.midline_x is None else d.midline_x,
        sites=d.model_dump(exclude_none=True)["sites"],
    )


@cache
def default_layout() -> Layout:
    """The bundled layout, loaded and checked once per process."""
    return parse_layout(read_bundled_yaml("kinchain.report", _FILE))


# --------------------------------------------------------------------------- marks


@dataclass(frozen=True)
class InjuryMark:
    """An old injury: where, what, how long ago and the joint's residual stability deficit."""

    site: str
    side: str | None
    label: str
    years_ago: float | None
    deficit: float  # 0..1


@dataclass(frozen=True)
class PainMark:
    """A painful site and its intensity on the 0-10 numeric rating scale."""

    site: str
    side: str | None
    intensity: int
    label: str


@dataclass(frozen=True)
class ChainArrow:
    """An arrow along the chain: ``feeds`` (injury to pain) or ``weakest`` (to the next link)."""

    kind: Literal["feeds", "weakest"]
    source: tuple[str, str | None]
    target: tuple[str, str | None]
    score: float  # 0..1, drawn as stroke width
    label: str


@dataclass(frozen=True)
class BodyMap:
    """Everything the map draws, already resolved from the intake and the assessment."""

    injuries: tuple[InjuryMark, ...]
    pains: tuple[PainMark, ...]
    arrows: tuple[ChainArrow, ...]

    def sites(self) -> set[str]:
        """Every site id the map needs."""
        out = {m.site for m in self.injuries} | {m.site for m in self.pains}
        for a in self.arrows:
            out |= {a.source[0], a.target[0]}
        return out


def years_between(earlier: dt.date, later: dt.date) -> float:
    """Elapsed years, to one decimal.

    >>> years_between(dt.date(2006, 5, 15), dt.date(2026, 11, 25))
    20.5
    """
    return round((later - earlier).days / 365.25, 1)


def site_label(site: str, side: str | None) -> str:
    """A readable name for a site on a side.

    >>> site_label("lumbar_spine", None), site_label("ankle", "left")
    ('lower back', 'left ankle')
    """
    return body_site_label(site, side if side in ("left", "right", "both") else None)


_Point = tuple[str, str | None]


class Located(Protocol):
    """Anything that names a site and a side: the one shape the report reads a place in."""

    @property
    def site(self) -> str | None: ...

    @property
    def side(self) -> str | None: ...


def where(ref: Located | None, /) -> tuple[str | None, str | None]:
    """The site and side of a place reference, (None, None) for none or a whole-body source:
    the one place the report reads the assessment's place type."""
    if ref is None or not ref.site:
        return (None, None)
    return (ref.site, ref.side or None)


def _point(ref: Located | None) -> _Point | None:
    """A site and side as the map marks it (None for a whole-body source)."""
    site, side = where(ref)
    return None if site is None else (site, side)


def _deficit_of(assessment: Assessment, site: str, side: str | None) -> float:
    """The joint's residual stability deficit, to the three decimals the assessment gives."""
    best = 0.0
    for j in assessment.joints:
        if j.site == site and j.side in (side, "both"):
            best = max(best, round(j.stability_deficit, 3))
    return min(max(best, 0.0), 1.0)


def _injury_marks(intake: Intake, assessment: Assessment, as_of: dt.date) -> list[InjuryMark]:
    """One mark per injured side: what and when, how long ago, and the joint's deficit."""
    injuries: list[InjuryMark] = []
    for inj in intake.injuries:
        when = inj.date.midpoint()
        for side in each_side(inj.side):
            injuries.append(
                InjuryMark(
                    site=inj.site,
                    side=side,
                    label=f"{site_label(inj.site, side)} {inj.kind}, {when.year}",
                    years_ago=years_between(when, as_of),
                    deficit=_deficit_of(assessment, inj.site, side),
                )
            )
    return injuries


def _pain_marks(intake: Intake) -> list[PainMark]:
    """One mark per painful side, with its intensity out of 10."""
    return [
        PainMark(
            site=p.site,
            side=side,
            intensity=p.intensity,
            label=f"{site_label(p.site, side)} pain {p.intensity}/10",
        )
        for p in intake.pain
        for side in each_side(p.side)
    ]


def _feeds_arrows(assessment: Assessment) -> tuple[list[ChainArrow], dict[_Point, float]]:
    """An arrow from each injury contributor to the pain it feeds (none to its own site), and
    the best score of each injured place."""
    arrows: list[ChainArrow] = []
    best_score: dict[_Point, float] = {}
    for c in assessment.contributors:
        pain, origin = _point(c.pain), _point(c.source)
        if c.kind != "injury" or pain is None or origin is None:
            continue
        score = min(max(round(c.score, 3), 0.0), 1.0)
        for s_side in each_side(origin[1]):
            for p_side in each_side(pain[1]):
                a, b = (origin[0], s_side), (pain[0], p_side)
                best_score[a] = max(best_score.get(a, 0.0), score)
                if a != b:
                    label = f"{site_label(*a)} → {site_label(*b)} pain (score {score:.2f})"
                    arrows.append(ChainArrow("feeds", a, b, score, label))
    return arrows, best_score


def _weakest_arrows(assessment: Assessment, best_score: Mapping[_Point, float]) -> list[ChainArrow]:
    """An arrow from each injury to the next weakest link it loads, as strong as the injury's
    best contributor score (0.3 when it has none)."""
    arrows: list[ChainArrow] = []
    for w in assessment.weakest_links:
        origin, link = _point(w.injury), _point(w.link)
        if origin is None or link is None or origin == link:
            continue
        score = best_score.get(origin, 0.3)
        label = f"{site_label(*origin)} → next weakest link: {site_label(*link)}"
        arrows.append(ChainArrow("weakest", origin, link, score, label))
    return arrows


def body_map_marks(intake: Intake, assessment: Assessment, /, *, as_of: dt.date) -> BodyMap:
    """What the map shows, from the intake and its assessment."""
    feeds, best_score = _feeds_arrows(assessment)
    return BodyMap(
        tuple(_injury_marks(intake, assessment, as_of)),
        tuple(_pain_marks(intake)),
        tuple(feeds + _weakest_arrows(assessment, best_score)),
    )
