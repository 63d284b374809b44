"""Pregnancy and the year after birth as a risk factor for pelvic girdle pain, stated honestly.

The factor is the share of women in that life stage with pelvic girdle and/or low back pain
(a prevalence from a systematic review, used as a 0..1 risk weight); it is not a relative risk.
Relaxin is named only to say that its role is weakly supported: kinchain does not use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kinchain.intake import Intake, IntakeRef, injuries_by_ref
from kinchain.tissue.constants import HealingModel
from kinchain.trail import Step, Trail, steps_to_json

__all__ = ["LifeStageRisk", "life_stage_risk"]


@dataclass(frozen=True)
class LifeStageRisk:
    """The pelvic girdle pain risk a pregnancy or a recent birth carries, with its trail."""

    status: str  # "pregnant" | "postpartum"
    weeks: int | None
    factor: float  # prevalence of pelvic girdle and/or low back pain in this stage, 0..1
    trail: Trail

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return {
            "status": self.status,
            "weeks": self.weeks,
            "factor": self.factor,
            "trail": steps_to_json(self.trail),
        }


def life_stage_risk(
    intake: Intake, /, *, as_of: dt.date, model: HealingModel
) -> LifeStageRisk | None:
    """The life-stage risk on ``as_of``, or None when not pregnant and not within the window.

    ``as_of`` is accepted for symmetry with the other tissue functions: the intake's ``weeks``
    are counted on the day the intake was written.
    """
    del as_of  # weeks are as the intake states them
    stage = intake.client.life_stage
    c = model.life_stage
    ref = "client.life_stage"
    if stage.status == "pregnant":
        weeks = f", week {stage.weeks}" if stage.weeks is not None else ""
        steps = [Step(
            f"pregnant{weeks}", "pelvic girdle and/or low back pain in pregnancy (prevalence)",
            c.pregnant.value, c.pregnant.cite, c.pregnant.note, ref,
        )]
        factor = c.pregnant.value
    elif stage.status == "postpartum":
        window = c.postpartum_window_weeks
        if stage.weeks is not None and stage.weeks > window:
            return None
        known = f"{stage.weeks} weeks after birth" if stage.weeks is not None else (
            "after birth, weeks not given (taken as within the window)"
        )
        steps = [Step(
            known, f"pelvic girdle and/or low back pain after birth, kept for {window} weeks",
            c.postpartum.value, c.postpartum.cite, c.postpartum.note, ref,
        )]
        factor = c.postpartum.value
    else:
        return None

    sites = c.risk_factor_sites
    earlier: list[IntakeRef] = [r for r, i in injuries_by_ref(intake).items() if i.site in sites]
    earlier += [f"pain[{i}]" for i, pain in enumerate(intake.pain) if pain.site in sites]
    if earlier:
        steps.append(Step(
            "earlier back or pelvic trouble: " + ", ".join(str(r) for r in earlier),
            "a known risk factor for pelvic girdle pain; no size given, so the factor is unchanged",
            factor, c.risk_factor_cite, c.risk_factor_note, earlier[0],
        ))
    steps.append(Step(
        stage.status, "relaxin as the cause of pelvic girdle pain: weakly supported, not used",
        None, c.relaxin_cite, c.relaxin_note, ref,
    ))
    return LifeStageRisk(stage.status, stage.weeks, factor, tuple(steps))
