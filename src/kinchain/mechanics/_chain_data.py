"""The kinetic chain's data files: ``chain_params.yaml`` and ``activities.yaml``, loaded once,
checked, and turned into frozen dataclasses (grammar at the top of each file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from types import MappingProxyType
from typing import Any

from kinchain.datafile import cite_keys, number, read_bundled_yaml, text
from kinchain.errors import DataFileError, SimulationError, one_of

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


# ------------------------------------------------------------------------------ data files ---
def _load(name: str) -> dict[str, Any]:
    doc = read_bundled_yaml("kinchain.mechanics", name)
    if not isinstance(doc, dict):
        raise DataFileError(name, "<file>", "expected a mapping at the top level")
    return doc


def _sub(file: str, sec: Any, key: str, where: str) -> dict[str, Any]:
    val = sec.get(key) if isinstance(sec, dict) else None
    if not isinstance(val, dict):
        raise DataFileError(file, f"{where}{key}", f"expected a mapping, got {val!r}")
    return val


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


@cache
def chain_constants() -> ChainConstants:
    """The bundled chain constants (read once)."""
    f = PARAMS_FILE
    doc = _load(f)
    num = partial(number, file=f, lo=0.0, lo_open=True)  # every constant is above 0 by default
    cite: dict[str, tuple[str, ...]] = {}
    note: dict[str, str] = {}
    for sec in ("segments", "wobbling", "joints", "calibration", "deficit", "capacity", "demand",
                "heel", "gait", "integrator"):
        body = _sub(f, doc, sec, "")
        cite[sec] = cite_keys(body, file=f, key=sec)
        note[sec] = str(body.get("note", ""))
    seg = _sub(f, doc["segments"], "percent_of_body_mass", "segments.")
    percent: dict[str, Mapping[str, float]] = {}
    for sex in ("female", "male"):
        table = _sub(f, seg, sex, "segments.percent_of_body_mass.")
        w = f"segments.percent_of_body_mass.{sex}"
        percent[sex] = MappingProxyType({k: num(table, k, key=w, hi=100.0) for k in _SEGMENT_KEYS})
        total = (sum(percent[sex].values()) + sum(percent[sex][k] for k in
                 ("upper_arm", "forearm", "hand", "thigh", "shank", "foot")))
        if abs(total - 100.0) > 0.5:
            raise DataFileError(f, w, f"segments sum to {total:.2f}%, expected 100%")
    wob = doc["wobbling"]
    frac = _sub(f, wob, "fraction", "wobbling.")
    hz = _sub(f, wob, "frequency_hz", "wobbling.")
    zeta = _sub(f, wob, "damping_ratio", "wobbling.")
    joints: dict[str, JointSpec] = {}
    for name in JOINTS:
        j = _sub(f, doc["joints"], name, "joints.")
        w = f"joints.{name}"
        sites = j.get("sites")
        if not isinstance(sites, list) or not sites or not all(isinstance(s, str) for s in sites):
            raise DataFileError(f, f"{w}.sites", f"expected a list of site ids, got {sites!r}")
        leg = name != "sacroiliac"
        joints[name] = JointSpec(
            name=name,
            sites=tuple(sites),
            compliance_share=num(j, "compliance_share", key=w, hi=1.0) if leg else 0.0,
            stiffness_ratio=0.0 if leg else num(j, "stiffness_ratio", key=w),
            damping_ratio=num(j, "damping_ratio", key=w),
        )
    shares = sum(j.compliance_share for j in joints.values())
    if abs(shares - 1.0) > 1e-6:
        raise DataFileError(f, "joints.*.compliance_share", f"sum to {shares}, expected 1")
    cal = doc["calibration"]
    de = doc["deficit"]
    cap = doc["capacity"]
    roles = _sub(f, cap, "roles", "capacity.")
    for name in JOINTS:
        if roles.get(name) not in ("mobility", "stability"):
            raise DataFileError(f, f"capacity.roles.{name}",
                                f"expected mobility or stability, got {roles.get(name)!r}")
    tol = _sub(f, cap, "role_tolerance", "capacity.")
    life = _sub(f, cap, "life_stage", "capacity.")
    weight = _sub(f, doc["demand"], "weight", "demand.")
    gait = doc["gait"]
    integ = doc["integrator"]
    return ChainConstants(
        percent=MappingProxyType(percent),
        wobble_fraction=MappingProxyType(
            {k: num(frac, k, key="wobbling.fraction", hi=0.95) for k in _WOBBLERS}),
        wobble_hz=MappingProxyType(
            {k: num(hz, k, key="wobbling.frequency_hz") for k in _WOBBLERS}),
        wobble_zeta=MappingProxyType(
            {k: num(zeta, k, key="wobbling.damping_ratio") for k in _WOBBLERS}),
        joints=MappingProxyType(joints),
        calibration=MappingProxyType({
            "body_mass_kg": num(cal, "body_mass_kg", key="calibration"),
            "sex": str(cal.get("sex", "male")),
            "touchdown_velocity_m_s": num(cal, "touchdown_velocity_m_s", key="calibration"),
            "vertical_stiffness_n_per_m_per_kg": num(
                cal, "vertical_stiffness_n_per_m_per_kg", key="calibration"),
        }),
        damping_loss=num(de, "damping_loss", key="deficit", hi=1.0, lo_open=False),
        stiffening=num(de, "stiffening", key="deficit", lo_open=False),
        hip_takeover=num(de, "hip_takeover", key="deficit", lo_open=False),
        knee_guarding=num(de, "knee_guarding", key="deficit", lo_open=False),
        role_tolerance=MappingProxyType(
            {r: num(tol, r, key="capacity.role_tolerance") for r in ("mobility", "stability")}),
        roles=MappingProxyType({k: str(roles[k]) for k in JOINTS}),
        life_stage=MappingProxyType(
            {s: num(life, s, key="capacity.life_stage", hi=1.0)
             for s in ("pregnant", "postpartum")}),
        demand_weight=MappingProxyType(
            {k: num(weight, k, key="demand.weight", hi=1.0, lo_open=False)
             for k in ("energy_absorbed_j", "peak_force_n", "loading_rate_bw_s")}),
        knee_load_per_mm=num(doc["heel"], "knee_load_per_mm", key="heel", lo_open=False),
        velocity_exponent=num(gait, "touchdown_velocity_exponent", key="gait", lo_open=False),
        stiffness_exponent=num(gait, "stiffness_exponent", key="gait", lo_open=False),
        fine_s=num(integ, "fine_ms", key="integrator") / 1e3,
        dt_fine_s=num(integ, "dt_fine_ms", key="integrator") / 1e3,
        dt_coarse_s=num(integ, "dt_coarse_ms", key="integrator") / 1e3,
        record_s=num(integ, "record_ms", key="integrator") / 1e3,
        cite=MappingProxyType(cite),
        note=MappingProxyType(note),
    )  # fmt: skip


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


@cache
def _activities() -> Mapping[str, ActivitySpec]:
    f = ACTIVITIES_FILE
    acts = _sub(f, _load(f), "activities", "")
    num = partial(number, file=f, lo=0.0, lo_open=True)  # every constant is above 0 by default
    out: dict[str, ActivitySpec] = {}
    for aid, raw in acts.items():
        w = f"activities.{aid}"
        if not isinstance(raw, dict):
            raise DataFileError(f, w, f"expected a mapping, got {raw!r}")
        contra = raw.get("contralateral")
        share, release = 0.0, 1.0
        if contra is not None:
            if not isinstance(contra, dict):
                raise DataFileError(f, f"{w}.contralateral",
                                    f"expected a mapping or null, got {contra!r}")
            share = num(contra, "share", key=f"{w}.contralateral", hi=1.0, lo_open=False)
            release = num(contra, "release_ms", key=f"{w}.contralateral")
        spec = ActivitySpec(
            id=str(aid), label=str(raw.get("label", aid)),
            foot_touchdown_m_s=num(raw, "foot_touchdown_m_s", key=w, hi=10.0, lo_open=False),
            body_touchdown_m_s=num(raw, "body_touchdown_m_s", key=w, hi=10.0, lo_open=False),
            vertical_stiffness_n_per_m_per_kg=num(raw, "vertical_stiffness_n_per_m_per_kg", key=w),
            contact_time_ms=num(raw, "contact_time_ms", key=w),
            window_ms=num(raw, "window_ms", key=w, hi=2000.0),
            impact_window_ms=num(raw, "impact_window_ms", key=w),
            contralateral_share=share, contralateral_release_ms=release,
            cite=cite_keys(raw, file=f, key=w), note=str(raw.get("note", "")),
            window_covers=text(raw, "window_covers", file=f, key=w),
        )  # fmt: skip
        if spec.window_ms > spec.contact_time_ms:
            raise DataFileError(f, f"{w}.window_ms", f"{spec.window_ms} exceeds contact_time_ms")
        out[spec.id] = spec
    return MappingProxyType(out)


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
