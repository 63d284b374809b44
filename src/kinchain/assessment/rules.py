"""Load ``contributors.yaml``: the rules and weights that rank what adds to a client's pain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import read_yaml
from kinchain.assessment.contributors_schema import ContributorsDoc, LifeStageRuleDoc, RuleDoc
from kinchain.evidence import default_registry
from kinchain.knowledge import cross_check, load

__all__ = ["ContributorRules", "InjuryRule", "SourceRule", "contributor_rules"]

_FILE = "contributors.yaml"


@dataclass(frozen=True)
class SourceRule:
    """One rule for a footwear, habit, activity or life-stage contributor."""

    kind: str
    id: str
    label: str
    when: Mapping[str, Any]
    pain_sites: frozenset[str]
    sided: bool
    base: float
    exposure_field: str | None
    exposure_full: float
    aggravator: tuple[str, ...]
    aggravator_by_kind: Mapping[str, tuple[str, ...]]
    note: str
    cite: tuple[str, ...]
    scale: float = 0.0  # life stage only
    cap: float = 1.0  # life stage only


@dataclass(frozen=True)
class InjuryRule:
    label: str
    note: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class ContributorRules:
    """Every contributor rule and weight, checked on load."""

    weights_cite: tuple[str, ...]
    min_score: float
    aggravator_bonus: float
    aggravator_note: str
    aggravator_cite: tuple[str, ...]
    side_same: float
    side_other: float
    side_unsided_pain: float
    local: InjuryRule
    chain: InjuryRule
    deficit_scale: float
    distance_decay: float
    pathway_only: float
    leak_gain: float
    leak_cite: tuple[str, ...]
    footwear: tuple[SourceRule, ...]
    habit: tuple[SourceRule, ...]
    activity: tuple[SourceRule, ...]
    life_stage: tuple[SourceRule, ...]


def _source_rule(kind: str, r: RuleDoc, when: dict[str, Any]) -> SourceRule:
    """One checked rule; a life-stage rule has a scale and a cap instead of a base."""
    life = r if isinstance(r, LifeStageRuleDoc) else None
    by_kind = r.aggravator_by_kind
    return SourceRule(
        kind=kind,
        id=r.id,
        label=r.label,
        when=when,
        pain_sites=frozenset(r.pain_sites),
        sided=r.sided,
        base=0.0 if isinstance(r, LifeStageRuleDoc) else r.base,
        exposure_field=None if r.exposure is None else r.exposure.field,
        exposure_full=1.0 if r.exposure is None else r.exposure.full,
        aggravator=tuple(w.lower() for w in r.aggravator),
        aggravator_by_kind={k: tuple(w.lower() for w in v) for k, v in by_kind.items()},
        note=r.note,
        cite=r.cite,
        scale=0.0 if life is None else life.scale,
        cap=1.0 if life is None else life.cap,
    )


def _source_rules(
    kind: str, rules: Sequence[RuleDoc], dumped: dict[str, Any]
) -> tuple[SourceRule, ...]:
    return tuple(_source_rule(kind, r, dumped[kind][i]["when"]) for i, r in enumerate(rules))


def parse_contributor_rules(doc: Any) -> ContributorRules:
    """Turn the parsed ``contributors.yaml`` into checked rules: every cite key in the evidence
    registry, every pain site in the body web."""
    from kinchain.body import default_body

    d = load(ContributorsDoc, doc, file=_FILE)
    cross_check(d, file=_FILE, registry=default_registry(), sites=default_body().sites)
    inj, side = d.injury, d.side
    dumped = d.model_dump(mode="json", exclude_none=True)  # once: the tests as written
    return ContributorRules(
        weights_cite=d.weights_cite, min_score=d.min_score, aggravator_bonus=d.aggravator_bonus,
        aggravator_note=d.aggravator_note, aggravator_cite=d.aggravator_cite,
        side_same=side.same, side_other=side.other, side_unsided_pain=side.unsided_pain,
        local=InjuryRule(inj.local.label, inj.local.note, inj.local.cite),
        chain=InjuryRule(inj.chain.label, inj.chain.note, inj.chain.cite),
        deficit_scale=inj.deficit_scale, distance_decay=inj.distance_decay,
        pathway_only=inj.pathway_only, leak_gain=inj.leak_gain, leak_cite=inj.leak_cite,
        footwear=_source_rules("footwear", d.footwear, dumped),
        habit=_source_rules("habit", d.habit, dumped),
        activity=_source_rules("activity", d.activity, dumped),
        life_stage=_source_rules("life_stage", d.life_stage, dumped),
    )  # fmt: skip


@cache
def contributor_rules() -> ContributorRules:
    """The bundled contributor rules, loaded and checked once per process."""
    return parse_contributor_rules(read_yaml(_FILE))
