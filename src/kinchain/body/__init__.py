"""The body web: sites, their roles and ranges, the tissues that hold them, the pathways between.

Knowledge lives in ``sites.yaml``, ``tissues.yaml`` and ``pathways.yaml`` beside this file (each
with its grammar at the top, every fact cited). :func:`default_body` loads and checks them once;
the :class:`Body` answers the graph questions later stages ask (what sits above the left ankle on
the load path, which tissues stabilise the knee, which pathways link the ankle and the lower back).
"""

from kinchain.body.labels import each_side, site_label
from kinchain.body.loader import bundled_folder, default_body, load_body
from kinchain.body.model import (
    BLOOD_SUPPLY,
    EVIDENCE_STRENGTHS,
    PATHWAY_KINDS,
    REGIONS,
    ROLES,
    SIDES,
    TISSUE_TYPES,
    Motion,
    Pathway,
    Role,
    Side,
    Site,
    SiteRef,
    Tissue,
)
from kinchain.body.web import Body

__all__ = [
    "BLOOD_SUPPLY",
    "EVIDENCE_STRENGTHS",
    "PATHWAY_KINDS",
    "REGIONS",
    "ROLES",
    "SIDES",
    "TISSUE_TYPES",
    "Body",
    "Motion",
    "Pathway",
    "Role",
    "Side",
    "Site",
    "SiteRef",
    "Tissue",
    "bundled_folder",
    "default_body",
    "each_side",
    "load_body",
    "site_label",
]
