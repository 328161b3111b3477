"""Communities: which actors work together most, and who bridges the groups.

- :func:`communities` finds communities of the actor graph (Louvain, seeded,
  on tie strength) and ranks the actors that bridge them by their
  participation coefficient;
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
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pandas as pd

from queries._arrays import MeasureError
from queries.brokers import _groups

__all__ = ["communities", "participation", "group_matrix", "COMMUNITY_COLUMNS"]

#: The columns of :func:`communities`' table, in order.
COMMUNITY_COLUMNS = ["actor", "name", "kind", "city", "community", "community_size",
                     "participation", "communities_reached", "why"]


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


def communities(network, *, seed=0, resolution=1.0, as_of=None, top=20) -> pd.DataFrame:
    """Communities of the actor graph, with the actors that bridge them first.

    Louvain [1]_ on tie strength, seeded (same input and seed, same
    communities). Formal partnerships (PARTNER_OF) are left out: they would
    join every partner city to the home city and blur the working
    communities.

    Parameters
    ----------
    network : ActorNetwork
    seed : int, default 0
    resolution : float, default 1.0
        Louvain's resolution: above 1 favours smaller communities.
    as_of : int, optional
        Use only ties valid in that year.
    top : int, default 20
        Rows to return (0: every actor), highest participation first.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COMMUNITY_COLUMNS`; ``attrs`` holds ``modularity``,
        ``count`` (communities of two or more actors) and ``sizes``.
        Communities are numbered by size, largest first, from 0.

    Raises
    ------
    MeasureError
        If ``top`` is negative or ``resolution`` not positive.

    Examples
    --------
    Two tight groups joined by one actor who works with both:

    >>> from graph.network import ActorNetwork
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
    if not resolution > 0:
        raise MeasureError("resolution must be positive")
    view = network.as_of(as_of) if as_of is not None else network
    A = view.actor_graph()
    G = nx.Graph()
    G.add_nodes_from(A)
    G.add_edges_from((u, v, {"strength": d["strength"]}) for u, v, d in A.edges(data=True)
                     if set(d["types"]) != {"PARTNER_OF"})
    found = nx.community.louvain_communities(G, weight="strength", resolution=resolution,
                                             seed=seed)
    found = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    label = {n: i for i, group in enumerate(found) for n in group}
    sizes = [len(c) for c in found]
    coefficient = participation(G, label, weight="strength")
    rows = []
    for n in G:
        reached = {label[m] for m in G[n]} - {label[n]}
        p = coefficient[n]
        data = A.nodes[n]
        name = data.get("name", n)
        if reached:
            why = (f"{name} works in community {label[n]} ({sizes[label[n]]} actors) and reaches "
                   f"{len(reached)} other{'s' if len(reached) != 1 else ''} "
                   f"({', '.join(str(c) for c in sorted(reached)[:5])}"
                   f"{', …' if len(reached) > 5 else ''}); participation {p:.2f}.")
        elif G.degree(n):
            why = f"{name} works only within community {label[n]} ({sizes[label[n]]} actors)."
        else:
            why = f"{name} has no working tie."
        city = data.get("city")
        rows.append({"actor": n, "name": name, "kind": data.get("kind"),
                     "city": A.nodes[city].get("name", city) if city in A else city,
                     "community": label[n], "community_size": sizes[label[n]],
                     "participation": p, "communities_reached": len(reached), "why": why})
    table = pd.DataFrame(rows, columns=COMMUNITY_COLUMNS)
    table = table.sort_values(["participation", "communities_reached", "actor"],
                              ascending=[False, False, True], na_position="last",
                              kind="mergesort").reset_index(drop=True)
    if top:
        table = table.head(top).reset_index(drop=True)
    table.attrs.update({"modularity": nx.community.modularity(G, found, weight="strength"),
                        "count": sum(1 for s in sizes if s > 1), "sizes": sizes, "seed": seed})
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
    >>> from graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, kind in [("a", "ngo"), ("b", "ngo"), ("c", "person")]:
    ...     G.add_node(n, kind=kind, name=n)
    >>> _ = G.add_edge("a", "b", key="t1", type="COOPERATES_WITH")
    >>> _ = G.add_edge("c", "a", key="t2", type="MEMBER_OF")
    >>> group_matrix(ActorNetwork(G), by="kind").to_dict()
    {'ngo': {'ngo': 1, 'person': 1}, 'person': {'ngo': 1, 'person': 0}}
    """
    view = network.as_of(as_of) if as_of is not None else network
    A = view.actor_graph()
    nodes = list(A)
    codes, _, shown = _groups(view, nodes, by)
    code = dict(zip(nodes, codes))
    size = len(shown)
    counts = [[0] * size for _ in range(size)]
    for u, v, d in A.edges(data=True):
        if set(d["types"]) == {"PARTNER_OF"}:
            continue
        i, j = code[u], code[v]
        if i < 0 or j < 0:
            continue
        value = 1 if weight is None else d.get(weight, 1)
        counts[i][j] += value
        if i != j:
            counts[j][i] += value
    return pd.DataFrame(counts, index=shown, columns=shown)
