"""The trail: why kinchain says what it says, one step at a time.

Every number a coach sees carries a trail of :class:`Step` s. A step names the intake fact it
starts from, the rule or model step applied, the number that came out, and the citation keys
(resolved by :mod:`kinchain.evidence`) behind the rule. A rule with no published source cites the
key ``heuristic`` and says so in its ``note``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kinchain.intake.refs import IntakeRef

__all__ = ["Step", "Trail", "steps_to_json"]


@dataclass(frozen=True)
class Step:
    """One link of reasoning: ``fact`` --``rule``--> ``value`` (because ``cite``)."""

    fact: str
    rule: str
    value: float | str | None = None
    cite: tuple[str, ...] = ()
    note: str = ""
    ref: IntakeRef | None = None  # what in the intake it starts from: InjuryRef(0), "pain[1]"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        out: dict[str, Any] = {
            "fact": self.fact,
            "rule": self.rule,
            "value": self.value,
            "cite": list(self.cite),
        }
        if self.note:
            out["note"] = self.note
        if self.ref is not None:
            out["ref"] = str(self.ref)
        return out


Trail = tuple[Step, ...]


def steps_to_json(steps: Iterable[Step]) -> list[dict[str, Any]]:
    """Turn a trail into a list of plain dicts.

    >>> steps_to_json([Step("ankle sprain, grade 2", "plateau", 0.2, ("frank1995",))])
    [{'fact': 'ankle sprain, grade 2', 'rule': 'plateau', 'value': 0.2, 'cite': ['frank1995']}]
    """
    return [s.to_json() for s in steps]
