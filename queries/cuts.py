"""Cuts: which nodes and edges hold an undirected graph together.

Generic, networkx-style algorithms on any undirected simple graph (the
partnership table built on them is :func:`actornet.queries.fragility.fragility`):

- :func:`articulation_points` and :func:`cut_off` (how many nodes a node's
  leaving cuts off), :func:`bridges` (edges whose loss splits the graph):
  one depth-first search with lowpoints [1]_;
- :func:`disjoint_routes`: how many node-disjoint routes join two groups of
  nodes, and a smallest set of nodes that separates them (a maximum flow
  with unit node capacities [2]_ [3]_), on an indexed copy of the graph
  (:class:`RouteGraph`) that can be asked many times.

References
----------
.. [1] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms
   for graph manipulation. Communications of the ACM 16(6), 372-378.
.. [2] Menger, K. (1927). Zur allgemeinen Kurventheorie. Fundamenta
   Mathematicae 10, 96-115.
.. [3] Ford, L. R. and Fulkerson, D. R. (1956). Maximal flow through a
   network. Canadian Journal of Mathematics 8, 399-404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from actornet.graph.errors import MeasureError

__all__ = [
    "articulation_points",
    "cut_off",
    "bridges",
    "Routes",
    "RouteGraph",
    "disjoint_routes",
]


# -- articulation points and bridges ----------------------------------------
def _lowpoints(G):
    """One iterative depth-first search (Hopcroft & Tarjan): for each node the
    sizes of the pieces its removal separates, and each bridge with the size
    of the side below it; plus each node's component size."""
    disc, low, size, parent = {}, {}, {}, {}
    separated = {}  # node -> sizes of child subtrees cut off by its removal
    below = {}  # (parent, child) tree edge that is a bridge -> size of child's side
    component = {}
    clock = 0
    for root in G:
        if root in disc:
            continue
        members = [root]
        disc[root] = low[root] = clock
        clock += 1
        parent[root] = None
        size[root] = 1
        separated[root] = []
        stack = [(root, iter(G[root]))]
        while stack:
            v, neighbours = stack[-1]
            for w in neighbours:
                if w == v:
                    continue
                if w not in disc:
                    parent[w] = v
                    disc[w] = low[w] = clock
                    clock += 1
                    size[w] = 1
                    separated[w] = []
                    members.append(w)
                    stack.append((w, iter(G[w])))
                    break
                if w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                p = parent[v]
                if p is not None:
                    size[p] += size[v]
                    if low[v] < low[p]:
                        low[p] = low[v]
                    if low[v] >= disc[p]:
                        separated[p].append(size[v])
                    if low[v] > disc[p]:
                        below[(p, v)] = size[v]
        for n in members:
            component[n] = len(members)
    return parent, separated, below, component


def _check_graph(G):
    if G.is_directed() or G.is_multigraph():
        raise MeasureError("the cut measures take an undirected simple graph "
                           "(ActorNetwork.actor_graph())")


def cut_off(G, nodes=None):
    """How many nodes each node's leaving would cut off from the rest.

    When a node leaves, its connected component may fall apart; the nodes
    *cut off* are those outside the largest remaining piece. A node whose
    leaving leaves its component in one piece cuts off 0; the articulation
    points are exactly the nodes that cut off at least one.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, not a multigraph.
    nodes : iterable, optional
        The nodes to report (default: all).

    Returns
    -------
    dict
        Node -> int, the number of nodes cut off.

    Raises
    ------
    networkx.NetworkXNotImplemented
        If ``G`` is directed or a multigraph.

    Notes
    -----
    One depth-first search with lowpoints [1]_, O(n + m): a child subtree
    whose lowpoint does not reach above a node is separated by that node.

    Examples
    --------
    Two triangles {0, 1, 2} and {4, 5, 6} joined through node 3:

    >>> G = nx.barbell_graph(3, 1)
    >>> cut_off(G)[3], cut_off(G)[2], cut_off(G)[0]
    (3, 2, 0)
    >>> cut_off(nx.star_graph(4), nodes=[0])
    {0: 3}
    """
    _check_graph(G)
    parent, separated, _, component = _lowpoints(G)
    wanted = G if nodes is None else nodes
    out = {}
    for v in wanted:
        pieces = list(separated[v])
        if parent[v] is not None:
            pieces.append(component[v] - 1 - sum(pieces))
        out[v] = component[v] - 1 - max(pieces) if len(pieces) > 1 else 0
    return out


def articulation_points(G):
    """The nodes whose leaving splits their part of the graph, in G's node order.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, not a multigraph.

    Returns
    -------
    list
        The articulation points (cut vertices).

    Raises
    ------
    networkx.NetworkXNotImplemented
        If ``G`` is directed or a multigraph.

    See Also
    --------
    cut_off : how much each articulation point cuts off.

    Examples
    --------
    >>> articulation_points(nx.path_graph(4))
    [1, 2]
    >>> sorted(articulation_points(nx.florentine_families_graph()))
    ['Albizzi', 'Guadagni', 'Medici', 'Salviati']
    """
    return [v for v, lost in cut_off(G).items() if lost > 0]


def bridges(G):
    """The ties whose loss splits the graph, each with how much it cuts off.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, not a multigraph.

    Returns
    -------
    dict
        ``(u, v)`` as ``G.edges()`` yields it -> int, the number of nodes on
        the smaller side of the split. In ``G.edges()`` order.

    Raises
    ------
    networkx.NetworkXNotImplemented
        If ``G`` is directed or a multigraph.

    Examples
    --------
    >>> bridges(nx.barbell_graph(3, 1))  # node 3 joins two triangles
    {(2, 3): 3, (4, 3): 3}
    >>> bridges(nx.path_graph(4))
    {(0, 1): 1, (1, 2): 2, (2, 3): 1}
    >>> bridges(nx.cycle_graph(5))
    {}
    """
    _check_graph(G)
    _, _, below, component = _lowpoints(G)
    out = {}
    for u, v in G.edges():
        side = below.get((u, v), below.get((v, u)))
        if side is not None:
            out[(u, v)] = min(side, component[u] - side)
    return out


# -- node-disjoint routes: unit node capacities, augmenting paths -----------


class RouteGraph:
    """An indexed copy of an undirected graph's adjacency for route counting.

    Each node v is split into an in-state (2v) and an out-state (2v + 1)
    joined by an arc of capacity 1; each edge gives arcs out(u) -> in(v) and
    out(v) -> in(u) of unlimited capacity; a super-source feeds the in-state
    of every source and the out-state of every target feeds a super-sink,
    both without limit. A maximum flow is then a largest set of node-disjoint
    source-target routes (Menger [2]_), and a minimum cut consists of node
    arcs only, i.e. is a set of nodes.

    The adjacency is kept as compressed sparse rows (``indptr``,
    ``indices``; each node's neighbours in the order ``G.edges()`` met
    them); :meth:`from_csr` takes such arrays directly (e.g. from
    :meth:`ActorNetwork.projection`) without a networkx graph.
    """

    def __init__(self, G, edge_ok=None):
        self.nodes = list(G)
        self.index = {n: i for i, n in enumerate(self.nodes)}
        index = self.index
        src, dst = [], []
        for u, v, d in G.edges(data=True):
            if u == v or (edge_ok is not None and not edge_ok(d)):
                continue
            i, j = index[u], index[v]
            src += (i, j)
            dst += (j, i)
        rows = np.asarray(src, np.int64)
        order = np.argsort(rows, kind="stable")  # per node: the order the edges came in
        indptr = np.zeros(len(self.nodes) + 1, np.int64)
        np.cumsum(np.bincount(rows, minlength=len(self.nodes)), out=indptr[1:])
        self.indptr, self.indices = indptr, np.asarray(dst, np.int64)[order]

    @classmethod
    def from_csr(cls, nodes, indptr, indices) -> "RouteGraph":
        """A route graph on CSR arrays (both directions of every edge stored,
        no self-loops); ``nodes`` names the positions."""
        graph = cls.__new__(cls)
        graph.nodes = list(nodes)
        graph.index = {n: i for i, n in enumerate(graph.nodes)}
        graph.indptr = np.asarray(indptr, np.int64)
        graph.indices = np.asarray(indices, np.int64)
        return graph

    @property
    def adj(self) -> list:
        """Each node's neighbours (indices), as lists."""
        indices = self.indices.tolist()
        bounds = self.indptr.tolist()
        return [indices[bounds[i]:bounds[i + 1]] for i in range(len(self.nodes))]

    def routes(self, sources, targets, *, removed=(), cutoff=None):
        """Max flow from ``sources`` to ``targets`` (indices): ``(value,
        paths, cut)``, ``cut`` None when ``cutoff`` stopped the search.

        Searches from the sources one at a time (each source is tried until
        it fails; a failed search's states can never reach the sink later,
        Kuhn-style, and are skipped from then on), compiled
        (:func:`actornet.queries.routes_kernel.max_routes`).
        """
        from actornet.queries.routes_kernel import START, END, max_routes

        n = len(self.nodes)
        is_end = np.zeros(n, np.uint8)
        is_end[np.asarray(list(targets), np.int64)] = 1
        blocked = np.zeros(n, np.uint8)
        blocked[np.asarray(list(removed), np.int64)] = 1
        sources = np.asarray(list(sources), np.int64)
        value, complete, nxt, prv, dead = max_routes(
            self.indptr, self.indices, sources, is_end, blocked,
            -1 if cutoff is None else int(cutoff))
        paths = []
        for a in sources.tolist():
            if prv[a] == START:
                path, v = [a], a
                while nxt[v] != END:
                    v = int(nxt[v])
                    path.append(v)
                paths.append(path)
        cut = None
        if complete:
            dead = dead.astype(bool)
            cut = np.flatnonzero(dead[0::2] & ~dead[1::2] & (blocked == 0)).tolist()
        return value, paths, cut


@dataclass(frozen=True)
class Routes:
    """Node-disjoint routes between two groups of nodes.

    Attributes
    ----------
    count : int
        The largest number of routes no two of which share a node.
    paths : list of list
        One such set of routes, each from a source to a target.
    cut : list
        A smallest set of nodes whose removal leaves no route (``len(cut) ==
        count``, Menger's theorem); of the smallest sets, the one nearest the
        sources. May contain sources or targets themselves.
    """

    count: int
    paths: list = field(default_factory=list)
    cut: list = field(default_factory=list)


def disjoint_routes(G, sources, targets):
    """Node-disjoint routes from any of ``sources`` to any of ``targets``.

    No two routes share a node, their end points included: each source and
    each target carries at most one route. A node in both groups is a route
    by itself.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, not a multigraph.
    sources, targets : iterable
        Nodes of ``G``.

    Returns
    -------
    Routes
        The count, one set of routes and a smallest separating set of nodes.

    Raises
    ------
    networkx.NodeNotFound
        If a source or target is not in ``G``.

    Notes
    -----
    A maximum flow with unit node capacities between a super-source joined
    to the sources and a super-sink joined to the targets [3]_, found by
    breadth-first augmenting paths searched from one source at a time. By
    Menger's theorem [2]_ the count equals the size of the smallest set of
    nodes meeting every source-target path.

    Examples
    --------
    Two triangles {0, 1, 2} and {4, 5, 6} joined through node 3: one route,
    and the node nearest the sources that cuts it is 2.

    >>> r = disjoint_routes(nx.barbell_graph(3, 1), [0, 1], [5, 6])
    >>> r.count, r.cut, r.paths
    (1, [2], [[0, 2, 3, 4, 5]])

    A cycle offers two routes between opposite nodes' neighbourhoods.

    >>> disjoint_routes(nx.cycle_graph(6), [0], [3]).count
    1
    >>> disjoint_routes(nx.cycle_graph(6), [0, 1], [3, 4]).count
    2
    """
    _check_graph(G)
    for n in list(sources) + list(targets):
        if n not in G:
            raise nx.NodeNotFound(f"node {n} is not in the graph")
    routes = RouteGraph(G)
    index = routes.index
    value, paths, cut = routes.routes(sorted({index[s] for s in sources}),
                                      [index[t] for t in targets])
    nodes = routes.nodes
    return Routes(value, [[nodes[i] for i in p] for p in paths], [nodes[i] for i in cut])
