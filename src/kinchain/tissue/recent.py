"""Recent injuries: an injury still inside its healing window, which kinchain must not load.

The window per tissue and kind is read from ``recent.yaml`` and the healing times in
``healing.yaml`` (docs/model.md explains both). :func:`recent_injuries` lists the injuries of an
intake that are recent on a day; :func:`age_word` gives the word a client reads of an injury's
age ("recent" inside its window, "old" only past it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kinchain.body import site_label
from kinchain.datafile import read_yaml_file
from kinchain.intake import InjuryRef, Intake
from kinchain.knowledge import cross_check, load
from kinchain.tissue.constants import HealingModel
from kinchain.tissue.injury import InjuryState
from kinchain.tissue.loader import default_healing
from kinchain.tissue.schema import RecentDoc

__all__ = [
    "RecentInjury",
    "RecentRules",
    "age_word",
    "default_recent_rules",
    "parse_recent_rules",
    "recent_injuries",
    "window_days",
]


@dataclass(frozen=True)
class RecentRules:
    """``recent.yaml``: which phase ends the window, and the floors per kind."""

    phase: str
    cite: tuple[str, ...]
    note: str
    at_least: Mapping[str, int]
    at_least_cite: Mapping[str, tuple[str, ...]]
    words: Mapping[str, str]


@dataclass(frozen=True)
class RecentInjury:
    """An intake injury inside its healing window on ``as_of``."""

    ref: InjuryRef
    site: str
    side: str | None
    kind: str
    days_since: int
    window_days: int
    last_day: dt.date  # the last day the injury counts as recent
    cite: tuple[str, ...]

    @property
    def place(self) -> str:
        """Plain words for where it is: "right ankle", "lower back"."""
        name = site_label(self.site)
        if self.side == "both":
            return f"{name}s on both sides" if self.site != "toes" else "toes on both sides"
        return f"{self.side} {name}" if self.side else name


def parse_recent_rules(doc: Any, /, *, file: str = "recent.yaml") -> RecentRules:
    """Checked :class:`RecentRules` from a parsed ``recent.yaml``, every cite key in the
    evidence registry."""
    from kinchain.evidence import default_registry

    d = load(RecentDoc, doc, file=file)
    cross_check(d, file=file, registry=default_registry(), sites=())
    return RecentRules(
        phase=d.window.phase,
        cite=d.window.cite,
        note=" ".join(d.window.note.split()),
        at_least={kind: floor.days for kind, floor in d.at_least.items()},
        at_least_cite={kind: floor.cite for kind, floor in d.at_least.items()},
        words={"recent": d.words.recent, "old": d.words.old},
    )


@cache
def default_recent_rules() -> RecentRules:
    """The bundled ``recent.yaml``, checked, loaded once."""
    return parse_recent_rules(read_yaml_file(Path(str(resources.files("kinchain.tissue")))
                                             / "recent.yaml"))  # fmt: skip


def window_days(
    state: InjuryState, /, *, rules: RecentRules | None = None, model: HealingModel | None = None
) -> int:
    """The last day (days since the injury) on which ``state`` still counts as recent.

    >>> from kinchain.intake import InjuryRef
    >>> from kinchain.tissue.injury import InjuryState
    >>> s = InjuryState(InjuryRef(0), "ankle", "right", "fracture", "bone", None, "bone",
    ...                 7, "inflammation", 0.1, 0.97, 1.0, 0.9, 0.05, 0.3, 0.3, ())
    >>> window_days(s)
    84
    """
    r = rules or default_recent_rules()
    m = model or default_healing()
    phases = {p.name: p.end_day for p in m.classes[state.healing_class].phases}
    return max(phases[r.phase], r.at_least.get(state.kind, 0))


def _cites(state: InjuryState, r: RecentRules, m: HealingModel) -> tuple[str, ...]:
    phase = next(p for p in m.classes[state.healing_class].phases if p.name == r.phase)
    keys = list(phase.cite) + list(r.at_least_cite.get(state.kind, ()))
    return tuple(dict.fromkeys(keys))


def recent_injuries(
    intake: Intake,
    states: tuple[InjuryState, ...],
    /,
    *,
    as_of: dt.date,
    rules: RecentRules | None = None,
    model: HealingModel | None = None,
) -> tuple[RecentInjury, ...]:
    """The injuries of ``intake`` inside their healing window on ``as_of`` and not cleared.

    ``states`` are the tissue states of the same intake on ``as_of``
    (:attr:`kinchain.tissue.TissueState.injuries`). A clearance dated on or before ``as_of``
    ends the window early.
    """
    r = rules or default_recent_rules()
    m = model or default_healing()
    out = []
    for s in states:
        injury = intake.injuries[s.ref.index]
        if injury.cleared is not None and injury.cleared.date.earliest() <= as_of:
            continue
        days = window_days(s, rules=r, model=m)
        if s.days_since > days:
            continue
        start = as_of - dt.timedelta(days=s.days_since)
        out.append(
            RecentInjury(
                s.ref, s.site, s.side, s.kind, s.days_since, days,
                start + dt.timedelta(days=days), _cites(s, r, m),
            )
        )  # fmt: skip
    return tuple(out)


def age_word(recent: bool, /, *, rules: RecentRules | None = None) -> str:
    """The word for an injury's age: "recent" inside its window, "old" only past it.

    >>> age_word(True), age_word(False)
    ('recent', 'old')
    """
    r = rules or default_recent_rules()
    return r.words["recent" if recent else "old"]
