"""The cache's column tables made at array speed give exactly the reference's arrays.

tests/reference_columns.py keeps the tables as they were made before issue 23
(one row and one value at a time). Here the package's
:func:`~actornet.graph.columns.graph_tables` and the projection's arrays
(:func:`~actornet.graph.stored.network_arrays`) are compared with it array by
array: the same names in the same order, dtypes, shapes and values (the JSON
text byte for byte), and :class:`NotStorable` for exactly the same inputs.
"""

from __future__ import annotations

import datetime
import math

import networkx as nx
import numpy as np
import pytest

import reference_columns as reference
from actornet.graph import columns, stored
from actornet.graph.errors import NotStorable
from actornet.graph.generate import generated_network
from actornet.loaders.read import read_network
from actornet.sample import sample_path


def assert_same_arrays(made: dict, expected: dict) -> None:
    assert list(made) == list(expected)
    for name, array in expected.items():
        got = made[name]
        assert (got.dtype, got.shape) == (array.dtype, array.shape), name
        assert np.array_equal(got, array), name
        assert got.tobytes() == array.tobytes(), name


def assert_same_tables(G, **options) -> dict:
    made, expected = {}, {}
    columns.graph_tables(G, made, **options)
    reference.graph_tables(G, expected, **options)
    assert_same_arrays(made, expected)
    return made


def assert_same_refusal(G) -> None:
    with pytest.raises(NotStorable) as expected:
        reference.graph_tables(G, {})
    with pytest.raises(NotStorable) as made:
        columns.graph_tables(G, {})
    assert str(made.value) == str(expected.value)


def mixed_graph():
    """Every kind of value the tables hold, key orders of their own, attributes missing."""
    G = nx.MultiDiGraph(name="mixed", note={"a": [1, 2.5, None, True]}, empty=[])
    G.add_node("a", kind="ngo", name="A", themes=["climate"], weight=1, ratio=1.25, flag=True)
    G.add_node("b", name="B", kind="ngo", extra={"nested": ["x", {"y": -0.0}]}, since=2001)
    G.add_node(7, kind="ngo", name="Seven", weight=1.0, ratio=1, flag=1)
    G.add_node("c", kind="city", name="Kyïv \u202e\ud800", weight=True, ratio=0.0, flag=None)
    G.add_node("d", kind="city", weight=-0.0, ratio=-0.0, flag=False, name="D", themes=[])
    G.add_node("e", themes=["a", "b"], kind="ngo", name="E", weight=None, lists=[[1, 2], [3]])
    G.add_node("f", themes=["a,b"], name="F", kind="ngo", weight=2**70, lists=[[1], [2, 3]])
    G.add_node("g", themes=[""], name="G", kind="ngo", weight=float("inf"), lists=[])
    G.add_node("h", themes=["a", "b"], name="H", kind="ngo", weight="1", lists=[[[]]])
    G.add_node("i", name="I", kind="ngo", weight=1, ratio=-1.5, flag=True, since="2001")
    G.add_edge("b", "a", key="t2", type="KNOWS")
    G.add_edge("a", "b", key="t1", type="KNOWS", weight=2.5)
    G.add_edge("a", "b", key=3, type="KNOWS", themes=[])
    G.add_edge(7, "a", key="t4", type="KNOWS", since=0)
    G.add_edge("a", "a", key="loop", since=0, type="KNOWS")
    G.add_edge("c", "a", key="t5", type="KNOWS", weight=0.0, themes=["climate", "youth"])
    G.add_edge("c", "b", key="t6", weight=-0.0, type="KNOWS", themes=["climate"])
    G.add_edge("d", "b", key="t7", type="PARTNER_OF", weight=1, note={"since": 1, "b": [1.0]})
    G.add_edge("e", 7, key="t8", type="PARTNER_OF", weight=True)
    return G


def floats_graph():
    """A column of floats only, with and without both zeros."""
    G = nx.MultiDiGraph()
    rows = [(0.0, 1.5, -0.0, 0.5), (-0.0, 1.5, -0.0, 2.5), (2.5, 0.0, 3.0, 0.5),
            (0.0, 2.5, float("inf"), -7.25), (1e300, -1e-300, -0.0, 2.5)]
    for i, (x, y, z, w) in enumerate(rows):
        G.add_node(i, x=x, y=y, z=z, w=w)
    return G


def ordered_graph():
    """Ties added in another order than the nodes: the predecessors have their own order."""
    G = nx.MultiDiGraph()
    G.add_nodes_from(["z", "y", "x", "w"], kind="ngo")
    G.add_edge("x", "z", key="a", type="KNOWS")
    G.add_edge("w", "z", key="b", type="KNOWS")
    G.add_edge("y", "z", key="c", type="KNOWS")
    G.add_edge("z", "w", key="d", type="KNOWS")
    G.add_edge("x", "z", key="e", type="KNOWS")
    G.add_edge("y", "w", key="f", type="KNOWS")
    return G


def one_node_graph():
    G = nx.MultiDiGraph()
    G.add_node("only", kind="city", name="Only")
    return G


def bare_nodes_graph():
    """Nodes without attributes, ties without attributes."""
    G = nx.MultiDiGraph()
    G.add_nodes_from([3, 1, 2])
    G.add_edge(1, 3)
    G.add_edge(1, 3)
    G.add_edge(2, 2)
    return G


def odd_name_graph(name=1):
    """An attribute named by a number (stored; the cache refuses it when read) or a tuple."""
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo")
    G.add_node("b", kind="ngo")
    G._node["b"][name] = "one"
    return G


@pytest.mark.parametrize("make", [mixed_graph, floats_graph, ordered_graph, one_node_graph,
                                  bare_nodes_graph, odd_name_graph, nx.MultiDiGraph],
                         ids=["mixed", "floats", "ordered", "one node", "bare", "number name",
                              "empty"])
def test_hand_made_graphs_give_the_same_arrays(make):
    G = make()
    assert_same_tables(G)
    assert_same_tables(G, leave_out=("name",))


def test_the_mixed_graph_keeps_1_1dot0_and_true_apart():
    made = assert_same_tables(mixed_graph())
    names = columns.from_json_array(made["nodes.names"])
    weights = columns.from_json_array(made[f"nodes.{names.index('weight')}.values"])
    assert [type(w) for w in weights[:3]] == [int, float, bool]


def test_the_float_columns_keep_both_zeros_apart():
    made = assert_same_tables(floats_graph())
    values = columns.from_json_array(made["nodes.0.values"])
    assert [math.copysign(1.0, x) for x in values] == [1.0, -1.0, 1.0, 1.0]
    assert made["nodes.0.codes"].tolist() == [0, 1, 2, 0, 3]
    assert columns.from_json_array(made["nodes.3.values"]) == [0.5, 2.5, -7.25]


def test_ties_added_out_of_node_order_give_the_same_arrays():
    made = assert_same_tables(ordered_graph())
    assert made["pred.source"].tolist() == [2, 3, 1, 0, 1]


@pytest.mark.parametrize("seed,hubs", [(1, 0), (2, 0), (3, 2), (4, 3), (5, 1)])
def test_generated_networks_give_the_same_arrays(seed, hubs):
    network = generated_network(400, 1500, cities=5, seed=seed, hubs=hubs).prepare()
    assert_same_tables(network.graph, leave_out=("name",))
    assert_same_network_arrays(network)


def test_the_sample_gives_the_same_arrays():
    network = read_network(sample_path()).prepare()
    assert_same_tables(network.graph, leave_out=("name",))
    assert_same_network_arrays(network)


def assert_same_network_arrays(network) -> None:
    """The projection's arrays, each projection the network keeps."""
    G = network.graph
    index = {n: i for i, n in enumerate(G._node)}
    projections = network.__dict__["_projections"]
    assert projections
    for at, P in enumerate(projections.values()):
        made, expected = {}, {}
        stored._projection_arrays(P, index, made, f"projection.{at}")
        reference.projection_arrays(P, index, expected, f"projection.{at}")
        assert_same_arrays(made, expected)


def test_a_list_after_the_same_items_as_a_tuple_is_stored_as_before():
    """A tuple whose JSON text an earlier list already has shares that list's
    code, as it did before issue 23 (and a tuple coming first is refused)."""
    G = nx.MultiDiGraph()
    G.add_node("a", odd=["x", "y"])
    G.add_node("b", odd=("x", "y"))
    assert_same_tables(G)


def circular():
    found = ["x"]
    found.append(found)
    return found


class Text(str):
    """A text of another type: JSON gives back a str."""


@pytest.mark.parametrize("value", [
    ("a", "b"), {"x"}, float("nan"), {1: "x"}, np.int64(3), np.float64(1.5), datetime.date(2020, 1, 1),
    ["a", ("b",)], [float("nan")], [1, {"x"}], Text("x"), ["a", Text("b")], circular(),
    {"a": ("b",)}, [[1, 2], [3, (4,)]], 10**5000,
], ids=lambda v: type(v).__name__)
def test_a_value_json_cannot_hold_is_refused_as_before(value):
    for before in ([], [["z"], "z", 1.5]):  # first in its column, or after other values
        G = nx.MultiDiGraph()
        for i, earlier in enumerate(before):
            G.add_node(i, odd=earlier)
        G.add_node("a", kind="ngo", name="A", odd=value)
        assert_same_refusal(G)
        H = nx.MultiDiGraph()
        H.add_nodes_from(["a", "b"])
        H.add_edge("a", "b", key="t", weight=1)
        H.add_edge("b", "a", key="u", weight=value)
        assert_same_refusal(H)


@pytest.mark.parametrize("make", [
    lambda: odd_name_graph(("a",)),
    lambda: nx.MultiDiGraph(odd=("a",)),
    lambda: nx.MultiDiGraph([((1, 2), "b")]),
    lambda: nx.MultiDiGraph([("a", "b", ("k",), {})]),
], ids=["attribute name", "graph attribute", "node id", "tie key"])
def test_other_values_json_cannot_hold_are_refused_as_before(make):
    assert_same_refusal(make())


@pytest.mark.parametrize("values", [
    [1, 2.5, 3], [], [2], [0.5], [True], [1, None], [1, float("nan")], [float("inf"), -0.0],
    [1, "2"], [2**60 + 1, 2.0],
])
def test_numbers_are_kept_exactly_as_before(values):
    try:
        expected = reference._exact_numbers(values, "a weight")
    except NotStorable:
        with pytest.raises(NotStorable):
            stored._exact_numbers(values, "a weight")
        return
    made = stored._exact_numbers(values, "a weight")
    assert_same_arrays(dict(enumerate(made)), dict(enumerate(expected)))


@pytest.mark.parametrize("value", [
    [], {}, "x", 3, None, True, 2.5, -0.0, [1, 1.0, True, None, "1"], {"a": [1, {"b": [None]}]},
    [["a"], ["b", ["c", [1, 2.5]]]], {"a": {"b": {}}}, [{"x": 1}, {"y": [True]}], ["\ud800", "é"],
    {"k": float("inf")}, [10**30, -(10**30)], [[], [[]], [[], []]], {"a": 1, "b": Text("x")},
    [["a"], ("b",)], {"a": {1: 2}}, [1, [2, [3, float("nan")]]], [[1], [float("nan")]],
    {"a": np.int32(1)}, [[1, 2], [3]], [[1, 2], [3, "x"], []],
], ids=repr)
def test_json_arrays_are_as_before(value):
    try:
        expected = reference.json_array(value)
    except NotStorable as refused:
        with pytest.raises(NotStorable) as made:
            columns.json_array(value)
        assert str(made.value) == str(refused)
        return
    assert columns.json_array(value).tobytes() == expected.tobytes()


@pytest.mark.parametrize("value", [
    ["a", "b"], [""], ["", ""], ['say "hi"'], ["back\\slash"], ["tab\there"], ["new\nline"],
    ["\x7f", "\x85", "\u2028", "\xad", "\ufeff"], ["\ud800x"], ["ü", "日本", "🙂"], ["a", 1],
    {"a": ["x", "y"], "b": {"c": ['q"']}, "d": 1.5, "e": []}, {"": ["\x00"]}, {"a": {}},
    {"x": ["a"], "y": ("b",)},
], ids=repr)
def test_json_texts_are_as_before(value):
    test_json_arrays_are_as_before(value)


def test_a_dict_holding_itself_is_refused_as_before():
    value = {"a": ["x"]}
    value["b"] = value
    test_json_arrays_are_as_before(value)


def test_a_zero_after_a_one_comes_back_as_a_zero():
    """Before issue 23 the key of 0.0 was the key of 1.0 (and -0.0 that of
    -1.0): a float column holding both stored the zero as a one. The one
    place where the arrays differ from the reference's, on purpose."""
    G = nx.MultiDiGraph()
    for i, x in enumerate([1.0, 0.0, -1.0, -0.0, 0.0]):
        G.add_node(i, x=x, y=[1.0, 0.0][i % 2])
    made, before = {}, {}
    columns.graph_tables(G, made)
    reference.graph_tables(G, before)
    assert made["nodes.0.codes"].tolist() == [0, 1, 2, 3, 1]
    assert before["nodes.0.codes"].tolist() == [0, 0, 1, 1, 0]
    again = columns.graph_from_tables(made)
    xs = list(nx.get_node_attributes(again, "x").values())
    assert xs == [1.0, 0.0, -1.0, -0.0, 0.0]
    assert [math.copysign(1.0, x) for x in xs] == [1.0, 1.0, -1.0, -1.0, 1.0]
    assert list(nx.get_node_attributes(again, "y").values()) == [1.0, 0.0, 1.0, 0.0, 1.0]
