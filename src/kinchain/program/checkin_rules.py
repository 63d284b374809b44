"""What the check-in rules cite and what a flare can be put down to, from ``checkins.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from kinchain.datafile import cites, mapping, read_bundled_yaml, seq, text, texts
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry

__all__ = ["RULE_IDS", "CheckinRules", "FlareCause", "checkin_rules"]

FILE = "checkins.yaml"
#: the rules a check-in applies, each with its own citations
RULE_IDS = ("pain_rise", "streak", "make_room", "restore", "flare", "provisional")


@dataclass(frozen=True)
class FlareCause:
    """Something a client can put a flare down to, and what it pauses."""

    id: str
    label: str
    tags: frozenset[str]
    habits: tuple[str, ...]


@dataclass(frozen=True)
class CheckinRules:
    """Each rule's plain words and citations, and the flare causes a check-in may name."""

    says: Mapping[str, str]
    cite: Mapping[str, tuple[str, ...]]
    flare_with: Mapping[str, FlareCause]


def _cause(cause_id: str, raw: Any) -> FlareCause:
    key = f"flare_with.{cause_id}"
    entry = mapping(raw, file=FILE, key=key)
    return FlareCause(
        id=cause_id,
        label=text(entry, "label", file=FILE, key=key),
        tags=frozenset(texts(entry.get("tags"), file=FILE, key=f"{key}.tags")),
        habits=_habit_ids(entry.get("habits"), f"{key}.habits"),
    )


def _habit_ids(raw: Any, key: str) -> tuple[str, ...]:
    from kinchain.program.rules import default_habits

    known = {h.id for h in default_habits()}
    ids = tuple(seq(raw, file=FILE, key=key)) if raw is not None else ()
    for habit_id in ids:
        if habit_id not in known:
            raise DataFileError(FILE, key, f"{habit_id!r} is not a habit id of habits.yaml")
    return ids


@cache
def checkin_rules() -> CheckinRules:
    """The bundled check-in rules, checked (every rule present, every citation known)."""
    doc = mapping(read_bundled_yaml("kinchain.program", FILE), file=FILE, key="<file>")
    rules = mapping(doc.get("rules"), file=FILE, key="rules")
    missing = [r for r in RULE_IDS if r not in rules]
    if missing or set(rules) - set(RULE_IDS):
        raise DataFileError(FILE, "rules", f"expected exactly {list(RULE_IDS)}, got {list(rules)}")
    registry = default_registry()
    says, cite = {}, {}
    for rule_id in RULE_IDS:
        entry = mapping(rules[rule_id], file=FILE, key=f"rules.{rule_id}")
        says[rule_id] = text(entry, "says", file=FILE, key=f"rules.{rule_id}", squash=True)
        cite[rule_id] = cites(entry, file=FILE, key=f"rules.{rule_id}", registry=registry)
    causes = mapping(doc.get("flare_with"), file=FILE, key="flare_with")
    return CheckinRules(
        says=MappingProxyType(says),
        cite=MappingProxyType(cite),
        flare_with=MappingProxyType({c: _cause(c, raw) for c, raw in causes.items()}),
    )
