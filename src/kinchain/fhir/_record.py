"""The client's record as FHIR: Patient, the coach and the practice, the reported injuries and
pains as Conditions, and the rest of the intake as Observations.

A Condition is what the client told a coach, never a diagnosis: category problem-list-item,
verification status unconfirmed, the client as asserter (R4B) or informant (R5).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kinchain.fhir._common import Coach, Collector, Practice, components
from kinchain.fhir.codes import body_site_concept, coding, concept, extension_url
from kinchain.intake import Injury, Intake, Pain
from kinchain.program import Checkin

__all__ = ["add_record"]


def _people(c: Collector, intake: Intake, practice: Practice, coach: Coach) -> None:
    client = intake.client
    given, _, family = client.name.rpartition(" ")
    name: dict[str, Any] = {"text": client.name}
    if given and family:
        name.update(family=family, given=given.split())
    c.add("patient", {
        "resourceType": "Patient", "name": [name], "gender": client.sex,
        "birthDate": f"{client.birth_year:04d}",
        "managingOrganization": c.ref("practice", display=practice.name),
    })  # fmt: skip
    c.add("practice", {"resourceType": "Organization", "name": practice.name,
                       "identifier": [{"system": "https://kinchain.example/fhir/practice",
                                       "value": practice.id}]})  # fmt: skip
    c.add("coach", {"resourceType": "Practitioner", "name": [{"text": coach.name}],
                    "identifier": [{"system": "https://kinchain.example/fhir/coach",
                                    "value": coach.id}]})  # fmt: skip


def _observation(c: Collector, category: str, code: dict[str, Any], **rest: Any) -> dict[str, Any]:
    return {
        "resourceType": "Observation", "status": "final",
        "category": [concept("observation_category", category)], "code": code,
        "subject": c.ref("patient"), "effectiveDateTime": c.date, **rest,
    }  # fmt: skip


def _vitals(c: Collector, intake: Intake) -> None:
    for key, value, unit in (("height_cm", intake.client.height_cm, "cm"),
                             ("mass_kg", intake.client.mass_kg, "kg")):  # fmt: skip
        u = coding("ucum", unit)
        quantity = {"value": value, "unit": unit, "system": u["system"], "code": u["code"]}
        c.add(f"vital-{key.replace('_', '-')}", _observation(
            c, "vital-signs", concept("vital_sign", key), valueQuantity=quantity))  # fmt: skip


def _ext(name: str, value: Any) -> dict[str, Any]:
    kind = "valueInteger" if isinstance(value, int) else "valueString"
    return {"url": name, kind: value}


def _injury_extension(injury: Injury) -> dict[str, Any]:
    parts = [_ext(k, getattr(injury, k)) for k in ("tissue", "structure", "grade", "cause", "care")
             if getattr(injury, k) is not None]  # fmt: skip
    parts.append(_ext("recurrences", injury.recurrences))
    if injury.cleared is not None:
        cleared = injury.cleared
        parts += [_ext("cleared.date", str(cleared.date)), _ext("cleared.by", cleared.by)]
        if cleared.said:
            parts.append(_ext("cleared.said", cleared.said))
    return {"url": extension_url("injury"), "extension": parts}


def _pain_extension(pain: Pain) -> dict[str, Any]:
    parts = [_ext("pattern", pain.pattern)]
    parts += [_ext("worse_with", w) for w in pain.worse_with]
    parts += [_ext("better_with", w) for w in pain.better_with]
    return {"url": extension_url("pain"), "extension": parts}


def _condition(c: Collector, key: str, *, site: str, side: str | None, onset: str,
               status: str, note: str) -> dict[str, Any]:  # fmt: skip
    words = f"{side} {site.replace('_', ' ')}" if side else site.replace("_", " ")
    label = coding("condition", key)["display"]
    out: dict[str, Any] = {
        "resourceType": "Condition",
        "clinicalStatus": concept("condition_clinical", status),
        "verificationStatus": concept("condition_ver_status", "unconfirmed"),
        "category": [concept("condition_category", "problem-list-item")],
        "code": concept("condition", key, text=f"{label}: {words}"),
        "bodySite": [body_site_concept(site, side)],
        "subject": c.ref("patient"), "onsetDateTime": onset, "recordedDate": c.date,
    }  # fmt: skip
    if c.release == "R4B":
        out["asserter"] = c.ref("patient")
    else:
        out["participant"] = [{"function": concept("participant_type", "informant"),
                               "actor": c.ref("patient")}]  # fmt: skip
    if note:
        out["note"] = [{"text": note}]
    return out


def _injury_status(injury: Injury) -> str:
    """Resolved when a clinician cleared it or rehab was completed; otherwise inactive: a past
    injury the client reports, whose present state kinchain does not know."""
    return "resolved" if injury.cleared or injury.care == "rehab_completed" else "inactive"


def _life_stage_words(intake: Intake) -> str:
    """Where it matters to a pain: reported while pregnant or after a birth."""
    stage = intake.client.life_stage
    if stage.status == "none":
        return ""
    if stage.status == "pregnant":
        weeks = f" ({stage.weeks} weeks)" if stage.weeks is not None else ""
        return f"Reported while pregnant{weeks}."
    weeks = f"{stage.weeks} weeks " if stage.weeks is not None else ""
    return f"Reported {weeks}after a birth."


def _conditions(c: Collector, intake: Intake, checkins: Sequence[Checkin]) -> None:
    for i, injury in enumerate(intake.injuries):
        res = _condition(
            c,
            injury.kind,
            site=injury.site,
            side=injury.side,
            onset=str(injury.date),
            status=_injury_status(injury),
            note=injury.notes,
        )
        res["extension"] = [_injury_extension(injury)]
        c.add(f"injury-{i + 1}", res)
    for i, pain in enumerate(intake.pain):
        res = _condition(c, "pain", site=pain.site, side=pain.side, onset=str(pain.since),
                         status="active", note=_life_stage_words(intake))  # fmt: skip
        res["extension"] = [_pain_extension(pain)]
        cid = c.add(f"pain-{i + 1}", res)
        _rating(c, f"pain-{i + 1}-rating", cid, pain.site, pain.side, pain.intensity, c.date)
        for checkin in sorted(checkins, key=lambda k: k.date):
            for p in checkin.pain:
                if (p.site, p.side) == (pain.site, pain.side):
                    day = checkin.date.isoformat()
                    _rating(c, f"pain-{i + 1}-rating-{day}", cid, p.site, p.side, p.intensity, day)


def _rating(c: Collector, rid: str, condition: str, site: str, side: str | None,
            intensity: int, day: str) -> None:  # fmt: skip
    c.add(rid, _observation(
        c, "survey", concept("pain_rating", "nprs"), effectiveDateTime=day,
        valueInteger=intensity, bodySite=body_site_concept(site, side),
        focus=[c.ref(condition)],
    ))  # fmt: skip


def _social(c: Collector, intake: Intake) -> None:
    minutes = coding("ucum", "min/d")
    c.add("daily-minutes", _observation(c, "social-history", concept("record", "daily-minutes"),
          valueQuantity={"value": intake.daily_minutes, "unit": "min/d",
                         "system": minutes["system"], "code": minutes["code"]}))  # fmt: skip
    for i, shoe in enumerate(intake.footwear):
        c.add(f"footwear-{i + 1}", _observation(
            c, "social-history", concept("record", "footwear", text=shoe.name),
            component=components(shoe.model_dump(mode="json"))))  # fmt: skip
    for i, act in enumerate(intake.activities):
        c.add(f"activity-{i + 1}", _observation(
            c, "social-history", concept("record", "activity", text=act.kind),
            component=components(act.model_dump(mode="json"))))  # fmt: skip
    habits = components(intake.habits.model_dump(mode="json"))
    if habits:
        c.add("habits", _observation(c, "social-history", concept("record", "habits"),
                                     component=habits))  # fmt: skip
    stage = intake.client.life_stage
    if stage.status != "none":
        c.add("life-stage", _observation(
            c, "social-history", concept("record", "life-stage", text=stage.status),
            component=components(stage.model_dump(mode="json"))))  # fmt: skip


def _screening(c: Collector, intake: Intake) -> None:
    for key, answer in intake.screening.items():
        c.add(f"screening-{key.replace('_', '-')}", _observation(
            c, "survey", concept("screening", key), valueBoolean=answer))  # fmt: skip


def add_record(c: Collector, intake: Intake, practice: Practice, coach: Coach,
               checkins: Sequence[Checkin]) -> None:  # fmt: skip
    """Patient, coach, practice, vital signs, Conditions, pain ratings and the intake's
    Observations, in that order."""
    _people(c, intake, practice, coach)
    _vitals(c, intake)
    _conditions(c, intake, checkins)
    _social(c, intake)
    _screening(c, intake)
