"""The web app used as a coach uses it, in Debian's headless Chromium: the real server (uvicorn on
127.0.0.1, a free port) over a seeded SQLite file (tests/live_server.py).

One server and one browser serve every test (module scope); each test opens its own browser
context, so cookies never leak from one person to the next. Screenshots go to a temporary
folder, or to ``$KINCHAIN_SHOTS`` when set (to look at them by hand).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from kinchain.services.demo_records import DEMO_COACH
from live_server import OTHER_CLIENT, OTHER_COACH, PASSWORD, UNASSIGNED, LiveServer, live_server

pytestmark = pytest.mark.e2e

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
DEMO_NAMES = ("Maria Example", "Tom Example", "Ruth Example")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("web")) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("KINCHAIN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("shots")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True)  # type: ignore[arg-type]
    yield ctx
    ctx.close()


def _watch(page: Page, live: LiveServer) -> list[str]:
    """What the page asked of anything but the server, and every refused-by-CSP message."""
    problems: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((live.url, "data:"))
            else problems.append(f"fetched {r.url}"))
    page.on("console", lambda m: problems.append(m.text)
            if "Content Security Policy" in m.text else None)
    return problems


def _sign_in(page: Page, live: LiveServer, email: str) -> None:
    page.goto(f"{live.url}/dashboard")
    expect(page).to_have_url(f"{live.url}/login?next=/dashboard")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live.url}/dashboard")


def test_the_demo_coach_finds_maria_reads_a_trail_downloads_her_pdf_and_signs_out(
    context: BrowserContext, live: LiveServer, shots: Path
) -> None:
    page = context.new_page()
    problems = _watch(page, live)
    _sign_in(page, live, DEMO_COACH)
    rows = page.locator("#client-rows")
    for name in DEMO_NAMES:
        expect(rows.get_by_role("link", name=name)).to_be_visible()

    page.get_by_label("Find a client by name").fill("mar")  # HTMX: the list follows the typing
    expect(rows.get_by_role("link", name="Tom Example")).to_have_count(0)
    expect(rows.get_by_role("link", name="Maria Example")).to_be_visible()
    rows.get_by_role("link", name="Maria Example").click()
    expect(page).to_have_url(f"{live.url}/clients/{live.clients['maria']}")
    expect(page.get_by_role("heading", name="Maria Example", level=1)).to_be_visible()

    first = page.locator(".contributors > li").first
    trail = first.locator("details.trail-box")
    expect(trail.locator("ol.trail")).to_be_hidden()
    trail.locator("summary").click()
    expect(trail.locator("ol.trail li").first).to_be_visible()
    assert "ligament" in trail.locator("ol.trail").inner_text()
    page.screenshot(path=str(shots / "web-maria-trail.png"))

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert download.value.suggested_filename == "MariaExample-report.pdf"

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live.url}/login")
    page.goto(f"{live.url}/clients/{live.clients['maria']}")
    expect(page).to_have_url(f"{live.url}/login?next=/clients/{live.clients['maria']}")
    assert problems == []


def test_search_and_the_needs_me_filter_work_without_javascript(
    browser: Browser, live: LiveServer
) -> None:
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)  # type: ignore[arg-type]
    page = ctx.new_page()
    _sign_in(page, live, DEMO_COACH)
    page.get_by_label("Find a client by name").fill("tom")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{live.url}/dashboard?q=tom&reason=")
    links = page.locator("#client-rows a")
    expect(links).to_have_text(["Tom Example"])

    page.goto(f"{live.url}/dashboard")
    page.get_by_label("Why she needs you").select_option(label="Red flag")
    page.get_by_role("button", name="Show").click()
    expect(links).to_have_text(["Ruth Example"])
    expect(page.locator("#client-rows .tag.danger")).to_contain_text("program suspended")
    ctx.close()


@pytest.mark.parametrize("email", [OTHER_COACH, UNASSIGNED])
def test_a_coach_of_another_practice_or_of_no_client_sees_none_of_the_demo_clients(
    browser: Browser, live: LiveServer, email: str
) -> None:
    ctx = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    page = ctx.new_page()
    _sign_in(page, live, email)
    listed = page.locator("#client-rows").inner_text()
    assert not [name for name in DEMO_NAMES if name in listed]
    for path in ("", "/report", "/report.pdf"):
        answer = page.goto(f"{live.url}/clients/{live.clients['maria']}{path}")
        assert answer is not None and answer.status == 404
        expect(page.get_by_role("heading", name="Not found")).to_be_visible()
        assert "Maria" not in page.content()
    ctx.close()


def test_the_other_practice_coach_sees_her_own_client(browser: Browser, live: LiveServer) -> None:
    ctx = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    page = ctx.new_page()
    _sign_in(page, live, OTHER_COACH)
    page.locator("#client-rows").get_by_role("link", name=OTHER_CLIENT).click()
    expect(page).to_have_url(f"{live.url}/clients/{live.other_client}")
    expect(page.get_by_role("heading", name="Program suspended: refer first")).to_be_visible()
    ctx.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_every_page_fits_the_screen_and_keeps_to_its_content_security_policy(
    browser: Browser, live: LiveServer, shots: Path, viewport: dict[str, int]
) -> None:
    ctx = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    page = ctx.new_page()
    problems = _watch(page, live)
    width = viewport["width"]
    page.goto(f"{live.url}/login")
    page.screenshot(path=str(shots / f"web-login-{width}.png"))
    _sign_in(page, live, DEMO_COACH)
    pages = {"dashboard": "/dashboard", "not-found": "/clients/nobody",
             **{name: f"/clients/{cid}" for name, cid in live.clients.items()}}
    for name, path in pages.items():
        page.goto(f"{live.url}{path}")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} is {scroll} px wide on a {width} px screen"
        page.screenshot(path=str(shots / f"web-{name}-{width}.png"))
    ruth = page.goto(f"{live.url}/clients/{live.clients['ruth']}")
    assert ruth is not None and ruth.ok
    assert page.locator("section.referral").evaluate(
        "s => s === document.querySelector('main section')"), "the referral comes first"
    assert problems == []
    ctx.close()


def test_the_keyboard_reaches_the_skip_link_first_and_focus_is_visible(
    context: BrowserContext, live: LiveServer
) -> None:
    page = context.new_page()
    _sign_in(page, live, DEMO_COACH)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to the content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    for _ in range(12):  # the skip link, then the search form and the first client
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Maria Example":
            break
    else:
        raise AssertionError("twelve presses of Tab never reached Maria's row")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live.url}/clients/{live.clients['maria']}")
