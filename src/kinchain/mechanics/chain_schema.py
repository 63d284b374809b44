"""The shape of ``chain_params.yaml`` and ``activities.yaml`` as declarative models;
:mod:`kinchain.mechanics._chain_data` turns checked documents into the chain's constants.

Every constant is above 0 unless its field says otherwise.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self, get_args

from pydantic import AfterValidator, BaseModel, Field, model_validator

from kinchain.intake.model import Activity, Footwear
from kinchain.knowledge import (
    SITE_IDS,
    STRICT,
    CitedRecord,
    Knowledge,
    Text,
    in_range,
    one_of,
    refuse,
)

__all__ = ["ActivitiesDoc", "ChainParamsDoc"]

Positive = Annotated[float, STRICT, in_range(0, lo_open=True)]
AtLeastZero = Annotated[float, STRICT, in_range(0)]
UpToOne = Annotated[float, STRICT, in_range(0, 1, lo_open=True)]
ShareOf1 = Annotated[float, STRICT, in_range(0, 1)]
Percent = Annotated[float, STRICT, in_range(0, 100, lo_open=True)]
_LIMBS = ("upper_arm", "forearm", "hand", "thigh", "shank", "foot")


class SegmentTable(Knowledge):
    head_neck: Percent
    upper_trunk: Percent
    middle_trunk: Percent
    lower_trunk: Percent
    upper_arm: Percent
    forearm: Percent
    hand: Percent
    thigh: Percent
    shank: Percent
    foot: Percent

    @model_validator(mode="after")
    def _whole_body(self) -> Self:
        values = self.model_dump()
        total = sum(values.values()) + sum(values[k] for k in _LIMBS)  # the limbs come in pairs
        if abs(total - 100.0) > 0.5:
            raise refuse(f"segments sum to {total:.2f}%, expected 100%")
        return self


class PercentDoc(Knowledge):
    female: SegmentTable
    male: SegmentTable


class SegmentsDoc(CitedRecord):
    percent_of_body_mass: PercentDoc


class Wobblers(Knowledge):
    shank: Positive
    thigh: Positive
    trunk: Positive


class WobbleFractions(Knowledge):
    shank: Annotated[float, STRICT, in_range(0, 0.95, lo_open=True)]
    thigh: Annotated[float, STRICT, in_range(0, 0.95, lo_open=True)]
    trunk: Annotated[float, STRICT, in_range(0, 0.95, lo_open=True)]


class WobblingDoc(CitedRecord):
    fraction: WobbleFractions
    frequency_hz: Wobblers
    damping_ratio: Wobblers


Sites = Annotated[tuple[Annotated[str, STRICT], ...], Field(min_length=1), SITE_IDS]


class LegJoint(Knowledge):
    sites: Sites
    compliance_share: UpToOne
    damping_ratio: Positive


class PelvicJoint(Knowledge):
    sites: Sites
    stiffness_ratio: Positive
    damping_ratio: Positive


class JointsDoc(CitedRecord):
    ankle: LegJoint
    knee: LegJoint
    hip: LegJoint
    sacroiliac: PelvicJoint

    @model_validator(mode="after")
    def _shares(self) -> Self:
        shares = self.ankle.compliance_share + self.knee.compliance_share
        shares += self.hip.compliance_share
        if abs(shares - 1.0) > 1e-6:
            raise refuse(f"sum to {shares}, expected 1", at="*.compliance_share")
        return self


class CalibrationDoc(CitedRecord):
    body_mass_kg: Positive
    sex: str = "male"
    touchdown_velocity_m_s: Positive
    vertical_stiffness_n_per_m_per_kg: Positive


class DeficitDoc(CitedRecord):
    damping_loss: ShareOf1
    stiffening: AtLeastZero
    hip_takeover: AtLeastZero
    knee_guarding: AtLeastZero


Role = Literal["mobility", "stability"]


class RolesDoc(Knowledge):
    ankle: Role
    knee: Role
    hip: Role
    sacroiliac: Role


class CapacityDoc(CitedRecord):
    role_tolerance: dict[Role, Positive]
    roles: RolesDoc
    life_stage: dict[Literal["pregnant", "postpartum"], UpToOne]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        for name, table, keys in (
            ("role_tolerance", self.role_tolerance, ("mobility", "stability")),
            ("life_stage", self.life_stage, ("pregnant", "postpartum")),
        ):
            for k in keys:
                if k not in table:
                    raise refuse("missing", at=f"{name}.{k}")
        return self


class DemandWeights(Knowledge):
    energy_absorbed_j: ShareOf1
    peak_force_n: ShareOf1
    loading_rate_bw_s: ShareOf1


class DemandDoc(CitedRecord):
    weight: DemandWeights


class HeelDoc(CitedRecord):
    knee_load_per_mm: AtLeastZero


class GaitDoc(CitedRecord):
    touchdown_velocity_exponent: AtLeastZero
    stiffness_exponent: AtLeastZero


class IntegratorDoc(CitedRecord):
    fine_ms: Positive
    dt_fine_ms: Positive
    dt_coarse_ms: Positive
    record_ms: Positive


def _kinds(model: type[BaseModel], name: str) -> tuple[str, ...]:
    """The words an intake field of ``model`` accepts (its Literal)."""
    return get_args(model.model_fields[name].annotation)


class FootwearDoc(CitedRecord):
    """Which midsole each cushioning word picks and each shoe kind's mass factor (its midsole
    ids are checked against the shoe stage by :mod:`kinchain.mechanics.footwear`)."""

    heel_pad: Literal["hard", "soft"]
    midsole_by_cushioning: dict[str, Text]
    shoe_mass_factor: dict[str, Annotated[float, STRICT, in_range(0, 5)]]

    @model_validator(mode="after")
    def _intake_words(self) -> Self:
        for name, table, field in (
            ("midsole_by_cushioning", self.midsole_by_cushioning, "cushioning"),
            ("shoe_mass_factor", self.shoe_mass_factor, "kind"),
        ):
            for word in table:
                one_of(_kinds(Footwear, field), word, at=f"{name}.{word}")
        return self


class ChainParamsDoc(Knowledge):
    """The whole of ``chain_params.yaml``."""

    segments: SegmentsDoc
    wobbling: WobblingDoc
    joints: JointsDoc
    calibration: CalibrationDoc
    deficit: DeficitDoc
    capacity: CapacityDoc
    demand: DemandDoc
    heel: HeelDoc
    gait: GaitDoc
    footwear: FootwearDoc
    integrator: IntegratorDoc


class Contralateral(Knowledge):
    share: ShareOf1
    release_ms: Positive


class ActivityDoc(CitedRecord):
    label: str | None = None
    foot_touchdown_m_s: Annotated[float, STRICT, in_range(0, 10)]
    body_touchdown_m_s: Annotated[float, STRICT, in_range(0, 10)]
    vertical_stiffness_n_per_m_per_kg: Positive
    contact_time_ms: Positive
    window_ms: Annotated[float, STRICT, in_range(0, 2000, lo_open=True)]
    impact_window_ms: Positive
    window_covers: Text
    contralateral: Contralateral | None = None

    @model_validator(mode="after")
    def _window_in_stance(self) -> Self:
        if self.window_ms > self.contact_time_ms:
            raise refuse(f"{self.window_ms} exceeds contact_time_ms", at="window_ms")
        return self


def _lowercase(word: str) -> str:
    if word != word.lower():
        raise refuse(f"expected a lowercase word, got {word!r}")
    return word


class IntakeChoiceDoc(CitedRecord):
    """Which simulated activity stands for an intake activity kind, the footwear kinds each
    one is done in (first owned wins), and the words that name it in free text."""

    simulate_as: dict[str, Text]
    footwear_for: dict[str, tuple[Text, ...]]
    words: dict[str, tuple[Annotated[Text, AfterValidator(_lowercase)], ...]]


class ActivitiesDoc(Knowledge):
    """The whole of ``activities.yaml``."""

    activities: dict[str, ActivityDoc]
    intake: IntakeChoiceDoc

    @model_validator(mode="after")
    def _known_activities(self) -> Self:
        ids, at = sorted(self.activities), "intake"
        for kind, act in self.intake.simulate_as.items():
            one_of(_kinds(Activity, "kind"), kind, at=f"{at}.simulate_as.{kind}")
            one_of(ids, act, at=f"{at}.simulate_as.{kind}")
        for act, order in self.intake.footwear_for.items():
            one_of(ids, act, at=f"{at}.footwear_for.{act}")
            for i, shoe in enumerate(order):
                one_of(_kinds(Footwear, "kind"), shoe, at=f"{at}.footwear_for.{act}[{i}]")
        for act in self.intake.words:
            one_of(ids, act, at=f"{at}.words.{act}")
        return self
