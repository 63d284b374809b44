"""Body-web use cases: the whole web at a glance, and one site with everything linked to it.

Each link carries its evidence: the grade and a short reference of every source it cites, read
from the evidence registry (no citation key is spelt here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinchain.body import Body, Motion, Pathway, Side, Site, SiteRef, Tissue, default_body
from kinchain.evidence import GRADES, Registry, Source, default_registry

__all__ = [
    "BodyOverview",
    "Evidence",
    "SiteLink",
    "SiteView",
    "body_overview",
    "describe_site",
    "evidence_for",
]


@dataclass(frozen=True)
class Evidence:
    """One cited source as a coach reads it: ``Wilke 2016 (SR/MA)``."""

    key: str
    grade: str
    short: str
    reference: str
    verify: bool

    def __str__(self) -> str:
        if self.grade == "heuristic":
            return "coaching heuristic (no published source)"
        flag = ", to verify" if self.verify else ""
        return f"{self.short} ({self.grade}{flag})"


@dataclass(frozen=True)
class SiteLink:
    """Something linked to a site (a tissue, a pathway, a motion) with the evidence behind it."""

    what: Tissue | Pathway | Motion
    relation: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class SiteView:
    """One site with everything connected to it."""

    site: Site
    role_evidence: tuple[Evidence, ...]
    site_evidence: tuple[Evidence, ...]
    motions: tuple[SiteLink, ...]
    tissues: tuple[SiteLink, ...]
    pathways: tuple[SiteLink, ...]
    above: tuple[SiteRef, ...]
    below: tuple[SiteRef, ...]
    neighbours: dict[str, int]


@dataclass(frozen=True)
class BodyOverview:
    """The whole web, for printing: sites, tissues and pathways in data-file order."""

    body: Body
    sources: int
    grades: dict[str, int]


def _surname(author: str) -> str:
    """``Surname AB`` -> ``Surname``; an organisation or a description stays whole."""
    text = re.sub(r"\s*\(.*?\)", "", author).strip()
    words = text.split()
    if len(words) > 1 and words[-1].isupper() and len(words[-1].replace("-", "")) <= 4:
        return " ".join(words[:-1])
    return text


def _short(source: Source) -> str:
    """A short reference: ``Wilke et al. 2016``, ``Liu & Nigg 2000``, ``coaching heuristic``.

    >>> _short(default_registry()["liu2000"])
    'Liu & Nigg 2000'
    """
    if source.grade == "heuristic":
        return "coaching heuristic"
    if source.authors.lower().startswith("authors not verified"):
        name = source.title if len(source.title) <= 40 else source.title[:37] + "..."
    else:
        authors = [a for a in source.authors.split(",") if a.strip()]
        name = _surname(authors[0]) or source.key
        if len(authors) == 2 and "et al" not in authors[1]:
            name += f" & {_surname(authors[1])}"
        elif len(authors) >= 2:
            name += " et al."
    return f"{name} {source.year}" if source.year else name


def evidence_for(
    keys: tuple[str, ...], /, *, registry: Registry | None = None
) -> tuple[Evidence, ...]:
    """The evidence behind a list of citation keys, strongest grade first.

    >>> [e.grade for e in evidence_for(default_body().site("knee").role.cite)]
    ['EXP', 'EXP']
    """
    reg = default_registry() if registry is None else registry
    found = [
        Evidence(k, reg[k].grade, _short(reg[k]), reg[k].reference(), reg[k].verify) for k in keys
    ]
    return tuple(sorted(found, key=lambda e: GRADES.index(e.grade)))


def body_overview() -> BodyOverview:
    """The bundled body web and a count of the sources behind it, by grade."""
    body = default_body()
    registry = default_registry()
    keys: set[str] = set()
    for site in body.sites.values():
        keys.update(site.cite)
        keys.update(k for m in site.motions for k in m.cite)
        keys.update(site.role.cite if site.role else ())
    for tissue in body.tissues.values():
        keys.update(tissue.cite)
    for pathway in body.pathways.values():
        keys.update(pathway.cite)
    grades = {g: sum(1 for k in keys if registry.grade(k) == g) for g in GRADES}
    return BodyOverview(body, len(keys), {g: n for g, n in grades.items() if n})


def describe_site(site_id: str, /, *, side: str | None = None) -> SiteView:
    """One site with its role, ranges, tissues, pathways, load-path neighbours and evidence.

    An unknown id raises :class:`~kinchain.errors.UnknownSite` with a did-you-mean; a side
    other than left, right or None raises ValueError.
    """
    body = default_body()
    site = body.site(site_id)
    if side not in (None, "left", "right"):
        raise ValueError(f"side: {side!r} is not one of left, right")
    chosen: Side | None = "left" if side == "left" else "right" if side == "right" else None
    tissues = [
        SiteLink(t, "stabilises" if site.id in t.stabilises else "moves", evidence_for(t.cite))
        for t in body.tissues_at(site.id)
    ]
    pathways = [SiteLink(p, p.kind, evidence_for(p.cite)) for p in body.pathways_through(site.id)]
    motions = [SiteLink(m, "motion", evidence_for(m.cite)) for m in site.motions]
    return SiteView(
        site=site,
        role_evidence=evidence_for(site.role.cite) if site.role else (),
        site_evidence=evidence_for(site.cite),
        motions=tuple(motions),
        tissues=tuple(tissues),
        pathways=tuple(pathways),
        above=tuple(body.above(site.id, chosen)),
        below=tuple(body.below(site.id, chosen)),
        neighbours=body.neighbours(site.id, 1),
    )
