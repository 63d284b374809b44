"""The what-if of one client: another shoe, a quicker or slower step, a longer or shorter
stride, and how the loads at each joint change against today, per activity and side.

Runs :meth:`Evaluation.simulation` (each distinct run once per evaluation) and keeps the
evaluation of each stored intake version for the next question (versions never change once
stored, so the same version gives the same answer). The answer carries the model's honest
caveats and every source the change rests on, with its evidence grade in plain words.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from kinchain.errors import InputError
from kinchain.evidence import default_registry
from kinchain.evidence.registry import GRADE_MEANING
from kinchain.intake import Intake
from kinchain.intake.model import Footwear
from kinchain.mechanics import ClientSimulation
from kinchain.mechanics.client_choice import shoe_for_activity, simulated_activity
from kinchain.mechanics.footwear import GENERIC_SHOE
from kinchain.services.evaluate import Evaluation
from kinchain.services.memo import Memo
from kinchain.services.uow import UnitOfWork

__all__ = [
    "STEP_RATE_RANGE",
    "STRIDE_RANGE",
    "JointChange",
    "RunChange",
    "ShoeOption",
    "Source",
    "WhatIfAnswer",
    "activities_of",
    "client_what_if",
    "shoe_options",
    "what_if",
]

STEP_RATE_RANGE = (-10.0, 15.0)
STRIDE_RANGE = (-15.0, 10.0)
SIDES = ("left", "right")
_CAVEAT = ("A lumped model of one stance: it supports your reasoning. How a change moves the "
           "load is a hypothesis to test with the client, not a prediction or a diagnosis.")


@dataclass(frozen=True)
class ShoeOption:
    """A shoe a coach can try: one of the client's pairs, bare feet, a variant of the pair she
    wears for each activity, or one of the model's generic shoes."""

    key: str
    label: str
    group: str  # "hers" | "variant" | "generic"


def shoe_options(intake: Intake, /) -> tuple[ShoeOption, ...]:
    hers = [ShoeOption("usual", "her usual pair for each activity", "hers")]
    hers += [ShoeOption(f"pair:{i}", f.name, "hers") for i, f in enumerate(intake.footwear)]
    variants = [
        ShoeOption("more_cushioning", "her usual pair with more cushioning", "variant"),
        ShoeOption("lower_heel", "her usual pair with a lower heel (no drop)", "variant"),
        ShoeOption("minimalist", "a minimalist shoe (no cushioning, no drop)", "variant"),
        ShoeOption("barefoot", "barefoot", "variant"),
    ]
    generic = [ShoeOption("cushioned_trainer", "a cushioned trainer (30 mm heel, 10 mm drop)",
                          "generic"),
               ShoeOption("standard_trainer", "a standard trainer (25 mm heel, 8 mm drop)",
                          "generic"),
               ShoeOption("high_heel", "a high heel (63.5 mm, no cushioning)", "generic")]
    return (*hers, *variants, *generic)


_SOFTER = {"none": "low", "low": "medium", "medium": "high", "high": "high"}


def _usual(intake: Intake, activity: str) -> Footwear:
    found = shoe_for_activity(intake, activity)
    return GENERIC_SHOE if found is None else intake.footwear[found]


def _shoe(intake: Intake, key: str, activity: str) -> str | Footwear | None:
    """The shoe a key stands for, for one activity (variants start from her pair for it)."""
    usual = _usual(intake, activity)
    named: dict[str, Callable[[], str | Footwear | None]] = {
        "usual": lambda: None,
        "barefoot": lambda: "barefoot",
        "more_cushioning": lambda: usual.model_copy(update={
            "name": f"{usual.name}, more cushioning", "cushioning": _SOFTER[usual.cushioning]}),
        "lower_heel": lambda: usual.model_copy(update={
            "name": f"{usual.name}, lower heel", "heel_height_mm": min(usual.heel_height_mm, 10),
            "drop_mm": 0.0}),
        "minimalist": lambda: Footwear(name="minimalist shoe", kind="minimalist",
                                       cushioning="none"),
        "cushioned_trainer": lambda: Footwear(name="cushioned trainer", kind="athletic",
                                              heel_height_mm=30, drop_mm=10, cushioning="high"),
        "standard_trainer": lambda: GENERIC_SHOE,
        "high_heel": lambda: Footwear(name="high heel", kind="heel", heel_height_mm=63.5,
                                      cushioning="none"),
    }
    if key in named:
        return named[key]()
    if key.startswith("pair:") and key[5:].isdigit() and int(key[5:]) < len(intake.footwear):
        return intake.footwear[int(key[5:])].name
    keys = [o.key for o in shoe_options(intake)]
    raise InputError(f"shoe: expected one of {', '.join(keys)}; received {key!r}")


@dataclass(frozen=True)
class JointChange:
    joint: str
    side: str
    peak_bw: tuple[float, float]  # today, changed (peak force in body weights)
    rate_bw_s: tuple[float, float]  # loading rate, body weights a second
    absorbed_j: tuple[float, float]  # energy absorbed, J

    @property
    def peak_change_pct(self) -> float:
        before, after = self.peak_bw
        return 0.0 if before == 0 else 100.0 * (after - before) / before

    @property
    def rate_change_pct(self) -> float:
        before, after = self.rate_bw_s
        return 0.0 if before == 0 else 100.0 * (after - before) / before


@dataclass(frozen=True)
class RunChange:
    """One activity on one side: each joint today and changed, the weakest link before ->
    after (``None`` when the model finds none)."""

    activity: str
    side: str
    shoe_before: str
    shoe_after: str
    joints: tuple[JointChange, ...]
    weakest_before: tuple[str, float] | None
    weakest_after: tuple[str, float] | None

    def to_json(self) -> dict[str, object]:
        def link(w: tuple[str, float] | None) -> dict[str, object] | None:
            return None if w is None else {"site": w[0], "side": self.side, "margin": w[1]}

        return {"activity": self.activity, "side": self.side,
                "shoe": {"today": self.shoe_before, "changed": self.shoe_after},
                "joints": [{"site": j.joint, "side": j.side,
                            "peak_force_bw": {"today": j.peak_bw[0], "changed": j.peak_bw[1]},
                            "loading_rate_bw_s": {"today": j.rate_bw_s[0],
                                                  "changed": j.rate_bw_s[1]},
                            "energy_absorbed_j": {"today": j.absorbed_j[0],
                                                  "changed": j.absorbed_j[1]}}
                           for j in self.joints],
                "weakest_link": {"today": link(self.weakest_before),
                                 "changed": link(self.weakest_after)}}


@dataclass(frozen=True)
class Source:
    key: str
    reference: str  # "Heiderscheit BC et al. 2011"
    grade: str
    grade_words: str  # "biomechanics laboratory study"


@dataclass(frozen=True)
class WhatIfAnswer:
    shoe: str
    step_rate_pct: float
    stride_length_pct: float
    runs: tuple[RunChange, ...]
    sources: tuple[Source, ...]
    caveats: tuple[str, ...]
    options: tuple[ShoeOption, ...] = ()  # every shoe the coach may try next

    @property
    def changed(self) -> bool:
        return any(abs(j.peak_change_pct) > 0.05 or abs(j.rate_change_pct) > 0.05
                   for r in self.runs for j in r.joints)

    def to_json(self) -> dict[str, object]:
        return {"shoe": self.shoe, "step_rate_pct": self.step_rate_pct,
                "stride_length_pct": self.stride_length_pct,
                "runs": [r.to_json() for r in self.runs],
                "sources": [{"key": s.key, "reference": s.reference, "grade": s.grade,
                             "grade_words": s.grade_words} for s in self.sources],
                "caveats": list(self.caveats)}


def _percent(name: str, value: object, bounds: tuple[float, float]) -> float:
    lo, hi = bounds
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{name}: expected a number of percent {lo:+g}..{hi:+g}; "
                         f"received {value!r}")
    if not lo <= value <= hi:
        raise InputError(f"{name}: expected {lo:+g}..{hi:+g} percent; received {value:+g}")
    return float(value)


def activities_of(intake: Intake, /) -> tuple[str, ...]:
    """The simulated activities standing for hers, in her order (walking when none is)."""
    found: list[str] = []
    for a in intake.activities:
        sim = simulated_activity(a.kind)
        if sim is not None and sim not in found:
            found.append(sim)
    return tuple(found) or ("walk",)


def _link(sim: ClientSimulation) -> tuple[str, float] | None:
    w = sim.weakest_link
    return None if w is None else (w.site, round(float(w.margin), 3))


def _run_change(before: ClientSimulation, after: ClientSimulation) -> RunChange:
    joints = tuple(
        JointChange(b.site, before.side,
                    (round(b.figures["peak_force_bw"], 3), round(a.figures["peak_force_bw"], 3)),
                    (round(b.figures["loading_rate_bw_s"], 2),
                     round(a.figures["loading_rate_bw_s"], 2)),
                    (round(b.figures["energy_absorbed_j"], 2),
                     round(a.figures["energy_absorbed_j"], 2)))
        for b, a in zip(before.joints, after.joints, strict=True))
    return RunChange(before.activity, before.side, before.shoe, after.shoe, joints,
                     _link(before), _link(after))


def _sources(pairs: list[tuple[ClientSimulation, ClientSimulation]]) -> tuple[Source, ...]:
    """The sources of every step the change touched (the steps of the changed runs that the
    runs of today do not have)."""
    registry = default_registry()
    keys: list[str] = []
    for before, after in pairs:
        for step in after.trail:
            if step not in before.trail:
                keys.extend(k for k in step.cite if k not in keys)
    found = []
    for key in keys:
        if key not in registry:
            continue
        src = registry[key]
        who = src.authors.split(",")[0] + (" et al." if "," in src.authors else "")
        found.append(Source(key, f"{who} {src.year or ''}".strip(), src.grade,
                            GRADE_MEANING.get(src.grade, src.grade)))
    return tuple(found)


def what_if(evaluation: Evaluation, /, *, shoe: str = "usual", step_rate_pct: object = 0.0,
            stride_length_pct: object = 0.0) -> WhatIfAnswer:
    """Each of her activities on each side, today against the change (a shoe key of
    :func:`shoe_options`, step rate and stride length in percent)."""
    rate = _percent("step_rate_pct", step_rate_pct, STEP_RATE_RANGE)
    stride = _percent("stride_length_pct", stride_length_pct, STRIDE_RANGE)
    intake = evaluation.intake
    pairs = []
    for activity in activities_of(intake):
        chosen = _shoe(intake, shoe, activity)
        for side in SIDES:
            before = evaluation.simulation(activity=activity, side=side)
            after = evaluation.simulation(activity=activity, side=side, shoe=chosen,
                                          step_rate_pct=rate, stride_length_pct=stride)
            pairs.append((before, after))
    notes = {s.note for _, a in pairs for s in a.trail if s.note.startswith("an assumption")}
    options = shoe_options(intake)
    label = next(o.label for o in options if o.key == shoe)
    return WhatIfAnswer(label, rate, stride, tuple(_run_change(b, a) for b, a in pairs),
                        _sources(pairs), (_CAVEAT, *sorted(notes)), options)


#: the evaluations what-ifs were asked of (a stored intake version never changes, so its
#: practice, client, version and day name one); the 64 used last are kept, so the runs each
#: one has made are kept with it
EVALUATIONS: Memo[Evaluation] = Memo(64)


def client_what_if(uow: UnitOfWork, client_id: str, /, *, shoe: str = "usual",
                   step_rate_pct: object = 0.0, stride_length_pct: object = 0.0) -> WhatIfAnswer:
    """A stored client's what-if, over her current intake version (audited as a read)."""
    from kinchain.services.records import evaluation_of

    with uow:
        stored = uow.intakes.current(client_id)
        key = (uow.practice.id, client_id, str(stored.version), stored.saved_at.date().isoformat())
        evaluation = EVALUATIONS.get(key, lambda: evaluation_of(uow, client_id), owner=client_id)
        answer = what_if(evaluation, shoe=shoe, step_rate_pct=step_rate_pct,
                         stride_length_pct=stride_length_pct)
        uow.audit.record("whatif.read", client_id=client_id, detail=f"{shoe} {step_rate_pct} "
                         f"{stride_length_pct}")
        uow.commit()
    return answer
