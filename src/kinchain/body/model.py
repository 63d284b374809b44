"""The pieces of the body web: sites, their motions and roles, tissues and pathways.

Plain frozen dataclasses that the loader fills from the data files; they hold no I/O and can be
built from any other store (a database row a coach edits) as long as the loader's checks pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

__all__ = [
    "BLOOD_SUPPLY",
    "EVIDENCE_STRENGTHS",
    "PATHWAY_KINDS",
    "REGIONS",
    "ROLES",
    "SIDES",
    "TISSUE_TYPES",
    "Motion",
    "Pathway",
    "Role",
    "Side",
    "Site",
    "SiteRef",
    "Tissue",
]

Side = Literal["left", "right"]
SIDES: tuple[Side, ...] = ("left", "right")
ROLES = ("stability", "mobility")
REGIONS = ("foot_ankle", "knee", "hip_pelvis", "spine", "thorax", "upper_limb", "head_neck")
TISSUE_TYPES = ("ligament", "tendon", "muscle", "fascia", "capsule")
BLOOD_SUPPLY = ("rich", "moderate", "poor")
PATHWAY_KINDS = ("load_path", "linkage", "myofascial", "neural")
#: strongest first
EVIDENCE_STRENGTHS = ("strong", "moderate", "limited", "none")


class SiteRef(NamedTuple):
    """A site on a side of the body: the one site reference of kinchain.

    ``side`` is None for midline sites and ``"both"`` for a pain or an injury on both sides;
    ``site`` is None for what belongs to no site (a shoe, a habit, the life stage: "whole body"),
    which may still have a side (a bag carried on the left). A tuple, so it keys a mapping of
    ``(site, side)``. Its text is the body web's label for the site.

    >>> str(SiteRef("ankle", "left")), str(SiteRef("lumbar_spine", None)), str(SiteRef(None))
    ('left ankle', 'lower back', 'whole body')
    >>> SiteRef("knee", "both").to_json()
    {'site': 'knee', 'side': 'both'}
    """

    site: str | None
    side: Side | Literal["both"] | None = None

    def __str__(self) -> str:
        from kinchain.body.labels import site_label  # the labels read the loaded body web

        return site_label(self.site, self.side)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {"site": self.site, "side": self.side}


@dataclass(frozen=True)
class Role:
    """A site's role in the joint-by-joint view (expert opinion, untested)."""

    value: str  # "stability" | "mobility"
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Motion:
    """One degree of freedom in one direction, with its normal range in degrees."""

    motion: str
    min_deg: float
    max_deg: float
    cite: tuple[str, ...]
    condition: str = ""
    note: str = ""

    def describe(self) -> str:
        """A short readable line.

        >>> Motion("flexion", 0, 140, ("heuristic",)).describe()
        'flexion 0-140°'
        >>> Motion("tibial_external_rotation", 0, 45, (), condition="knee flexed 30°").describe()
        'tibial external rotation 0-45° (knee flexed 30°)'
        """
        text = f"{self.motion.replace('_', ' ')} {self.min_deg:g}-{self.max_deg:g}°"
        return f"{text} ({self.condition})" if self.condition else text


@dataclass(frozen=True)
class Site:
    """A joint or body region: where injuries happen and pain is felt."""

    id: str
    name: str
    sided: bool
    region: str
    role: Role | None
    motions: tuple[Motion, ...]
    cite: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Tissue:
    """A ligament, tendon, muscle, fascia or capsule and the sites it holds or moves."""

    id: str
    name: str
    type: str
    blood_supply: str  # "rich" | "moderate" | "poor"
    intracapsular: bool
    stabilises: tuple[str, ...]
    moves: tuple[str, ...]
    cite: tuple[str, ...]
    note: str = ""

    @property
    def sites(self) -> tuple[str, ...]:
        """Every site the tissue stabilises or moves, stabilised ones first, no repeats."""
        return tuple(dict.fromkeys(self.stabilises + self.moves))


@dataclass(frozen=True)
class Pathway:
    """An ordered chain of sites: the load path, a linkage, a myofascial chain or a nerve."""

    id: str
    name: str
    kind: str
    nodes: tuple[str, ...]
    evidence: str  # "strong" | "moderate" | "limited" | "none"
    cite: tuple[str, ...]
    tissues: tuple[str, ...] = ()
    roots: str = ""
    note: str = ""

    def links(self) -> tuple[tuple[str, str], ...]:
        """Consecutive node pairs, each one link of the pathway.

        >>> Pathway("p", "p", "linkage", ("a", "b", "c"), "strong", ()).links()
        (('a', 'b'), ('b', 'c'))
        """
        return tuple(zip(self.nodes, self.nodes[1:], strict=False))
