"""Betweenness on the actor graph: exact, sampled, and across groups.

Betweenness counts, for each actor, the shortest paths between other actors
that pass through it (Brandes 2001). Cross-group betweenness keeps only the
paths between actors of different groups (partner cities, kinds, countries),
so "bridges Berlin and Jakarta" is measured directly; the per-pair breakdown
says which share of the paths between two given groups pass through an actor.

The engine (the graph as arrays, the dependency sums and their scaling) is
:mod:`actornet.queries.path_sums`.
"""

from __future__ import annotations

import math

from actornet.graph.errors import MeasureError
from actornet.queries.graph_arrays import check_nodes
from actornet.queries.path_sums import PathGraph

__all__ = ["betweenness", "cross_group_betweenness", "group_pair_betweenness"]


def betweenness(G, nodes=None, weight=None, *, normalized=True, k=None, seed=None,
                scaling="linear", backend="auto") -> dict:
    """Shortest-path betweenness of each node (Brandes' algorithm).

    Parameters
    ----------
    G : networkx.Graph
        Undirected; the actor graph of an :class:`~actornet.graph.network.ActorNetwork`.
    nodes : node or iterable of nodes, optional
        Which nodes to return (default: all). All paths are counted either way.
    weight : str, optional
        Edge attribute read as a *length* (a distance), or None for hop
        counts. On the actor graph use ``"distance"`` (= 1 / strength), never
        ``"strength"``: see Notes.
    normalized : bool
        Divide by the number of pairs of other nodes, (n-1)(n-2)/2, so the
        value is the average share of shortest paths through the node.
    k : int, optional
        Estimate from ``k`` source nodes drawn at random (Brandes & Pich
        2007) instead of all n; ``k >= n`` is exact.
    seed : int or random.Random, optional
        For drawing the sources; the same seed draws the same sources as
        ``networkx.betweenness_centrality``.
    scaling : {"linear", "uniform"}
        How a sample's sums become an estimate (only with ``k``): "linear"
        (Geisberger et al. 2008) credits a node on the path from s to t with
        d(s,v)/d(s,t) of it, which stops the neighbours of the drawn sources
        from standing out; "uniform" scales plain sums as networkx does (the
        same seed then gives networkx's numbers).
    backend : {"auto", "numba", "python"}
        "auto" runs the compiled kernel; "python" the same code uncompiled.

    Returns
    -------
    dict
        Node -> float.

    Raises
    ------
    MeasureError
        If ``G`` is directed or a multigraph, an edge lacks ``weight`` or has
        a length <= 0, or ``k`` is not positive.

    Notes
    -----
    networkx, igraph and this function all read ``weight`` as a length: a
    path's length is the sum of its edges' values and the shortest path has
    the smallest sum. A tie *strength* (more cooperation = closer) passed as
    ``weight`` makes the strongest ties the longest detours, the classic
    trap; the actor graph therefore carries ``distance = 1 / strength``.

    Two paths whose lengths differ by less than a relative 1e-10 count as
    equally short (``1/3 + 1/3 + 1/3`` and ``1`` are the same length);
    networkx compares floats exactly, so results can differ from it only in
    such ties.

    Unnormalised values count each unordered pair {s, t} once, as networkx
    does for undirected graphs. With ``k``, sources are a uniform sample and
    the sums are scaled as networkx 3.6 scales them (a sampled node cannot be
    the source of a path through itself), so ``k = n`` gives the exact values
    with either scaling.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       Journal of Mathematical Sociology 25(2), 163-177.
    .. [2] Brandes, U. & Pich, C. (2007). Centrality estimation in large
       networks. International Journal of Bifurcation and Chaos 17(7).
    .. [3] Geisberger, R., Sanders, P. & Schultes, D. (2008). Better
       approximation of betweenness centrality. ALENEX 2008, 90-100.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.florentine_families_graph()
    >>> round(betweenness(G, normalized=False)["Medici"], 2)
    47.5
    >>> round(betweenness(G)["Medici"], 3)
    0.522
    >>> P = nx.path_graph(["a", "b", "c"])
    >>> betweenness(P, normalized=False)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    nodes = check_nodes(G, nodes)
    paths = PathGraph.build(G, weight, groups=None)
    result = paths.run(k=k, seed=seed, backend=backend, scaling=scaling)
    values = result.betweenness(normalized)
    index = paths.index
    return {n: float(values[index[n]]) for n in nodes}


def cross_group_betweenness(G, groups, nodes=None, weight=None, *, normalized=True, k=None,
                            seed=None, scaling="linear", backend="auto") -> dict:
    """Betweenness over the shortest paths between nodes of different groups.

    Parameters
    ----------
    G : networkx.Graph
    groups : str or mapping
        A node attribute (e.g. ``"city"``) or a mapping node -> group.
    nodes, weight, k, seed, scaling, backend
        As for :func:`betweenness`.
    normalized : bool
        Divide by the number of pairs {s, t} of other nodes in different
        groups: the value is then the average share of their shortest paths
        that pass through the node.

    Returns
    -------
    dict
        Node -> float.

    Notes
    -----
    A node with no group (attribute missing, None, NaN or "") still carries
    paths, but no pair with it as an end counts. With every node in a group of
    its own this is plain betweenness; with one group for all it is 0.

    With ``k``, the sources are drawn per group in proportion to its size (at
    least two from each group that has two members) and each group's sums are
    scaled by its own sampling fraction; ``k = n`` is exact.

    References
    ----------
    .. [1] Brandes, U. (2008). On variants of shortest-path betweenness
       centrality and their generic computation. Social Networks 30(2),
       136-145 (betweenness restricted to sources and targets).

    Examples
    --------
    >>> import networkx as nx
    >>> P = nx.path_graph(["a", "b", "c", "d"])
    >>> city = {"a": "Berlin", "b": "Berlin", "c": "Jakarta", "d": "Jakarta"}
    >>> cross_group_betweenness(P, city, normalized=False)
    {'a': 0.0, 'b': 2.0, 'c': 2.0, 'd': 0.0}
    """
    nodes = check_nodes(G, nodes)
    paths = PathGraph.build(G, weight, groups=_required(groups))
    result = paths.run(k=k, seed=seed, backend=backend, scaling=scaling)
    values = result.cross(normalized)
    index = paths.index
    return {n: float(values[index[n]]) for n in nodes}


def group_pair_betweenness(G, groups, nodes=None, weight=None, *, k=None, seed=None,
                           backend="auto") -> dict:
    """For each node and each pair of groups: the share of the shortest paths
    between the two groups' nodes that pass through it.

    Parameters
    ----------
    G : networkx.Graph
    groups : str or mapping
        A node attribute or a mapping node -> group.
    nodes : node or iterable, optional
        The nodes to break down (default: all; the cost grows with their
        number).
    weight, k, seed, backend
        As for :func:`betweenness`.

    Returns
    -------
    dict
        Node -> {(group, other group): share}, for the pairs of groups
        connected by at least one path not starting or ending at the node
        (the pair's groups in order of first appearance in ``G``).

    Notes
    -----
    The share is the average, over the connected pairs (s, t) with s in one
    group and t in the other (neither the node itself), of the fraction of
    their shortest paths through the node: "41% of the shortest paths
    between Berlin and Jakarta actors pass through it" reads share = 0.41.

    Examples
    --------
    >>> import networkx as nx
    >>> P = nx.path_graph(["a", "b", "c"])
    >>> group_pair_betweenness(P, {"a": "Berlin", "b": "Berlin", "c": "Jakarta"}, "b")
    {'b': {('Berlin', 'Jakarta'): 1.0}}
    """
    nodes = check_nodes(G, nodes)
    paths = PathGraph.build(G, weight, groups=_required(groups))
    result = paths.run(k=k, seed=seed, backend=backend)
    rows = [paths.index[n] for n in nodes]
    shares = result.pair_shares(rows, backend=backend)
    labels = paths.labels
    out = {}
    for n, matrix in zip(nodes, shares):
        out[n] = {(labels[g], labels[h]): float(matrix[g, h])
                  for g in range(len(labels)) for h in range(g + 1, len(labels))
                  if not math.isnan(matrix[g, h])}
    return out


def _required(groups):
    if groups is None:
        raise MeasureError("name the groups: a node attribute or a mapping node -> group")
    return groups
