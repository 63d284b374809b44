"""The body web as a graph: look sites up and walk the links between them."""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from kinchain.body.model import (
    EVIDENCE_STRENGTHS,
    PATHWAY_KINDS,
    SIDES,
    Pathway,
    Side,
    Site,
    SiteRef,
    Tissue,
)
from kinchain.errors import UnknownSite, UnknownTissue

__all__ = ["Body"]


class Body:
    """Sites, tissues and pathways, checked by the loader, with the queries later stages need.

    Build one with :func:`kinchain.body.default_body` (or :func:`kinchain.body.load_body`).
    Every query returns new tuples, lists or dicts; nothing in a Body changes after loading.
    """

    def __init__(
        self,
        sites: Iterable[Site],
        tissues: Iterable[Tissue],
        pathways: Iterable[Pathway],
        /,
    ) -> None:
        self._sites = {s.id: s for s in sites}
        self._tissues = {t.id: t for t in tissues}
        self._pathways = {p.id: p for p in pathways}
        load_paths = [p for p in self._pathways.values() if p.kind == "load_path"]
        if len(load_paths) != 1:
            raise ValueError(f"expected exactly one load_path pathway, got {len(load_paths)}")
        self._load_path = load_paths[0].nodes
        self._adjacent = self._build_adjacency()

    # --- the data ---------------------------------------------------------------------------
    @property
    def sites(self) -> Mapping[str, Site]:
        """Sites by id, in the order of the data file (ground up)."""
        return MappingProxyType(self._sites)

    @property
    def tissues(self) -> Mapping[str, Tissue]:
        """Tissues by id."""
        return MappingProxyType(self._tissues)

    @property
    def pathways(self) -> Mapping[str, Pathway]:
        """Pathways by id."""
        return MappingProxyType(self._pathways)

    @property
    def load_path(self) -> tuple[str, ...]:
        """Site ids of the load path from the ground up."""
        return self._load_path

    # --- lookups ----------------------------------------------------------------------------
    def suggest(self, site_id: str, /) -> str | None:
        """The closest known site id to a misspelt one, or None."""
        return _closest(site_id, self._sites)

    def suggest_tissue(self, tissue_id: str, /) -> str | None:
        """The closest known tissue id to a misspelt one, or None."""
        return _closest(tissue_id, self._tissues)

    def site(self, site_id: str, /) -> Site:
        """The site with this id; :class:`UnknownSite` (with a did-you-mean) otherwise."""
        try:
            return self._sites[site_id]
        except KeyError:
            raise UnknownSite(
                _unknown("site", site_id, self.suggest(site_id), self._sites)
            ) from None

    def tissue(self, tissue_id: str, /) -> Tissue:
        """The tissue with this id; :class:`UnknownTissue` (with a did-you-mean) otherwise."""
        try:
            return self._tissues[tissue_id]
        except KeyError:
            hint = self.suggest_tissue(tissue_id)
            raise UnknownTissue(_unknown("tissue", tissue_id, hint, self._tissues)) from None

    def refs(self, site_id: str, side: str | None = None, /) -> list[SiteRef]:
        """The site on each side meant: ``both`` (or no side) on a sided site gives left and right.

        A midline site always gives one ref with side None, whatever ``side`` says.

        >>> from kinchain.body import default_body
        >>> default_body().refs("ankle", "both")
        [SiteRef(site='ankle', side='left'), SiteRef(site='ankle', side='right')]
        >>> default_body().refs("lumbar_spine", "left")
        [SiteRef(site='lumbar_spine', side=None)]
        """
        if not self.site(site_id).sided:
            return [SiteRef(site_id, None)]
        if side in (None, "both"):
            return [SiteRef(site_id, s) for s in SIDES]
        if side == "left":
            return [SiteRef(site_id, "left")]
        if side == "right":
            return [SiteRef(site_id, "right")]
        raise ValueError(f"side: {side!r} is not one of left, right, both or None")

    # --- the load path ----------------------------------------------------------------------
    def above(self, site_id: str, side: Side | None = None, /) -> list[SiteRef]:
        """Sites above this one on the load path, nearest first.

        A sided site above takes ``side``; with no side both sides are listed (left first).
        A site off the load path (the shoulder, say) has nothing above it: ``[]``.

        >>> from kinchain.body import default_body
        >>> [str(r) for r in default_body().above("ankle", "left")[:4]]
        ['left knee', 'left hip', 'left sacroiliac joint', 'lower back']
        """
        return self._along_path(site_id, side, step=1)

    def below(self, site_id: str, side: Side | None = None, /) -> list[SiteRef]:
        """Sites below this one on the load path, nearest first (see :meth:`above`).

        >>> from kinchain.body import default_body
        >>> [str(r) for r in default_body().below("lumbar_spine")[:2]]
        ['left sacroiliac joint', 'right sacroiliac joint']
        """
        return self._along_path(site_id, side, step=-1)

    def chain_distance(self, a: str, b: str, /) -> int | None:
        """Links between two sites along the load path; None if either is off it.

        >>> from kinchain.body import default_body
        >>> body = default_body()
        >>> body.chain_distance("ankle", "lumbar_spine"), body.chain_distance("knee", "elbow")
        (4, None)
        """
        self.site(a)
        self.site(b)
        if a not in self._load_path or b not in self._load_path:
            return None
        return abs(self._load_path.index(a) - self._load_path.index(b))

    # --- links ------------------------------------------------------------------------------
    def pathways_between(self, a: str, b: str, /) -> list[Pathway]:
        """Pathways that pass through both sites, the best-evidenced first."""
        self.site(a)
        self.site(b)
        found = [p for p in self._pathways.values() if a in p.nodes and b in p.nodes]
        return sorted(found, key=_pathway_order)

    def pathways_through(self, site_id: str, /) -> list[Pathway]:
        """Pathways that pass through a site, the best-evidenced first."""
        self.site(site_id)
        return sorted(
            (p for p in self._pathways.values() if site_id in p.nodes), key=_pathway_order
        )

    def stabilisers(self, site_id: str, /) -> list[Tissue]:
        """Tissues that hold this site steady."""
        self.site(site_id)
        return [t for t in self._tissues.values() if site_id in t.stabilises]

    def tissues_at(self, site_id: str, /) -> list[Tissue]:
        """Tissues that stabilise or move this site."""
        self.site(site_id)
        return [t for t in self._tissues.values() if site_id in t.sites]

    def neighbours(
        self,
        site_id: str,
        n: int = 1,
        /,
        *,
        kinds: Iterable[str] = PATHWAY_KINDS,
        min_evidence: str = "limited",
    ) -> dict[str, int]:
        """Sites within ``n`` links of this one, mapped to their distance in links, nearest first.

        A link is two consecutive sites of a pathway of one of ``kinds`` whose evidence is at
        least ``min_evidence``; the default leaves out links nobody has shown (the superficial
        front line).

        >>> from kinchain.body import default_body
        >>> default_body().neighbours("knee", 1)
        {'ankle': 1, 'hip': 1}
        """
        self.site(site_id)
        if n < 0:
            raise ValueError(f"n: {n} is negative, expected 0 or more links")
        if min_evidence not in EVIDENCE_STRENGTHS:
            raise ValueError(f"min_evidence: {min_evidence!r} is not one of {EVIDENCE_STRENGTHS}")
        wanted = set(kinds)
        unknown = wanted - set(PATHWAY_KINDS)
        if unknown:
            raise ValueError(f"kinds: {sorted(unknown)} not among {PATHWAY_KINDS}")
        floor = EVIDENCE_STRENGTHS.index(min_evidence)
        edges = {
            (a, b)
            for (a, b), pathways in self._adjacent.items()
            if any(
                p.kind in wanted and EVIDENCE_STRENGTHS.index(p.evidence) <= floor for p in pathways
            )
        }
        graph: dict[str, set[str]] = {}
        for a, b in edges:
            graph.setdefault(a, set()).add(b)
        distance = {site_id: 0}
        queue = deque([site_id])
        while queue:
            here = queue.popleft()
            if distance[here] == n:
                continue
            for there in sorted(graph.get(here, ())):
                if there not in distance:
                    distance[there] = distance[here] + 1
                    queue.append(there)
        del distance[site_id]
        order = list(self._sites)
        return dict(sorted(distance.items(), key=lambda kv: (kv[1], order.index(kv[0]))))

    # --- helpers ----------------------------------------------------------------------------
    def _along_path(self, site_id: str, side: Side | None, *, step: int) -> list[SiteRef]:
        self.site(site_id)
        if side is not None and side not in SIDES:
            raise ValueError(f"side: {side!r} is not one of {SIDES} or None")
        if site_id not in self._load_path:
            return []
        i = self._load_path.index(site_id)
        ahead = self._load_path[i + 1 :] if step > 0 else self._load_path[:i][::-1]
        sides: tuple[Side, ...] = (side,) if side else SIDES
        out: list[SiteRef] = []
        for node in ahead:
            if self._sites[node].sided:
                out.extend(SiteRef(node, s) for s in sides)
            else:
                out.append(SiteRef(node, None))
        return out

    def _build_adjacency(self) -> dict[tuple[str, str], tuple[Pathway, ...]]:
        adjacent: dict[tuple[str, str], list[Pathway]] = {}
        for p in self._pathways.values():
            for a, b in p.links():
                adjacent.setdefault((a, b), []).append(p)
                adjacent.setdefault((b, a), []).append(p)
        return {k: tuple(v) for k, v in adjacent.items()}


def _pathway_order(p: Pathway) -> tuple[int, int, str]:
    return (EVIDENCE_STRENGTHS.index(p.evidence), PATHWAY_KINDS.index(p.kind), p.id)


def _closest(word: str, known: Mapping[str, object]) -> str | None:
    close = difflib.get_close_matches(word.strip().lower().replace(" ", "_"), list(known), n=1)
    return close[0] if close else None


def _unknown(what: str, word: str, hint: str | None, known: Mapping[str, object]) -> str:
    if hint:
        return f"unknown {what} {word!r} (did you mean {hint!r}?)"
    return f"unknown {what} {word!r}; known {what}s: {', '.join(known)}"
