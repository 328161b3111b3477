"""Partitions of a graph into communities: Leiden, Louvain, and their modularity.

The partition step of :func:`actornet.queries.communities.communities`, on
arrays: :func:`membership` labels the nodes of an edge list (igraph's Leiden
[3]_ or Louvain [1]_ in C, or networkx's Louvain as the reference; seeded),
:func:`order_communities` numbers the communities by size and
:func:`modularity` scores a labelling. :func:`find_communities` does all of
it for any undirected networkx graph.

References
----------
.. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008).
   Fast unfolding of communities in large networks. Journal of Statistical
   Mechanics P10008.
.. [3] Traag, V. A., Waltman, L. and van Eck, N. J. (2019). From Louvain to
   Leiden: guaranteeing well-connected communities. Scientific Reports 9,
   5233.

Examples
--------
Two triangles joined by one edge:

>>> import numpy as np
>>> src, dst = np.array([0, 0, 1, 3, 3, 4, 2]), np.array([1, 2, 2, 4, 5, 5, 3])
>>> strength = np.ones(7)
>>> label = membership(6, src, dst, strength, method="leiden", seed=1, resolution=1.0)
>>> label, sizes = order_communities(label, list("abcdef"))
>>> label.tolist(), sizes
([0, 0, 0, 1, 1, 1], [3, 3])
>>> round(modularity(6, src, dst, strength, label), 4)
0.3571
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np

from actornet.graph.errors import MeasureError
from actornet.queries.graph_arrays import csr_from_graph
from actornet.queries.option_choices import METHODS

__all__ = ["LEIDEN_ITERATIONS", "METHODS", "check_method", "find_communities", "membership",
           "modularity", "order_communities"]

# METHODS (from actornet.queries.option_choices, which --help reads without numpy):
# "leiden" (igraph's Leiden, the default), "louvain" (igraph's multilevel) and
# "networkx" (networkx.community.louvain_communities, the reference).

#: Passes of the Leiden algorithm (igraph's ``n_iterations``; leidenalg's
#: default too). On H2020 and the generated 100k/1M network with hubs two
#: reach more modularity than networkit's PLM with refinement in 0.6-1.3x its
#: CPU time; without hubs the seed matters more than the passes
#: (``benchmarks/communities.py``, benchmarks/README.md, issue 23). A third
#: pass adds 0.0005-0.003 of modularity for about 17% more time.
LEIDEN_ITERATIONS = 2


def check_method(method, resolution):
    """Raise :class:`~actornet.graph.errors.MeasureError` for an unknown
    ``method`` (one of :data:`METHODS`) or a ``resolution`` that is not a
    positive number.

    Examples
    --------
    >>> check_method("leiden", 1.0)
    >>> check_method("leiden", 0)
    Traceback (most recent call last):
    ...
    actornet.graph.errors.MeasureError: resolution must be positive
    """
    if method not in METHODS:
        raise MeasureError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float)) \
            or not resolution > 0:
        raise MeasureError("resolution must be positive")


def membership(n, src, dst, strength, *, method, seed, resolution):
    """Community label of each of ``n`` nodes, from an edge list.

    Parameters
    ----------
    n : int
        Nodes, numbered 0 to n - 1.
    src, dst : numpy.ndarray
        Each undirected edge once (``src[e] < dst[e]`` not required, no
        self-loops).
    strength : numpy.ndarray
        Each edge's weight (>= 0).
    method : {"leiden", "louvain", "networkx"}
    seed : int or None
    resolution : float

    Returns
    -------
    numpy.ndarray
        int64 labels; arbitrary numbers (:func:`order_communities` renumbers
        them).

    Examples
    --------
    >>> import numpy as np
    >>> membership(3, np.array([0]), np.array([1]), np.ones(1), method="networkx",
    ...            seed=0, resolution=1.0).tolist()
    [0, 0, 1]
    """
    if method == "networkx":
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), strength.tolist()),
                                  weight="strength")
        found = nx.community.louvain_communities(G, weight="strength", resolution=resolution,
                                                 seed=seed)
        label = np.empty(n, np.int64)
        for i, group in enumerate(found):
            label[list(group)] = i
        return label
    import igraph

    # A list of int pairs: igraph converts a numpy array row by row in
    # Python, 25 times slower (2.6 s for 141k edges).
    g = igraph.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())))
    weights = strength.astype(float).tolist()
    # igraph draws from the generator set by set_random_number_generator
    # (Python's random module by default): a private seeded generator for
    # this call, the default put back after.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        if method == "leiden":
            found = g.community_leiden(objective_function="modularity", weights=weights,
                                       resolution=float(resolution),
                                       n_iterations=LEIDEN_ITERATIONS)
        else:
            found = g.community_multilevel(weights=weights, resolution=float(resolution))
    finally:
        igraph.set_random_number_generator(random)
    return np.asarray(found.membership, np.int64)


def order_communities(label, nodes):
    """Relabel so that communities are numbered by size, largest first, ties
    broken by their smallest member (as text).

    Parameters
    ----------
    label : numpy.ndarray
        A community label per node (any integers).
    nodes : sequence
        The nodes, in the order of ``label`` (their text breaks ties).

    Returns
    -------
    tuple
        ``(label, sizes)``: labels 0, 1, ... and the size of each community.

    Examples
    --------
    >>> import numpy as np
    >>> label, sizes = order_communities(np.array([7, 3, 3, 9]), ["d", "b", "c", "a"])
    >>> label.tolist(), sizes
    ([2, 0, 0, 1], [2, 1, 1])
    """
    n = label.shape[0]
    if n == 0:
        return label, []
    _, label = np.unique(label, return_inverse=True)
    sizes = np.bincount(label)
    by_text = np.empty(n, np.int64)
    by_text[sorted(range(n), key=lambda i: str(nodes[i]))] = np.arange(n)
    first = np.full(sizes.shape[0], n, np.int64)
    np.minimum.at(first, label, by_text)
    order = np.lexsort((first, -sizes))
    rank = np.empty_like(order)
    rank[order] = np.arange(order.shape[0])
    return rank[label], sizes[order].tolist()


def modularity(n, src, dst, strength, label):
    """Newman's weighted modularity (resolution 1) of a labelling.

    Parameters
    ----------
    n : int
    src, dst, strength : numpy.ndarray
        The edge list, as for :func:`membership`.
    label : numpy.ndarray
        Labels 0, 1, ... per node.

    Returns
    -------
    float
        NaN without any tie strength.

    Examples
    --------
    >>> import numpy as np
    >>> round(modularity(4, np.array([0, 2]), np.array([1, 3]), np.ones(2),
    ...                  np.array([0, 0, 1, 1])), 2)
    0.5
    """
    total = float(strength.sum())
    if total <= 0:
        return float("nan")
    k = int(label.max()) + 1 if n else 0
    inside = label[src] == label[dst]
    within = np.bincount(label[src][inside], weights=strength[inside], minlength=k)
    degree = np.bincount(src, weights=strength, minlength=n) + \
        np.bincount(dst, weights=strength, minlength=n)
    spread = np.bincount(label, weights=degree, minlength=k)
    return float(within.sum() / total - ((spread / (2 * total)) ** 2).sum())


def find_communities(G, weight=None, *, method="leiden", seed=None, resolution=1.0) -> list:
    """Communities of an undirected graph, as a list of sets of nodes.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, not a multigraph. Self-loops are left out.
    weight : str, optional
        Edge attribute holding the tie's strength (None: each tie counts 1).
    method : {"leiden", "louvain", "networkx"}, default "leiden"
        ``"leiden"``: the Leiden algorithm [3]_ (igraph's, in C,
        :data:`LEIDEN_ITERATIONS` passes); ``"louvain"``: igraph's
        multilevel algorithm [1]_ (in C); ``"networkx"``: networkx's
        Louvain, the pure-Python reference.
    seed : int, optional
        Random seed: the same graph (same node order) and seed give the same
        communities. None: a different draw each time.
    resolution : float, default 1.0
        Above 1 favours smaller communities, below 1 larger ones.

    Returns
    -------
    list of set
        The communities, largest first (ties: by their smallest node as text); every node of ``G`` in exactly one.

    Raises
    ------
    MeasureError
        If ``method`` is unknown, ``resolution`` not positive, ``G`` directed
        or a multigraph, or an edge lacks ``weight`` or has a negative or NaN
        value there.

    Notes
    -----
    All three maximise modularity. Leiden refines Louvain's communities so
    that each is connected, and usually finds a higher modularity; on
    Zachary's karate club it reaches the known optimum, 0.4198, with most
    seeds (0.4188 otherwise). Louvain runs
    depend on the order nodes are visited (drawn from the seed): igraph's and
    networkx's give different partitions for the same seed, of similar
    modularity. The igraph graph is built from arrays in one call. igraph's
    generator is replaced for the call by a seeded ``random.Random`` and
    set back to Python's ``random`` module afterwards (its default), so
    Python's global random state is never touched.

    Examples
    --------
    >>> G = nx.karate_club_graph()
    >>> found = find_communities(G, seed=1)
    >>> len(found), sum(len(c) for c in found)
    (4, 34)
    >>> round(nx.community.modularity(G, found, weight=None), 4)
    0.4198
    """
    check_method(method, resolution)
    csr = csr_from_graph(G, weight)
    row = csr.row_of()
    once = row < csr.indices
    src, dst, strength = row[once], csr.indices[once], csr.values[once]
    label = membership(csr.n, src, dst, strength, method=method, seed=seed,
                        resolution=resolution)
    label, sizes = order_communities(label, csr.nodes)
    found = [set() for _ in sizes]
    for node, c in zip(csr.nodes, label.tolist()):
        found[c].add(node)
    return found
