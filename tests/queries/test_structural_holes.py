"""Structural holes: known answers, agreement with networkx, hierarchy by definition."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from broker_graphs import shapes, snapshot, with_weights
from actornet.graph.errors import ActornetError
from actornet.queries.structural_holes import (
    constraint, effective_size, efficiency, hierarchy, structural_holes,
)

BACKENDS = ["numba", "python"]


def close(a, b, tol=1e-9):
    assert a.keys() == b.keys()
    bad = {n: (a[n], b[n]) for n in a
           if not (math.isnan(a[n]) and math.isnan(b[n]))
           and not math.isclose(a[n], b[n], rel_tol=tol, abs_tol=tol)}
    assert not bad


# -- known answers ---------------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_florentine_medici(backend):
    G = nx.florentine_families_graph()
    assert constraint(G, backend=backend)["Medici"] == pytest.approx(0.2099, abs=1e-4)
    assert effective_size(G, backend=backend)["Medici"] == pytest.approx(5.667, abs=1e-3)


def test_triangle_constraint_is_1125_each():
    assert constraint(nx.complete_graph(3)) == pytest.approx({0: 1.125, 1: 1.125, 2: 1.125})


@pytest.mark.parametrize("k", [2, 3, 7])
def test_star_centre(k):
    S = nx.star_graph(k)
    assert constraint(S)[0] == pytest.approx(1 / k)
    assert effective_size(S)[0] == pytest.approx(k)
    assert efficiency(S)[0] == pytest.approx(1.0)
    assert hierarchy(S)[0] == pytest.approx(0.0)


def test_isolate_is_nan_in_every_measure():
    G = nx.path_graph(3)
    G.add_node("alone")
    row = structural_holes(G, "alone")["alone"]
    assert all(math.isnan(v) for v in row.values())


def test_hierarchy_of_one_contact_is_nan():
    assert math.isnan(hierarchy(nx.path_graph(3))[0])


def test_hierarchy_of_equal_contacts_is_zero():
    assert hierarchy(nx.complete_graph(5))[2] == pytest.approx(0.0)


# -- agreement ---------------------------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("weight", [None, "strength"])
@pytest.mark.parametrize("name,G", shapes())
def test_constraint_agrees_with_networkx(name, G, weight, backend):
    H = with_weights(G, seed=len(name))
    close(constraint(H, weight=weight, backend=backend), nx.constraint(H, weight=weight))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("weight", [None, "strength"])
@pytest.mark.parametrize("name,G", shapes())
def test_effective_size_agrees_with_networkx(name, G, weight, backend):
    # networkx's per-node definition; its all-nodes sparse shortcut (3.6) gives
    # other values on weighted graphs.
    H = with_weights(G, seed=len(name))
    close(effective_size(H, weight=weight, backend=backend),
          nx.effective_size(H, nodes=list(H), weight=weight))


@pytest.mark.parametrize("weight", [None, "strength"])
def test_efficiency_is_effective_size_per_contact(weight):
    H = with_weights(nx.gnm_random_graph(40, 100, seed=3))
    size = effective_size(H, weight=weight)
    eff = efficiency(H, weight=weight)
    for n in H:
        if H.degree(n):
            assert eff[n] == pytest.approx(size[n] / H.degree(n))


def reference_hierarchy(G, weight):
    """Burt's hierarchy from its definition, on networkx's local constraint."""
    out = {}
    for i in G:
        contacts = [j for j in G[i] if j != i]
        N = len(contacts)
        if N < 2:
            out[i] = float("nan")
            continue
        c = [nx.local_constraint(G, i, j, weight=weight) for j in contacts]
        C = sum(c)
        total = 0.0
        for cij in c:
            r = cij / (C / N)
            total += r * math.log(r) if r > 0 else 0.0
        out[i] = total / (N * math.log(N))
    return out


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("weight", [None, "strength"])
@pytest.mark.parametrize("name,G", shapes())
def test_hierarchy_agrees_with_its_definition(name, G, weight, backend):
    H = with_weights(G, seed=1)
    close(hierarchy(H, weight=weight, backend=backend), reference_hierarchy(H, weight))


def test_hierarchy_is_high_when_one_contact_dominates():
    # i's contacts: a hub j tied to everyone else, and leaves tied only to j.
    G = nx.star_graph(["j", "a", "b", "c"])
    G.add_edges_from([("i", "j"), ("i", "a"), ("i", "b"), ("i", "c")])
    assert hierarchy(G)["i"] > 0.05
    assert hierarchy(G)["i"] > hierarchy(nx.star_graph(4))[0]


# -- no side effects, errors ---------------------------------------------------------------

@pytest.mark.parametrize("measure", [constraint, effective_size, efficiency, hierarchy])
def test_caller_graph_is_unchanged(measure):
    G = with_weights(nx.gnm_random_graph(30, 70, seed=4))
    before = snapshot(G)
    measure(G, weight="strength")
    assert snapshot(G) == before


def test_negative_strength_raises():
    with pytest.raises(ActornetError):
        constraint(nx.Graph([(1, 2, {"w": -1})]), weight="w")


def test_directed_graph_raises():
    with pytest.raises(ActornetError):
        constraint(nx.DiGraph([(1, 2)]))
