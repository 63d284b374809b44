"""The three shared clients' reports, opened in headless Chromium: what a coach must see is seen.

One browser serves every test (module scope); each report is rendered once through the real
pipeline (intake, assessment, program, simulation). Screenshots go to a temporary folder, or to
``$KINCHAIN_SHOTS`` when set (to look at them by hand).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from kinchain.services import ReportFiles, render_report_file

pytestmark = pytest.mark.e2e

AS_OF = dt.date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CLIENTS = ("maria", "tom", "ruth")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("KINCHAIN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("shots")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ReportFiles]:
    out = tmp_path_factory.mktemp("reports")
    return {
        name: render_report_file(
            EXAMPLES / f"{name}.yaml",
            out=out / f"{name}.html",
            pdf=out / f"{name}.pdf",
            as_of=AS_OF,
        )
        for name in CLIENTS
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser: Browser, html: Path, viewport: dict[str, int]) -> Page:
    """Open a report; fail if the page asks for anything beyond its own file."""
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    url = html.resolve().as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    assert [u for u in fetched if u != url and not u.startswith("data:")] == []
    return page


def _seen(page: Page, selector: str) -> dict[str, Any]:
    """Scroll to the element and check it is visible, has a size and lies in the viewport."""
    loc = page.locator(selector).first
    loc.scroll_into_view_if_needed()
    assert loc.is_visible(), f"{selector} is not visible"
    box = loc.bounding_box()
    assert box is not None and box["width"] > 20 and box["height"] > 20, f"{selector}: {box}"
    view = page.viewport_size
    assert view is not None
    assert box["y"] < view["height"] and box["y"] + box["height"] > 0, f"{selector} off screen"
    assert box["x"] >= -1 and box["x"] + box["width"] <= view["width"] + 1, f"{selector} too wide"
    return box


@pytest.mark.parametrize("name", ["maria", "tom"])
def test_body_map_plots_and_program_are_visible(
    name: str, reports: dict[str, ReportFiles], browser: Browser, shots: Path
) -> None:
    page = _open(browser, reports[name].html, DESKTOP)
    page.screenshot(path=str(shots / f"{name}-desktop.png"), full_page=True)
    _seen(page, "svg.body-map")
    assert page.locator("svg.body-map .pain-mark").count() >= 1
    for plot in ("#plot-grf svg", "#plot-joints svg", "#plot-energy svg"):
        _seen(page, plot)
    _seen(page, "ol.routine")
    assert page.locator("ol.routine li.exercise").count() >= 1
    assert page.locator("#referral.suspended").count() == 0
    page.close()


def test_ruth_sees_the_referral_first_and_no_routine(
    reports: dict[str, ReportFiles], browser: Browser, shots: Path
) -> None:
    page = _open(browser, reports["ruth"].html, DESKTOP)
    page.screenshot(path=str(shots / "ruth-desktop.png"), full_page=True)
    box = _seen(page, "#referral")
    page.evaluate("window.scrollTo(0, 0)")
    first = page.locator("#referral").bounding_box()
    assert first is not None and first["y"] < DESKTOP["height"], "referral is below the fold"
    assert box["height"] > 40
    assert page.locator("ol.routine").count() == 0
    assert page.locator("li.exercise").count() == 0
    _seen(page, "svg.body-map")
    page.close()


@pytest.mark.parametrize("name", CLIENTS)
def test_on_a_phone_the_page_fits_the_width_and_the_map_is_visible(
    name: str, reports: dict[str, ReportFiles], browser: Browser, shots: Path
) -> None:
    page = _open(browser, reports[name].html, PHONE)
    page.screenshot(path=str(shots / f"{name}-phone.png"), full_page=False)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= PHONE["width"] + 1, f"page is {overflow}px wide on a 390px phone"
    _seen(page, "svg.body-map")
    if name != "ruth":
        _seen(page, "#plot-grf svg")
        _seen(page, "ol.routine")
    page.close()


def _pdf_text(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"Pages:\s+(\d+)", info.stdout)
    assert found is not None
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return int(found.group(1)), text


@pytest.mark.parametrize("name", CLIENTS)
def test_the_pdf_has_pages_and_the_key_headings(name: str, reports: dict[str, ReportFiles]) -> None:
    pdf = reports[name].pdf
    assert pdf is not None
    pages, text = _pdf_text(pdf)
    assert pages >= 2
    for heading in ("Body map", "Mechanics", "Assessment", "References", "Not a diagnosis"):
        assert heading in text, f"{heading!r} missing from {name}'s PDF"
    if name == "ruth":
        assert "See a clinician first" in text and "suspended" in text
        assert "today's routine" not in text
    else:
        assert "today's routine" in text
