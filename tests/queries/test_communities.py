"""Communities, participation and group matrices: closed forms and references."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from actornet.sample import sample_path
from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network
from actornet.graph.errors import MeasureError
from actornet.queries.communities import (METHODS, communities, find_communities, group_matrix,
                                  participation)


@pytest.fixture(scope="module")
def sample():
    return read_network(sample_path())


def _network_from(G_undirected, kind="ngo"):
    G = nx.MultiDiGraph()
    for n in G_undirected:
        G.add_node(str(n), kind=kind, name=f"Actor {n}")
    for i, (u, v) in enumerate(G_undirected.edges()):
        G.add_edge(str(u), str(v), key=f"t{i}", type="COOPERATES_WITH", weight=2)
    return ActorNetwork(G)


def test_participation_of_a_star_with_each_leaf_alone_is_one_minus_one_over_k():
    k = 6
    S = nx.star_graph(k)
    part = {n: n for n in S}  # every node its own community
    assert participation(S, part)[0] == pytest.approx(1 - 1 / k)
    assert participation(S, part)[1] == 0.0


def test_participation_is_nan_for_an_isolate_and_accepts_sets():
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    result = participation(G, [{0, 1}, {2}])
    assert math.isnan(result[2])
    assert result[0] == 0.0


def test_participation_weighted():
    G = nx.Graph()
    G.add_edge("x", "a", w=3)
    G.add_edge("x", "b", w=1)
    assert participation(G, {"x": 0, "a": 0, "b": 1}, weight="w")["x"] == pytest.approx(
        1 - (3 / 4) ** 2 - (1 / 4) ** 2)


def test_two_cliques_and_a_bridge_give_two_communities_and_the_bridge_first():
    G = nx.barbell_graph(5, 1)  # two 5-cliques joined through node 5
    table = communities(_network_from(G), top=0)
    assert table.attrs["count"] == 2
    assert table.attrs["sizes"] == [6, 5]  # the middle node joins one clique
    assert table.loc[0, "actor"] == "5"  # the middle node: one tie into each community
    assert table.loc[0, "participation"] == pytest.approx(0.5)
    assert len(table) == G.number_of_nodes()


def test_karate_club_modularity_is_near_the_published_optimum():
    table = communities(_network_from(nx.karate_club_graph()), top=0, seed=1)
    # the best known partition has modularity 0.4198; Louvain finds 0.40-0.42 unweighted
    assert 0.38 <= table.attrs["modularity"] <= 0.4199
    assert sum(table.attrs["sizes"]) == 34


def test_same_seed_same_communities(sample):
    a = communities(sample, seed=3, top=0)
    b = communities(sample, seed=3, top=0)
    assert a.equals(b)
    assert a.attrs["count"] >= 2


def test_rows_are_sorted_by_participation_and_why_names_the_actor(sample):
    table = communities(sample, top=10)
    values = list(table["participation"])
    assert values == sorted(values, reverse=True)
    for row in table.itertuples():
        assert row.name in row.why


def test_as_of_changes_the_communities(sample):
    early = communities(sample, as_of=1995, top=0)
    late = communities(sample, top=0)
    assert early.attrs["sizes"] != late.attrs["sizes"]


def test_bad_options_are_typed_errors(sample):
    with pytest.raises(MeasureError):
        communities(sample, top=-1)
    with pytest.raises(MeasureError):
        communities(sample, resolution=0)


def test_group_matrix_matches_a_direct_count_on_the_sample(sample):
    matrix = group_matrix(sample, by="partner_city")
    A = sample.actor_graph()
    name = {c: sample.graph.nodes[c]["name"] for c in {sample.city_of(n) for n in A} if c}
    expected = 0
    for u, v, d in A.edges(data=True):
        if set(d["types"]) == {"PARTNER_OF"}:
            continue
        if {sample.city_of(u), sample.city_of(v)} == {"berlin", "tashkent"}:
            expected += 1
    assert expected > 0
    assert matrix.loc[name["berlin"], name["tashkent"]] == expected
    assert (matrix.values == matrix.values.T).all()


def test_group_matrix_by_kind_totals_every_grouped_tie(sample):
    matrix = group_matrix(sample, by="kind")
    A = sample.actor_graph()
    working = sum(1 for *_, d in A.edges(data=True) if set(d["types"]) != {"PARTNER_OF"})
    upper = sum(matrix.iat[i, j] for i in range(len(matrix)) for j in range(i, len(matrix)))
    assert upper == working


def test_nothing_is_mutated(sample):
    before = (sample.graph.number_of_nodes(), sample.graph.number_of_edges(),
              dict(sample.graph.nodes["fu_berlin"]))
    communities(sample, top=5)
    group_matrix(sample, by="kind")
    assert before == (sample.graph.number_of_nodes(), sample.graph.number_of_edges(),
                      dict(sample.graph.nodes["fu_berlin"]))


# -- methods: Leiden and Louvain in C, networkx's Louvain as the reference ------------

def _weighted(G, seed):
    """G with a seeded integer 'strength' 1-5 on every edge (a copy)."""
    H = nx.Graph(G)
    rng = np.random.default_rng(seed)
    for u, v in H.edges():
        H[u][v]["strength"] = int(rng.integers(1, 6))
    return H


def _generated_working_graph(actors, ties):
    from actornet.graph.generate import generated_network

    A = generated_network(actors, ties, seed=0).actor_graph()
    H = nx.Graph()
    H.add_nodes_from(A)
    H.add_edges_from((u, v, {"strength": d["strength"]}) for u, v, d in A.edges(data=True)
                     if d["types"] != ["PARTNER_OF"])
    return H


@pytest.mark.parametrize("method", METHODS)
def test_karate_club_modularity_reaches_0_41_with_each_method(method):
    K = nx.karate_club_graph()
    found = find_communities(K, method=method, seed=1)
    # the best known partition has modularity 0.4198; Louvain typically 0.4188
    assert nx.community.modularity(K, found, weight=None) >= 0.41


def test_leiden_finds_the_karate_club_optimum_with_most_seeds():
    K = nx.karate_club_graph()
    values = [nx.community.modularity(K, find_communities(K, seed=s), weight=None)
              for s in range(6)]
    assert max(values) == pytest.approx(0.4198, abs=1e-4)
    assert min(values) >= 0.4188 - 1e-4


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_fast_methods_match_networkx_on_the_florentine_families(method):
    F = _weighted(nx.florentine_families_graph(), seed=7)
    seeds = range(5)
    fast = [nx.community.modularity(F, find_communities(F, "strength", method=method, seed=s),
                                    weight="strength") for s in seeds]
    reference = [nx.community.modularity(
        F, nx.community.louvain_communities(F, weight="strength", seed=s), weight="strength")
        for s in seeds]
    assert max(fast) >= max(reference) - 0.01
    assert np.mean(fast) >= np.mean(reference) - 0.02


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_fast_methods_match_networkx_on_a_generated_network(method):
    H = _generated_working_graph(600, 2400)
    fast = nx.community.modularity(H, find_communities(H, "strength", method=method, seed=0),
                                   weight="strength")
    reference = nx.community.modularity(
        H, nx.community.louvain_communities(H, weight="strength", seed=0), weight="strength")
    assert fast >= reference - 0.01


@pytest.mark.parametrize("method", METHODS)
def test_same_seed_same_partition_for_each_method(method):
    H = _generated_working_graph(300, 1200)
    first = find_communities(H, "strength", method=method, seed=5)
    again = find_communities(H, "strength", method=method, seed=5)
    assert first == again


def test_louvain_leaves_pythons_global_random_state_alone():
    import random

    random.seed(11)
    expected = random.random()
    random.seed(11)
    find_communities(nx.karate_club_graph(), method="louvain", seed=3)
    assert random.random() == expected


@pytest.mark.parametrize("method", METHODS)
def test_find_communities_does_not_mutate_the_graph(method):
    F = _weighted(nx.florentine_families_graph(), seed=1)
    before = (list(F.nodes(data=True)), list(F.edges(data=True)))
    find_communities(F, "strength", method=method, seed=0)
    assert before == (list(F.nodes(data=True)), list(F.edges(data=True)))


def test_find_communities_covers_every_node_once():
    G = nx.karate_club_graph()
    G.add_node("alone")
    found = find_communities(G, seed=0)
    assert sorted(map(str, (n for c in found for n in c))) == sorted(map(str, G))


@pytest.mark.parametrize("method", METHODS)
def test_communities_table_for_each_method(sample, method):
    table = communities(sample, method=method, top=0, seed=2)
    assert table.attrs["method"] == method
    assert table.attrs["modularity"] > 0.3
    assert sum(table.attrs["sizes"]) == len(table)


def test_array_participation_and_modularity_agree_with_the_networkx_forms(sample):
    from actornet.queries.communities import _participation_arrays, _working_ties
    from actornet.queries.partition import membership, modularity, order_communities

    nodes, src, dst, strength = _working_ties(sample.actor_graph())
    label, _ = order_communities(membership(len(nodes), src, dst, strength, method="louvain",
                                            seed=0, resolution=1.0), nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_weighted_edges_from(((nodes[a], nodes[b], w) for a, b, w in
                               zip(src.tolist(), dst.tolist(), strength.tolist())),
                              weight="strength")
    part = dict(zip(nodes, label.tolist()))
    slow = participation(H, part, weight="strength")
    fast = _participation_arrays(len(nodes), src, dst, strength, label)[0]
    assert [slow[n] for n in nodes] == pytest.approx(fast.tolist(), nan_ok=True)
    groups = [{n for n in nodes if part[n] == c} for c in range(int(label.max()) + 1)]
    assert modularity(len(nodes), src, dst, strength, label) == pytest.approx(
        nx.community.modularity(H, groups, weight="strength"))


def test_unknown_method_is_a_typed_error(sample):
    with pytest.raises(MeasureError):
        communities(sample, method="spectral")
    with pytest.raises(MeasureError):
        find_communities(nx.karate_club_graph(), method="spectral")


def test_network_without_working_ties_has_nan_modularity():
    G = nx.MultiDiGraph()
    for n in "ab":
        G.add_node(n, kind="city", name=n)
    G.add_edge("a", "b", key="p", type="PARTNER_OF")
    table = communities(ActorNetwork(G), top=0)
    assert math.isnan(table.attrs["modularity"])
    assert table.attrs["sizes"] == [1, 1]
