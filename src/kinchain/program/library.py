"""The exercise library: ``exercises.yaml`` parsed into frozen, self-checking exercises.

Parsing (:func:`parse_library`) is separate from reading the bundled file
(:func:`default_library`), so a coach-edited library can be checked the same way. Every problem
raises :class:`~kinchain.errors.DataFileError` naming the file, the key and the bad value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.knowledge import cross_check, load, with_entry_id
from kinchain.program.words import CONTRAINDICATION_KEYS, QUALITIES, TAGS

if TYPE_CHECKING:  # the schema loads when the file is read: its models cost time to create
    from kinchain.program.exercise_schema import ExerciseDoc

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


def _exercise(d: ExerciseDoc) -> Exercise:
    return Exercise(
        id=d.id,
        name=d.name,
        instructions=d.instructions,
        cues=d.cues,
        why=d.why,
        targets=tuple(Target(t.site, t.side) for t in d.targets),
        quality=d.quality,
        dose=Dose(d.dose.sets, d.dose.reps, d.dose.hold_s, d.dose.minutes, d.dose.per_side),
        minutes=d.minutes,
        equipment=d.equipment,
        level=d.level,
        cite=d.cite,
        regresses_to=d.regresses_to,
        progresses_to=d.progresses_to,
        tags=frozenset(d.tags),
        contraindications=d.contraindications or {},
        side_switch=d.side_switch,
        cite_supports=" ".join(d.cite_supports.split()),
        dose_tested=d.dose_tested,
    )


def parse_library(doc: Any, /, *, file: str = _FILE) -> Library:
    """Build a checked :class:`Library` from a parsed ``exercises.yaml`` document (the bundled
    file or a coach's edit): every cite key in the evidence registry, every site in the body."""
    from kinchain.body import default_body
    from kinchain.program.exercise_schema import LibraryDoc

    if not isinstance(doc, dict) or not isinstance(doc.get("exercises"), list):
        raise DataFileError(file, "exercises", "expected a top-level list named 'exercises'")
    try:
        checked = load(LibraryDoc, doc, file=file)
        cross_check(checked, file=file, registry=default_registry(), sites=default_body().sites)
    except DataFileError as err:
        raise with_entry_id(err, doc, "exercises") from None
    return Library([_exercise(d) for d in checked.exercises], file=file)


def read_bundled(name: str) -> Any:
    """The parsed content of a YAML file bundled in ``kinchain.program``."""
    return read_bundled_yaml("kinchain.program", name)


@cache
def default_library() -> Library:
    """The bundled library, loaded and checked once per process."""
    return parse_library(read_bundled(_FILE))
