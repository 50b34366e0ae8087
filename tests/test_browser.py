"""The app in a real browser: `streamlit run` on loopback, driven by headless Chromium through Playwright.

Screenshots land in tests/artifacts/ (git-ignored):
- tests/artifacts/browser-chat.png: a cited answer, its source open with the cited sentence highlighted
- tests/artifacts/browser-compare.png: the "Compare sources" tab with the coverage chart
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
# An article that tries to run script in the page; it must show as text.
HOSTILE_ARTICLE = """Title: Ferry timetable for the bridge closure
Outlet: Harbor Notes

A temporary ferry <script>alert(1)</script> will cross the Kellan River every twenty minutes while the Greaves Street Bridge is closed.

Riders boarding at the west landing <img src=x onerror=alert(1)> pay no fare until the bridge reopens, the ferry operator said.
"""

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"streamlit exited with {server.returncode}: {server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"streamlit did not answer at {url} within {timeout} s")


@pytest.fixture
def app_url(tmp_path, isolated_home):
    """The app served on a free loopback port over a library holding the samples and the hostile article."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install it with `apt-get install -y chromium` to run the browser test")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")
    hostile = tmp_path / "harbor-notes.txt"
    hostile.write_text(HOSTILE_ARTICLE)
    env = {**os.environ, "MANYSIDES_HOME": str(isolated_home)}
    ingest = subprocess.run([sys.executable, "-m", "bot", "--home", str(isolated_home), "ingest", str(SAMPLES), str(hostile)],
                            env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_cited_answer_and_comparison_in_a_real_browser(app_url):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1600})
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.set_default_timeout(120_000)
            page.goto(app_url)

            # The page opens on the library and suggested questions.
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar.get_by_text("Metro Wire").first).to_be_visible(timeout=300_000)  # the first load reads the model
            expect(page.get_by_role("button", name="What do the outlets disagree on?")).to_be_visible()

            page.get_by_test_id("stChatInputTextArea").fill("How often will the ferry cross the river?")
            page.keyboard.press("Enter")
            answer = page.get_by_test_id("stChatMessage").nth(1)
            expect(answer).to_contain_text("[1]")
            expect(answer).to_contain_text("ferry")
            source = answer.get_by_test_id("stExpander").first
            expect(source).to_contain_text("[1] Harbor Notes")
            source.locator("summary").click()
            # The cited sentence, highlighted inside its article, with the article's markup shown as text and not run.
            expect(source.get_by_text("<script>alert(1)</script>", exact=False).first).to_be_visible()
            expect(source.locator("strong", has_text="A temporary ferry").first).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "browser-chat.png"))

            assert page.locator("script", has_text="alert").count() == 0
            assert page.locator("img[onerror]").count() == 0

            # What a newcomer asks first: the disagreement, cited from both sides.
            page.get_by_test_id("stChatInputTextArea").fill("What do the outlets disagree on?")
            page.keyboard.press("Enter")
            reply = page.get_by_test_id("stChatMessage").nth(3)
            expect(reply).to_contain_text("$4.2 million")
            expect(reply).to_contain_text("$6.8 million")
            expect(reply).to_contain_text("[1]")
            page.screenshot(path=str(ARTIFACTS / "browser-disagree.png"))

            page.get_by_role("tab", name="Compare sources").click()
            chart = page.get_by_test_id("stVegaLiteChart").first
            expect(chart).to_be_visible(timeout=180_000)
            expect(chart.locator("canvas, svg").first).to_be_visible()
            expect(page.get_by_text("What they agree on")).to_be_visible()
            expect(page.get_by_text("Where they conflict")).to_be_visible()
            chart.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser-compare.png"))
            assert page.locator("script", has_text="alert").count() == 0
            assert page.locator("img[onerror]").count() == 0
        finally:
            browser.close()
    assert not dialogs, f"the page ran script from an article: {dialogs}"
