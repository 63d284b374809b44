"""Load ``contributors.yaml``: the rules and weights that rank what adds to a client's pain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import cites, mapping, number, read_yaml, seq, text
from kinchain.errors import DataFileError

__all__ = ["ContributorRules", "InjuryRule", "SourceRule", "contributor_rules"]

_FILE = "contributors.yaml"

_WHEN_KEYS: Mapping[str, frozenset[str]] = {
    "footwear": frozenset({"kind", "toe_box", "cushioning", "heel_min_mm", "runner"}),
    "habit": frozenset({"habit", "min_hours", "values"}),
    "activity": frozenset({"activity"}),
    "life_stage": frozenset({"status"}),
}
_HABITS = frozenset({"sitting", "standing", "sleep", "lifting", "carrying", "breathing", "gait"})
_EXPOSURE_FIELDS = frozenset({"hours_per_day", "minutes_per_week", "hours"})


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


def _injury_rule(raw: Any, key: str) -> InjuryRule:
    m = mapping(raw, file=_FILE, key=key)
    return InjuryRule(
        label=text(m, "label", file=_FILE, key=key),
        note=text(m, "note", file=_FILE, key=key),
        cite=cites(m, file=_FILE, key=key),
    )


def _when(m: Mapping[str, Any], key: str, kind: str) -> Mapping[str, Any]:
    """A rule's tests: only those its kind knows, and for a habit one the intake has."""
    when = mapping(m.get("when"), file=_FILE, key=f"{key}.when")
    unknown = set(when) - _WHEN_KEYS[kind]
    if unknown:
        raise DataFileError(
            _FILE,
            f"{key}.when",
            f"unknown test(s) {sorted(unknown)}; expected {sorted(_WHEN_KEYS[kind])}",
        )
    if kind == "habit" and when.get("habit") not in _HABITS:
        raise DataFileError(
            _FILE, f"{key}.when.habit", f"{when.get('habit')!r} is not one of {sorted(_HABITS)}"
        )
    return when


def _exposure(m: Mapping[str, Any], key: str) -> tuple[str | None, float]:
    """(the intake field that measures exposure, the amount that counts as full), or
    (None, 1.0) for a rule without exposure."""
    exposure = m.get("exposure")
    if exposure is None:
        return None, 1.0
    e = mapping(exposure, file=_FILE, key=f"{key}.exposure")
    field = str(e.get("field"))
    if field not in _EXPOSURE_FIELDS:
        raise DataFileError(
            _FILE,
            f"{key}.exposure.field",
            f"{field!r} is not one of {sorted(_EXPOSURE_FIELDS)}",
        )
    return field, number(e, "full", file=_FILE, key=f"{key}.exposure", lo=1e-9, hi=10_000)


def _aggravator_by_kind(m: Mapping[str, Any], key: str) -> dict[str, tuple[str, ...]]:
    return {
        str(k): tuple(str(w).lower() for w in v)
        for k, v in mapping(
            m.get("aggravator_by_kind", {}), file=_FILE, key=f"{key}.aggravator_by_kind"
        ).items()
    }


def _source_rule(m: Mapping[str, Any], key: str, kind: str, rid: str) -> SourceRule:
    """One checked rule; a life-stage rule has a scale and a cap instead of a base."""
    when = _when(m, key, kind)
    field, full = _exposure(m, key)
    is_life = kind == "life_stage"
    return SourceRule(
        kind=kind,
        id=rid,
        label=text(m, "label", file=_FILE, key=key),
        when=dict(when),
        pain_sites=frozenset(
            str(s) for s in seq(m.get("pain_sites"), file=_FILE, key=f"{key}.pain_sites")
        ),
        sided=bool(m.get("sided", False)),
        base=0.0 if is_life else number(m, "base", file=_FILE, key=key, lo=0, hi=1),
        exposure_field=field,
        exposure_full=full,
        aggravator=tuple(str(w).lower() for w in m.get("aggravator", [])),
        aggravator_by_kind=_aggravator_by_kind(m, key),
        note=text(m, "note", file=_FILE, key=key),
        cite=cites(m, file=_FILE, key=key),
        scale=number(m, "scale", file=_FILE, key=key, lo=0, hi=10) if is_life else 0.0,
        cap=number(m, "cap", file=_FILE, key=key, lo=0, hi=1) if is_life else 1.0,
    )


def _source_rules(raw: Any, kind: str) -> tuple[SourceRule, ...]:
    """The rules of one kind of everyday source, each id once."""
    out = []
    seen: set[str] = set()
    for i, item in enumerate(seq(raw, file=_FILE, key=kind)):
        key = f"{kind}[{i}]"
        m = mapping(item, file=_FILE, key=key)
        rid = text(m, "id", file=_FILE, key=key)
        if rid in seen:
            raise DataFileError(_FILE, f"{key}.id", f"{rid!r} is used twice")
        seen.add(rid)
        out.append(_source_rule(m, key, kind, rid))
    return tuple(out)


def parse_contributor_rules(doc: Any) -> ContributorRules:
    """Turn the parsed ``contributors.yaml`` into checked rules."""
    root = mapping(doc, file=_FILE, key="<root>")
    side = mapping(root.get("side"), file=_FILE, key="side")
    inj = mapping(root.get("injury"), file=_FILE, key="injury")
    return ContributorRules(
        weights_cite=cites({"cite": root.get("weights_cite")}, file=_FILE, key="weights_cite"),
        min_score=number(root, "min_score", file=_FILE, key="<root>", lo=0, hi=1),
        aggravator_bonus=number(root, "aggravator_bonus", file=_FILE, key="<root>", lo=0, hi=1),
        aggravator_note=text(root, "aggravator_note", file=_FILE, key="<root>"),
        aggravator_cite=cites(
            {"cite": root.get("aggravator_cite")}, file=_FILE, key="aggravator_cite"
        ),
        side_same=number(side, "same", file=_FILE, key="side", lo=0, hi=1),
        side_other=number(side, "other", file=_FILE, key="side", lo=0, hi=1),
        side_unsided_pain=number(side, "unsided_pain", file=_FILE, key="side", lo=0, hi=1),
        local=_injury_rule(inj.get("local"), "injury.local"),
        chain=_injury_rule(inj.get("chain"), "injury.chain"),
        deficit_scale=number(inj, "deficit_scale", file=_FILE, key="injury", lo=1e-3, hi=10),
        distance_decay=number(inj, "distance_decay", file=_FILE, key="injury", lo=0, hi=1),
        pathway_only=number(inj, "pathway_only", file=_FILE, key="injury", lo=0, hi=1),
        leak_gain=number(inj, "leak_gain", file=_FILE, key="injury", lo=0, hi=100),
        leak_cite=cites({"cite": inj.get("leak_cite")}, file=_FILE, key="injury.leak_cite"),
        footwear=_source_rules(root.get("footwear"), "footwear"),
        habit=_source_rules(root.get("habit"), "habit"),
        activity=_source_rules(root.get("activity"), "activity"),
        life_stage=_source_rules(root.get("life_stage"), "life_stage"),
    )


@cache
def contributor_rules() -> ContributorRules:
    """The bundled contributor rules, loaded and checked once per process."""
    return parse_contributor_rules(read_yaml(_FILE))
