"""Communities: which actors work together most, and who bridges the groups.

- :func:`find_communities` partitions any undirected graph: Leiden [3]_ or
  Louvain [1]_ in C (igraph), or networkx's Louvain as the reference;
  seeded;
- :func:`communities` finds communities of the actor graph (on tie strength)
  and ranks the actors that bridge them by their participation coefficient;
- :func:`participation` is that coefficient for any partition;
- :func:`group_matrix` counts the actor-graph ties between groups (partner
  city x partner city, kind x kind, or communities).

Pure analysis: nothing here reads files or talks to a store.

References
----------
.. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008).
   Fast unfolding of communities in large networks. Journal of Statistical
   Mechanics P10008.
.. [2] Guimerà, R. and Amaral, L. A. N. (2005). Functional cartography of
   complex metabolic networks. Nature 433, 895-900.
.. [3] Traag, V. A., Waltman, L. and van Eck, N. J. (2019). From Louvain to
   Leiden: guaranteeing well-connected communities. Scientific Reports 9,
   5233.
"""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from actornet.graph.errors import MeasureError
from actornet.queries.option_choices import METHODS
from actornet.queries.brokers import _groups

__all__ = ["communities", "find_communities", "participation", "group_matrix", "METHODS",
           "COMMUNITY_COLUMNS"]

#: The ways :func:`find_communities` can partition a graph: ``"leiden"``
#: (igraph's Leiden, the default), ``"louvain"`` (igraph's multilevel) and
#: ``"networkx"`` (``networkx.community.louvain_communities``, the reference).

#: Passes of the Leiden algorithm (igraph's ``n_iterations``; leidenalg's
#: default too). Iterating until nothing changes (-1) adds about 0.5% of
#: modularity on generated networks and takes ten times longer.
LEIDEN_ITERATIONS = 2

#: The columns of :func:`communities`' table, in order.
COMMUNITY_COLUMNS = ["actor", "name", "kind", "city", "community", "community_name",
                     "community_size", "participation", "communities_reached", "why"]


def participation(G, partition, nodes=None, weight=None) -> dict:
    """The participation coefficient of each node (Guimerà & Amaral 2005).

    ``P_i = 1 - sum_s (k_is / k_i)^2`` where ``k_is`` is the (weighted)
    degree of ``i`` into community ``s`` and ``k_i`` its degree: 0 when all
    of a node's ties stay in one community, approaching 1 when they spread
    evenly over many. Undefined (NaN) for a node without ties.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict or iterable of sets
        Node -> community label, or the communities as sets of nodes.
    nodes : iterable, optional
        The nodes to compute it for (default: all).
    weight : str, optional
        Edge attribute holding the tie's strength (None: each tie counts 1).

    Returns
    -------
    dict
        Node -> coefficient (float).

    Examples
    --------
    A node with two ties into each of two communities:

    >>> G = nx.Graph([("x", "a1"), ("x", "a2"), ("x", "b1"), ("x", "b2")])
    >>> part = {"x": 0, "a1": 0, "a2": 0, "b1": 1, "b2": 1}
    >>> participation(G, part)["x"]
    0.5
    >>> participation(G, part)["a1"]
    0.0
    """
    label = _labels(partition)
    out = {}
    for n in G if nodes is None else nodes:
        into = defaultdict(float)
        total = 0.0
        for m, data in G[n].items():
            w = 1.0 if weight is None else float(data.get(weight, 1.0))
            into[label.get(m)] += w
            total += w
        out[n] = (1.0 - sum((k / total) ** 2 for k in into.values())) if total else float("nan")
    return out


def _labels(partition):
    if isinstance(partition, dict):
        return partition
    return {n: i for i, group in enumerate(partition) for n in group}


def _check_method(method, resolution):
    if method not in METHODS:
        raise MeasureError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float)) \
            or not resolution > 0:
        raise MeasureError("resolution must be positive")


def _membership(n, src, dst, strength, *, method, seed, resolution):
    """Community label of each of ``n`` nodes, from an edge list given once per
    undirected edge (``src[e] < dst[e]`` not required, no self-loops).

    Labels are arbitrary integers; the caller renumbers them.
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


def _ordered(label, nodes):
    """Relabel so that communities are numbered by size, largest first, ties
    broken by their smallest member (as text); returns (label, sizes)."""
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


def _modularity(n, src, dst, strength, label):
    """Newman's weighted modularity (resolution 1) of a labelling; NaN
    without any tie strength."""
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
    from actornet.queries._arrays import csr_from_graph

    _check_method(method, resolution)
    csr = csr_from_graph(G, weight)
    row = csr.row_of()
    once = row < csr.indices
    src, dst, strength = row[once], csr.indices[once], csr.values[once]
    label = _membership(csr.n, src, dst, strength, method=method, seed=seed,
                        resolution=resolution)
    label, sizes = _ordered(label, csr.nodes)
    found = [set() for _ in sizes]
    for node, c in zip(csr.nodes, label.tolist()):
        found[c].add(node)
    return found


def _working_ties(A):
    """The actor graph's ties that are not only a formal partnership, as
    arrays ``(nodes, src, dst, strength)`` (each undirected tie once)."""
    nodes = list(A)
    index = {n: i for i, n in enumerate(nodes)}
    src, dst, strength = [], [], []
    partner_only = ["PARTNER_OF"]
    for u, v, d in A.edges(data=True):
        if u == v or d["types"] == partner_only:
            continue
        src.append(index[u])
        dst.append(index[v])
        strength.append(d["strength"])
    return (nodes, np.asarray(src, np.int64), np.asarray(dst, np.int64),
            np.asarray(strength, float))


def _working_arrays(network):
    """:func:`_working_ties` from the network's projection, without a networkx
    graph and without expanding a large group into pairs: returns ``(n, src,
    dst, strength)`` over ``n`` actors followed by one node per large group
    (a hub, :meth:`~actornet.graph.projection.ActorProjection.path_csr`),
    linked to each member with the member's participation as strength."""
    P = network.projection()
    n = P.n
    row = np.repeat(np.arange(n), np.diff(P.indptr))
    keep = (row < P.indices) & (P.flags != P.mask("PARTNER_OF"))
    actor, hub, weight, _ = P.hub_edges()
    src = np.concatenate([row[keep], actor])
    dst = np.concatenate([P.indices[keep], n + hub])
    strength = np.concatenate([P.strength[keep], weight])
    return n + P.hubs.shape[0], src, dst, strength


def _participation_arrays(n, src, dst, strength, label):
    """Participation coefficient (NaN for a node without ties) and, per
    node, the sorted other communities it reaches, from arrays."""
    from scipy import sparse

    k = int(label.max()) + 1 if n else 0
    rows = np.concatenate([src, dst])
    cols = np.concatenate([label[dst], label[src]])
    into = sparse.csr_matrix((np.concatenate([strength, strength]), (rows, cols)),
                             shape=(n, k))
    into.sum_duplicates()
    total = np.asarray(into.sum(axis=1)).ravel()
    squares = np.asarray(into.multiply(into).sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        coefficient = np.where(total > 0, 1.0 - squares / np.where(total > 0, total, 1) ** 2,
                               np.nan)
    reach = sparse.csr_matrix((np.ones(rows.shape[0]), (rows, cols)), shape=(n, k))
    reach.sum_duplicates()
    reach.sort_indices()
    return coefficient, reach.indptr, reach.indices, np.bincount(rows, minlength=n)


def communities(network, *, seed=0, resolution=1.0, as_of=None, top=20,
                method="leiden", progress=None) -> pd.DataFrame:
    """Communities of the actor graph, with the actors that bridge them first.

    Modularity on tie strength, seeded (same input, method and seed, same
    communities), by Leiden [3]_ unless ``method`` says otherwise. Formal
    partnerships (PARTNER_OF) are left out: they would join every partner
    city to the home city and blur the working communities.

    Runs on the projection's arrays (no networkx graph). A group of more than
    :data:`~actornet.graph.projection.BIG_GROUP` members is not expanded into
    its pairs: it is one extra node (a hub) linked to each member with the
    member's participation as strength -- each member gives the group as
    much strength as the member would spread over the group's pairs under
    Newman's 1/(n-1) weight. The hub is placed in a community like any node,
    but it is not an actor: it is not listed, not counted in the sizes, and a
    member reaches "another community" through it only when the hub's
    community (the one most of its members' strength lies in) differs.

    Parameters
    ----------
    network : ActorNetwork
    seed : int, default 0
    resolution : float, default 1.0
        The resolution: above 1 favours smaller communities.
    as_of : int, optional
        Use only ties valid in that year.
    top : int, default 20
        Rows to return (0: every actor), highest participation first.
    method : {"leiden", "louvain", "networkx"}, default "leiden"
        See :func:`find_communities`.
    progress : callable, optional
        Called as ``progress(done, 4)``: the working ties, the partition,
        the participation, the table; the last call is ``(4, 4)``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COMMUNITY_COLUMNS`; ``attrs`` holds ``modularity``
        (Newman's, resolution 1; NaN when no working tie is left),
        ``count`` (communities of two or more actors), ``sizes``, ``seed``
        and ``method``. Communities are numbered by size, largest first,
        from 0.

    Raises
    ------
    MeasureError
        If ``top`` is negative, ``resolution`` not positive or ``method``
        unknown.

    Examples
    --------
    Two tight groups joined by one actor who works with both:

    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n in ["a1", "a2", "a3", "b1", "b2", "b3", "x"]:
    ...     G.add_node(n, kind="ngo", name=n.upper())
    >>> pairs = [("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("b1", "b2"), ("b1", "b3"),
    ...          ("b2", "b3"), ("x", "a1"), ("x", "b1")]
    >>> for i, (u, v) in enumerate(pairs):
    ...     _ = G.add_edge(u, v, key=f"t{i}", type="COOPERATES_WITH", weight=3)
    >>> table = communities(ActorNetwork(G), top=1)
    >>> table.loc[0, "actor"], table.attrs["count"]
    ('x', 2)
    """
    if not isinstance(top, int) or top < 0:
        raise MeasureError("top must be a whole number, 0 or more")
    _check_method(method, resolution)
    if progress is not None:
        progress(0, 4)
    view = network.as_of(as_of) if as_of is not None else network
    P = view.projection()
    nodes = P.nodes
    actors = len(nodes)
    n, src, dst, strength = _working_arrays(view)
    if progress is not None:
        progress(1, 4)
    label = _membership(n, src, dst, strength, method=method, seed=seed, resolution=resolution)
    if progress is not None:
        progress(2, 4)
    # Number the communities by their actors (a hub is in one, never counted).
    label, sizes = _ordered(label[:actors], nodes)
    if n > actors:
        # a hub's community: the one most of its members' strength is in
        hub_label = np.full(n - actors, -1, np.int64)
        on_hub = dst >= actors
        for h in range(n - actors):
            mine = on_hub & (dst == actors + h)
            if mine.any():
                votes = np.bincount(label[src[mine]], weights=strength[mine])
                hub_label[h] = int(np.argmax(votes))
        label = np.concatenate([label, hub_label])
    coefficient, indptr, reached_at, degree = _participation_arrays(n, src, dst, strength, label)
    labels, coefficients = label.tolist(), coefficient.tolist()
    if progress is not None:
        progress(3, 4)
    graph = view.graph
    # A community named by its most connected member (summed strength; ties
    # by id): "around Freie Universität Berlin". Hubs (large groups) are no
    # members to name a community by.
    total = np.zeros(n)
    np.add.at(total, src, strength)
    np.add.at(total, dst, strength)
    best = {}
    for i in sorted(range(actors), key=lambda i: (-total[i], nodes[i])):
        best.setdefault(labels[i], i)
    around = {c: f"around {graph.nodes[nodes[i]].get('name', nodes[i])}" for c, i in best.items()}
    rows = []
    for i, node in enumerate(nodes):
        own = labels[i]
        reached = [c for c in reached_at[indptr[i]:indptr[i + 1]].tolist() if c != own]
        p = coefficients[i]
        data = graph.nodes[node]
        name = data.get("name", node)
        if reached:
            why = (f"{name} works in the community {around[own]} ({sizes[own]} actors) and "
                   f"reaches {len(reached)} other{'s' if len(reached) != 1 else ''} "
                   f"({'; '.join(around[c] for c in reached[:5])}"
                   f"{'; …' if len(reached) > 5 else ''}); participation {p:.2f}.")
        elif degree[i]:
            why = (f"{name} works only within the community {around[own]} "
                   f"({sizes[own]} actors).")
        else:
            why = f"{name} has no working tie."
        city = P.city_of(i)
        rows.append({"actor": node, "name": name, "kind": data.get("kind"),
                     "city": graph.nodes[city].get("name", city) if city in graph else city,
                     "community": own, "community_name": around[own],
                     "community_size": sizes[own],
                     "participation": p, "communities_reached": len(reached), "why": why})
    table = pd.DataFrame(rows, columns=COMMUNITY_COLUMNS)
    table = table.sort_values(["participation", "communities_reached", "actor"],
                              ascending=[False, False, True], na_position="last",
                              kind="mergesort").reset_index(drop=True)
    if top:
        table = table.head(top).reset_index(drop=True)
    table.attrs.update({"modularity": _modularity(n, src, dst, strength, label),
                        "count": sum(1 for s in sizes if s > 1), "sizes": sizes, "seed": seed,
                        "method": method})
    if progress is not None:
        progress(4, 4)
    return table


def group_matrix(network, *, by="partner_city", as_of=None, weight=None) -> pd.DataFrame:
    """Actor-graph ties between groups: a symmetric group x group table.

    Parameters
    ----------
    network : ActorNetwork
    by : str, default "partner_city"
        ``"partner_city"`` (where an actor is based), ``"kind"``,
        ``"country"`` or any node attribute.
    as_of : int, optional
    weight : str, optional
        ``None`` counts ties (actor-graph edges); ``"strength"`` sums their
        strength.

    Returns
    -------
    pandas.DataFrame
        Rows and columns are the groups (display names), in order of first
        appearance; the diagonal counts ties within a group. Actors without
        a group are left out. Formal partnerships are left out.

    Examples
    --------
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, kind in [("a", "ngo"), ("b", "ngo"), ("c", "person")]:
    ...     G.add_node(n, kind=kind, name=n)
    >>> _ = G.add_edge("a", "b", key="t1", type="COOPERATES_WITH")
    >>> _ = G.add_edge("c", "a", key="t2", type="MEMBER_OF")
    >>> group_matrix(ActorNetwork(G), by="kind").to_dict()
    {'ngo': {'ngo': 1, 'person': 1}, 'person': {'ngo': 1, 'person': 0}}
    """
    view = network.as_of(as_of) if as_of is not None else network
    P = view.projection()  # arrays: no networkx graph, no pairs of a large group
    codes, _, shown = _groups(view, P.nodes, by)
    size = len(shown)
    row = np.repeat(np.arange(P.n), np.diff(P.indptr))
    keep = (row <= P.indices) & (P.flags != P.mask("PARTNER_OF"))
    i, j = codes[row[keep]], codes[P.indices[keep]]
    grouped = (i >= 0) & (j >= 0)
    i, j = i[grouped], j[grouped]
    if weight is None:
        values = np.ones(i.shape[0], np.int64)
    elif weight in ("strength", "distance"):
        values = getattr(P, weight)[keep][grouped]
    else:
        raise MeasureError("weight must be None, 'strength' or 'distance'")
    counts = np.zeros((size, size), values.dtype)
    np.add.at(counts, (i, j), values)
    off = i != j
    np.add.at(counts, (j[off], i[off]), values[off])
    return pd.DataFrame(counts.tolist(), index=shown, columns=shown)
