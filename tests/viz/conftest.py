"""Fixtures of the page tests: the Berlin sample, a small hostile network, and
one headless Chromium per module for the browser tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vizdata import hostile_network


@pytest.fixture
def hostile():
    return hostile_network()


# -- one headless Chromium per test module (the system's; never downloaded) ----

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Skips only when /usr/bin/chromium or the playwright package is missing."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
