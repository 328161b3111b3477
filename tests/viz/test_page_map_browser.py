"""The partnership map in headless Chromium: every partner city drawn with a
readable label in the first view at 1400x900 (on the Berlin sample, on
networks whose home city has 5, 26, 47 and 80 partner cities, and on 50,000
actors), the 80 most active drawn and the rest under "N more", the year never
in the future, a click opens a city's actors, the panel shows its gaps and
introductions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from actornet.graph.generate import generated_network
from actornet.graph.years import current_year
from actornet.network_page import network_page

from maplabels import measure
from mapnets import partners_network

pytestmark = pytest.mark.browser

#: The smallest label height on screen, in CSS pixels, that counts as readable.
READABLE_PX = 10
#: The window the first view must read well in.
WINDOW = {"width": 1400, "height": 900}


class Opened:
    def __init__(self, browser):
        self.context = browser.new_context(viewport=WINDOW)
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


def check_every_city_is_labelled(page, home_name, partner_names):
    """Every city's label on screen inside the map, readable (>= 10 px tall),
    nothing on top of either end (elementFromPoint: the map's canvas), no two
    overlapping, no spoke across a partner's label; the home city's label the
    largest, inside its own badge, drawn above the spokes."""
    assert page.evaluate("window.actornet.view()") == "map"
    m = measure(page)
    assert sorted(l["label"] for l in m["partners"]) == sorted(partner_names)
    for label in m["labels"]:
        assert label["drawn"] and label["px"] >= READABLE_PX, label
        assert label["inside"], label
        assert label["uncovered"], label
    assert m["overlaps"] == []
    assert m["crossings"] == 0
    assert m["home"] is not None and m["home"]["label"] == home_name
    assert m["home"]["boxed"] and m["home_crossed"] == 0
    assert m["home"]["px"] > max(l["px"] for l in m["partners"])
    return m


def test_first_view_shows_every_partner_city_labelled(opened, berlin_page, berlin):
    page = opened.open(berlin_page)
    names = [berlin.graph.nodes[p["city"]]["name"] for p in berlin.partnerships()]
    assert len(names) == 18
    check_every_city_is_labelled(page, "Berlin", names)
    assert opened.outside == [] and opened.errors == []


@pytest.mark.parametrize("partners", [5, 26, 47, 80])
def test_every_partner_city_readable_at_real_sizes(opened, tmp_path, partners):
    net = partners_network(partners)
    page = opened.open(network_page(net, tmp_path / "map.html"))
    names = [net.graph.nodes[p["city"]]["name"] for p in net.partnerships()]
    m = check_every_city_is_labelled(page, "Berlin", names)
    assert page.locator("#map-more-btn").count() == 0
    assert opened.outside == [] and opened.errors == []
    print(f"\n{partners} partner cities: smallest label {m['min_px']:.1f} px")


def test_above_eighty_the_most_active_are_drawn_and_the_rest_listed(opened, tmp_path):
    net = partners_network(95)
    page = opened.open(network_page(net, tmp_path / "map.html"))
    cities = page.evaluate("window.actornet.data.map.cities.slice(1)")
    drawn = [c for c in cities if c["onMap"]]
    rest = [c for c in cities if not c["onMap"]]
    assert len(drawn) == 80 and len(rest) == 15
    activity = lambda c: c["ties"] + c["projects"]  # noqa: E731
    assert min(map(activity, drawn)) >= max(map(activity, rest))
    check_every_city_is_labelled(page, "Berlin", [c["name"] for c in drawn])
    button = page.locator("#map-more-btn")
    assert button.is_visible() and button.inner_text() == "+ 15 more partner cities"
    button.click()
    listed = page.locator("#map-more .pick")
    assert sorted(listed.all_inner_texts()) == sorted(c["name"] for c in rest)
    first = listed.first.inner_text()
    listed.first.click()
    assert page.evaluate("window.actornet.view()") == "city"
    assert page.text_content("#selected").startswith(first)
    assert opened.outside == [] and opened.errors == []


def test_the_year_is_never_in_the_future(opened, tmp_path):
    net = partners_network(5, until=current_year() + 1)
    assert net.years()[1] == current_year() + 1
    page = opened.open(network_page(net, tmp_path / "map.html"))
    assert page.locator("#map-year").inner_text() == f"Partnerships in {current_year()}"
    assert page.locator("#map-year").is_visible()
    assert f"Partnerships as of {current_year()}" in page.text_content("#reference-year")
    asked = opened.open(network_page(net, tmp_path / "asked.html", as_of=2020))
    assert asked.locator("#map-year").inner_text() == "Partnerships in 2020"


def test_fifty_thousand_actors_every_partnership_on_screen(opened, tmp_path):
    started = time.perf_counter()
    net = generated_network(50_000, 200_000, seed=0)
    path = network_page(net, tmp_path / "50k.html")
    written = time.perf_counter()
    page = opened.open(path, timeout=120_000)
    names = [net.graph.nodes[p["city"]]["name"] for p in net.partnerships()]
    check_every_city_is_labelled(page, net.graph.nodes[net.home_city]["name"], names)
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
