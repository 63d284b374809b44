"""The program's rules (``rules.yaml``) and habit advice (``habits.yaml``), parsed and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from kinchain.datafile import cites, mapping, number, text
from kinchain.errors import DataFileError
from kinchain.evidence import GRADES, default_registry
from kinchain.program.library import CONTRAINDICATION_KEYS, QUALITIES, TAGS, read_bundled
from kinchain.program.model import HABIT_AREA_LABELS

__all__ = [
    "GENERAL_CONTRAINDICATIONS",
    "HABIT_AREAS",
    "HABIT_CONDITIONS",
    "PHASE_CONDITIONS",
    "Contraindication",
    "HabitRule",
    "InstrumentChange",
    "PhaseRule",
    "PregnancyEnd",
    "ProgramRules",
    "TagWork",
    "default_habits",
    "default_rules",
    "parse_habits",
    "parse_rules",
]

_RULES = "rules.yaml"
_HABITS = "habits.yaml"
HABIT_AREAS = tuple(HABIT_AREA_LABELS)
HABIT_CONDITIONS = (
    "footwear_any",
    "footwear_toe_box",
    "footwear_heel_mm_at_least",
    "footwear_kinds",
    "sitting_hours_at_least",
    "sleep_position",
    "lifting",
    "carrying",
    "breathing",
    "activity_kinds",
    "injury_or_pain",
    "life_stage",
)


@dataclass(frozen=True)
class Contraindication:
    """One kind of contraindication: its plain rule, its numbers and its sources."""

    key: str
    rule: str
    cite: tuple[str, ...]
    params: Mapping[str, float]
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TagWork:
    """Contributors of a kind (habit, life stage, ...) that earn items carrying given tags."""

    kind: str
    ref_prefix: str | None
    tags: frozenset[str]
    because: str
    focus: str = ""  # what the item is for, in the client's words
    activity_kinds: frozenset[str] = frozenset()  # activity contributors: only these kinds
    because_by_stage: Mapping[str, str] = field(default_factory=dict)  # life stage -> reason


@dataclass(frozen=True)
class InstrumentChange:
    """Which number of an instrument to compare, which way is better, where its MCID lives."""

    instrument: str
    value: str
    better: str
    mcid: str | None


PHASE_CONDITIONS = (
    "routine_qualities", "routine_tags", "no_routine_tags", "life_stage", "runs", "habit_areas",
)  # fmt: skip


@dataclass(frozen=True)
class PhaseRule:
    """One phase of the 12-week plan: what everyone reads, and what only some clients read.

    ``parts`` and ``criteria`` pair a condition (an empty mapping: always) with a text; the
    conditions are in ``PHASE_CONDITIONS`` (see ``rules.yaml``).
    """

    name: str
    first_week: int
    last_week: int
    focus: str
    criteria: tuple[tuple[Mapping[str, Any], str], ...]
    cite: tuple[str, ...]
    parts_intro: str = ""
    parts: tuple[tuple[Mapping[str, Any], str], ...] = ()

    @property
    def criteria_to_advance(self) -> tuple[str, ...]:
        """The criteria every client reads (those without a condition)."""
        return tuple(t for when, t in self.criteria if not when)


@dataclass(frozen=True)
class PregnancyEnd:
    """Where a pregnant client's plan stops, and the phase that holds the weeks after it."""

    birth_week: int
    name: str
    focus: str  # {due} and {week} are filled in
    criteria_to_advance: tuple[str, ...]
    cite: tuple[str, ...]


@dataclass(frozen=True)
class ProgramRules:
    """Everything in ``rules.yaml``."""

    contraindications: Mapping[str, Contraindication]
    residual_deficit_min: float
    contributor_score_min: float
    pain_gentle_from: int
    start_level: tuple[tuple[float, int], ...]
    default_level: int
    work: Mapping[str, tuple[str, ...]]
    tag_work: tuple[TagWork, ...]
    extra_passes: int
    deficit_priority_weight: float
    weakest_link_factor: float
    selection_cite: tuple[str, ...]
    pain_rise_points: int
    easy_checkins: int
    hard_checkins: int
    progression_cite: tuple[str, ...]
    instrument_change: tuple[InstrumentChange, ...]
    phases: tuple[PhaseRule, ...]
    wording: Mapping[str, Any]
    pregnancy_end: PregnancyEnd | None = None
    old_injury_minutes: float = 2.0
    old_injury_cite: tuple[str, ...] = ()

    def level_for(self, deficit: float) -> int:
        """The starting level for a joint with this stability deficit.

        >>> default_rules().level_for(0.5), default_rules().level_for(0.1)
        (1, 2)
        """
        for at_least, level in self.start_level:
            if deficit >= at_least:
                return level
        return self.default_level


@dataclass(frozen=True)
class HabitRule:
    """One habit suggestion and the intake conditions that call for it."""

    id: str
    area: str
    when: Mapping[str, Any]
    advice: str
    evidence: str
    grade: str
    cite: tuple[str, ...]
    #: the cited sources the advice stands on; its grade is no stronger than the weakest of them
    essential: tuple[str, ...] = ()


#: contraindications that hold for every exercise, with no flag on the exercise
GENERAL_CONTRAINDICATIONS = ("recent_injury", "pelvic_floor")


def _contraindication_tags(entry: Mapping[str, Any], file: str, key: str) -> frozenset[str]:
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or any(t not in TAGS for t in tags):
        raise DataFileError(file, f"{key}.tags", f"expected tags from {list(TAGS)}, got {tags!r}")
    return frozenset(tags)


def _contraindications(raw: Any, file: str) -> dict[str, Contraindication]:
    raw = mapping(raw, file=file, key="contraindications")
    keys = CONTRAINDICATION_KEYS + GENERAL_CONTRAINDICATIONS
    missing = set(keys) - set(raw)
    if missing:
        raise DataFileError(file, "contraindications", f"missing {sorted(missing)}")
    numbers = {
        "pregnant_from_week": (("lookahead_weeks", 0, 42),),
        "severe_pain": (("pain_at_least", 0, 10),),
        "recent_surgery": (("months", 0, 60),),
        "symptom_free": (("max_pain", 0, 10),),
        "recent_injury": (("several_at_least", 1, 20), ("pain_at_least", 0, 10)),
    }
    out = {}
    for name, entry in raw.items():
        key = f"contraindications.{name}"
        if name not in keys:
            raise DataFileError(file, key, f"unknown; expected one of {list(keys)}")
        entry = mapping(entry, file=file, key=key)
        params = {
            field: number(entry, field, file=file, key=key, lo=lo, hi=hi)
            for field, lo, hi in numbers.get(name, ())
        }
        out[name] = Contraindication(
            name,
            text(entry, "rule", file=file, key=key, squash=True),
            cites(entry, file=file, key=key, registry=default_registry()),
            params,
            _contraindication_tags(entry, file, key),
        )
    return out


def _tag_work(raw: Any, file: str) -> tuple[TagWork, ...]:
    if not isinstance(raw, list):
        raise DataFileError(file, "selection.tag_work", f"expected a list, got {raw!r}")
    out = []
    for i, entry in enumerate(raw):
        key = f"selection.tag_work[{i}]"
        entry = mapping(entry, file=file, key=key)
        tags = entry.get("tags")
        if not isinstance(tags, list) or not tags or any(t not in TAGS for t in tags):
            raise DataFileError(
                file, f"{key}.tags", f"expected tags from {list(TAGS)}, got {tags!r}"
            )
        prefix = entry.get("ref_prefix")
        if prefix is not None and not isinstance(prefix, str):
            raise DataFileError(file, f"{key}.ref_prefix", f"expected a text, got {prefix!r}")
        kinds = entry.get("activity_kinds", [])
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise DataFileError(
                file, f"{key}.activity_kinds", f"expected a list of activity kinds, got {kinds!r}"
            )
        out.append(
            TagWork(
                text(entry, "kind", file=file, key=key, squash=True),
                prefix,
                frozenset(tags),
                text(entry, "because", file=file, key=key, squash=True),
                text(entry, "focus", file=file, key=key, squash=True),
                frozenset(kinds),
                MappingProxyType(
                    {
                        str(k): " ".join(str(v).split())
                        for k, v in mapping(
                            entry.get("because_by_stage", {}),
                            file=file,
                            key=f"{key}.because_by_stage",
                        ).items()
                    }
                ),
            )
        )
    return tuple(out)


def _phase_text(raw: Any, file: str, key: str) -> tuple[Mapping[str, Any], str]:
    """A phase text: a plain text (always said) or {when, text}."""
    if isinstance(raw, str):
        return MappingProxyType({}), " ".join(raw.split())
    raw = mapping(raw, file=file, key=key)
    when = mapping(raw.get("when", {}), file=file, key=f"{key}.when")
    for cond, value in when.items():
        if cond not in PHASE_CONDITIONS:
            raise DataFileError(
                file, f"{key}.when.{cond}", f"unknown; expected one of {list(PHASE_CONDITIONS)}"
            )
        if (cond == "runs") != isinstance(value, bool) or (
            cond != "runs" and (not isinstance(value, list) or not value)
        ):
            expected = "true or false" if cond == "runs" else "a non-empty list"
            raise DataFileError(file, f"{key}.when.{cond}", f"expected {expected}, got {value!r}")
    return MappingProxyType(dict(when)), text(raw, "text", file=file, key=key, squash=True)


def _phases(raw: Any, file: str) -> tuple[PhaseRule, ...]:
    if not isinstance(raw, list) or not raw:
        raise DataFileError(file, "phases", f"expected a non-empty list, got {raw!r}")
    out = []
    expected_first = 1
    for i, entry in enumerate(raw):
        key = f"phases[{i}]"
        entry = mapping(entry, file=file, key=key)
        weeks = entry.get("weeks")
        if (
            not isinstance(weeks, list)
            or len(weeks) != 2
            or not all(isinstance(w, int) for w in weeks)
            or weeks[0] != expected_first
            or weeks[1] < weeks[0]
        ):
            raise DataFileError(
                file,
                f"{key}.weeks",
                f"expected [{expected_first}, last] with last >= first, got {weeks!r}",
            )
        expected_first = weeks[1] + 1
        criteria = entry.get("criteria_to_advance")
        if not isinstance(criteria, list) or not criteria:
            raise DataFileError(
                file, f"{key}.criteria_to_advance", f"expected a list, got {criteria!r}"
            )
        parts = entry.get("parts", [])
        if not isinstance(parts, list):
            raise DataFileError(file, f"{key}.parts", f"expected a list, got {parts!r}")
        out.append(
            PhaseRule(
                text(entry, "name", file=file, key=key, squash=True),
                weeks[0],
                weeks[1],
                text(entry, "focus", file=file, key=key, squash=True),
                tuple(
                    _phase_text(c, file, f"{key}.criteria_to_advance[{j}]")
                    for j, c in enumerate(criteria)
                ),
                cites(entry, file=file, key=key, registry=default_registry()),
                " ".join(str(entry.get("parts_intro", "")).split()),
                tuple(_phase_text(c, file, f"{key}.parts[{j}]") for j, c in enumerate(parts)),
            )
        )
    if expected_first != 13:
        raise DataFileError(
            file, "phases", f"expected weeks 1..12 covered, the last ends at {expected_first - 1}"
        )
    return tuple(out)


def _pregnancy_end(raw: Any, file: str) -> PregnancyEnd:
    key = "pregnancy_end"
    raw = mapping(raw, file=file, key=key)
    criteria = raw.get("criteria_to_advance")
    if not isinstance(criteria, list) or not criteria:
        raise DataFileError(
            file, f"{key}.criteria_to_advance", f"expected a list, got {criteria!r}"
        )
    focus = text(raw, "focus", file=file, key=key, squash=True)
    try:
        focus.format(due="", week="")
    except (KeyError, IndexError, ValueError):
        raise DataFileError(
            file, f"{key}.focus", "only {due} and {week} can be filled in"
        ) from None
    return PregnancyEnd(
        int(number(raw, "birth_week", file=file, key=key, lo=20, hi=42)),
        text(raw, "name", file=file, key=key, squash=True),
        focus,
        tuple(" ".join(str(c).split()) for c in criteria),
        cites(raw, file=file, key=key, registry=default_registry()),
    )


def _instrument_change(raw: Any, file: str) -> tuple[InstrumentChange, ...]:
    raw = mapping(raw, file=file, key="instrument_change")
    out = []
    for inst, entries in raw.items():
        if not isinstance(entries, list):
            raise DataFileError(
                file, f"instrument_change.{inst}", f"expected a list, got {entries!r}"
            )
        for j, entry in enumerate(entries):
            key = f"instrument_change.{inst}[{j}]"
            entry = mapping(entry, file=file, key=key)
            better = entry.get("better")
            if better not in ("higher", "lower"):
                raise DataFileError(
                    file, f"{key}.better", f"expected higher or lower, got {better!r}"
                )
            mcid = entry.get("mcid")
            if mcid is not None and not isinstance(mcid, str):
                raise DataFileError(file, f"{key}.mcid", f"expected a path or null, got {mcid!r}")
            out.append(
                InstrumentChange(
                    inst, text(entry, "value", file=file, key=key, squash=True), better, mcid
                )
            )
    return tuple(out)


_WORDING = (
    "names", "plural", "injury_verb", "care", "recurrence",
    "residual", "recovered", "chain", "role", "pain",
)  # fmt: skip


def _wording(raw: Any, file: str) -> Mapping[str, Any]:
    raw = mapping(raw, file=file, key="wording")
    missing = [k for k in _WORDING if k not in raw]
    if missing:
        raise DataFileError(file, "wording", f"missing {missing}")
    for k in ("names", "injury_verb", "care", "recurrence", "role", "recovered", "chain"):
        mapping(raw[k], file=file, key=f"wording.{k}")
    for k, needed in (("recurrence", "default"), ("role", "stability")):
        if needed not in raw[k]:
            raise DataFileError(file, f"wording.{k}", f"needs a `{needed}` entry")
    number(raw["recovered"], "deficit_below", file=file, key="wording.recovered", lo=0, hi=1)
    text(raw["recovered"], "text", file=file, key="wording.recovered")
    cites(raw["recovered"], file=file, key="wording.recovered", registry=default_registry())
    chain = raw["chain"]
    for k in ("link", "weakest_link"):
        text(chain, k, file=file, key="wording.chain")
    if "default" not in mapping(chain.get("known"), file=file, key="wording.chain.known"):
        raise DataFileError(file, "wording.chain.known", "needs a `default` entry")
    cites(chain, file=file, key="wording.chain", registry=default_registry())
    return MappingProxyType(dict(raw))


def parse_rules(doc: Any, /, *, file: str = _RULES) -> ProgramRules:
    """Build checked :class:`ProgramRules` from a parsed ``rules.yaml`` document."""
    doc = mapping(doc, file=file, key="<file>")
    sel = mapping(doc.get("selection"), file=file, key="selection")
    prog = mapping(doc.get("progression"), file=file, key="progression")
    work = mapping(sel.get("work"), file=file, key="selection.work")
    for name in ("stability", "mobility", "deficit"):
        qualities = work.get(name)
        if (
            not isinstance(qualities, list)
            or not qualities
            or any(q not in QUALITIES for q in qualities)
        ):
            raise DataFileError(
                file,
                f"selection.work.{name}",
                f"expected qualities from {list(QUALITIES)}, got {qualities!r}",
            )
    levels = sel.get("start_level")
    if not isinstance(levels, list) or not levels:
        raise DataFileError(file, "selection.start_level", f"expected a list, got {levels!r}")
    start_level = []
    for i, entry in enumerate(levels):
        key = f"selection.start_level[{i}]"
        entry = mapping(entry, file=file, key=key)
        start_level.append(
            (
                number(entry, "deficit_at_least", file=file, key=key, lo=0, hi=1),
                int(number(entry, "level", file=file, key=key, lo=1, hi=3)),
            )
        )
    return ProgramRules(
        contraindications=MappingProxyType(_contraindications(doc.get("contraindications"), file)),
        residual_deficit_min=number(
            sel, "residual_deficit_min", file=file, key="selection", lo=0, hi=1
        ),
        contributor_score_min=number(
            sel, "contributor_score_min", file=file, key="selection", lo=0, hi=1
        ),
        pain_gentle_from=int(
            number(sel, "pain_gentle_from", file=file, key="selection", lo=0, hi=10)
        ),
        start_level=tuple(start_level),
        default_level=int(number(sel, "default_level", file=file, key="selection", lo=1, hi=3)),
        work=MappingProxyType({k: tuple(work[k]) for k in ("stability", "mobility", "deficit")}),
        tag_work=_tag_work(sel.get("tag_work"), file),
        extra_passes=int(number(sel, "extra_passes", file=file, key="selection", lo=0, hi=5)),
        deficit_priority_weight=number(
            sel, "deficit_priority_weight", file=file, key="selection", lo=0, hi=1
        ),
        weakest_link_factor=number(
            sel, "weakest_link_factor", file=file, key="selection", lo=0, hi=1
        ),
        selection_cite=cites(sel, file=file, key="selection", registry=default_registry()),
        pain_rise_points=int(
            number(prog, "pain_rise_points", file=file, key="progression", lo=1, hi=10)
        ),
        easy_checkins=int(number(prog, "easy_checkins", file=file, key="progression", lo=1, hi=10)),
        hard_checkins=int(number(prog, "hard_checkins", file=file, key="progression", lo=1, hi=10)),
        progression_cite=cites(prog, file=file, key="progression", registry=default_registry()),
        instrument_change=_instrument_change(doc.get("instrument_change"), file),
        phases=_phases(doc.get("phases"), file),
        wording=_wording(doc.get("wording"), file),
        pregnancy_end=_pregnancy_end(doc.get("pregnancy_end"), file),
        **_old_injury_minutes(doc.get("old_injury_minutes"), file),
    )


def _old_injury_minutes(raw: Any, file: str) -> dict[str, Any]:
    raw = mapping(raw, file=file, key="old_injury_minutes")
    return {
        "old_injury_minutes": number(raw, "minutes", file=file, key="old_injury_minutes", lo=0.5,
                                     hi=10),
        "old_injury_cite": cites(raw, file=file, key="old_injury_minutes",
                                 registry=default_registry()),
    }  # fmt: skip


def _habit(raw: Any, *, file: str, key: str) -> HabitRule:
    raw = mapping(raw, file=file, key=key)
    habit_id = text(raw, "id", file=file, key=key, squash=True)
    key = f"{key} ({habit_id})"
    area = raw.get("area")
    if area not in HABIT_AREAS:
        raise DataFileError(file, f"{key}.area", f"{area!r} is not one of {list(HABIT_AREAS)}")
    when = mapping(raw.get("when", {}), file=file, key=f"{key}.when")
    for cond in when:
        if cond not in HABIT_CONDITIONS:
            raise DataFileError(
                file, f"{key}.when.{cond}", f"unknown; expected one of {list(HABIT_CONDITIONS)}"
            )
    cite = cites(raw, file=file, key=key, registry=default_registry())
    essential = _essential(raw, cite, file=file, key=key)
    grade = _habit_grade(raw.get("grade"), cite, essential, file=file, key=key)
    return HabitRule(
        habit_id,
        area,
        MappingProxyType(dict(when)),
        text(raw, "advice", file=file, key=key, squash=True),
        text(raw, "evidence", file=file, key=key, squash=True),
        grade,
        cite,
        essential,
    )


def _essential(
    raw: Mapping[str, Any], cite: tuple[str, ...], /, *, file: str, key: str
) -> tuple[str, ...]:
    """The habit's essential sources: all it cites unless an ``essential`` list names fewer."""
    if "essential" not in raw:
        return cite
    listed = raw["essential"]
    if not isinstance(listed, list) or not listed:
        raise DataFileError(
            file, f"{key}.essential", f"expected a non-empty list of cited keys, got {listed!r}"
        )
    stray = [k for k in listed if k not in cite]
    if stray:
        raise DataFileError(
            file, f"{key}.essential", f"{stray} are not in its cite list {list(cite)}"
        )
    return tuple(str(k) for k in listed)


def _habit_grade(
    grade: Any, cite: tuple[str, ...], essential: tuple[str, ...], /, *, file: str, key: str
) -> str:
    """The grade a client sees: a grade of one of its sources, no stronger than the weakest
    essential source (a composite statement takes the grade of its weakest essential part)."""
    registry = default_registry()
    if grade not in GRADES or grade not in {registry.grade(k) for k in cite}:
        raise DataFileError(
            file, f"{key}.grade", f"{grade!r} must be the grade of one of its sources {list(cite)}"
        )
    weakest = max(essential, key=lambda k: GRADES.index(registry.grade(k)))
    if GRADES.index(grade) < GRADES.index(registry.grade(weakest)):
        raise DataFileError(
            file,
            f"{key}.grade",
            f"{grade!r} is stronger than its weakest essential source {weakest} "
            f"({registry.grade(weakest)}); grade it {registry.grade(weakest)!r} or list the "
            "sources it stands on under 'essential'",
        )
    return str(grade)


def parse_habits(doc: Any, /, *, file: str = _HABITS) -> tuple[HabitRule, ...]:
    """Build checked :class:`HabitRule` s from a parsed ``habits.yaml`` document."""
    if not isinstance(doc, dict) or not isinstance(doc.get("habits"), list):
        raise DataFileError(file, "habits", "expected a top-level list named 'habits'")
    rules = tuple(_habit(raw, file=file, key=f"habits[{i}]") for i, raw in enumerate(doc["habits"]))
    ids = [r.id for r in rules]
    for i, habit_id in enumerate(ids):
        if habit_id in ids[:i]:
            raise DataFileError(file, f"habits[{i}].id", f"{habit_id!r} is defined twice")
    return rules


@cache
def default_rules() -> ProgramRules:
    """The bundled rules, loaded and checked once per process."""
    return parse_rules(read_bundled(_RULES))


@cache
def default_habits() -> tuple[HabitRule, ...]:
    """The bundled habit rules, loaded and checked once per process."""
    return parse_habits(read_bundled(_HABITS))
