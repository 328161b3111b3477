"""A graph as arrays for the kernels, and groups of nodes (internal)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

from actornet.graph.errors import MeasureError

__all__ = ["CSR", "actor_csr", "csr_from_graph", "csr_from_edges", "group_codes"]


@dataclass(frozen=True)
class CSR:
    """An undirected graph as compressed sparse rows; both directions stored.

    ``values`` holds the edge attribute named by ``weight`` (1.0 without one)
    per CSR position; ``rev[e]`` is the position of the reverse direction.
    """

    nodes: list
    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    rev: np.ndarray
    weighted: bool

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    def row_of(self) -> np.ndarray:
        """The source node of each CSR position."""
        return np.repeat(np.arange(self.n), self.degree)


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


def csr_from_edges(nodes, src, dst, values, *, weighted=True) -> CSR:
    """Arrays from an edge list given once per undirected edge (no duplicates)."""
    n = len(nodes)
    m = src.shape[0]
    rows = np.concatenate([src, dst])
    cols = np.concatenate([dst, src])
    vals = np.concatenate([values, values])
    order = np.lexsort((cols, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    # Position e holds (rows[e], cols[e]); its reverse was the edge's other copy.
    inverse = np.empty(2 * m, np.int64)
    inverse[order] = np.arange(2 * m)
    half = np.arange(m)
    rev = np.empty(2 * m, np.int64)
    rev[inverse[half]] = inverse[half + m]
    rev[inverse[half + m]] = inverse[half]
    return CSR(list(nodes), indptr, cols.astype(np.int64), vals.astype(float), rev, weighted)


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
    """The actor graph of ``network`` as arrays, without building a networkx graph.

    The same projection as :meth:`ActorNetwork.actor_graph` (same nodes in the
    same order, same strengths), minus the evidence lists. Returns two CSR
    views of it: values = distance (1 / strength) and values = strength.
    """
    from actornet.graph.network import _ACTOR_KIND_VALUES, _DIRECT_TIES, _PROJECT_TIES
    from actornet.graph.schema import DEFAULT_INTENSITY

    G0 = network.graph
    node_data, succ = G0._node, G0._succ  # plain dict access, as actor_graph does
    nodes = [n for n, d in node_data.items() if d["kind"] in _ACTOR_KIND_VALUES]
    index = {n: i for i, n in enumerate(nodes)}
    src, dst, val = [], [], []
    members = {}  # project -> {actor index: strongest participation}
    for u, neighbours in succ.items():
        iu = index.get(u)
        if iu is None:
            continue
        for v, keyed in neighbours.items():
            iv = index.get(v)
            for d in keyed.values():
                tie_type = d["type"]
                intensity = d.get("weight")
                if intensity is None:
                    intensity = DEFAULT_INTENSITY
                if tie_type in _DIRECT_TIES:
                    if iv is None:
                        continue
                    src.append(iu)
                    dst.append(iv)
                    val.append(intensity)
                elif tie_type in _PROJECT_TIES:
                    joined = members.setdefault(v, {})
                    if intensity > joined.get(iu, 0):
                        joined[iu] = intensity
    for joined in members.values():
        if len(joined) < 2:
            continue
        ids = np.fromiter(joined.keys(), np.int64, len(joined))
        weights = np.fromiter(joined.values(), float, len(joined))
        a, b = np.triu_indices(len(ids), 1)
        src.extend(ids[a].tolist())
        dst.extend(ids[b].tolist())
        val.extend(np.minimum(weights[a], weights[b]).tolist())
    n = len(nodes)
    src = np.asarray(src, np.int64)
    dst = np.asarray(dst, np.int64)
    val = np.asarray(val, float)
    keep = src != dst
    lo = np.minimum(src, dst)[keep]
    hi = np.maximum(src, dst)[keep]
    key, inverse = np.unique(lo * n + hi, return_inverse=True)
    strength = np.bincount(inverse, weights=val[keep], minlength=key.shape[0])
    a, b = key // n, key % n
    by_strength = csr_from_edges(nodes, a, b, strength, weighted=True)
    by_distance = CSR(by_strength.nodes, by_strength.indptr, by_strength.indices,
                      np.where(by_strength.values > 0, 1.0 / np.where(by_strength.values > 0,
                                                                      by_strength.values, 1), np.inf),
                      by_strength.rev, True)
    return by_distance, by_strength
