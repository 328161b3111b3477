"""Betweenness: known answers, agreement with networkx, sampling, groups."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from broker_graphs import groups_of, shapes, snapshot, with_weights
from actornet.graph.errors import ActornetError
from actornet.queries.betweenness import betweenness, cross_group_betweenness, group_pair_betweenness

BACKENDS = ["numba", "python"]


def close(a, b, tol=1e-9):
    assert a.keys() == b.keys()
    bad = {n: (a[n], b[n]) for n in a if not math.isclose(a[n], b[n], rel_tol=tol, abs_tol=tol)}
    assert not bad


# -- known answers ---------------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_florentine_medici_raw(backend):
    G = nx.florentine_families_graph()
    assert betweenness(G, normalized=False, backend=backend)["Medici"] == pytest.approx(47.5)


@pytest.mark.parametrize("backend", BACKENDS)
def test_florentine_medici_normalised(backend):
    G = nx.florentine_families_graph()
    assert betweenness(G, backend=backend)["Medici"] == pytest.approx(0.522, abs=5e-4)


def test_florentine_guadagni_raw():
    G = nx.florentine_families_graph()
    assert betweenness(G, normalized=False)["Guadagni"] == pytest.approx(23.1667, abs=1e-4)


def test_path_middle_is_one():
    assert betweenness(nx.path_graph("ABC"), normalized=False) == {"A": 0.0, "B": 1.0, "C": 0.0}


def test_isolate_and_tiny_graphs_are_zero():
    G = nx.Graph()
    G.add_nodes_from([1, 2])
    assert betweenness(G) == {1: 0.0, 2: 0.0}


def test_nodes_selects_the_output():
    G = nx.florentine_families_graph()
    assert list(betweenness(G, ["Medici", "Strozzi"])) == ["Medici", "Strozzi"]


def test_strength_as_weight_is_the_trap_distance_avoids():
    # a - b strong, b - c strong, a - c weak: with distance the path runs a-b-c.
    G = nx.Graph()
    G.add_edge("a", "b", strength=5, distance=0.2)
    G.add_edge("b", "c", strength=5, distance=0.2)
    G.add_edge("a", "c", strength=1, distance=1.0)
    assert betweenness(G, weight="distance", normalized=False)["b"] == 1.0
    assert betweenness(G, weight="strength", normalized=False)["b"] == 0.0


# -- agreement with networkx -------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("weight", [None, "distance"])
@pytest.mark.parametrize("name,G", shapes())
def test_exact_agrees_with_networkx(name, G, weight, backend):
    H = with_weights(G, seed=len(name))
    for normalized in (True, False):
        ours = betweenness(H, weight=weight, normalized=normalized, backend=backend)
        ref = nx.betweenness_centrality(H, weight=weight, normalized=normalized)
        close(ours, ref)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("weight", [None, "distance"])
@pytest.mark.parametrize("name,G", shapes()[:3])
def test_sampled_agrees_with_networkx_for_the_same_seed(name, G, weight, backend):
    H = with_weights(G, seed=7)
    ours = betweenness(H, weight=weight, k=12, seed=42, scaling="uniform", backend=backend)
    ref = nx.betweenness_centrality(H, weight=weight, k=12, seed=42)
    close(ours, ref)


@pytest.mark.parametrize("scaling", ["linear", "uniform"])
@pytest.mark.parametrize("weight", [None, "distance"])
def test_sampled_with_k_n_is_exact(weight, scaling):
    H = with_weights(nx.barabasi_albert_graph(50, 3, seed=9))
    close(betweenness(H, weight=weight, k=len(H), seed=1, scaling=scaling),
          betweenness(H, weight=weight))


@pytest.mark.parametrize("weight", [None, "distance"])
def test_linear_scaling_sums_to_exact_over_all_sources(weight):
    # Every source drawn, but through the linear estimator: each pair's credit
    # from its two ends adds up to one.
    from actornet.queries.path_sums import PathGraph
    H = with_weights(nx.gnm_random_graph(40, 90, seed=3))
    paths = PathGraph.build(H, weight, groups=None)
    everyone = paths.run(k=len(H) - 1, seed=1, scaling="linear")
    assert everyone.sampled
    exact = betweenness(H, weight=weight)
    estimate = everyone.betweenness(True)
    assert max(abs(estimate[i] - exact[n]) for i, n in enumerate(H)) < 0.1 * max(exact.values())


def test_linear_scaling_estimates_better_than_uniform():
    G = nx.barabasi_albert_graph(600, 2, seed=4)
    exact = betweenness(G)
    errors = {}
    for scaling in ("linear", "uniform"):
        total = 0.0
        for seed in range(5):
            est = betweenness(G, k=30, seed=seed, scaling=scaling)
            total += sum(abs(est[n] - exact[n]) for n in G)
        errors[scaling] = total
    assert errors["linear"] < errors["uniform"]


def test_sampled_is_reproducible_and_depends_on_seed():
    G = nx.gnm_random_graph(80, 200, seed=3)
    assert betweenness(G, k=10, seed=1) == betweenness(G, k=10, seed=1)
    assert betweenness(G, k=10, seed=1) != betweenness(G, k=10, seed=2)


# -- across groups --------------------------------------------------------------------------

def reference_cross(G, groups, weight):
    """Unnormalised cross-group betweenness from networkx's subset betweenness."""
    labels = sorted({g for g in groups.values() if g is not None})
    members = {g: [n for n in G if groups[n] == g] for g in labels}
    total = dict.fromkeys(G, 0.0)
    for g in labels:
        for h in labels:
            if g != h:
                part = nx.betweenness_centrality_subset(G, members[g], members[h],
                                                        normalized=False, weight=weight)
                for n in G:
                    total[n] += part[n]
    return total


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("weight", [None, "distance"])
@pytest.mark.parametrize("name,G", shapes())
def test_cross_group_agrees_with_subset_betweenness(name, G, weight, backend):
    H = with_weights(G, seed=3)
    groups = groups_of(H, 3, seed=len(name), missing=4)
    ours = cross_group_betweenness(H, groups, weight=weight, normalized=False, backend=backend)
    close(ours, reference_cross(H, groups, weight))


def test_cross_group_normalised_divides_by_cross_pairs():
    G = nx.path_graph(4)
    groups = {0: "A", 1: "A", 2: "B", 3: "B"}
    # Node 1: pairs {s, t} of other nodes in different groups: (0,2), (0,3) -> 2 pairs,
    # and it lies on both paths.
    assert cross_group_betweenness(G, groups)[1] == pytest.approx(1.0)


def test_cross_group_with_every_node_its_own_group_is_betweenness():
    G = nx.barabasi_albert_graph(40, 2, seed=5)
    close(cross_group_betweenness(G, {n: n for n in G}), betweenness(G))


def test_cross_group_with_one_group_is_zero():
    G = nx.barabasi_albert_graph(40, 2, seed=5)
    assert set(cross_group_betweenness(G, dict.fromkeys(G, "one")).values()) == {0.0}


def test_cross_group_reads_a_node_attribute():
    G = nx.path_graph(3)
    nx.set_node_attributes(G, {0: "Berlin", 1: "Berlin", 2: "Jakarta"}, "city")
    assert cross_group_betweenness(G, "city", normalized=False) == {0: 0.0, 1: 1.0, 2: 0.0}


def test_cross_group_sampled_with_k_n_is_exact():
    H = with_weights(nx.gnm_random_graph(50, 120, seed=8))
    groups = groups_of(H, 4, seed=2, missing=3)
    close(cross_group_betweenness(H, groups, weight="distance", k=len(H), seed=3),
          cross_group_betweenness(H, groups, weight="distance"))


def test_cross_group_sampled_is_near_exact_on_hubs():
    G = nx.barabasi_albert_graph(400, 3, seed=1)
    groups = groups_of(G, 3, seed=1)
    exact = cross_group_betweenness(G, groups)
    sampled = cross_group_betweenness(G, groups, k=200, seed=4)
    hubs = sorted(exact, key=exact.get, reverse=True)[:5]
    for n in hubs:
        assert sampled[n] == pytest.approx(exact[n], rel=0.25)


def connected_pairs(G, g_nodes, h_nodes, v):
    return sum(1 for s in g_nodes for t in h_nodes
               if v not in (s, t) and nx.has_path(G, s, t))


@pytest.mark.parametrize("store", [True, False])
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("weight", [None, "distance"])
def test_group_pair_share_agrees_with_subset_betweenness(weight, backend, store, monkeypatch):
    # with store, the shares come from the paths kept by the first pass;
    # without, from a second round of shortest paths.
    import actornet.queries.path_sums as module
    monkeypatch.setattr(module, "STORE_BYTES", module.STORE_BYTES if store else 0)
    H = with_weights(nx.disjoint_union(nx.gnm_random_graph(25, 60, seed=1),
                                       nx.gnm_random_graph(10, 14, seed=2)))
    groups = groups_of(H, 3, seed=5, missing=2)
    labels = sorted({g for g in groups.values() if g is not None})
    members = {g: [n for n in H if groups[n] == g] for g in labels}
    nodes = [0, 3, 7, 30]
    ours = group_pair_betweenness(H, groups, nodes, weight=weight, backend=backend)
    for g in labels:
        for h in labels:
            if g >= h:
                continue
            # subset betweenness halves undirected sums: twice it is the sum over pairs.
            through = nx.betweenness_centrality_subset(H, members[g], members[h],
                                                       normalized=False, weight=weight)
            for v in nodes:
                pairs = connected_pairs(H, members[g], members[h], v)
                key = (g, h) if (g, h) in ours[v] else (h, g)
                if pairs == 0:
                    assert key not in ours[v]
                else:
                    assert ours[v][key] == pytest.approx(2 * through[v] / pairs, abs=1e-9)


def test_group_pair_share_on_a_bridge_is_one():
    G = nx.path_graph(["a", "b", "c"])
    assert group_pair_betweenness(G, {"a": "X", "b": "X", "c": "Y"}, "b") == {"b": {("X", "Y"): 1.0}}


def test_group_pair_sampled_with_k_n_is_exact():
    H = with_weights(nx.gnm_random_graph(40, 100, seed=4))
    groups = groups_of(H, 3, seed=9)
    exact = group_pair_betweenness(H, groups, [1, 2], weight="distance")
    full = group_pair_betweenness(H, groups, [1, 2], weight="distance", k=len(H), seed=1)
    for v in (1, 2):
        assert full[v] == pytest.approx(exact[v], abs=1e-12)


# -- no side effects, errors -------------------------------------------------------------------

@pytest.mark.parametrize("measure", [
    lambda G: betweenness(G, weight="distance"),
    lambda G: betweenness(G, k=5, seed=1),
    lambda G: cross_group_betweenness(G, "team", weight="distance"),
    lambda G: group_pair_betweenness(G, "team", [0, 1]),
])
def test_caller_graph_is_unchanged(measure):
    G = with_weights(nx.gnm_random_graph(30, 60, seed=2))
    nx.set_node_attributes(G, {n: f"t{n % 3}" for n in G}, "team")
    before = snapshot(G)
    measure(G)
    assert snapshot(G) == before


@pytest.mark.parametrize("call", [
    lambda: betweenness(nx.DiGraph([(1, 2)])),
    lambda: betweenness(nx.MultiGraph([(1, 2)])),
    lambda: betweenness(nx.Graph([(1, 2, {"d": -1.0})]), weight="d"),
    lambda: betweenness(nx.Graph([(1, 2, {"d": 0.0})]), weight="d"),
    lambda: betweenness(nx.Graph([(1, 2)]), weight="d"),
    lambda: betweenness(nx.path_graph(4), k=0),
    lambda: betweenness(nx.path_graph(4), [9]),
    lambda: betweenness(nx.path_graph(4), backend="fortran"),
    lambda: cross_group_betweenness(nx.path_graph(4), None),
    lambda: cross_group_betweenness(nx.path_graph(4), 3),
])
def test_bad_input_raises_an_actornet_error(call):
    with pytest.raises(ActornetError):
        call()
