"""The intake form's fields, section by section, and the translation between a form and an
intake document.

Every field is named by its path in the intake (``client.name``, ``injuries[1].date``), the
same path a :class:`~kinchain.errors.Problem` names, so each validation message lands beside
its field (or, for a path with no field of its own, beside the nearest row or section). A form
value is turned into the type the intake expects when it reads as one; otherwise it is passed
on as the text typed, and the one validation (:func:`kinchain.services.intake.validate_intake`)
says what it expected and what it received.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from kinchain.errors import Problem
from kinchain.intake.model import ActivityKind, InjuryKind, TissueKind
from kinchain.intake.screening import screening_groups, screening_questions

__all__ = ["PSFS", "SECTIONS", "Field", "Section", "field_id", "merge_section",
           "problems_by_slot", "row_count", "section", "section_of", "slot_of", "value_of"]

Kind = Literal["text", "long", "int", "number", "choice", "date", "words", "lines", "three",
               "check", "answers"]
SIDED = ("toes", "foot", "ankle", "knee", "hip", "sacroiliac", "scapula", "shoulder", "elbow",
         "wrist")
MIDLINE = ("pubic_symphysis", "lumbar_spine", "thoracic_spine", "ribcage", "cervical_spine",
           "upper_cervical", "skull")
SITES = SIDED + MIDLINE
SIDES = ("left", "right", "both")


@dataclass(frozen=True)
class Field:
    key: str  # the path inside its row or section: "site", "client.name", "cleared.date"
    label: str
    kind: Kind = "text"
    options: tuple[str, ...] = ()
    hint: str = ""
    required: bool = False
    more: bool = False  # shown under "More about this ..." (opened when it holds something)


@dataclass(frozen=True)
class Section:
    key: str  # the intake key it edits ("client" also holds daily_minutes and goals)
    title: str
    fields: tuple[Field, ...] = ()
    rows: bool = False  # a list of entries, added and removed in place
    row_name: str = ""


def _f(key: str, label: str, kind: Kind = "text", options: Sequence[str] = (), hint: str = "",
       required: bool = False, more: bool = False) -> Field:
    return Field(key, label, kind, tuple(options), hint, required, more)


_CLIENT = (
    _f("client.name", "Name", required=True),
    _f("client.birth_year", "Year of birth", "int", hint="for example 1991", required=True),
    _f("client.sex", "Sex", "choice", ("female", "male", "other"), required=True),
    _f("client.height_cm", "Height (cm)", "number", required=True),
    _f("client.mass_kg", "Weight (kg)", "number", required=True),
    _f("client.life_stage.status", "Pregnancy or a recent birth", "choice",
       ("none", "pregnant", "postpartum")),
    _f("client.life_stage.weeks", "Weeks (of pregnancy, or since the birth)", "int"),
    _f("client.life_stage.pelvic_floor.leaking", "Do you leak urine (or wind or stool), for "
       "example when you cough, sneeze, lift or jump?", "three"),
    _f("client.life_stage.pelvic_floor.heaviness", "Do you feel heaviness, dragging or a bulge "
       "in the vagina?", "three"),
    _f("client.life_stage.pelvic_floor.pelvic_pain", "Do you have pain in the pelvis or the "
       "pelvic floor?", "three"),
    _f("daily_minutes", "Minutes a day for self-care", "int", hint="1 to 240", required=True),
    _f("goals", "Goals, in her words", "lines", hint="one a line"),
)
_INJURY = (
    _f("site", "Site", "choice", SITES, required=True),
    _f("side", "Side", "choice", SIDES, hint="limb and pelvic sites only"),
    _f("kind", "Kind", "choice", get_args(InjuryKind), required=True),
    _f("date", "When (first episode)", "date", hint="YYYY, YYYY-MM or YYYY-MM-DD", required=True),
    _f("grade", "Grade (sprain or strain)", "int", hint="1 to 3"),
    _f("tissue", "Tissue", "choice", get_args(TissueKind), more=True),
    _f("structure", "Structure", hint="for example atfl, acl", more=True),
    _f("cause", "Cause", "choice", ("acute", "overuse"), more=True),
    _f("care", "Care", "choice", ("none", "self", "medical", "physio", "rehab_completed")),
    _f("recurrences", "Later episodes", "int", more=True),
    _f("notes", "Notes", "long", more=True),
    _f("cleared.date", "Cleared on", "date", hint="the clinician's go-ahead, if any", more=True),
    _f("cleared.by", "Cleared by", more=True),
    _f("cleared.said", "What they said", more=True),
)
_PAIN = (
    _f("site", "Site", "choice", SITES, required=True),
    _f("side", "Side", "choice", SIDES, hint="limb and pelvic sites only"),
    _f("intensity", "Intensity (0 to 10)", "int", required=True),
    _f("since", "Since", "date", hint="YYYY, YYYY-MM or YYYY-MM-DD", required=True),
    _f("pattern", "Pattern", "choice", ("intermittent", "constant", "night")),
    _f("worse_with", "Worse with", "words", hint="separated by commas"),
    _f("better_with", "Better with", "words", hint="separated by commas"),
)
_FOOTWEAR = (
    _f("name", "Name", required=True),
    _f("kind", "Kind", "choice", ("athletic", "flat", "heel", "minimalist", "boot", "sandal",
                                  "barefoot"), required=True),
    _f("heel_height_mm", "Heel height (mm)", "number"),
    _f("drop_mm", "Drop (mm)", "number"),
    _f("toe_box", "Toe box", "choice", ("standard", "narrow", "wide")),
    _f("cushioning", "Cushioning", "choice", ("medium", "none", "low", "high")),
    _f("hours_per_day", "Hours a day", "number"),
)
_ACTIVITY = (
    _f("kind", "Activity", "choice", get_args(ActivityKind), required=True),
    _f("minutes_per_week", "Minutes a week", "number", required=True),
    _f("surface", "Surface", hint="road, trail, track, grass, treadmill", more=True),
    _f("sport", "Sport", hint="for pivot, jump and racket", more=True),
    _f("downhill", "Much of it downhill", "check", more=True),
)
_HABITS = (
    _f("habits.sitting_hours", "Sitting, hours a day", "number"),
    _f("habits.standing_hours", "Standing, hours a day", "number"),
    _f("habits.sleep_position", "Sleep position", "choice", ("back", "side", "stomach", "mixed")),
    _f("habits.lifting", "Lifting", "choice", ("never", "rarely", "sometimes", "often")),
    _f("habits.carrying.what", "Carrying: what", hint="baby on left hip"),
    _f("habits.carrying.hours_per_day", "Carrying: hours a day", "number"),
    _f("habits.carrying.side", "Carrying: side", "choice", SIDES),
    _f("habits.carrying.load_kg", "Carrying: load (kg)", "number"),
    _f("habits.breathing", "Breathing", "choice", ("chest", "belly", "mixed", "unknown")),
    _f("habits.gait_notes", "What you see when she walks", "long"),
)
_LISTS = "answers separated by commas, in the questionnaire's order; null for one skipped"
_QUESTIONNAIRES = (
    _f("questionnaires.start_back", "STarT Back (9 answers)", "answers", hint=_LISTS),
    _f("questionnaires.rmdq", "Roland-Morris (statements answered yes, or 24 answers)",
       "answers"),
    _f("questionnaires.odi", "Oswestry (10 sections, 0 to 5)", "answers", hint=_LISTS),
    _f("questionnaires.cait", "Cumberland Ankle Instability Tool (total, or 9 answers)",
       "answers"),
    _f("questionnaires.faam.adl", "FAAM daily living (21 answers)", "answers", hint=_LISTS),
    _f("questionnaires.faam.sports", "FAAM sports (8 answers)", "answers", hint=_LISTS),
    _f("questionnaires.lefs", "Lower Extremity Functional Scale (20 answers)", "answers"),
    _f("questionnaires.koos12", "KOOS-12 (12 answers)", "answers", hint=_LISTS),
    _f("questionnaires.pgq.activity", "Pelvic Girdle Questionnaire, activity (20)", "answers"),
    _f("questionnaires.pgq.symptom", "Pelvic Girdle Questionnaire, symptoms (5)", "answers"),
    _f("questionnaires.nprs", "Numeric pain rating (0 to 10)", "int"),
)
_PSFS = (_f("activity", "Activity", required=True), _f("score", "Score (0 to 10)", "int"))


def _screening_fields() -> tuple[Field, ...]:
    groups = screening_groups()
    return tuple(_f(f"screening.{q.key}", q.question, "three", hint=groups[q.group])
                 for q in screening_questions())


SECTIONS: tuple[Section, ...] = (
    Section("client", "Client", _CLIENT),
    Section("injuries", "Injuries", _INJURY, rows=True, row_name="injury"),
    Section("pain", "Pain", _PAIN, rows=True, row_name="pain"),
    Section("footwear", "Footwear", _FOOTWEAR, rows=True, row_name="pair of shoes"),
    Section("activities", "Activities", _ACTIVITY, rows=True, row_name="activity"),
    Section("habits", "Habits", _HABITS),
    Section("screening", "Red-flag screening", _screening_fields()),
    Section("questionnaires", "Questionnaires", _QUESTIONNAIRES),
    Section("consent", "Consent"),
)
#: the rows of the questionnaires section (the PSFS activities), kept at their own path
PSFS = Section("questionnaires.psfs", "Patient-Specific Functional Scale", _PSFS, rows=True,
               row_name="activity")


def section(key: str, /) -> Section:
    return next((s for s in SECTIONS if s.key == key), SECTIONS[0])


# --- paths ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _tokens(path: str) -> list[str | int]:
    return [int(i) if i else name for name, i in _TOKEN.findall(path)]


def field_id(path: str, /) -> str:
    """An HTML id for a path: ``injuries[1].date`` -> ``injuries-1-date``."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def _get(doc: Any, path: str) -> Any:
    node = doc
    for t in _tokens(path):
        if isinstance(t, int):
            node = node[t] if isinstance(node, list) and t < len(node) else None
        else:
            node = node.get(t) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    tokens = _tokens(path)
    node: Any = doc
    for t, nxt in itertools.pairwise(tokens):
        if isinstance(node, dict):
            node = node.setdefault(t, [] if isinstance(nxt, int) else {})
        else:
            assert isinstance(t, int)
            while len(node) <= t:
                node.append({})
            node = node[t]
    last = tokens[-1]
    if isinstance(node, dict):
        node[last] = value


def value_of(doc: Mapping[str, Any], path: str, kind: Kind, /) -> str:
    """What a field shows for the document's value at ``path``."""
    value = _get(doc, path)
    if value is None:
        return ""
    if kind == "three" or kind == "check":
        return "yes" if value is True else "no" if value is False else str(value)
    if kind == "answers" and isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value.values())))
    if isinstance(value, list):
        joiner = "\n" if kind == "lines" else ", "
        return joiner.join("null" if v is None else str(v) for v in value)
    return str(value)


def row_count(doc: Mapping[str, Any], key: str, /) -> int:
    rows = _get(doc, key)
    return len(rows) if isinstance(rows, list) else 0


# --- a form into the document --------------------------------------------------------------

_INT = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def _scalar(text: str, kind: Kind) -> Any:
    """A typed value where the text reads as one, else the text itself (the validation then
    names what it expected and what it received)."""
    if kind == "int" and _INT.match(text):
        return int(text)
    if kind == "number" and _NUMBER.match(text):
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() and "." not in text else number
    return text


def _answers(text: str, key: str) -> Any:
    items = [t.strip() for t in text.replace(";", ",").split(",")]
    values = [None if t.lower() in ("null", "", "-") else _scalar(t, "int") for t in items]
    if len(values) == 1 and key.endswith((".cait", ".rmdq")) and isinstance(values[0], int):
        return {"total" if key.endswith(".cait") else "yes": values[0]}
    return values


def _converted(raw: str, field: Field, key: str) -> tuple[bool, Any]:
    """(present, value) of one posted field; absent when left empty (or "not asked")."""
    text = raw.strip()
    if field.kind == "check":
        return (True, True) if text else (False, None)
    if field.kind == "three":
        return (text in ("yes", "no"), text == "yes")
    if not text:
        return False, None
    if field.kind in ("int", "number"):
        return True, _scalar(text, field.kind)
    if field.kind == "words":
        return True, [w.strip() for w in text.split(",") if w.strip()]
    if field.kind == "lines":
        return True, [w.strip() for w in text.splitlines() if w.strip()]
    if field.kind == "answers":
        return True, _answers(text, key)
    return True, text if field.kind != "long" else raw.strip()


def _fill(target: dict[str, Any], fields: Sequence[Field], form: Mapping[str, str],
          prefix: str) -> None:
    for f in fields:
        name = f"{prefix}{f.key}"
        present, value = _converted(form.get(name, ""), f, name)
        if present:
            _set(target, f.key, value)


def _rows(form: Mapping[str, str], sec: Section) -> list[dict[str, Any]]:
    found = sorted({int(m.group(1)) for name in form
                    if (m := re.match(re.escape(sec.key) + r"\[(\d+)\]\.", name))})
    rows = []
    for i in found:
        row: dict[str, Any] = {}
        _fill(row, sec.fields, form, f"{sec.key}[{i}].")
        rows.append(row)
    return rows


def merge_section(doc: Mapping[str, Any], key: str, form: Mapping[str, str], /,
                  *, add_row: bool = False, remove_row: int | None = None) -> dict[str, Any]:
    """The document with one section replaced by what the form holds for it (every other
    section kept as it was), a row added or removed on the way."""
    out = copy.deepcopy(dict(doc))
    sec = section(key)
    if sec.key == "consent":
        return out
    if sec.rows:
        rows = _rows(form, sec)
        if remove_row is not None and 0 <= remove_row < len(rows):
            del rows[remove_row]
        if add_row:
            rows.append({})
        out[sec.key] = rows
        return out
    fresh: dict[str, Any] = {}
    _fill(fresh, sec.fields, form, "")
    if sec.key == "client":
        for k in ("client", "daily_minutes", "goals"):
            out.pop(k, None)
        out.update(fresh)
    else:
        out[sec.key] = fresh.get(sec.key, {})
    if sec.key == "questionnaires":
        psfs = _rows(form, PSFS)
        if remove_row is not None and 0 <= remove_row < len(psfs):
            del psfs[remove_row]
        if add_row:
            psfs.append({})
        if psfs:
            out["questionnaires"]["psfs"] = psfs
    return out


# --- problems beside their fields ----------------------------------------------------------

def _slots(doc: Mapping[str, Any], sec: Section) -> list[str]:
    """Every path of the section that has a place for a message on the page: its fields,
    its rows and the section itself, longest first."""
    paths: set[str] = {sec.key}
    specs: list[tuple[Section, str]] = []
    if sec.rows:
        specs = [(sec, f"{sec.key}[{i}].") for i in range(row_count(doc, sec.key))]
    else:
        specs = [(sec, "")]
    if sec.key == "questionnaires":
        specs += [(PSFS, f"{PSFS.key}[{i}].") for i in range(row_count(doc, PSFS.key))]
        paths.add(PSFS.key)
    for spec, prefix in specs:
        if prefix:
            paths.add(prefix[:-1])
        paths.update(f"{prefix}{f.key}" for f in spec.fields)
    return sorted(paths, key=len, reverse=True)


def slot_of(path: str, slots: Sequence[str], /) -> str | None:
    """The longest slot that is ``path`` or holds it."""
    for slot in slots:
        if path == slot or path.startswith((f"{slot}.", f"{slot}[")):
            return slot
    return None


def problems_by_slot(doc: Mapping[str, Any], key: str, problems: Sequence[Problem],
                     /) -> dict[str, list[str]]:
    """The section's problems, each at the slot (field, row or section) its path names."""
    sec = section(key)
    slots = _slots(doc, sec)
    out: dict[str, list[str]] = {}
    for p in problems:
        slot = slot_of(p.path, slots)
        if slot is None and section_of(p.path) == sec.key:
            slot = sec.key
        if slot is not None:
            out.setdefault(slot, []).append(p.message)
    return out


def section_of(path: str, /) -> str:
    """The section a problem's path belongs to (unknown top-level keys: the client's)."""
    head = str(_tokens(path)[0]) if path else ""
    if head in ("daily_minutes", "goals"):
        return "client"
    return head if any(s.key == head for s in SECTIONS) else "client"
