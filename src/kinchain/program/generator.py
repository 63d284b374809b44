"""Build a client's program from the intake and the assessment.

The routine is filled greedily from the needs (:mod:`kinchain.program.needs`), highest priority
first: each need gets one exercise (or is served by one already chosen) before any need gets a
second, and an exercise joins only if it passes every contraindication and fits what is left of
``daily_minutes``. What could not be given is listed in ``left_out`` with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kinchain.intake.model import Intake
from kinchain.intake.refs import IntakeRef, injuries_by_ref
from kinchain.program.caution import (
    clinician_leads,
    clinician_leads_note,
    needs_without_recent,
    pelvic_floor_note,
    plan_phases,
    recent_from_intake,
    recent_left_out,
    recent_note,
)
from kinchain.program.coach import old_injury_minutes_note
from kinchain.program.habits import select_habits
from kinchain.program.library import Exercise, Library, default_library
from kinchain.program.model import (
    Context,
    HabitAdvice,
    LeftOut,
    Pain,
    Program,
    RoutineItem,
    Surgery,
)
from kinchain.program.needs import Need, needs_from
from kinchain.program.phases import ClientFacts, phases_for
from kinchain.program.rules import HabitRule, ProgramRules, default_habits, default_rules
from kinchain.program.safety import Refusal, refusal, sides_match

if TYPE_CHECKING:
    from kinchain.assessment import Assessment

__all__ = ["build_program", "context_from_intake", "resolve_targets", "site_roles"]


def site_roles() -> Mapping[str, str | None]:
    """Each body site's role in the joint-by-joint view (``kinchain.body``)."""
    from kinchain.body import default_body

    return {sid: (s.role.value if s.role else None) for sid, s in default_body().sites.items()}


def context_from_intake(intake: Intake, /, *, as_of: dt.date) -> Context:
    """What limits the routine on ``as_of``: life stage, pain, operations, screening answers."""
    stage = intake.client.life_stage
    asked = stage.pelvic_floor.answered() if stage.pelvic_floor is not None else {}
    questions = ("leaking", "heaviness", "pelvic_pain")
    return Context(
        as_of=as_of,
        life_stage=stage.status,
        weeks=stage.weeks,
        pains=tuple(
            Pain(p.site, p.side, p.intensity, f"pain[{i}]") for i, p in enumerate(intake.pain)
        ),
        surgeries=tuple(
            Surgery(inj.site, inj.side, inj.date.middle_as_of(as_of), ref)
            for ref, inj in injuries_by_ref(intake).items()
            if inj.kind == "surgery"
        ),
        screening_yes=frozenset(k for k, v in intake.screening.items() if v),
        recent=recent_from_intake(intake, as_of=as_of),
        pelvic_floor_yes=frozenset(k for k, v in asked.items() if v),
        pelvic_floor_unknown=frozenset(q for q in questions if q not in asked),
    )


def resolve_targets(
    exercise: Exercise, side: str | None, /
) -> tuple[tuple[tuple[str, str | None], ...], float]:
    """The exercise's targets for a client side, and the minutes it then takes.

    ``each`` targets take the need's side (or ``both`` when the need has none, which doubles the
    minutes of a per-side dose); ``both`` targets stay ``both``.
    """
    out: list[tuple[str, str | None]] = []
    doubled = False
    for t in exercise.targets:
        resolved: str | None
        if t.side == "each":
            resolved = side if side in ("left", "right") else "both"
            doubled = doubled or resolved == "both"
        else:
            resolved = t.side
        if (t.site, resolved) not in out:
            out.append((t.site, resolved))
    minutes = exercise.minutes * (2 if doubled and exercise.dose.per_side else 1)
    return tuple(out), minutes


def _serves(exercise: Exercise, need: Need) -> bool:
    if need.site is None:
        return bool(exercise.tags & need.tags)
    if exercise.quality not in need.qualities:
        return False
    for t in exercise.targets:
        if t.site != need.site:
            continue
        if need.side is None and t.side is None:
            return True
        if need.side is not None and t.side in ("each", "both"):
            return True
    return False


def _rank(exercise: Exercise, need: Need, used_qualities: set[str]) -> tuple[Any, ...]:
    order = need.qualities or (exercise.quality,)
    fresh = [q for q in order if q not in used_qualities] + [
        q for q in order if q in used_qualities
    ]
    return (
        exercise.level > need.level,
        fresh.index(exercise.quality) if exercise.quality in fresh else len(fresh),
        abs(exercise.level - need.level),
        exercise.minutes,
        exercise.id,
    )


@dataclass
class _Draft:
    """A routine item while the routine is being filled."""

    exercise: Exercise
    targets: tuple[tuple[str, str | None], ...]
    minutes: float
    need: Need
    because: list[IntakeRef] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)  # the focus of every need it serves

    def covers(self, need: Need) -> bool:
        if need.site is None:
            return bool(self.exercise.tags & need.tags)
        if self.exercise.quality not in need.qualities:
            return False
        if need.side == "both":  # a both-sided need is covered only by work on both sides
            return any(site == need.site and side == "both" for site, side in self.targets)
        return any(
            site == need.site and sides_match(side, need.side) for site, side in self.targets
        )


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _freeze(d: _Draft) -> RoutineItem:
    stories = " ".join(_sentence(s) for s in d.stories[:2])
    explanation = f"{stories} {d.exercise.why}".strip()
    return RoutineItem(
        exercise=d.exercise,
        targets=d.targets,
        minutes=d.minutes,
        because=tuple(d.because),
        explanation=explanation,
        priority=d.need.priority,
        focus=d.need.focus,
        serves=tuple(d.serves),
    )


def _join_covering(need: Need, drafts: list[_Draft], used: set[str]) -> bool:
    """Let an item already chosen serve this need too, when it covers it (first round only):
    the need's reasons and stories join the item's. False when no item covers it."""
    covering = next((d for d in drafts if d.covers(need)), None)
    if covering is None:
        return False
    covering.because += [r for r in need.because if r not in covering.because]
    covering.stories += [s for s in need.stories if s not in covering.stories]
    if need.focus not in covering.serves:
        covering.serves.append(need.focus)
    used.add(covering.exercise.quality)
    return True


def _candidates(
    need: Need, library: Library, drafts: list[_Draft], used: set[str], *, later_round: bool
) -> list[Exercise]:
    """The exercises not yet in the routine that serve the need, best first; a later round
    adds only work of a quality the need lacks."""
    taken = {d.exercise.id for d in drafts}
    candidates = sorted(
        (ex for ex in library.values() if ex.id not in taken and _serves(ex, need)),
        key=lambda ex: _rank(ex, need, used),
    )
    if later_round:
        candidates = [ex for ex in candidates if ex.quality not in used]
    return candidates


@dataclass
class _Choice:
    """The first candidate that is safe and fits the minutes left, and what was passed over."""

    chosen: _Draft | None = None
    refusals: list[tuple[Exercise, Refusal]] = field(default_factory=list)
    too_long: int = 0


def _choose(
    need: Need,
    candidates: list[Exercise],
    context: Context,
    rules: ProgramRules,
    *,
    spent: float,
    budget: float,
) -> _Choice:
    choice = _Choice()
    for ex in candidates:
        targets, minutes = resolve_targets(ex, need.side)
        why_not = refusal(ex, context, rules, targets=targets)
        if why_not is not None:
            choice.refusals.append((ex, why_not))
            continue
        if spent + minutes > budget + 1e-9:
            choice.too_long += 1
            continue
        choice.chosen = _Draft(
            ex, targets, minutes, need, list(need.because), list(need.stories), [need.focus]
        )
        break
    return choice


def _contraindicated(
    need: Need, refusals: list[tuple[Exercise, Refusal]], refused_ids: set[str]
) -> list[LeftOut]:
    """Each exercise refused for the need, once over the whole routine."""
    out: list[LeftOut] = []
    for ex, why_not in refusals:
        if ex.id in refused_ids:
            continue
        refused_ids.add(ex.id)
        out.append(
            LeftOut(
                need.focus,
                need.because,
                "contraindication",
                f"{ex.name}: {why_not.detail}",
                ex.id,
                need.priority,
                why_not.cite,
                ex.name,
            )
        )
    return out


def _unmet(need: Need, choice: _Choice, budget: float) -> LeftOut:
    """A need no item serves, and why: the minutes ran out, every exercise is contraindicated,
    or the library has none."""
    if choice.too_long:
        reason, detail = "budget", f"the {budget:g} daily minutes went to higher-ranked items"
    elif choice.refusals:
        reason, detail = "contraindication", "every suitable exercise is contraindicated"
    else:
        reason, detail = "no_exercise", "the library has no exercise for this need"
    return LeftOut(need.focus, need.because, reason, detail, None, need.priority)


def _fill(
    needs: tuple[Need, ...],
    library: Library,
    rules: ProgramRules,
    context: Context,
    *,
    budget: float,
) -> tuple[list[_Draft], list[LeftOut]]:
    """Fill the routine need by need, in rounds: the first gives each need an item (or says
    why not), the later ones add work of a quality a need still lacks."""
    drafts: list[_Draft] = []
    left_out: list[LeftOut] = []
    refused_ids: set[str] = set()
    used: dict[tuple[Any, ...], set[str]] = {n.key: set() for n in needs}
    for round_no in range(1 + rules.extra_passes):
        for need in needs:
            if round_no == 0 and _join_covering(need, drafts, used[need.key]):
                continue
            candidates = _candidates(
                need, library, drafts, used[need.key], later_round=round_no > 0
            )
            spent = sum(d.minutes for d in drafts)
            choice = _choose(need, candidates, context, rules, spent=spent, budget=budget)
            if round_no == 0 or choice.chosen is not None:  # refused in favour of the chosen
                left_out += _contraindicated(need, choice.refusals, refused_ids)
            if choice.chosen is not None:
                drafts.append(choice.chosen)
                used[need.key].add(choice.chosen.exercise.quality)
            elif round_no == 0:
                left_out.append(_unmet(need, choice, budget))
    return drafts, left_out


def _facts(intake: Intake, drafts: list[_Draft], habits: tuple[HabitAdvice, ...]) -> ClientFacts:
    return ClientFacts(
        qualities=frozenset(d.exercise.quality for d in drafts),
        tags=frozenset(t for d in drafts for t in d.exercise.tags),
        life_stage=intake.client.life_stage.status,
        runs=any(a.kind in ("run", "jog") for a in intake.activities),
        habit_areas=frozenset(h.area for h in habits),
    )


def _routine_drafts(
    intake: Intake, needs: tuple[Need, ...], library: Library, rules: ProgramRules,
    context: Context,
) -> tuple[list[_Draft], list[LeftOut], list[str]]:
    """The routine's items within the daily minutes, what was left out and the notes the
    client reads first; no items while a clinician leads."""
    notes: list[str] = []
    leads = clinician_leads(context, rules)
    if leads:
        notes.append(clinician_leads_note(context))
        drafts: list[_Draft] = []
        left_out: list[LeftOut] = []
    else:
        budget = float(intake.daily_minutes)
        drafts, left_out = _fill(needs, library, rules, context, budget=budget)
        notes.extend(n for n in (recent_note(context), pelvic_floor_note(context)) if n)
    left_out = list(recent_left_out(context, rules)) + left_out
    severe = rules.contraindications["severe_pain"]
    if drafts and context.max_pain() >= severe.params["pain_at_least"]:
        notes.append(severe.rule)
    if not drafts and not leads:
        notes.append("No exercise fits yet; the habit changes below still apply.")
    return drafts, left_out, notes


def build_program(
    intake: Intake,
    assessment: Assessment,
    /,
    *,
    as_of: dt.date,
    library: Library | None = None,
    rules: ProgramRules | None = None,
    habit_rules: tuple[HabitRule, ...] | None = None,
    roles: Mapping[str, str | None] | None = None,
) -> Program | None:
    """The client's program on ``as_of``, or None when the assessment suspends it.

    ``assessment`` is the :class:`kinchain.assessment.Assessment` of the same intake.
    """
    if assessment.program_suspended:
        return None
    library = library or default_library()
    rules = rules or default_rules()
    roles = site_roles() if roles is None else roles
    context = context_from_intake(intake, as_of=as_of)
    needs = needs_without_recent(needs_from(intake, assessment, rules, roles=roles), context)
    habits = select_habits(intake, default_habits() if habit_rules is None else habit_rules)
    drafts, left_out, notes = _routine_drafts(intake, needs, library, rules, context)
    routine = tuple(_freeze(d) for d in drafts)
    own_phases = phases_for(rules.phases, _facts(intake, drafts, habits))
    deficits = {(j.site, j.side): float(j.stability_deficit) for j in assessment.joints}
    recent = frozenset(r.ref for r in context.recent)
    short = old_injury_minutes_note(intake, deficits, routine, rules, recent_refs=recent)
    return Program(
        client=intake.client.name,
        as_of=as_of,
        daily_minutes=intake.daily_minutes,
        routine=routine,
        left_out=tuple(left_out),
        habits=habits,
        phases=plan_phases(own_phases, context, rules),
        context=context,
        baseline_instruments={k: dict(v.values) for k, v in assessment.instruments.items()},
        notes=tuple(notes),
        provisional=not assessment.screening.complete,
        coach_notes=(short,) if short else (),
    )
