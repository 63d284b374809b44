"""Parsing ``healing.yaml``: plain YAML values in, a checked :class:`HealingModel` out.

The checks are declared in :mod:`kinchain.tissue.schema`; every problem raises
:class:`~kinchain.errors.DataFileError` naming the file, the key path and the bad value, for
example ``healing.yaml: classes.muscle.recovery[1].fraction: 1.4 is outside 0..1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinchain.errors import DataFileError
from kinchain.knowledge import load
from kinchain.tissue.constants import (
    CARE_LEVELS,
    INJURY_KINDS,
    RULES,
    TISSUE_TYPES,
    CaitCutoff,
    CareFactor,
    Cited,
    FaamCutoffs,
    HealingClass,
    HealingModel,
    KindTissue,
    LifeStageConstants,
    Phase,
    RecoveryPoint,
    Rule,
    Structure,
    StructureDefault,
    TissueClass,
)
from kinchain.tissue.schema import (
    CaitDoc,
    CitedFraction,
    ClassDoc,
    FaamDoc,
    HealingDoc,
    LifeStageDoc,
)

__all__ = ["parse_healing"]


def _cited(c: CitedFraction) -> Cited:
    return Cited(c.value, c.cite, c.note)


def _healing_class(cid: str, c: ClassDoc) -> HealingClass:
    return HealingClass(
        id=cid,
        label=c.label,
        blood_supply=c.blood_supply,
        after_surgery=c.after_surgery,
        phases=tuple(Phase(n, p.end_day, p.cite, p.note) for n, p in c.phases.items()),
        recovery=tuple(RecoveryPoint(p.day, p.fraction, p.cite, p.note) for p in c.recovery),
        instability=_cited(c.instability),
    )


def _cait(c: CaitDoc) -> CaitCutoff:
    return CaitCutoff(c.cutoff_total, c.stable_above, c.max_total, c.items, c.cite, c.note)


def _faam(f: FaamDoc) -> FaamCutoffs:
    return FaamCutoffs(
        f.adl_below, f.sports_below, f.min_answered_fraction, f.adl_items, f.sports_items,
        f.cite, f.note,
    )


def _life_stage(ls: LifeStageDoc) -> LifeStageConstants:
    return LifeStageConstants(
        pregnant=Cited(ls.pregnant.factor, ls.pregnant.cite, ls.pregnant.note),
        postpartum=Cited(ls.postpartum.factor, ls.postpartum.cite, ls.postpartum.note),
        postpartum_window_weeks=ls.postpartum.window_weeks,
        risk_factor_sites=ls.risk_factors.sites,
        risk_factor_cite=ls.risk_factors.cite,
        risk_factor_note=ls.risk_factors.note,
        relaxin_cite=ls.relaxin.cite,
        relaxin_note=ls.relaxin.note,
    )


def _by_name(doc: HealingDoc) -> dict[str, Any]:
    """The sections keyed by a vocabulary, in the vocabulary's order."""
    return {
        "kind_tissue": {
            k: KindTissue(k, d.tissue, d.cite, d.note)
            for k, d in ((k, doc.kind_tissue[k]) for k in INJURY_KINDS)
        },
        "tissue_classes": {
            t: TissueClass(t, d.healing_class, d.stability_share, d.cite, d.note,
                           d.intracapsular_class)
            for t, d in ((t, doc.tissue_class[t]) for t in TISSUE_TYPES)
        },
        "rules": {n: Rule(n, doc.rules[n].cite, doc.rules[n].note) for n in RULES},
        "care": {
            c: CareFactor(c, doc.care[c].value, doc.care[c].cite, doc.care[c].note)
            for c in CARE_LEVELS
        },
    }


def healing_model(doc: HealingDoc, /, *, file: str) -> HealingModel:
    """The domain's constants from a checked document."""
    sev = doc.severity
    return HealingModel(
        file=file,
        grades={g: _cited(sev.grades[g]) for g in (1, 2, 3)},
        ungraded=_cited(sev.ungraded),
        kind_severity={k: _cited(c) for k, c in sev.kinds.items()},
        classes={cid: _healing_class(cid, c) for cid, c in doc.classes.items()},
        structures={
            sid: Structure(sid, s.name, s.tissue, s.healing_class, s.stability_share, s.cite,
                           s.note)
            for sid, s in doc.structures.items()
        },
        defaults={
            (site, kind): StructureDefault(site, kind, d.structure, d.cite, d.note)
            for site, kinds in doc.defaults.items() for kind, d in kinds.items()
        },
        recurrence=_cited(doc.recurrence.per_episode),
        cait=_cait(doc.questionnaires.cait),
        faam=_faam(doc.questionnaires.faam),
        life_stage=_life_stage(doc.life_stage),
        **_by_name(doc),
    )


def parse_healing(doc: Any, /, *, file: str) -> HealingModel:
    """Check the parsed YAML document ``doc`` of ``file`` and build the model."""
    if not isinstance(doc, Mapping):
        raise DataFileError(file, "<file>", f"expected a mapping, got {type(doc).__name__}")
    return healing_model(load(HealingDoc, doc, file=file), file=file)
