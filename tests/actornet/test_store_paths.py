"""Introduction paths searched inside the store match queries/paths.py."""

from __future__ import annotations

from itertools import islice

import networkx as nx
import pytest

from actornet.sample import sample_path
from actornet.graph.errors import NoPathError, ResolveError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network
from actornet.loaders.store import write_network
from actornet.store_analyses import _bidirectional_dijkstra, store_introduction_path, store_resolve
from actornet.queries.paths import CITY_DETOUR, introduction_path

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def berlin():
    return read_network(sample_path())


def _unique_best(network, source, target, as_of=None):
    """The in-memory best path, and whether no other path is as short."""
    view = network if as_of is None else network.as_of(as_of)
    A = view.actor_graph()
    [best] = introduction_path(network, source, target, as_of=as_of)
    # Unique by the rule both searches follow: a city node is a detour taken
    # only when nothing else links (compared without the detour's large
    # numbers, which would hide ties in floating point).
    plain = A.subgraph([n for n in A if n in (source, target)
                        or network.graph.nodes[n]["kind"] != "city"])
    graph = plain if nx.has_path(plain, source, target) else A
    first_two = list(islice(nx.shortest_simple_paths(graph, source, target,
                                                     weight="distance"), 2))
    # Unique when the runner-up is longer beyond rounding (sums of 1/strength
    # in another order may differ in the last bits).
    unique = len(first_two) == 1 or (nx.path_weight(graph, first_two[1], "distance")
                                     > nx.path_weight(graph, first_two[0], "distance") * (1 + 1e-9))
    return best, unique


def _same_path(got, expected, unique):
    assert got.distance == pytest.approx(expected.distance, rel=1e-12)
    if not unique:
        assert got.actors[0] == expected.actors[0] and got.actors[-1] == expected.actors[-1]
        return
    assert got.actors == expected.actors
    assert got.names == expected.names
    for mine, theirs in zip(got.steps, expected.steps, strict=True):
        assert (mine.source, mine.target, mine.strength) == (theirs.source, theirs.target,
                                                             theirs.strength)
        # Projects come in the order the graph holds them: compare as sets.
        assert (mine.types, mine.themes, sorted(mine.projects)) == (
            theirs.types, theirs.themes, sorted(theirs.projects))
        assert (mine.since, mine.until) == (theirs.since, theirs.until)
        assert sorted(mine.evidence) == sorted(theirs.evidence)
        assert (sorted(t["tie"] for t in mine.ties) == sorted(t["tie"] for t in theirs.ties))


PAIRS = [("fu_berlin", "tashkent"), ("ngo_tbb", "istanbul_chamber"),
         ("sen_umwelt", "transjakarta"), ("bvg", "jakarta_gov"), ("p001", "paris")]


@pytest.mark.parametrize("as_of", [None, 2010, 2020])
def test_store_paths_match_the_sample(store, berlin, as_of):
    write_network(store.driver, berlin, database=store.database)
    checked = 0
    for source, target in PAIRS:
        try:
            expected, unique = _unique_best(berlin, source, target, as_of)
        except NoPathError:
            with pytest.raises(NoPathError):
                store_introduction_path(store.driver, source, target, database=store.database,
                                        as_of=as_of)
            continue
        got = store_introduction_path(store.driver, source, target, database=store.database,
                                      as_of=as_of)
        _same_path(got, expected, unique)
        checked += 1
    assert checked >= 3


def test_store_paths_match_a_generated_network(store):
    net = generated_network(300, 1500, seed=5)
    write_network(store.driver, net, database=store.database)
    actors = [n for n in net.actors() if net.kind(n).value != "city"]
    pairs = list(zip(actors[:40:4], actors[-40::4]))
    unique_seen = 0
    for source, target in pairs:
        try:
            expected, unique = _unique_best(net, source, target)
        except NoPathError:  # an actor with no tie at all
            with pytest.raises(NoPathError):
                store_introduction_path(store.driver, source, target, database=store.database)
            continue
        got = store_introduction_path(store.driver, source, target, database=store.database)
        _same_path(got, expected, unique)
        unique_seen += unique
    assert unique_seen >= 5


def test_store_path_errors(store, berlin):
    write_network(store.driver, berlin, database=store.database)
    with pytest.raises(ResolveError):
        store_introduction_path(store.driver, "nobody", "paris", database=store.database)
    with pytest.raises(ResolveError):  # a project is no actor
        store_introduction_path(store.driver, "prj_climate_jakarta_2019", "paris",
                                database=store.database)
    with pytest.raises(NoPathError, match="in 1900"):
        store_introduction_path(store.driver, "fu_berlin", "paris", database=store.database,
                                as_of=1900)
    same = store_introduction_path(store.driver, "paris", "paris", database=store.database)
    assert (same.actors, same.hops) == (["paris"], 0)


def test_store_resolve_as_the_network_does(store, berlin):
    write_network(store.driver, berlin, database=store.database)
    for text in ["Kiew", "freie universitat berlin", "TASHKENT", "fu_berlin"]:
        assert store_resolve(store.driver, text, database=store.database) == berlin.resolve(text)
    with pytest.raises(ResolveError):
        store_resolve(store.driver, "Atlantis", database=store.database)


def test_bidirectional_search_agrees_with_networkx():
    G = nx.gnm_random_graph(200, 600, seed=3)
    for i, (u, v) in enumerate(G.edges):
        G[u][v]["strength"] = 1 + i % 5
    asked = []

    def neighbours(n):
        asked.append(n)
        return [(m, G[n][m]["strength"]) for m in G[n]]

    for u, v in [(0, 199), (5, 17), (42, 100)]:
        for a, b, d in G.edges(data=True):
            d["distance"] = 1 / d["strength"]
        expected = nx.bidirectional_dijkstra(G, u, v, weight="distance")[0]
        path = _bidirectional_dijkstra(neighbours, u, v)
        assert sum(G[a][b]["distance"] for a, b in zip(path, path[1:])) == \
            pytest.approx(expected)
    assert len(set(asked)) < 200  # only the explored part is asked for
