"""Questionnaire answers as an intake carries them, checked for shape only.

Which instruments exist, how many items each has, each item's range and the scoring live in
:mod:`kinchain.assessment` (``instruments.check_answers``); here an answer only has to be a list
of whole numbers (``null`` where an item may be skipped) or the mapping form an instrument allows.
Mappings are plain ``dict`` s at runtime (``TypedDict``): ``questionnaires.rmdq["yes"]``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Tag, with_config
from typing_extensions import TypedDict

from kinchain.intake._checks import Text, WholeNumber, at_most

__all__ = [
    "CaitTotal",
    "FaamAnswers",
    "PgqAnswers",
    "PsfsActivity",
    "Questionnaires",
    "RmdqCount",
]

_RMDQ = "expected {yes: n} or a list of 0/1 answers"
_CAIT = "expected {total: n} or a list of item scores"
Item = WholeNumber | None  # an answer, or null for "not answered / not applicable"
#: a questionnaire's list of answers, bounded before its items are read
Items = Annotated[tuple[Item, ...], at_most("questionnaire_items", "answers")]
Wholes = Annotated[tuple[WholeNumber, ...], at_most("questionnaire_items", "answers")]


def _shape(value: Any) -> str | None:
    """Which form a questionnaire answer takes: a mapping or a list of items."""
    if isinstance(value, dict):
        return "~mapping"
    if isinstance(value, list | tuple):
        return "~items"
    return None


@with_config(ConfigDict(extra="forbid"))
class RmdqCount(TypedDict):
    """Roland-Morris given as the number of statements answered yes."""

    yes: WholeNumber


@with_config(ConfigDict(extra="forbid"))
class CaitTotal(TypedDict):
    """CAIT given as its total score."""

    total: WholeNumber


@with_config(ConfigDict(extra="forbid"))
class FaamAnswers(TypedDict, total=False):
    """FAAM items, 4 (no difficulty) .. 0 (unable), null for not applicable."""

    adl: Items
    sports: Items


@with_config(ConfigDict(extra="forbid"))
class PgqAnswers(TypedDict, total=False):
    """Pelvic Girdle Questionnaire items, 0..3."""

    activity: Items
    symptom: Items


@with_config(ConfigDict(extra="forbid"))
class PsfsActivity(TypedDict):
    """One Patient-Specific Functional Scale activity and its 0..10 score."""

    activity: Text
    score: WholeNumber


RmdqAnswers = Annotated[
    Annotated[RmdqCount, Tag("~mapping")] | Annotated[Wholes, Tag("~items")],
    Discriminator(_shape, custom_error_type="intake", custom_error_message=_RMDQ),
]
CaitAnswers = Annotated[
    Annotated[CaitTotal, Tag("~mapping")] | Annotated[Wholes, Tag("~items")],
    Discriminator(_shape, custom_error_type="intake", custom_error_message=_CAIT),
]


class Questionnaires(BaseModel):
    """Raw answers, checked for shape only; scoring and item ranges live in
    :mod:`kinchain.assessment` (``instruments.check_answers``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start_back: Wholes | None = None
    rmdq: RmdqAnswers | None = None
    odi: Items | None = None
    cait: CaitAnswers | None = None
    faam: FaamAnswers | None = None
    lefs: Wholes | None = None
    koos12: Items | None = None
    pgq: PgqAnswers | None = None
    psfs: Annotated[
        tuple[PsfsActivity, ...], at_most("questionnaire_items", "activities")
    ] | None = None
    nprs: WholeNumber | None = None

