"""Communities, participation and group matrices: closed forms and references."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from actornet.sample import sample_path
from graph.network import ActorNetwork
from loaders import read_network
from queries._arrays import MeasureError
from queries.communities import communities, group_matrix, participation


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
