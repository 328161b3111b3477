"""A network just read is held as column tables; its graph is made only when used.

The builder writes the tables straight from the validated columns
(graph/built_tables.py); tests/graph/test_build_parity.py checks them array
by array against the reference builder's graph. Here: what a first command
does (prepare, keep in the cache) never makes the graph; the graph, once
made, is the one the tables describe; a network still holding its graph in
a box pickles, views and re-homes; and a value no table can hold falls
back to building the graph.
"""

from __future__ import annotations

import pickle

import networkx as nx
import pytest

import actornet.graph.build as build_module
from actornet.graph.columns import graph_tables
from actornet.graph.errors import NotStorable
from actornet.graph.generate import generated_network
from actornet.loaders import read_tables, write_folder
from actornet.loaders.cache import NetworkCache
from actornet.loaders.read import read_network
from actornet.sample import sample_path


@pytest.fixture(scope="module")
def generated_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "net"
    write_folder(generated_network(300, 2000, cities=4, seed=2, hubs=2), folder)
    return folder


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_a_first_command_never_makes_the_graph(tmp_path, which, generated_folder):
    folder = sample_path() if which == "sample" else generated_folder
    net = read_network(folder)
    assert not net.__dict__["_graph_box"].loaded
    net.prepare()
    cache = NetworkCache(tmp_path / "cache", program="test")
    assert cache.put("0" * 64, net)
    first = net.projection().nodes[0]
    assert net.years()[0] is not None and net.partnership_counts()[0] >= 0
    assert net.name_of(first) == net.projection().names[0]
    assert "_graph" not in net.__dict__ and not net.__dict__["_graph_box"].loaded
    graph = net.graph  # made now, from the tables
    assert net.__dict__["_graph_box"].loaded and nx.is_frozen(graph)


def test_the_graph_made_on_first_use_is_the_one_the_tables_describe(generated_folder):
    net = read_network(generated_folder)
    arrays = net.__dict__["_tables"].arrays
    again = {}
    graph_tables(net.graph, again, leave_out=("name",))
    assert sorted(again) == sorted(arrays)
    for name, array in again.items():
        assert array.dtype == arrays[name].dtype and (array == arrays[name]).all(), name
    assert net.graph.graph == {"name": net.name}


def test_a_network_with_its_graph_in_a_box_pickles_views_and_rehomes(generated_folder):
    net = read_network(generated_folder)
    copy = pickle.loads(pickle.dumps(net))
    assert not copy.__dict__["_graph_box"].loaded
    assert copy == net
    homed = read_network(generated_folder).with_home("c001")
    assert homed.home_city == "c001" and not homed.__dict__["_graph_box"].loaded
    view = net.as_of(2015)
    assert view.graph.number_of_edges() < net.graph.number_of_edges()


def test_a_value_no_table_holds_falls_back_to_the_graph(monkeypatch):
    tables = read_tables(sample_path())
    expected = build_module.build_network(tables)

    def refuse(*args, **kwargs):
        raise NotStorable("a value JSON cannot hold")

    monkeypatch.setattr(build_module, "tables_with_edges", refuse)
    net = build_module.build_network(read_tables(sample_path()))
    assert "_graph_box" not in net.__dict__ and "_graph" in net.__dict__
    assert net == expected
    assert list(net.graph.edges(keys=True, data=True)) == \
        list(expected.graph.edges(keys=True, data=True))
    assert net.report.files == expected.report.files
