"""Which simulation stands for a client's activity, and which of the client's shoes is worn for it.

The one place this decision is made (the assessment's loads, the report's mechanics section and
``kinchain simulate --intake`` all ask here). The rule is data: the ``intake`` section of
``activities.yaml`` maps intake activity kinds to simulated activities and gives each simulated
activity its footwear-kind preference; it is a labelled coaching heuristic (grammar at the top of
the file).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from kinchain.body import site_label
from kinchain.intake.model import Intake
from kinchain.mechanics._chain_data import ACTIVITIES, activities_doc, activity_spec

__all__ = [
    "ActivityChoice",
    "ShownActivity",
    "activities_named",
    "activity_choice",
    "activity_to_show",
    "main_activity",
    "shoe_for_activity",
    "simulated_activity",
    "simulated_minutes",
]

#: the activity simulated when none of a client's activities can be
_FALLBACK = "walk"


@dataclass(frozen=True)
class ActivityChoice:
    """The ``intake`` section of ``activities.yaml``, checked."""

    simulate_as: Mapping[str, str]
    footwear_for: Mapping[str, tuple[str, ...]]
    cite: tuple[str, ...]
    note: str
    #: the words and phrases that name each simulated activity in free text
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ShownActivity:
    """The activity the report simulates, and why, in words a coach reads."""

    activity: str
    reason: str


@cache
def activity_choice() -> ActivityChoice:
    """The bundled rule (read once); a bad entry is a :class:`DataFileError`.

    >>> activity_choice().simulate_as["run"]
    'jog'
    """
    sec = activities_doc().intake
    return ActivityChoice(
        simulate_as=MappingProxyType(dict(sec.simulate_as)),
        footwear_for=MappingProxyType(dict(sec.footwear_for)),
        cite=sec.cite,
        note=sec.note,
        words=MappingProxyType(dict(sec.words)),
    )


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (act, re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])"))
        for act, words in activity_choice().words.items()
        if words
    )


def activities_named(text: str, /) -> tuple[str, ...]:
    """The simulated activities a free text names, in the order of ``activities.yaml``.

    >>> activities_named("Get back to 30 km a week of running"), activities_named("sitting")
    (('jog',), ())
    """
    low = text.lower()
    return tuple(act for act, pattern in _patterns() if pattern.search(low))


def simulated_activity(kind: str, /) -> str | None:
    """The simulated activity that stands for an intake activity kind, or None (no stance).

    >>> simulated_activity("run"), simulated_activity("swim")
    ('jog', None)
    """
    return activity_choice().simulate_as.get(kind)


def simulated_minutes(intake: Intake, /) -> dict[str, float]:
    """Minutes a week per simulated activity, in intake order; ``{"walk": 0.0}`` when none of
    the client's activities can be simulated (everyone walks)."""
    minutes: dict[str, float] = {}
    for a in intake.activities:
        act = simulated_activity(a.kind)
        if act is not None:
            minutes[act] = minutes.get(act, 0.0) + float(a.minutes_per_week)
    return minutes or {_FALLBACK: 0.0}


def main_activity(intake: Intake, /) -> str:
    """The simulated activity with the most minutes a week (the first on a tie); walking when
    none of the client's activities can be simulated.

    >>> from kinchain.intake.model import Client
    >>> who = Intake(client=Client(name="A", birth_year=1990, sex="female", height_cm=165,
    ...              mass_kg=60), daily_minutes=10,
    ...              activities=[{"kind": "walk", "minutes_per_week": 100},
    ...                          {"kind": "run", "minutes_per_week": 90},
    ...                          {"kind": "jog", "minutes_per_week": 30},
    ...                          {"kind": "swim", "minutes_per_week": 500}])
    >>> main_activity(who)
    'jog'
    """
    minutes = simulated_minutes(intake)
    return max(minutes, key=lambda k: minutes[k])


def shoe_for_activity(intake: Intake, activity: str, /) -> int | None:
    """Index into ``intake.footwear`` of the pair worn for a simulated activity: the pair of
    the first preferred kind the client owns (most hours among them), else the pair worn most
    hours; None when the intake lists no footwear.

    >>> from kinchain.intake.model import Client
    >>> who = Intake(client=Client(name="A", birth_year=1990, sex="male", height_cm=180,
    ...              mass_kg=80), daily_minutes=10,
    ...              footwear=[{"name": "office", "kind": "flat", "hours_per_day": 9},
    ...                        {"name": "trainers", "kind": "athletic", "hours_per_day": 2}])
    >>> shoe_for_activity(who, "jog"), shoe_for_activity(who, "walk")
    (1, 0)
    """
    shoes = intake.footwear
    if not shoes:
        return None
    for kind in activity_choice().footwear_for.get(activity, ()):
        owned = [i for i, s in enumerate(shoes) if s.kind == kind]
        if owned:
            return max(owned, key=lambda i: shoes[i].hours_per_day)
    return max(range(len(shoes)), key=lambda i: shoes[i].hours_per_day)


def _mentions(intake: Intake, activity: str, /) -> tuple[list[str], list[str]]:
    """The goals that name an activity, and the pains worse with it (in words)."""
    goals = [g for g in intake.goals if activity in activities_named(g)]
    pains = []
    for pain in intake.pain:
        hits = [w for w in pain.worse_with if activity in activities_named(w)]
        if hits:
            where = site_label(pain.site, pain.side)
            pains.append(f"the {where} pain is worse with {hits[0]}")
    return goals, pains


def activity_to_show(intake: Intake, /) -> ShownActivity:
    """The activity the report simulates: the one the client's goals and aggravating
    activities name most often, ties (and no mention) going to the one with more minutes a
    week; walking when none can be simulated. The reason says which rule chose it.

    >>> from kinchain.intake.model import Client
    >>> who = Intake(client=Client(name="A", birth_year=1990, sex="female", height_cm=165,
    ...              mass_kg=60), daily_minutes=10, goals=["Jog 5 km"],
    ...              activities=[{"kind": "walk", "minutes_per_week": 200},
    ...                          {"kind": "jog", "minutes_per_week": 30}])
    >>> activity_to_show(who).activity
    'jog'
    """
    minutes = simulated_minutes(intake)
    named = {act: _mentions(intake, act) for act in ACTIVITIES}
    count = {act: len(g) + len(p) for act, (g, p) in named.items()}
    order = list(minutes) + [a for a in ACTIVITIES if a not in minutes]
    best = max(order, key=lambda a: (count[a], minutes.get(a, -1.0)))
    label = activity_spec(best).label
    if count[best]:
        goals, pains = named[best]
        parts = [f'the goal "{g}" is about it' for g in goals[:1]] + pains[:1]
        return ShownActivity(best, f"{label}, because {' and '.join(parts)}")
    if any(simulated_activity(a.kind) for a in intake.activities):
        return ShownActivity(
            best, f"{label}, the client's activity with the most minutes a week "
            f"({minutes[best]:g}); no goal or aggravating activity names one that can be simulated"
        )
    return ShownActivity(best, f"{label}: none of the client's activities can be simulated")
