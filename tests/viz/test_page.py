"""The network page without a browser: one offline file, escaped data, no contact data."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.graph.errors import ActornetError, ResolveError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import ACTOR_KINDS, Kind, Projection, TieType
from actornet.network_page import network_page
from actornet.viz.page_html import KIND_STYLE, TIE_STYLE
from actornet.viz.page_data import pseudonym
from actornet.graph.errors import VizError

from vizdata import CONTACT, PEOPLE_NAMES, XSS
from checks import graph_snapshot, person_spellings

KEY = "ACTORNET_PSEUDONYM_KEY"
NODE_FIELDS = {"id", "name", "kind", "city", "cityId", "themes", "aliases", "role", "betweenness",
               "rank", "x", "y", "size", "labelled", "why", "ties"}


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="actornet-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_one_self_contained_file(berlin, tmp_path):
    out = network_page(berlin, tmp_path / "a" / "b" / "page.html")
    assert out == tmp_path / "a" / "b" / "page.html"
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [out]
    html = out.read_text(encoding="utf-8")
    # No reference to another origin: no src/href/url() to http(s) or //host.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "@import" not in html
    assert "<link" not in html
    assert html.count("</script>") == 3  # data, vis-network, the page's own
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert meta, "no CSP meta"
    csp = meta.group(1).replace("&#39;", "'")
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "vis-network" in html and "Apache" in html  # the licence notice is kept


def test_counts_and_allowlisted_fields(berlin, tmp_path):
    data = page_data(network_page(berlin, tmp_path / "p.html").read_text(encoding="utf-8"))
    A = berlin.actor_graph()
    assert data["shown"] == {"actors": A.number_of_nodes(), "ties": A.number_of_edges()}
    assert len(data["nodes"]) == A.number_of_nodes() and len(data["edges"]) == A.number_of_edges()
    assert all(set(n) == NODE_FIELDS for n in data["nodes"])
    assert data["part"] is None


def test_no_contact_data(berlin, hostile, tmp_path):
    html = network_page(berlin, tmp_path / "b.html").read_text(encoding="utf-8")
    emails = {d["email"] for _, d in berlin.graph.nodes(data=True) if d.get("email")}
    assert emails and not [e for e in emails if e in html]
    html = network_page(hostile, tmp_path / "h.html").read_text(encoding="utf-8")
    assert not [c for c in CONTACT if c in html]
    assert "evil.example" not in html  # websites are not in the allowlist


@pytest.mark.parametrize("layout", ["spring", "geo"])
def test_never_mutates_the_network(berlin, hostile, tmp_path, layout):
    for net in (berlin, hostile):
        before = graph_snapshot(net.graph)
        network_page(net, tmp_path / f"{layout}.html", layout=layout, focus="Berlin", depth=2,
                     as_of=2020)
        network_page(net, tmp_path / f"{layout}.html", layout=layout)
        assert graph_snapshot(net.graph) == before
        assert "_viz" not in "".join(vars(net))


def test_xss_corpus_is_inert(hostile, tmp_path):
    html = network_page(hostile, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<img" not in html
    assert "alert(1)</script>" not in html and "<script>alert" not in html
    assert "<a href" not in html and 'href="javascript' not in html
    assert "onerror=alert" in html  # inside the JSON, with its < escaped ...
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    # ... and the JSON gives the names back exactly.
    names = {n["name"] for n in page_data(html)["nodes"]}
    assert {XSS["img"], XSS["script"], XSS["href"]} <= names
    # The hostile title is autoescaped where the template shows it.
    titled = network_page(hostile.subgraph(city="Berlin"), tmp_path / "y.html")
    assert "<img" not in titled.read_text(encoding="utf-8")


def test_same_input_same_bytes(berlin, tmp_path):
    for layout in ("spring", "geo"):
        a = network_page(berlin, tmp_path / "1.html", layout=layout, seed=3).read_bytes()
        b = network_page(berlin, tmp_path / "2.html", layout=layout, seed=3).read_bytes()
        assert a == b


_DRAW_A_PART = """
import sys
from actornet.sample import sample_path
from actornet.loaders import read_network
from actornet.viz.page_html import draw_page
draw_page(read_network(sample_path()), sys.argv[1], focus="Berlin", depth=2, max_nodes=25)
"""


def test_same_input_same_bytes_in_another_process(tmp_path):
    """A part of the network (a focus, a cut to size) is a set of actors, whose
    order changes with Python's string hashing from one process to the next;
    the page must not."""
    import os
    import subprocess
    import sys

    pages = []
    for hash_seed in ("1", "2"):
        path = tmp_path / f"{hash_seed}.html"
        subprocess.run([sys.executable, "-c", _DRAW_A_PART, str(path)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": hash_seed})
        pages.append(path.read_bytes())
    assert pages[0] == pages[1]


def test_redaction(hostile, berlin, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY, "test key 1")
    first = network_page(hostile, tmp_path / "r1.html", redact_people=True).read_text(encoding="utf-8")
    again = network_page(hostile, tmp_path / "r2.html", redact_people=True).read_text(encoding="utf-8")
    assert first == again  # stable across runs with the same key
    for secret in PEOPLE_NAMES + CONTACT + ['"p1"', '"p2"', "test key 1"]:
        assert secret not in first
    people = [n for n in page_data(first)["nodes"] if n["kind"] == Kind.PERSON.value]
    assert sorted(n["name"] for n in people) == sorted(
        pseudonym(b"test key 1", p) for p in ("p1", "p2"))
    assert all(n["id"] == n["name"] and n["aliases"] == [] for n in people)
    monkeypatch.setenv(KEY, "another key")
    other = network_page(hostile, tmp_path / "r3.html", redact_people=True).read_text(encoding="utf-8")
    assert {n["name"] for n in page_data(other)["nodes"]} != {n["name"] for n in page_data(first)["nodes"]}
    names = [d["name"] for _, d in berlin.graph.nodes(data=True) if d["kind"] == "person"]
    for focus in (None, "Jakarta"):  # people drawn, and people only listed for the search
        html = network_page(berlin, tmp_path / "b.html", redact_people=True,
                            focus=focus).read_text(encoding="utf-8")
        assert names and not [n for n in names if n in html]


def test_redaction_without_a_key_uses_a_random_one(berlin, tmp_path, monkeypatch):
    """No key: pseudonyms from a random key, the same person under the same
    pseudonym everywhere in the file, other pseudonyms in the next run; no
    person's name or alias anywhere (the actors and their tooltips' data, the
    map's panel data, the search index of actors not drawn)."""
    monkeypatch.delenv(KEY, raising=False)
    people = person_spellings(berlin)
    assert len(people) > 40
    first = network_page(berlin, tmp_path / "r1.html", redact_people=True, max_nodes=120)
    html = first.read_text(encoding="utf-8")
    assert [s for s in people if s in html or json.dumps(s)[1:-1] in html] == []
    data = page_data(html)
    drawn = {n["id"] for n in data["nodes"] if n["kind"] == Kind.PERSON.value}
    hidden = {h[0] for h in data["hidden"] if h[2] == Kind.PERSON.value}
    assert drawn and hidden  # people drawn, and people only in the search index
    assert all(p.startswith("Person ") for p in drawn | hidden)
    # Stable within the file: the map names the same pseudonyms the actors carry.
    in_map = {p["name"] for c in data["map"]["cities"][1:] for p in c.get("single", [])}
    assert in_map and in_map <= drawn | hidden
    again = page_data(network_page(berlin, tmp_path / "r2.html", redact_people=True,
                                   max_nodes=120).read_text(encoding="utf-8"))
    assert {n["id"] for n in again["nodes"] if n["kind"] == Kind.PERSON.value}.isdisjoint(drawn)


def test_options_and_errors(hostile, tmp_path):
    with pytest.raises(VizError):
        network_page(hostile, tmp_path / "x.html", layout="circle")
    with pytest.raises(ResolveError):
        network_page(hostile, tmp_path / "x.html", focus="Atlantis")
    assert issubclass(VizError, ActornetError)
    data = page_data(network_page(hostile, tmp_path / "f.html", focus="Djakarta", depth=1)
                     .read_text(encoding="utf-8"))
    assert data["focus"] == "jakarta"
    assert {n["id"] for n in data["nodes"]} == {"jakarta", *hostile.actor_graph()["jakarta"]}
    data = page_data(network_page(hostile, tmp_path / "t.html", as_of=2012).read_text(encoding="utf-8"))
    assert data["title"].endswith("(as of 2012)")


def test_geo_layout_places_cities(hostile, tmp_path):
    data = page_data(network_page(hostile, tmp_path / "g.html", layout="geo").read_text(encoding="utf-8"))
    at = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert at["paris"][0] < at["berlin"][0] < at["jakarta"][0]  # west to east
    assert at["jakarta"][1] > at["paris"][1] > at["berlin"][1]  # north is up


def test_big_network_is_drawn_in_part(tmp_path):
    net = generated_network(600, 2400, cities=5, seed=2)
    html = network_page(net, tmp_path / "g.html", max_nodes=120).read_text(encoding="utf-8")
    data = page_data(html)
    assert len(data["nodes"]) <= 120 and data["shown"]["actors"] == len(data["nodes"])
    assert data["total"]["actors"] == len(net.actors())
    assert "top broker" in data["part"]
    assert f"of {len(net.actors())} actors" in re.sub(r"\s+", " ", re.sub("<[^>]+>", "", html))
    top = max(data["nodes"], key=lambda n: n["betweenness"])
    assert top["rank"] == 1
    # The actors not drawn stay findable (id, name, kind, city, aliases).
    assert len(data["hidden"]) == data["total"]["actors"] - data["shown"]["actors"]
    assert {h[0] for h in data["hidden"]}.isdisjoint(n["id"] for n in data["nodes"])


def test_networks_without_cities_or_actors(tmp_path):
    G = nx.MultiDiGraph()
    for n in "abc":
        G.add_node(n, kind="ngo", name=n.upper())
    G.add_edge("a", "b", key="t1", type="COOPERATES_WITH")
    for layout in ("spring", "geo"):
        data = page_data(network_page(ActorNetwork(G), tmp_path / f"{layout}.html", layout=layout)
                         .read_text(encoding="utf-8"))
        assert data["shown"] == {"actors": 3, "ties": 1}
    data = page_data(network_page(ActorNetwork(nx.MultiDiGraph()), tmp_path / "empty.html")
                     .read_text(encoding="utf-8"))
    assert data["shown"] == {"actors": 0, "ties": 0} and data["nodes"] == []


def test_styles_come_from_the_schema():
    assert set(KIND_STYLE) == set(Kind)
    assert all(KIND_STYLE[k]["color"] for k in ACTOR_KINDS)
    # Every tie type that links actors in the actor graph has a style.
    linking = {t.value for t in TieType if t.projection is Projection.DIRECT}
    assert set(TIE_STYLE) == linking | {"SHARED_PROJECT"}


def test_cli_viz(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("NEO4J_URI", KEY):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["viz", "-o", "out/n.html", "--city", "Jakarta", "--layout", "geo"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "n.html").exists() and "Wrote out/n.html" in result.output
    result = runner.invoke(cli, ["viz", "--focus", "Atlantis"])
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    result = runner.invoke(cli, ["viz", "-o", "out/r.html", "--redact-people"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("\n") == 1 and "random key made for this run" in result.stderr
    assert KEY in result.stderr
    monkeypatch.setenv(KEY, "kept private")
    result = runner.invoke(cli, ["viz", "-o", "out/r.html", "--redact-people"])
    assert result.exit_code == 0 and result.stderr == ""
    result = runner.invoke(cli, ["viz", "--help"])
    assert "Example:" in result.output


def test_demo_writes_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = CliRunner().invoke(cli, ["demo", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "berlin-network.html").exists()
    assert "Wrote out/berlin-network.html" in result.output
