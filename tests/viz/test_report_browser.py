"""The planners' report in headless Chromium: offline, complete, inert to XSS.

Every request to anything but a file:// URL is blocked and recorded, in the
report and in the page embedded in it. Skips only when /usr/bin/chromium or
the playwright package is missing.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable
from actornet.network_report import network_report

from vizdata import XSS

pytestmark = pytest.mark.browser

def open_report(browser, path):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    record = {"outside": [], "dialogs": [], "errors": []}

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            record["outside"].append(r.request.url)
            r.abort()

    def dialog(d):
        record["dialogs"].append(d.message)
        d.dismiss()

    context.route("**/*", route)
    page.on("dialog", dialog)
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.goto(Path(path).resolve().as_uri())
    frame = page.frame_locator("#network")
    # A browser may pause an off-screen frame's animation: bring it into view, as a reader would.
    page.locator("iframe#network").scroll_into_view_if_needed()
    embedded = next(f for f in page.frames if f.url == "about:srcdoc")
    # Poll with evaluate (a CDP call): wait_for_function evals its predicate in
    # the frame, which the inherited CSP forbids ('unsafe-eval' is not allowed).
    deadline = time.monotonic() + 30
    while embedded.evaluate("window.actornetReady === true") is not True:
        if time.monotonic() > deadline:
            raise AssertionError("the embedded page never became ready")
        page.wait_for_timeout(100)
    return context, page, embedded, frame, record


def test_report_opens_offline_with_heatmap_tables_and_page(browser, berlin, tmp_path):
    path = network_report(berlin, tmp_path / "report.html")
    context, page, embedded, _, record = open_report(browser, path)
    try:
        cells = page.locator("#heatmap rect.cell")
        assert cells.count() == len(berlin.partnerships()) * len(berlin.themes)
        assert cells.first.is_visible()
        for table in ("#kinds", "#brokers", "#fragility", "#dormant", "#under-served"):
            assert page.locator(table).is_visible(), table
        assert page.locator("table.introductions").count() == 3
        # The embedded page runs (its scripts are allowed by hash) and draws every actor.
        assert embedded.evaluate("window.network.body.data.nodes.length") == \
            berlin.actor_graph().number_of_nodes()
        # It is sandboxed: an opaque origin, no reach into the report.
        assert embedded.evaluate("(() => { try { return !!window.parent.document; } "
                                 "catch (e) { return false; } })()") is False
        page.wait_for_timeout(300)
        assert record["outside"] == []
        assert record["dialogs"] == []
        assert record["errors"] == []
    finally:
        context.close()


def test_xss_corpus_fires_nothing(browser, hostile, tmp_path):
    G = hostile.graph.copy()
    G.nodes["paris"]["name"] = XSS["img"]
    net = ActorNetwork(G, themes=ThemeTable([Theme("climate", XSS["script"], XSS["href"], 3),
                                             Theme("sport", XSS["img"], "", 1)]))
    path = network_report(net, tmp_path / "x.html")
    context, page, embedded, _, record = open_report(browser, path)
    try:
        page.wait_for_timeout(500)
        assert page.locator("#heatmap rect.cell").count() == 4
        assert XSS["img"] in page.locator("#heatmap").text_content()  # shown as text
        assert page.locator("img").count() == 0
        assert embedded.locator("img").count() == 0
        assert record["dialogs"] == []
        assert record["outside"] == []
    finally:
        context.close()


@pytest.mark.parametrize("partners", [18, 80])
def test_the_report_embeds_the_partnership_map_readable(browser, berlin, tmp_path, partners):
    from maplabels import measure
    from mapnets import partners_network

    net = berlin if partners == 18 else partners_network(partners)
    path = network_report(net, tmp_path / "report.html")
    context, page, embedded, _, record = open_report(browser, path)
    try:
        assert embedded.evaluate("window.actornet.view()") == "map"
        m = measure(embedded)
        assert len(m["partners"]) == partners
        assert all(l["px"] >= 10 and l["inside"] and l["uncovered"] for l in m["labels"]), m["labels"]
        assert m["overlaps"] == [] and m["crossings"] == 0
        assert record["outside"] == [] and record["errors"] == []
    finally:
        context.close()
