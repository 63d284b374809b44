"""The view of the assessment's findings: contributors to each pain with their trails, the next
weakest links, joints with a stability deficit and the questionnaire scores.

Nothing here decides anything about the client: it labels, groups, orders and numbers citations.
"""

from __future__ import annotations

from collections.abc import Mapping

from kinchain.assessment import Assessment
from kinchain.assessment.instruments import Score, instrument_rules
from kinchain.assessment.model import Contributor
from kinchain.evidence import GRADE_MEANING
from kinchain.intake import Intake
from kinchain.report.citations import Citations
from kinchain.report.view.model import (
    Cite,
    ContributorRow,
    Grade,
    InstrumentView,
    JointDeficitView,
    PainGroup,
    Trail,
    TrailStep,
    WeakestLinkView,
)
from kinchain.report.view.safety import cites_of
from kinchain.report.view.words import describe_ref, format_value, place, place_of, words
from kinchain.trail import Step

__all__ = [
    "contributor_groups",
    "grade_of",
    "instrument_views",
    "joint_deficits",
    "trail_view",
    "weakest_link_views",
]

_KIND_NAMES = {
    "injury": "old injury",
    "footwear": "footwear",
    "habit": "habit",
    "activity": "activity",
    "life_stage": "life stage",
}
#: score fields that read as sentences of meaning rather than numbers
_TEXT_KEYS = ("meaning", "interpretation", "summary", "band", "note")
_NOT_SCORES = ("cite", "cites", "citations", "trail", "name", "max")


def grade_of(code: str) -> Grade:
    """An evidence grade with its meaning ("" for a grade kinchain does not define)."""
    return Grade(code, GRADE_MEANING.get(code, ""))


def trail_view(steps: tuple[Step, ...], cites: Citations) -> Trail:
    """A trail's steps with their citations numbered."""
    return tuple(
        TrailStep(
            fact=s.fact,
            rule=s.rule,
            value=format_value(s.value),
            note=s.note,
            cites=tuple(Cite(n, key) for n, key in cites.cite(list(s.cite))),
        )
        for s in steps
    )


def _row(intake: Intake, c: Contributor, trail: Trail) -> ContributorRow:
    said = describe_ref(intake, str(c.ref))
    where = place_of(c.source)
    return ContributorRow(
        kind=_KIND_NAMES.get(c.kind, words(c.kind)),
        what=c.label or said or where or words(c.kind),
        where=where,
        score=round(c.score, 3),  # the score to the precision the assessment publishes
        grade=grade_of(c.evidence),
        hypothesis=c.hypothesis,
        summary=c.summary,
        from_intake=said,
        trail=trail,
    )


def contributor_groups(
    intake: Intake, assessment: Assessment, cites: Citations
) -> tuple[PainGroup, ...]:
    """Contributors grouped by painful place (most intense pain first), best score first."""
    rows: dict[str, list[ContributorRow]] = {}
    intensity: dict[str, int | None] = {}
    for p in intake.pain:
        label = place(p.site, p.side)
        rows[label], intensity[label] = [], p.intensity
    for c in sorted(assessment.contributors, key=lambda c: -round(c.score, 3)):
        pain = place_of(c.pain) or "pain"
        rows.setdefault(pain, [])
        intensity.setdefault(pain, None)
        rows[pain].append(_row(intake, c, trail_view(c.trail, cites)))
    groups = [PainGroup(label, intensity[label], tuple(r)) for label, r in rows.items()]
    return tuple(sorted(groups, key=lambda g: -(g.intensity or 0)))


def weakest_link_views(assessment: Assessment, cites: Citations) -> tuple[WeakestLinkView, ...]:
    """Each injury's next weakest link with its margin and trail."""
    return tuple(
        WeakestLinkView(
            injury=place_of(w.injury),
            link=place_of(w.link),
            margin=round(w.margin, 3),
            trail=trail_view(w.trail, cites),
        )
        for w in assessment.weakest_links
    )


def joint_deficits(assessment: Assessment, cites: Citations) -> tuple[JointDeficitView, ...]:
    """Joints with a residual stability deficit, largest first."""
    rows = [j for j in assessment.joints if round(j.stability_deficit, 3) > 0]
    rows.sort(key=lambda j: -round(j.stability_deficit, 3))
    return tuple(
        JointDeficitView(
            place(j.site, j.side), round(j.stability_deficit, 3), trail_view(j.trail, cites)
        )
        for j in rows
    )


def _scores_and_meaning(score: Score) -> tuple[list[tuple[str, str]], list[str]]:
    values: Mapping[str, object] = score.values
    top = values.get("max", None)
    scores: list[tuple[str, str]] = []
    meaning: list[str] = []
    for k, v in values.items():
        if k in _NOT_SCORES:
            continue
        if k == "total" and isinstance(top, int | float) and not isinstance(top, bool):
            scores.append(("total", f"{format_value(v)} of {format_value(top)}"))
        elif k in _TEXT_KEYS and isinstance(v, str):
            meaning.append(v)
        elif k == "notes" and isinstance(v, list | tuple):
            meaning += [str(n) for n in v]
        elif not isinstance(v, Mapping | list | tuple) or k in ("subscales", "scores"):
            scores.append((words(k), format_value(v)))
    return scores, [*meaning, score.meaning, *score.notes]


def instrument_views(assessment: Assessment, cites: Citations) -> tuple[InstrumentView, ...]:
    """Each scored instrument: its name, scores, what they mean and where the rule comes from."""
    out = []
    for key, score in assessment.instruments.items():
        scores, meaning = _scores_and_meaning(score)
        rules = instrument_rules()
        name = score.name or (rules[key].name if key in rules else words(key))
        out.append(
            InstrumentView(key, name, tuple(scores), tuple(meaning), cites_of(cites, score.cite))
        )
    return tuple(out)
