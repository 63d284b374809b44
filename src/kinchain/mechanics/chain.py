"""The kinetic chain for one stance leg: constants, scenarios and the batch run.

A :class:`ChainScenario` (who, which activity, which shoe, which deficits, which gait change)
becomes one parameter row (:func:`scenario_row`); :func:`run_chain` integrates a batch of rows
with the compiled kernel (or the NumPy reference) and returns the summaries. Axis convention:
axis 0 = scenario, axis 1 = time, axis 2 = element (``JOINTS`` or the kernel's outputs).

The constants live in ``chain_params.yaml`` and ``activities.yaml`` (grammar at their tops).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import numpy as np
import yaml

from kinchain.errors import DataFileError, SimulationError
from kinchain.mechanics import _chain_kernel as K

__all__ = [
    "ACTIVITIES",
    "JOINTS",
    "ActivitySpec",
    "ChainConstants",
    "ChainScenario",
    "ContactSpec",
    "activity_spec",
    "chain_constants",
    "run_chain",
    "scenario_row",
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
    for sec in ("segments", "wobbling", "joints", "calibration", "deficit", "capacity", "heel",
                "gait", "integrator"):
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


# ------------------------------------------------------------------------------ scenarios ---
@dataclass(frozen=True)
class ContactSpec:
    """Foot-ground contact: the heel-pad law and an optional midsole (SI; from footwear)."""

    heel_a: float  # N/m^b (area factor folded in)
    heel_b: float
    heel_c: float  # N·s/m^(d+1)
    heel_d: float
    shoe_mass_kg: float = 0.0
    midsole_k6_n_per_m: float = 0.0  # 0: no midsole (barefoot)
    midsole_b6: float = 1.0
    midsole_c6_n_s_per_m: float = 0.0
    midsole_r0_m: float = 0.04
    heel_elevation_mm: float = 0.0


@dataclass(frozen=True)
class ChainScenario:
    """One simulation's inputs (a parameter object only: results are separate).

    ``deficits`` holds the stability deficit (0..1) of each element of :data:`JOINTS`.
    """

    body_mass_kg: float
    sex: str
    activity: ActivitySpec
    contact: ContactSpec
    deficits: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    step_rate_pct: float = 0.0
    stride_length_pct: float = 0.0
    touchdown_velocity_m_s: tuple[float, float] | None = field(default=None)  # (foot, body)


def _check(name: str, value: float, *, lo: float, hi: float, strict_lo: bool = True) -> float:
    v = float(value)
    bad = not math.isfinite(v) or (v <= lo if strict_lo else v < lo) or v > hi
    if bad:
        rel = ">" if strict_lo else ">="
        raise SimulationError(f"{name}: expected a finite number {rel} {lo} and <= {hi}, "
                              f"received {value!r}")
    return v


def gait_factors(step_rate_pct: float, stride_length_pct: float) -> tuple[float, float]:
    """(step-rate factor, step-length factor); speed held constant unless both are given.

    >>> [round(v, 4) for v in gait_factors(10.0, 0.0)]
    [1.1, 0.9091]
    >>> [round(v, 4) for v in gait_factors(0.0, -10.0)]
    [1.1111, 0.9]
    """
    r = _check("step_rate_pct", step_rate_pct, lo=-50.0, hi=100.0) / 100.0
    s = _check("stride_length_pct", stride_length_pct, lo=-50.0, hi=100.0) / 100.0
    rate = 1.0 + r if r != 0.0 else 1.0 / (1.0 + s)
    length = 1.0 + s if s != 0.0 else 1.0 / (1.0 + r)
    return rate, length


def body_masses(body_mass_kg: float, sex: str, shoe_mass_kg: float) -> np.ndarray:
    """The eight chain masses (kg): foot+shoe, shank rigid/wobbling, thigh rigid/wobbling,
    pelvis with the swing leg, trunk rigid/wobbling (head and arms ride on the trunk).

    >>> round(float(body_masses(70.0, "male", 0.0).sum()), 6)
    70.0
    """
    c = chain_constants()
    m = _check("mass_kg", body_mass_kg, lo=0.0, hi=500.0)
    _check("shoe_mass_kg", shoe_mass_kg, lo=0.0, hi=5.0, strict_lo=False)
    if sex in c.percent:
        pct = dict(c.percent[sex])
    else:
        pct = {k: 0.5 * (c.percent["female"][k] + c.percent["male"][k]) for k in _SEGMENT_KEYS}
    frac = {k: v / 100.0 for k, v in pct.items()}
    norm = (sum(frac.values()) + frac["upper_arm"] + frac["forearm"] + frac["hand"]
            + frac["thigh"] + frac["shank"] + frac["foot"])
    frac = {k: v / norm for k, v in frac.items()}  # the tables sum to 100% within rounding
    foot = frac["foot"] * m + shoe_mass_kg
    shank = frac["shank"] * m
    thigh = frac["thigh"] * m
    pelvis = (frac["lower_trunk"] + frac["thigh"] + frac["shank"] + frac["foot"]) * m + shoe_mass_kg
    trunk = (frac["upper_trunk"] + frac["middle_trunk"] + frac["head_neck"]
             + 2.0 * (frac["upper_arm"] + frac["forearm"] + frac["hand"])) * m
    w = c.wobble_fraction
    return np.array([
        foot, shank * (1 - w["shank"]), shank * w["shank"], thigh * (1 - w["thigh"]),
        thigh * w["thigh"], pelvis, trunk * (1 - w["trunk"]), trunk * w["trunk"],
    ])  # fmt: skip


def scenario_row(scn: ChainScenario, /) -> np.ndarray:
    """One kernel parameter row (columns ``_chain_kernel.PARAM_NAMES``); checks every input."""
    c = chain_constants()
    act = scn.activity
    ct = scn.contact
    d = tuple(_check(f"deficits[{JOINTS[i]}]", v, lo=0.0, hi=1.0, strict_lo=False)
              for i, v in enumerate(scn.deficits))
    rate, length = gait_factors(scn.step_rate_pct, scn.stride_length_pct)
    m = body_masses(scn.body_mass_kg, scn.sex, ct.shoe_mass_kg)
    g = 9.81
    p = np.zeros(K.N_PARAMS)
    p[K.M0 : K.M0 + K.N_MASSES] = m
    k_leg = act.vertical_stiffness_n_per_m_per_kg * float(scn.body_mass_kg)
    k_leg *= rate**c.stiffness_exponent
    above = (m.sum() - m[0], m[3:].sum(), m[5:].sum(), m[6:].sum())
    ks, cs = [], []
    for i, name in enumerate(JOINTS):
        spec = c.joints[name]
        share = spec.compliance_share
        k = k_leg / share if share > 0 else k_leg * spec.stiffness_ratio
        cc = 2.0 * spec.damping_ratio * math.sqrt(k * above[i])
        k *= 1.0 + c.stiffening * d[i]
        cc *= 1.0 - c.damping_loss * d[i]
        ks.append(k)
        cs.append(cc)
    ks[1] *= 1.0 + c.knee_guarding * d[0]  # CAI: less knee flexion at landing
    takeover = 1.0 + c.hip_takeover * max(d[0], d[1])  # the hip yields and damps more
    ks[2] /= takeover
    cs[2] *= takeover
    for name, mw in zip(_WOBBLERS, (m[2], m[4], m[7]), strict=True):
        kw = mw * (2.0 * math.pi * c.wobble_hz[name]) ** 2
        ks.append(kw)
        cs.append(2.0 * c.wobble_zeta[name] * math.sqrt(kw * mw))
    p[K.K0 : K.K0 + K.N_LINEAR] = ks
    p[K.C0 : K.C0 + K.N_LINEAR] = cs
    if scn.touchdown_velocity_m_s is not None:
        v_foot, v_body = scn.touchdown_velocity_m_s
    else:
        v_foot, v_body = act.foot_touchdown_m_s, act.body_touchdown_m_s
    scale = length**c.velocity_exponent
    v_foot = _check("foot touchdown velocity", v_foot, lo=0.0, hi=10.0, strict_lo=False) * scale
    v_body = _check("body touchdown velocity", v_body, lo=0.0, hi=10.0, strict_lo=False) * scale
    p[K.V0 : K.V0 + K.N_MASSES] = (v_foot, v_foot, v_foot, 0.5 * (v_foot + v_body),
                                   0.5 * (v_foot + v_body), v_body, v_body, v_body)
    p[K.G] = g
    p[K.HA], p[K.HB], p[K.HC], p[K.HD] = ct.heel_a, ct.heel_b, ct.heel_c, ct.heel_d
    if ct.midsole_k6_n_per_m > 0:
        p[K.MID] = 1.0
        p[K.K6], p[K.B6] = ct.midsole_k6_n_per_m, ct.midsole_b6
        p[K.C6], p[K.R0] = ct.midsole_c6_n_s_per_m, ct.midsole_r0_m
        if not ct.midsole_c6_n_s_per_m > 0:
            raise SimulationError(f"midsole c6: expected > 0, received {ct.midsole_c6_n_s_per_m}")
    if act.contralateral_share > 0:
        trunk = m[6] + m[7]
        p[K.CONTRA] = act.contralateral_share * (m[5] + trunk) * g
        p[K.RELEASE] = act.contralateral_release_ms / 1e3
        p[K.P0 + 3] = act.contralateral_share * trunk * g / ks[3]
        p[K.P0 + 6] = act.contralateral_share * m[7] * g / ks[6]
    p[K.WINDOW] = act.impact_window_ms / 1e3
    if not np.all(np.isfinite(p)):
        raise SimulationError("chain parameters: a value is not finite")
    return p


#: coarse step sizes tried, largest first (each divides the 1 ms recording interval)
_DT_CHOICES_S = (5e-4, 2.5e-4, 2e-4, 1.25e-4, 1e-4)


def stable_step_s(row: np.ndarray, /) -> float:
    """The largest coarse RK4 step (s) that keeps the row's fastest modes stable and accurate.

    Each element's damping rate c·(1/m_lo + 1/m_up) must stay under 2/dt and its frequency
    sqrt(k·(1/m_lo + 1/m_up)) under 1/dt; the heel pad is taken at five body weights.
    """
    m = row[K.M0 : K.M0 + K.N_MASSES]
    rate, omega2 = 0.0, 0.0
    for e in range(K.N_LINEAR):
        inv = 1.0 / m[K.ELEMENT_LO[e]] + 1.0 / m[K.ELEMENT_UP[e]]
        rate = max(rate, row[K.C0 + e] * inv)
        omega2 = max(omega2, row[K.K0 + e] * inv)
    force = 5.0 * m.sum() * row[K.G]
    x = (force / row[K.HA]) ** (1.0 / row[K.HB])
    rate = max(rate, row[K.HC] * x ** row[K.HD] / m[0])
    omega2 = max(omega2, row[K.HB] * force / x / m[0])
    limit = min(2.0 / rate, 1.0 / math.sqrt(omega2))
    for dt in _DT_CHOICES_S:
        if dt <= limit:
            return dt
    raise SimulationError(
        f"chain parameters: too stiff for the integrator (needs a step under {limit:.2e} s)")


def schedule(rows: np.ndarray, window_s: np.ndarray, /) -> tuple[np.ndarray, np.ndarray]:
    """Per row: (coarse step count, coarse step size) after the fine impact phase."""
    c = chain_constants()
    dt = np.array([min(c.dt_coarse_s, stable_step_s(r)) for r in rows])
    n = np.maximum(np.round((np.asarray(window_s) - c.fine_s) / dt), 0).astype(np.int64)
    return n, dt


def run_chain(
    rows: np.ndarray,
    window_s: np.ndarray,
    /,
    *,
    backend: str = "numba",
    record: bool = False,
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Integrate a batch over each row's window (s): (summaries (scenario, OUT), series
    (scenario, time, 5) or None, time_ms or None). ``backend``: ``numba`` or ``numpy``
    (the reference; summaries only)."""
    c = chain_constants()
    n_fine = round(c.fine_s / c.dt_fine_s)
    rows = np.atleast_2d(np.asarray(rows, dtype=np.float64))
    n_coarse, dt_coarse = schedule(rows, window_s)
    if backend == "numpy":
        if record:
            raise SimulationError("backend: the NumPy reference records no series; use numba")
        out = K.numpy_batch(rows, n_fine=n_fine, dt_fine=c.dt_fine_s, n_coarse=n_coarse,
                            dt_coarse=dt_coarse)
        series = None
    elif backend == "numba":
        out, series = K.numba_batch(rows, n_fine=n_fine, dt_fine=c.dt_fine_s, n_coarse=n_coarse,
                                    dt_coarse=dt_coarse, record_s=c.record_s if record else None)
    else:
        raise SimulationError(f"backend: expected 'numba' or 'numpy', received {backend!r}")
    if not np.all(np.isfinite(out)) or (series is not None and not np.all(np.isfinite(series))):
        raise SimulationError("chain simulation: the integration diverged (non-finite result)")
    time_ms = None
    if series is not None:
        time_ms = np.arange(series.shape[1]) * c.record_s * 1e3
    return out, series, time_ms
