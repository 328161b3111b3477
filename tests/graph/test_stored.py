"""The network as arrays (what the cache keeps): exact round trips, refusals, no folder name."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest

from actornet.graph.columns import GraphTables, graph_tables, json_array
from actornet.graph.errors import DamagedEntry, NotStorable
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.stored import network_arrays, network_from_arrays
from actornet.loaders.read import read_network
from actornet.sample import sample_path


def roundtrip(network):
    return network_from_arrays(network_arrays(network), name=network.name)


def same_graph(G, H):
    """Equal nodes, edges, keys, attributes, all in the same order (predecessors too)."""
    return (list(G.nodes(data=True)) == list(H.nodes(data=True))
            and [list(d) for _, d in G.nodes(data=True)] == [list(d) for _, d in H.nodes(data=True)]
            and list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
            and [list(d) for *_, d in G.edges(keys=True, data=True)]
            == [list(d) for *_, d in H.edges(keys=True, data=True)]
            and all(list(G._pred[n]) == list(H._pred[n]) for n in G))


@pytest.mark.parametrize("make", [lambda: read_network(sample_path()),
                                  lambda: generated_network(300, 900, cities=4, seed=3)])
def test_a_network_comes_back_exactly(make):
    network = make()
    again = roundtrip(network)
    assert same_graph(network.graph, again.graph)
    assert again.graph.graph == network.graph.graph
    assert again.themes == network.themes
    assert again.report == network.report
    assert nx.is_frozen(again.graph)


def test_the_facts_come_back_without_making_the_graph():
    network = read_network(sample_path()).prepare()
    again = roundtrip(network)
    assert (again.cities() == network.cities(), again.years(), again.partnership_counts(),
            again.home_inference) == (True, network.years(), network.partnership_counts(),
                                      network.home_inference)
    assert again._counts == network._counts
    assert not again.__dict__["_graph_box"].loaded


def test_the_projection_comes_back_with_its_numbers_as_they_were():
    network = read_network(sample_path())
    again = roundtrip(network).projection()
    P = network.projection()
    assert [type(w) for w in again._tie_weight] == [type(w) for w in P._tie_weight]
    assert again._members == P._members
    assert [list(map(type, m.values())) for m in again._members] == [
        list(map(type, m.values())) for m in P._members]


def odd_graph():
    """Attributes of many types, extra columns, a key order of their own."""
    G = nx.MultiDiGraph(name="odd", note={"a": [1, 2.5, None, True]})
    G.add_node("a", kind="ngo", name="A", themes=["climate"], weight=1, ratio=1.0, flag=True)
    G.add_node("b", name="B", kind="ngo", extra={"nested": ["x", {"y": -0.0}]}, since=2001)
    G.add_node(7, kind="ngo", name="Seven")
    G.add_node("c", kind="city", name="Kyïv \u202e\ud800")  # a lone surrogate: kept as it was
    G.add_edge("b", "a", key="t2", type="KNOWS")
    G.add_edge("a", "b", key="t1", type="KNOWS", weight=2.5)
    G.add_edge("a", "b", key=3, type="KNOWS", themes=[])
    G.add_edge(7, "a", key="t4", type="KNOWS", since=0)
    return G


def test_odd_attributes_come_back_exactly():
    G = odd_graph()
    arrays = {}
    graph_tables(G, arrays)
    H = GraphTables(arrays).make()
    assert same_graph(G, H)
    assert H.graph == G.graph
    assert type(H.nodes["a"]["ratio"]) is float and type(H.nodes["a"]["weight"]) is int
    assert type(H.nodes["a"]["flag"]) is bool


@pytest.mark.parametrize("value", [("a", "b"), {"x"}, float("nan"), {1: "x"}, np.int64(3)])
def test_a_value_json_cannot_hold_is_not_stored(value):
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A", odd=value)
    with pytest.raises(NotStorable):
        graph_tables(G, {})


def test_a_network_with_such_a_value_is_not_cached(tmp_path):
    from actornet.loaders.cache import NetworkCache

    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A", odd=("a", "b"))
    assert not NetworkCache(tmp_path, program="t").put("0" * 64, ActorNetwork(G))
    assert not list(tmp_path.iterdir())


def tampered(arrays, name, change):
    out = dict(arrays)
    out[name] = change(arrays[name].copy())
    return out


def test_a_code_outside_its_values_is_refused_before_anything_is_made():
    arrays = {}
    graph_tables(odd_graph(), arrays)
    bad = tampered(arrays, "nodes.0.codes", lambda a: a + 100)
    with pytest.raises(DamagedEntry):
        GraphTables(bad)


def test_predecessors_that_do_not_match_the_ties_are_refused():
    arrays = {}
    graph_tables(odd_graph(), arrays)
    bad = tampered(arrays, "pred.source", lambda a: a[::-1])
    with pytest.raises(DamagedEntry):
        GraphTables(bad)


@pytest.mark.parametrize("name", ["indices", "indptr", "rev", "member_actor", "tie_source",
                                  "city", "hubs", "member_group"])
def test_a_projection_pointing_outside_its_arrays_is_refused(name):
    network = generated_network(200, 600, cities=3, seed=2)
    arrays = network_arrays(network)
    bad = tampered(arrays, f"projection.0.{name}",
                   lambda a: a + 10**6 if a.size else np.append(a, 10**6))
    with pytest.raises(DamagedEntry):
        network_from_arrays(bad, name="x")


def test_a_json_list_of_another_shape_is_refused():
    arrays = network_arrays(generated_network(50, 120, cities=2, seed=1))
    bad = dict(arrays, **{"projection.0.lists": json_array({"kinds": 3})})
    with pytest.raises(DamagedEntry):
        network_from_arrays(bad, name="x")


def test_the_folder_name_is_not_in_the_arrays(tmp_path):
    import shutil

    folder = tmp_path / "folder-name-xyzzy"
    shutil.copytree(sample_path(), folder)
    network = read_network(folder)
    assert network.name == "folder-name-xyzzy"
    arrays = network_arrays(network)
    assert not any(b"xyzzy" in a.tobytes() for a in arrays.values())
    again = network_from_arrays(arrays, name="other")
    assert (again.name, again.graph.graph["name"]) == ("other", "other")


def test_json_arrays_are_utf8_text():
    text = json_array({"name": "Kyïv"}).tobytes().decode("utf-8")
    assert json.loads(text) == {"name": "Kyïv"}
