"""A FHIR Bundle read back into a draft intake: Patient, Conditions, Observations,
QuestionnaireResponses and Goals. Nothing is validated as an intake or stored here: the caller
checks the draft with ``kinchain.services.intake.validate_intake``. What cannot be mapped is
listed, element by element."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinchain.errors import FhirError
from kinchain.fhir._checks import check_codes, check_release, check_shape, label
from kinchain.fhir._common import fields_from_components
from kinchain.fhir._instruments import QUESTIONNAIRE_URL, TOTAL_FORMS
from kinchain.fhir.codes import extension_url, value_sets
from kinchain.fhir.export import RELEASES, bundle_class

__all__ = ["import_bundle"]

_R = Mapping[str, Any]


def _key(concept: Any, value_set: str) -> str | None:
    """The kinchain key of the first coding of a CodeableConcept in one value set."""
    vs = value_sets()[value_set]
    for c in concept.get("coding", []) if isinstance(concept, Mapping) else []:
        if c.get("system") == vs.system and vs.by_code(str(c.get("code"))) is not None:
            return vs.by_code(str(c.get("code")))
    return None


def _site(concept: _R) -> tuple[str | None, str | None]:
    side = None
    for ext in concept.get("extension", []):
        if ext.get("url") == extension_url("laterality"):
            side = _key(ext.get("valueCodeableConcept"), "laterality")
    site = _key(concept, "body_site")
    if site is None:  # a site kinchain writes as text only: "left toes"
        words = str(concept.get("text", "")).removeprefix(f"{side} " if side else "")
        sites = value_sets()["body_site"].codes
        site = next((k for k in sites if k.replace("_", " ") == words), None)
    return site, side


def _sub(resource: _R, url_id: str) -> list[tuple[str, Any]]:
    for ext in resource.get("extension", []):
        if ext.get("url") == extension_url(url_id):
            return [(e["url"], e.get("valueInteger", e.get("valueString")))
                    for e in ext.get("extension", [])]  # fmt: skip
    return []


def _injury(res: _R, kind: str, site: str | None, side: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"site": site, "side": side, "kind": kind,
                           "date": res.get("onsetDateTime")}  # fmt: skip
    cleared: dict[str, Any] = {}
    for name, value in _sub(res, "injury"):
        if name.startswith("cleared."):
            cleared[name.removeprefix("cleared.")] = value
        else:
            out[name] = value
    if cleared:
        out["cleared"] = cleared
    notes = [n.get("text", "") for n in res.get("note", [])]
    if notes:
        out["notes"] = " ".join(notes)
    return out


def _pain(res: _R, site: str | None, side: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"site": site, "side": side, "since": res.get("onsetDateTime"),
                           "worse_with": [], "better_with": []}  # fmt: skip
    for name, value in _sub(res, "pain"):
        if name in ("worse_with", "better_with"):
            out[name].append(value)
        else:
            out[name] = value
    return out


def _condition(res: _R, where: str, draft: dict[str, Any], unmapped: list[str]) -> str | None:
    kind = _key(res.get("code"), "condition")
    if kind is None:
        unmapped.append(f"{where} code: not a kinchain-reported injury or pain; not read")
        return None
    sites = res.get("bodySite", [])
    site, side = _site(sites[0]) if sites else (None, None)
    if site is None:
        unmapped.append(f"{where} bodySite: no body site kinchain knows; read without a site")
    if kind == "pain":
        draft["pain"].append(_pain(res, site, side))
        return f"pain:{len(draft['pain']) - 1}"
    draft["injuries"].append(_injury(res, kind, site, side))
    return None


def _patient(res: _R, draft: dict[str, Any], where: str, unmapped: list[str]) -> None:
    client = draft["client"]
    names = res.get("name", [])
    if names:
        n = names[0]
        client["name"] = n.get("text") or " ".join([*n.get("given", []), n.get("family", "")])
    birth = str(res.get("birthDate", ""))
    if birth[:4].isdigit():
        client["birth_year"] = int(birth[:4])
    gender = res.get("gender")
    if gender in ("female", "male", "other"):
        client["sex"] = gender
    elif gender is not None:
        unmapped.append(f"{where} gender: {gender!r} has no kinchain sex (female, male, other)")


def _value(res: _R) -> Any:
    for key in ("valueBoolean", "valueInteger", "valueString"):
        if key in res:
            return res[key]
    q = res.get("valueQuantity")
    return q.get("value") if isinstance(q, Mapping) else None


def _record_observation(res: _R, key: str, draft: dict[str, Any], where: str,
                        unmapped: list[str]) -> None:  # fmt: skip
    fields = fields_from_components(res.get("component", []), where=where, unmapped=unmapped)
    if key == "daily-minutes":
        draft["daily_minutes"] = _value(res)
    elif key == "footwear":
        draft["footwear"].append(fields)
    elif key == "activity":
        draft["activities"].append(fields)
    elif key == "habits":
        draft["habits"] = fields
    elif key == "life-stage":
        draft["client"]["life_stage"] = fields
    else:
        unmapped.append(f"{where} code: {key!r} is not an Observation kinchain reads")


def _observation(res: _R, where: str, draft: dict[str, Any], ctx: dict[str, Any],
                 unmapped: list[str]) -> None:  # fmt: skip
    code = res.get("code")
    if (vital := _key(code, "vital_sign")) is not None:
        draft["client"][vital] = _value(res)
    elif (key := _key(code, "record")) is not None:
        _record_observation(res, key, draft, where, unmapped)
    elif (question := _key(code, "screening")) is not None:
        draft["screening"][question] = _value(res)
    elif _key(code, "pain_rating") is not None:
        focus = [f.get("reference") for f in res.get("focus", [])]
        ctx["ratings"].append((res.get("effectiveDateTime", ""), focus, _value(res), where))
    elif (iid := _key(code, "instrument")) is not None:
        ctx["totals"][iid] = _value(res)
    else:
        unmapped.append(f"{where} code: not an Observation kinchain reads; not read")


def _response(res: _R, where: str, draft: dict[str, Any], unmapped: list[str]) -> None:
    iid = str(res.get("questionnaire", "")).removeprefix(QUESTIONNAIRE_URL)
    if iid not in draft["questionnaires_known"]:
        unmapped.append(f"{where} questionnaire: {res.get('questionnaire')!r} is not a kinchain "
                        "instrument; not read")  # fmt: skip
        return
    draft["questionnaires"][iid] = _answers(iid, res.get("item", []), where, unmapped)


def _answers(iid: str, items: list[Any], where: str, unmapped: list[str]) -> Any:
    flat: dict[str, Any] = {}
    for i, item in enumerate(items):
        answer = (item.get("answer") or [{}])[0]
        flat[str(item.get("linkId"))] = answer.get("valueInteger", answer.get("valueString"))
        if not str(item.get("linkId")).startswith(iid):
            unmapped.append(f"{where} item[{i}].linkId: {item.get('linkId')!r} is not an item "
                            f"of {iid}")  # fmt: skip
    if iid in flat:
        return flat[iid]
    rows = [(k.removeprefix(f"{iid}-").split("-"), v) for k, v in flat.items()
            if k.startswith(f"{iid}-")]  # fmt: skip
    if iid == "psfs":
        groups: dict[str, dict[str, Any]] = {}
        for (n, field, *_), v in ((r, v) for r, v in rows if len(r) >= 2):
            groups.setdefault(n, {})[field] = v
        return list(groups.values())
    if rows and len(rows[0][0]) >= 2:  # sub-scales: faam-adl-3
        subs: dict[str, list[Any]] = {}
        for (sub, *_), v in rows:
            subs.setdefault(sub, []).append(v)
        return subs
    return [v for _, v in rows]


def _empty_draft() -> dict[str, Any]:
    return {"client": {}, "goals": [], "injuries": [], "pain": [], "footwear": [],
            "activities": [], "habits": {}, "screening": {}, "questionnaires": {},
            "questionnaires_known": set(value_sets()["instrument"].codes) | {"nprs"}}  # fmt: skip


def _read_entry(entry: _R, i: int, draft: dict[str, Any], ctx: dict[str, Any],
                unmapped: list[str]) -> None:  # fmt: skip
    res, where = entry["resource"], label(entry, i)
    kind = res["resourceType"]
    if kind == "Patient":
        _patient(res, draft, where, unmapped)
    elif kind == "Condition":
        pain = _condition(res, where, draft, unmapped)
        if pain is not None:
            index = int(pain.split(":")[1])
            ctx["pains"][str(entry.get("fullUrl"))] = index
            ctx["pains"][f"Condition/{res.get('id')}"] = index
    elif kind == "Observation":
        _observation(res, where, draft, ctx, unmapped)
    elif kind == "QuestionnaireResponse":
        _response(res, where, draft, unmapped)
    elif kind == "Goal":
        draft["goals"].append(res.get("description", {}).get("text", ""))
    else:
        unmapped.append(f"{where}: not read back; kinchain rebuilds its {kind} from the intake")


def _finish(draft: dict[str, Any], ctx: dict[str, Any], unmapped: list[str]) -> dict[str, Any]:
    for _, focus, value, where in sorted(ctx["ratings"], key=lambda r: r[0]):
        index = next((ctx["pains"][f] for f in focus if f in ctx["pains"]), None)
        if index is None:
            unmapped.append(f"{where} focus: a pain rating of no reported pain; not read")
        elif "intensity" not in draft["pain"][index]:
            draft["pain"][index]["intensity"] = value
        else:
            unmapped.append(f"{where}: a later rating of the same pain (a check-in); not read")
    for iid, total in ctx["totals"].items():
        if iid in TOTAL_FORMS and iid not in draft["questionnaires"]:
            draft["questionnaires"][iid] = {TOTAL_FORMS[iid]: total}
    del draft["questionnaires_known"]
    return draft


def import_bundle(data: Any, /, *, release: str = "R5") -> tuple[dict[str, Any], list[str]]:
    """A FHIR Bundle (a parsed JSON object, or its JSON text) of ``release`` read into a draft
    intake mapping, with every element kinchain could not map listed in plain words.

    Raises :class:`~kinchain.errors.FhirError` (an input error) for what is not JSON, not a
    Bundle, too large, of the other release, holding a resource type or a code kinchain does
    not know; each message names the resource and the element.
    """
    classes: dict[str, Any] = {r: bundle_class(r) for r in RELEASES}
    if release not in classes:
        bundle_class(release)  # raises: names the release expected
    bundle = check_shape(data)
    try:
        check_release(bundle, release, classes)
        check_codes(bundle)
    except RecursionError:
        raise FhirError("Bundle: nested more deeply than any FHIR resource is") from None
    draft, unmapped = _empty_draft(), list[str]()
    ctx: dict[str, Any] = {"pains": {}, "ratings": [], "totals": {}}
    for i, entry in enumerate(bundle.get("entry", [])):
        _read_entry(entry, i, draft, ctx, unmapped)
    return _finish(draft, ctx, unmapped), unmapped
