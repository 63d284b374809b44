"""The report's view model: typed, frozen, free of markup, built once from the evaluation, and
carrying what the check-ins changed when there are any."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinchain.program import load_checkin
from kinchain.report import ReportView, build_report_view, render_html
from kinchain.report.view.words import describe_ref
from kinchain.services.evaluate import Evaluation, evaluate
from kinchain.services.intake import load_client

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = dt.date(2026, 10, 21)  # Maria's program date, before her three check-ins
TODAY = dt.date(2026, 12, 2)


def _view(ev: Evaluation) -> ReportView:
    sim = ev.simulation(activity="jog")
    return build_report_view(
        ev.intake, ev.assessment, ev.program, sim, as_of=ev.as_of, outcome=ev.outcome
    )


@pytest.fixture(scope="module")
def checked_in() -> Evaluation:
    checkins = [load_checkin(p, today=TODAY) for p in sorted(EXAMPLES.glob("checkin-maria-*"))]
    maria = load_client(EXAMPLES / "maria.yaml", as_of=AS_OF)
    return evaluate(maria, as_of=AS_OF, checkins=checkins)


@pytest.fixture(scope="module")
def view(checked_in: Evaluation) -> ReportView:
    return _view(checked_in)


def _strings(node: object) -> Iterator[str]:
    """Every text the view holds, however deep."""
    if isinstance(node, str):
        yield node
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            yield from _strings(getattr(node, f.name))
    elif isinstance(node, tuple | list):
        for item in node:
            yield from _strings(item)


def test_the_view_cannot_be_changed_once_built(view: ReportView) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.client.name = "someone else"  # type: ignore[misc]
    assert isinstance(view.contributors, tuple) and isinstance(view.references, tuple)


def test_the_view_holds_words_and_numbers_and_no_markup(view: ReportView) -> None:
    texts = list(_strings(view))
    assert len(texts) > 500
    tagged = [t for t in texts if re.search(r"</?[a-z][a-z0-9]*[ >/]", t)]
    assert tagged == []
    assert isinstance(view.as_of, dt.date) and isinstance(view.safety.cleared, tuple)


def test_a_report_after_check_ins_shows_the_program_the_client_follows_now_and_what_changed(
    checked_in: Evaluation, view: ReportView
) -> None:
    outcome = checked_in.outcome
    assert outcome is not None and outcome.changes and view.checkins is not None
    assert len(view.checkins.changes) == len(outcome.changes)
    assert [r.id for r in view.program.routine] == [  # type: ignore[union-attr]
        i.exercise.id for i in outcome.program.routine
    ]
    page = render_html(view)
    section = page.split('id="checkins-title"', 1)[1].split("<h3>", 1)[0]
    assert section.count("<li>") >= len(outcome.changes)
    first = outcome.changes[0]
    assert (
        f'<time datetime="{first.date}">' in section
        and f"<strong>{first.action}</strong>" in section
    )


def test_a_report_without_check_ins_has_no_check_in_section() -> None:
    ev = evaluate(load_client(EXAMPLES / "maria.yaml", as_of=TODAY), as_of=TODAY)
    view = _view(ev)
    assert view.checkins is None and 'id="checkins-title"' not in render_html(view)


def test_every_citation_of_the_view_is_numbered_once_in_the_order_of_first_use(
    view: ReportView,
) -> None:
    numbers = [ref.number for ref in view.references]
    assert numbers == list(range(1, len(numbers) + 1))
    keys = [ref.key for ref in view.references]
    assert len(set(keys)) == len(keys)


def test_an_activity_pointer_reads_as_the_activity_and_its_weekly_minutes() -> None:
    tom = load_client(EXAMPLES / "tom.yaml", as_of=TODAY)
    words = [describe_ref(tom, f"activities[{i}]") for i in range(len(tom.activities))]
    assert words and all("minutes a week" in w and "kind " not in w for w in words)
    assert describe_ref(tom, "activities[99]") == "activities[99]"
    assert describe_ref(tom, "") == ""
