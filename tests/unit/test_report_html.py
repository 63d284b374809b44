"""The report page: self-contained, honest, referral first when suspended, every source listed.

The page is rendered from the typed view of real clients (Maria; Ruth, whose red flag suspends
her program); a test that changes one thing (no simulation, a hostile name, a routine referral)
changes it in the client's intake or in the frozen view and sees the page follow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from markupsafe import escape

from kinchain.intake.files import read_intake_data
from kinchain.report import ReportView, build_report_view, render_html, render_pdf
from kinchain.report.view.model import ReferralView
from kinchain.report.view.words import format_value
from kinchain.services.evaluate import evaluate
from kinchain.services.intake import validate_intake

AS_OF = dt.date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _view(
    name: str = "maria", *, client_name: str | None = None, simulate: bool = True
) -> ReportView:
    data = read_intake_data(EXAMPLES / f"{name}.yaml")
    if client_name is not None:
        data["client"]["name"] = client_name
    intake = validate_intake(data, source=f"{name}.yaml", as_of=AS_OF)
    ev = evaluate(intake, as_of=AS_OF)
    simulation = ev.simulation(activity="walk") if simulate else None
    return build_report_view(intake, ev.assessment, ev.program, simulation, as_of=AS_OF)


@pytest.fixture(scope="module")
def view() -> ReportView:
    return _view()


@pytest.fixture(scope="module")
def page(view: ReportView) -> str:
    return render_html(view)


def test_the_page_needs_no_network_to_open(page: str) -> None:
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script" not in page and "@import" not in page and "@font-face" not in page


def test_the_page_reads_on_a_phone_and_prints(page: str) -> None:
    assert 'name="viewport"' in page and "width=device-width" in page
    assert "@media print" in page and "@media (max-width" in page


def test_the_page_says_it_is_not_a_diagnosis_and_states_date_and_units(page: str) -> None:
    assert "not a diagnosis" in page.lower()
    assert AS_OF.isoformat() in page
    assert "newtons (N)" in page and "joules (J)" in page


def test_every_citation_is_numbered_and_resolved_in_the_reference_list(
    view: ReportView, page: str
) -> None:
    cited = set(re.findall(r'href="#ref-(\d+)"', page))
    listed = re.findall(r'<li id="ref-(\d+)"', page)
    assert listed == [str(i) for i in range(1, len(listed) + 1)] and len(listed) > 10
    assert cited == set(listed)  # every number cited is listed, and every listed one is cited
    for ref in view.references:
        assert str(escape(ref.text[:30])) in page


def test_contributor_trails_are_expandable_and_open_in_the_print_version(
    view: ReportView, page: str
) -> None:
    assert page.count('<details class="contributor">') >= 2
    printed = render_html(view, for_print=True)
    assert '<details class="contributor">' not in printed
    assert '<details class="contributor" open>' in printed


def test_the_print_version_keeps_the_trails_of_the_best_two_contributors_to_each_pain(
    view: ReportView,
) -> None:
    printed = render_html(view, for_print=True)
    groups = [g for g in view.contributors if len(g.rows) > 2]
    assert groups
    shown = sum(min(len(g.rows), 12) - 2 for g in groups)
    assert printed.count("The step-by-step trail is in the HTML report.") == shown


def test_an_intake_pointer_is_shown_as_what_it_points_to(page: str) -> None:
    assert "From the intake: left ankle sprain (2006-05)" in page
    assert "From the intake: jog on road, 60 minutes a week" in page
    assert "minutes per week" not in page and "surface ," not in page


def test_the_mechanics_show_three_plots_each_with_a_reading(page: str) -> None:
    for plot in ("plot-grf", "plot-joints", "plot-energy"):
        block = page.split(f'id="{plot}"', 1)[1].split("</figure>", 1)[0]
        assert "<svg" in block
        assert 'class="reading"' in block and "without the old injuries" in block


def test_without_a_simulation_the_page_says_so_instead_of_plotting() -> None:
    html = render_html(_view(simulate=False))
    assert "plot-grf" not in html and "No simulation is available" in html


def test_the_routine_shows_minutes_dose_and_the_clients_explanation(
    view: ReportView, page: str
) -> None:
    assert view.program is not None and view.program.routine
    for item in view.program.routine:
        assert escape(item.name) in page
        assert f"{format_value(item.minutes)} min" in page
        assert escape(item.dose) in page
        assert escape(item.explanation) in page
    for phase in view.program.phases:
        assert f"(weeks {phase.weeks[0]}–{phase.weeks[1]})" in page


def test_a_suspended_program_leads_with_the_referral_and_gives_no_exercise() -> None:
    html = render_html(_view("ruth"))
    assert html.index('id="referral"') < html.index('id="body-map"')
    assert "Urgent medical review" in html and "Whom to see" in html and "How soon" in html
    assert 'class="routine"' not in html and 'class="exercise"' not in html
    assert "program is suspended" in html


def test_a_clients_name_cannot_inject_markup() -> None:
    html = render_html(_view(client_name="<script>alert(1)</script>", simulate=False))
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_pdf_has_real_pages(tmp_path: Path, view: ReportView) -> None:
    pdf = render_pdf(render_html(view, for_print=True), tmp_path / "r.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 2


def test_a_routine_referral_is_shown_and_the_program_goes_on(view: ReportView) -> None:
    referral = ReferralView(
        urgency="routine",
        title="Routine referral",
        tone="routine",
        see="a rheumatologist, through your GP",
        within="a routine referral",
        reasons=("back pain before 45 with four inflammatory features",),
        advice="Ask your GP for a rheumatology referral.",
        safety_net="",
        caveat="",
        suspended=False,
        cites=(),
    )
    html = render_html(dataclasses.replace(view, referral=referral))
    assert 'class="referral referral-routine"' in html
    assert "a rheumatologist, through your GP" in html
    assert 'class="routine"' in html and "the program goes on" in html


def test_at_a_glance_names_the_strongest_contributor_and_the_program_size(
    view: ReportView, page: str
) -> None:
    glance = page.split('id="at-a-glance"', 1)[1].split("</section>", 1)[0]
    worst = view.contributors[0]
    assert worst.intensity is not None
    # the site's words come from the body web (sites.yaml: "sacroiliac joint")
    assert f"Left sacroiliac joint pain ({worst.intensity}/10)" in glance
    assert escape(worst.rows[0].what) in glance
    assert "Next weakest link:</strong> from the left ankle to the" in glance
    assert view.program is not None
    program = view.program
    size = f"{format_value(program.total_minutes)} of {program.daily_minutes} minutes a day"
    assert f"{len(program.routine)} exercises in {size}" in glance
