"""What the routine should work on, ranked: the needs an assessment gives rise to.

A *need* is a place (a site and side) or a kind of work (exercise tags such as ``pelvic_floor``)
with the qualities that serve it, a priority, the intake refs behind it and a plain story for the
client. Needs come from five places, each ranked as ``rules.yaml`` says:

- injury contributors: the old injury's joint, ranked by the contributor's score;
- old injuries with a residual stability deficit that no pain links to: deficit x weight;
- painful sites: intensity / 10, with the work the joint's role asks for;
- the next weakest link above an injury: a fraction of that injury's priority;
- contributors that are not joints (life stage, habits, footwear, activity): their score, served
  by exercises carrying the tags ``selection.tag_work`` names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from kinchain.body import each_side
from kinchain.intake.model import Injury, Intake
from kinchain.intake.refs import ActivityRef, InjuryRef, IntakeRef, injuries_by_ref
from kinchain.program.rules import ProgramRules
from kinchain.program.wording import (
    chain_link,
    injury_story,
    pain_place,
    pain_story,
    place,
    recovered,
    weakest_link,
)

if TYPE_CHECKING:
    from kinchain.assessment import Assessment

__all__ = ["Need", "needs_from"]

_T = TypeVar("_T")


@dataclass(frozen=True)
class Need:
    """One thing the routine should work on."""

    key: tuple[Any, ...]
    focus: str
    site: str | None
    side: str | None
    qualities: tuple[str, ...]
    tags: frozenset[str]
    priority: float
    because: tuple[IntakeRef, ...]
    stories: tuple[str, ...]
    level: int


def _sides(side: str | None) -> tuple[str | None, ...]:
    return each_side(side)


def _place(site: str, side: str | None, wording: Mapping[str, Any]) -> str:
    return place(site, side, wording)


def _union(a: Iterable[_T], b: Iterable[_T]) -> tuple[_T, ...]:
    out = list(a)
    out += [x for x in b if x not in out]
    return tuple(out)


def _merge(needs: dict[tuple[Any, ...], Need], new: Need) -> None:
    old = needs.get(new.key)
    if old is None:
        needs[new.key] = new
        return
    first, second = (old, new) if old.priority >= new.priority else (new, old)
    needs[new.key] = replace(
        first,
        qualities=_union(first.qualities, second.qualities),
        priority=max(old.priority, new.priority),
        because=_union(old.because, new.because),
        stories=_union(first.stories, second.stories),
        level=min(old.level, new.level),
    )


def _injury_story(
    injuries: Iterable[Injury],
    wording: Mapping[str, Any],
    deficits: Mapping[tuple[str, str | None], float],
) -> str:
    parts = []
    for inj in injuries:
        sides = _sides(inj.side)
        deficit = max((deficits.get((inj.site, s), 0.0) for s in sides), default=0.0)
        parts.append(injury_story(inj, deficit, wording))
    return "; ".join(parts)


def _activity_kind(intake: Intake, ref: IntakeRef) -> str | None:
    if not isinstance(ref, ActivityRef):
        return None
    return str(intake.activities[ref.index].kind)


def _qualities(role: str | None, deficit: bool, rules: ProgramRules) -> tuple[str, ...]:
    by_role = rules.work.get(role or "stability", rules.work["stability"])
    if not deficit:
        return tuple(by_role)
    work = rules.work["deficit"]
    if role == "mobility":  # the deficit's first need, then the role's own work
        return _union([work[0]], _union(by_role, work[1:]))
    return _union(work, by_role)


def _injuries_at(
    injuries: Mapping[InjuryRef, Injury], site: str, side: str | None
) -> tuple[InjuryRef, ...]:
    return tuple(
        ref
        for ref, inj in injuries.items()
        if inj.site == site and (side is None or side in _sides(inj.side) or inj.side is None)
    )


@dataclass(frozen=True)
class _Sources:
    """What every need source reads: the client, her assessment, the rules and the body's roles."""

    intake: Intake
    assessment: Assessment
    rules: ProgramRules
    roles: Mapping[str, str | None]
    deficits: Mapping[tuple[str, str | None], float]
    injuries: Mapping[InjuryRef, Injury]  # the intake's injuries, by the refs that name them

    def deficit(self, site: str, side: str | None) -> float:
        return self.deficits.get((site, side), 0.0)

    def injuries_named(self, refs: Iterable[IntakeRef]) -> list[Injury]:
        """The injuries among ``refs``, in their order (other refs name no injury)."""
        return [self.injuries[r] for r in refs if isinstance(r, InjuryRef)]

    def site_need(
        self,
        site: str,
        side: str | None,
        priority: float,
        because: tuple[IntakeRef, ...],
        story: str,
    ) -> Need:
        """A need at one joint and side, at the level its stability deficit asks for."""
        rules = self.rules
        deficit = self.deficit(site, side)
        has_deficit = deficit >= rules.residual_deficit_min
        return Need(
            key=(site, side),
            focus=_place(site, side, rules.wording),
            site=site,
            side=side,
            qualities=_qualities(self.roles.get(site), has_deficit, rules),
            tags=frozenset(),
            priority=priority,
            because=because,
            stories=(story,) if story else (),
            level=rules.level_for(deficit) if has_deficit else rules.default_level,
        )


_Needs = dict[tuple[Any, ...], Need]


def _injury_needs(src: _Sources, needs: _Needs) -> None:
    """1. Old injuries that contribute to a pain: one need per injured joint and side."""
    rules, w = src.rules, src.rules.wording
    linked: dict[tuple[str, str | None], dict[str, Any]] = {}
    for c in src.assessment.contributors:
        if c.kind != "injury" or c.score < rules.contributor_score_min or c.source.site is None:
            continue
        for side in _sides(c.source.side):
            entry = linked.setdefault(
                (c.source.site, side), {"score": 0.0, "refs": [], "pains": []}
            )
            entry["score"] = max(entry["score"], float(c.score))
            entry["refs"] = list(_union(entry["refs"], [c.ref]))
            if c.pain.site is not None and (c.pain.site, c.pain.side) != (c.source.site, side):
                where = pain_place(c.pain.site, c.pain.side, w)
                entry["pains"] = list(_union(entry["pains"], [where]))
    for (site, side), entry in linked.items():
        story = _injury_story(src.injuries_named(entry["refs"]), w, src.deficits)
        if entry["pains"] and not recovered(src.deficit(site, side), w):
            story += "; " + chain_link(site, entry["pains"], w)
        _merge(needs, src.site_need(site, side, entry["score"], tuple(entry["refs"]), story))


def _residual_needs(src: _Sources, needs: _Needs) -> None:
    """2. Old injuries with a residual deficit that no pain links to."""
    rules, w = src.rules, src.rules.wording
    for j in src.assessment.joints:
        deficit = float(j.stability_deficit)
        if deficit < rules.residual_deficit_min or (j.site, j.side) in needs:
            continue
        refs = _injuries_at(src.injuries, j.site, j.side)
        story = _injury_story(src.injuries_named(refs), w, src.deficits)
        priority = deficit * rules.deficit_priority_weight
        _merge(needs, src.site_need(j.site, j.side, priority, refs, story))


def _pain_needs(src: _Sources, needs: _Needs) -> None:
    """3. The painful sites, with the work their role asks for (a both-sided pain is one need
    for both sides)."""
    rules, w = src.rules, src.rules.wording
    for i, pain in enumerate(src.intake.pain):
        if pain.intensity <= 0:
            continue
        role = src.roles.get(pain.site)
        story = pain_story(pain.site, pain.side, pain.intensity, role, w)
        need = src.site_need(pain.site, pain.side, pain.intensity / 10.0, (f"pain[{i}]",), story)
        need = replace(need, qualities=rules.work.get(role or "stability", need.qualities))
        if pain.intensity >= rules.pain_gentle_from:
            need = replace(need, level=1)
        _merge(needs, need)


def _weakest_link_needs(src: _Sources, needs: _Needs) -> None:
    """4. The next weakest link above each injured joint, weighted down from the injury."""
    rules, w = src.rules, src.rules.wording
    for wl in src.assessment.weakest_links:
        if wl.link.site is None or wl.injury.site is None:  # an injury is always at a joint
            continue
        injury = (wl.injury.site, wl.injury.side)
        source = needs.get(injury)
        base = source.priority if source else src.deficits.get(injury, 0.0)
        quiet = recovered(src.deficits.get(injury, 0.0), w)
        work = rules.work.get(src.roles.get(wl.link.site) or "stability")
        for side in _sides(wl.link.side):
            story = "" if quiet else weakest_link(injury, (wl.link.site, side), w)
            need = src.site_need(
                wl.link.site, side, base * rules.weakest_link_factor, (wl.injury_ref,), story
            )
            need = replace(need, qualities=work or need.qualities, level=rules.default_level)
            _merge(needs, need)


def _tag_needs(src: _Sources, needs: _Needs) -> None:
    """5. Contributors that are not joints (footwear, habits, activities, life stage), served by
    tagged exercises."""
    rules, intake = src.rules, src.intake
    stage = intake.client.life_stage.status
    for c in src.assessment.contributors:
        if c.kind == "injury" or c.score < rules.contributor_score_min:
            continue
        for tw in rules.tag_work:
            if tw.kind != c.kind or (tw.ref_prefix and not str(c.ref).startswith(tw.ref_prefix)):
                continue
            if tw.activity_kinds and _activity_kind(intake, c.ref) not in tw.activity_kinds:
                continue
            need = Need(
                key=("tags", tuple(sorted(tw.tags))),
                focus=tw.focus,
                site=None,
                side=c.source.side if c.source.side in ("left", "right") else None,
                qualities=(),
                tags=tw.tags,
                priority=float(c.score),
                because=(c.ref,),
                stories=(tw.because_by_stage.get(stage, tw.because),),
                level=rules.default_level,
            )
            _merge(needs, need)


#: the need sources, in the order they are merged (a later one may read what earlier ones gave)
_SOURCES = (_injury_needs, _residual_needs, _pain_needs, _weakest_link_needs, _tag_needs)


def needs_from(
    intake: Intake,
    assessment: Assessment,
    rules: ProgramRules,
    /,
    *,
    roles: Mapping[str, str | None],
) -> tuple[Need, ...]:
    """Every need the assessment gives rise to, highest priority first.

    ``roles`` maps a site id to ``stability``, ``mobility`` or None (from :mod:`kinchain.body`).
    """
    deficits = {(j.site, j.side): float(j.stability_deficit) for j in assessment.joints}
    src = _Sources(intake, assessment, rules, roles, deficits, injuries_by_ref(intake))
    needs: _Needs = {}
    for source in _SOURCES:
        source(src, needs)
    return tuple(sorted(needs.values(), key=lambda n: (-n.priority, n.focus)))
