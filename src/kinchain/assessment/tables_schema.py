"""The shape of ``countries.yaml``, ``contrasts.yaml`` and ``pregnancy.yaml`` as declarative
models; :mod:`~kinchain.assessment.countries`, :mod:`~kinchain.assessment.contrasts` and
:mod:`~kinchain.assessment.warning_signs` read the checked documents."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from kinchain.errors import DataFileError
from kinchain.knowledge import STRICT, CitedRecord, Knowledge, Prose, Text, in_range, refuse

__all__ = ["ContrastsDoc", "CountriesDoc", "PregnancyDoc"]


class CountryDoc(CitedRecord):
    """One country's words for getting help; ``urgent_line`` null where none was verified."""

    name: Text
    emergency_number: Text
    emergency_department: Text
    urgent_line: Text | None = None
    family_doctor: Text
    maternity: Text


class CountriesDoc(Knowledge):
    """The whole of ``countries.yaml``."""

    default: Text
    countries: Annotated[dict[str, CountryDoc], Field(min_length=1)]

    @model_validator(mode="after")
    def _default_known(self) -> Self:
        if self.default not in self.countries:
            raise refuse(f"{self.default!r} is not one of {sorted(self.countries)}", at="default")
        return self


_CONDITIONS = ("heeled_shoes", "life_stage")
Stages = Annotated[tuple[Literal["pregnant", "postpartum"], ...], Field(min_length=1)]


class WhenDoc(Knowledge):
    """Exactly one condition: heeled shoes from a heel height (mm), or a life stage."""

    heeled_shoes: Annotated[float, STRICT, in_range(0, 300)] | None = None
    life_stage: Stages | None = None

    def given(self) -> dict[str, float | tuple[str, ...]]:
        """The condition as written: its one test and value."""
        tests = {"heeled_shoes": self.heeled_shoes, "life_stage": self.life_stage}
        return {k: v for k, v in tests.items() if v is not None}

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = self.given()
        if len(given) != 1:
            raise refuse(f"expected one of {list(_CONDITIONS)}, got {given!r}")
        return self


class ContrastDoc(CitedRecord):
    id: Text
    when: WhenDoc
    belief: Prose
    evidence: Prose


class ContrastsDoc(Knowledge):
    """The whole of ``contrasts.yaml``."""

    contrasts: tuple[ContrastDoc, ...]


class PregnancyDoc(CitedRecord):
    """The whole of ``pregnancy.yaml``; ``intro`` and ``emergency`` are country templates."""

    title: Text
    intro: Text
    signs: Annotated[tuple[Text, ...], Field(min_length=1)]
    emergency: Text

    @model_validator(mode="after")
    def _templates(self) -> Self:
        from kinchain.assessment.countries import check_template  # countries reads this module

        for name in ("intro", "emergency"):
            try:
                check_template(getattr(self, name), file="pregnancy.yaml", key=name)
            except DataFileError as e:
                raise refuse(e.detail, at=name) from None
        return self
