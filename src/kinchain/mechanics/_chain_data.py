"""The kinetic chain's data files: ``chain_params.yaml`` and ``activities.yaml``, loaded once,
checked, and turned into frozen dataclasses (grammar at the top of each file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, TypeVar

from kinchain.datafile import read_bundled_yaml
from kinchain.errors import DataFileError, SimulationError, one_of
from kinchain.knowledge import Knowledge, cross_check, load
from kinchain.mechanics.chain_schema import ActivitiesDoc, ActivityDoc, ChainParamsDoc, JointsDoc

__all__ = [
    "ACTIVITIES",
    "ACTIVITIES_FILE",
    "JOINTS",
    "PARAMS_FILE",
    "ActivitySpec",
    "ChainConstants",
    "JointSpec",
    "activity_spec",
    "chain_constants",
]

#: The chain's joint elements from the ground up (axis 2 of per-joint arrays).
JOINTS: tuple[str, ...] = ("ankle", "knee", "hip", "sacroiliac")
PARAMS_FILE = "chain_params.yaml"
ACTIVITIES_FILE = "activities.yaml"
_SEGMENT_KEYS = ("head_neck", "upper_trunk", "middle_trunk", "lower_trunk", "upper_arm",
                 "forearm", "hand", "thigh", "shank", "foot")  # fmt: skip
_WOBBLERS = ("shank", "thigh", "trunk")
D = TypeVar("D", bound=Knowledge)


# ------------------------------------------------------------------------------ data files ---
def _load(name: str) -> dict[str, Any]:
    doc = read_bundled_yaml("kinchain.mechanics", name)
    if not isinstance(doc, dict):
        raise DataFileError(name, "<file>", "expected a mapping at the top level")
    return doc


@dataclass(frozen=True)
class JointSpec:
    """One joint element's constants."""

    name: str
    sites: tuple[str, ...]
    compliance_share: float  # 0 for the sacroiliac element
    stiffness_ratio: float  # 0 for the leg joints
    damping_ratio: float


@dataclass(frozen=True)
class ChainConstants:
    """Everything in ``chain_params.yaml``, checked; ``cite``/``note`` per section."""

    percent: Mapping[str, Mapping[str, float]]
    wobble_fraction: Mapping[str, float]
    wobble_hz: Mapping[str, float]
    wobble_zeta: Mapping[str, float]
    joints: Mapping[str, JointSpec]
    calibration: Mapping[str, Any]
    damping_loss: float
    stiffening: float
    hip_takeover: float
    knee_guarding: float
    role_tolerance: Mapping[str, float]
    roles: Mapping[str, str]
    life_stage: Mapping[str, float]
    demand_weight: Mapping[str, float]
    knee_load_per_mm: float
    velocity_exponent: float
    stiffness_exponent: float
    fine_s: float
    dt_fine_s: float
    dt_coarse_s: float
    record_s: float
    cite: Mapping[str, tuple[str, ...]]
    note: Mapping[str, str]


_SECTIONS = ("segments", "wobbling", "joints", "calibration", "deficit", "capacity", "demand",
             "heel", "gait", "integrator")  # fmt: skip


def _joints(doc: JointsDoc) -> dict[str, JointSpec]:
    legs = {n: getattr(doc, n) for n in ("ankle", "knee", "hip")}
    out = {
        n: JointSpec(n, j.sites, j.compliance_share, 0.0, j.damping_ratio) for n, j in legs.items()
    }
    si = doc.sacroiliac
    out["sacroiliac"] = JointSpec("sacroiliac", si.sites, 0.0, si.stiffness_ratio, si.damping_ratio)
    return out


def _frozen(table: Knowledge) -> Mapping[str, Any]:
    return MappingProxyType(table.model_dump())


def _constants(doc: ChainParamsDoc) -> ChainConstants:
    cal, cap, integ = doc.calibration, doc.capacity, doc.integrator
    percent = doc.segments.percent_of_body_mass
    return ChainConstants(
        percent=MappingProxyType({"female": _frozen(percent.female),
                                  "male": _frozen(percent.male)}),
        wobble_fraction=_frozen(doc.wobbling.fraction),
        wobble_hz=_frozen(doc.wobbling.frequency_hz),
        wobble_zeta=_frozen(doc.wobbling.damping_ratio),
        joints=MappingProxyType(_joints(doc.joints)),
        calibration=MappingProxyType({
            "body_mass_kg": cal.body_mass_kg, "sex": str(cal.sex),
            "touchdown_velocity_m_s": cal.touchdown_velocity_m_s,
            "vertical_stiffness_n_per_m_per_kg": cal.vertical_stiffness_n_per_m_per_kg,
        }),
        damping_loss=doc.deficit.damping_loss,
        stiffening=doc.deficit.stiffening,
        hip_takeover=doc.deficit.hip_takeover,
        knee_guarding=doc.deficit.knee_guarding,
        role_tolerance=MappingProxyType({r: cap.role_tolerance[r] for r in ("mobility",
                                         "stability")}),
        roles=_frozen(cap.roles),
        life_stage=MappingProxyType({s: cap.life_stage[s] for s in ("pregnant", "postpartum")}),
        demand_weight=_frozen(doc.demand.weight),
        knee_load_per_mm=doc.heel.knee_load_per_mm,
        velocity_exponent=doc.gait.touchdown_velocity_exponent,
        stiffness_exponent=doc.gait.stiffness_exponent,
        fine_s=integ.fine_ms / 1e3,
        dt_fine_s=integ.dt_fine_ms / 1e3,
        dt_coarse_s=integ.dt_coarse_ms / 1e3,
        record_s=integ.record_ms / 1e3,
        cite=MappingProxyType({s: getattr(doc, s).cite for s in _SECTIONS}),
        note=MappingProxyType({s: getattr(doc, s).note for s in _SECTIONS}),
    )  # fmt: skip


def _checked(model: type[D], name: str) -> D:
    """The bundled file ``name`` checked as ``model``, every cite key in the evidence registry
    and every site id in the body web."""
    from kinchain.body import default_body
    from kinchain.evidence import default_registry

    doc = load(model, _load(name), file=name)
    cross_check(doc, file=name, registry=default_registry(), sites=default_body().sites)
    return doc


@cache
def chain_params_doc() -> ChainParamsDoc:
    """The bundled ``chain_params.yaml``, checked (read once)."""
    return _checked(ChainParamsDoc, PARAMS_FILE)


@cache
def activities_doc() -> ActivitiesDoc:
    """The bundled ``activities.yaml``, checked (read once)."""
    return _checked(ActivitiesDoc, ACTIVITIES_FILE)


@cache
def chain_constants() -> ChainConstants:
    """The bundled chain constants (read once)."""
    return _constants(chain_params_doc())


@dataclass(frozen=True)
class ActivitySpec:
    """One activity of ``activities.yaml`` (velocities down, SI)."""

    id: str
    label: str
    foot_touchdown_m_s: float
    body_touchdown_m_s: float
    vertical_stiffness_n_per_m_per_kg: float
    contact_time_ms: float
    window_ms: float
    impact_window_ms: float
    contralateral_share: float
    contralateral_release_ms: float
    cite: tuple[str, ...]
    note: str
    window_covers: str = ""  # the part of the stance the window covers, in words


def _activity(aid: str, a: ActivityDoc) -> ActivitySpec:
    contra = a.contralateral
    return ActivitySpec(
        id=aid, label=aid if a.label is None else str(a.label),
        foot_touchdown_m_s=a.foot_touchdown_m_s, body_touchdown_m_s=a.body_touchdown_m_s,
        vertical_stiffness_n_per_m_per_kg=a.vertical_stiffness_n_per_m_per_kg,
        contact_time_ms=a.contact_time_ms, window_ms=a.window_ms,
        impact_window_ms=a.impact_window_ms,
        contralateral_share=0.0 if contra is None else contra.share,
        contralateral_release_ms=1.0 if contra is None else contra.release_ms,
        cite=a.cite, note=a.note, window_covers=a.window_covers,
    )  # fmt: skip


@cache
def _activities() -> Mapping[str, ActivitySpec]:
    acts = activities_doc().activities
    return MappingProxyType({str(aid): _activity(str(aid), a) for aid, a in acts.items()})


def activity_spec(activity: str, /) -> ActivitySpec:
    """One activity by id; an unknown id is a :class:`SimulationError` listing the ids.

    >>> activity_spec("jog").contact_time_ms
    250.0
    """
    acts = _activities()
    if activity not in acts:
        raise SimulationError(f"activity: expected {one_of(acts)}, received {activity!r}")
    return acts[activity]


class _Ids(Sequence[str]):
    def __getitem__(self, i: Any) -> Any:
        return tuple(_activities())[i]

    def __len__(self) -> int:
        return len(_activities())


#: The activity ids, in file order (loaded on first use: no I/O on import).
ACTIVITIES: Sequence[str] = _Ids()
