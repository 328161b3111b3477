"""The partnership map in headless Chromium: every partner city drawn with a
readable label in the first view (on the Berlin sample and on 50,000 actors),
a click opens a city's actors, the panel shows its gaps and introductions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from actornet.graph.generate import generated_network
from actornet.page import network_page

pytestmark = pytest.mark.browser

#: The smallest rendered label font, in CSS pixels, that counts as readable.
READABLE_PX = 10

# Every node of the map as drawn: its label's box in page pixels (vis-network
# measures it while drawing), the font size on screen and whether vis-network
# draws the label at this scale at all.
LABELS_JS = """() => {
  const net = window.mapNetwork, scale = net.getScale();
  const threshold = net.body.nodes[net.body.nodeIndices[0]].options.scaling.label.drawThreshold;
  return net.body.nodeIndices.map(id => {
    const node = net.body.nodes[id], size = node.labelModule.size;
    const a = net.canvasToDOM({x: size.left, y: size.top});
    const b = net.canvasToDOM({x: size.left + size.width, y: size.top + size.height});
    const px = node.labelModule.fontOptions.size * scale;
    return {id, label: node.options.label, left: a.x, top: a.y, right: b.x, bottom: b.y,
            px, drawn: px >= threshold};
  });
}"""


class Opened:
    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.outside, self.errors = [], []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path, timeout=30_000):
        self.page.goto(Path(path).resolve().as_uri())
        self.page.wait_for_function("window.actornetReady === true", timeout=timeout)
        return self.page


@pytest.fixture
def opened(browser):
    o = Opened(browser)
    yield o
    o.context.close()


@pytest.fixture(scope="module")
def berlin_page(tmp_path_factory, berlin):
    return network_page(berlin, tmp_path_factory.mktemp("map") / "berlin.html")


def check_every_city_is_labelled(page, expected_names):
    """Every city is on screen with its label, readable, overlapping no other."""
    assert page.evaluate("window.actornet.view()") == "map"
    labels = page.evaluate(LABELS_JS)
    assert sorted(l["label"] for l in labels) == sorted(expected_names)
    canvas = page.locator("#map").bounding_box()
    legend = page.locator("#legend").bounding_box()
    for l in labels:
        assert l["drawn"] and l["px"] >= READABLE_PX, l
        assert 0 <= l["left"] and l["right"] <= canvas["width"], l
        assert 0 <= l["top"] and l["bottom"] <= canvas["height"], l
        # not under the legend (top right of the drawing)
        x0 = legend["x"] - canvas["x"]
        y1 = legend["y"] - canvas["y"] + legend["height"]
        assert l["right"] <= x0 or l["top"] >= y1, l
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            assert apart, (a, b)


def test_first_view_shows_every_partner_city_labelled(opened, berlin_page, berlin):
    page = opened.open(berlin_page)
    names = [berlin.graph.nodes[c]["name"] for c in ["berlin"] + [p["city"] for p in berlin.partnerships()]]
    assert len(names) == 19
    check_every_city_is_labelled(page, names)
    assert opened.outside == [] and opened.errors == []


def test_fifty_thousand_actors_every_partnership_on_screen(opened, tmp_path):
    started = time.perf_counter()
    net = generated_network(50_000, 200_000, seed=0)
    path = network_page(net, tmp_path / "50k.html")
    written = time.perf_counter()
    page = opened.open(path, timeout=120_000)
    names = [net.graph.nodes[c]["name"] for c in [net.home_city] + [p["city"] for p in net.partnerships()]]
    check_every_city_is_labelled(page, names)
    cities = page.evaluate("window.actornet.data.map.cities")
    assert all(len(c["actors"]) <= 30 for c in cities)
    assert opened.outside == [] and opened.errors == []
    print(f"\n50k actors / 200k ties: page written in {written - started:.1f} s "
          f"({path.stat().st_size / 1e6:.1f} MB), opened in {time.perf_counter() - written:.1f} s")


def click_node(page, node):
    xy = page.evaluate(f"window.mapNetwork.canvasToDOM(window.mapNetwork.getPosition({node!r}))")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


def test_clicking_a_city_opens_its_actors_and_its_gaps(opened, berlin_page, berlin):
    page = opened.open(berlin_page)
    click_node(page, "tashkent")
    assert page.evaluate("window.actornet.view()") == "city"
    shown = set(page.evaluate("window.mapNetwork.body.data.nodes.getIds()"))
    inside = {a for a in berlin.actors() if berlin.city_of(a) == "tashkent" and a != "tashkent"}
    assert inside and inside <= shown
    assert {"kind:institution", "kind:person"} <= shown  # grouped by kind, headed
    panel = page.text_content("#selected")
    assert panel.startswith("Tashkent")
    assert "Gaps and why" in panel and "One route carries it" in panel
    assert "Aziza Rahimova-Klein" in panel  # the one person holding it, by name
    assert "Recommended introductions" in panel and " meets " in panel
    assert page.locator("#selected .intro").count() == 3  # its three missing priority themes
    # An actor opens its neighbourhood; a button goes back to the map.
    click_node(page, "nuu_tashkent")
    assert page.evaluate("window.actornet.view()") == "actors"
    assert page.evaluate("window.actornet.state.focus") == "nuu_tashkent"
    assert page.text_content("#selected").startswith("National University of Uzbekistan")
    assert "Strongest ties" in page.text_content("#selected")
    page.click("#map-btn")
    assert page.evaluate("window.actornet.view()") == "map"
    assert opened.outside == [] and opened.errors == []


def test_search_suggests_the_nearest_names(opened, berlin_page):
    page = opened.open(berlin_page)
    page.fill("#search", "Humbolt Univ")  # misspelt: no name contains it
    items = page.locator("#search-suggest li")
    assert "nearest" in items.first.inner_text()
    assert items.nth(1).get_attribute("data-id") == "hu_berlin"
    page.fill("#search", "TASHKEND")  # case and a letter off
    assert page.locator("#search-suggest li").first.inner_text().startswith("No match")
    ids = page.evaluate("Array.from(document.querySelectorAll('#search-suggest li[data-id]'))"
                        ".map(li => li.dataset.id)")
    assert "tashkent" in ids
    page.fill("#search", "UNIVERSITAS INDONÉSIA")  # accents and case ignored
    assert page.locator("#search-suggest li").first.get_attribute("data-id") == "universitas_indonesia"
