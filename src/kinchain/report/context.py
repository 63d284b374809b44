"""Turn the plain dicts (intake, assessment with its program) into what the page shows.

Nothing here decides anything about the client: it labels, groups, orders and resolves
citations. The mechanics part lives in :mod:`kinchain.report.mechanics_view`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kinchain.assessment.instruments import instrument_rules
from kinchain.evidence import GRADE_MEANING
from kinchain.report.bodymap import site_label
from kinchain.report.citations import Citations

__all__ = [
    "contributors_view",
    "instruments_view",
    "program_view",
    "referral_view",
    "resolve_ref",
    "trail_view",
]

def _instrument_name(key: str) -> str:
    """An instrument's full name as ``assessment/instruments.yaml`` gives it."""
    rule = instrument_rules().get(key)
    return rule.name if rule is not None else _words(key)

_URGENCY = {
    "emergency": ("Emergency: now, the same day", "emergency"),
    "same_day": ("Same day: be seen by a doctor today", "emergency"),
    "urgent": ("Urgent medical review", "urgent"),
    "routine": ("Routine referral", "routine"),
}
_TEXT_KEYS = ("meaning", "interpretation", "summary", "band", "note")
_CITE_KEYS = ("cite", "cites", "citations")
_KIND_NAMES = {
    "injury": "old injury",
    "footwear": "footwear",
    "habit": "habit",
    "activity": "activity",
    "life_stage": "life stage",
}


def _words(key: str) -> str:
    return key.replace("_", " ")


def _cites_of(item: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for k in _CITE_KEYS:
        v = item.get(k)
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, Sequence):
            out += [str(x) for x in v]
    return out


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{_words(str(k))} {_fmt(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_fmt(v) for v in value)
    return "" if value is None else str(value)


def format_value(value: Any) -> str:
    """A number or value as a short readable string.

    >>> format_value(0.4200), format_value(12.0), format_value({"sets": 3, "reps": 10})
    ('0.42', '12', 'sets 3, reps 10')
    >>> format_value(True)
    'yes'
    """
    return _fmt(value)


def trail_view(steps: Sequence[Mapping[str, Any]] | None, cites: Citations) -> list[dict[str, Any]]:
    """A trail's steps with their citations numbered."""
    return [
        {
            "fact": str(s.get("fact", "")),
            "rule": str(s.get("rule", "")),
            "value": _fmt(s.get("value")),
            "note": str(s.get("note", "") or ""),
            "ref": s.get("ref"),
            "cites": cites.cite(_cites_of(s)),
        }
        for s in steps or ()
    ]


_PATH = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def resolve_ref(client: Mapping[str, Any], ref: str | None) -> str:
    """What an intake pointer (``injuries[0]``, ``habits.carrying``) refers to, in words.

    >>> resolve_ref({"footwear": [{"name": "work flats"}]}, "footwear[0]")
    'work flats'
    >>> resolve_ref({"habits": {"sitting_hours": 10}}, "habits.sitting_hours")
    'sitting hours: 10'
    """
    if not ref:
        return ""
    node: Any = client
    last = ref
    for name, index in _PATH.findall(ref):
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError):
            return ref
        last = name or last
    if isinstance(node, Mapping):
        if "name" in node:
            return str(node["name"])
        if "site" in node and "kind" in node:
            date = node.get("date")
            when = f" ({_partial_date(date)})" if date else ""
            return f"{site_label(str(node['site']), node.get('side'))} {node['kind']}{when}"
        if "what" in node:
            return f"{_words(last)}: {node['what']}, {_fmt(node.get('hours_per_day'))} h a day"
        if "status" in node:
            weeks = f", {node['weeks']} weeks" if node.get("weeks") is not None else ""
            return f"{node['status']}{weeks}"
        return _fmt(node)
    return f"{_words(last)}: {_fmt(node)}"


def _partial_date(raw: Any) -> str:
    if isinstance(raw, Mapping):
        parts = [raw.get("year"), raw.get("month"), raw.get("day")]
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts) if p)
    return str(raw)


def _place_label(raw: Any) -> str:
    if isinstance(raw, Mapping) and raw.get("site"):
        return site_label(str(raw["site"]), raw.get("side"))
    return ""


def _grade(evidence: Any) -> tuple[str, str]:
    if isinstance(evidence, Mapping):
        evidence = evidence.get("grade") or evidence.get("evidence") or ""
    grade = str(evidence or "")
    return grade, GRADE_MEANING.get(grade, "")


def referral_view(assessment: Mapping[str, Any], cites: Citations) -> dict[str, Any] | None:
    """The referral: whom to see, how soon, why and the safety net, labelled by urgency."""
    ref = assessment.get("referral")
    if not ref:
        return None
    urgency = str(ref.get("urgency"))
    title, css = _URGENCY.get(urgency, (_words(urgency), "routine"))
    reasons = []
    for r in ref.get("reasons") or ():
        if isinstance(r, Mapping):
            reasons.append(str(r.get("reason") or r.get("text") or _fmt(r)))
        else:
            reasons.append(str(r))
    keys = _cites_of(ref)
    for f in ref.get("flags") or ():
        if isinstance(f, Mapping):
            keys += _cites_of(f)
    return {
        "urgency": urgency,
        "title": title,
        "css": css,
        "see": str(ref.get("see") or ""),
        "within": str(ref.get("within") or ""),
        "reasons": reasons,
        "advice": str(ref.get("advice") or ""),
        "safety_net": str(ref.get("safety_net") or ""),
        "caveat": str(ref.get("caveat") or ""),
        "suspended": bool(assessment.get("program_suspended")),
        "cites": cites.cite(dict.fromkeys(keys)),
    }


def instruments_view(assessment: Mapping[str, Any], cites: Citations) -> list[dict[str, Any]]:
    """Each scored instrument: its name, scores, what they mean and where the rule comes from."""
    out = []
    for key, raw in (assessment.get("instruments") or {}).items():
        scores: list[tuple[str, str]] = []
        meaning: list[str] = []
        keys: list[str] = []
        if isinstance(raw, Mapping):
            keys = _cites_of(raw)
            top = raw.get("max")
            for k, v in raw.items():
                if k in _CITE_KEYS or k in ("trail", "name", "max"):
                    continue
                if k == "total" and isinstance(top, int | float) and not isinstance(top, bool):
                    scores.append(("total", f"{_fmt(v)} of {_fmt(top)}"))
                    continue
                if k in _TEXT_KEYS and isinstance(v, str):
                    meaning.append(v)
                elif k == "notes" and isinstance(v, list):
                    meaning += [str(n) for n in v]
                elif not isinstance(v, Mapping | list) or k in ("subscales", "scores"):
                    scores.append((_words(k), _fmt(v)))
            for s in raw.get("trail") or ():
                keys += _cites_of(s)
        else:
            scores.append(("score", _fmt(raw)))
        name = str(raw.get("name")) if isinstance(raw, Mapping) and raw.get("name") else None
        out.append(
            {
                "key": key,
                "name": name or _instrument_name(key),
                "scores": scores,
                "meaning": meaning,
                "cites": cites.cite(dict.fromkeys(keys)),
            }
        )
    return out


def contributors_view(
    client: Mapping[str, Any],
    assessment: Mapping[str, Any],
    cites: Citations,
    *,
    trails_per_pain: int | None = None,
    rows_per_pain: int | None = None,
) -> list[dict[str, Any]]:
    """Contributors grouped by painful site (most intense pain first), best score first.

    ``trails_per_pain`` keeps the full trail of only the best few contributors to each pain
    (the printed page); the others keep their one-line summary. None keeps every trail.
    ``rows_per_pain`` lists only the best few and counts the rest in ``more``; None lists all.
    """
    groups: dict[str, dict[str, Any]] = {}
    for p in client.get("pain") or ():
        label = site_label(str(p["site"]), p.get("side"))
        groups[label] = {"pain": label, "intensity": p.get("intensity"), "rows": [], "more": 0}
    for c in sorted(
        assessment.get("contributors") or (), key=lambda c: -float(c.get("score") or 0)
    ):
        pain = _place_label(c.get("pain")) or "pain"
        group = groups.setdefault(pain, {"pain": pain, "intensity": None, "rows": [], "more": 0})
        if rows_per_pain is not None and len(group["rows"]) >= rows_per_pain:
            group["more"] += 1
            continue
        src = c.get("source") or {}
        kind = str(src.get("kind", ""))
        what = (
            str(c.get("label") or "")
            or resolve_ref(client, src.get("ref"))
            or _place_label(src)
            or _words(kind)
        )
        grade, meaning = _grade(c.get("evidence"))
        keep = trails_per_pain is None or len(group["rows"]) < trails_per_pain
        group["rows"].append(
            {
                "kind": _KIND_NAMES.get(kind, _words(kind)),
                "what": what,
                "where": _place_label(src),
                "score": float(c.get("score") or 0.0),
                "grade": grade,
                "grade_meaning": meaning,
                "hypothesis": bool(c.get("hypothesis")),
                "summary": str(c.get("summary") or ""),
                "from_intake": resolve_ref(client, src.get("ref")),
                "trail": trail_view(c.get("trail"), cites) if keep else None,
            }
        )
    return sorted(groups.values(), key=lambda g: -(g["intensity"] or 0))


def weakest_links_view(assessment: Mapping[str, Any], cites: Citations) -> list[dict[str, Any]]:
    """Each injury's next weakest link with its margin and trail."""
    return [
        {
            "injury": _place_label(w.get("injury")),
            "link": _place_label(w.get("link")),
            "margin": _fmt(w.get("margin")),
            "trail": trail_view(w.get("trail"), cites),
        }
        for w in assessment.get("weakest_links") or ()
    ]


def joints_view(assessment: Mapping[str, Any], cites: Citations) -> list[dict[str, Any]]:
    """Joints with a residual stability deficit, largest first."""
    rows = [j for j in assessment.get("joints") or () if float(j.get("stability_deficit") or 0) > 0]
    rows.sort(key=lambda j: -float(j.get("stability_deficit") or 0))
    return [
        {
            "joint": _place_label(j),
            "deficit": float(j.get("stability_deficit") or 0.0),
            "trail": trail_view(j.get("trail"), cites),
        }
        for j in rows
    ]


def _targets(raw: Any) -> str:
    if isinstance(raw, Sequence) and not isinstance(raw, str):
        return ", ".join(_place_label(t) or _fmt(t) for t in raw)
    return _fmt(raw)


def _dose(raw: Any) -> str:
    if isinstance(raw, Mapping):
        text = str(raw.get("text") or _fmt({k: v for k, v in raw.items() if k != "per_side"}))
        return f"{text} each side" if raw.get("per_side") and "side" not in text else text
    return _fmt(raw)


def _lines(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw] if raw else []
    if isinstance(raw, Sequence):
        return [str(x) for x in raw if x]
    return []


def _routine_item(
    client: Mapping[str, Any], item: Mapping[str, Any], cites: Citations
) -> dict[str, Any]:
    because = item.get("because") or ()
    if isinstance(because, str):
        because = [because]
    return {
        "name": str(item.get("name") or _words(str(item.get("exercise", "")))),
        "id": str(item.get("exercise") or ""),  # the id a check-in's `done:` list names
        "minutes": _fmt(item.get("minutes")),
        "dose": _dose(item.get("dose")),
        "quality": str(item.get("quality_words") or _words(str(item.get("quality", "")))),
        "targets": ", ".join(str(x) for x in item.get("serves") or ())
        or str(item.get("focus") or "")
        or _targets(item.get("targets")),
        "explanation": str(item.get("explanation") or ""),
        "instructions": _lines(item.get("instructions")),
        "cues": _lines(item.get("cues")),
        "equipment": _lines(item.get("equipment")),
        "because": [resolve_ref(client, b) if isinstance(b, str) else _fmt(b) for b in because],
        "cites": cites.cite(dict.fromkeys(_cites_of(item))),
        "evidence": str((item.get("evidence") or {}).get("says") or ""),
    }


def _habit(h: Mapping[str, Any], cites: Citations) -> dict[str, Any]:
    evidence = h.get("evidence")
    keys = _cites_of(h)
    note = str(h.get("note") or h.get("honesty") or "")
    if isinstance(evidence, Mapping):
        keys += _cites_of(evidence)
        note = note or str(evidence.get("says") or "")
    elif isinstance(evidence, Sequence) and not isinstance(evidence, str):
        keys += [str(k) for k in evidence]
        evidence = " / ".join(sorted({g for k in evidence if (g := cites.grade(str(k)))}))
    grade, meaning = _grade(evidence)
    return {
        "area": str(h.get("area_label") or _words(str(h.get("area", "")))),
        "advice": str(h.get("advice", "")),
        "grade": grade,
        "grade_meaning": meaning,
        "note": note,
        "cites": cites.cite(dict.fromkeys(keys)),
    }


def _phase(i: int, ph: Any, cites: Citations) -> dict[str, Any]:
    if not isinstance(ph, Mapping):
        return {"name": f"Phase {i}", "weeks": "", "focus": _fmt(ph), "criteria": [], "rest": [],
                "cites": []}
    weeks = ph.get("weeks")
    if isinstance(weeks, list | tuple) and len(weeks) == 2:
        weeks = f"weeks {weeks[0]}–{weeks[1]}"
    elif weeks is not None and "week" not in str(weeks):
        weeks = f"weeks {weeks}"
    known = {"name", "title", "weeks", "focus", "criteria_to_advance", "criteria", *_CITE_KEYS}
    return {
        "name": str(ph.get("name") or ph.get("title") or f"Phase {i}"),
        "weeks": _fmt(weeks),
        "focus": str(ph.get("focus") or ""),
        "criteria": _lines(ph.get("criteria_to_advance") or ph.get("criteria")),
        "rest": [(_words(str(k)), _fmt(v)) for k, v in ph.items() if k not in known],
        "cites": cites.cite(dict.fromkeys(_cites_of(ph))),
    }


def program_view(
    client: Mapping[str, Any], program: Mapping[str, Any] | None, cites: Citations
) -> dict[str, Any] | None:
    """Today's routine, habits and phases, ready for the page; None when there is no program."""
    if not program:
        return None
    routine = [_routine_item(client, item, cites) for item in program.get("routine") or ()]
    left_out = []
    for lo in program.get("left_out") or ():
        if isinstance(lo, Mapping):
            what = lo.get("name") or lo.get("exercise") or lo.get("item") or ""
            why = lo.get("reason_words") or lo.get("reason") or lo.get("why") or ""
            left_out.append(f"{_words(str(what))}: {why}" if why else _fmt(lo))
        else:
            left_out.append(str(lo))
    minutes = program.get("minutes")
    if not isinstance(minutes, int | float):
        minutes = sum(
            float(i["minutes"])
            for i in program.get("routine") or ()
            if isinstance(i.get("minutes"), int | float)
        )
    return {
        "daily_minutes": _fmt(program.get("daily_minutes")),
        "total_minutes": _fmt(float(minutes)),
        "routine": routine,
        "habits": [_habit(h, cites) for h in program.get("habits") or ()],
        "phases": [_phase(i, ph, cites) for i, ph in enumerate(program.get("phases") or (), 1)],
        "left_out": left_out,
        "notes": _lines(program.get("notes")),
        "coach_notes": _lines(program.get("coach_notes")),
    }


def client_view(client: Mapping[str, Any], *, as_of: dt.date) -> dict[str, Any]:
    """Name, age on the assessment date, life stage and goals."""
    c = client.get("client") or {}
    stage = c.get("life_stage") or {}
    status = stage.get("status") if isinstance(stage, Mapping) else None
    life = ""
    if status and status != "none":
        weeks = stage.get("weeks")
        life = f"{status}, {weeks} weeks" if weeks is not None else str(status)
    birth = c.get("birth_year")
    return {
        "name": str(c.get("name") or "Client"),
        "age": as_of.year - int(birth) if isinstance(birth, int) else None,
        "sex": c.get("sex"),
        "mass_kg": c.get("mass_kg"),
        "height_cm": c.get("height_cm"),
        "life_stage": life,
        "goals": [str(g) for g in client.get("goals") or ()],
        "daily_minutes": client.get("daily_minutes"),
    }
