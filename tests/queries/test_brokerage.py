"""Gould & Fernandez roles: path cases, the triangle identity, a plain reference."""

from __future__ import annotations

import math
from itertools import permutations

import networkx as nx
import pytest

from broker_graphs import groups_of, shapes, snapshot
from actornet.graph.errors import ActornetError
from actornet.queries.brokerage import ROLES, brokerage_expected, brokerage_roles, brokerage_z

BACKENDS = ["numba", "python"]


def role_of_path(groups):
    """Which single role B plays on A - B - C, summed over both directions."""
    roles = brokerage_roles(nx.path_graph("ABC"), dict(zip("ABC", groups)))["B"]
    return {r: v for r, v in roles.items() if v and r != "total"}


@pytest.mark.parametrize("groups,expected", [
    ("xxx", {"coordinator": 2}),
    ("xyx", {"itinerant": 2}),
    ("xxy", {"representative": 1, "gatekeeper": 1}),
    ("yxx", {"representative": 1, "gatekeeper": 1}),
    ("xyz", {"liaison": 2}),
])
def test_path_roles(groups, expected):
    assert role_of_path(groups) == expected


def test_representative_is_in_the_source_group_gatekeeper_in_the_target_group():
    # A star: b is in X with one leaf; the two other leaves are in Y.
    G = nx.star_graph(["b", "a", "c1", "c2"])
    roles = brokerage_roles(G, {"b": "X", "a": "X", "c1": "Y", "c2": "Y"})["b"]
    # a -> b -> c1, a -> b -> c2: representative; c1 -> b -> a, c2 -> b -> a: gatekeeper;
    # c1 -> b -> c2 and back: itinerant.
    assert (roles["representative"], roles["gatekeeper"], roles["itinerant"]) == (2, 2, 2)


def test_closed_triad_brokers_nothing():
    roles = brokerage_roles(nx.complete_graph(3), {0: "a", 1: "b", 2: "c"})
    assert all(roles[n]["total"] == 0 for n in range(3))


def reference_roles(G, groups):
    """Every ordered open pair a -> b -> c, classified by the 1989 definitions."""
    out = {}
    for b in G:
        counts = dict.fromkeys(ROLES, 0)
        gb = groups.get(b)
        for a, c in permutations(G[b], 2):
            ga, gc = groups.get(a), groups.get(c)
            if a == c or G.has_edge(a, c) or None in (ga, gb, gc):
                continue
            if ga == gb == gc:
                counts["coordinator"] += 1
            elif ga == gc:
                counts["itinerant"] += 1
            elif ga == gb:
                counts["representative"] += 1
            elif gb == gc:
                counts["gatekeeper"] += 1
            else:
                counts["liaison"] += 1
        out[b] = counts
    return out


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name,G", shapes())
def test_roles_agree_with_the_reference(name, G, backend):
    groups = groups_of(G, 3, seed=len(name), missing=3)
    ours = brokerage_roles(G, groups, backend=backend)
    ref = reference_roles(G, groups)
    for n in G:
        if groups[n] is None:
            assert all(math.isnan(v) for v in ours[n].values())
        else:
            assert {r: ours[n][r] for r in ROLES} == ref[n]


@pytest.mark.parametrize("seed", range(4))
def test_total_is_pairs_minus_closed_pairs(seed):
    G = nx.gnm_random_graph(60, 200 + 50 * seed, seed=seed)
    roles = brokerage_roles(G, groups_of(G, 1 + seed, seed=seed))
    triangles = nx.triangles(G)
    for n in G:
        k = G.degree(n)
        assert roles[n]["total"] == k * (k - 1) - 2 * triangles[n]


def test_nodes_without_a_group_are_nan_and_not_counted_as_ends():
    G = nx.path_graph(["a", "b", "c"])
    roles = brokerage_roles(G, {"a": "X", "b": "X", "c": None})
    assert roles["b"]["total"] == 0
    assert math.isnan(roles["c"]["coordinator"])


def test_groups_from_a_node_attribute():
    G = nx.path_graph(["a", "b", "c"])
    nx.set_node_attributes(G, {"a": "ngo", "b": "city", "c": "ngo"}, "kind")
    assert brokerage_roles(G, "kind", "b")["b"]["itinerant"] == 2


# -- the null model ---------------------------------------------------------------------------

def test_expected_values_on_a_path_by_hand():
    # N = 3 grouped nodes, 2 ties: d = 2 * 2 / (3 * 2) = 2/3, d^2 (1 - d) = 4/27.
    exp = brokerage_expected(nx.path_graph(3), {0: "x", 1: "x", 2: "y"})
    q = 4 / 27
    assert exp["x"]["coordinator"][0] == pytest.approx(0.0)  # (2-1)(2-2)
    assert exp["x"]["representative"][0] == pytest.approx(q * 1 * 1)  # (N-n)(n-1)
    assert exp["x"]["gatekeeper"][0] == pytest.approx(q)
    assert exp["y"]["itinerant"][0] == pytest.approx(q * 2 * 1)  # n_x (n_x - 1)
    assert exp["x"]["total"][0] == pytest.approx(q * 2 * 1)  # (N-1)(N-2)


@pytest.mark.parametrize("n_groups", [1, 2, 4])
def test_expected_roles_add_up_to_expected_total(n_groups):
    G = nx.gnm_random_graph(50, 150, seed=n_groups)
    exp = brokerage_expected(G, groups_of(G, n_groups, seed=1))
    for row in exp.values():
        assert sum(row[r][0] for r in ROLES) == pytest.approx(row["total"][0])


def test_expected_variance_by_hand_for_coordinator():
    # one group of 5, 4 ties (a path): d = 8/20 = 0.4
    G = nx.path_graph(5)
    exp = brokerage_expected(G, dict.fromkeys(G, "x"))
    d = 0.4
    mean = d * d * (1 - d) * 4 * 3
    var = mean * (1 - d * d * (1 - d)) + 2 * 4 * 3 * 2 * d ** 3 * (1 - d) ** 3
    assert exp["x"]["coordinator"][0] == pytest.approx(mean)
    assert exp["x"]["coordinator"][1] == pytest.approx(math.sqrt(var))


def test_z_scores_standardise_counts():
    G = nx.gnm_random_graph(40, 90, seed=2)
    groups = groups_of(G, 3, seed=2)
    counts = brokerage_roles(G, groups)
    exp = brokerage_expected(G, groups)
    z = brokerage_z(G, groups)
    for n in list(G)[:10]:
        for role in ROLES:
            mean, sd = exp[groups[n]][role]
            if sd > 0:
                assert z[n][role] == pytest.approx((counts[n][role] - mean) / sd)
            else:
                assert math.isnan(z[n][role])


def test_caller_graph_is_unchanged():
    G = nx.gnm_random_graph(30, 60, seed=1)
    nx.set_node_attributes(G, groups_of(G, 3), "team")
    before = snapshot(G)
    brokerage_roles(G, "team")
    brokerage_z(G, "team")
    assert snapshot(G) == before


def test_groups_must_be_given():
    with pytest.raises(ActornetError):
        brokerage_roles(nx.path_graph(3), None)
