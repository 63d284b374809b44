"""The body map's content: where sites sit, and the injuries, pains and chain arrows to draw.

The drawing itself is :mod:`kinchain.report.bodymap_svg`. What the map shows comes
from plain dicts (the intake's and the assessment's JSON forms), so the map can be drawn for any
source of those dicts. Where each site sits is data: ``bodymap.yaml`` beside this module.

Views: the front view is the client facing the reader, so the client's **left is on the reader's
right**; the back view is seen from behind, so the client's left is on the reader's left. Both
views carry explicit "L"/"R" letters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import ValidationError

from kinchain.body import each_side
from kinchain.body import site_label as body_site_label
from kinchain.datafile import read_bundled_yaml
from kinchain.intake import PartialDate
from kinchain.knowledge import cross_check, load
from kinchain.report.bodymap_schema import BodymapDoc

__all__ = [
    "BodyMap",
    "ChainArrow",
    "InjuryMark",
    "Layout",
    "PainMark",
    "View",
    "body_map_marks",
    "default_layout",
    "parse_layout",
    "site_label",
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


def _sides(side: str | None) -> tuple[str | None, ...]:
    return each_side(side)


def _date(raw: Any) -> dt.date | None:
    """A partial date (``{"year", "month", "day"}`` or ``"2006-05"``) as its mid-point, by the
    intake's one rule (:meth:`PartialDate.midpoint`); None when it is no date at all.

    >>> _date("2006-05"), _date({"year": 1998}), _date("soon")
    (datetime.date(2006, 5, 15), datetime.date(1998, 7, 1), None)
    """
    try:  # the JSON was checked when the intake was read: no day is "in the future" here
        return PartialDate.model_validate(raw, context={"as_of": dt.date.max}).midpoint()
    except ValidationError:
        return None


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


def _deficit_of(assessment: Mapping[str, Any], site: str, side: str | None) -> float:
    best = 0.0
    for j in assessment.get("joints") or ():
        if j.get("site") == site and (j.get("side") == side or j.get("side") == "both"):
            best = max(best, float(j.get("stability_deficit") or 0.0))
    return min(max(best, 0.0), 1.0)


def _place(raw: Any) -> tuple[str, str | None] | None:
    if isinstance(raw, Mapping) and raw.get("site"):
        side = raw.get("side")
        return (str(raw["site"]), str(side) if side else None)
    return None


def _injury_marks(
    client: Mapping[str, Any], assessment: Mapping[str, Any], as_of: dt.date
) -> list[InjuryMark]:
    """One mark per injured side: what and when, how long ago, and the joint's deficit."""
    injuries: list[InjuryMark] = []
    for inj in client.get("injuries") or ():
        when = _date(inj.get("date"))
        for side in _sides(inj.get("side")):
            kind = str(inj.get("kind", "injury"))
            year = f", {when.year}" if when else ""
            injuries.append(
                InjuryMark(
                    site=str(inj["site"]),
                    side=side,
                    label=f"{site_label(str(inj['site']), side)} {kind}{year}",
                    years_ago=years_between(when, as_of) if when else None,
                    deficit=_deficit_of(assessment, str(inj["site"]), side),
                )
            )
    return injuries


def _pain_marks(client: Mapping[str, Any]) -> list[PainMark]:
    """One mark per painful side, with its intensity out of 10."""
    return [
        PainMark(
            site=str(p["site"]),
            side=side,
            intensity=int(p.get("intensity") or 0),
            label=f"{site_label(str(p['site']), side)} pain {int(p.get('intensity') or 0)}/10",
        )
        for p in client.get("pain") or ()
        for side in _sides(p.get("side"))
    ]


def _feeds_arrows(
    assessment: Mapping[str, Any],
) -> tuple[list[ChainArrow], dict[tuple[str, str | None], float]]:
    """An arrow from each injury contributor to the pain it feeds (none to its own site), and
    the best score of each injured place."""
    arrows: list[ChainArrow] = []
    best_score: dict[tuple[str, str | None], float] = {}
    for c in assessment.get("contributors") or ():
        src = c.get("source") or {}
        pain, origin = _place(c.get("pain")), _place(src)
        if src.get("kind") != "injury" or pain is None or origin is None:
            continue
        score = min(max(float(c.get("score") or 0.0), 0.0), 1.0)
        for s_side in _sides(origin[1]):
            for p_side in _sides(pain[1]):
                a, b = (origin[0], s_side), (pain[0], p_side)
                best_score[a] = max(best_score.get(a, 0.0), score)
                if a != b:
                    label = f"{site_label(*a)} → {site_label(*b)} pain (score {score:.2f})"
                    arrows.append(ChainArrow("feeds", a, b, score, label))
    return arrows, best_score


def _weakest_arrows(
    assessment: Mapping[str, Any], best_score: Mapping[tuple[str, str | None], float]
) -> list[ChainArrow]:
    """An arrow from each injury to the next weakest link it loads, as strong as the injury's
    best contributor score (0.3 when it has none)."""
    arrows: list[ChainArrow] = []
    for w in assessment.get("weakest_links") or ():
        origin, link = _place(w.get("injury")), _place(w.get("link"))
        if origin is None or link is None or origin == link:
            continue
        score = best_score.get(origin, 0.3)
        label = f"{site_label(*origin)} → next weakest link: {site_label(*link)}"
        arrows.append(ChainArrow("weakest", origin, link, score, label))
    return arrows


def body_map_marks(
    client: Mapping[str, Any], assessment: Mapping[str, Any], /, *, as_of: dt.date
) -> BodyMap:
    """Resolve what the map shows from the intake and assessment JSON forms."""
    feeds, best_score = _feeds_arrows(assessment)
    return BodyMap(
        tuple(_injury_marks(client, assessment, as_of)),
        tuple(_pain_marks(client)),
        tuple(feeds + _weakest_arrows(assessment, best_score)),
    )
