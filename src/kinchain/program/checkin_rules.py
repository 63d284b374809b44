"""What the check-in rules cite and what a flare can be put down to, from ``checkins.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.knowledge import cross_check, load
from kinchain.program.words import RULE_IDS

if TYPE_CHECKING:  # the schema loads when the file is read
    from kinchain.program.tables_schema import CheckinsDoc

__all__ = ["RULE_IDS", "CheckinRules", "FlareCause", "checkin_rules", "parse_checkin_rules"]

FILE = "checkins.yaml"


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


def _habit_ids(doc: CheckinsDoc, /) -> None:
    from kinchain.program.rules import default_habits

    known = {h.id for h in default_habits()}
    for cause_id, cause in doc.flare_with.items():
        for habit_id in cause.habits:
            if habit_id not in known:
                raise DataFileError(
                    FILE, f"flare_with.{cause_id}.habits",
                    f"{habit_id!r} is not a habit id of habits.yaml",
                )  # fmt: skip


def parse_checkin_rules(raw: Mapping[str, Any], /) -> CheckinRules:
    """Checked rules from a parsed ``checkins.yaml``: every rule present, every citation and
    habit id known."""
    from kinchain.program.tables_schema import CheckinsDoc

    doc = load(CheckinsDoc, raw, file=FILE)
    cross_check(doc, file=FILE, registry=default_registry(), sites=())
    _habit_ids(doc)
    return CheckinRules(
        says=MappingProxyType({r: doc.rules[r].says for r in RULE_IDS}),
        cite=MappingProxyType({r: doc.rules[r].cite for r in RULE_IDS}),
        flare_with=MappingProxyType({
            c: FlareCause(id=c, label=f.label, tags=frozenset(f.tags), habits=f.habits)
            for c, f in doc.flare_with.items()
        }),
    )  # fmt: skip


@cache
def checkin_rules() -> CheckinRules:
    """The bundled check-in rules, checked (every rule present, every citation known)."""
    return parse_checkin_rules(read_bundled_yaml("kinchain.program", FILE))
