"""Shared pieces of the contributor ranking: the inputs it asks for and the weights it applies."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kinchain.assessment._data import weakest_grade
from kinchain.assessment.model import Contributor
from kinchain.assessment.rules import ContributorRules
from kinchain.body import SiteRef
from kinchain.intake.model import Intake, Pain
from kinchain.intake.refs import IntakeRef
from kinchain.trail import Step

__all__ = [
    "BodyQueries",
    "DeficitFn",
    "Leak",
    "LeakFn",
    "aggravates",
    "deficit_weight",
    "finish",
    "r3",
    "side_step",
    "side_weight",
]


class BodyQueries(Protocol):
    """What the contributor ranking asks of the body web (``kinchain.body.Body``)."""

    def chain_distance(self, a: str, b: str, /) -> int | None: ...

    def pathways_between(self, a: str, b: str, /) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Leak:
    """Extra load at the painful site from one joint's deficit, as a fraction of baseline;
    ``how`` says in a few words which figure rises (e.g. the loading rate), or is empty."""

    fraction: float
    steps: tuple[Step, ...]
    how: str = ""


#: (intake, injured joint, its stability deficit, the painful place) -> Leak, or None when the
#: mechanics engine does not model that path
LeakFn = Callable[[Intake, SiteRef, float, SiteRef], Leak | None]

#: a joint's stability deficit and the cited steps behind it
DeficitFn = Callable[[str, str | None], tuple[float, tuple[Step, ...]]]


def r3(x: float) -> float:
    return round(x, 3)


def deficit_weight(deficit: float, /, *, scale: float) -> float:
    """A stability deficit as a weight: steep for small deficits, 1 at 1, always rising.

    >>> round(deficit_weight(0.3, scale=0.35), 3), deficit_weight(1.0, scale=0.35)
    (0.611, 1.0)
    """
    return (1.0 - math.exp(-deficit / scale)) / (1.0 - math.exp(-1.0 / scale))


def side_weight(source_side: str | None, pain_side: str | None, rules: ContributorRules) -> float:
    """How much a source on one side counts for a pain on another.

    >>> from kinchain.assessment.rules import contributor_rules
    >>> r = contributor_rules()
    >>> side_weight("left", "left", r), side_weight("right", "left", r)
    (1.0, 0.5)
    >>> side_weight("left", None, r)
    0.8
    """
    if source_side is None and pain_side is None:
        return rules.side_same
    if source_side is None or pain_side is None:
        return rules.side_unsided_pain
    if "both" in (source_side, pain_side) or source_side == pain_side:
        return rules.side_same
    return rules.side_other


def side_step(
    source: SiteRef, pain: SiteRef, weight: float, rules: ContributorRules, ref: IntakeRef
) -> Step:
    if source.side is None or pain.side is None:
        how = (
            "one side, a spine pain"
            if pain.side is None and source.side
            else "no side on one of them"
        )
    elif weight == rules.side_same:
        how = "same side"
    else:
        how = "other side"
    return Step(
        f"source {source}, pain {pain}",
        f"side weight ({how})",
        weight,
        rules.weights_cite,
        "The same side as the pain counts more than the other side.",
        ref,
    )


def aggravates(pain: Pain, words: Sequence[str]) -> str | None:
    said = [w.lower() for w in pain.worse_with]
    for w in said:
        if any(word in w for word in words):
            return w
    return None


def finish(
    *,
    rules: ContributorRules,
    kind: str,
    pain: SiteRef,
    pain_ref: str,
    source: SiteRef,
    ref: IntakeRef,
    label: str,
    score: float,
    claim_cite: tuple[str, ...],
    hypothesis: bool,
    summary: str,
    trail: list[Step],
    formula: str,
) -> Contributor:
    score = max(0.0, min(1.0, score))
    trail.append(
        Step(
            f"{label} for {pain} pain",
            formula,
            r3(score),
            rules.weights_cite,
            "A ranking weight between 0 and 1, not a probability; the weights are a coaching "
            "heuristic.",
            ref,
        )
    )
    grounds = tuple(k for k in claim_cite) or rules.weights_cite
    return Contributor(
        pain=pain,
        pain_ref=pain_ref,
        kind=kind,
        source=source,
        ref=ref,
        label=label,
        score=r3(score),
        evidence=weakest_grade(grounds),
        hypothesis=hypothesis,
        summary=summary,
        trail=tuple(trail),
    )
