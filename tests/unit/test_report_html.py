"""The report page: self-contained, honest, referral first when suspended, every source listed.

These tests feed the renderer small hand-built dicts of the documented JSON shapes, so each can
change one thing (a suspension, a hostile name) and see the page follow.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kinchain.evidence import default_registry
from kinchain.report import render_html, render_pdf

AS_OF = dt.date(2026, 11, 25)


def _keys(n: int) -> list[str]:
    """Real citation keys, taken from the registry (code never spells a key)."""
    return sorted(default_registry())[:n]


def _client(name: str = "Ana Example") -> dict[str, Any]:
    return {
        "client": {"name": name, "birth_year": 1990, "life_stage": {"status": "none"}},
        "daily_minutes": 10,
        "goals": ["Walk the dog"],
        "injuries": [{"site": "ankle", "side": "left", "kind": "sprain", "date": "2010-05"}],
        "pain": [{"site": "sacroiliac", "side": "left", "intensity": 5}],
        "habits": {"sitting_hours": 8},
    }


def _assessment(*, suspended: bool = False) -> dict[str, Any]:
    k = _keys(3)
    referral = (
        {
            "urgency": "urgent",
            "reasons": ["history of cancer"],
            "advice": "Stop the program until a doctor has seen you.",
            "see": "your GP",
            "within": "within the next few days",
            "safety_net": "If your legs go weak, go to an emergency department.",
            "caveat": "Red flags alone rarely mean serious disease.",
            "cite": [k[0]],
            "flags": [],
        }
        if suspended
        else None
    )
    return {
        "referral": referral,
        "program_suspended": suspended,
        "joints": [
            {
                "site": "ankle",
                "side": "left",
                "stability_deficit": 0.4,
                "trail": [{"fact": "sprain", "rule": "plateau", "value": 0.4, "cite": [k[0]]}],
            }
        ],
        "contributors": [
            {
                "pain": {"site": "sacroiliac", "side": "left"},
                "source": {"kind": "injury", "site": "ankle", "side": "left", "ref": "injuries[0]"},
                "score": 0.6,
                "evidence": "EXP",
                "trail": [
                    {
                        "fact": "old sprain",
                        "rule": "chain",
                        "value": 0.6,
                        "cite": [k[1]],
                        "note": "a hypothesis",
                    }
                ],
            },
            {
                "pain": {"site": "sacroiliac", "side": "left"},
                "source": {
                    "kind": "habit",
                    "site": None,
                    "side": None,
                    "ref": "habits.sitting_hours",
                },
                "score": 0.1,
                "evidence": "SR/MA",
                "trail": [
                    {"fact": "sits 8 h", "rule": "not shown to cause", "value": 0.1, "cite": [k[2]]}
                ],
            },
        ],
        "weakest_links": [
            {
                "injury": {"site": "ankle", "side": "left"},
                "link": {"site": "hip", "side": "left"},
                "margin": 0.3,
                "trail": [],
            }
        ],
        "instruments": {"nprs": {"score": 5, "meaning": "moderate pain"}},
        "program": None
        if suspended
        else {
            "daily_minutes": 10,
            "routine": [
                {
                    "exercise": "balance",
                    "name": "Single-leg balance",
                    "minutes": 3,
                    "dose": "3 × 30 s",
                    "quality": "proprioception",
                    "targets": [{"site": "ankle", "side": "left"}],
                    "because": ["injuries[0]"],
                    "explanation": "Your left ankle was never rehabbed.",
                },
            ],
            "left_out": [],
            "habits": [{"area": "sitting", "advice": "Vary positions.", "evidence": "SR/MA"}],
            "phases": [{"name": "Settle", "weeks": [1, 4]}],
        },
    }


def _simulation() -> dict[str, Any]:
    t = [float(i) for i in range(0, 201, 2)]

    def bump(peak: float) -> list[float]:
        return [peak * math.sin(math.pi * x / 200) for x in t]

    joints = [
        {
            "site": s,
            "side": "left",
            "peak_force_n": f,
            "peak_force_bw": f / 600,
            "loading_rate_bw_s": 30.0,
            "energy_absorbed_j": e,
            "energy_passed_j": e / 2,
            "baseline": {
                "peak_force_n": f * 0.9,
                "peak_force_bw": f * 0.9 / 600,
                "loading_rate_bw_s": 28.0,
                "energy_absorbed_j": e * 0.8,
                "energy_passed_j": e / 3,
            },
        }
        for s, f, e in (("ankle", 1400.0, 10.0), ("knee", 1200.0, 12.0), ("hip", 1000.0, 9.0))
    ]
    return {
        "activity": "walk",
        "side": "left",
        "body_weight_n": 600.0,
        "joints": joints,
        "weakest_link": {"site": "hip", "side": "left", "margin": 0.3, "trail": []},
        "series": {
            "time_ms": t,
            "grf_n": bump(800),
            "baseline_grf_n": bump(760),
            "joints": {"ankle": {"client": bump(1400), "baseline": bump(1260)}},
        },
    }


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(_client(), _assessment(), _simulation(), as_of=AS_OF)


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


def test_every_citation_in_a_trail_is_numbered_and_resolved_in_the_reference_list(
    page: str,
) -> None:
    registry = default_registry()
    for key in _keys(3):
        assert f'title="{key}"' in page
    refs = re.findall(r'<li id="ref-(\d+)"', page)
    assert refs == [str(i) for i in range(1, len(refs) + 1)] and len(refs) == 3
    for key in _keys(3):
        assert str(registry[key].year or "") in page
        assert registry[key].title[:30].replace("&", "&amp;").replace("'", "&#39;") in page


def test_contributor_trails_are_expandable_and_open_in_the_print_version(page: str) -> None:
    assert page.count('<details class="contributor">') >= 2
    printed = render_html(_client(), _assessment(), _simulation(), as_of=AS_OF, for_print=True)
    assert '<details class="contributor">' not in printed
    assert '<details class="contributor" open>' in printed


def test_an_intake_pointer_is_shown_as_what_it_points_to(page: str) -> None:
    assert "left ankle sprain (2010-05)" in page
    assert "sitting hours: 8" in page


def test_the_mechanics_show_three_plots_each_with_a_reading(page: str) -> None:
    for plot in ("plot-grf", "plot-joints", "plot-energy"):
        block = page.split(f'id="{plot}"', 1)[1].split("</figure>", 1)[0]
        assert "<svg" in block
        assert 'class="reading"' in block and "without the old injuries" in block


def test_without_a_simulation_the_page_says_so_instead_of_plotting() -> None:
    html = render_html(_client(), _assessment(), None, as_of=AS_OF)
    assert "plot-grf" not in html and "No simulation is available" in html


def test_the_routine_shows_minutes_dose_and_the_clients_explanation(page: str) -> None:
    assert "Single-leg balance" in page and "3 min" in page and "3 × 30 s" in page
    assert "Your left ankle was never rehabbed." in page
    assert "weeks 1–4" in page


def test_a_suspended_program_leads_with_the_referral_and_gives_no_exercise() -> None:
    html = render_html(_client(), _assessment(suspended=True), _simulation(), as_of=AS_OF)
    assert html.index('id="referral"') < html.index('id="body-map"')
    for shown in ("your GP", "within the next few days", "history of cancer", "go weak"):
        assert shown in html
    assert 'class="routine"' not in html and 'class="exercise"' not in html
    assert "program is suspended" in html


def test_a_clients_name_cannot_inject_markup() -> None:
    html = render_html(_client("<script>alert(1)</script>"), _assessment(), None, as_of=AS_OF)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_pdf_has_real_pages(tmp_path: Path) -> None:
    html = render_html(_client(), _assessment(), _simulation(), as_of=AS_OF, for_print=True)
    pdf = render_pdf(html, tmp_path / "r.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 2


def test_a_routine_referral_is_shown_and_the_program_goes_on() -> None:
    assessment = _assessment()
    assessment["referral"] = {
        "urgency": "routine",
        "reasons": ["back pain before 45 with four inflammatory features"],
        "advice": "Ask your GP for a rheumatology referral.",
        "see": "a rheumatologist, through your GP",
        "within": "a routine referral",
        "safety_net": "",
        "caveat": "",
        "cite": [],
        "flags": [],
    }
    html = render_html(_client(), assessment, None, as_of=AS_OF)
    assert 'class="referral referral-routine"' in html
    assert "a rheumatologist, through your GP" in html
    assert 'class="routine"' in html and "the program goes on" in html


def test_at_a_glance_names_the_strongest_contributor_and_the_program_size(page: str) -> None:
    glance = page.split('id="at-a-glance"', 1)[1].split("</section>", 1)[0]
    # the site's words come from the body web (sites.yaml: "sacroiliac joint")
    assert "Left sacroiliac joint pain (5/10)" in glance and "left ankle sprain (2010-05)" in glance
    assert "from the left ankle to the left hip" in glance
    assert "of 10 minutes a day" in glance
