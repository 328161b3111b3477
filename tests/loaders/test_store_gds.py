"""Neo4j GDS, where the server has it. ArcadeDB (the test server) has none: these
tests run only when NEO4J_URI names a Neo4j with the Graph Data Science
library, and are skipped with that reason otherwise."""

from __future__ import annotations

import networkx as nx
import pytest

from actornet.graph.generate import generated_network
from actornet.loaders.gds import GdsGraph, gds_version
from actornet.loaders.store import write_network

pytestmark = pytest.mark.neo4j


@pytest.fixture
def gds_store(store):
    version = gds_version(store.driver, database=store.database)
    if version is None:
        pytest.skip("the Bolt server has no Neo4j Graph Data Science library (ArcadeDB has "
                    "none): run with NEO4J_URI naming a Neo4j with GDS")
    return store


def test_gds_is_detected_as_absent_on_the_test_server(store, bolt):
    if not getattr(bolt, "killable", False):
        pytest.skip("NEO4J_URI names another server")
    assert gds_version(store.driver, database=store.database) is None


def test_gds_betweenness_paths_and_leiden_agree_with_memory(gds_store):
    network = generated_network(200, 800, cities=4, seed=3)
    write_network(gds_store.driver, network, database=gds_store.database)
    A = network.actor_graph()
    with GdsGraph(gds_store.driver, network, database=gds_store.database) as g:
        scores = g.betweenness()
        expected = nx.betweenness_centrality(A, weight="distance", normalized=False)
        # compared as shares of the largest (the two may count a pair once or twice)
        top, mine = max(expected.values()), max(scores.values())
        for node, value in expected.items():
            assert scores[node] / mine == pytest.approx(value / top, rel=1e-6, abs=1e-9)
        source, target = list(A)[0], list(A)[-1]
        distance, ids = g.shortest_path(source, target)
        assert ids[0] == source and ids[-1] == target
        assert distance == pytest.approx(nx.dijkstra_path_length(A, source, target,
                                                                 weight="distance"))
        communities = g.leiden(seed=1)
        assert set(communities) == set(A)
