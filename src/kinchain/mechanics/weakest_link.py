"""The next weakest link: the joint above an injured one whose added demand is largest for
its capacity.

Added demand of a joint = the larger of the relative rise of its energy absorbed and of its
peak force, against the same client with no injuries (0 when both fall). Its tolerance = the
tolerance of its role (stability joints tolerate less added motion), lowered by its own
stability deficit and, for the sacroiliac/lumbar element, by pregnancy or the months after
birth. ``margin = 1 − added / tolerance``: below 0 the joint is asked for more than it
tolerates. Every constant is in the ``capacity`` section of ``chain_params.yaml`` (expert
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

__all__ = ["WeakestLink", "added_demand", "find_weakest_link", "joint_roles", "tolerance"]


@dataclass(frozen=True)
class WeakestLink:
    """The joint most over (or nearest to) its capacity above an injured joint."""

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


def added_demand(client: tuple[float, float], baseline: tuple[float, float], /) -> float:
    """max(relative rise in energy absorbed, relative rise in peak force), floored at 0.

    Pairs are (energy absorbed J, peak force N).

    >>> added_demand((12.0, 1100.0), (10.0, 1000.0))
    0.2
    >>> added_demand((9.0, 900.0), (10.0, 1000.0))
    0.0
    """
    rises = [(c - b) / b for c, b in zip(client, baseline, strict=True) if b > 0]
    return round(max([0.0, *rises]), 12)


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
    /,
    *,
    side: str,
    life_stage: str = "none",
) -> WeakestLink | None:
    """Pick the weakest link from per-joint (client, baseline) energies and forces.

    ``deficits``, ``energy`` and ``force`` follow :data:`JOINTS`. None when no joint has a
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
        added = added_demand((energy[j][0], force[j][0]), (energy[j][1], force[j][1]))
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
             f"injuries; peak force {force[j][0]:.0f} N vs {force[j][1]:.0f} N",
             "added demand = largest relative rise of energy absorbed or peak force",
             round(added, 4), c.cite["joints"]),
        Step(f"{name}: role {roles[name][0]}, own deficit {deficits[j]:.2f}, life stage "
             f"{life_stage}", "tolerance = role tolerance × (1 − deficit) × life-stage factor",
             round(tol, 4), tuple(dict.fromkeys(roles[name][1] + cap_cite)),
             note="expert opinion and coaching heuristics; not a measured threshold"),
        Step(f"{name}: added demand {added:.3f} against tolerance {tol:.3f}",
             "margin = 1 − added / tolerance; the lowest margin above the injury is the next "
             "weakest link", round(1.0 - ratio, 4), cap_cite,
             note="a hypothesis for a coach to test, not a diagnosis"),
    )
    return WeakestLink(name, joint_side, 1.0 - ratio, trail)
