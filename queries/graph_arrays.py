"""A graph as arrays for the kernels, and groups of nodes.

The arrays themselves (:class:`CSR`, :func:`csr_from_edges`) and the actor
projection live in :mod:`actornet.graph.projection`; this module turns any
networkx graph into them and reads the projection of a network.
"""

from __future__ import annotations

import math
import numpy as np

from actornet.graph.errors import MeasureError
from actornet.graph.projection import CSR, csr_from_edges

__all__ = ["CSR", "actor_csr", "csr_from_graph", "csr_from_edges", "group_codes"]


def csr_from_graph(G, weight=None, *, nodes=None) -> CSR:
    """Arrays for an undirected simple graph; self-loops are left out.

    Raises
    ------
    MeasureError
        If ``G`` is directed or a multigraph, or an edge lacks ``weight`` or
        has a negative or NaN value there.
    """
    if G.is_directed() or G.is_multigraph():
        raise MeasureError("the broker measures take an undirected simple graph "
                           "(ActorNetwork.actor_graph())")
    nodes = list(G) if nodes is None else list(nodes)
    index = {n: i for i, n in enumerate(nodes)}
    src, dst, val = [], [], []
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        if weight is None:
            value = 1.0
        else:
            value = d.get(weight)
            if value is None:
                raise MeasureError(f"an edge has no {weight!r} attribute")
            value = float(value)
            if math.isnan(value) or value < 0:
                raise MeasureError(f"edge attribute {weight!r} must be a number >= 0")
        src.append(index[u])
        dst.append(index[v])
        val.append(value)
    return csr_from_edges(nodes, np.asarray(src, np.int64), np.asarray(dst, np.int64),
                          np.asarray(val, float), weighted=weight is not None)


def _no_value(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def group_codes(G, groups, nodes):
    """Integer codes of each node's group (-1: no group) and the group labels.

    ``groups`` is the name of a node attribute or a mapping node -> label.
    A missing attribute, None, NaN or an empty string means "no group".
    """
    if groups is None:
        raise MeasureError("name the groups: a node attribute or a mapping node -> group")
    if isinstance(groups, str):
        data = G.nodes
        values = [data[n].get(groups) for n in nodes]
    elif hasattr(groups, "get"):
        values = [groups.get(n) for n in nodes]
    else:
        raise MeasureError("groups must be a node attribute name or a mapping node -> group")
    labels, codes, seen = [], np.empty(len(nodes), np.int64), {}
    for i, value in enumerate(values):
        if _no_value(value):
            codes[i] = -1
            continue
        code = seen.get(value)
        if code is None:
            code = seen[value] = len(labels)
            labels.append(value)
        codes[i] = code
    return codes, labels


def check_nodes(G, nodes):
    """The nodes asked for, all in ``G``."""
    if nodes is None:
        return list(G)
    try:
        if nodes in G:  # a single node
            return [nodes]
    except TypeError:  # unhashable: a list of nodes
        pass
    nodes = list(nodes)
    missing = [n for n in nodes if n not in G]
    if missing:
        raise MeasureError(f"{len(missing)} of the nodes asked for are not in the graph")
    return nodes


def components(csr: CSR) -> np.ndarray:
    """The connected component of each node (labels 0..)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    matrix = csr_matrix((np.ones(csr.indices.shape[0]), csr.indices, csr.indptr),
                        shape=(csr.n, csr.n))
    return connected_components(matrix, directed=False)[1]


def actor_csr(network):
    """The actor graph of ``network`` as arrays: two CSR views of its
    projection (``ActorNetwork.projection()``, built once per network),
    values = distance (1 / strength) and values = strength.

    The same nodes in the same order and the same strengths as
    :meth:`ActorNetwork.actor_graph`, without building a networkx graph.
    """
    projection = network.projection()
    return projection.csr("distance"), projection.csr("strength")
