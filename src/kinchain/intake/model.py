"""The client model: what a coach knows about a client, validated and immutable once loaded.

Field names and values follow the intake files coaches write (``docs/intake.md`` documents every
field, its unit and its allowed values). Reading files and turning validation errors into
path-bearing problems lives in :mod:`kinchain.intake.load`; this module describes the client and
checks every value it can check on its own. Checks that depend on the day (dates in the future)
read ``as_of`` from the validation context (today when absent); a date before the client's birth
year is refused when the context carries ``birth_year``.

Every refusal raises a ``PydanticCustomError`` of type ``"intake"`` whose message is written for
a coach: ``12 is outside 0..10``, ``unknown site 'ankel' (did you mean 'ankle'?)``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from kinchain.intake import _sites
from kinchain.intake._checks import (
    MIN_YEAR,
    Flag,
    FrozenRecord,
    Notes,
    Number,
    Text,
    WholeNumber,
    as_of,
    at_most,
    between,
    context_value,
    describe,
    refusal,
    shown,
)
from kinchain.intake.questionnaires import Questionnaires
from kinchain.intake.screening import screening_keys
from kinchain.intake.vocabulary import carrying_side, injury_kinds

__all__ = [
    "DERIVED_FLAGS",
    "Activity",
    "Carrying",
    "Clearance",
    "Client",
    "Footwear",
    "Habits",
    "Injury",
    "Intake",
    "LifeStage",
    "Pain",
    "PartialDate",
    "PelvicFloor",
    "Questionnaires",
    "ReferralClearance",
    "Side",
]

Side = Literal["left", "right", "both"]


def _site_check(site: str) -> str:
    if not _sites.known_site(site):
        close = _sites.suggest_site(site)
        hint = f" (did you mean {close!r}?)" if close else ""
        raise refusal(f"unknown site {shown(site)}{hint}")
    return site


SiteId = Annotated[str, Strict(), AfterValidator(_site_check)]


def _check_side(side: str | None, info: ValidationInfo) -> str | None:
    """Limb and pelvic sites need a side; midline sites (the spine) take none."""
    site = info.data.get("site")
    if site is None:  # the site itself was refused: its problem is reported there
        return side
    if _sites.is_sided(site) and side is None:
        raise refusal(f"{site} takes a side (left, right or both); none given")
    if not _sites.is_sided(site) and side is not None:
        raise refusal(f"{site} is a midline site and takes no side; received {shown(side)}")
    return side


# ---------------------------------------------------------------------------------------- dates

_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DATE_EXPECTED = "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"


def _whole_or_none(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _date_parts(value: Any) -> dict[str, int | None]:
    """Year, month and day from any form an intake writes a date in."""
    if isinstance(value, PartialDate):
        return {"year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return {"year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, bool):
        raise refusal(f"{_DATE_EXPECTED}; received {describe(value)}")
    if isinstance(value, int):
        return {"year": value, "month": None, "day": None}
    if isinstance(value, str):
        match = _DATE_TEXT.fullmatch(value.strip())
        if match is None:
            raise refusal(f"{_DATE_EXPECTED}; received {describe(value)}")
        year, month, day = (int(g) if g else None for g in match.groups())
        return {"year": year, "month": month, "day": day}
    if isinstance(value, dict) and set(value) <= {"year", "month", "day"} and "year" in value:
        parts = {k: value.get(k) for k in ("year", "month", "day")}
        if all(_whole_or_none(v) for v in parts.values()):
            return parts
    raise refusal(f"{_DATE_EXPECTED}; received {describe(value)}")


def _calendar_check(year: Any, month: Any, day: Any, written: str) -> None:
    """Refuse a month or day that no calendar has: month 0 or 13, day 0, 30 February.

    A month or day written as 0 is never read as 1 ("2019-00" is not January 2019).
    """
    if month is not None and not 1 <= month <= 12:
        raise refusal(f"expected a month 01..12; received {written!r} (month {month})")
    if day is not None and month is not None and isinstance(year, int) and 1 <= year <= 9999:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise refusal(
                f"expected a day 01..{last} ({calendar.month_name[month]} {year} has {last} "
                f"days); received {written!r} (day {day})"
            )
    try:
        dt.date(year, month if month is not None else 1, day if day is not None else 1)
    except (ValueError, OverflowError, TypeError):
        raise refusal(f"{written} is not a calendar date ({_DATE_EXPECTED})") from None


class PartialDate(BaseModel):
    """A date known to the year, the month or the day (``2006``, ``2006-05``, ``2006-05-14``).

    It reads from text, a whole-number year, a ``datetime.date`` or ``{year, month, day}``, and
    writes back as text:

    >>> PartialDate.model_validate("2006-05").midpoint()
    datetime.date(2006, 5, 15)
    >>> str(PartialDate.model_validate(1998)), PartialDate.model_validate("2006-05").model_dump()
    ('1998', '2006-05')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    month: int | None = None
    day: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _read(cls, value: Any) -> dict[str, int | None]:
        parts = _date_parts(value)
        year, month, day = parts["year"], parts["month"], parts["day"]
        written = "-".join(
            f"{p:0{4 if i == 0 else 2}d}" for i, p in enumerate((year, month, day)) if p is not None
        )
        written = written if len(written) <= 20 else written[:17] + "..."
        if day is not None and month is None:
            raise refusal(f"{_DATE_EXPECTED}; a day needs a month")
        _calendar_check(year, month, day, written)
        return parts

    @model_validator(mode="after")
    def _plausible(self, info: ValidationInfo) -> PartialDate:
        day = as_of(info)
        if self.year < MIN_YEAR:
            raise refusal(f"{self} is before {MIN_YEAR}")
        if self.earliest() > day:
            raise refusal(f"{self} is in the future (as of {day.isoformat()})")
        birth_year = context_value(info, "birth_year")
        if isinstance(birth_year, int) and self.year < birth_year:
            raise refusal(f"{self} is before the client's birth year {birth_year}")
        return self

    @model_serializer(mode="plain")
    def _write(self) -> str:
        return str(self)

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

    def middle_as_of(self, as_of: dt.date, /) -> dt.date:
        """The day elapsed time counts from, seen on ``as_of``: the date's middle, or, for a
        month or year that has not ended by ``as_of``, the middle of its days so far (so a date
        of "this year" never counts from a day still to come).

        >>> PartialDate(year=2026).middle_as_of(dt.date(2026, 9, 15))
        datetime.date(2026, 5, 9)
        >>> PartialDate(year=2025, month=6).middle_as_of(dt.date(2026, 6, 20))
        datetime.date(2025, 6, 15)
        """
        if self.day is not None:
            return self.midpoint()
        last_month = self.month if self.month is not None else 12
        end = dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])
        if end <= as_of:
            return self.midpoint()
        start = self.earliest()
        return start + max(as_of - start, dt.timedelta(0)) // 2

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


# ---------------------------------------------------------------------------------------- client


class _Frozen(FrozenRecord):
    """This module's records (the shared base: :class:`kinchain.intake._checks.FrozenRecord`)."""


class PelvicFloor(_Frozen):
    """Pelvic-floor symptoms, each a yes/no question; a question left out is not known (never
    "no"). Return to running after a birth waits on these (Goom, Donnelly & Brockwell 2019)."""

    leaking: Flag | None = None  # leaking urine (or wind or stool), e.g. on coughing or jumping
    heaviness: Flag | None = None  # a feeling of heaviness, dragging or a bulge in the vagina
    pelvic_pain: Flag | None = None  # pain in the pelvis or the pelvic floor

    def answered(self) -> dict[str, bool]:
        """The questions answered, by name."""
        out = {"leaking": self.leaking, "heaviness": self.heaviness}
        out["pelvic_pain"] = self.pelvic_pain
        return {k: v for k, v in out.items() if v is not None}


class LifeStage(_Frozen):
    status: Literal["none", "pregnant", "postpartum"] = "none"
    weeks: WholeNumber | None = None  # weeks pregnant (0..42) or weeks since birth (0..260)
    pelvic_floor: PelvicFloor | None = None  # asked after a birth (or in pregnancy)

    @field_validator("pelvic_floor")
    @classmethod
    def _pelvic_floor_fits_status(
        cls, pelvic_floor: PelvicFloor | None, info: ValidationInfo
    ) -> PelvicFloor | None:
        if pelvic_floor is not None and info.data.get("status") == "none":
            raise refusal("pelvic-floor questions apply only when pregnant or postpartum")
        return pelvic_floor

    @field_validator("weeks")
    @classmethod
    def _weeks_fit_status(cls, weeks: int | None, info: ValidationInfo) -> int | None:
        status = info.data.get("status")
        if weeks is None or status is None:
            return weeks
        if status == "none":
            raise refusal(f"{weeks} weeks given, but weeks apply only when pregnant or postpartum")
        if status == "pregnant" and not 0 <= weeks <= 42:
            raise refusal(f"{weeks} weeks of pregnancy is outside 0..42")
        if status == "postpartum" and not 0 <= weeks <= 260:
            raise refusal(f"{weeks} weeks since birth is outside 0..260")
        return weeks


class Client(_Frozen):
    name: Text
    birth_year: WholeNumber
    sex: Literal["female", "male", "other"]
    height_cm: Annotated[Number, AfterValidator(between(50, 250, "cm"))]
    mass_kg: Annotated[Number, AfterValidator(between(20, 350, "kg"))]
    life_stage: LifeStage = Field(default_factory=LifeStage)

    @field_validator("birth_year")
    @classmethod
    def _born_in_the_past(cls, year: int, info: ValidationInfo) -> int:
        this_year = as_of(info).year
        if not MIN_YEAR <= year <= this_year:
            raise refusal(f"{year} is outside {MIN_YEAR}..{this_year}")
        return year


# -------------------------------------------------------------------------------------- injuries

InjuryKind = Literal[
    "sprain", "strain", "fracture", "dislocation", "tendinopathy", "surgery", "contusion"
]
TissueKind = Literal["ligament", "tendon", "muscle", "bone", "cartilage", "fascia", "joint"]


class Clearance(_Frozen):
    """A clinician's go-ahead as the coach records it: when, who, and what they said. On an
    injury it ends the injury's healing window early; :class:`ReferralClearance` adds the
    red-flag keys a clearance after a referral covers."""

    date: PartialDate
    by: Text  # who cleared it: "Dr A Khan, orthopaedic surgeon", "treating physiotherapist"
    said: Notes = ""  # what they said ("full weight-bearing, no restrictions")


def _period_end(date: PartialDate) -> dt.date:
    """The last day a partial date can mean."""
    if date.day is not None:
        return date.earliest()
    month = date.month if date.month is not None else 12
    return dt.date(date.year, month, calendar.monthrange(date.year, month)[1])


class Injury(_Frozen):
    site: SiteId
    side: Side | None = Field(default=None, validate_default=True)
    kind: InjuryKind
    tissue: TissueKind | None = None  # left out: the structure's type, else the kind's tissue
    structure: Annotated[str, Strict()] | None = None  # a body-web tissue id: "acl", "atfl"
    grade: WholeNumber | None = None  # 1..3 where it applies (sprain, strain)
    date: PartialDate
    cause: Literal["acute", "overuse"] = "acute"
    care: Literal["none", "self", "medical", "physio", "rehab_completed"] = "none"
    recurrences: Annotated[WholeNumber, AfterValidator(between(0, 100))] = 0
    notes: Notes = ""
    cleared: Clearance | None = None  # the treating clinician's go-ahead (docs/intake.md)

    @field_validator("cleared")
    @classmethod
    def _cleared_after_injury(
        cls, cleared: Clearance | None, info: ValidationInfo
    ) -> Clearance | None:
        injured = info.data.get("date")
        if cleared is None or not isinstance(injured, PartialDate):
            return cleared
        if _period_end(cleared.date) < injured.earliest():
            raise refusal(f"cleared on {cleared.date}, before the injury itself ({injured})")
        return cleared

    @model_validator(mode="before")
    @classmethod
    def _infer_tissue(cls, data: Any) -> Any:
        """A left-out tissue comes from the structure's type, else from the injury kind."""
        if not isinstance(data, dict) or data.get("tissue") is not None:
            return data
        structure, kind = data.get("structure"), data.get("kind")
        tissue = _sites.tissue_type(structure) if isinstance(structure, str) else None
        if tissue not in get_args(TissueKind):
            info = injury_kinds().get(kind) if isinstance(kind, str) else None
            tissue = info.tissue if info is not None else None
        return data if tissue is None else {**data, "tissue": tissue}

    _side = field_validator("side")(_check_side)

    @field_validator("structure")
    @classmethod
    def _known_structure(cls, structure: str | None, info: ValidationInfo) -> str | None:
        if structure is None:
            return None
        if not _sites.known_tissue(structure):
            close = _sites.suggest_tissue(structure)
            hint = f" (did you mean {close!r}?)" if close else ""
            raise refusal(f"unknown structure {shown(structure)}{hint}")
        site, sites = info.data.get("site"), _sites.tissue_sites(structure)
        if site is not None and sites and site not in sites:
            where = ", ".join(sorted(sites))
            raise refusal(f"{structure} is not at the {site}; it belongs to {where}")
        return structure

    @field_validator("grade")
    @classmethod
    def _grade_fits_kind(cls, grade: int | None, info: ValidationInfo) -> int | None:
        if grade is None:
            return None
        kind = info.data.get("kind")
        kinds = injury_kinds()
        if kind is not None and not kinds[kind].graded:
            graded = " or ".join(k for k, v in kinds.items() if v.graded)
            raise refusal(f"a grade applies only to a {graded}, not to a {kind}; leave it out")
        if not 1 <= grade <= 3:
            raise refusal(f"{grade} is outside 1..3")
        return grade


class Pain(_Frozen):
    site: SiteId
    side: Side | None = Field(default=None, validate_default=True)
    intensity: Annotated[WholeNumber, AfterValidator(between(0, 10))]  # 0..10 pain rating
    since: PartialDate
    pattern: Literal["constant", "intermittent", "night"] = "intermittent"
    worse_with: Annotated[tuple[Text, ...], at_most("pain_words", "words")] = ()
    better_with: Annotated[tuple[Text, ...], at_most("pain_words", "words")] = ()

    _side = field_validator("side")(_check_side)


# ---------------------------------------------------------------------------- shoes and activity

Hours = Annotated[Number, AfterValidator(between(0, 24, "hours"))]


class Footwear(_Frozen):
    name: Text
    kind: Literal["athletic", "flat", "heel", "minimalist", "boot", "sandal", "barefoot"]
    heel_height_mm: Annotated[Number, AfterValidator(between(0, 200, "mm"))] = 0.0
    drop_mm: Annotated[Number, AfterValidator(between(-30, 200, "mm"))] = 0.0
    toe_box: Literal["narrow", "standard", "wide"] = "standard"
    cushioning: Literal["none", "low", "medium", "high"] = "medium"
    hours_per_day: Hours = 0.0


ActivityKind = Literal[
    "walk", "jog", "run", "hike", "jump", "pivot", "cycle", "swim", "lift", "yoga",
    "dance", "racket", "ski", "row", "climb",
]


class Activity(_Frozen):
    kind: ActivityKind
    minutes_per_week: Annotated[Number, AfterValidator(between(0, 7 * 24 * 60, "minutes"))]
    surface: Text | None = None
    sport: Text | None = None
    downhill: Flag = False  # much of it downhill (hikes, trail runs)


class Carrying(_Frozen):
    what: Text
    hours_per_day: Hours = 0.0
    side: Side | None = None  # inferred from "what" ("baby on left hip") when left out
    load_kg: Annotated[Number, AfterValidator(between(0, 100, "kg"))] | None = None

    @model_validator(mode="before")
    @classmethod
    def _infer_side(cls, data: Any) -> Any:
        what = data.get("what") if isinstance(data, dict) else None
        if isinstance(data, dict) and data.get("side") is None and isinstance(what, str):
            side = carrying_side(what)
            if side is not None:
                return {**data, "side": side}
        return data


class Habits(_Frozen):
    sitting_hours: Hours | None = None
    standing_hours: Hours | None = None
    sleep_position: Literal["back", "side", "stomach", "mixed"] | None = None
    lifting: Literal["never", "rarely", "sometimes", "often"] | None = None
    carrying: Carrying | None = None
    breathing: Literal["chest", "belly", "mixed", "unknown"] | None = None
    gait_notes: Notes = ""

    @field_validator("standing_hours")
    @classmethod
    def _fits_in_a_day(cls, standing: float | None, info: ValidationInfo) -> float | None:
        sitting = info.data.get("sitting_hours")
        if standing is not None and sitting is not None and sitting + standing > 24:
            raise refusal(f"{standing:g} h standing and {sitting:g} h sitting exceed 24 hours")
        return standing


# ------------------------------------------------------------------------------------- screening


def _screening_key(key: str) -> str:
    keys = screening_keys()
    if key not in keys:
        close = difflib.get_close_matches(key, sorted(keys), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise refusal(f"unknown screening key {shown(key)}{hint}")
    return key


ScreeningKey = Annotated[str, AfterValidator(_screening_key)]

#: red flags the screen derives from the rest of the intake, which a clearance may also cover
DERIVED_FLAGS: tuple[str, ...] = ("age_at_onset",)


def _cleared_key(key: str) -> str:
    return key if key in DERIVED_FLAGS else _screening_key(key)


class ReferralClearance(Clearance):
    """A clinician's clearance after a referral, recorded by the coach in a new intake version:
    the day, who cleared, what they said (required here), and the red-flag keys it covers."""

    said: Text
    flags: tuple[Annotated[str, AfterValidator(_cleared_key)], ...]

    @field_validator("flags")
    @classmethod
    def _covers_something(cls, flags: tuple[str, ...]) -> tuple[str, ...]:
        if not flags:
            raise refusal("a clearance lists the red-flag keys it covers; got none")
        return flags

    @field_validator("date")
    @classmethod
    def _a_whole_day(cls, date: PartialDate) -> PartialDate:
        if date.day is None:
            raise refusal(f"{date} needs a day (YYYY-MM-DD): the day the clinician cleared")
        return date


# ---------------------------------------------------------------------------------------- intake


class Intake(_Frozen):
    """One client's whole intake: the root of every assessment."""

    client: Client
    daily_minutes: Annotated[WholeNumber, AfterValidator(between(1, 240, "minutes"))]
    goals: Annotated[tuple[Text, ...], at_most("goals", "goals")] = ()
    injuries: Annotated[tuple[Injury, ...], at_most("injuries", "injuries")] = ()
    pain: Annotated[tuple[Pain, ...], at_most("pain", "pains")] = ()
    footwear: Annotated[tuple[Footwear, ...], at_most("footwear", "shoes")] = ()
    activities: Annotated[tuple[Activity, ...], at_most("activities", "activities")] = ()
    habits: Habits = Field(default_factory=Habits)
    screening: Annotated[
        dict[ScreeningKey, Flag], at_most("screening_keys", "answers")
    ] = Field(default_factory=dict)
    questionnaires: Questionnaires = Field(default_factory=Questionnaires)
    clearance: tuple[ReferralClearance, ...] = ()
