"""The kinetic chain's data files: ``chain_params.yaml`` and ``activities.yaml``, loaded once,
checked, and turned into frozen dataclasses (grammar at the top of each file).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from kinchain.errors import DataFileError, SimulationError

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
    text = (resources.files("kinchain.mechanics") / name).read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise DataFileError(name, "<file>", f"not valid YAML ({e})") from None
    if not isinstance(doc, dict):
        raise DataFileError(name, "<file>", "expected a mapping at the top level")
    return doc


def _sub(file: str, sec: Any, key: str, where: str) -> dict[str, Any]:
    val = sec.get(key) if isinstance(sec, dict) else None
    if not isinstance(val, dict):
        raise DataFileError(file, f"{where}{key}", f"expected a mapping, got {val!r}")
    return val


def _num(file: str, sec: dict[str, Any], key: str, where: str, *, lo: float = 0.0,
         hi: float = math.inf, strict: bool = True) -> float:
    raw = sec.get(key)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise DataFileError(file, f"{where}{key}", f"expected a number, got {raw!r}")
    v = float(raw)
    ok = (v > lo if strict else v >= lo) and v <= hi and math.isfinite(v)
    if not ok:
        rel = ">" if strict else ">="
        raise DataFileError(file, f"{where}{key}", f"{v} is not {rel} {lo} and <= {hi}")
    return v


def _text(file: str, sec: dict[str, Any], key: str, where: str) -> str:
    raw = sec.get(key)
    if not isinstance(raw, str) or not raw.strip():
        raise DataFileError(file, f"{where}{key}", f"expected a non-empty text, got {raw!r}")
    return raw.strip()


def _cite(file: str, sec: dict[str, Any], where: str) -> tuple[str, ...]:
    raw = sec.get("cite")
    if not isinstance(raw, list) or not raw or not all(isinstance(k, str) for k in raw):
        raise DataFileError(file, f"{where}cite", f"expected a list of keys, got {raw!r}")
    return tuple(raw)


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
    cite: dict[str, tuple[str, ...]] = {}
    note: dict[str, str] = {}
    for sec in ("segments", "wobbling", "joints", "calibration", "deficit", "capacity", "demand",
                "heel", "gait", "integrator"):
        body = _sub(f, doc, sec, "")
        cite[sec] = _cite(f, body, f"{sec}.")
        note[sec] = str(body.get("note", ""))
    seg = _sub(f, doc["segments"], "percent_of_body_mass", "segments.")
    percent: dict[str, Mapping[str, float]] = {}
    for sex in ("female", "male"):
        table = _sub(f, seg, sex, "segments.percent_of_body_mass.")
        w = f"segments.percent_of_body_mass.{sex}."
        percent[sex] = MappingProxyType({k: _num(f, table, k, w, hi=100.0) for k in _SEGMENT_KEYS})
        total = (sum(percent[sex].values()) + sum(percent[sex][k] for k in
                 ("upper_arm", "forearm", "hand", "thigh", "shank", "foot")))
        if abs(total - 100.0) > 0.5:
            raise DataFileError(f, w.rstrip("."), f"segments sum to {total:.2f}%, expected 100%")
    wob = doc["wobbling"]
    frac = _sub(f, wob, "fraction", "wobbling.")
    hz = _sub(f, wob, "frequency_hz", "wobbling.")
    zeta = _sub(f, wob, "damping_ratio", "wobbling.")
    joints: dict[str, JointSpec] = {}
    for name in JOINTS:
        j = _sub(f, doc["joints"], name, "joints.")
        w = f"joints.{name}."
        sites = j.get("sites")
        if not isinstance(sites, list) or not sites or not all(isinstance(s, str) for s in sites):
            raise DataFileError(f, f"{w}sites", f"expected a list of site ids, got {sites!r}")
        leg = name != "sacroiliac"
        joints[name] = JointSpec(
            name=name,
            sites=tuple(sites),
            compliance_share=_num(f, j, "compliance_share", w, hi=1.0) if leg else 0.0,
            stiffness_ratio=0.0 if leg else _num(f, j, "stiffness_ratio", w),
            damping_ratio=_num(f, j, "damping_ratio", w),
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
            {k: _num(f, frac, k, "wobbling.fraction.", hi=0.95) for k in _WOBBLERS}),
        wobble_hz=MappingProxyType(
            {k: _num(f, hz, k, "wobbling.frequency_hz.") for k in _WOBBLERS}),
        wobble_zeta=MappingProxyType(
            {k: _num(f, zeta, k, "wobbling.damping_ratio.") for k in _WOBBLERS}),
        joints=MappingProxyType(joints),
        calibration=MappingProxyType({
            "body_mass_kg": _num(f, cal, "body_mass_kg", "calibration."),
            "sex": str(cal.get("sex", "male")),
            "touchdown_velocity_m_s": _num(f, cal, "touchdown_velocity_m_s", "calibration."),
            "vertical_stiffness_n_per_m_per_kg": _num(
                f, cal, "vertical_stiffness_n_per_m_per_kg", "calibration."),
        }),
        damping_loss=_num(f, de, "damping_loss", "deficit.", hi=1.0, strict=False),
        stiffening=_num(f, de, "stiffening", "deficit.", strict=False),
        hip_takeover=_num(f, de, "hip_takeover", "deficit.", strict=False),
        knee_guarding=_num(f, de, "knee_guarding", "deficit.", strict=False),
        role_tolerance=MappingProxyType(
            {r: _num(f, tol, r, "capacity.role_tolerance.") for r in ("mobility", "stability")}),
        roles=MappingProxyType({k: str(roles[k]) for k in JOINTS}),
        life_stage=MappingProxyType(
            {s: _num(f, life, s, "capacity.life_stage.", hi=1.0)
             for s in ("pregnant", "postpartum")}),
        demand_weight=MappingProxyType(
            {k: _num(f, weight, k, "demand.weight.", hi=1.0, strict=False)
             for k in ("energy_absorbed_j", "peak_force_n", "loading_rate_bw_s")}),
        knee_load_per_mm=_num(f, doc["heel"], "knee_load_per_mm", "heel.", strict=False),
        velocity_exponent=_num(f, gait, "touchdown_velocity_exponent", "gait.", strict=False),
        stiffness_exponent=_num(f, gait, "stiffness_exponent", "gait.", strict=False),
        fine_s=_num(f, integ, "fine_ms", "integrator.") / 1e3,
        dt_fine_s=_num(f, integ, "dt_fine_ms", "integrator.") / 1e3,
        dt_coarse_s=_num(f, integ, "dt_coarse_ms", "integrator.") / 1e3,
        record_s=_num(f, integ, "record_ms", "integrator.") / 1e3,
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
    out: dict[str, ActivitySpec] = {}
    for aid, raw in acts.items():
        w = f"activities.{aid}."
        if not isinstance(raw, dict):
            raise DataFileError(f, w.rstrip("."), f"expected a mapping, got {raw!r}")
        contra = raw.get("contralateral")
        share, release = 0.0, 1.0
        if contra is not None:
            if not isinstance(contra, dict):
                raise DataFileError(f, f"{w}contralateral",
                                    f"expected a mapping or null, got {contra!r}")
            share = _num(f, contra, "share", f"{w}contralateral.", hi=1.0, strict=False)
            release = _num(f, contra, "release_ms", f"{w}contralateral.")
        spec = ActivitySpec(
            id=str(aid), label=str(raw.get("label", aid)),
            foot_touchdown_m_s=_num(f, raw, "foot_touchdown_m_s", w, hi=10.0, strict=False),
            body_touchdown_m_s=_num(f, raw, "body_touchdown_m_s", w, hi=10.0, strict=False),
            vertical_stiffness_n_per_m_per_kg=_num(f, raw, "vertical_stiffness_n_per_m_per_kg", w),
            contact_time_ms=_num(f, raw, "contact_time_ms", w),
            window_ms=_num(f, raw, "window_ms", w, hi=2000.0),
            impact_window_ms=_num(f, raw, "impact_window_ms", w),
            contralateral_share=share, contralateral_release_ms=release,
            cite=_cite(f, raw, w), note=str(raw.get("note", "")),
            window_covers=_text(f, raw, "window_covers", w),
        )  # fmt: skip
        if spec.window_ms > spec.contact_time_ms:
            raise DataFileError(f, f"{w}window_ms", f"{spec.window_ms} exceeds contact_time_ms")
        out[spec.id] = spec
    return MappingProxyType(out)


def activity_spec(activity: str, /) -> ActivitySpec:
    """One activity by id; an unknown id is a :class:`SimulationError` listing the ids.

    >>> activity_spec("jog").contact_time_ms
    250.0
    """
    acts = _activities()
    if activity not in acts:
        raise SimulationError(f"activity: expected one of {sorted(acts)}, received {activity!r}")
    return acts[activity]


class _Ids(Sequence[str]):
    def __getitem__(self, i: Any) -> Any:
        return tuple(_activities())[i]

    def __len__(self) -> int:
        return len(_activities())


#: The activity ids, in file order (loaded on first use: no I/O on import).
ACTIVITIES: Sequence[str] = _Ids()
