"""Loading the tissue constants: the bundled ``healing.yaml``, checked against the evidence
registry (every citation) and the body web (every named structure)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinchain.datafile import CitationChecker
from kinchain.errors import DataFileError
from kinchain.knowledge import cross_check, load
from kinchain.tissue.constants import HealingModel
from kinchain.tissue.parse import healing_model
from kinchain.tissue.schema import HealingDoc

if TYPE_CHECKING:
    from kinchain.body import Body

__all__ = [
    "body_tissue_type",
    "bundled_healing_file",
    "check_against_body",
    "checked_healing",
    "default_healing",
    "load_healing",
]

_FILE = "healing.yaml"

def load_healing(source: Path | Mapping[str, Any], /) -> HealingModel:
    """Load and check a healing constants file, or its data already parsed (a coach's edit);
    any bad value raises DataFileError."""
    name = source.name if isinstance(source, Path) else _FILE
    return healing_model(load(HealingDoc, source, file=name), file=name)


def bundled_healing_file() -> Path:
    """The constants file shipped with kinchain."""
    return Path(str(resources.files("kinchain.tissue") / _FILE))


#: Body-web tissue types that this file names differently.
_BODY_TYPE_ALIASES: Mapping[str, str] = {"capsule": "joint"}


def body_tissue_type(body_type: str, /) -> str:
    """The tissue type this model uses for a body-web tissue type.

    >>> body_tissue_type("capsule"), body_tissue_type("ligament")
    ('joint', 'ligament')
    """
    return _BODY_TYPE_ALIASES.get(body_type, body_type)


def check_against_body(model: HealingModel, tissues: Mapping[str, Any], /) -> None:
    """Every named structure is a body-web tissue of the same type, at the sites it defaults for.

    ``tissues`` maps ids to :class:`kinchain.body.Tissue` (``type``, ``intracapsular``,
    ``sites``). Raises DataFileError for the first mismatch.
    """
    for sid, s in model.structures.items():
        key = f"structures.{sid}"
        if sid not in tissues:
            raise DataFileError(model.file, key, f"{sid!r} is not a tissue of the body web")
        t = tissues[sid]
        if body_tissue_type(t.type) != s.tissue:
            raise DataFileError(
                model.file, f"{key}.tissue",
                f"{s.tissue!r} but the body web says {sid} is a {t.type}",
            )
        inside = s.healing_class == model.tissue_classes["ligament"].intracapsular_class
        if bool(t.intracapsular) != inside:
            where = "inside" if t.intracapsular else "outside"
            raise DataFileError(
                model.file, f"{key}.class",
                f"{s.healing_class!r} but the body web puts {sid} {where} a joint capsule",
            )
    for (site, kind), d in model.defaults.items():
        if site not in tissues[d.structure].sites:
            raise DataFileError(
                model.file, f"defaults.{site}.{kind}.structure",
                f"the body web does not place {d.structure!r} at the {site}",
            )


@cache
def default_healing() -> HealingModel:
    """The bundled constants, loaded once per process, checked against the evidence registry
    (every citation) and the body web (every named structure)."""
    from kinchain.body import default_body
    from kinchain.evidence import default_registry

    return checked_healing(bundled_healing_file(), default_registry(), default_body())


def checked_healing(
    source: Path | Mapping[str, Any], registry: CitationChecker, body: Body, /
) -> HealingModel:
    """The constants of ``source`` with every citation in ``registry`` (a
    :class:`kinchain.evidence.Registry`) and every site and structure in ``body`` (a
    :class:`kinchain.body.BodyWeb`)."""
    name = source.name if isinstance(source, Path) else _FILE
    doc = load(HealingDoc, source, file=name)
    cross_check(doc, file=name, registry=registry, sites=body.sites)
    model = healing_model(doc, file=name)
    check_against_body(model, body.tissues)
    return model
