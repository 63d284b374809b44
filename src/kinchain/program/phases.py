"""The 12-week phases for one client, built from their own routine and life stage.

``rules.yaml`` holds each phase's words: a focus everyone reads and parts and criteria that are
said only when their condition holds (the routine has balance work, a carry, the client runs, is
pregnant, ...). So a phase never promises work the routine does not contain, and a client never
reads about a birth that is not theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kinchain.program.model import Phase
from kinchain.program.rules import PhaseRule

__all__ = ["ClientFacts", "phases_for"]


@dataclass(frozen=True)
class ClientFacts:
    """What the phase conditions look at."""

    qualities: frozenset[str]
    tags: frozenset[str]
    life_stage: str
    runs: bool
    habit_areas: frozenset[str]


def _holds(when: Mapping[str, Any], facts: ClientFacts) -> bool:
    tests = {
        "routine_qualities": lambda v: bool(facts.qualities & set(v)),
        "routine_tags": lambda v: bool(facts.tags & set(v)),
        "no_routine_tags": lambda v: not facts.tags & set(v),
        "life_stage": lambda v: facts.life_stage in v,
        "runs": lambda v: facts.runs == v,
        "habit_areas": lambda v: bool(facts.habit_areas & set(v)),
    }
    return all(tests[cond](value) for cond, value in when.items())


def _listed(parts: list[str]) -> str:
    """The parts as one list; semicolons, since a part may hold commas."""
    return "; ".join(parts)


def _phase(rule: PhaseRule, facts: ClientFacts) -> Phase:
    parts = [t for when, t in rule.parts if _holds(when, facts)]
    focus = rule.focus
    if parts:
        focus += f" {rule.parts_intro} {_listed(parts)}.".replace("  ", " ")
    criteria = tuple(t for when, t in rule.criteria if _holds(when, facts))
    return Phase(rule.name, (rule.first_week, rule.last_week), focus, criteria, rule.cite)


def phases_for(rules: Iterable[PhaseRule], facts: ClientFacts, /) -> tuple[Phase, ...]:
    """Each phase in this client's words.

    >>> from kinchain.program.rules import default_rules
    >>> facts = ClientFacts(frozenset({"mobility"}), frozenset(), "none", False, frozenset())
    >>> first = phases_for(default_rules().phases, facts)[0]
    >>> "balance" in first.focus, "easy movement" in first.focus
    (False, True)
    """
    return tuple(_phase(rule, facts) for rule in rules)
