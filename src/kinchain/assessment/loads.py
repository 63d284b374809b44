"""The mechanics engine, asked the assessment's two questions.

1. How much extra load reaches a painful site when one old injury's stability deficit is in the
   chain, for the client's own activities and shoes? (the ``leak`` behind an injury contributor)
2. For each injured joint, which joint is the next weakest link, and by what margin?

Each injured joint is simulated alone (only its deficit in the chain) against the client's own
baseline (no deficits), so the number belongs to that injury. Activities are the client's
weight-bearing ones, weighted by minutes a week (walking when there are none), each in the pair
worn for it: both choices are the mechanics engine's
(:mod:`kinchain.mechanics.client_choice`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinchain.assessment.contributors import Leak
from kinchain.assessment.model import WeakestLink
from kinchain.assessment.rules import contributor_rules
from kinchain.body import SIDES, Side, SiteRef
from kinchain.intake.model import Intake
from kinchain.intake.refs import InjuryRefs, named_together
from kinchain.mechanics import ClientSimulation, LinkMargin, simulate_client
from kinchain.mechanics.chain import chain_constants
from kinchain.mechanics.client_choice import shoe_for_activity, simulated_minutes
from kinchain.mechanics.weakest_link import DEMAND_FIGURES, added_demand, demand_driver
from kinchain.tissue import TissueState
from kinchain.trail import Step

__all__ = ["ClientLoads"]


def _sharper() -> str:
    w = chain_constants().demand_weight["loading_rate_bw_s"]
    return (
        "Here the rise is in the loading rate: the impact is passed up sooner and sharper while "
        "energy absorbed and peak force barely change, the model's reading of the 'energy "
        f"wave'; its relative rise counts × {w:g} in added demand. A higher loading rate, not "
        "a higher force, went with stress fractures of the shin and foot (systematic review); "
        "that it matters at this site is a hypothesis. "
    )


def _demand_cite() -> tuple[str, ...]:
    return chain_constants().cite["demand"]


def _r(x: float) -> float:
    return round(x, 4)


@dataclass(frozen=True)
class _Run:
    activity: str
    minutes: float
    shoe: int | None


class ClientLoads:
    """Simulations of one client, run once each and reused across pains and links."""

    def __init__(self, intake: Intake, tissue: TissueState, /) -> None:
        self._intake = intake
        self._tissue = tissue
        self._cache: dict[tuple[Any, ...], ClientSimulation] = {}
        self._runs = self._plan()

    # -- which runs ---------------------------------------------------------------------------

    def _plan(self) -> tuple[_Run, ...]:
        minutes = simulated_minutes(self._intake)
        total = sum(minutes.values())
        return tuple(_Run(k, v if total > 0 else 1.0, shoe_for_activity(self._intake, k))
                     for k, v in minutes.items())

    def _simulate(
        self, joint: SiteRef | None, deficit: float, run: _Run, side: str
    ) -> ClientSimulation:
        key = (joint, round(deficit, 6), run.activity, run.shoe, side)
        if key not in self._cache:
            deficits = {(joint.site, joint.side): deficit} if joint and joint.site else {}
            shoe = self._intake.footwear[run.shoe] if run.shoe is not None else None
            self._cache[key] = simulate_client(
                self._intake, deficits, activity=run.activity, side=side, shoe=shoe
            )
        return self._cache[key]

    # -- question 1: the leak -----------------------------------------------------------------

    def leak(self, intake: Intake, joint: SiteRef, deficit: float, pain: SiteRef) -> Leak | None:
        """Extra load at the painful site from this joint's deficit, minutes-weighted."""
        del intake  # the client is fixed at construction
        modelled = {site for spec in chain_constants().joints.values() for site in spec.sites}
        if joint.site not in modelled or pain.site not in modelled:
            return None  # the chain model has no element for one of them: no answer, not zero
        side = joint.side if joint.side in ("left", "right") else pain.side
        side = side if side in ("left", "right") else "left"
        total_minutes = sum(r.minutes for r in self._runs) or 1.0
        weighted = 0.0
        parts: list[str] = []
        cites: tuple[str, ...] = ()
        found = False
        share: dict[str, float] = {}  # weighted added demand per figure that sets it
        for run in self._runs:
            sim = self._simulate(joint, deficit, run, side)
            got = _extra_at(sim, pain.site)
            if got is None:
                continue
            extra, driver, detail = got
            found = True
            weighted += extra * run.minutes / total_minutes
            parts.append(f"{run.activity} {extra:+.1%}" + (f" ({detail})" if detail else ""))
            if driver:
                share[driver] = share.get(driver, 0.0) + extra * run.minutes
            cites = tuple(dict.fromkeys(cites + tuple(k for s in sim.trail for k in s.cite)))
        if not found:
            return None
        rules = contributor_rules()
        main = max(share, key=lambda k: share[k]) if share else None
        sharper = main == "loading rate"
        step = Step(
            f"{joint} deficit {deficit:.2f} in the chain, {side} leg: " + ", ".join(parts),
            f"added demand at the {pain} (largest relative rise of energy absorbed, peak force "
            "or loading rate) against the same body without the injury (mechanics model; "
            "weighted by minutes a week)",
            _r(weighted),
            tuple(dict.fromkeys(rules.leak_cite + cites + (_demand_cite() if sharper else ()))),
            "A lumped-parameter model: it shows the direction and rough size of a load shift, "
            "not a measurement of this client. "
            + (_sharper() if sharper else "")
            + "Zero means the model finds no extra load reaching this site: it does not "
            "support the leak idea here.",
        )
        how = ("the impact reaches it sooner and sharper (loading rate), not with more force "
               "or energy" if sharper else (f"more {main}" if main else ""))
        return Leak(weighted, (step,), how)

    # -- question 2: the next weakest link ----------------------------------------------------

    def weakest_links(self) -> tuple[WeakestLink, ...]:
        """For each injured joint, the next weakest link in the client's hardest activity."""
        out: list[WeakestLink] = []
        for j in self._tissue.joints:
            if j.stability_deficit <= 0.0:
                continue
            sides = [j.side] if j.side is not None else list(SIDES)
            best: tuple[float, LinkMargin, _Run, Side] | None = None
            for run in self._runs:
                for side in sides:
                    sim = self._simulate(SiteRef(j.site, j.side), j.stability_deficit, run, side)
                    link = sim.weakest_link
                    if link is None:
                        continue
                    if best is None or float(link.margin) < best[0]:
                        best = (float(link.margin), link, run, side)
            if best is None:
                continue
            margin, link, run, side = best
            named = named_together(j.injuries)  # None only for a joint without injuries
            lead = Step(
                f"{SiteRef(j.site, j.side)} stability deficit {j.stability_deficit:.2f}",
                f"simulated alone in the chain for {run.activity}, {side} leg; the activity with "
                "the smallest margin is shown",
                _r(margin),
                contributor_rules().leak_cite,
                "The next weakest link is the joint whose added demand comes closest to what it "
                "tolerates; a model's answer to a coaching question, not a diagnosis.",
                named,
            )
            out.append(
                WeakestLink(
                    injury=SiteRef(j.site, j.side),
                    injury_ref=named if named is not None else InjuryRefs(()),
                    link=SiteRef(link.site, side),  # the link is on the leg simulated
                    margin=margin,
                    trail=(lead, *link.trail),
                )
            )
        return tuple(out)


def _extra_at(sim: ClientSimulation, site: str | None) -> tuple[float, str | None, str] | None:
    """Added demand at the chain element that carries ``site``, the figure that sets it (in
    words, None when nothing rises) and a short detail (the loading rates when they set it);
    None when no element carries the site.

    Added demand is the mechanics engine's own measure (the largest weighted relative rise of
    energy absorbed, peak force and loading rate against the no-injury baseline, 0 when all
    fall), so the leak and the weakest link speak the same language.
    """
    elements = chain_constants().joints
    for j in sim.joints:
        if site in elements[j.site].sites:
            energy, force, rate = DEMAND_FIGURES
            client = (j.figures[energy], j.figures[force], j.figures[rate])
            base = (j.baseline[energy], j.baseline[force], j.baseline[rate])
            driver = demand_driver(client, base)
            detail = driver or ""
            if driver == "loading rate":  # say the figures: a timing change, not more force
                detail += f" {client[2]:.1f} vs {base[2]:.1f} BW/s"
            return added_demand(client, base), driver, detail
    return None
