"""The chain for one client: one scenario with its no-injury baseline, or a whole what-if batch.

``deficits`` is a plain mapping ``(site, side) -> stability deficit (0..1)`` (a
``kinchain.body.SiteRef`` is such a tuple; spine sites use side ``None``), as
``kinchain.tissue.TissueState.deficits()`` returns it. Per joint figures follow :data:`FIGURES`;
per-joint arrays use axis 2 (or the last axis) = :data:`~kinchain.mechanics.chain.JOINTS`.

Every per-joint figure and series means one thing: the force transmitted through that joint of
the stance leg, in newtons, positive = compression, never negative (the chain's joints push and
never pull, :mod:`kinchain.mechanics._chain_kernel`). ``peak_force_n`` is that series' peak,
``loading_rate_bw_s`` its average rise from touchdown to the peak, ``energy_absorbed_j`` the work
it does while the joint compresses. The series cover the activity's ``window_ms`` from touchdown
(walking: heel strike to the end of loading response, not push-off); ``to_json`` says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kinchain.errors import SimulationError, one_of
from kinchain.intake.model import Footwear, Intake
from kinchain.mechanics import _chain_kernel as K
from kinchain.mechanics.chain import (
    JOINTS,
    ActivitySpec,
    ChainScenario,
    activity_spec,
    chain_constants,
    run_chain,
    scenario_row,
)
from kinchain.mechanics.client_choice import activity_choice, shoe_for_activity
from kinchain.mechanics.footwear import GENERIC_SHOE, ShoeChoice, barefoot, footwear_contact
from kinchain.mechanics.weakest_link import LinkMargin, find_weakest_link
from kinchain.trail import Step

__all__ = [
    "FIGURES",
    "MODEL_NOTE",
    "ClientSimulation",
    "JointResult",
    "element_deficits",
    "pick_shoe",
    "simulate_client",
    "window_note",
]

#: The five figures per joint, in this order on the last axis of figure arrays.
FIGURES: tuple[str, ...] = ("peak_force_n", "peak_force_bw", "loading_rate_bw_s",
                            "energy_absorbed_j", "energy_passed_j")  # fmt: skip
#: absorbed-energy outputs above each joint (joints and soft tissue above it)
#: what the model is and is not, said beside every simulation's figures
MODEL_NOTE = (
    "A lumped vertical model of one stance: it supports a coach's reasoning; "
    "the leak to the next weakest link is a hypothesis, not a diagnosis."
)
_ABOVE: tuple[tuple[int, ...], ...] = ((1, 2, 3, 4, 5, 6), (2, 3, 5, 6), (3, 6), (6,))
_SIDES = ("left", "right")


def element_deficits(deficits: Mapping[Any, float], side: str, /) -> tuple[float, ...]:
    """Each chain element's deficit on one side: the largest over the element's sites.

    >>> element_deficits({("knee", "left"): 0.4, ("lumbar_spine", None): 0.2}, "left")
    (0.0, 0.4, 0.0, 0.2)
    """
    c = chain_constants()
    out = []
    for name in JOINTS:
        vals = [0.0]
        for site in c.joints[name].sites:
            for key in ((site, side), (site, None), (site, "both")):
                if key in deficits:
                    v = float(deficits[key])
                    if not 0.0 <= v <= 1.0:  # also refuses NaN
                        raise SimulationError(f"deficits[{key[0]}, {key[1]}]: expected 0..1, "
                                              f"received {deficits[key]!r}")
                    vals.append(v)
        out.append(max(vals))
    return tuple(out)


def pick_shoe(intake: Intake, shoe: str | Footwear | None = None, /, *,
              activity: str | None = None) -> ShoeChoice:
    """The named shoe (``barefoot`` allowed); else the pair worn for ``activity``
    (:func:`~kinchain.mechanics.client_choice.shoe_for_activity`; the pair worn most hours when
    no activity is given); else a generic trainer. An unknown name is a
    :class:`SimulationError` listing the client's shoes."""
    if isinstance(shoe, Footwear):
        return footwear_contact(shoe)
    if shoe == "barefoot":
        return barefoot()
    names = [f.name for f in intake.footwear]
    if shoe is not None:
        if shoe not in names:
            raise SimulationError(f"shoe: expected {one_of([*names, 'barefoot'])}, "
                                  f"received {shoe!r}")
        i = names.index(shoe)
        return footwear_contact(intake.footwear[i], ref=f"footwear[{i}]")
    if not intake.footwear:
        return footwear_contact(GENERIC_SHOE)
    if activity is None:
        i = max(range(len(names)), key=lambda j: intake.footwear[j].hours_per_day)
        return footwear_contact(intake.footwear[i], ref=f"footwear[{i}]")
    found = shoe_for_activity(intake, activity)
    assert found is not None  # the intake lists footwear
    choice = footwear_contact(intake.footwear[found], ref=f"footwear[{found}]")
    rule = activity_choice()
    prefs = rule.footwear_for.get(activity, ())
    why = Step(f"{activity}: worn in {names[found]} ({intake.footwear[found].kind}, "
               f"{intake.footwear[found].hours_per_day:g} h a day)",
               (f"the pair of the first kind owned among {', '.join(prefs)}, else "
                if prefs else "") + "the pair worn most hours a day",
               names[found], rule.cite, note="an assumption: the intake does not say which "
               "shoe is worn for which activity", ref=f"footwear[{found}]")
    return ShoeChoice(choice.name, choice.contact, choice.midsole, (why, *choice.trail))


def _figures(out: np.ndarray, body_weight_n: float, knee_factor: float) -> np.ndarray:
    """(scenario, joint, figure) from kernel summaries."""
    n = out.shape[0]
    fig = np.zeros((n, len(JOINTS), len(FIGURES)))
    force = out[:, K.O_FORCE : K.O_FORCE + 4].copy()
    # average loading rate: touchdown to the joint's peak
    rate = force / np.maximum(out[:, K.O_FTIME : K.O_FTIME + 4], 1e-3)
    force[:, 1] *= knee_factor
    rate[:, 1] *= knee_factor
    absorbed = out[:, K.O_ABS : K.O_ABS + 7]
    fig[:, :, 0] = force
    fig[:, :, 1] = force / body_weight_n
    fig[:, :, 2] = rate / body_weight_n
    fig[:, :, 3] = absorbed[:, :4]
    for j, above in enumerate(_ABOVE):
        fig[:, j, 4] = absorbed[:, list(above)].sum(axis=1)
    return fig


@dataclass(frozen=True)
class JointResult:
    """One joint's five figures for the client and for the same client with no injuries."""

    site: str
    side: str | None
    figures: Mapping[str, float]
    baseline: Mapping[str, float]

    @property
    def leak(self) -> dict[str, float]:
        """Client minus baseline, per figure."""
        return {k: self.figures[k] - self.baseline[k] for k in FIGURES}

    def to_json(self) -> dict[str, Any]:
        """The issue's joint object, plus ``leak``."""
        out: dict[str, Any] = {"site": self.site, "side": self.side}
        out.update({k: _r(self.figures[k]) for k in FIGURES})
        out["baseline"] = {k: _r(self.baseline[k]) for k in FIGURES}
        out["leak"] = {k: _r(v) for k, v in self.leak.items()}
        return out


def _r(v: float) -> float:
    return round(float(v), 3)


@dataclass(frozen=True)
class ClientSimulation:
    """One client, one activity, one side, one shoe: joints, weakest link, series, trail."""

    activity: str
    side: str
    shoe: str
    body_weight_n: float
    step_rate_pct: float
    stride_length_pct: float
    joints: tuple[JointResult, ...]
    weakest_link: LinkMargin | None
    time_ms: np.ndarray
    grf_n: np.ndarray
    baseline_grf_n: np.ndarray
    joint_force_n: Mapping[str, np.ndarray]
    baseline_joint_force_n: Mapping[str, np.ndarray]
    trail: tuple[Step, ...] = field(default=())

    def joint(self, site: str) -> JointResult:
        """The result for one chain joint (``ankle``, ``knee``, ``hip``, ``sacroiliac``)."""
        for j in self.joints:
            if j.site == site:
                return j
        raise SimulationError(f"joint: expected one of {list(JOINTS)}, received {site!r}")

    def to_json(self) -> dict[str, Any]:
        """``joints`` and ``weakest_link`` as issue #4 fixes them, plus the extras."""
        act = activity_spec(self.activity)
        return {
            "joints": [j.to_json() for j in self.joints],
            "weakest_link": None if self.weakest_link is None else self.weakest_link.to_json(),
            "activity": self.activity,
            "side": self.side,
            "shoe": self.shoe,
            "body_weight_n": _r(self.body_weight_n),
            "step_rate_pct": self.step_rate_pct,
            "stride_length_pct": self.stride_length_pct,
            "series": {
                "time_ms": [_r(t) for t in self.time_ms],
                "grf_n": [_r(v) for v in self.grf_n],
                "baseline_grf_n": [_r(v) for v in self.baseline_grf_n],
                "joint_force_n": {k: [_r(v) for v in a] for k, a in self.joint_force_n.items()},
                "baseline_joint_force_n": {
                    k: [_r(v) for v in a] for k, a in self.baseline_joint_force_n.items()},
                "joint_force_means": ("force transmitted through each joint of the stance leg, "
                                      "N, compression positive"),
                "window_ms": act.window_ms,
                "contact_time_ms": act.contact_time_ms,
                "window_note": window_note(act),
            },
            "trail": [s.to_json() for s in self.trail],
            "note": MODEL_NOTE,
        }


def window_note(act: ActivitySpec, /) -> str:
    """One plain sentence: which part of the stance the simulated curves cover.

    >>> window_note(activity_spec("walk"))  # doctest: +ELLIPSIS
    'The curves cover the first 250 ms of a 620 ms stance: heel strike to the end of ...'
    """
    if act.window_ms >= act.contact_time_ms:
        return (f"The curves cover {act.window_ms:g} ms from touchdown, as long as the stance: "
                f"{act.window_covers}.")
    return (f"The curves cover the first {act.window_ms:g} ms of a {act.contact_time_ms:g} ms "
            f"stance: {act.window_covers}.")


def _check_side(side: str) -> str:
    if side not in _SIDES:
        raise SimulationError(f"side: expected 'left' or 'right', received {side!r}")
    return side


def _body(intake: Intake) -> tuple[float, str]:
    m = intake.client.mass_kg
    if not (isinstance(m, int | float) and np.isfinite(m) and m > 0):
        raise SimulationError(f"client.mass_kg: expected a number > 0, received {m!r}")
    return float(m), intake.client.sex


def knee_factor(choice: ShoeChoice, /) -> float:
    """Kerrigan's heel law: the reported knee force × (1 + per-mm gain × heel elevation)."""
    return 1.0 + chain_constants().knee_load_per_mm * choice.contact.heel_elevation_mm


def _rows(
    mass: float, sex: str, act: ActivitySpec, choice: ShoeChoice, d: tuple[float, ...],
    step_rate_pct: float, stride_length_pct: float,
) -> np.ndarray:
    """The chain's parameter rows: the client with her deficits, then the same body without."""
    scn = ChainScenario(mass, sex, act, choice.contact, d, step_rate_pct, stride_length_pct)  # type: ignore[arg-type]
    base = ChainScenario(mass, sex, act, choice.contact, (0.0, 0.0, 0.0, 0.0), step_rate_pct,
                         stride_length_pct)
    return np.stack([scenario_row(scn), scenario_row(base)])


def _joint_results(fig: np.ndarray, side: str) -> tuple[JointResult, ...]:
    return tuple(
        JointResult(name, side, dict(zip(FIGURES, map(float, fig[0, j]), strict=True)),
                    dict(zip(FIGURES, map(float, fig[1, j]), strict=True)))
        for j, name in enumerate(JOINTS)
    )  # fmt: skip


def _weakest_link(
    d: tuple[float, ...], fig: np.ndarray, side: str, intake: Intake
) -> LinkMargin | None:
    """The weakest link from each joint's figures, client against baseline."""
    return find_weakest_link(
        d, [(fig[0, j, 3], fig[1, j, 3]) for j in range(4)],
        [(fig[0, j, 0], fig[1, j, 0]) for j in range(4)],
        [(fig[0, j, 2], fig[1, j, 2]) for j in range(4)],
        side=side, life_stage=intake.client.life_stage.status,
    )  # fmt: skip


def _trail(
    mass: float, sex: str, act: ActivitySpec, choice: ShoeChoice, kf: float,
    d: tuple[float, ...], side: str, step_rate_pct: float, stride_length_pct: float,
) -> tuple[Step, ...]:
    """How the client became a chain: her mass, the activity, the shoe, the heel, the gait and
    each joint's stability deficit, each with its source."""
    c = chain_constants()
    return (
        Step(f"client {mass:g} kg, {sex}", "segment masses scaled to body mass",
             round(mass, 2), c.cite["segments"], ref="client.mass_kg"),
        Step(f"activity {act.id}", f"{act.label}: touchdown {act.foot_touchdown_m_s}/"
             f"{act.body_touchdown_m_s} m/s, {act.vertical_stiffness_n_per_m_per_kg} N/m/kg",
             act.id, act.cite),
        *choice.trail,
        Step(f"heel elevation {choice.contact.heel_elevation_mm:g} mm",
             f"knee force × (1 + {c.knee_load_per_mm:g}/mm × elevation)", round(kf, 4),
             c.cite["heel"]),
        Step(f"step rate {step_rate_pct:+g}%, stride length {stride_length_pct:+g}%",
             "touchdown velocity ∝ step length; stiffness ∝ step rate²", None, c.cite["gait"]),
        *(Step(f"{JOINTS[j]} ({side}) stability deficit {d[j]:.2f}",
               f"damping × (1 − {c.damping_loss:g}·d), stiffness × (1 + {c.stiffening:g}·d)",
               d[j], c.cite["deficit"])
          for j in range(4) if d[j] > 0),
    )  # fmt: skip


def _joint_forces(series: np.ndarray, row: int, scale: np.ndarray) -> dict[str, np.ndarray]:
    """Each joint's force curve of one row (the knee's scaled for the heel)."""
    return {name: series[row, :, 1 + j] * scale[1 + j] for j, name in enumerate(JOINTS)}


def simulate_client(
    intake: Intake,
    deficits: Mapping[Any, float],
    /,
    *,
    activity: str,
    side: str,
    shoe: str | Footwear | None = None,
    step_rate_pct: float = 0.0,
    stride_length_pct: float = 0.0,
) -> ClientSimulation:
    """Run one activity on one side for a client and for the same client with no injuries.

    ``shoe`` None: the client's pair worn for this activity (:func:`pick_shoe`).

    >>> from kinchain.intake.model import Client
    >>> who = Intake(client=Client(name="A", birth_year=1990, sex="female", height_cm=165,
    ...              mass_kg=60), daily_minutes=10)
    >>> sim = simulate_client(who, {("knee", "left"): 0.5}, activity="jog", side="left")
    >>> sim.joint("knee").figures["energy_absorbed_j"] < sim.joint("knee").baseline[
    ...     "energy_absorbed_j"]
    True
    """
    mass, sex = _body(intake)
    _check_side(side)
    act = activity_spec(activity)
    choice = pick_shoe(intake, shoe, activity=act.id)
    d = element_deficits(deficits, side)
    rows = _rows(mass, sex, act, choice, d, step_rate_pct, stride_length_pct)
    out, series, time_ms = run_chain(rows, np.full(2, act.window_ms / 1e3), record=True)
    assert series is not None and time_ms is not None
    bw = mass * 9.81
    kf = knee_factor(choice)
    fig = _figures(out, bw, kf)
    scale = np.array([1.0, 1.0, kf, 1.0, 1.0])
    return ClientSimulation(
        activity=act.id, side=side, shoe=choice.name, body_weight_n=bw,
        step_rate_pct=float(step_rate_pct), stride_length_pct=float(stride_length_pct),
        joints=_joint_results(fig, side), weakest_link=_weakest_link(d, fig, side, intake),
        time_ms=time_ms, grf_n=series[0, :, 0], baseline_grf_n=series[1, :, 0],
        joint_force_n=_joint_forces(series, 0, scale),
        baseline_joint_force_n=_joint_forces(series, 1, scale),
        trail=_trail(mass, sex, act, choice, kf, d, side, step_rate_pct, stride_length_pct),
    )  # fmt: skip
