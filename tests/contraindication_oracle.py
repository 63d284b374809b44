"""An oracle for contraindications, written from the sources, not from kinchain's rules.

It reads only what the exercise library says of itself (tags, targets, the words of the
instructions) and a client's situation, and answers whether a routine item is forbidden, with
the source. It knows nothing of ``program/safety.py``, ``rules.yaml`` or ``loading.yaml``, so a
wrong rule there shows up as a routine item the oracle forbids.

The oracle only forbids what its sources forbid; kinchain may be stricter (its look-ahead, its
heuristics), never looser. The table (docs/clinical-safety.md repeats it), as
exercise -> situation -> source:

- lying on the back (tag ``supine``) -> pregnant, week 20 or later -> acog2020
- lying on the front (tag ``prone``) -> pregnant, week 14 or later (after the first trimester)
  -> acog2020 + heuristic
- unstable surface (tag ``unstable_surface``) -> pregnant, week 28 or later (falls) -> acog2020
- running or jumping (tag ``high_impact``) -> after a birth, before week 12 -> goom2019
- running or jumping (tag ``high_impact``) -> after a birth, any pelvic-floor symptom yes or any
  of the three questions unanswered -> goom2019
- a carried or added load (tag ``loaded``) -> after a birth, before week 6 -> goom2019
- works the injured site, same side -> a recent injury there -> hubbard2008
- weight through the legs (stand, walk, kneel, hop, step in its instructions) -> a recent injury
  of a leg (toes to hip) -> heuristic
- on hands and knees -> a recent injury of an arm or a leg -> heuristic
- running, jumping or an added load -> any recent injury -> heuristic
- anything at all -> two or more places recently injured and a pain of 7/10 or more (a clinician
  leads) -> heuristic

*Recent*, for the oracle: a sprain or dislocation within 6 weeks (42 days: a human ankle needs at
least 6 weeks to heal, Hubbard & Hicks-Little 2008), a fracture or an operation within 12 weeks
(84 days), in both cases unless the treating clinician has cleared it. kinchain's own windows can
be longer (a reconstructed ligament: about a year), never shorter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

LEG = ("toes", "foot", "ankle", "knee", "hip")
ARM = ("wrist", "elbow", "shoulder")
_BEARS_LEGS = re.compile(
    r"\b(stand|standing|stands|walk|walking|jog|jogging|hop|hops|skip|kneel|kneeling|"
    r"knees under|hands and knees|step)\b",
    re.IGNORECASE,
)
_HANDS_AND_KNEES = re.compile(r"\bhands and knees\b", re.IGNORECASE)


@dataclass(frozen=True)
class Situation:
    """What the oracle needs to know of a client on a day."""

    life_stage: str = "none"  # none | pregnant | postpartum
    weeks: int | None = None
    pelvic_floor: dict[str, bool] = field(default_factory=dict)  # answered questions only
    recent: tuple[tuple[str, str | None], ...] = ()  # recently injured (site, side)
    worst_pain: int = 0


def _sides_meet(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or "both" in (a, b)


def recent_places(intake: Any, as_of: dt.date) -> tuple[tuple[str, str | None], ...]:
    """The oracle's own reading of which injuries are recent (see the module docstring)."""
    out = []
    for injury in intake.injuries:
        if injury.cleared is not None and injury.cleared.date.earliest() <= as_of:
            continue
        days = (as_of - injury.date.middle_as_of(as_of)).days
        window = {"sprain": 42, "dislocation": 42, "fracture": 84, "surgery": 84}.get(injury.kind)
        if window is not None and 0 <= days <= window:
            out.append((injury.site, injury.side))
    return tuple(dict.fromkeys(out))


def situation_of(intake: Any, as_of: dt.date) -> Situation:
    """The oracle's situation for an intake on a day."""
    stage = intake.client.life_stage
    floor = stage.pelvic_floor
    answered = {}
    if floor is not None:
        for name in ("leaking", "heaviness", "pelvic_pain"):
            value = getattr(floor, name)
            if value is not None:
                answered[name] = value
    return Situation(
        stage.status,
        stage.weeks,
        answered,
        recent_places(intake, as_of),
        max((p.intensity for p in intake.pain), default=0),
    )


def _life_stage(tags: frozenset[str], s: Situation) -> str | None:
    w = s.weeks
    if s.life_stage == "pregnant" and w is not None:
        if "supine" in tags and w >= 20:
            return "acog2020: not on the back from week 20"
        if "prone" in tags and w >= 14:
            return "acog2020: not on the front after the first trimester"
        if "unstable_surface" in tags and w >= 28:
            return "acog2020: no fall risk late in pregnancy"
    if s.life_stage == "postpartum" and w is not None:
        if "high_impact" in tags and w < 12:
            return "goom2019: no running or jumping before 12 weeks after birth"
        if "high_impact" in tags and (any(s.pelvic_floor.values()) or len(s.pelvic_floor) < 3):
            return "goom2019: no running or jumping with pelvic-floor symptoms or unasked"
        if "loaded" in tags and w < 6:
            return "goom2019: no added load before 6 weeks after birth"
    return None


def forbidden(exercise: Any, targets: Any, situation: Situation) -> str | None:
    """Why ``exercise`` at ``targets`` must not be in this client's routine, or None."""
    tags = frozenset(exercise.tags)
    why = _life_stage(tags, situation)
    if why is not None:
        return why
    words = " ".join(exercise.instructions)
    for site, side in situation.recent:
        if any(t_site == site and _sides_meet(t_side, side) for t_site, t_side in targets):
            return f"hubbard2008: works the recently injured {side or ''} {site}"
        if site in LEG and _BEARS_LEGS.search(words):
            return f"heuristic: weight through the legs with a recent {site} injury"
        if (site in LEG or site in ARM) and _HANDS_AND_KNEES.search(words):
            return f"heuristic: on hands and knees with a recent {site} injury"
        if tags & {"high_impact", "loaded"}:
            return "heuristic: impact or added load with a recent injury"
    return None


def clinician_must_lead(situation: Situation) -> bool:
    """Two or more places recently injured and severe pain: no routine at all."""
    return len(situation.recent) >= 2 and situation.worst_pain >= 7
