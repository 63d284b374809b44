"""What a new intake version changed in the assessment, in plain words: the referral, the
ranked contributors, the next weakest links and the routine, before -> after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinchain.services.assessment import assessment_json
from kinchain.services.evaluate import Evaluation

__all__ = ["Change", "assessment_changes"]


@dataclass(frozen=True)
class Change:
    area: str  # "Referral", "Contributors", "Next weakest link", "Routine"
    words: str


def _place(ref: dict[str, Any]) -> str:
    side = ref.get("side")
    site = str(ref.get("site", "")).replace("_", " ")
    return f"{side} {site}" if side else site


def _referral(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Change]:
    b = before["referral"] if before else None
    a = after["referral"]
    if a == b:
        return []
    if a is None:
        return [Change("Referral", "No referral is advised any more; the program can go on.")]
    stop = " The program is suspended until then." if after["program_suspended"] else ""
    was = "" if b is None else f" (before: {b['see']}, {b['within']})"
    return [Change("Referral", f"Referral advised: {a['see']}, {a['within']}{was}.{stop}")]


def _contributors(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Change]:
    def ranked(view: dict[str, Any] | None) -> list[str]:
        return [f"{c['label']} → {_place(c['pain'])}" for c in (view or {}).get(
            "contributors", [])[:8]]

    b, a = ranked(before), ranked(after)
    out = [Change("Contributors", f"New: {c} (ranked {a.index(c) + 1})") for c in a if c not in b]
    out += [Change("Contributors", f"No longer ranked: {c}") for c in b if c not in a]
    out += [Change("Contributors", f"Moved from {b.index(c) + 1} to {a.index(c) + 1}: {c}")
            for c in a if c in b and a.index(c) != b.index(c)]
    return out


def _links(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Change]:
    def links(view: dict[str, Any] | None) -> dict[str, str]:
        return {_place(w["injury"]): _place(w["link"])
                for w in (view or {}).get("weakest_links", [])}

    b, a = links(before), links(after)
    out = []
    for injury in [*a, *(k for k in b if k not in a)]:
        was, now = b.get(injury), a.get(injury)
        if was != now:
            words = (f"from the {injury}: the {was or 'none'} → the {now or 'none'}"
                     if was and now else f"from the {injury}: the {now}" if now
                     else f"from the {injury}: none now (was the {was})")
            out.append(Change("Next weakest link", words))
    return out


def _routine(before: Evaluation | None, after: Evaluation) -> list[Change]:
    def items(e: Evaluation | None) -> dict[str, str]:
        p = e.program if e is not None else None
        return {i.exercise.id: i.exercise.name for i in p.routine} if p else {}

    b, a = items(before), items(after)
    out = [Change("Routine", f"Added: {name}") for k, name in a.items() if k not in b]
    out += [Change("Routine", f"Taken out: {name}") for k, name in b.items() if k not in a]
    pb = before.program if before is not None else None
    pa = after.program
    if pb is not None and pa is not None and round(pb.minutes, 2) != round(pa.minutes, 2):
        out.append(Change("Routine", f"Minutes a day: {pb.minutes:g} → {pa.minutes:g} "
                                     f"(her budget {pa.daily_minutes})"))
    return out


def assessment_changes(before: Evaluation | None, after: Evaluation, /) -> list[Change]:
    """Every change from ``before`` (None: a new client) to ``after``, in plain words."""
    a = assessment_json(after)
    b = assessment_json(before) if before is not None else None
    return [*_referral(b, a), *_contributors(b, a), *_links(b, a), *_routine(before, after)]
