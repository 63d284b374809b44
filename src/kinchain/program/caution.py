"""What the routine must defer to: recent injuries, the clinician leading, and the birth.

- :func:`recent_from_intake`: the injuries inside their healing window (:mod:`kinchain.tissue`),
  as the program's :class:`~kinchain.program.model.Recent` entries.
- :func:`recent_left_out`: one left-out entry per recent injury, naming the clinician's plan.
- :func:`clinician_leads`: fresh injuries in several places with severe pain leave no routine.
- :func:`plan_phases`: the 12-week phases, stopped at the expected birth for a pregnant client.
"""

from __future__ import annotations

import datetime as dt

from kinchain.intake.model import Intake
from kinchain.program.model import Context, LeftOut, Phase, Recent
from kinchain.program.needs import Need
from kinchain.program.rules import ProgramRules
from kinchain.program.safety import pelvic_floor_words

__all__ = [
    "clinician_leads",
    "clinician_leads_note",
    "needs_without_recent",
    "pelvic_floor_note",
    "plan_phases",
    "recent_from_intake",
    "recent_left_out",
    "recent_note",
]

_VERB = {"fracture": "broken", "surgery": "operated on", "sprain": "sprained",
         "strain": "strained", "dislocation": "dislocated", "contusion": "badly bruised",
         "tendinopathy": "troubled by a tendon problem"}  # fmt: skip


def recent_from_intake(intake: Intake, /, *, as_of: dt.date) -> tuple[Recent, ...]:
    """The intake's injuries that are recent on ``as_of`` (inside their healing window, not
    cleared by the treating clinician)."""
    from kinchain.tissue import tissue_state
    from kinchain.tissue.recent import recent_injuries

    states = tissue_state(intake, as_of=as_of).injuries
    return tuple(
        Recent(r.site, r.side, r.kind, r.last_day, r.place, r.ref, r.cite)
        for r in recent_injuries(intake, states, as_of=as_of)
    )


def _places(context: Context) -> list[str]:
    return list(dict.fromkeys(r.place for r in context.recent_on(context.as_of)))


def recent_left_out(context: Context, rules: ProgramRules, /) -> tuple[LeftOut, ...]:
    """One entry per recent injured place: no exercise loads it; follow the treating clinician."""
    rule = rules.contraindications["recent_injury"]
    out = []
    for place in _places(context):
        injuries = [r for r in context.recent_on(context.as_of) if r.place == place]
        what = " and ".join(dict.fromkeys(_VERB.get(r.kind, r.kind) for r in injuries))
        until = max(r.last_day for r in injuries).isoformat()
        out.append(
            LeftOut(
                place,
                tuple(r.ref for r in injuries),
                "recent_injury",
                f"your {place} was {what} recently and is still healing (until {until} unless "
                f"your clinician clears it sooner): no exercise here loads it; follow the plan of "
                f"the clinician treating your {place}",
                None,
                1.0,
                tuple(dict.fromkeys(rule.cite + tuple(k for r in injuries for k in r.cite))),
                f"Your {place}",
            )
        )
    return tuple(out)


def recent_note(context: Context, /) -> str | None:
    """The program note for recent injuries, or None without any."""
    places = _places(context)
    if not places:
        return None
    named = " and ".join(f"your {p}" for p in places)
    return (
        f"{named[:1].upper()}{named[1:]} {'is' if len(places) == 1 else 'are'} a recent injury "
        f"and still healing: follow the plan of the clinician treating "
        f"{'it' if len(places) == 1 else 'them'}. Nothing in this routine loads "
        f"{'it' if len(places) == 1 else 'them'}."
    )


def needs_without_recent(needs: tuple[Need, ...], context: Context, /) -> tuple[Need, ...]:
    """The needs that do not come from recent injuries alone (an injury inside its healing
    window earns no work of its own, nor does the link it is said to load)."""
    recent = {r.ref for r in context.recent_on(context.as_of)}
    return tuple(n for n in needs if not n.because or not set(n.because) <= recent)


def clinician_leads(context: Context, rules: ProgramRules, /) -> bool:
    """Fresh injuries in several places together with severe pain: a clinician leads for now."""
    params = rules.contraindications["recent_injury"].params
    several = len(_places(context)) >= params["several_at_least"]
    return several and context.max_pain() >= params["pain_at_least"]


def clinician_leads_note(context: Context, /) -> str:
    """The note at the top of a program when a clinician should lead."""
    places = " and ".join(f"your {p}" for p in _places(context))
    return (
        f"A clinician should lead your care for now: {places} are recent injuries and your pain "
        f"is severe ({context.max_pain()}/10). kinchain gives no exercises until the clinician "
        "treating you says you can start; then ask your coach to rebuild the program."
    )


def pelvic_floor_note(context: Context, /) -> str | None:
    """After a birth: a yes suggests a pelvic-health physiotherapist; an unanswered question
    is to be asked before running or jumping. None when neither applies."""
    if context.life_stage not in ("pregnant", "postpartum"):
        return None
    if context.pelvic_floor_yes:
        said = " and ".join(pelvic_floor_words(context.pelvic_floor_yes))
        return (
            f"You told us about {said}: a pelvic-health physiotherapist can check and treat "
            "this, so ask the doctor or midwife who checks you after the birth to refer you. "
            "Running and jumping wait until then."
        )
    if context.life_stage == "postpartum" and context.pelvic_floor_unknown:
        ask = ", ".join(pelvic_floor_words(context.pelvic_floor_unknown))
        return (
            f"Ask about {ask} since the birth: running and jumping wait until these questions "
            "are answered."
        )
    return None


def plan_phases(
    phases: tuple[Phase, ...], context: Context, rules: ProgramRules, /
) -> tuple[Phase, ...]:
    """The client's 12-week ``phases``; a pregnant client's stop the week before the expected
    birth and end with the phase that says the program restarts after the birth."""
    end = rules.pregnancy_end
    if context.life_stage != "pregnant" or context.weeks is None or end is None:
        return tuple(phases)
    last_plan_week = end.birth_week - context.weeks  # plan week 1 is the current week
    total = phases[-1].weeks[1]
    if last_plan_week >= total:
        return tuple(phases)
    kept = [
        Phase(p.name, (p.weeks[0], min(p.weeks[1], last_plan_week)), p.focus,
              p.criteria_to_advance, p.cite)
        for p in phases
        if p.weeks[0] <= last_plan_week
    ]  # fmt: skip
    due = context.as_of + dt.timedelta(weeks=end.birth_week - context.weeks)
    after = Phase(
        end.name,
        (max(1, last_plan_week + 1), total),
        end.focus.format(due=due.isoformat(), week=end.birth_week),
        end.criteria_to_advance,
        end.cite,
    )
    return (*kept, after)
