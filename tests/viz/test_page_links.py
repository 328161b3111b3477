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
from actornet.viz.page_names import page_id


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


@pytest.mark.parametrize("make", [
    lambda: generated_network(400, 1500, cities=6, hubs=2, seed=9),
    lambda: generated_network(1500, 8000, cities=6, seed=4).as_of(2012),
    _odd_network,
], ids=["generated-hubs", "generated-as-of", "self-tie-big-group"])
def test_drawn_links_are_the_projections_and_actor_graphs(make):
    """The links the page draws among the actors kept are the projection's
    (``edges_among``) and those of ``actor_graph()`` cut to the same actors:
    the same actors, links, attributes and order."""
    net = make()
    P, A = net.projection(), net.actor_graph()
    links = ActorLinks(P)
    for share in (0.05, 0.3, 1.0):
        keep = set(P.nodes[::max(1, round(1 / share))])
        drawn = links.drawn(keep)
        reference = A.subgraph(a for a in A if a in keep)
        assert list(drawn) == [a for a in A if a in keep]  # in the network's order
        assert set(drawn) == set(reference)
        assert [(a, b, d) for a, b, d in P.edges_among(keep)] == [
            (a, b, d) for a, b, d in P.edges() if a in keep and b in keep]
        assert _by_pair(drawn) == _by_pair(reference)
        assert drawn.number_of_edges() == reference.number_of_edges()
    assert drawn.number_of_edges() == A.number_of_edges() > 0  # all kept: every link


def _by_pair(A):
    return {frozenset((a, b)): d for a, b, d in A.edges(data=True)}


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_a_focus_draws_the_projections_ball(depth):
    """The actors drawn around a focus are the projection's ball around it,
    which is networkx's ball on ``actor_graph()``."""
    net = read_network(sample_path())
    scope = page_scope(net)
    P = scope.view.projection()
    start = net.resolve("Jakarta")
    page = page_data(scope, focus="Jakarta", depth=depth, max_nodes=10_000)
    expected = P.ball(start, depth)
    assert expected == set(nx.single_source_shortest_path_length(net.actor_graph(), start,
                                                                 cutoff=depth))
    assert {n["id"] for n in page["nodes"]} == {page_id(scope.view, a, None) for a in expected}
