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

from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.knowledge import cross_check, load
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
    from kinchain.program.tables_schema import LoadingDoc  # loads when the file is read

    d = load(LoadingDoc, doc, file=_FILE)
    known = set(sites)
    cross_check(d, file=_FILE, registry=default_registry(), sites=known)
    if known - set(d.segments):
        raise DataFileError(_FILE, "segments", f"missing {sorted(known - set(d.segments))}")
    position = {ex_id: pos for pos, ids in d.exercises.items() for ex_id in ids}
    for pos, ids in d.exercises.items():
        unknown = [ex_id for ex_id in ids if ex_id not in library]
        if unknown:
            raise DataFileError(_FILE, f"exercises.{pos}", f"{unknown[0]!r} is not in the library")
    if set(library) - set(position):
        missing = sorted(set(library) - set(position))
        raise DataFileError(_FILE, "exercises", f"no position for {missing}")
    tags = d.whole_body_tags
    if any(t not in TAGS for t in tags):
        raise DataFileError(
            _FILE, "whole_body_tags", f"expected tags from {list(TAGS)}, got {list(tags)!r}"
        )
    return Loading(
        segments={site: seg.sites for site, seg in d.segments.items()},
        limbs=dict(d.limbs),
        bears={pos: entry.bears for pos, entry in d.positions.items()},
        said={pos: entry.said for pos, entry in d.positions.items()},
        position=position,
        whole_body_tags=frozenset(tags),
        cite=d.cite,
    )


@cache
def default_loading() -> Loading:
    """The bundled table, checked against the bundled library and body web, loaded once."""
    from kinchain.body import default_body

    return parse_loading(
        read_bundled(_FILE), library=default_library(), sites=default_body().sites
    )
