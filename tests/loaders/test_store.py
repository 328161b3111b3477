"""The Neo4j store against a real Bolt server: round trip, idempotence, replace, faults."""

from __future__ import annotations

import threading

import networkx as nx
import pytest

from actornet.graph.errors import StoreError
from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network as read_files
from actornet.loaders.store import LoadSummary, read_network, write_network
from testdata import GOOD

pytestmark = pytest.mark.neo4j

DUPLICATES = "MATCH (a:Actor) WITH a.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)"


@pytest.fixture(scope="module")
def good():
    return read_files(GOOD)


def test_round_trip_of_the_sample_is_equal(store, sample):
    write_network(store.driver, sample, database=store.database)
    back = read_network(store.driver, database=store.database)
    assert back == sample


def test_round_trip_keeps_years_themes_and_properties(store, good):
    write_network(store.driver, good, database=store.database)
    back = read_network(store.driver, database=store.database)
    assert dict(back.graph.nodes(data=True)) == dict(good.graph.nodes(data=True))
    assert list(back.themes) == list(good.themes)
    assert back.years() == good.years()
    assert back.report.clean


def test_summary_counts_what_was_sent(store, sample):
    summary = write_network(store.driver, sample, database=store.database, batch_size=100)
    assert isinstance(summary, LoadSummary)
    assert summary.nodes_created == sample.graph.number_of_nodes()
    assert summary.ties_created == sample.graph.number_of_edges()
    assert summary.labels["Actor"] == sample.graph.number_of_nodes()
    assert summary.labels["Person"] == len(sample.actors(["person"]))
    assert sum(summary.tie_types.values()) == sample.graph.number_of_edges()
    assert summary.batches >= (summary.rows_sent // 100)


def test_second_load_creates_nothing(store, sample):
    write_network(store.driver, sample, database=store.database)
    again = write_network(store.driver, sample, database=store.database)
    assert again.unchanged
    assert (again.nodes_created, again.ties_created) == (0, 0)
    assert store.count("MATCH (a:Actor) RETURN count(a)") == sample.graph.number_of_nodes()
    assert store.count("MATCH (:Actor)-[r]->(:Actor) RETURN count(r)") == sample.graph.number_of_edges()


def test_no_duplicate_ids_after_loads(store, sample):
    for batch_size in (50, 2000):
        write_network(store.driver, sample, database=store.database, batch_size=batch_size)
    assert store.count(DUPLICATES) == 0


def test_changed_data_without_replace_fails_verification(store, sample):
    write_network(store.driver, sample, database=store.database)
    smaller = sample.as_of(2005)
    with pytest.raises(StoreError, match="--replace"):
        write_network(store.driver, smaller, database=store.database, dataset=sample.name)


def test_replace_removes_what_the_earlier_load_wrote(store, sample):
    write_network(store.driver, sample, database=store.database)
    smaller = sample.as_of(2005)
    summary = write_network(store.driver, smaller, database=store.database, replace=True,
                            dataset=sample.name)
    assert set(smaller.graph.edges(keys=True)) < set(sample.graph.edges(keys=True))
    assert summary.ties_deleted == sample.graph.number_of_edges() - smaller.graph.number_of_edges()
    assert summary.ties_created == 0  # the ties kept were written once, by the first load
    assert store.count("MATCH (:Actor)-[r]->(:Actor) RETURN count(r)") == smaller.graph.number_of_edges()
    assert read_network(store.driver, database=store.database) == smaller


def test_replace_leaves_other_datasets_alone(store, good):
    # the same data under two dataset names: every node and tie is shared
    write_network(store.driver, good, database=store.database, dataset="first")
    write_network(store.driver, good, database=store.database, dataset="second")
    earlier = good.as_of(2000)
    assert earlier.graph.number_of_edges() < good.graph.number_of_edges()
    summary = write_network(store.driver, earlier, database=store.database, dataset="second",
                            replace=True)
    assert (summary.nodes_deleted, summary.ties_deleted) == (0, 0)
    assert read_network(store.driver, database=store.database, dataset="first") == good
    assert read_network(store.driver, database=store.database, dataset="second") == earlier


def test_replace_keeps_nodes_another_dataset_shares(store, good, sample):
    # ids are store-wide: good and the sample share berlin, jakarta, giz and themes
    shared = set(good.graph) & set(sample.graph)
    assert shared
    write_network(store.driver, good, database=store.database, dataset="good")
    write_network(store.driver, sample, database=store.database, dataset="berlin")
    only_shared = ActorNetwork(nx.MultiDiGraph(good.graph.subgraph(shared)), themes=good.themes)
    summary = write_network(store.driver, only_shared, database=store.database, dataset="good",
                            replace=True)
    assert summary.nodes_deleted == len(set(good.graph) - shared)
    assert store.count("MATCH (a:Actor) RETURN count(a)") == sample.graph.number_of_nodes()
    held = store.count("MATCH (a:Actor) WHERE 'berlin' IN a.datasets RETURN count(a)")
    assert held == sample.graph.number_of_nodes()


def test_the_callers_network_is_not_changed(store, good):
    before = nx.MultiDiGraph(good.graph)
    write_network(store.driver, good, database=store.database)
    assert nx.utils.edges_equal(before.edges(keys=True, data=True), good.graph.edges(keys=True, data=True))
    assert dict(before.nodes(data=True)) == dict(good.graph.nodes(data=True))


def test_progress_reports_every_batch(store, good):
    calls = []
    write_network(store.driver, good, database=store.database, batch_size=3,
                  progress=lambda done, total: calls.append((done, total)))
    total = good.graph.number_of_nodes() + good.graph.number_of_edges()
    assert calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.mark.parametrize("size", [0, -1, True, 2.5])
def test_bad_batch_size_is_refused(store, good, size):
    with pytest.raises(ValueError):
        write_network(store.driver, good, database=store.database, batch_size=size)


def test_empty_store_reads_as_a_clear_error(store):
    with pytest.raises(StoreError, match="holds no actors"):
        read_network(store.driver, database=store.database)


def test_two_loaders_at_once_leave_no_duplicates(store, sample):
    part = sample.as_of(2010)
    errors = []

    def load(network, verify):
        try:
            write_network(store.driver, network, database=store.database, batch_size=40,
                          verify=verify, dataset="berlin")
        except Exception as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=load, args=(sample, False)),
               threading.Thread(target=load, args=(part, False)),
               threading.Thread(target=load, args=(sample, False))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count(DUPLICATES) == 0
    assert store.count("MATCH (a:Actor) RETURN count(a)") == sample.graph.number_of_nodes()
    assert store.count("MATCH (:Actor)-[r]->(:Actor) RETURN count(r)") == sample.graph.number_of_edges()
    assert read_network(store.driver, database=store.database) == sample


def _numpy_network():
    import numpy as np

    G = nx.MultiDiGraph(name="np")
    G.add_node("berlin", kind="city", name="Berlin", lat=np.float64(52.52), founded=np.int64(1237),
               population=float("nan"), aliases=["Berlin (DE)"])
    G.add_node("kyiv", kind="city", name="Kyiv", lat=np.float32(50.45), rank=np.int32(3))
    G.add_edge("berlin", "kyiv", key="p", type="PARTNER_OF", since=np.int64(2023),
               weight=np.nan, status="active")
    return ActorNetwork(G)


def test_values_become_plain_python_and_nan_is_absent():
    from actornet.loaders.store_rows import node_rows, tie_rows

    net = _numpy_network()
    nodes = {row["id"]: row["props"] for rows in node_rows(net).values()
             for row, _size in rows}
    assert type(nodes["berlin"]["founded"]) is int and type(nodes["berlin"]["lat"]) is float
    assert type(nodes["kyiv"]["rank"]) is int
    assert "population" not in nodes["berlin"]
    ties = [row["props"] for rows in tie_rows(net).values() for row, _size in rows]
    assert ties == [{"since": 2023, "status": "active", "load_order": 0}]
    assert type(ties[0]["since"]) is int


def test_unstorable_property_is_a_clear_error():
    from actornet.loaders.store_rows import node_rows

    G = nx.MultiDiGraph()
    G.add_node("x", kind="city", name="X", contact={"phone": "+49 30 1234"})
    with pytest.raises(StoreError, match="cannot be stored") as info:
        node_rows(ActorNetwork(G))
    assert "+49" not in str(info.value)


def test_numpy_values_round_trip_as_plain_values(store):
    net = _numpy_network()
    write_network(store.driver, net, database=store.database)
    records, _, _ = store.driver.execute_query(
        "MATCH (a:Actor {id: 'berlin'}) RETURN a.founded AS founded, a.population AS population",
        database_=store.database)
    assert records[0]["founded"] == 1237 and records[0]["population"] is None


def _one_node_network(kind):
    G = nx.MultiDiGraph(name="kinds")
    G.add_node("x1", kind=kind, name="Changing")
    return ActorNetwork(G)


def test_changed_kind_is_refused_then_replace_rewrites_it(store):
    from actornet.graph.errors import KindConflict

    write_network(store.driver, _one_node_network("ngo"), database=store.database)
    with pytest.raises(KindConflict, match="--replace"):
        write_network(store.driver, _one_node_network("institution"), database=store.database)
    write_network(store.driver, _one_node_network("institution"), database=store.database,
                  replace=True)
    back = read_network(store.driver, database=store.database)
    assert back.kind("x1").value == "institution"
    assert store.count("MATCH (a:NGO) RETURN count(a)") == 0


def test_resumed_load_creates_only_what_is_missing(store, sample):
    earlier = sample.as_of(2000)
    write_network(store.driver, earlier, database=store.database, dataset=sample.name)
    summary = write_network(store.driver, sample, database=store.database)
    assert summary.ties_created == sample.graph.number_of_edges() - earlier.graph.number_of_edges()
    assert summary.nodes_created == 0
    assert read_network(store.driver, database=store.database) == sample
