"""Cuts: articulation points, cut-off sizes, bridges, node-disjoint routes."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from actornet.graph.errors import MeasureError
from actornet.queries.cuts import RouteGraph, articulation_points, bridges, cut_off, disjoint_routes

from cut_references import (
    ReferenceRouteGraph, cut_off_by_removal, max_flow_routes, random_graphs, separated,
    smallest_separator_size,
)


# -- articulation points, cut_off, bridges ------------------------------------
def test_path_graph_inner_nodes_are_articulation_points():
    assert articulation_points(nx.path_graph(5)) == [1, 2, 3]


def test_star_centre_is_the_only_articulation_point():
    assert articulation_points(nx.star_graph(5)) == [0]


def test_star_centre_cuts_off_all_but_one_leaf():
    # 5 leaves fall apart into 5 pieces of one: the largest keeps 1, 4 are cut off
    assert cut_off(nx.star_graph(5))[0] == 4


def test_cycle_has_no_articulation_points_or_bridges():
    assert articulation_points(nx.cycle_graph(6)) == []
    assert bridges(nx.cycle_graph(6)) == {}


def test_barbell_articulation_points():
    # triangles {0,1,2} and {4,5,6} joined through 3
    assert set(articulation_points(nx.barbell_graph(3, 1))) == {2, 3, 4}


def test_medici_cuts_off_acciaiuoli_salviati_and_pazzi():
    # By hand: Acciaiuoli's only tie is to Medici; Salviati's are Medici and Pazzi,
    # Pazzi's only tie is Salviati. Albizzi keeps the rest together.
    G = nx.florentine_families_graph()
    assert cut_off(G, nodes=["Medici"]) == {"Medici": 3}


def test_florentine_articulation_points_match_networkx():
    G = nx.florentine_families_graph()
    assert set(articulation_points(G)) == set(nx.articulation_points(G))


def test_articulation_points_match_networkx_on_random_graphs():
    for G in random_graphs():
        assert set(articulation_points(G)) == set(nx.articulation_points(G))


def test_cut_off_matches_removal_on_random_graphs():
    for G in random_graphs():
        assert cut_off(G) == {v: cut_off_by_removal(G, v) for v in G}


def test_bridges_match_networkx_on_random_graphs():
    for G in random_graphs():
        mine = {frozenset(e) for e in bridges(G)}
        assert mine == {frozenset(e) for e in nx.bridges(G)}


def test_bridge_counts_the_smaller_side():
    for G in random_graphs(count=20):
        for (u, v), lost in bridges(G).items():
            H = G.copy()
            H.remove_edge(u, v)
            parts = (len(nx.node_connected_component(H, u)), len(nx.node_connected_component(H, v)))
            assert lost == min(parts)


def test_self_loop_does_not_hide_an_articulation_point():
    G = nx.path_graph(3)
    G.add_edge(1, 1)
    assert articulation_points(G) == [1]


def test_directed_graph_is_refused():
    with pytest.raises(MeasureError):
        cut_off(nx.DiGraph([(0, 1)]))


def test_graph_functions_leave_the_graph_unchanged():
    G = nx.florentine_families_graph()
    nx.set_edge_attributes(G, 1, "w")
    before = nx.node_link_data(G, edges="links")
    cut_off(G)
    bridges(G)
    articulation_points(G)
    disjoint_routes(G, ["Medici"], ["Strozzi"])
    assert nx.node_link_data(G, edges="links") == before


# -- disjoint routes ------------------------------------------------------------
def test_routes_on_a_cycle():
    # C6: {0,1} to {3,4}: 1-2-3 and 0-5-4
    assert disjoint_routes(nx.cycle_graph(6), [0, 1], [3, 4]).count == 2


def test_routes_through_a_single_joint():
    r = disjoint_routes(nx.barbell_graph(3, 1), [0, 1], [5, 6])
    assert r.count == 1


def test_routes_in_a_complete_bipartite_graph():
    # K(3,3): sources {0,1,2}, targets {3,4,5}: a perfect matching gives 3
    assert disjoint_routes(nx.complete_bipartite_graph(3, 3), [0, 1, 2], [3, 4, 5]).count == 3


def test_no_route_between_components():
    G = nx.Graph([(0, 1), (2, 3)])
    r = disjoint_routes(G, [0], [3])
    assert (r.count, r.paths, r.cut) == (0, [], [])


def test_node_in_both_groups_is_a_route():
    assert disjoint_routes(nx.path_graph(3), [1], [1]).count == 1


def test_unknown_node_is_refused():
    with pytest.raises(nx.NodeNotFound):
        disjoint_routes(nx.path_graph(3), [0], [9])


@pytest.mark.parametrize("seed", range(6))
def test_routes_equal_node_connectivity(seed):
    # Internally disjoint s-t paths (non-adjacent s, t) are node-disjoint routes
    # from N(s) to N(t) once s and t are gone.
    G = nx.gnp_random_graph(14, 0.3, seed=seed)
    rng = random.Random(seed)
    pairs = [(s, t) for s, t in itertools.combinations(G, 2) if not G.has_edge(s, t)]
    for s, t in rng.sample(pairs, min(8, len(pairs))):
        H = G.subgraph(set(G) - {s, t})
        mine = disjoint_routes(H, list(G[s]), list(G[t])).count
        assert mine == nx.node_connectivity(G, s, t)


def test_routes_agree_with_max_flow_and_brute_force_on_random_graphs():
    rng = random.Random(3)
    for G in random_graphs(count=60, n=(4, 9), p=(0.15, 0.5), seed=11):
        nodes = list(G)
        sources = rng.sample(nodes, rng.randint(1, 3))
        rest = [n for n in nodes if n not in sources]
        targets = rng.sample(rest, rng.randint(1, min(3, len(rest))))
        r = disjoint_routes(G, sources, targets)
        assert r.count == max_flow_routes(G, sources, targets)
        assert r.count == smallest_separator_size(G, sources, targets)


def test_routes_paths_and_cut_are_consistent_on_random_graphs():
    rng = random.Random(5)
    for G in random_graphs(count=60, n=(6, 30), p=(0.05, 0.3), seed=13):
        nodes = list(G)
        sources = rng.sample(nodes, rng.randint(1, 5))
        rest = [n for n in nodes if n not in sources]
        targets = rng.sample(rest, rng.randint(1, min(5, len(rest))))
        r = disjoint_routes(G, sources, targets)
        assert len(r.paths) == r.count
        used = [v for path in r.paths for v in path]
        assert len(used) == len(set(used)), "routes share a node"
        for path in r.paths:
            assert path[0] in sources and path[-1] in targets
            assert all(G.has_edge(u, v) for u, v in zip(path, path[1:]))
        assert len(r.cut) == r.count
        assert separated(G, r.cut, sources, targets)


def test_compiled_routes_match_the_plain_python_reference():
    """The same searches in the same order: the same count, routes and cut,
    also with nodes removed and with a cutoff."""
    rng = random.Random(17)
    for G in random_graphs(count=80, n=(6, 40), p=(0.05, 0.3), seed=19):
        nodes = list(G)
        sources = sorted(rng.sample(nodes, rng.randint(1, 6)))
        rest = [n for n in nodes if n not in sources]
        targets = rng.sample(rest, rng.randint(1, min(6, len(rest))))
        removed = rng.sample(nodes, rng.randint(0, 2))
        cutoff = rng.choice([None, 1, 2])
        mine, reference = RouteGraph(G), ReferenceRouteGraph(G)
        assert mine.adj == reference.adj
        assert (mine.routes(sources, targets, removed=removed, cutoff=cutoff)
                == reference.routes(sources, targets, removed=removed, cutoff=cutoff))
