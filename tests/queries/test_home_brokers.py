"""The home city's brokers (issue 20): known answers, a plain reference, sampling."""

from __future__ import annotations

import itertools
from fractions import Fraction

import networkx as nx
import pytest

from actornet.graph.errors import QueryError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.queries.home_brokers import HOME_COLUMNS, home_brokers


def _net(seats, ties, partners=("twin",)):
    G = nx.MultiDiGraph()
    G.add_node("home", kind="city", name="Home")
    for p in partners:
        G.add_node(p, kind="city", name=p.title())
        G.add_edge("home", p, key=f"home-{p}", type="PARTNER_OF")
    G.add_node("away", kind="city", name="Away")
    for n, seat in seats.items():
        G.add_node(n, kind="institution", name=n.upper())
        G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    for a, b in ties:
        G.add_edge(a, b, key=f"{a}-{b}", type="COOPERATES_WITH")
    return ActorNetwork(G)


def _exact(u, v, d):
    # exact lengths: float sums such as 1/3 + 1/3 + 1/3 vs 1 would split ties
    return 1 / Fraction(d["strength"]).limit_denominator(10**6)


def _reference(net):
    """Plain definition: per partnership, every (home actor, partner actor)
    pair connected over the ties among the two cities' actors; each actor on
    a shortest route carries the share of the pair's routes through it."""
    home = net.home_city
    carried, total = {}, 0.0
    G = net.actor_graph()
    for p in net.partnerships():
        sides = [a for a in G if net.city_of(a) in (home, p["city"])]
        H = G.subgraph(sides).copy()
        H.remove_edges_from([(u, v) for u, v, d in H.edges(data=True)
                             if d.get("types") == ["PARTNER_OF"]])
        homes = [a for a in H if net.city_of(a) == home]
        others = [a for a in H if net.city_of(a) == p["city"]]
        for s, t in itertools.product(homes, others):
            if not nx.has_path(H, s, t):
                continue
            paths = list(nx.all_shortest_paths(H, s, t, weight=_exact))
            total += 1
            for path in paths:
                for v in path:
                    carried[v] = carried.get(v, 0.0) + 1 / len(paths)
    return {v: c / total for v, c in carried.items()}, total


def test_known_answer_and_elsewhere_carries_nothing():
    # uni (home) is tied to both twin actors; a firm reaches them only via uni;
    # "hub" sits elsewhere and would give a shorter route, but is not the
    # partnership's.
    net = _net({"uni": "home", "firm": "home", "lab": "twin", "club": "twin", "hub": "away"},
               [("firm", "uni"), ("uni", "lab"), ("uni", "club"), ("firm", "hub"),
                ("hub", "lab")])
    table = home_brokers(net)
    assert list(table.columns) == HOME_COLUMNS
    got = dict(zip(table["actor"], table["share"]))
    assert got == {"uni": 1.0, "firm": 0.5, "lab": 0.5, "club": 0.5}
    assert "hub" not in got
    assert table.attrs["routes"] == 4.0
    assert table.iloc[0]["why"].startswith("Home actor on 100% of the routes")


def test_matches_the_plain_reference_on_a_generated_network():
    net = generated_network(100, 300, cities=4, seed=3)
    ref, total = _reference(net)
    table = home_brokers(net, top=None)
    assert table.attrs["routes"] == pytest.approx(total)
    got = dict(zip(table["actor"], table["share"]))
    assert set(got) == set(ref)
    for actor, share in ref.items():
        assert got[actor] == pytest.approx(share, rel=1e-9)


def test_python_backend_agrees_with_the_compiled_one():
    net = generated_network(40, 120, cities=3, seed=5)
    a = home_brokers(net, top=None, backend="python")
    b = home_brokers(net, top=None, backend="numba")
    assert list(a["actor"]) == list(b["actor"])
    assert a["share"].tolist() == pytest.approx(b["share"].tolist())


def test_sampling_is_seeded_and_said():
    net = generated_network(300, 1200, cities=3, seed=2)
    one = home_brokers(net, max_work=1, seed=4)
    two = home_brokers(net, max_work=1, seed=4)
    assert one.attrs["mode"] == "sampled"
    assert one.equals(two)
    assert home_brokers(net).attrs["mode"] == "exact"


def test_no_home_city_is_a_query_error():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    with pytest.raises(QueryError, match="scope network"):
        home_brokers(ActorNetwork(G))


def test_no_route_says_why():
    net = _net({"uni": "home", "lab": "twin"}, [])
    table = home_brokers(net)
    assert table.empty
    assert "no route runs between Home's actors" in table.attrs["note"]


def test_sample_network_names_berlin_actors(berlin):
    table = home_brokers(berlin, top=10)
    assert (table["side"] == "home").sum() >= 5
    for why in table["why"]:
        assert "elsewhere" not in why
