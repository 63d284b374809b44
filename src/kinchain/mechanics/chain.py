"""The kinetic chain for one stance leg: scenarios, parameter rows and the batch run.

A :class:`ChainScenario` (who, which activity, which shoe, which deficits, which gait change)
becomes one parameter row (:func:`scenario_row`); :func:`run_chain` integrates a batch of rows
with the compiled kernel (or the NumPy reference) and returns the summaries. Axis convention:
axis 0 = scenario, axis 1 = time, axis 2 = element (``JOINTS`` or the kernel's outputs).
Sign convention: a joint's force is the force transmitted through that joint of the stance
leg, positive = compression; joints push and never pull, so it is never negative (the kernel's
docstring says why), and its peaks, loading rates and energy absorbed are of that same force.

The constants live in ``chain_params.yaml`` and ``activities.yaml`` (grammar at their tops),
loaded by :mod:`kinchain.mechanics._chain_data`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from kinchain.errors import SimulationError
from kinchain.mechanics import _chain_kernel as K
from kinchain.mechanics._chain_data import (
    _SEGMENT_KEYS,
    _WOBBLERS,
    ACTIVITIES,
    JOINTS,
    ActivitySpec,
    ChainConstants,
    activity_spec,
    chain_constants,
)

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


def _springs(
    c: ChainConstants, k_leg: float, m: np.ndarray, d: tuple[float, ...]
) -> tuple[list[float], list[float]]:
    """Stiffness and damping of every linear element: the joints (from the leg's stiffness,
    each joint's share and damping ratio, then its deficit), the knee guarding an unstable
    ankle, the hip taking over, then the wobbling masses."""
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
    return ks, cs


def _touchdown(scn: ChainScenario, length: float, c: ChainConstants) -> tuple[float, ...]:
    """Each mass's touchdown velocity: the foot's and the body's (the scenario's or the
    activity's), scaled with stride length, the middle masses between them."""
    act = scn.activity
    if scn.touchdown_velocity_m_s is not None:
        v_foot, v_body = scn.touchdown_velocity_m_s
    else:
        v_foot, v_body = act.foot_touchdown_m_s, act.body_touchdown_m_s
    scale = length**c.velocity_exponent
    v_foot = _check("foot touchdown velocity", v_foot, lo=0.0, hi=10.0, strict_lo=False) * scale
    v_body = _check("body touchdown velocity", v_body, lo=0.0, hi=10.0, strict_lo=False) * scale
    return (v_foot, v_foot, v_foot, 0.5 * (v_foot + v_body),
            0.5 * (v_foot + v_body), v_body, v_body, v_body)  # fmt: skip


def _set_shoe(p: np.ndarray, ct: ContactSpec) -> None:
    """The heel's contact model, and the midsole stage when the shoe has one."""
    p[K.HA], p[K.HB], p[K.HC], p[K.HD] = ct.heel_a, ct.heel_b, ct.heel_c, ct.heel_d
    if ct.midsole_k6_n_per_m > 0:
        p[K.MID] = 1.0
        p[K.K6], p[K.B6] = ct.midsole_k6_n_per_m, ct.midsole_b6
        p[K.C6], p[K.R0] = ct.midsole_c6_n_s_per_m, ct.midsole_r0_m
        if not ct.midsole_c6_n_s_per_m > 0:
            raise SimulationError(f"midsole c6: expected > 0, received {ct.midsole_c6_n_s_per_m}")


def _set_other_leg(
    p: np.ndarray, act: ActivitySpec, m: np.ndarray, ks: list[float], g: float
) -> None:
    """The share of the upper body the other leg holds until its release, for an activity
    that has one, with the springs' matching preload."""
    if act.contralateral_share > 0:
        trunk = m[6] + m[7]
        p[K.CONTRA] = act.contralateral_share * (m[5] + trunk) * g
        p[K.RELEASE] = act.contralateral_release_ms / 1e3
        p[K.P0 + 3] = act.contralateral_share * trunk * g / ks[3]
        p[K.P0 + 6] = act.contralateral_share * m[7] * g / ks[6]


def scenario_row(scn: ChainScenario, /) -> np.ndarray:
    """One kernel parameter row (columns ``_chain_kernel.PARAM_NAMES``); checks every input."""
    c = chain_constants()
    act = scn.activity
    ct = scn.contact
    d = tuple(_check(f"deficits[{JOINTS[i]}]", v, lo=0.0, hi=1.0, strict_lo=False)
              for i, v in enumerate(scn.deficits))  # fmt: skip
    rate, length = gait_factors(scn.step_rate_pct, scn.stride_length_pct)
    m = body_masses(scn.body_mass_kg, scn.sex, ct.shoe_mass_kg)
    g = 9.81
    p = np.zeros(K.N_PARAMS)
    p[K.M0 : K.M0 + K.N_MASSES] = m
    k_leg = act.vertical_stiffness_n_per_m_per_kg * float(scn.body_mass_kg)
    k_leg *= rate**c.stiffness_exponent
    ks, cs = _springs(c, k_leg, m, d)
    p[K.K0 : K.K0 + K.N_LINEAR] = ks
    p[K.C0 : K.C0 + K.N_LINEAR] = cs
    p[K.V0 : K.V0 + K.N_MASSES] = _touchdown(scn, length, c)
    p[K.G] = g
    _set_shoe(p, ct)
    _set_other_leg(p, act, m, ks, g)
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
