"""Rank what plausibly adds to each pain: old injuries, footwear, habits, activities, life stage.

The rules and weights live in ``contributors.yaml``. A score is a ranking weight in 0..1, not a
probability; ``evidence`` is the weakest grade the claim rests on; an old injury elsewhere on
the chain is labelled a hypothesis. No injury in the intake means no injury contributor.

The body web (distances along the chain, pathways) and the mechanics engine (how much extra load
reaches the painful site) come in as arguments, so this module stays a pure function of its
inputs and can be tested with small fakes.
"""

from __future__ import annotations

from typing import Any

from kinchain.assessment._weigh import (
    BodyQueries,
    DeficitFn,
    Leak,
    LeakFn,
    deficit_weight,
    side_weight,
)
from kinchain.assessment.daily_life import daily_life_contributors
from kinchain.assessment.injury_links import injury_contributor
from kinchain.assessment.model import Contributor
from kinchain.assessment.rules import ContributorRules, contributor_rules
from kinchain.body import SiteRef
from kinchain.intake.model import Intake
from kinchain.intake.refs import InjuryRef, injuries_by_ref

__all__ = [
    "BodyQueries",
    "DeficitFn",
    "Leak",
    "LeakFn",
    "contributors",
    "deficit_weight",
    "side_weight",
]


def contributors(
    intake: Intake,
    /,
    *,
    body: BodyQueries,
    deficit_of: DeficitFn,
    life_stage: Any = None,
    leak: LeakFn | None = None,
    rules: ContributorRules | None = None,
    recent: frozenset[InjuryRef] = frozenset(),
) -> tuple[Contributor, ...]:
    """Every contributor to every pain in the intake, highest score first.

    ``deficit_of(site, side)`` gives a joint's stability deficit and its trail (the tissue
    model); ``life_stage`` is the tissue model's life-stage risk (``status``, ``weeks``,
    ``factor``, ``trail``) or None; ``leak`` asks the mechanics engine how much extra load
    reaches the painful site (None leaves the mechanics out). ``recent`` names the
    injuries still inside their healing window (:mod:`kinchain.tissue.recent`): they are called
    recent, never old.
    """
    rules = rules or contributor_rules()
    found: list[Contributor] = []
    for p, pain in enumerate(intake.pain):
        place = SiteRef(pain.site, pain.side)
        for ref, injury in injuries_by_ref(intake).items():
            c = injury_contributor(
                intake,
                ref,
                injury,
                p,
                place,
                body=body,
                deficit_of=deficit_of,
                leak=leak,
                rules=rules,
                recent=ref in recent,
            )
            if c is not None:
                found.append(c)
        found.extend(daily_life_contributors(intake, p, pain, place, rules, life_stage))
    kept = [c for c in found if c.score >= rules.min_score]
    return tuple(sorted(kept, key=lambda c: (-c.score, c.pain_ref, str(c.ref))))
