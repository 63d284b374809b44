"""Which exercises load which part of the body (``loading.yaml``), for recent injuries.

An exercise loads a recent injury when it works a site of the injury's *segment* on an
overlapping side, when its position bears weight through the injured limb, or when it carries a
tag that loads the whole body (impact, an added weight). The table and its reasoning are in
``loading.yaml``; the rule is the contraindication ``recent_injury`` in ``rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.datafile import cites, mapping, text
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.program.library import TAGS, Exercise, Library, default_library, read_bundled

__all__ = ["Loading", "default_loading", "parse_loading"]

_FILE = "loading.yaml"


def _overlap(a: str | None, b: str | None) -> bool:
    if a is None or b is None:  # a midline site counts on any side
        return True
    return a == b or "both" in (a, b)


@dataclass(frozen=True)
class Loading:
    """The segments, the weight-bearing positions and each exercise's position."""

    segments: Mapping[str, tuple[str, ...]]
    limbs: Mapping[str, tuple[str, ...]]
    bears: Mapping[str, tuple[str, ...]]  # position -> limbs
    said: Mapping[str, str]  # position -> plain words
    position: Mapping[str, str]  # exercise id -> position
    whole_body_tags: frozenset[str]
    cite: tuple[str, ...]

    def limb_of(self, site: str, /) -> str | None:
        """The limb a site belongs to, or None for the trunk and head."""
        return next((limb for limb, sites in self.limbs.items() if site in sites), None)

    def loads(
        self,
        exercise: Exercise,
        targets: Iterable[tuple[str, str | None]],
        /,
        *,
        site: str,
        side: str | None,
    ) -> str | None:
        """How ``exercise`` at ``targets`` loads an injury at ``site``/``side``, or None."""
        segment = self.segments.get(site, (site,))
        for t_site, t_side in targets:
            if t_site in segment and _overlap(t_side, side):
                return f"it works the {t_site.replace('_', ' ')}"
        limb = self.limb_of(site)
        position = self.position.get(exercise.id)
        if limb is not None and position is not None and limb in self.bears[position]:
            return f"it is done {self.said[position]}, with weight on the {limb} limbs"
        tags = sorted(exercise.tags & self.whole_body_tags)
        if tags:
            return f"it is {tags[0].replace('_', ' ')} work"
        return None


def parse_loading(doc: Any, /, *, library: Library, sites: Iterable[str]) -> Loading:
    """Checked :class:`Loading` from a parsed ``loading.yaml``: every site has a segment, every
    exercise of ``library`` exactly one position."""
    f = _FILE
    doc = mapping(doc, file=f, key="<file>")
    known = set(sites)
    segments = {}
    for site, entry in mapping(doc.get("segments"), file=f, key="segments").items():
        members = mapping(entry, file=f, key=f"segments.{site}").get("sites")
        if not isinstance(members, list) or not members or members[0] != site:
            raise DataFileError(f, f"segments.{site}.sites", f"expected [{site}, ...]")
        bad = [s for s in members if s not in known]
        if bad:
            raise DataFileError(f, f"segments.{site}.sites", f"unknown site(s) {bad}")
        segments[site] = tuple(members)
    if known - set(segments):
        raise DataFileError(f, "segments", f"missing {sorted(known - set(segments))}")
    limbs = {k: tuple(v) for k, v in mapping(doc.get("limbs"), file=f, key="limbs").items()}
    bears, said = {}, {}
    for pos, entry in mapping(doc.get("positions"), file=f, key="positions").items():
        entry = mapping(entry, file=f, key=f"positions.{pos}")
        said[pos] = text(entry, "said", file=f, key=f"positions.{pos}", squash=True)
        limbs_borne = entry.get("bears")
        if not isinstance(limbs_borne, list) or any(x not in limbs for x in limbs_borne):
            raise DataFileError(f, f"positions.{pos}.bears", f"expected limbs from {list(limbs)}")
        bears[pos] = tuple(limbs_borne)
    position: dict[str, str] = {}
    for pos, ids in mapping(doc.get("exercises"), file=f, key="exercises").items():
        if pos not in bears:
            raise DataFileError(f, f"exercises.{pos}", f"unknown position; expected {list(bears)}")
        for ex_id in ids:
            if ex_id not in library or ex_id in position:
                why = "is not in the library" if ex_id not in library else "has two positions"
                raise DataFileError(f, f"exercises.{pos}", f"{ex_id!r} {why}")
            position[ex_id] = pos
    if set(library) - set(position):
        missing = sorted(set(library) - set(position))
        raise DataFileError(f, "exercises", f"no position for {missing}")
    tags = doc.get("whole_body_tags", [])
    if not isinstance(tags, list) or any(t not in TAGS for t in tags):
        raise DataFileError(f, "whole_body_tags", f"expected tags from {list(TAGS)}, got {tags!r}")
    return Loading(
        segments, limbs, bears, said, position, frozenset(tags),
        cites(doc, file=f, key="<file>", registry=default_registry()),
    )  # fmt: skip


@cache
def default_loading() -> Loading:
    """The bundled table, checked against the bundled library and body web, loaded once."""
    from kinchain.body import default_body

    return parse_loading(
        read_bundled(_FILE), library=default_library(), sites=default_body().sites
    )
