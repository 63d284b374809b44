"""Check-ins: how the routine moves on, by the rules written in ``rules.yaml`` (``progression``).

A check-in says, on one date, how much each site hurts (0..10), how hard the routine felt
(``easy``, ``ok``, ``hard``), which items were done, and optionally re-assessed questionnaire
answers. :func:`apply_checkins` replays the check-ins in date order over a freshly built program:

- pain up by ``pain_rise_points`` or more at a site regresses every item working that site;
- ``easy_checkins`` easy check-ins in a row, with the item done and no pain rising anywhere,
  progress that item; when the harder version needs more minutes than are left, the
  lowest-ranked items below it pause to make room (the top contributors keep their work);
- ``hard_checkins`` hard check-ins in a row with the item done regress it;
- a move happens only if the new exercise passes every contraindication on the check-in's date
  and the routine still fits ``daily_minutes``; otherwise the item holds and the change says why;
- an item the client's state now rules out (pregnancy weeks advance, pain turns severe) steps
  down its chain to a version that is allowed, or pauses.

State is never stored: a program plus its check-ins, in order, always give the same result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kinchain.errors import CheckinError, InstrumentError, IntakeError
from kinchain.intake.files import read_intake_data
from kinchain.program.generator import resolve_targets
from kinchain.program.library import Library, default_library
from kinchain.program.model import Pain, Program, RoutineItem
from kinchain.program.rules import ProgramRules, default_rules
from kinchain.program.safety import refusal, sides_match

__all__ = [
    "Change",
    "Checkin",
    "CheckinOutcome",
    "InstrumentDelta",
    "apply_checkin",
    "apply_checkins",
    "load_checkin",
    "parse_checkin",
]


class _PainReport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    site: str
    side: Literal["left", "right", "both"] | None = None
    intensity: int = Field(ge=0, le=10)


class Checkin(BaseModel):
    """One check-in, validated."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    effort: Literal["easy", "ok", "hard"]
    pain: tuple[_PainReport, ...] = ()
    done: tuple[str, ...] = ()
    instruments: dict[str, Any] | None = None
    notes: str = ""
    source: str = "<check-in>"


def _path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_checkin(
    data: Any, /, *, source: str = "<check-in>", library: Library | None = None
) -> Checkin:
    """A :class:`Checkin` from parsed YAML/JSON; every problem raises :class:`CheckinError`."""
    if not isinstance(data, dict):
        raise CheckinError(f"{source}: expected a mapping with date, effort, pain, done")
    try:
        checkin = Checkin.model_validate({**data, "source": source})
    except ValidationError as e:
        lines = [
            f"{_path(err['loc']) or '<root>'}: {err['msg']} (got {err.get('input')!r})"
            for err in e.errors()
        ]
        raise CheckinError(f"{source}: " + "; ".join(lines)) from None
    from kinchain.body import default_body

    body = default_body()
    for i, p in enumerate(checkin.pain):
        if p.site not in body.sites:
            hint = body.suggest(p.site)
            maybe = f" (did you mean {hint!r}?)" if hint else ""
            raise CheckinError(f"{source}: pain[{i}].site: unknown site {p.site!r}{maybe}")
    library = library or default_library()
    for i, ex_id in enumerate(checkin.done):
        if ex_id not in library:
            raise CheckinError(f"{source}: done[{i}]: {ex_id!r} is not an exercise id")
    if checkin.instruments:
        from kinchain.assessment.instruments import score_instruments

        try:
            score_instruments(checkin.instruments)
        except InstrumentError as e:
            raise CheckinError(f"{source}: instruments: {e}") from None
    return checkin


def load_checkin(path: Path, /, *, library: Library | None = None) -> Checkin:
    """Read and check a check-in file (YAML or JSON)."""
    try:
        data = read_intake_data(path, kind="check-in")
    except IntakeError as e:
        raise CheckinError("; ".join(f"{path}: {p}" if p.path else f"{path}: {p.message}"
                                     for p in e.problems)) from None
    return parse_checkin(data, source=str(path), library=library)


@dataclass(frozen=True)
class Change:
    """What one check-in did to one routine item."""

    date: dt.date
    action: str  # "progress" | "regress" | "hold" | "pause"
    exercise: str
    to: str | None
    rule: str
    reason: str
    cite: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "action": self.action,
            "exercise": self.exercise,
            "to": self.to,
            "rule": self.rule,
            "reason": self.reason,
            "cite": list(self.cite),
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
    """The program after the check-ins, what changed, and the instrument changes."""

    program: Program
    changes: tuple[Change, ...]
    instruments: tuple[InstrumentDelta, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "program": self.program.to_json(),
            "changes": [c.to_json() for c in self.changes],
            "instruments": [d.to_json() for d in self.instruments],
        }


def _mcid(path: str | None) -> float | None:
    if path is None:
        return None
    from kinchain.assessment.instruments import instrument_rules

    head, *rest = path.split(".")
    value: Any = instrument_rules()[head].params
    for part in rest:
        value = value[part]
    return float(value)


def _number(values: Mapping[str, Any], key: str) -> float | None:
    value = values.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _client_side(item: RoutineItem) -> str | None:
    return next((side for _, side in item.targets if side in ("left", "right")), None)


def _works(item: RoutineItem, site: str, side: str | None) -> bool:
    return any(
        s == site and (sides_match(sd, side) or (sd is None) != (side is None))
        for s, sd in item.targets
    )


def _make_room(
    routine: list[RoutineItem], item: RoutineItem, dropped: set[str], excess: float
) -> list[RoutineItem]:
    """The lowest-ranked items (below ``item``) whose minutes cover ``excess``, or []."""
    spare = sorted(
        (
            i
            for i in routine
            if i is not item and i.exercise.id not in dropped and i.priority < item.priority
        ),
        key=lambda i: (i.priority, i.exercise.id),
    )
    victims: list[RoutineItem] = []
    for candidate in spare:
        if excess <= 1e-9:
            break
        victims.append(candidate)
        excess -= candidate.minutes
    return victims if excess <= 1e-9 else []


def _recheck(
    routine: list[RoutineItem],
    context: Any,
    rules: ProgramRules,
    library: Library,
    date: dt.date,
    changes: list[Change],
) -> list[RoutineItem]:
    """Items the client's state now rules out step down their chain, or pause."""
    out = []
    for item in routine:
        why_not = refusal(item.exercise, context, rules, targets=item.targets, starting=False)
        if why_not is None:
            out.append(item)
            continue
        down = item.exercise.regresses_to
        while down is not None:
            easier = library[down]
            targets, minutes = resolve_targets(easier, _client_side(item))
            if refusal(easier, context, rules, targets=targets) is None and not any(
                i.exercise.id == easier.id for i in routine
            ):
                break
            down = easier.regresses_to
        rule = f"contraindication: {why_not.key}"
        if down is None:
            reason = f"{why_not.detail}; paused until it is safe again"
            changes.append(
                Change(date, "pause", item.exercise.id, None, rule, reason, why_not.cite)
            )
            continue
        out.append(
            replace(
                item,
                exercise=easier,
                targets=targets,
                minutes=minutes,
                explanation=item.explanation.replace(item.exercise.why, easier.why),
            )
        )
        changes.append(
            Change(date, "regress", item.exercise.id, easier.id, rule, why_not.detail, why_not.cite)
        )
    return out


def apply_checkins(
    program: Program,
    checkins: Sequence[Checkin],
    /,
    *,
    library: Library | None = None,
    rules: ProgramRules | None = None,
) -> CheckinOutcome:
    """Replay ``checkins`` (in date order, none before the program) over ``program``."""
    library = library or default_library()
    rules = rules or default_rules()
    cite = rules.progression_cite
    routine = list(program.routine)
    context = program.context
    pains = {(p.site, p.side): p.intensity for p in context.pains}
    streak: dict[str, tuple[int, int]] = {}
    baseline = {k: dict(v) for k, v in program.baseline_instruments.items()}
    changes: list[Change] = []
    deltas: list[InstrumentDelta] = []
    last = program.as_of
    for checkin in checkins:
        if checkin.date < last:
            raise CheckinError(
                f"{checkin.source}: date: {checkin.date} is before {last}; "
                "check-ins must follow the program and each other in date order"
            )
        last = checkin.date
        rising: list[tuple[str, str | None, int, int]] = []
        for p in checkin.pain:
            before = pains.get((p.site, p.side), 0)
            if p.intensity > before:
                rising.append((p.site, p.side, before, p.intensity))
            pains[(p.site, p.side)] = p.intensity
        context = replace(
            context.on(checkin.date),
            pains=tuple(Pain(s, sd, v, "check-in") for (s, sd), v in pains.items()),
        )
        routine = _recheck(routine, context, rules, library, checkin.date, changes)
        dropped: set[str] = set()
        for idx, item in enumerate(routine):
            ex = item.exercise
            if ex.id in dropped:
                continue
            done = ex.id in checkin.done
            easy, hard = streak.get(ex.id, (0, 0))
            move: str | None = None
            rule = reason = ""
            big = [
                r
                for r in rising
                if r[3] - r[2] >= rules.pain_rise_points and _works(item, r[0], r[1])
            ]
            if big:
                site, side, before, after = big[0]
                move, rule = "regress", f"pain up {rules.pain_rise_points} or more points"
                where = f"{side} {site}" if side else site
                reason = f"{where} pain went from {before} to {after}"
            else:
                hard = hard + 1 if checkin.effort == "hard" and done else 0
                easy = easy + 1 if checkin.effort == "easy" and done and not rising else 0
                if hard >= rules.hard_checkins:
                    move, rule = "regress", f"hard in {rules.hard_checkins} check-ins in a row"
                    reason = "the routine felt hard each time"
                elif easy >= rules.easy_checkins:
                    move, rule = (
                        "progress",
                        f"easy and pain not rising in {rules.easy_checkins} check-ins in a row",
                    )
                    reason = "the item was done and felt easy each time"
            streak[ex.id] = (easy, hard)
            if move is None:
                continue
            target_id = ex.regresses_to if move == "regress" else ex.progresses_to
            if target_id is None:
                edge = "easiest" if move == "regress" else "hardest"
                advice = (
                    " If pain keeps rising, pause it and talk to your coach."
                    if move == "regress"
                    else ""
                )
                changes.append(
                    Change(
                        checkin.date,
                        "hold",
                        ex.id,
                        None,
                        rule,
                        f"{reason}; already the {edge} version.{advice}",
                        cite,
                    )
                )
                streak[ex.id] = (0, 0)
                continue
            new = library[target_id]
            targets, minutes = resolve_targets(new, _client_side(item))
            why_not = refusal(new, context, rules, targets=targets)
            spent = sum(i.minutes for i in routine if i.exercise.id not in dropped)
            spent += minutes - item.minutes
            held = None
            victims: list[RoutineItem] = []
            if why_not is not None:
                held = f"{new.name} is not given now: {why_not.detail}"
            elif any(i.exercise.id == new.id for i in routine):
                held = f"{new.name} is already in the routine"
            elif spent > program.daily_minutes + 1e-9:
                victims = _make_room(routine, item, dropped, spent - program.daily_minutes)
                if not victims:
                    held = (
                        f"{new.name} would take the routine past {program.daily_minutes} "
                        "minutes and no lower-ranked item can make room"
                    )
            if held is not None:
                changes.append(
                    Change(
                        checkin.date,
                        "hold",
                        ex.id,
                        new.id,
                        rule,
                        f"{reason}; {held}",
                        cite + (why_not.cite if why_not else ()),
                    )
                )
                continue
            for v in victims:
                dropped.add(v.exercise.id)
                changes.append(
                    Change(
                        checkin.date,
                        "pause",
                        v.exercise.id,
                        None,
                        "room for a higher-ranked item",
                        f"paused to make room for {new.name} within {program.daily_minutes} "
                        "minutes",
                        cite,
                    )
                )
            routine[idx] = replace(
                item,
                exercise=new,
                targets=targets,
                minutes=minutes,
                explanation=item.explanation.replace(ex.why, new.why),
            )
            streak.pop(ex.id, None)
            changes.append(Change(checkin.date, move, ex.id, new.id, rule, reason, cite))
        routine = [i for i in routine if i.exercise.id not in dropped]
        if checkin.instruments:
            from kinchain.assessment.instruments import score_instruments

            for inst, score in score_instruments(checkin.instruments).items():
                for spec in rules.instrument_change:
                    if spec.instrument != inst:
                        continue
                    now = _number(score.values, spec.value)
                    if now is None:
                        continue
                    earlier = _number(baseline.get(inst, {}), spec.value)
                    deltas.append(
                        InstrumentDelta(
                            checkin.date,
                            inst,
                            spec.value,
                            earlier,
                            now,
                            _mcid(spec.mcid),
                            spec.better,
                        )
                    )
                baseline[inst] = dict(score.values)
    new_program = replace(
        program,
        as_of=last,
        routine=tuple(routine),
        context=context,
        baseline_instruments=baseline,
    )
    return CheckinOutcome(new_program, tuple(changes), tuple(deltas))


def apply_checkin(
    program: Program,
    checkin: Checkin,
    /,
    *,
    library: Library | None = None,
    rules: ProgramRules | None = None,
) -> CheckinOutcome:
    """One check-in over ``program`` (the contract of docs/architecture.md)."""
    return apply_checkins(program, [checkin], library=library, rules=rules)
