"""The shape of ``exercises.yaml`` as declarative models; :mod:`kinchain.program.library` turns
a checked entry into an :class:`~kinchain.program.library.Exercise` and checks the links."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import Field, field_validator, model_validator

from kinchain.knowledge import (
    SITE_IDS,
    STRICT,
    CitedRecord,
    Keys,
    Knowledge,
    Text,
    in_range,
    one_of,
    refuse,
    whole_in,
)
from kinchain.program.words import CONTRAINDICATION_KEYS, QUALITIES, TAGS

__all__ = ["DoseDoc", "ExerciseDoc", "LibraryDoc", "TargetDoc"]

_WEEKS = ("pregnant_from_week", "postpartum_before_week")
_ID = r"^[a-z][a-z0-9_]*$"
Words = tuple[Annotated[str, STRICT], ...]


class DoseDoc(Knowledge):
    sets: Annotated[int, STRICT, whole_in(1, 10)] | None = None
    reps: Annotated[int, STRICT, whole_in(1, 100)] | None = None
    hold_s: Annotated[int, STRICT, whole_in(1, 300)] | None = None
    minutes: Annotated[float, STRICT, Field(gt=0), in_range(0, 30)] | None = None
    per_side: Annotated[bool, STRICT] = False

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        timed = self.reps is not None or self.hold_s is not None
        forms = [self.reps is not None, self.hold_s is not None, self.minutes is not None]
        if sum(forms) != 1 or (timed and self.sets is None):
            raise refuse(
                "expected exactly one of sets+reps, sets+hold_s or minutes, "
                f"got {self.model_dump(exclude_defaults=True)}"
            )
        return self


class TargetDoc(Knowledge):
    site: Annotated[str, STRICT, SITE_IDS]
    side: Literal["each", "both"] | None = None


def _contraindication(name: str, value: Any) -> Any:
    if name not in CONTRAINDICATION_KEYS:
        raise refuse(f"unknown; expected one of {list(CONTRAINDICATION_KEYS)}", at=name)
    if name in _WEEKS:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 52:
            raise refuse(f"expected a week 0..52, got {value!r}", at=name)
    elif name == "screening":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise refuse(f"expected a list of screening keys, got {value!r}", at=name)
        return tuple(value)
    elif value is not True:
        raise refuse(f"expected true, got {value!r}", at=name)
    return value


class ExerciseDoc(CitedRecord):
    id: Annotated[str, STRICT, Field(pattern=_ID)]
    name: Text
    instructions: Annotated[tuple[Text, ...], Field(min_length=1)]
    side_switch: Annotated[str, STRICT] | None = None
    cues: Annotated[tuple[Text, ...], Field(min_length=1)]
    why: Text
    targets: Annotated[tuple[TargetDoc, ...], Field(min_length=1)]
    quality: str
    dose: DoseDoc
    minutes: Annotated[float, STRICT, in_range(0.5, 10)]
    equipment: Words = ()
    level: Literal[1, 2, 3]
    regresses_to: Annotated[str, STRICT] | None = None
    progresses_to: Annotated[str, STRICT] | None = None
    tags: Words = ()
    contraindications: dict[str, Any] | None = None
    cite: Keys
    cite_supports: Annotated[str, STRICT] = ""
    dose_tested: Annotated[bool, STRICT] = False

    @field_validator("contraindications")
    @classmethod
    def _known_rules(cls, raw: dict[str, Any] | None) -> dict[str, Any]:
        return {k: _contraindication(k, v) for k, v in (raw or {}).items()}

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        one_of(QUALITIES, self.quality, at="quality")
        if any(t not in TAGS for t in self.tags):
            raise refuse(f"expected tags from {list(TAGS)}, got {list(self.tags)}", at="tags")
        if self.side_switch is not None and sum(
            self.side_switch in step for step in self.instructions
        ) != 1:
            raise refuse(
                f"expected words found in exactly one step, got {self.side_switch!r}",
                at="side_switch",
            )
        if not self.cite_supports and set(self.cite) - {"heuristic"}:
            raise refuse(
                f"expected plain words saying what {list(self.cite)} support, "
                f"got {self.cite_supports!r}",
                at="cite_supports",
            )
        return self


class LibraryDoc(Knowledge):
    exercises: tuple[ExerciseDoc, ...]
