"""Random graphs of several shapes for the agreement tests (no queries imports)."""

from __future__ import annotations

import copy
import random

import networkx as nx

#: Distances whose sums are exact in binary floating point, so that equally
#: short paths are equal for networkx's exact comparison too.
LENGTHS = (0.25, 0.5, 1.0, 2.0)


def shapes():
    """(name, graph) pairs: dense and sparse ER, BA, disconnected, with isolates."""
    er = nx.gnm_random_graph(40, 120, seed=1)
    sparse = nx.gnm_random_graph(50, 60, seed=2)
    ba = nx.barabasi_albert_graph(60, 2, seed=3)
    parts = nx.disjoint_union(nx.gnm_random_graph(20, 45, seed=4), nx.gnm_random_graph(15, 30, seed=5))
    isolates = nx.gnm_random_graph(30, 70, seed=6)
    isolates.add_nodes_from(["x", "y", "z"])
    return [("er", er), ("sparse", sparse), ("ba", ba), ("disconnected", parts),
            ("isolates", isolates)]


def with_weights(G, seed=0, *, lengths=LENGTHS):
    """A copy with ``distance`` from ``lengths`` and ``strength`` uniform in (0.5, 5)."""
    rng = random.Random(seed)
    H = G.copy()
    for u, v in H.edges():
        H[u][v]["distance"] = rng.choice(lengths)
        H[u][v]["strength"] = rng.uniform(0.5, 5.0)
    return H


def groups_of(G, n_groups=3, seed=0, *, missing=0):
    """A random mapping node -> group, ``missing`` nodes left without one."""
    rng = random.Random(seed)
    nodes = list(G)
    out = {n: f"g{rng.randrange(n_groups)}" for n in nodes}
    for n in rng.sample(nodes, missing):
        out[n] = None
    return out


def snapshot(G):
    """Everything about a graph a measure must not change."""
    return (copy.deepcopy(dict(G.graph)), copy.deepcopy(dict(G.nodes(data=True))),
            copy.deepcopy(sorted(((u, v, d) for u, v, d in G.edges(data=True)), key=repr)))
