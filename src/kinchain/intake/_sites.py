"""Site and tissue ids as the body web (:func:`kinchain.body.default_body`) defines them."""

from __future__ import annotations

from kinchain.body import default_body

__all__ = [
    "is_sided",
    "known_site",
    "known_tissue",
    "suggest_site",
    "suggest_tissue",
    "tissue_sites",
    "tissue_type",
]


def known_site(site: str, /) -> bool:
    return site in default_body().sites


def is_sided(site: str, /) -> bool:
    return default_body().sites[site].sided


def suggest_site(site: str, /) -> str | None:
    return default_body().suggest(site)


def known_tissue(tissue: str, /) -> bool:
    return tissue in default_body().tissues


def tissue_sites(tissue: str, /) -> frozenset[str]:
    return frozenset(default_body().tissues[tissue].sites)


def tissue_type(tissue: str, /) -> str | None:
    """The type of a body-web tissue (ligament, tendon, ...), or None for an unknown id."""
    found = default_body().tissues.get(tissue)
    return found.type if found is not None else None


def suggest_tissue(tissue: str, /) -> str | None:
    return default_body().suggest_tissue(tissue)
