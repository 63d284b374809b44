"""The tissue model: from a client's old injuries to each joint's stability today.

:func:`tissue_state` turns an :class:`~kinchain.intake.Intake` into a :class:`TissueState` for a
given day: per injury its healing phase, fraction healed, mechanical deficit and functional
instability; per joint and side a ``stability_deficit`` in 0..1; and the life-stage risk for
pelvic girdle pain. Every number carries a trail of cited steps. The constants live in
``healing.yaml``; docs/model.md explains them in plain words.
"""

from kinchain.body import SiteRef
from kinchain.tissue.constants import HealingModel
from kinchain.tissue.injury import InjuryState
from kinchain.tissue.joint import Confidence, JointState
from kinchain.tissue.life_stage import LifeStageRisk
from kinchain.tissue.loader import default_healing, load_healing
from kinchain.tissue.state import TissueState, tissue_state

__all__ = [
    "Confidence",
    "HealingModel",
    "InjuryState",
    "JointState",
    "LifeStageRisk",
    "SiteRef",
    "TissueState",
    "default_healing",
    "load_healing",
    "tissue_state",
]
