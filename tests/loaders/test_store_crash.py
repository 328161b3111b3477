"""A load or replace killed part-way: what every later command sees, and the
same command run again.

The server is SIGKILLed (as a crash or power cut would) at several points:
after the dataset is marked loading, between node batches, between tie
batches and during --replace's clean-up. Afterwards every reader names the
dataset as incomplete, and running the same load again completes it with no
duplicate and no leftover.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.graph.errors import StoreError
from actornet.loaders import store_batches
from actornet.loaders.store import read_network, write_network

pytestmark = pytest.mark.neo4j

DUPLICATES = "MATCH (a:Actor) WITH a.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)"


@pytest.fixture
def killable(bolt):
    if not getattr(bolt, "killable", False):
        pytest.skip("NEO4J_URI names a server these tests did not start and cannot kill")
    return bolt


def _kill_on(monkeypatch, server, name, call):
    """Kill ``server`` just before the ``call``-th call of store_batches.``name``."""
    real = getattr(store_batches, name)
    seen = []

    def wrapped(*args, **kwargs):
        seen.append(1)
        if len(seen) == call:
            server.kill()
        return real(*args, **kwargs)

    monkeypatch.setattr(store_batches, name, wrapped)
    import actornet.loaders.store as store_module
    monkeypatch.setattr(store_module, name, wrapped)


def _fresh(server):
    from conftest import Store
    server.start()
    return Store(server)


def _assert_exact(store, network, dataset):
    summary = write_network(store.driver, network, database=store.database, dataset=dataset)
    assert summary.duplicates == 0 and store.count(DUPLICATES) == 0
    assert store.count("MATCH (a:Actor) RETURN count(a)") == network.graph.number_of_nodes()
    assert store.count("MATCH (:Actor)-[r]->(:Actor) RETURN count(r)") == \
        network.graph.number_of_edges()
    assert read_network(store.driver, database=store.database) == network
    return summary


@pytest.mark.parametrize("where, call", [("write_node_batch", 1), ("write_node_batch", 3),
                                         ("write_tie_batch", 2), ("write_tie_batch", 6)])
def test_a_killed_load_is_named_incomplete_then_completed(killable, store, sample, monkeypatch,
                                                          where, call):
    _kill_on(monkeypatch, killable, where, call)
    with pytest.raises(StoreError) as caught:
        write_network(store.driver, sample, database=store.database, batch_size=100,
                      dataset="berlin")
    assert "connection was lost" in str(caught.value) or "could not be reached" in str(caught.value)
    assert "run `actornet load … --dataset berlin` again" in str(caught.value)
    monkeypatch.undo()
    store.driver.close()
    again = _fresh(killable)
    try:
        with pytest.raises(StoreError, match="dataset berlin is incomplete: its last load was "
                                             "interrupted; run `actornet load … --dataset "
                                             "berlin` again"):
            read_network(again.driver, database=again.database)
        result = CliRunner().invoke(cli, ["info"], env=again.env())
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ")
        assert "dataset berlin is incomplete" in result.stderr
        summary = _assert_exact(again, sample, "berlin")
        assert summary.batches_skipped == 0  # nothing trusted from the interrupted load
    finally:
        again.driver.close()


@pytest.mark.parametrize("where, call", [("write_tie_batch", 3), ("remove_stale", 1)])
def test_a_killed_replace_is_named_incomplete_then_completed(killable, store, sample,
                                                             monkeypatch, where, call):
    write_network(store.driver, sample, database=store.database, dataset="berlin")
    smaller = sample.as_of(2005)
    _kill_on(monkeypatch, killable, where, call)
    with pytest.raises(StoreError) as caught:
        write_network(store.driver, smaller, database=store.database, batch_size=100,
                      dataset="berlin", replace=True)
    assert "run `actornet load … --replace --dataset berlin` again" in str(caught.value)
    monkeypatch.undo()
    store.driver.close()
    again = _fresh(killable)
    try:
        with pytest.raises(StoreError, match="dataset berlin is incomplete"):
            read_network(again.driver, database=again.database)
        write_network(again.driver, smaller, database=again.database, dataset="berlin",
                      replace=True)
        assert again.count(DUPLICATES) == 0
        assert read_network(again.driver, database=again.database) == smaller
    finally:
        again.driver.close()


def test_the_cli_says_what_happened_and_no_driver_line(killable, store, sample, monkeypatch):
    from actornet.sample import sample_path

    _kill_on(monkeypatch, killable, "write_tie_batch", 2)
    result = CliRunner().invoke(cli, ["load", str(sample_path()), "--batch-size", "100"],
                                env=store.env())
    monkeypatch.undo()
    killable.start()
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "defunct" not in result.output and "defunct" not in result.stderr
    assert "marked incomplete" in lines[0]
