"""Screenshot the network page of the bundled sample as docs/network-page.png.

Uses the system Chromium (/usr/bin/chromium) through Playwright; never
downloads a browser.

    .venv/bin/python docs/make_page_screenshot.py
"""

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from actornet.sample import sample_path  # noqa: E402
from actornet.loaders import read_network  # noqa: E402
from actornet.network_page import network_page  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

with tempfile.TemporaryDirectory() as tmp:
    page_path = network_page(read_network(sample_path()), Path(tmp) / "berlin-network.html")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.goto(page_path.as_uri())
        page.wait_for_function("window.actornetReady === true")
        page.wait_for_timeout(500)
        page.screenshot(path=str(HERE / "network-page.png"))
        browser.close()
print(f"wrote {HERE / 'network-page.png'}")
