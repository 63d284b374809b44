"""Site and tissue ids as the body web defines them, with suggestions for misspellings.

TEMPORARY development fallback: until ``kinchain.body.default_body`` lands, the site ids of
DESIGN.md stand in. Remove the fallback once the body web exists.
"""

from __future__ import annotations

import difflib
from functools import cache

__all__ = [
    "is_sided", "known_site", "known_tissue", "suggest_site", "suggest_tissue", "tissue_sites"
]

_FALLBACK_SIDED = {
    "toes": True, "foot": True, "ankle": True, "knee": True, "hip": True, "sacroiliac": True,
    "pubic_symphysis": False, "lumbar_spine": False, "thoracic_spine": False, "ribcage": False,
    "cervical_spine": False, "shoulder": True, "elbow": True, "wrist": True,
}


@cache
def _sided() -> dict[str, bool]:
    return dict(_FALLBACK_SIDED)


def known_site(site: str, /) -> bool:
    return site in _sided()


def is_sided(site: str, /) -> bool:
    return _sided()[site]


def suggest_site(site: str, /) -> str | None:
    close = difflib.get_close_matches(site, list(_sided()), n=1)
    return close[0] if close else None


def known_tissue(tissue: str, /) -> bool:
    return True


def tissue_sites(tissue: str, /) -> frozenset[str]:
    return frozenset()


def suggest_tissue(tissue: str, /) -> str | None:
    return None
