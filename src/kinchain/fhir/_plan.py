"""The program and the referral as FHIR: CarePlan with the client's Goals and the routine and
habit changes as activities, a ServiceRequest for a referral, and the Provenance of both.

The CarePlan is ``on-hold`` while a red flag suspends the program, ``draft`` while it is
provisional (screening not done), else ``active``. R4B writes each activity as
``CarePlan.activity.detail``; R5 has no ``detail``, so each becomes a Task the activity's
``plannedActivityReference`` points to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from kinchain.assessment import Assessment, Referral
from kinchain.fhir._common import Collector
from kinchain.fhir.codes import concept, system_url
from kinchain.intake import Intake
from kinchain.program import Program

__all__ = ["PRIORITY", "add_plan", "add_provenance", "careplan_status"]

#: ServiceRequest.priority from a referral's urgency (request-priority, FHIR core)
PRIORITY: Mapping[str, str] = {
    "emergency": "stat", "same_day": "asap", "urgent": "urgent", "routine": "routine",
}  # fmt: skip


def careplan_status(program: Program | None, suspended: bool) -> str:
    """on-hold when suspended, draft while provisional, else active."""
    if suspended or program is None:
        return "on-hold"
    return "draft" if program.provisional else "active"


def _activities(program: Program | None) -> list[tuple[str, str]]:
    """(key, plain text) of every routine item and habit change, with the evidence and why."""
    if program is None:
        return []
    out = []
    for item in program.routine:
        ex = item.exercise
        out.append((f"routine-{ex.id.replace('_', '-')}",
                    f"{ex.name}: {item.dose_text()}, {item.minutes:g} min a day. "
                    f"Why: {item.explanation} Evidence: {ex.evidence_words()}"))  # fmt: skip
    for habit in program.habits:
        out.append((f"habit-{habit.id.replace('_', '-')}",
                    f"{habit.advice} Evidence ({habit.grade}): {habit.evidence}"))  # fmt: skip
    return out


def _activity(c: Collector, key: str, words: str, status: str) -> dict[str, Any]:
    if c.release == "R4B":
        return {"detail": {"status": status, "description": words}}
    task_status = {"on-hold": "on-hold", "not-started": "requested"}[status]
    c.add(f"task-{key}", {
        "resourceType": "Task", "status": task_status, "intent": "plan", "description": words,
        "for": c.ref("patient"), "authoredOn": c.instant, "requester": c.ref("coach"),
    })  # fmt: skip
    return {"plannedActivityReference": c.ref(f"task-{key}")}


def _description(program: Program | None, referral: Referral | None, suspended: bool) -> str:
    if suspended or program is None:
        why = f" ({referral.see}, {referral.within})" if referral else ""
        return f"On hold: a red flag needs a clinician first{why}. No exercises until cleared."
    lines = [f"A daily routine of {program.minutes:g} of {program.daily_minutes} minutes."]
    if program.provisional:
        lines.append("Provisional: the red-flag screening is not complete.")
    lines += [f"{p.name} (weeks {p.weeks[0]}-{p.weeks[1]}): {p.focus}" for p in program.phases]
    return " ".join(lines + list(program.notes))


def add_plan(c: Collector, intake: Intake, assessment: Assessment, program: Program | None) -> None:
    """Goals, the CarePlan (with R5 Tasks), and the ServiceRequest when there is a referral."""
    suspended = program is None or assessment.program_suspended
    status = careplan_status(program, suspended)
    goals = []
    for i, goal in enumerate(intake.goals):
        goals.append(c.add(f"goal-{i + 1}", {
            "resourceType": "Goal", "lifecycleStatus": "on-hold" if suspended else "active",
            "description": {"text": goal}, "subject": c.ref("patient"), "startDate": c.date,
            ("expressedBy" if c.release == "R4B" else "source"): c.ref("patient"),
        }))  # fmt: skip
    weeks = max((p.weeks[1] for p in program.phases), default=0) if program else 0
    period: dict[str, str] = {"start": c.date}
    if weeks:
        period["end"] = (c.as_of + dt.timedelta(weeks=weeks)).isoformat()
    act_status = "on-hold" if suspended else "not-started"
    plan: dict[str, Any] = {
        "resourceType": "CarePlan", "status": status, "intent": "plan",
        "title": "Movement coaching program", "subject": c.ref("patient"), "period": period,
        "created": c.date,
        ("author" if c.release == "R4B" else "custodian"): c.ref("coach"),
        "description": _description(program, assessment.referral, suspended),
        "goal": [c.ref(g) for g in goals],
        "activity": [_activity(c, k, w, act_status) for k, w in _activities(program)],
    }  # fmt: skip
    c.add("careplan", {k: v for k, v in plan.items() if v != []})
    if assessment.referral is not None:
        _referral(c, intake, assessment.referral)


def _referral(c: Collector, intake: Intake, referral: Referral) -> None:
    flags = [f"screening-{f.key.replace('_', '-')}" for f in referral.flags
             if f.key in intake.screening]  # fmt: skip
    reasons = [{"text": r} for r in referral.reasons]
    what = {"text": f"Referral: see {referral.see}"}
    req: dict[str, Any] = {
        "resourceType": "ServiceRequest", "status": "active", "intent": "proposal",
        "priority": PRIORITY[referral.urgency],
        "subject": c.ref("patient"), "authoredOn": c.instant, "requester": c.ref("coach"),
        "note": [{"text": f"Within: {referral.within}. {referral.advice} {referral.safety_net}"}],
    }  # fmt: skip
    if c.release == "R4B":
        req["code"] = what
        req["reasonCode"] = reasons
        req["supportingInfo"] = [c.ref(f) for f in flags]
    else:  # R5: both are CodeableReferences
        req["code"] = {"concept": what}
        req["reason"] = [{"concept": r} for r in reasons]
        req["supportingInfo"] = [{"reference": c.ref(f)} for f in flags]
    c.add("referral", {k: v for k, v in req.items() if v != []})


def add_provenance(c: Collector, *, version: str, knowledge_hash: str) -> None:
    """The software that assembled the bundle (a Device with kinchain's version) and the
    knowledge base it read (its hash), for the assessment, program and referral."""
    name_key = "deviceName" if c.release == "R4B" else "name"
    name_value = "name" if c.release == "R4B" else "value"
    c.add("kinchain", {
        "resourceType": "Device",
        name_key: [{name_value: "kinchain", "type": "user-friendly-name"}],
        "version": [{"value": version}],
    })  # fmt: skip
    targets = [lid for lid, r in c.entries
               if r["resourceType"] in ("CarePlan", "ServiceRequest", "Observation")
               and lid.startswith(("careplan", "referral", "score-"))]  # fmt: skip
    c.add("provenance", {
        "resourceType": "Provenance", "target": [c.ref(t) for t in targets],
        "recorded": c.instant,
        "agent": [{"type": concept("participant_type", "assembler"), "who": c.ref("kinchain"),
                   "onBehalfOf": c.ref("practice")}],
        "entity": [{"role": "source", "what": {
            "identifier": {"system": system_url("kc_knowledge"), "value": knowledge_hash},
            "display": f"kinchain {version} knowledge base"}}],
    })  # fmt: skip
