"""Maria's routine on her phone in headless Chromium, with the network off: today's page comes
from the service worker's cache, a tick made offline is sent once when she is back online, and
a red-flag "yes" answered offline shows whom to contact at once."""

from __future__ import annotations

import threading
import time

import pytest
import uvicorn
from playwright.sync_api import sync_playwright

import smtp_inbox
from kinchain.config import Settings
from kinchain.web import create_app
from web_world import PASSWORD

pytestmark = pytest.mark.e2e

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture
def server(db, world):
    port = smtp_inbox.free_port()
    app = create_app(Settings(secret_key="x" * 43 + "="), db=db)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def _ticks(db, client_id):
    uow = db.unit_of_work("North", actor="check")
    with uow:
        return uow.ticks.for_client(client_id)


def _checkins(db, client_id):
    uow = db.unit_of_work("North", actor="check")
    with uow:
        return uow.checkins.for_client(client_id)


def _wait(predicate, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_her_routine_works_offline_and_the_queued_tick_and_check_in_arrive_once(
        db, world, server):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{server}/login")
        page.fill("#email", "maria@client.example")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/today")
        assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now through the worker, which keeps a copy
        page.goto(f"{server}/my/{world.maria}/checkin")
        page.goto(f"{server}/my/{world.maria}/today")

        context.set_offline(True)
        page.reload()
        assert "Today" in page.inner_text("h1")
        page.locator("form[data-offline=tick] button").first.click()
        assert "saved on this phone" in page.inner_text(".offline-note")
        assert _ticks(db, world.maria) == []

        context.set_offline(False)
        assert _wait(lambda: len(_ticks(db, world.maria)) == 1)
        page.wait_for_function("document.querySelector('.offline-note').textContent"
                               ".indexOf('is sent') >= 0")

        context.set_offline(True)
        page.goto(f"{server}/my/{world.maria}/checkin")
        emergency = page.locator("#emergency")
        assert not emergency.is_visible()
        page.check("input[name=effort][value=ok]")
        page.check("input[name=q_saddle_numbness][value=yes]")
        assert emergency.is_visible() and "999" in emergency.inner_text()
        page.click("form[data-offline=checkin] button[type=submit]")
        assert "saved on this phone" in page.inner_text(".offline-note")
        assert _checkins(db, world.maria) == []
        context.set_offline(False)
        assert _wait(lambda: len(_checkins(db, world.maria)) == 1)
        page.evaluate("window.dispatchEvent(new Event('online'))")  # a second flush sends nothing
        time.sleep(1)
        assert len(_checkins(db, world.maria)) == 1 and len(_ticks(db, world.maria)) == 1
        browser.close()
