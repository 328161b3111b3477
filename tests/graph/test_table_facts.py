"""The facts every analysis starts from, computed from the column tables
(actornet.graph.table_facts, actornet.graph.projection_columns), equal to the
graph walks they replace (kept: a view, and a graph no table can hold, still
walk their graph)."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from actornet.graph.columns import graph_tables
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.stored import network_arrays, network_from_arrays
from actornet.graph.table_facts import NetworkColumns, city_seats, year_range
from actornet.loaders.read import read_network
from actornet.sample import sample_path

H2020 = Path("/work/base23/h2020net")


def walking(network) -> ActorNetwork:
    """The same graph in a network that computes its facts by walking the graph."""
    net = ActorNetwork._adopt(network.graph, network.themes, report=network.report,
                              name=network.name, home=network._home)
    net._tables = None
    return net


def from_columns(network) -> ActorNetwork:
    net = ActorNetwork._adopt(network.graph, network.themes, report=network.report,
                              name=network.name, home=network._home)
    assert net._column_tables() is not None
    return net


def key_orders(value):
    """The keys of every dict inside ``value``, in order (equality ignores order)."""
    if isinstance(value, dict):
        return [list(value), [key_orders(v) for v in value.values()]]
    if isinstance(value, (list, tuple)):
        return [key_orders(v) for v in value]
    return type(value).__name__


def same(a, b) -> bool:
    """Equal, of the same types and with dict keys in the same order."""
    return a == b and key_orders(a) == key_orders(b)


def assert_same_projection(P, Q):
    mine, theirs = P.__dict__, Q.__dict__
    assert set(mine) | {"_tie_data"} == set(theirs)
    for name, value in theirs.items():
        if name in ("_graph", "_tie_data"):
            continue
        if isinstance(value, np.ndarray):
            assert mine[name].dtype == value.dtype, name
            assert np.array_equal(mine[name], value), name
            assert mine[name].flags.writeable == value.flags.writeable, name
        elif name == "_declared_by_ties":
            assert mine[name] == value and list(mine[name]) == list(value)
        else:
            assert same(mine[name], value), name
    # The attributes of the direct ties: the graph's own dicts, in tie order.
    assert len(P._tie_data) == len(Q._tie_data)
    assert all(x is y for x, y in zip(P._tie_data, Q._tie_data))


def assert_same_facts(network):
    cols, walk = from_columns(network), walking(network)
    assert same(cols._cities, walk._cities)
    assert same(cols._counts, walk._counts)
    years = cols.years()
    assert years == walk.years() and list(map(type, years)) == list(map(type, walk.years()))
    assert same(cols._partner_pairs, walk._partner_pairs)
    assert cols.home_inference == walk.home_inference
    for intensity in (1, 0.5):
        assert_same_projection(cols.projection(default_intensity=intensity),
                               walk.projection(default_intensity=intensity))
    return cols


def every_kind_graph() -> nx.MultiDiGraph:
    """Every tie type and endpoint kind, groups of 1, 2, 100 and 101 members,
    missing weights, participations of 0 and below, self ties, ties twice
    between one pair, themes on ties and nodes, actors without a city, a
    city with several partner cities, years of two types."""
    G = nx.MultiDiGraph()
    for c in ("berlin", "kyiv", "paris", "lima"):
        G.add_node(c, kind="city", name=c.title(), aliases=[c.upper()])
    G.add_node("nameless", kind="city")
    for i, kind in enumerate(("institution", "company", "federal_body", "ngo")):
        G.add_node(f"o{i}", kind=kind, name=f"Org {i}", themes=["water", "climate"][: i % 3])
    G.add_node("unseated", kind="ngo", name=None)
    for p in range(6):
        G.add_node(f"p{p}", kind="person", name=f"P{p}")
    G.add_node("net", kind="network", name="Net", themes=["climate"])
    for t in ("water", "climate", "culture"):
        G.add_node(t, kind="theme", name=t.title())
    for size in (1, 2, 100, 101):
        G.add_node(f"g{size}", kind="project", name=f"G{size}", since=2000 + size % 7,
                   until=2020, themes=["culture"] if size % 2 else [])
        for i in range(size):
            G.add_node(f"m{size}_{i}", kind="person", name=f"M{i}")
            G.add_edge(f"m{size}_{i}", f"g{size}", key=f"j{size}_{i}", type="PARTICIPATES_IN",
                       **({} if i % 2 else {"weight": 1 + i % 3 + (0.5 if i % 4 == 2 else 0)}))
    G.add_node("empty", kind="project", name="Nobody joins", since=1990.0)
    edges = [
        ("berlin", "kyiv", "pk1", "PARTNER_OF", {"since": 1991, "claimed_by": "berlin"}),
        ("kyiv", "berlin", "pk2", "PARTNER_OF", {"since": 1990, "status": "paused"}),
        ("berlin", "paris", "pp", "PARTNER_OF", {"status": ""}),
        ("berlin", "lima", "pl", "PARTNER_OF", {"since": 2005, "claimed_by": "lima"}),
        ("paris", "lima", "pl2", "PARTNER_OF", {}),
        ("o0", "berlin", "b0", "BASED_IN", {}), ("o0", "kyiv", "b0b", "BASED_IN", {}),
        ("o1", "kyiv", "b1", "BASED_IN", {"since": 1990.0}), ("o2", "paris", "b2", "BASED_IN", {}),
        ("kyiv", "paris", "bk", "BASED_IN", {}), ("g1", "lima", "bg", "BASED_IN", {}),
        ("p0", "o0", "mo0", "MEMBER_OF", {}), ("p1", "p2", "mo1", "MEMBER_OF", {"weight": 3}),
        ("p2", "o1", "mo2", "MEMBER_OF", {}), ("p1", "o2", "mo3", "MEMBER_OF", {}),
        ("p3", "unseated", "mo4", "MEMBER_OF", {}), ("p3", "p2", "mo5", "MEMBER_OF", {}), ("o3", "net", "mn", "MEMBER_OF", {"weight": 2}),
        ("o1", "net", "mn2", "MEMBER_OF", {"weight": 0}), ("p4", "net", "mn3", "MEMBER_OF", {}),
        ("o0", "o1", "c1", "COOPERATES_WITH", {"weight": 4, "themes": ["water"]}),
        ("o0", "o1", "c2", "COOPERATES_WITH", {"project": "g2", "since": 2001}),
        ("o1", "o0", "c3", "COOPERATES_WITH", {"weight": 2.5, "until": 2030}),
        ("o2", "o2", "self", "KNOWS", {"weight": 1}), ("p5", "p4", "k1", "KNOWS", {}),
        ("o3", "g2", "f1", "FUNDS", {"weight": 5}), ("o3", "g2", "f2", "FUNDS", {"weight": 5.0}),
        ("m2_0", "g2", "j2_again", "PARTICIPATES_IN", {"weight": 7}),
        ("m2_1", "g2", "j2_neg", "PARTICIPATES_IN", {"weight": -3}),
        ("p5", "empty", "j_zero", "PARTICIPATES_IN", {"weight": 0}),
        ("p5", "g2", "j_none", "PARTICIPATES_IN", {"weight": None}),
        ("p5", "o3", "c_none", "COOPERATES_WITH", {"weight": None}),
        ("p4", "empty", "j_below", "PARTICIPATES_IN", {"weight": -1.5}),
        ("o0", "water", "w1", "WORKS_ON", {}), ("p0", "water", "w2", "WORKS_ON", {}),
        ("o0", "culture", "w3", "WORKS_ON", {"themes": ["culture"]}),
        ("g2", "water", "w4", "WORKS_ON", {}), ("o2", "o3", "odd", "LIKES", {"themes": ["x"]}),
        ("o0", "g1", "knows_project", "KNOWS", {}),
    ]
    for u, v, key, tie_type, data in edges:
        G.add_edge(u, v, key=key, type=tie_type, **data)
    return G


def test_the_columns_give_what_the_graph_walk_gives_on_every_kind_of_tie():
    network = ActorNetwork(every_kind_graph())
    cols = assert_same_facts(network)
    P = cols.projection()
    sizes = {g: len(m) for g, m in zip(P.groups, P._members)}
    assert sizes == {"g1": 2, "g2": 4, "g100": 100, "g101": 101, "empty": 0, "net": 2}
    assert [P.groups[h] for h in P.hubs.tolist()] == ["g101"]
    g2 = P._members[P.groups.index("g2")]  # the strongest participation, the first of equal ones
    assert {P.nodes[i]: w for i, w in g2.items()} == {"m2_0": 7, "m2_1": 1, "o3": 5,
                                                       "p5": 1}
    assert [type(w) for w in g2.values()] == [int, int, int, int]
    seats = cols.cities()
    assert (seats["p1"], seats["p2"], seats["p3"]) == ("paris", "kyiv", "kyiv")  # in tie order
    assert cols.cities()["kyiv"] == "kyiv" and "unseated" not in cols.cities()
    assert cols.years() == (1990, 2030) and type(cols.years()[0]) is int


def test_a_graph_without_ties_or_actors():
    G = nx.MultiDiGraph()
    G.add_node("water", kind="theme", name="Water")
    assert_same_facts(ActorNetwork(G))
    assert_same_facts(ActorNetwork(nx.MultiDiGraph()))


@pytest.mark.parametrize("seed, hubs", [(0, 0), (1, 3), (2, 2)])
def test_the_columns_give_what_the_graph_walk_gives_on_generated_networks(seed, hubs):
    assert_same_facts(generated_network(1500, 9000, cities=5, seed=seed, hubs=hubs))


def test_the_columns_give_what_the_graph_walk_gives_on_the_sample():
    assert_same_facts(read_network(sample_path()))


@pytest.mark.skipif(not H2020.is_dir(), reason="the H2020 import (/work/base23/h2020net) is absent")
def test_the_columns_give_what_the_graph_walk_gives_on_h2020(tmp_path):
    folder = shutil.copytree(H2020, tmp_path / "h2020net")
    assert_same_facts(read_network(folder))


def test_the_tables_are_made_once_shared_and_stored_as_they_are():
    network = generated_network(300, 900, cities=4, seed=3).prepare()
    tables = network.__dict__["_tables"]
    assert network.with_home("c001").__dict__["_tables"] is tables
    fresh = {}
    graph_tables(network.graph, fresh, leave_out=("name",))
    stored = network_arrays(network)
    assert all(np.array_equal(stored[k], v) and stored[k].dtype == v.dtype for k, v in fresh.items())
    assert set(tables.arrays) == set(fresh)  # the network's tables are not added to
    again = network_from_arrays(stored, name=network.name)
    assert again._counts == network._counts and again.years() == network.years()


def test_a_view_and_a_graph_no_table_holds_walk_their_graph():
    network = generated_network(300, 900, cities=4, seed=3)
    view = network.subgraph(theme="business")  # as_of is cut from the tables instead
    view.prepare()
    assert view.__dict__["_tables"] is None
    assert network.as_of(2012).column_tables() is not None
    G = every_kind_graph()
    G.nodes["o0"]["tags"] = {"a set"}  # JSON cannot hold a set
    odd = ActorNetwork(G).prepare()
    assert odd.__dict__["_tables"] is None
    assert same(odd._counts, walking(ActorNetwork(G))._counts)


def test_the_accessors_read_what_the_graph_holds():
    G = every_kind_graph()
    arrays = {}
    graph_tables(G, arrays)
    columns, with_graph = NetworkColumns(arrays), NetworkColumns(arrays, G)
    assert columns.node_ids == list(G) and columns.m == G.number_of_edges()
    every = np.arange(columns.m)
    keys = [k for _, _, k in G.edges(keys=True)]
    assert columns.tie_keys(every) == with_graph.tie_keys(every) == keys
    assert with_graph.tie_keys(every[::-3]) == keys[::-3]
    assert columns.picked("edges", "weight", np.arange(columns.m), "none") == \
        [d.get("weight", "none") for *_, d in G.edges(keys=True, data=True)]
    assert columns.column("nodes", "no such attribute")[1] == []
    assert city_seats(columns)["p0"] == "berlin" and year_range(columns) == (1990, 2030)
