"""What check-ins did: each change to the routine, each re-assessed questionnaire, the outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kinchain.program.model import Program, RoutineItem

__all__ = ["Change", "CheckinOutcome", "InstrumentDelta", "Paused", "mcid_at", "number_at"]


@dataclass(frozen=True)
class Change:
    """What one check-in did to one routine item (or, with ``kind="habit"``, one habit).

    ``action`` is ``progress``, ``regress``, ``hold``, ``pause`` or ``restore``.
    """

    date: dt.date
    action: str
    exercise: str
    to: str | None
    rule: str
    reason: str
    cite: tuple[str, ...]
    kind: str = "exercise"  # "exercise" | "habit"

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "action": self.action,
            "kind": self.kind,
            "exercise": self.exercise,
            "to": self.to,
            "rule": self.rule,
            "reason": self.reason,
            "cite": list(self.cite),
        }


@dataclass(frozen=True)
class Paused:
    """A routine item out of the routine for now, and what brings it back.

    ``why`` is ``room`` (it made room for a harder item), ``flare`` (the client put a flare down
    to its kind; ``cause`` names it) or ``contraindication`` (``cause`` is the rule's key).
    """

    item: RoutineItem
    why: str
    cause: str | None
    since: dt.date

    def to_json(self) -> dict[str, Any]:
        return {
            "exercise": self.item.exercise.id,
            "name": self.item.exercise.name,
            "why": self.why,
            "cause": self.cause,
            "since": self.since.isoformat(),
        }


@dataclass(frozen=True)
class InstrumentDelta:
    """A re-assessed instrument against the earlier score and its minimal important difference."""

    date: dt.date
    instrument: str
    value: str
    before: float | None
    after: float
    mcid: float | None
    better: str  # "higher" | "lower"

    @property
    def change(self) -> float | None:
        return None if self.before is None else self.after - self.before

    @property
    def verdict(self) -> str:
        """``better``, ``worse``, ``no meaningful change``, or ``no earlier score``."""
        if self.change is None:
            return "no earlier score"
        improved = self.change > 0 if self.better == "higher" else self.change < 0
        if self.mcid is None:
            if self.change == 0:
                return "no change"
            word = "better" if improved else "worse"
            return f"{word} (kinchain holds no minimal important difference for this score)"
        if abs(self.change) < self.mcid:
            return "no meaningful change"
        return "better" if improved else "worse"

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "instrument": self.instrument,
            "value": self.value,
            "before": self.before,
            "after": self.after,
            "change": self.change,
            "mcid": self.mcid,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class CheckinOutcome:
    """The program after the check-ins, what changed, the instrument changes, what is paused."""

    program: Program
    changes: tuple[Change, ...]
    instruments: tuple[InstrumentDelta, ...]
    paused: tuple[Paused, ...] = ()
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "program": self.program.to_json(),
            "changes": [c.to_json() for c in self.changes],
            "instruments": [d.to_json() for d in self.instruments],
            "paused": [p.to_json() for p in self.paused],
            "notes": list(self.notes),
        }


def mcid_at(path: str | None) -> float | None:
    """The minimal important difference at a dotted path of the assessment's instruments.yaml."""
    if path is None:
        return None
    from kinchain.assessment.instruments import instrument_rules

    head, *rest = path.split(".")
    value: Any = instrument_rules()[head].params
    for part in rest:
        value = value[part]
    return float(value)


def number_at(values: Mapping[str, Any], key: str) -> float | None:
    """A score's number by key, or None when it is absent or not a number."""
    value = values.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
