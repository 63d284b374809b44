"""The exercise library: ``exercises.yaml`` parsed into frozen, self-checking exercises.

Parsing (:func:`parse_library`) is separate from reading the bundled file
(:func:`default_library`), so a coach-edited library can be checked the same way. Every problem
raises :class:`~kinchain.errors.DataFileError` naming the file, the key and the bad value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kinchain.datafile import cites, read_bundled_yaml, text, texts
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry

__all__ = [
    "CONTRAINDICATION_KEYS",
    "QUALITIES",
    "QUALITY_WORDS",
    "TAGS",
    "Dose",
    "Exercise",
    "Library",
    "Target",
    "default_library",
    "parse_library",
]

_FILE = "exercises.yaml"
QUALITIES = (
    "mobility",
    "stability",
    "strength",
    "proprioception",
    "breathing",
    "gait",
    "relaxation",
)
#: each quality in the words a client reads
QUALITY_WORDS = {
    "mobility": "easy movement",
    "stability": "control",
    "strength": "strength",
    "proprioception": "balance",
    "breathing": "breathing",
    "gait": "walking and running",
    "relaxation": "relaxing",
}
TAGS = (
    "pelvic_floor",
    "breathing_pattern",
    "toes",
    "plantar_fascia",
    "carrying",
    "runner",
    "high_impact",
    "supine",
    "prone",
    "unstable_surface",
    "loaded",
)
CONTRAINDICATION_KEYS = (
    "pregnant_from_week",
    "postpartum_before_week",
    "severe_pain",
    "recent_surgery",
    "symptom_free",
    "screening",
)
_SIDES = ("each", "both")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELDS = {
    "id", "name", "instructions", "cues", "why", "targets", "quality", "dose", "minutes",
    "equipment", "level", "regresses_to", "progresses_to", "tags", "contraindications", "cite",
    "side_switch", "cite_supports", "dose_tested",
}  # fmt: skip


@dataclass(frozen=True)
class Target:
    """A site an exercise works, with ``side`` ``each``, ``both`` or None (a site without sides)."""

    site: str
    side: str | None


@dataclass(frozen=True)
class Dose:
    """How much: sets x reps, sets x hold seconds, or minutes."""

    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    minutes: float | None = None
    per_side: bool = False

    def describe(self) -> str:
        """The dose in words.

        >>> Dose(sets=3, hold_s=30, per_side=True).describe()
        '3 x 30 s hold, each side'
        >>> Dose(minutes=2).describe()
        '2 min'
        """
        if self.minutes is not None:
            text = f"{self.minutes:g} min"
        elif self.hold_s is not None:
            text = f"{self.sets} x {self.hold_s} s hold"
        else:
            text = f"{self.sets} x {self.reps}"
        return text + (", each side" if self.per_side else "")

    def to_json(self) -> dict[str, Any]:
        """The dose as plain JSON, with its words."""
        out: dict[str, Any] = {
            k: v
            for k, v in (
                ("sets", self.sets),
                ("reps", self.reps),
                ("hold_s", self.hold_s),
                ("minutes", self.minutes),
            )
            if v is not None
        }
        out["per_side"] = self.per_side
        out["text"] = self.describe()
        return out


@dataclass(frozen=True)
class Exercise:
    """One exercise of the library."""

    id: str
    name: str
    instructions: tuple[str, ...]
    cues: tuple[str, ...]
    why: str
    targets: tuple[Target, ...]
    quality: str
    dose: Dose
    minutes: float
    equipment: tuple[str, ...]
    level: int
    cite: tuple[str, ...]
    regresses_to: str | None = None
    progresses_to: str | None = None
    tags: frozenset[str] = field(default_factory=frozenset)
    contraindications: Mapping[str, Any] = field(default_factory=dict)
    side_switch: str | None = None  # the words of one step that switch to the other side
    cite_supports: str = ""  # what the cited sources support: the kind, not the dose
    dose_tested: bool = False  # a cited source tested this very dose

    def evidence_words(self) -> str:
        """What the exercise's sources support, in a client's words.

        >>> default_library()["single_leg_balance_eyes_open"].evidence_words()[:56]
        'The sources support balance training after an ankle spra'
        >>> default_library()["toe_yoga"].evidence_words()
        'A coaching choice: no study has tested this exercise.'
        """
        if not self.cite_supports:
            return "A coaching choice: no study has tested this exercise."
        dose = "they tested this dose" if self.dose_tested else "the dose is a coaching choice"
        return f"The sources support {self.cite_supports}; {dose}."

    @property
    def sites(self) -> frozenset[str]:
        """The site ids this exercise works."""
        return frozenset(t.site for t in self.targets)

    def instructions_for(self, one_side: str | None, /) -> tuple[str, ...]:
        """The steps for a client who does this on ``one_side`` only (None: as written).

        The step that switches sides loses its switch, and a last step names the side.

        >>> ex = default_library()["clamshell"]
        >>> ex.instructions_for("left")[-2:]
        ('Lower slowly; finish the set.', 'Do this on your left side only.')
        """
        if one_side is None:
            return self.instructions
        steps = []
        for step in self.instructions:
            if self.side_switch and self.side_switch in step:
                step = step.replace(self.side_switch, "").strip()
                if not step:
                    continue
                step = step.rstrip(",;") + ("" if step.endswith(".") else ".")
            steps.append(step)
        steps.append(f"Do this on your {one_side} side only.")
        return tuple(steps)


class Library(Mapping[str, Exercise]):
    """Exercises by id, checked as a whole: every link exists, chains are consistent, no loops."""

    def __init__(self, exercises: Sequence[Exercise], *, file: str = _FILE) -> None:
        self._by_id: dict[str, Exercise] = {}
        for i, ex in enumerate(exercises):
            if ex.id in self._by_id:
                raise DataFileError(file, f"exercises[{i}].id", f"{ex.id!r} is defined twice")
            self._by_id[ex.id] = ex
        self._check_links(file)

    def __getitem__(self, key: str) -> Exercise:
        return self._by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def chain(self, exercise_id: str) -> tuple[str, ...]:
        """The whole progression chain an exercise belongs to, easiest first."""
        first = exercise_id
        while (down := self._by_id[first].regresses_to) is not None:
            first = down
        out = [first]
        while (up := self._by_id[out[-1]].progresses_to) is not None:
            out.append(up)
        return tuple(out)

    def _check_links(self, file: str) -> None:
        for ex in self._by_id.values():
            for kind in ("regresses_to", "progresses_to"):
                other = getattr(ex, kind)
                if other is not None and other not in self._by_id:
                    raise DataFileError(file, f"{ex.id}.{kind}", f"{other!r} is not an exercise id")
        for ex in self._by_id.values():
            for kind, other, back in (
                ("progresses_to", ex.progresses_to, "regresses_to"),
                ("regresses_to", ex.regresses_to, "progresses_to"),
            ):
                if other is None:
                    continue
                key = f"{ex.id}.{kind}"
                if getattr(self._by_id[other], back) != ex.id:
                    raise DataFileError(
                        file, key, f"{other!r}.{back} should be {ex.id!r} for a consistent chain"
                    )
                harder, easier = (other, ex.id) if kind == "progresses_to" else (ex.id, other)
                step = self._by_id[harder].level - self._by_id[easier].level
                if step not in (0, 1):
                    raise DataFileError(
                        file,
                        key,
                        f"{harder!r} (harder) should be the same level as {easier!r} or one "
                        f"higher, got a step of {step}",
                    )
        for start in self._by_id:
            seen = {start}
            cur = self._by_id[start].progresses_to
            while cur is not None:
                if cur in seen:
                    raise DataFileError(file, f"{start}.progresses_to", f"loops back to {cur!r}")
                seen.add(cur)
                cur = self._by_id[cur].progresses_to


def _count(raw: Mapping[str, Any], name: str, *, file: str, key: str, hi: int) -> int | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= hi:
        raise DataFileError(
            file, f"{key}.{name}", f"expected a whole number 1..{hi}, got {value!r}"
        )
    return value


def _parse_dose(raw: Any, *, file: str, key: str) -> Dose:
    if not isinstance(raw, dict):
        raise DataFileError(file, key, f"expected a mapping, got {raw!r}")
    unknown = set(raw) - {"sets", "reps", "hold_s", "minutes", "per_side"}
    if unknown:
        raise DataFileError(file, key, f"unknown field(s) {sorted(unknown)}")
    sets = _count(raw, "sets", file=file, key=key, hi=10)
    reps = _count(raw, "reps", file=file, key=key, hi=100)
    hold_s = _count(raw, "hold_s", file=file, key=key, hi=300)
    minutes = raw.get("minutes")
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 0 < minutes <= 30
    ):
        raise DataFileError(file, f"{key}.minutes", f"expected minutes in 0..30, got {minutes!r}")
    forms = [reps is not None, hold_s is not None, minutes is not None]
    if sum(forms) != 1 or ((reps is not None or hold_s is not None) and sets is None):
        raise DataFileError(
            file, key, f"expected exactly one of sets+reps, sets+hold_s or minutes, got {raw!r}"
        )
    per_side = raw.get("per_side", False)
    if not isinstance(per_side, bool):
        raise DataFileError(file, f"{key}.per_side", f"expected true or false, got {per_side!r}")
    return Dose(sets, reps, hold_s, None if minutes is None else float(minutes), per_side)


def _parse_targets(raw: Any, *, file: str, key: str) -> tuple[Target, ...]:
    if not isinstance(raw, list) or not raw:
        raise DataFileError(file, key, f"expected a non-empty list of {{site, side}}, got {raw!r}")
    out = []
    for j, t in enumerate(raw):
        where = f"{key}[{j}]"
        if (
            not isinstance(t, dict)
            or not isinstance(t.get("site"), str)
            or set(t) - {"site", "side"}
        ):
            raise DataFileError(file, where, f"expected {{site, side}}, got {t!r}")
        side = t.get("side")
        if side is not None and side not in _SIDES:
            raise DataFileError(file, f"{where}.side", f"{side!r} is not one of {list(_SIDES)}")
        out.append(Target(t["site"], side))
    return tuple(out)


def _parse_contraindications(raw: Any, *, file: str, key: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataFileError(file, key, f"expected a mapping, got {raw!r}")
    out: dict[str, Any] = {}
    for name, value in raw.items():
        where = f"{key}.{name}"
        if name not in CONTRAINDICATION_KEYS:
            raise DataFileError(
                file, where, f"unknown; expected one of {list(CONTRAINDICATION_KEYS)}"
            )
        if name in ("pregnant_from_week", "postpartum_before_week"):
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 52:
                raise DataFileError(file, where, f"expected a week 0..52, got {value!r}")
        elif name == "screening":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DataFileError(
                    file, where, f"expected a list of screening keys, got {value!r}"
                )
            value = tuple(value)
        elif value is not True:
            raise DataFileError(file, where, f"expected true, got {value!r}")
        out[name] = value
    return out


def _parse_exercise(raw: Any, *, file: str, key: str) -> Exercise:
    if not isinstance(raw, dict):
        raise DataFileError(file, key, f"expected a mapping, got {type(raw).__name__}")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise DataFileError(file, key, f"unknown field(s) {sorted(unknown)}")
    ex_id = raw.get("id")
    if not isinstance(ex_id, str) or not _ID.match(ex_id):
        raise DataFileError(file, f"{key}.id", f"expected a snake_case id, got {ex_id!r}")
    key = f"{key} ({ex_id})"
    quality = raw.get("quality")
    if quality not in QUALITIES:
        raise DataFileError(file, f"{key}.quality", f"{quality!r} is not one of {list(QUALITIES)}")
    level = raw.get("level")
    if level not in (1, 2, 3):
        raise DataFileError(file, f"{key}.level", f"expected 1, 2 or 3, got {level!r}")
    minutes = raw.get("minutes")
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int | float)
        or not 0.5 <= minutes <= 10
    ):
        raise DataFileError(file, f"{key}.minutes", f"expected 0.5..10, got {minutes!r}")
    equipment = raw.get("equipment", [])
    if not isinstance(equipment, list) or not all(isinstance(e, str) for e in equipment):
        raise DataFileError(
            file, f"{key}.equipment", f"expected a list of texts, got {equipment!r}"
        )
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or any(t not in TAGS for t in tags):
        raise DataFileError(file, f"{key}.tags", f"expected tags from {list(TAGS)}, got {tags!r}")
    cite = cites(raw, file=file, key=key, registry=default_registry())
    links = {}
    for name in ("regresses_to", "progresses_to"):
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise DataFileError(file, f"{key}.{name}", f"expected an exercise id, got {value!r}")
        links[name] = value
    instructions = texts(raw.get("instructions"), file=file, key=f"{key}.instructions")
    switch = raw.get("side_switch")
    if switch is not None and (
        not isinstance(switch, str) or sum(switch in step for step in instructions) != 1
    ):
        raise DataFileError(
            file, f"{key}.side_switch", f"expected words found in exactly one step, got {switch!r}"
        )
    supports = raw.get("cite_supports", "")
    if not isinstance(supports, str) or (not supports and set(cite) - {"heuristic"}):
        raise DataFileError(
            file,
            f"{key}.cite_supports",
            f"expected plain words saying what {list(cite)} support, got {supports!r}",
        )
    dose_tested = raw.get("dose_tested", False)
    if not isinstance(dose_tested, bool):
        raise DataFileError(
            file, f"{key}.dose_tested", f"expected true or false, got {dose_tested!r}"
        )
    return Exercise(
        id=ex_id,
        name=text(raw, "name", file=file, key=key),
        instructions=instructions,
        cues=texts(raw.get("cues"), file=file, key=f"{key}.cues"),
        why=text(raw, "why", file=file, key=key),
        targets=_parse_targets(raw.get("targets"), file=file, key=f"{key}.targets"),
        quality=quality,
        dose=_parse_dose(raw.get("dose"), file=file, key=f"{key}.dose"),
        minutes=float(minutes),
        equipment=tuple(equipment),
        level=level,
        cite=tuple(cite),
        regresses_to=links["regresses_to"],
        progresses_to=links["progresses_to"],
        tags=frozenset(tags),
        contraindications=_parse_contraindications(
            raw.get("contraindications"), file=file, key=f"{key}.contraindications"
        ),
        side_switch=switch,
        cite_supports=" ".join(supports.split()),
        dose_tested=dose_tested,
    )


def parse_library(doc: Any, /, *, file: str = _FILE) -> Library:
    """Build a checked :class:`Library` from a parsed ``exercises.yaml`` document."""
    if not isinstance(doc, dict) or not isinstance(doc.get("exercises"), list):
        raise DataFileError(file, "exercises", "expected a top-level list named 'exercises'")
    return Library(
        [
            _parse_exercise(raw, file=file, key=f"exercises[{i}]")
            for i, raw in enumerate(doc["exercises"])
        ],
        file=file,
    )


def read_bundled(name: str) -> Any:
    """The parsed content of a YAML file bundled in ``kinchain.program``."""
    return read_bundled_yaml("kinchain.program", name)


@cache
def default_library() -> Library:
    """The bundled library, loaded and checked once per process."""
    return parse_library(read_bundled(_FILE))
