"""Reference answers for the cut and route tests, from networkx and brute force
only (independent of actornet.queries.cuts), and the plain-Python route
counting the compiled one replaced (:class:`ReferenceRouteGraph`)."""

from __future__ import annotations

import itertools
import random
from collections import deque

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


# -- the route counting before it was compiled (reference) -------------------
_START, _END = -2, -1


class ReferenceRouteGraph:
    """The plain-Python route counting that ``actornet.queries.cuts.RouteGraph``
    ran before it was compiled (dicts and a deque, the same searches), kept as
    the reference the compiled one is tested against.

    An indexed copy of an undirected graph's adjacency for route counting.

    Each node v is split into an in-state (2v) and an out-state (2v + 1)
    joined by an arc of capacity 1; each edge gives arcs out(u) -> in(v) and
    out(v) -> in(u) of unlimited capacity; a super-source feeds the in-state
    of every source and the out-state of every target feeds a super-sink,
    both without limit. A maximum flow is then a largest set of node-disjoint
    source-target routes (Menger [2]_), and a minimum cut consists of node
    arcs only, i.e. is a set of nodes.
    """

    def __init__(self, G, edge_ok=None):
        self.nodes = list(G)
        self.index = {n: i for i, n in enumerate(self.nodes)}
        index = self.index
        adj = [[] for _ in self.nodes]
        for u, v, d in G.edges(data=True):
            if u == v or (edge_ok is not None and not edge_ok(d)):
                continue
            i, j = index[u], index[v]
            adj[i].append(j)
            adj[j].append(i)
        self.adj = adj

    def routes(self, sources, targets, *, removed=(), cutoff=None):
        """Max flow from ``sources`` to ``targets`` (indices), searching from
        the sources one at a time (each source is tried until it fails; a
        failed search's states can never reach the sink later, Kuhn-style,
        and are skipped from then on)."""
        n = len(self.nodes)
        adj = self.adj
        is_end = bytearray(n)
        for t in targets:
            is_end[t] = 1
        blocked = bytearray(n)
        for r in removed:
            blocked[r] = 1
        nxt, prv, dead = {}, {}, set()
        value = 0
        complete = True
        for a in sources:
            if blocked[a]:
                continue
            while 2 * a not in dead:
                parent, end = _search(adj, a, is_end, blocked, nxt, prv, dead)
                if end is None:
                    dead.update(parent)
                    break
                _augment(parent, end, nxt, prv)
                value += 1
                if cutoff is not None and value >= cutoff:
                    complete = False
                    break
            if not complete:
                break
        paths = []
        for a in sources:
            if prv.get(a) == _START:
                path, v = [a], a
                while nxt[v] != _END:
                    v = nxt[v]
                    path.append(v)
                paths.append(path)
        cut = None
        if complete:
            cut = sorted(v for v in range(n) if 2 * v in dead and 2 * v + 1 not in dead
                         and not blocked[v])
        return value, paths, cut


def _search(adj, a, is_end, blocked, nxt, prv, dead):
    """Breadth-first search of the residual network from source ``a``.

    Returns ``(parent, end)``: the search tree over states and the out-state
    of the target reached (None when none is reachable).
    """
    start = 2 * a
    parent = {start: None}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        v = s >> 1
        if s & 1:  # out-state
            if is_end[v] and nxt.get(v) != _END:
                return parent, s
            for w in adj[v]:
                c = 2 * w
                if c not in parent and c not in dead and not blocked[w]:
                    parent[c] = s
                    queue.append(c)
            if v in prv:  # the node carries a route: its arc can be undone
                c = s - 1
                if c not in parent and c not in dead:
                    parent[c] = s
                    queue.append(c)
        else:  # in-state
            p = prv.get(v)
            if p is None:  # free node: pass through it
                c = s + 1
                if c not in parent and c not in dead:
                    parent[c] = s
                    if is_end[v]:
                        return parent, c
                    queue.append(c)
            elif p >= 0:  # a route enters from p: undo that step
                c = 2 * p + 1
                if c not in parent and c not in dead:
                    parent[c] = s
                    queue.append(c)
    return parent, None


def _augment(parent, end, nxt, prv):
    """Push one unit along the search tree's path to ``end``."""
    nxt[end >> 1] = _END
    s = end
    while True:
        p = parent[s]
        if p is None:
            prv[s >> 1] = _START
            return
        u, w = p >> 1, s >> 1
        if u != w:
            if p & 1:  # out(u) -> in(w): the route now steps u -> w
                nxt[u] = w
                prv[w] = u
            else:  # in(u) -> out(w): undo the step w -> u
                if nxt.get(w) == u:
                    del nxt[w]
                if prv.get(u) == w:
                    del prv[u]
        s = p


def reference_fragility_rows(network, *, as_of=None):
    """``fragility``'s rows (all but ``why``) as it computed them before the
    route counting was compiled: on ``actor_graph()`` with the plain-Python
    :class:`ReferenceRouteGraph`, in partnership order."""
    home = network.home_city
    view = network if as_of is None else network.as_of(as_of)
    A = view.actor_graph()
    routes = ReferenceRouteGraph(A, edge_ok=lambda d: any(t != "PARTNER_OF" for t in d["types"]))
    nodes, adj = routes.nodes, routes.adj
    seat = [network.city_of(n) for n in nodes]
    home_side = [i for i, c in enumerate(seat) if c == home]
    rows = []
    for partnership in network.partnerships():
        partner = partnership["city"]
        side = [i for i, c in enumerate(seat) if c == partner]
        value, paths, cut = routes.routes(side, home_side)
        spofs, one_left = [], []
        if value in (1, 2):
            for v in sorted({v for path in paths for v in path}):
                left, _, _ = routes.routes(side, home_side, removed=[v], cutoff=value)
                if left == 0:
                    spofs.append(v)
                elif left == 1 and value == 2:
                    one_left.append(v)
        status = partnership["status"]
        if as_of is not None and partnership["since"] is not None and partnership["since"] > as_of:
            status = "not yet signed"
        rows.append({
            "city": partner, "name": partnership["name"], "since": partnership["since"],
            "status": status, "routes": value,
            "single_points_of_failure": [nodes[v] for v in spofs],
            "single_point_names": [A.nodes[nodes[v]].get("name", nodes[v]) for v in spofs],
            "one_route_left": [nodes[v] for v in one_left],
            "cut": [nodes[v] for v in cut],
            "home_contacts": sorted({nodes[j] for i in side for j in adj[i] if seat[j] == home}),
            "partner_contacts": sorted({nodes[i] for i in side
                                        if any(seat[j] == home for j in adj[i])}),
            "partner_actors": len(side),
        })
    return rows
