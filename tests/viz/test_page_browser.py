"""The network page in headless Chromium: offline, searchable, filterable, inert to XSS.

One browser per module; each test gets a fresh page that blocks and records
every request to anything but a file:// URL. Skips only when /usr/bin/chromium
or the playwright package is missing.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from actornet.graph.generate import generated_network
from actornet.queries.paths import introduction_path
from actornet.network_page import network_page

from pngcount import distinct_colours
from vizdata import XSS

pytestmark = pytest.mark.browser

class Opened:
    """A page with its record of outside requests, dialogs and console errors."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.outside, self.dialogs, self.errors = [], [], []
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path, timeout=30_000):
        self.page.goto(Path(path).resolve().as_uri())
        self.page.wait_for_function("window.actornetReady === true", timeout=timeout)
        return self.page

    def counts(self):
        return self.page.evaluate(
            "[window.network.body.data.nodes.length, window.network.body.data.edges.length]")

    def shown_ids(self):
        return set(self.page.evaluate("window.network.body.data.nodes.getIds()"))


@pytest.fixture
def opened(browser):
    o = Opened(browser)
    yield o
    o.context.close()


@pytest.fixture(scope="module")
def berlin_page(tmp_path_factory, berlin):
    return network_page(berlin, tmp_path_factory.mktemp("page") / "berlin.html")


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    from vizdata import hostile_network

    return network_page(hostile_network(), tmp_path_factory.mktemp("page") / "hostile.html")


def test_shows_what_it_says_and_asks_nobody(opened, berlin_page, berlin):
    page = opened.open(berlin_page)
    nodes, edges = opened.counts()
    A = berlin.actor_graph()
    assert (nodes, edges) == (A.number_of_nodes(), A.number_of_edges())
    assert page.text_content("#count-actors") == str(nodes)
    assert page.text_content("#count-ties") == str(edges)
    page.evaluate("window.actornet.show('actors')")  # the first view is the partnership map
    page.hover("#network", position={"x": 600, "y": 400})
    page.fill("#search", "jak")
    assert opened.outside == []
    assert opened.errors == []  # among others: no Content-Security-Policy violation


def test_search_finds_jakarta_by_its_alias(opened, hostile_page):
    page = opened.open(hostile_page)
    page.fill("#search", "Djakarta")
    first = page.locator("#search-suggest li").first
    assert first.get_attribute("data-id") == "jakarta"
    assert "also Djakarta" in first.inner_text()
    page.press("#search", "Enter")
    assert page.input_value("#search") == "Jakarta"
    assert page.text_content("#selected").startswith("Jakarta")
    assert page.evaluate("window.network.getSelectedNodes()") == ["jakarta"]
    page.fill("#search", "batav")  # a prefix of the other alias, any case
    assert page.locator("#search-suggest li").first.get_attribute("data-id") == "jakarta"


def test_filters_hide_what_they_should(opened, berlin_page, berlin):
    page = opened.open(berlin_page)
    people = {a for a in berlin.actors() if berlin.kind(a).value == "person"}
    page.uncheck("#kind-person")
    shown = opened.shown_ids()
    assert shown and not shown & people and len(shown) == len(berlin.actors()) - len(people)
    assert page.text_content("#count-actors") == str(len(shown))
    page.click("#reset-btn")
    assert len(opened.shown_ids()) == len(berlin.actors())
    page.select_option("#theme-filter", "climate")
    data = page.evaluate("window.actornet.data.nodes")
    assert opened.shown_ids() == {n["id"] for n in data if "climate" in n["themes"]}
    page.click("#reset-btn")
    page.select_option("#city-filter", "jakarta")
    A = berlin.actor_graph()
    inside = {a for a in A if berlin.city_of(a) == "jakarta"}
    assert opened.shown_ids() == inside | {nb for a in inside for nb in A[a]}
    page.click("#reset-btn")
    page.select_option("#role-filter", "*")
    assert opened.shown_ids() == {n["id"] for n in data if n["role"]}
    page.click("#reset-btn")
    page.fill("#year-to", "1970")  # only ties begun by 1970 (or undated) remain
    edges = page.evaluate("window.network.body.data.edges.get()")
    by_id = {e["id"]: e for e in page.evaluate("window.actornet.data.edges")}
    assert edges and all(by_id[e["id"]]["since"] is None or by_id[e["id"]]["since"] <= 1970
                         for e in edges)
    assert len(edges) < len(by_id)


def test_focus_on_a_neighbourhood(opened, berlin_page, berlin):
    page = opened.open(berlin_page)
    A = berlin.actor_graph()
    page.fill("#search", "Jakarta")
    page.press("#search", "Enter")
    page.click("#focus-btn")
    assert opened.shown_ids() == {"jakarta", *A["jakarta"]}
    page.select_option("#depth", "2")
    two = {"jakarta", *A["jakarta"]}
    two |= {nb for a in list(two) for nb in A[a]}
    assert opened.shown_ids() == two
    page.click("#unfocus-btn")
    assert len(opened.shown_ids()) == A.number_of_nodes()


def test_introduction_path_is_highlighted(opened, berlin_page, berlin):
    page = opened.open(berlin_page)
    source, target = "universitas_indonesia", "fu_berlin"
    if target not in berlin.graph:
        target = max(berlin.actor_graph().degree, key=lambda x: x[1])[0]
    expected = introduction_path(berlin, source, target)[0].actors
    for box, actor in (("#path-from", source), ("#path-to", target)):
        name = berlin.graph.nodes[actor]["name"]
        page.fill(box, name)
        page.locator(f"{box}-suggest li[data-id='{actor}']").first.dispatch_event("mousedown")
    page.click("#path-btn")
    assert page.evaluate("window.actornet.state.path.nodes") == list(expected)
    assert page.locator("#path-result li").count() == len(expected)
    edges = page.evaluate("window.actornet.state.path.edges")
    colours = page.evaluate(
        "ids => ids.map(id => window.network.body.data.edges.get(id).color.color)", edges)
    assert set(colours) == {"#d62728"}
    page.click("#path-clear")
    assert page.evaluate("window.actornet.state.path") is None


def test_xss_corpus_is_inert(opened, hostile_page):
    page = opened.open(hostile_page)
    page.fill("#search", "<img")  # renders the hostile names as suggestions
    assert XSS["img"] in page.text_content("#search-suggest")  # shown as text
    page.fill("#path-from", "script")
    assert XSS["script"] in page.text_content("#path-from-suggest")
    page.evaluate("window.actornet.select('x_href')")
    tips = []
    for node in ("x_img", "x_script", "x_href"):
        xy = page.evaluate(f"window.network.canvasToDOM(window.network.getPosition('{node}'))")
        box = page.locator("#network").bounding_box()
        page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        page.wait_for_timeout(400)  # the tooltip shows
        tips.append(page.evaluate(
            "(document.querySelector('.vis-tooltip') || {}).textContent || ''"))
    # Tooltips show the names as text (hovering may land on a neighbour: any one will do).
    assert any(XSS["img"] in t or XSS["script"] in t or XSS["href"] in t for t in tips), tips
    assert opened.dialogs == []
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href]").count() == 0
    assert page.locator("script").count() == 3
    assert XSS["href"] in page.text_content("#selected")
    assert opened.outside == []


def test_screenshot_is_not_blank(opened, berlin_page, tmp_path):
    page = opened.open(berlin_page)
    shot = tmp_path / "berlin.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert distinct_colours(shot.read_bytes()) > 20


def test_ten_thousand_actors(opened, tmp_path):
    started = time.perf_counter()
    net = generated_network(10_000, 50_000, seed=0)
    generated = time.perf_counter()
    path = network_page(net, tmp_path / "10k.html")
    written = time.perf_counter()
    page = opened.open(path, timeout=120_000)
    ready = time.perf_counter()
    nodes, edges = opened.counts()
    shown = page.evaluate("window.actornet.data.shown")
    assert (nodes, edges) == (shown["actors"], shown["ties"])
    undrawn = page.evaluate("window.actornet.data.hidden[0]")
    page.fill("#search", undrawn[1])
    page.press("#search", "Enter")
    assert "not drawn in this page" in page.text_content("#search-status")
    page.fill("#search", "a")
    page.uncheck("#kind-person")
    filtered = time.perf_counter()
    assert opened.counts()[0] < nodes
    assert opened.outside == [] and opened.errors == []
    print(f"\n10k actors / 50k ties: generated {generated - started:.1f} s, page written "
          f"{written - generated:.1f} s ({path.stat().st_size / 1e6:.1f} MB, {nodes} actors and "
          f"{edges} ties drawn), opened and drawn {ready - written:.1f} s, a filter "
          f"{filtered - ready:.2f} s")


@pytest.fixture(scope="module")
def themed_page(tmp_path_factory):
    import networkx as nx

    from actornet.graph.network import ActorNetwork
    from actornet.graph.schema import Theme, ThemeTable

    G = nx.MultiDiGraph()
    G.add_node("a", kind="institution", name="Alpha Institute", themes=["SC5"])
    G.add_node("b", kind="institution", name="Beta University")
    G.add_edge("a", "b", key="t1", type="COOPERATES_WITH", themes=["SC5"], since=2019)
    sc5 = Theme("SC5", "Climate action, environment, resource efficiency and raw materials",
                properties={"short_en": "Climate and environment"})
    network = ActorNetwork(G, ThemeTable([sc5]))
    return network_page(network, tmp_path_factory.mktemp("page") / "themed.html")


def test_themes_in_words_in_tooltips_menu_and_panel(opened, themed_page):
    page = opened.open(themed_page)
    node_tip = page.evaluate("window.network.body.data.nodes.get('a').title.textContent")
    edge_tip = page.evaluate("window.network.body.data.edges.get()[0].title.textContent")
    menu = page.text_content("#theme-filter")
    page.evaluate("window.actornet.select('a')")
    panel = page.text_content("#selected")
    assert "themes: Climate and environment" in node_tip
    assert "themes: Climate and environment" in edge_tip
    assert "Climate and environment" in menu
    assert "themes: Climate action, environment, resource efficiency" in panel
    assert "SC5" not in node_tip + edge_tip + menu + panel
    assert opened.errors == []
