"""The shape of ``reference_params.yaml`` (the Liu & Nigg reference model and the Ly et al. 2010
shoe stage) as declarative models; :mod:`kinchain.mechanics.liu_nigg` and
:mod:`kinchain.mechanics.shoe` read the checked document."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from kinchain.knowledge import STRICT, CitedRecord, Knowledge, Text, in_range, refuse

__all__ = ["ReferenceParamsDoc"]

Positive = Annotated[float, STRICT, in_range(0, lo_open=True)]
AtLeastZero = Annotated[float, STRICT, in_range(0)]


class MassesDoc(Knowledge):
    m1: Positive
    m2: Positive
    m3: Positive
    m4: Positive


class SpringsDoc(Knowledge):
    k1: AtLeastZero
    k2: AtLeastZero
    k3: AtLeastZero
    k4: AtLeastZero
    k5: AtLeastZero


class DampersDoc(Knowledge):
    c1: AtLeastZero
    c2: AtLeastZero
    c4: AtLeastZero


class GroundFitDoc(Knowledge):
    """The shoe-specific exponents of the ground law."""

    b: Positive
    d: Positive


class GroundDoc(Knowledge):
    area_factor: Positive
    a: Positive
    c: AtLeastZero
    e: Positive
    shoes: dict[Literal["hard", "soft"], GroundFitDoc]

    @model_validator(mode="after")
    def _both_shoes(self) -> Self:
        if set(self.shoes) != {"hard", "soft"}:
            raise refuse(f"expected hard and soft, got {sorted(self.shoes)}", at="shoes")
        return self


class LiuNiggDoc(CitedRecord):
    masses_kg: MassesDoc
    springs_n_per_m: SpringsDoc
    dampers_n_s_per_m: DampersDoc
    gravity_m_s2: Positive
    touchdown_velocity_m_s: AtLeastZero
    ground: GroundDoc


class MidsoleDoc(Knowledge):
    """One published midsole: k6 in ``stiffness_unit_n_per_m``, b6 an exponent of at least 1."""

    k6: Positive
    b6: Annotated[float, STRICT, in_range(1)]
    c6_n_s_per_m: AtLeastZero
    label: Text | None = None


class ShoeStageDoc(CitedRecord):
    shoe_mass_kg: Positive
    reference_radius_m: Positive
    stiffness_unit_n_per_m: Positive
    midsoles: Annotated[dict[str, MidsoleDoc], Field(min_length=1)]


class ReferenceParamsDoc(Knowledge):
    """The whole of ``reference_params.yaml``."""

    liu_nigg: LiuNiggDoc
    shoe_stage: ShoeStageDoc
