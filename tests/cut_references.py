"""Reference answers for the cut and route tests, from networkx and brute force
only (independent of actornet.queries.cuts)."""

from __future__ import annotations

import itertools
import random

import networkx as nx


def random_graphs(count=40, n=(5, 14), p=(0.1, 0.4), seed=7):
    rng = random.Random(seed)
    for i in range(count):
        yield nx.gnp_random_graph(rng.randint(*n), rng.uniform(*p), seed=rng.randrange(10**6))


def cut_off_by_removal(G, v):
    """Remove v; count the nodes of its component outside the largest remaining piece."""
    component = nx.node_connected_component(G, v)
    H = G.subgraph(component - {v})
    pieces = [len(c) for c in nx.connected_components(H)]
    return len(component) - 1 - max(pieces) if pieces else 0


def max_flow_routes(G, sources, targets):
    """Node-disjoint source-target routes as networkx's maximum flow on a split graph."""
    D = nx.DiGraph()
    for v in G:
        D.add_edge((v, "in"), (v, "out"), capacity=1)
    for u, v in G.edges():
        D.add_edge((u, "out"), (v, "in"))
        D.add_edge((v, "out"), (u, "in"))
    for s in sources:
        D.add_edge("SOURCE", (s, "in"))
    for t in targets:
        D.add_edge((t, "out"), "SINK")
    if not sources or not targets:
        return 0
    return nx.maximum_flow_value(D, "SOURCE", "SINK")


def separated(G, removed, sources, targets):
    """True when no path joins a source to a target once ``removed`` is gone."""
    gone = set(removed)
    H = nx.Graph(G.subgraph(set(G) - gone))
    H.add_edges_from(("SOURCE", s) for s in sources if s not in gone)
    H.add_edges_from((t, "SINK") for t in targets if t not in gone)
    return not ("SOURCE" in H and "SINK" in H and nx.has_path(H, "SOURCE", "SINK"))


def smallest_separator_size(G, sources, targets):
    """Brute force over node subsets, smallest first (Menger's other side)."""
    nodes = list(G)
    for size in range(len(nodes) + 1):
        for removed in itertools.combinations(nodes, size):
            if separated(G, removed, sources, targets):
                return size
    raise AssertionError("unreachable")
