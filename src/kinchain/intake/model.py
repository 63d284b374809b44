"""The client model: what a coach knows about a client, validated and immutable once loaded.

Field names and values follow the intake files coaches write (``docs/intake.md`` documents every
field, its unit and its allowed values). Parsing files and reporting every problem with its path
lives in :mod:`kinchain.intake.load`; this module only describes the client.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Activity",
    "Carrying",
    "Client",
    "Footwear",
    "Habits",
    "Injury",
    "Intake",
    "LifeStage",
    "Pain",
    "PartialDate",
    "Questionnaires",
    "Side",
]

Side = Literal["left", "right", "both"]


class PartialDate(BaseModel):
    """A date known to the year, the month or the day (``2006``, ``2006-05``, ``2006-05-14``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    month: int | None = None
    day: int | None = None

    def earliest(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def midpoint(self) -> dt.date:
        """The middle of the period the date can mean (used for elapsed time)."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, 15)
        return dt.date(self.year, 7, 1)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LifeStage(_Frozen):
    status: Literal["none", "pregnant", "postpartum"] = "none"
    weeks: int | None = None  # weeks pregnant (0..42) or weeks since birth


class Client(_Frozen):
    name: str
    birth_year: int
    sex: Literal["female", "male", "other"]
    height_cm: float
    mass_kg: float
    life_stage: LifeStage = Field(default_factory=LifeStage)


InjuryKind = Literal[
    "sprain", "strain", "fracture", "dislocation", "tendinopathy", "surgery", "contusion"
]
TissueKind = Literal["ligament", "tendon", "muscle", "bone", "cartilage", "fascia", "joint"]


class Injury(_Frozen):
    site: str
    side: Side | None = None
    kind: InjuryKind
    tissue: TissueKind | None = None  # inferred from kind when left out
    structure: str | None = None  # a tissue id of the body web, e.g. "acl", "atfl"
    grade: int | None = None  # 1..3 where it applies (sprain, strain)
    date: PartialDate
    cause: Literal["acute", "overuse"] = "acute"
    care: Literal["none", "self", "medical", "physio", "rehab_completed"] = "none"
    recurrences: int = 0
    notes: str = ""


class Pain(_Frozen):
    site: str
    side: Side | None = None
    intensity: int  # 0..10 numeric pain rating
    since: PartialDate
    pattern: Literal["constant", "intermittent", "night"] = "intermittent"
    worse_with: tuple[str, ...] = ()
    better_with: tuple[str, ...] = ()


class Footwear(_Frozen):
    name: str
    kind: Literal["athletic", "flat", "heel", "minimalist", "boot", "sandal", "barefoot"]
    heel_height_mm: float = 0.0
    drop_mm: float = 0.0
    toe_box: Literal["narrow", "standard", "wide"] = "standard"
    cushioning: Literal["none", "low", "medium", "high"] = "medium"
    hours_per_day: float = 0.0


ActivityKind = Literal["walk", "jog", "run", "hike", "jump", "pivot", "cycle", "swim", "lift", "yoga"]


class Activity(_Frozen):
    kind: ActivityKind
    minutes_per_week: float
    surface: str | None = None
    sport: str | None = None
    downhill: bool = False


class Carrying(_Frozen):
    what: str
    hours_per_day: float = 0.0
    side: Side | None = None  # inferred from "what" ("baby on left hip") when left out


class Habits(_Frozen):
    sitting_hours: float | None = None
    standing_hours: float | None = None
    sleep_position: Literal["back", "side", "stomach", "mixed"] | None = None
    lifting: Literal["never", "rarely", "sometimes", "often"] | None = None
    carrying: Carrying | None = None
    breathing: Literal["chest", "belly", "mixed", "unknown"] | None = None
    gait_notes: str = ""


class Questionnaires(_Frozen):
    """Raw answers; scoring and range checks live in :mod:`kinchain.assessment`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start_back: tuple[int, ...] | None = None
    rmdq: dict[str, Any] | tuple[int, ...] | None = None
    odi: tuple[int | None, ...] | None = None
    cait: dict[str, Any] | tuple[int, ...] | None = None
    faam: dict[str, Any] | None = None
    lefs: tuple[int, ...] | None = None
    koos12: dict[str, Any] | tuple[int | None, ...] | None = None
    pgq: dict[str, Any] | None = None
    psfs: tuple[dict[str, Any], ...] | None = None
    nprs: int | None = None


class Intake(_Frozen):
    """One client's whole intake: the root of every assessment."""

    client: Client
    daily_minutes: int
    goals: tuple[str, ...] = ()
    injuries: tuple[Injury, ...] = ()
    pain: tuple[Pain, ...] = ()
    footwear: tuple[Footwear, ...] = ()
    activities: tuple[Activity, ...] = ()
    habits: Habits = Field(default_factory=Habits)
    screening: dict[str, bool] = Field(default_factory=dict)
    questionnaires: Questionnaires = Field(default_factory=Questionnaires)
