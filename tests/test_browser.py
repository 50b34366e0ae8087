"""The app in a real browser: `streamlit run` on loopback, driven by headless Chromium through Playwright.

Screenshots land in tests/artifacts/ (git-ignored):
- tests/artifacts/browser-chat.png: a cited answer, its source open with the cited sentence highlighted
- tests/artifacts/browser-compare.png: the "Compare sources" tab with the coverage chart
- tests/artifacts/newcomer-1-land.png ... newcomer-7-renamed.png: a newcomer's first minutes, step by step
  (land, "What happened?", upload two articles, only them, "what do they disagree on?", the Compare tab, rename an outlet)
"""

from __future__ import annotations

import os
import re
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
            source.locator("strong", has_text="A temporary ferry").first.scroll_into_view_if_needed()
            page.wait_for_timeout(1000)  # the expander opens with an animation; the screenshot shows it open
            page.screenshot(path=str(ARTIFACTS / "browser-chat.png"), animations="disabled")

            assert page.locator("script", has_text="alert").count() == 0
            assert page.locator("img[onerror]").count() == 0

            # What a newcomer asks first: the disagreement, cited from both sides.
            page.get_by_test_id("stChatInputTextArea").fill("What do the outlets disagree on?")
            page.keyboard.press("Enter")
            reply = page.get_by_test_id("stChatMessage").nth(3)
            expect(reply).to_contain_text("$4.2 million")
            expect(reply).to_contain_text("$6.8 million")
            expect(reply).to_contain_text("[2]")  # Harbor Notes keeps [1] from the first answer: numbers hold for the session
            page.screenshot(path=str(ARTIFACTS / "browser-disagree.png"))

            page.get_by_role("tab", name="Compare sources").click()
            chart = page.get_by_test_id("stVegaLiteChart").first
            expect(chart).to_be_visible(timeout=180_000)
            expect(chart.locator("canvas, svg").first).to_be_visible()
            expect(page.get_by_text("What the outlets agree on")).to_be_visible(timeout=120_000)
            expect(page.get_by_text("Where they differ")).to_be_visible(timeout=120_000)
            chart.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser-compare.png"))
            assert page.locator("script", has_text="alert").count() == 0
            assert page.locator("img[onerror]").count() == 0
        finally:
            browser.close()
    assert not dialogs, f"the page ran script from an article: {dialogs}"


STORY = SAMPLES.parent / "tests" / "stories" / "port-strike"


def _body(path: Path) -> tuple[dict[str, str], str]:
    """A story file's header fields and its text without them."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    return fields, body.strip()


def _settled(page) -> None:
    """Wait until the app has finished its current run (Streamlit's running icon is gone)."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=180_000)


def test_a_newcomers_first_minutes(app_url, tmp_path):
    """Land, ask "What happened?", upload two articles whose outlets are named only in their text (a byline, a copyright
    line), choose only them in one click, ask where they disagree, open the comparison, rename an outlet."""
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    meridian, meridian_text = _body(STORY / "daily-meridian.txt")
    herald, herald_text = _body(STORY / "coastal-herald.txt")
    uploads = [tmp_path / "strike-report.txt", tmp_path / "port-walkout.txt"]
    uploads[0].write_text(f"{meridian['Title']}\n\nBy {meridian['Author']}, {meridian['Outlet']}\n\n{meridian_text}\n")
    uploads[1].write_text(f"{herald['Title']}\n\n{herald_text}\n\nCopyright {herald['Outlet']} 2026. All rights reserved.\n")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1400})
            page.set_default_timeout(120_000)
            page.goto(app_url)
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar.get_by_text("Metro Wire").first).to_be_visible(timeout=300_000)
            page.screenshot(path=str(ARTIFACTS / "newcomer-1-land.png"))

            page.get_by_role("button", name="What happened?").click()
            answer = page.get_by_test_id("stChatMessage").nth(1)
            expect(answer).to_contain_text("[1]")
            expect(answer).not_to_contain_text("don't say")
            page.screenshot(path=str(ARTIFACTS / "newcomer-2-what-happened.png"))

            sidebar.get_by_text("Add articles").click()
            sidebar.locator("input[type=file]").set_input_files([str(p) for p in uploads])
            # The upload reruns the app, and a click during that run can be swallowed (seen once in a full run): wait for
            # both files to be listed, then for the run to end.
            for upload in uploads:
                expect(sidebar.get_by_text(upload.name)).to_be_visible()
            _settled(page)
            sidebar.get_by_role("button", name="Add to the library").click()
            expect(sidebar.get_by_text(f"Added: {meridian['Outlet']}").first).to_be_visible(timeout=180_000)
            expect(sidebar.get_by_text(f"Added: {herald['Outlet']}").first).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "newcomer-3-uploaded.png"))

            sidebar.get_by_role("button", name="Only the 2 just added").click()
            expect(page.get_by_text("2 of 7 articles selected")).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "newcomer-4-only-them.png"))

            page.get_by_test_id("stChatInputTextArea").fill("what do they disagree on?")
            page.keyboard.press("Enter")
            reply = page.get_by_test_id("stChatMessage").nth(3)
            expect(reply).to_contain_text("Where they differ")
            expect(reply).not_to_contain_text("Metro Wire")  # only the two chosen articles
            page.screenshot(path=str(ARTIFACTS / "newcomer-5-disagree.png"))

            page.get_by_role("tab", name="Compare sources").click()
            expect(page.get_by_text("In short")).to_be_visible(timeout=180_000)
            expect(page.get_by_text("What the outlets agree on")).to_be_visible(timeout=120_000)
            chart = page.get_by_test_id("stVegaLiteChart").first
            expect(chart.locator("canvas, svg").first).to_be_visible()
            main = page.get_by_test_id("stMain")
            expect(main.get_by_text(meridian["Outlet"]).first).to_be_visible()
            agreement = main.get_by_test_id("stExpander").filter(has_text=" — ").first  # "<shared claim> — <outlets>"
            agreement.locator("summary").click()  # each outlet's wording, side by side
            expect(agreement.get_by_text(meridian["Outlet"]).first).to_be_visible()
            expect(agreement.get_by_text(herald["Outlet"]).first).to_be_visible()
            page.wait_for_timeout(1000)  # the expander opens with an animation; the screenshot shows it open
            page.screenshot(path=str(ARTIFACTS / "newcomer-6-compare.png"), full_page=True, animations="disabled")

            box = sidebar.get_by_role("checkbox", name=re.compile(f"^{meridian['Outlet']} - "))
            _settled(page)  # a rerun still drawing the comparison can swallow the editor's form
            box.locator("xpath=following::summary[contains(., 'Edit outlet or title')][1]").click()  # that card's editor
            outlet = page.get_by_role("textbox", name="Outlet", exact=True)  # the open editor's field
            outlet.fill("The Meridian")
            expect(outlet).to_have_value("The Meridian")
            _settled(page)
            page.get_by_role("button", name="Save").click()
            expect(sidebar.get_by_text("The Meridian").first).to_be_visible()
            expect(main.get_by_text("The Meridian").first).to_be_visible(timeout=180_000)
            expect(box).to_have_count(0)  # the card is named by the new outlet (the removed byline still shows the old one)
            expect(sidebar.get_by_role("checkbox", name=re.compile("^The Meridian - "))).to_have_count(1)
            page.screenshot(path=str(ARTIFACTS / "newcomer-7-renamed.png"), full_page=True)
        finally:
            browser.close()
