"""Questionnaires as FHIR: kinchain's definition of each instrument answered (item ids and answer
options, never the item text: kinchain bundles no item wording, whatever the licence; see
``shared/evidence.md`` §9), a QuestionnaireResponse per answered set, and each score as an
Observation derived from it. A total given without items (CAIT ``{total: n}``, Roland-Morris
``{yes: n}``) is an Observation only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinchain.assessment import Assessment
from kinchain.assessment.instruments import instrument_rules
from kinchain.fhir._common import Collector
from kinchain.fhir.codes import coding, concept

__all__ = ["QUESTIONNAIRE_URL", "TOTAL_FORMS", "add_instruments", "item_ids"]

QUESTIONNAIRE_URL = "https://kinchain.example/fhir/Questionnaire/"
#: the mapping forms that give a total without items: instrument -> the key of the total
TOTAL_FORMS: Mapping[str, str] = {"cait": "total", "rmdq": "yes"}
#: the value of a score Observation: the first of these a score has
_MAIN = ("total", "score", "mean")


def _item_max(iid: str, index: int, count: int) -> int | None:
    rules = instrument_rules().get(iid)
    if rules is None:
        return None
    p = rules.params
    if iid == "start_back" and index == count - 1:
        return int(p["last_item_max"])
    top = p.get("item_max", p.get("section_max", p.get("score_max", p.get("max"))))
    if isinstance(top, list):
        return int(top[index]) if index < len(top) else None
    return 1 if iid == "rmdq" else (int(top) if top is not None else None)


def _int_item(link: str, top: int | None) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": link, "type": "integer"}
    if top is not None and top <= 10:
        item["type"] = "choice"
        item["answerOption"] = [{"valueInteger": v} for v in range(top + 1)]
    return item


def _answer(item: dict[str, Any], value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"linkId": item["linkId"]}
    if value is not None:
        key = "valueString" if isinstance(value, str) else "valueInteger"
        out["answer"] = [{key: value}]
    return out


def item_ids(iid: str, answers: Any, /) -> list[tuple[str, Any]]:
    """(linkId, answer) for every item of one instrument's answers, groups flattened to
    ``faam-adl-3`` and ``psfs-1-activity``."""
    if isinstance(answers, int):
        return [(iid, answers)]
    if isinstance(answers, list):
        if answers and isinstance(answers[0], Mapping):  # psfs
            return [pair for n, a in enumerate(answers, 1)
                    for pair in ((f"{iid}-{n}-activity", a["activity"]),
                                 (f"{iid}-{n}-score", a["score"]))]  # fmt: skip
        return [(f"{iid}-{n}", v) for n, v in enumerate(answers, 1)]
    if isinstance(answers, Mapping):
        return [(f"{iid}-{sub}-{n}", v) for sub, items in answers.items()
                for n, v in enumerate(items or (), 1)]  # fmt: skip
    return []


def _definitions(iid: str, answers: Any) -> list[dict[str, Any]]:
    pairs = item_ids(iid, answers)
    items = []
    for n, (link, value) in enumerate(pairs):
        if isinstance(value, str):
            items.append({"linkId": link, "type": "string"})
        elif iid == "psfs":
            items.append(_int_item(link, 10))
        else:
            items.append(_int_item(link, _item_max(iid, n, len(pairs))))
    return items


def _questionnaire(c: Collector, iid: str, answers: Any, name: str) -> str:
    qid = f"questionnaire-{iid.replace('_', '-')}"
    c.add(qid, {
        "resourceType": "Questionnaire", "url": QUESTIONNAIRE_URL + iid, "name": iid.upper(),
        "title": name, "status": "active", "item": _definitions(iid, answers),
        "copyright": "Item wording is not reproduced; see the instrument's own licence.",
    })  # fmt: skip
    rid = f"response-{iid.replace('_', '-')}"
    c.add(rid, {
        "resourceType": "QuestionnaireResponse", "questionnaire": QUESTIONNAIRE_URL + iid,
        "status": "completed", "subject": c.ref("patient"), "authored": c.instant,
        "author": c.ref("patient"),
        "item": [_answer({"linkId": link}, v) for link, v in item_ids(iid, answers)],
    })  # fmt: skip
    return rid


def _score_value(values: Mapping[str, Any]) -> dict[str, Any] | None:
    for key in _MAIN:
        v = values.get(key)
        if isinstance(v, bool) or not isinstance(v, int | float):
            continue
        if isinstance(v, int):
            return {"valueInteger": v}
        u = coding("ucum", "{score}")
        return {"valueQuantity": {"value": round(v, 2), "unit": "score", "system": u["system"],
                                  "code": u["code"]}}  # fmt: skip
    return None


def add_instruments(c: Collector, answers: Mapping[str, Any], assessment: Assessment) -> None:
    """A Questionnaire and QuestionnaireResponse per answered set, and a score Observation
    per scored instrument (NPRS from the pains is the pain ratings' Observations instead)."""
    for iid, given in answers.items():
        if given is None:
            continue
        score = assessment.instruments.get(iid)
        name = score.name if score is not None else iid
        total_only = isinstance(given, Mapping) and iid in TOTAL_FORMS
        response = None if total_only else _questionnaire(c, iid, given, name)
        value = _score_value(score.values) if score is not None else None
        if iid == "nprs" or value is None:
            continue
        obs: dict[str, Any] = {
            "resourceType": "Observation", "status": "final",
            "category": [concept("observation_category", "survey")],
            "code": concept("instrument", iid, text=name), "subject": c.ref("patient"),
            "effectiveDateTime": c.date, **value,
        }  # fmt: skip
        if response is not None:
            obs["derivedFrom"] = [c.ref(response)]
        if score is not None and score.meaning:
            obs["note"] = [{"text": score.meaning}]
        c.add(f"score-{iid.replace('_', '-')}", obs)
