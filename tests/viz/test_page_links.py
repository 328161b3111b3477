"""The page reads the actor graph from the projection (``ActorLinks``)
instead of building ``actor_graph()``: the page's data is the same as with
the networkx actor graph it replaced, on the sample, generated networks, a
network with a self-tie and one with a group too big to expand."""

from __future__ import annotations

import networkx as nx
import pytest

import actornet.viz.page_data as page_data_module
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.projection import BIG_GROUP
from actornet.loaders import read_network
from actornet.network_page import page_scores
from actornet.queries.partnership_map import partnership_map
from actornet.sample import sample_path
from actornet.viz.page_data import ActorLinks, page_data, page_scope


def _both(network, monkeypatch, **options):
    scope = page_scope(network, as_of=options.pop("as_of", None))
    scores = page_scores(scope.view)
    partners = partnership_map(network)
    mine = page_data(scope, scores, partners=partners, **options)
    with monkeypatch.context() as m:
        m.setattr(page_data_module, "ActorLinks", lambda P: scope.view.actor_graph())
        reference = page_data(scope, scores, partners=partners, **options)
    return mine, reference


def _odd_network():
    """A self-tie, a group of more than BIG_GROUP members, a small project."""
    G = nx.MultiDiGraph()
    G.add_node("home", kind="city", name="Home")
    G.add_node("twin", kind="city", name="Twin")
    G.add_edge("home", "twin", key="p", type="PARTNER_OF", since=2000)
    G.add_node("net", kind="network", name="Big network")
    G.add_node("proj", kind="project", name="Project", themes=["climate"], since=2010)
    for i in range(BIG_GROUP + 5):
        a = f"a{i}"
        G.add_node(a, kind="ngo", name=f"Actor {i}")
        G.add_edge(a, "home" if i % 2 else "twin", key=f"{a}@", type="BASED_IN")
        G.add_edge(a, "net", key=f"{a}>net", type="MEMBER_OF")
        if i < 6:
            G.add_edge(a, "proj", key=f"{a}>proj", type="PARTICIPATES_IN", weight=1 + i % 3)
        if i and i % 7 == 0:
            G.add_edge(a, f"a{i - 1}", key=f"t{i}", type="COOPERATES_WITH", weight=2.5,
                       themes=["culture"], since=2005)
    G.add_edge("a3", "a3", key="self", type="COOPERATES_WITH", weight=4)
    return ActorNetwork(G)


@pytest.mark.parametrize("make, options", [
    (lambda: read_network(sample_path()), {}),
    (lambda: read_network(sample_path()), {"as_of": 2016, "max_nodes": 40}),
    (lambda: read_network(sample_path()), {"focus": "Jakarta", "depth": 2}),
    (lambda: generated_network(2000, 10000, hubs=3, seed=2), {"max_nodes": 300}),
    (lambda: generated_network(400, 1500, cities=6, seed=9), {"layout": "geo"}),
    (_odd_network, {}),
    (_odd_network, {"max_nodes": 20}),
], ids=["sample", "sample-2016-cut", "sample-focus", "generated-hubs", "generated-geo",
        "self-tie-big-group", "self-tie-big-group-cut"])
def test_page_data_is_the_same_as_with_actor_graph(make, options, monkeypatch):
    mine, reference = _both(make(), monkeypatch, **options)
    assert mine == reference


def test_links_count_self_loops_like_actor_graph():
    net = _odd_network()
    links, A = ActorLinks(net.projection()), net.actor_graph()
    assert (links.number_of_nodes(), links.number_of_edges()) == (A.number_of_nodes(),
                                                                 A.number_of_edges())
    assert list(links) == list(A)
    assert set(links["a3"]) == set(A["a3"])
