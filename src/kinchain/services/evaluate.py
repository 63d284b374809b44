"""One evaluation of a client: everything the use cases read, computed once, in one place.

``evaluate(intake, as_of=...)`` runs the pipeline once (tissue state, assessment, program, the
check-ins replayed in date order); the simulations the report and a what-if need are run on
first use and kept, so each distinct simulation runs once. Every use case reads from an
:class:`Evaluation`; none calls another use case. It takes data (a validated intake, loaded
check-ins), never a path: reading files is the CLI's adapter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kinchain.assessment import Assessment, assess, country_words
from kinchain.body import SiteRef
from kinchain.intake import Intake
from kinchain.intake.model import Footwear
from kinchain.mechanics import ClientSimulation, simulate_client
from kinchain.program import Checkin, CheckinOutcome, Program, apply_checkins, build_program
from kinchain.program.edits import Edit, apply_edits
from kinchain.tissue import TissueState, tissue_state

__all__ = ["Evaluation", "default_side", "evaluate", "with_answers_asked_again"]

#: sites whose deficit decides the default stance side of a client's simulation
_LOWER_LIMB = ("toes", "foot", "ankle", "knee", "hip", "sacroiliac")

_RunKey = tuple[str, str, str | Footwear | None, float, float]


def default_side(deficits: Mapping[SiteRef, float], /) -> str:
    """The side of the worst lower-limb deficit (left when there is none)."""
    sided = [(v, ref[1]) for ref, v in deficits.items()
             if ref[0] in _LOWER_LIMB and ref[1] in ("left", "right")]  # fmt: skip
    best = max(sided) if sided else None
    return best[1] if best is not None and best[0] > 0 and best[1] else "left"


@dataclass(frozen=True)
class Evaluation:
    """A client on one day: the intake, her tissue state, the assessment, the program as built
    (``built``, after the coach's edits; None while a red flag suspends it) and after the
    check-ins (``outcome``)."""

    intake: Intake
    as_of: dt.date
    tissue: TissueState
    assessment: Assessment
    built: Program | None
    outcome: CheckinOutcome | None = None
    checkins: tuple[Checkin, ...] = ()  # the check-ins replayed, in date order
    _runs: dict[_RunKey, ClientSimulation] = field(default_factory=dict, compare=False, repr=False)

    @property
    def program(self) -> Program | None:
        """The program the client follows now: after the check-ins, or as built."""
        return self.outcome.program if self.outcome is not None else self.built

    @property
    def suspended(self) -> bool:
        return self.built is None

    def simulation(
        self,
        *,
        activity: str,
        side: str | None = None,
        shoe: str | Footwear | None = None,
        step_rate_pct: float = 0.0,
        stride_length_pct: float = 0.0,
    ) -> ClientSimulation:
        """The chain run of one activity against her no-injury baseline, run once per distinct
        (activity, side, shoe, step rate, stride) and kept. ``side`` None: :func:`default_side`
        of her deficits; ``shoe`` None: her pair worn for this activity; a :class:`Footwear`
        (a what-if's variant of a pair) is simulated as given."""
        deficits = self.tissue.deficits()
        side = side or default_side(deficits)
        key: _RunKey = (activity, side, shoe, float(step_rate_pct), float(stride_length_pct))
        if key not in self._runs:
            self._runs[key] = simulate_client(
                self.intake, deficits, activity=activity, side=side, shoe=shoe,
                step_rate_pct=step_rate_pct, stride_length_pct=stride_length_pct,
            )  # fmt: skip
        return self._runs[key]


def with_answers_asked_again(checkins: Sequence[Checkin], intake: Intake, /) -> Intake:
    """The intake with the screening answers of the check-ins laid over its own, by date."""
    answers: dict[str, bool] = {}
    for checkin in sorted(checkins, key=lambda c: c.date):
        answers.update(checkin.screening)
    if not answers:
        return intake
    return intake.model_copy(update={"screening": {**intake.screening, **answers}})


def evaluate(
    intake: Intake,
    /,
    *,
    as_of: dt.date,
    country: str | None = None,
    checkins: Sequence[Checkin] = (),
    edits: Sequence[Edit] = (),
    stale_edits: Literal["raise", "note"] = "raise",
    asked_again: Sequence[Checkin] = (),
) -> Evaluation:
    """Evaluate a validated intake on ``as_of`` (pure: the same data gives the same answer).

    The tissue state is computed once and handed to the assessment; the program is built from
    the assessment (None when suspended), the coach's ``edits`` are applied to it
    (:func:`kinchain.program.edits.apply_edits`), then the check-ins are replayed over it in
    date order, so an exercise the coach removed stays removed. ``stale_edits="note"``
    (stored edits) leaves out an edit that no longer applies, with a coach's note, instead of
    refusing the evaluation.

    The red-flag questions a check-in asked again count as the intake's answers from its date
    on (the latest answer to each question wins), from ``checkins`` and from ``asked_again``
    (check-ins whose program change waits for the coach: a serious answer acts at once).
    """
    intake = with_answers_asked_again([*checkins, *asked_again], intake)
    words = country_words(country)
    tissue = tissue_state(intake, as_of=as_of)
    assessment = assess(intake, as_of=as_of, country=words, tissue=tissue)
    built = build_program(intake, assessment, as_of=as_of)
    if built is not None and edits:
        built = apply_edits(built, edits, refused=stale_edits)
    outcome = None
    replayed = tuple(sorted(checkins, key=lambda c: c.date))
    if built is not None and replayed:
        outcome = apply_checkins(built, replayed)
    return Evaluation(intake, as_of, tissue, assessment, built, outcome, replayed)
