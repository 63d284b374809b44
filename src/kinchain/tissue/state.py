"""The whole tissue state of one client on one day: :func:`tissue_state`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kinchain.body import Side, SiteRef, default_body
from kinchain.intake import Intake, injuries_by_ref
from kinchain.tissue.constants import HealingModel
from kinchain.tissue.injury import InjuryState, injury_state
from kinchain.tissue.joint import JointState, joint_states
from kinchain.tissue.life_stage import LifeStageRisk, life_stage_risk
from kinchain.tissue.loader import default_healing

__all__ = ["TissueState", "tissue_state"]


@dataclass(frozen=True)
class TissueState:
    """Every old injury as it stands on ``as_of``, each joint's deficit, and the life stage."""

    as_of: dt.date
    injuries: tuple[InjuryState, ...]
    joints: tuple[JointState, ...]
    life_stage: LifeStageRisk | None

    def joint(self, site: str, side: Side | None = None) -> JointState:
        """The state of one joint; deficit 0 and an empty trail when it has no history."""
        for j in self.joints:
            if j.site == site and j.side == side:
                return j
        return JointState(site=site, side=side)

    def deficits(self) -> dict[SiteRef, float]:
        """Stability deficit per joint and side, for the joints with a history."""
        return {SiteRef(j.site, j.side): j.stability_deficit for j in self.joints}

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {
            "as_of": self.as_of.isoformat(),
            "injuries": [s.to_json() for s in self.injuries],
            "joints": [j.to_json() for j in self.joints],
            "life_stage": self.life_stage.to_json() if self.life_stage else None,
        }


def tissue_state(
    intake: Intake, /, *, as_of: dt.date, model: HealingModel | None = None
) -> TissueState:
    """What the client's history means for each tissue and joint on ``as_of`` (pure).

    Injuries dated after ``as_of`` had not yet happened and are left out. ``model`` defaults to
    the bundled constants (``healing.yaml``).
    """
    m = model if model is not None else default_healing()
    tissues = default_body().tissues
    states = tuple(
        s
        for ref, injury in injuries_by_ref(intake).items()
        if (s := injury_state(injury, ref=ref, as_of=as_of, model=m, body_tissues=tissues))
        is not None
    )
    return TissueState(
        as_of=as_of,
        injuries=states,
        joints=joint_states(intake, states, model=m),
        life_stage=life_stage_risk(intake, as_of=as_of, model=m),
    )
