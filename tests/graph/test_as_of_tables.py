"""The network as of a year, made from its column tables, equals the graph of
the ties valid that year, built tie by tie as before: the same nodes, ties,
keys, attributes and predecessor order, and the same tables, array for
array."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from actornet.graph.columns import graph_tables
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable


def reference_as_of(net, year):
    """The ties valid in ``year`` added one by one to a copy of the nodes."""
    G = nx.MultiDiGraph(**net.graph.graph)
    G.add_nodes_from(net.graph.nodes(data=True))
    G.add_edges_from((u, v, k, d) for u, v, k, d in net.ties() if net.active(u, v, k, year))
    return G


def odd_network():
    """Ties that take their years every way: their own, a group's (a
    project, a network), a named project (a node or not), none at all, an
    explicit None, and attributes some kept rows lack."""
    G = nx.MultiDiGraph(name="odd")
    G.add_node("city", kind="city", name="City")
    for n in ("a", "b", "c"):
        G.add_node(n, kind="ngo", name=n.upper())
        G.add_edge(n, "city", key=f"{n} in city", type="BASED_IN")
    G.add_node("p", kind="project", name="P", since=2010, until=2012)
    G.add_node("q", kind="project", name="Q", since=2015)
    G.add_node("open", kind="project", name="Open")
    G.add_node("club", kind="network", name="Club", until=2011)
    G.add_edge("a", "p", key="a in p", type="PARTICIPATES_IN", role="coordinator")
    G.add_edge("b", "p", key="b in p", type="PARTICIPATES_IN", until=2014, weight=2.0)
    G.add_edge("c", "q", key="c in q", type="PARTICIPATES_IN", since=None)
    G.add_edge("c", "open", key="c in open", type="PARTICIPATES_IN")
    G.add_edge("a", "club", key="a in club", type="MEMBER_OF")
    G.add_edge("b", "c", key="t1", type="COOPERATES_WITH", project="q", themes=["x"])
    G.add_edge("b", "c", key="t2", type="COOPERATES_WITH", project="nowhere", since=2011)
    G.add_edge("c", "a", key="t3", type="KNOWS", since=2009, until=2010, note="old")
    G.add_edge("c", "b", key="t4", type="KNOWS")
    G.add_edge("a", "b", key=7, type="KNOWS", since=2013, note="numbered key")
    return ActorNetwork(G, themes=ThemeTable([Theme("x", "X")]))


def assert_same(net, year):
    view = net.as_of(year)
    want = reference_as_of(net, year)
    assert view.column_tables() is not None  # made from the tables, not walked
    arrays, expected = view.column_tables().arrays, {}
    graph_tables(want, expected, leave_out=("name",))
    assert sorted(arrays) == sorted(expected)
    for name in expected:
        assert arrays[name].dtype == expected[name].dtype, name
        assert arrays[name].tobytes() == expected[name].tobytes(), name
    got = view.graph
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(want.edges(keys=True, data=True))
    assert [list(got.pred[n]) for n in got] == [list(want.pred[n]) for n in want]
    assert view.name == f"{net.name} as of {year}" and view.themes == net.themes
    return view


@pytest.mark.parametrize("year", range(2008, 2017))
def test_the_odd_network_as_of_each_year(year):
    assert_same(odd_network(), year)


def test_the_years_cut_something():
    net = odd_network()
    kept = {year: frozenset(k for _, _, k in net.as_of(year).graph.edges(keys=True))
            for year in (2008, 2011, 2016)}
    assert len(set(kept.values())) == 3 and "t3" not in kept[2011] and "a in p" in kept[2011]


@pytest.mark.parametrize("seed,hubs", [(1, 0), (2, 3)])
def test_generated_networks_as_of_several_years(seed, hubs):
    net = generated_network(600, 3000, hubs=hubs, seed=seed)
    first, last = net.years()
    for year in np.linspace(first, last, 4).astype(int).tolist():
        assert_same(net, year)


def test_the_sample_as_of_several_years(berlin):
    first, last = berlin.years()
    for year in (first, (first + last) // 2, last):
        view = assert_same(berlin, year)
        assert view.home_city == berlin.home_city


def test_a_graph_without_a_name_is_cut_from_its_graph():
    net = odd_network()
    G = nx.MultiDiGraph(net.graph)
    del G.graph["name"]
    view = ActorNetwork(G, themes=net.themes).as_of(2011)
    assert "name" not in view.graph.graph  # as a copy of its attributes has it
    assert list(view.graph.edges(keys=True)) == list(net.as_of(2011).graph.edges(keys=True))


def test_a_view_without_tables_is_cut_from_its_graph():
    net = odd_network()
    view = net.as_of(2011)
    again = view.as_of(2011)  # a view of a view: its tables, if any, or its graph
    assert list(again.graph.edges(keys=True)) == list(view.graph.edges(keys=True))
