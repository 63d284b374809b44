"""The next weakest link: the joint above an injured one whose added demand is largest for
its capacity.

Added demand of a joint = the largest relative rise of its energy absorbed, its peak force and
its loading rate (each × its weight in ``demand.weight``), against the same client
with no injuries (0 when all fall). The loading rate is the model's measure of the "energy wave"
of the article: an impact passed up sharper when a joint below no longer absorbs it; it is the
ground-force figure that differs in runners with stress fractures where the force's size does
not (Zadpoor & Nikooyan 2011). Its tolerance = the
tolerance of its role (stability joints tolerate less added motion), lowered by its own
stability deficit and, for the sacroiliac/lumbar element, by pregnancy or the months after
birth. ``margin = 1 − added / tolerance``: below 0 the joint is asked for more than it
tolerates. Every constant is in the ``capacity`` and ``demand`` sections of
``chain_params.yaml`` (expert
opinion and heuristics, labelled so); this is a hypothesis generator for a coach, not a
diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from kinchain.body import default_body
from kinchain.mechanics.chain import JOINTS, chain_constants
from kinchain.trail import Step

__all__ = [
    "DEMAND_FIGURES",
    "LinkMargin",
    "added_demand",
    "demand_driver",
    "demand_rises",
    "find_weakest_link",
    "joint_roles",
    "tolerance",
]

#: The figures added demand compares, in the order of its tuples (names of
#: :data:`kinchain.mechanics.client.FIGURES`).
DEMAND_FIGURES: tuple[str, str, str] = ("energy_absorbed_j", "peak_force_n", "loading_rate_bw_s")
_WORDS = {"energy_absorbed_j": "energy absorbed", "peak_force_n": "peak force",
          "loading_rate_bw_s": "loading rate"}


@dataclass(frozen=True)
class LinkMargin:
    """The joint most over (or nearest to) its capacity above an injured joint: the chain's
    answer, which the assessment's ``WeakestLink`` pairs with the injury it comes from (the one
    weakest-link type outside the mechanics)."""

    site: str
    side: str | None
    margin: float
    trail: tuple[Step, ...]

    def to_json(self) -> dict[str, object]:
        """Plain JSON form."""
        return {"site": self.site, "side": self.side, "margin": round(self.margin, 3),
                "trail": [s.to_json() for s in self.trail]}


@cache
def joint_roles() -> Mapping[str, tuple[str, tuple[str, ...]]]:
    """Each chain joint's role and its citation keys: from the body web's site (its first
    site id), else from ``capacity.roles`` in ``chain_params.yaml``.

    >>> joint_roles()["knee"][0]
    'stability'
    """
    c = chain_constants()
    body = default_body()
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name in JOINTS:
        role = body.site(c.joints[name].sites[0]).role
        if role is not None and role.value in c.role_tolerance:
            out[name] = (role.value, tuple(role.cite))
        else:
            out[name] = (c.roles[name], c.cite["capacity"])
    return out


def demand_rises(client: tuple[float, float, float], baseline: tuple[float, float, float], /
                 ) -> tuple[float, float, float]:
    """Each figure's relative rise against the baseline, × its weight (``demand.weight`` in
    ``chain_params.yaml``).

    Triples follow :data:`DEMAND_FIGURES` (energy absorbed J, peak force N, loading rate
    BW/s); a figure whose baseline is 0 rises by 0.

    >>> demand_rises((12.0, 1100.0, 9.0), (10.0, 1000.0, 7.5))  # loading rate +20% × 0.34
    (0.2, 0.1, 0.068)
    """
    w = chain_constants().demand_weight
    return tuple(  # type: ignore[return-value]
        round(w[name] * (c - b) / b, 12) if b > 0 else 0.0
        for name, c, b in zip(DEMAND_FIGURES, client, baseline, strict=True)
    )


def added_demand(client: tuple[float, float, float], baseline: tuple[float, float, float], /
                 ) -> float:
    """The largest weighted relative rise of energy absorbed, peak force and loading rate,
    floored at 0 (triples as in :func:`demand_rises`).

    >>> added_demand((12.0, 1100.0, 7.5), (10.0, 1000.0, 7.5))
    0.2
    >>> added_demand((2.9, 560.0, 9.0), (3.0, 579.0, 7.5))  # a sharper impact, no more force
    0.068
    >>> added_demand((9.0, 900.0, 7.0), (10.0, 1000.0, 7.5))
    0.0
    """
    return max(0.0, *demand_rises(client, baseline))


def demand_driver(client: tuple[float, float, float], baseline: tuple[float, float, float], /
                  ) -> str | None:
    """Which figure sets the added demand, in words; None when nothing rises.

    >>> demand_driver((2.9, 560.0, 9.3), (3.0, 579.0, 7.5))
    'loading rate'
    """
    rises = demand_rises(client, baseline)
    top = max(range(len(rises)), key=lambda i: rises[i])
    return _WORDS[DEMAND_FIGURES[top]] if rises[top] > 0 else None


def tolerance(joint: str, deficit: float, /, *, life_stage: str = "none") -> float:
    """How much added demand a joint tolerates (fraction of its own baseline).

    >>> round(tolerance("hip", 0.0), 3), round(tolerance("knee", 0.5), 3)
    (0.3, 0.075)
    >>> round(tolerance("sacroiliac", 0.0, life_stage="postpartum"), 4)
    0.1125
    """
    c = chain_constants()
    tol = c.role_tolerance[joint_roles()[joint][0]] * (1.0 - min(max(deficit, 0.0), 1.0))
    if joint == "sacroiliac" and life_stage in c.life_stage:
        tol *= c.life_stage[life_stage]
    return tol


def find_weakest_link(
    deficits: Sequence[float],
    energy: Sequence[tuple[float, float]],
    force: Sequence[tuple[float, float]],
    rate: Sequence[tuple[float, float]],
    /,
    *,
    side: str,
    life_stage: str = "none",
) -> LinkMargin | None:
    """Pick the weakest link from per-joint (client, baseline) energies absorbed (J), peak
    forces (N) and loading rates (BW/s).

    ``deficits``, ``energy``, ``force`` and ``rate`` follow :data:`JOINTS`. None when no joint has a
    deficit (nothing injured: nothing leaks).
    """
    c = chain_constants()
    roles = joint_roles()
    injured = [i for i, d in enumerate(deficits) if d > 0.0]
    if not injured:
        return None
    lowest = min(injured)
    best: tuple[float, int, float, float] | None = None
    for j in range(lowest + 1, len(JOINTS)):
        added = added_demand(_client(energy, force, rate, j), _base(energy, force, rate, j))
        tol = tolerance(JOINTS[j], deficits[j], life_stage=life_stage)
        ratio = added / tol if tol > 0 else float("inf")
        if best is None or ratio > best[0]:
            best = (ratio, j, added, tol)
    if best is None:  # the injured joint is the top of the chain
        return None
    ratio, j, added, tol = best
    name = JOINTS[j]
    joint_side = side
    cap_cite = c.cite["capacity"]
    trail = (
        Step(f"injured {JOINTS[lowest]} ({side}), stability deficit {deficits[lowest]:.2f}",
             "joints above an injured joint are the candidates", JOINTS[lowest],
             c.cite["deficit"]),
        Step(f"{name}: energy absorbed {energy[j][0]:.1f} J vs {energy[j][1]:.1f} J without "
             f"injuries; peak force {force[j][0]:.0f} N vs {force[j][1]:.0f} N; loading rate "
             f"{rate[j][0]:.1f} vs {rate[j][1]:.1f} BW/s",
             "added demand = largest relative rise of energy absorbed, peak force or loading "
             f"rate ({_weights()})", round(added, 4),
             tuple(dict.fromkeys(c.cite["joints"] + c.cite["demand"])),
             note=_driver_note(_client(energy, force, rate, j), _base(energy, force, rate, j))),
        Step(f"{name}: role {roles[name][0]}, own deficit {deficits[j]:.2f}, life stage "
             f"{life_stage}", "tolerance = role tolerance × (1 − deficit) × life-stage factor",
             round(tol, 4), tuple(dict.fromkeys(roles[name][1] + cap_cite)),
             note="expert opinion and coaching heuristics; not a measured threshold"),
        Step(f"{name}: added demand {added:.3f} against tolerance {tol:.3f}",
             "margin = 1 − added / tolerance; the lowest margin above the injury is the next "
             "weakest link", round(1.0 - ratio, 4), cap_cite,
             note="a hypothesis for a coach to test, not a diagnosis"),
    )
    return LinkMargin(name, joint_side, 1.0 - ratio, trail)


def _client(energy: Sequence[tuple[float, float]], force: Sequence[tuple[float, float]],
            rate: Sequence[tuple[float, float]], j: int) -> tuple[float, float, float]:
    return energy[j][0], force[j][0], rate[j][0]


def _base(energy: Sequence[tuple[float, float]], force: Sequence[tuple[float, float]],
          rate: Sequence[tuple[float, float]], j: int) -> tuple[float, float, float]:
    return energy[j][1], force[j][1], rate[j][1]


def _weights() -> str:
    w = chain_constants().demand_weight
    return "weights " + ", ".join(f"{_WORDS[k]} {w[k]:g}" for k in DEMAND_FIGURES)


def _driver_note(client: tuple[float, float, float], baseline: tuple[float, float, float]) -> str:
    driver = demand_driver(client, baseline)
    if driver == "loading rate":
        return ("set by the loading rate: the impact reaches this joint sooner and sharper, "
                "not with more force or energy (the model's 'energy wave'; a hypothesis)")
    return f"set by the {driver}" if driver else "nothing rises: no added demand"
