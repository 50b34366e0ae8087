"""A browser walk-through: upload one real multi-outlet web story into an empty library and open the Compare tab.

    .venv/bin/python bench/walkthrough.py [OUT_DIR] [--story 51]

Writes the story's `multinews_dev` articles to temporary .txt files (as a reader would save them from the web; nothing
of ../shared is kept), serves the app (`streamlit run`, loopback, an empty temporary library) and drives it with headless
Chromium through Playwright, as tests/test_browser.py does. Full-page screenshots go to OUT_DIR (default
/tmp/manysides-walkthrough): 1-land.png, 2-uploaded.png, 3-compare.png, 4-chart.png, 5-sources.png. Look at each one:
no page clutter, no headline fragment as a label, and every column of the coverage chart labelled.

The default story, 51 (four outlets on one event), was held out of the clutter model's training.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import REPO, SHARED_DATA, require

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"streamlit did not answer at {url} within {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="/tmp/manysides-walkthrough", help="folder for the screenshots")
    parser.add_argument("--story", type=int, default=51, help="multinews_dev story index (one of 4 or more articles)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print("SKIPPED: no /usr/bin/chromium (apt-get install -y chromium)")
        return
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        print("SKIPPED: playwright is not installed (pip install -e '.[test]')")
        return
    path = require(SHARED_DATA / "multinews" / "multinews_dev.jsonl")
    story = json.loads(path.read_text(encoding="utf-8").splitlines()[args.story])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"story {args.story}: {len(story['passages'])} articles; screenshots in {out}")

    with tempfile.TemporaryDirectory() as scratch:
        home, folder = Path(scratch) / "home", Path(scratch) / "files"
        folder.mkdir()
        files = []
        for number, passage in enumerate(story["passages"], start=1):
            files.append(folder / f"{args.story:03d}_{number}.txt")  # a name that names no outlet, as a download often is
            files[-1].write_text(passage, encoding="utf-8")
        port = _free_port()
        env = {**os.environ, "MANYSIDES_HOME": str(home)}
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_serving(url, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
                try:
                    page = browser.new_page(viewport={"width": 1440, "height": 1400})
                    page.set_default_timeout(300_000)
                    page.goto(url)
                    sidebar = page.get_by_test_id("stSidebar")
                    expect(page.get_by_text("Add articles in the sidebar to begin").first).to_be_visible(timeout=300_000)
                    page.screenshot(path=str(out / "1-land.png"), full_page=True)
                    upload = sidebar.locator("input[type=file]")
                    if not upload.count():
                        sidebar.get_by_text("Add articles").click()
                    upload.set_input_files([str(f) for f in files])
                    sidebar.get_by_role("button", name="Add to the library").click()
                    expect(sidebar.get_by_text("Added:").first).to_be_visible(timeout=300_000)
                    page.wait_for_timeout(2000)
                    page.screenshot(path=str(out / "2-uploaded.png"), full_page=True)
                    page.get_by_role("tab", name="Compare sources").click()
                    expect(page.get_by_text("What the outlets agree on")).to_be_visible(timeout=400_000)
                    chart = page.get_by_test_id("stVegaLiteChart").first
                    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=60_000)
                    page.wait_for_timeout(2000)
                    # The app scrolls inside its main pane, so a "full page" is the window: make the window as tall as the page.
                    height = page.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
                    page.set_viewport_size({"width": 1440, "height": min(int(height) + 200, 30_000)})
                    page.wait_for_timeout(2000)
                    page.screenshot(path=str(out / "3-compare.png"), full_page=True)
                    box = chart.bounding_box()
                    if box:  # the chart's column labels and first rows, readable
                        page.screenshot(path=str(out / "4-chart.png"), clip={"x": box["x"], "y": box["y"], "width": box["width"],
                                                                             "height": min(box["height"], 1200)})
                    sidebar.screenshot(path=str(out / "5-sources.png"))
                finally:
                    browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    print("screenshots: " + ", ".join(sorted(p.name for p in out.glob("*.png"))))


if __name__ == "__main__":
    main()
