"""The store under hostile data (issue 15, items 3, 5, 8): oversized rows refused
before sending, ids the test server misreads refused up front, a part-way
failure that says how to finish, every transaction with a timeout, and the
driver's retry chatter kept off stderr."""

from __future__ import annotations

import logging

import networkx as nx
import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.graph.errors import KindConflict, StoreError
from actornet.graph.limits import MAX_CELL_CHARS
from actornet.graph.network import ActorNetwork
from actornet.loaders import store_batches, store_rows
from actornet.loaders.settings import Neo4jSettings
from actornet.loaders.store import read_network, write_network
from actornet.loaders.store_batches import TRANSACTION_TIMEOUT
from actornet.loaders.store_rows import MAX_BATCH_BYTES, MAX_MESSAGE_BYTES, packed_size

NODES = "MATCH (a:Actor) RETURN count(a)"


def _network(*nodes, ties=(), name="hostile"):
    G = nx.MultiDiGraph(name=name)
    for node_id, kind, attrs in nodes:
        G.add_node(node_id, kind=kind, **attrs)
    for source, target, tie_type in ties:
        G.add_edge(source, target, key=f"{source}>{tie_type}>{target}", type=tie_type)
    return ActorNetwork(G)


# -- without a server ---------------------------------------------------------

def test_packed_size_bounds_the_utf8_bytes():
    assert packed_size({"name": "ä" * 1000}) >= 2000


def test_a_row_too_big_for_a_message_is_refused_naming_its_id():
    columns = {f"x{i}": "N" * MAX_CELL_CHARS for i in range(17)}
    network = _network(("b", "city", {"name": "B"}), ("huge", "ngo", {"name": "H", **columns}))
    with pytest.raises(StoreError, match="the ngo with id 'huge' is 16.2 MiB"):
        write_network(None, network)  # refused before the driver is touched


def test_a_value_longer_than_the_readers_take_is_refused():
    network = _network(("b", "city", {"name": "B"}), ("n", "ngo", {"name": "N" * 10_000_000}))
    with pytest.raises(StoreError, match="the ngo with id 'n' has a value of 10,000,000"):
        write_network(None, network)


def test_the_refusal_never_quotes_the_value():
    network = _network(("b", "city", {"name": "B"}),
                       ("huge", "ngo", {"name": "secret" * MAX_CELL_CHARS}))
    with pytest.raises(StoreError) as caught:
        write_network(None, network)
    assert "secret" not in str(caught.value)


def test_an_id_beginning_with_a_dollar_is_refused_up_front():
    network = _network(("b", "city", {"name": "B"}), ("$rows", "ngo", {"name": "Rows"}))
    with pytest.raises(StoreError, match=r"the ngo with id '\$rows' begins with \$"):
        write_network(None, network)


def test_a_dataset_name_beginning_with_a_dollar_is_refused():
    network = _network(("b", "city", {"name": "B"}))
    with pytest.raises(StoreError, match=r"dataset name begins with \$"):
        write_network(None, network, dataset="$dataset")


def test_batches_are_cut_by_packed_size():
    rows = [({"id": str(i)}, MAX_BATCH_BYTES // 3) for i in range(7)]
    sizes = [len(batch) for batch in store_rows.chunks(rows, 5000)]
    assert sizes == [3, 3, 1]


def test_batches_are_cut_by_row_count():
    rows = [({"id": str(i)}, 10) for i in range(7)]
    assert [len(b) for b in store_rows.chunks(rows, 3)] == [3, 3, 1]


def test_every_transaction_carries_a_timeout():
    work = store_batches._timed(lambda tx: None)
    assert work.timeout == TRANSACTION_TIMEOUT


def test_the_driver_logger_is_quiet_by_default(monkeypatch):
    logger = logging.getLogger("neo4j")
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    settings = Neo4jSettings.from_env({"NEO4J_URI": "bolt://127.0.0.1:1"}, dotenv=None)
    settings.driver().close()
    assert logger.level == logging.ERROR


@pytest.mark.parametrize("flag, level", [((), logging.ERROR), (("--verbose",), logging.WARNING)])
def test_verbose_lets_the_driver_warnings_through(flag, level, monkeypatch):
    logger = logging.getLogger("neo4j")
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    CliRunner().invoke(cli, [*flag, "info", "--help"])
    assert logger.level == level


# -- against the real Bolt server -----------------------------------------------

@pytest.mark.neo4j
def test_a_dollar_id_leaves_nothing_in_the_store(store):
    network = _network(("b", "city", {"name": "B"}), ("$rows", "ngo", {"name": "Rows"}),
                       ties=[("$rows", "b", "BASED_IN")])
    with pytest.raises(StoreError):
        write_network(store.driver, network, database=store.database)
    assert store.count(NODES) == 0


@pytest.mark.neo4j
def test_a_dollar_inside_an_id_or_in_a_value_loads(store):
    network = _network(("b", "city", {"name": "$rows"}), ("a$rows", "ngo", {"name": "$dataset"}),
                       ties=[("a$rows", "b", "BASED_IN")])
    write_network(store.driver, network, database=store.database)
    assert read_network(store.driver, database=store.database) == network


@pytest.mark.neo4j
def test_rows_that_together_exceed_a_message_load_in_smaller_batches(store):
    big = "x" * MAX_CELL_CHARS
    nodes = [("b", "city", {"name": "B"})] + [(f"n{i}", "ngo", {"name": f"N{i}", "note": big})
                                             for i in range(24)]  # 24 MB in one kind
    network = _network(*nodes)
    summary = write_network(store.driver, network, database=store.database)
    assert summary.batches >= 4
    assert store.count(NODES) == 25


@pytest.mark.neo4j
def test_a_load_failing_part_way_says_how_to_finish(store):
    write_network(store.driver, _network(("x", "ngo", {"name": "X"})), database=store.database,
                  dataset="first")
    second = _network(("y", "city", {"name": "Y"}), ("x", "institution", {"name": "X"}))
    with pytest.raises(KindConflict) as caught:
        write_network(store.driver, second, database=store.database, dataset="second")
    message = str(caught.value)
    assert "1 of 2 rows of dataset second were written" in message
    assert "--replace" in message

