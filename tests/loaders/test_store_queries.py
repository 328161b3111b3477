"""Analyses inside the store return what the in-memory reference returns."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from actornet.graph.generate import generated_network
from actornet.loaders import read_network
from actornet.loaders.store import write_network
from actornet.loaders.store_queries import link_candidates

pytestmark = pytest.mark.neo4j


def _reference(network, sources, targets):
    """networkx on the actor graph without the formal partnerships."""
    A = network.actor_graph()
    G = nx.Graph()
    G.add_nodes_from(A)
    G.add_edges_from((u, v) for u, v, d in A.edges(data=True) if set(d["types"]) != {"PARTNER_OF"})
    rows = {}
    for a in sources:
        for b in targets:
            if a == b or A.has_edge(a, b):
                continue
            common = set(G[a]) & set(G[b])
            if common:
                rows[a, b] = (len(common), sum(1 / math.log(G.degree(n)) for n in common),
                              sum(1 / G.degree(n) for n in common))
    return rows


def _sides(network, home, partner):
    return ([n for n in network.actors() if network.city_of(n) == home],
            [n for n in network.actors() if network.city_of(n) == partner])


@pytest.mark.parametrize("partner", ["jakarta", "tashkent", "paris"])
def test_link_candidates_match_networkx_on_the_sample(store, partner):
    from actornet.sample import sample_path

    network = read_network(sample_path())
    write_network(store.driver, network, database=store.database)
    sources, targets = _sides(network, "berlin", partner)
    table = link_candidates(store.driver, sources, targets, database=store.database)
    expected = _reference(network, sources, targets)
    got = {(r.source, r.target): (r.common, r.adamic_adar, r.resource_allocation)
           for r in table.itertuples()}
    assert set(got) == set(expected)
    for pair, (common, aa, ra) in expected.items():
        assert got[pair][0] == common
        assert got[pair][1] == pytest.approx(aa, abs=1e-9)
        assert got[pair][2] == pytest.approx(ra, abs=1e-9)
    assert list(table["resource_allocation"]) == sorted(table["resource_allocation"], reverse=True)


def test_link_candidates_match_networkx_on_a_generated_network(store):
    network = generated_network(300, 1500, cities=5, seed=4)
    write_network(store.driver, network, database=store.database)
    home = network.home_city
    partner = next(p["city"] for p in network.partnerships())
    sources, targets = _sides(network, home, partner)
    table = link_candidates(store.driver, sources, targets, database=store.database)
    expected = _reference(network, sources, targets)
    assert expected, "the generated network should offer candidates"
    got = {(r.source, r.target): (r.common, r.resource_allocation) for r in table.itertuples()}
    assert set(got) == set(expected)
    assert all(got[p][0] == expected[p][0] and got[p][1] == pytest.approx(expected[p][2], abs=1e-9)
               for p in expected)


def test_link_candidates_never_pair_tied_actors_or_an_actor_with_itself(store, good_dir):
    network = read_network(good_dir)
    write_network(store.driver, network, database=store.database)
    actors = network.actors()
    table = link_candidates(store.driver, actors, actors, database=store.database)
    A = network.actor_graph()
    assert set(zip(table.source, table.target)) == set(_reference(network, actors, actors))
    assert all(r.source != r.target and not A.has_edge(r.source, r.target)
               for r in table.itertuples())
