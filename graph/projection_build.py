"""The builder of the actor projection: from a network's graph to arrays.

:func:`projection_state` reads a network's MultiDiGraph once and returns
every array and list an :class:`~actornet.graph.projection.ActorProjection`
holds (the actors, the direct ties, the group memberships, the links as
CSR with their strength, distance and type bits). How a tie enters is
:func:`~actornet.graph.link_rules.link_role`'s rule; groups of more than
:data:`~actornet.graph.link_rules.BIG_GROUP` members are not expanded
(:func:`group_pairs`). The queries on the result live in
:mod:`actornet.graph.projection` and :mod:`actornet.graph.projection_evidence`.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", kind="ngo", name="A")
>>> G.add_node("b", kind="ngo", name="B")
>>> _ = G.add_edge("a", "b", key="t1", type="KNOWS", weight=2)
>>> state = projection_state(G, {}, default_intensity=1.0)
>>> state["nodes"], state["strength"].tolist(), state["tie_ids"]
(['a', 'b'], [2.0, 2.0], ['t1'])
"""

from __future__ import annotations

import numpy as np

from actornet.graph.gc_pause import gc_paused
from actornet.graph.csr import csr_positions
from actornet.graph.link_rules import BIG_GROUP, LINK_BITS, SHARED_PROJECT, link_role
from actornet.graph.schema import ACTOR_KINDS, Kind, Projection

__all__ = ["STEPS", "group_pairs", "projection_links", "projection_state"]

#: Steps a projection's build reports to its progress callback.
STEPS = 3
_ACTOR_KIND_VALUES = frozenset(k.value for k in ACTOR_KINDS)
_THEME = Kind.THEME.value
_DIRECT, _GROUP = Projection.DIRECT, Projection.PROJECT


def projection_state(graph, city_of, *, default_intensity, progress=None) -> dict:
    """The arrays and lists of the actor projection of ``graph``, by attribute name.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A validated network's graph (read, never changed).
    city_of : dict
        Actor id -> the id of the city it sits in (actors absent sit nowhere known).
    default_intensity : float
        The strength of a tie with no weight.
    progress : callable, optional
        Called as ``progress(done, STEPS)`` after each step.

    Returns
    -------
    dict
        The attributes of :class:`~actornet.graph.projection.ActorProjection`
        (public ones as documented there; ``_city_code``, ``_tie_bit``,
        ``_tie_weight``, ``_tie_data``, ``_members`` and ``_declared_by_ties``
        for its queries and the cache), the arrays read-only.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(30, 60, cities=2, seed=1)
    >>> state = projection_state(net.graph, {}, default_intensity=1.0)
    >>> state["nodes"] == net.projection().nodes, bool((state["city"] == -1).all())
    (True, True)
    """
    with gc_paused():
        state = _actors(graph, city_of)
        direct, joins, declared = _scan_ties(graph, state["index"])
        if progress is not None:
            progress(1, STEPS)
        state.update(_direct_ties(direct, state["index"], default_intensity))
        members = _memberships(joins, default_intensity)
        state.update(groups=list(members), _members=list(members.values()),
                     _declared_by_ties=declared)
        if progress is not None:
            progress(2, STEPS)
        state.update(_links(state, len(state["nodes"])))
    if progress is not None:
        progress(STEPS, STEPS)
    return state


def _frozen(array):
    array.flags.writeable = False
    return array


def _actors(graph, city_of) -> dict:
    """The actors in load order, their kinds, names and cities (as codes)."""
    node_data = graph._node  # plain dict access, inside graph/ only
    nodes = [n for n, d in node_data.items() if d["kind"] in _ACTOR_KIND_VALUES]
    city_code, cities = {}, []
    city = np.empty(len(nodes), np.int64)
    for i, n in enumerate(nodes):
        c = city_of.get(n)
        if c is None:
            city[i] = -1
            continue
        code = city_code.get(c)
        if code is None:
            code = city_code[c] = len(cities)
            cities.append(c)
        city[i] = code
    return {"nodes": nodes, "index": {n: i for i, n in enumerate(nodes)},
            "kinds": [node_data[n]["kind"] for n in nodes],
            "names": [node_data[n].get("name", n) for n in nodes],
            "city": _frozen(city), "cities": cities, "_city_code": city_code}


def _scan_ties(graph, index):
    """One pass over the ties: the direct ties ``(source, target id, key,
    data)``, the joins of groups ``(source, group id, data)`` and, per theme,
    the actors tied to the theme node.

    One tuple is appended per tie that links actors (the least work per tie:
    the lists are taken apart later, in C-level zips and comprehensions);
    the role of a tie type per target kind is looked up once."""
    node_data, succ = graph._node, graph._succ  # plain dict access, inside graph/ only
    direct, joins = [], []
    declared = {}  # theme -> actors declaring it (a tie to the theme node)
    roles = {}  # target kind -> {tie type -> role}
    add_direct, add_join = direct.append, joins.append
    for u, neighbours in succ.items():
        iu = index.get(u)
        if iu is None:
            continue  # every tie that links actors starts at an actor
        for v, keyed in neighbours.items():
            v_kind = node_data[v]["kind"]
            known = roles.get(v_kind)
            if known is None:
                known = roles[v_kind] = {}
            for key, d in keyed.items():
                tie_type = d["type"]
                role = known.get(tie_type)
                if role is None:
                    role = known[tie_type] = link_role(tie_type, v_kind)
                if role is _DIRECT:
                    add_direct((iu, v, key, d))
                elif role is _GROUP:
                    add_join((iu, v, d))
                elif v_kind == _THEME:
                    found = declared.get(v)
                    if found is None:
                        found = declared[v] = set()
                    found.add(iu)
    return direct, joins, declared


def _direct_ties(direct, index, default) -> dict:
    """The direct ties as parallel lists; a missing weight counts ``default``."""
    t_src, t_v, t_key, t_data = (list(x) for x in zip(*direct)) if direct else ([],) * 4
    t_dst = list(map(index.__getitem__, t_v))
    return {"tie_ids": t_key,
            "tie_source": _frozen(np.asarray(t_src, np.int64)),
            "tie_target": _frozen(np.asarray(t_dst, np.int64)),
            "_tie_bit": np.asarray([LINK_BITS[d["type"]] for d in t_data], np.int64),
            "_tie_weight": [default if (w := d.get("weight")) is None else w for d in t_data],
            "_tie_data": t_data}


def _memberships(joins, default) -> dict:
    """Group -> {actor: strongest participation}, in the order first met (a
    participation of 0 or less joins nobody)."""
    members = {}
    for iu, v, d in joins:
        weight = d.get("weight")
        if weight is None:
            weight = default
        joined = members.get(v)
        if joined is None:
            joined = members[v] = {}
        if weight > joined.get(iu, 0):
            joined[iu] = weight
    return members


def group_pairs(actor, weight, sizes):
    """The pairs of members of every group of 2 to :data:`BIG_GROUP` members.

    Parameters
    ----------
    actor, weight : numpy.ndarray
        One row per membership, group after group: the member and its participation.
    sizes : numpy.ndarray of int64
        The number of members of each group, in the order of the rows.

    Returns
    -------
    a, b, w : numpy.ndarray
        Per pair the two members and the smaller participation, group by
        group in code order and, within a group, in the order of
        ``numpy.triu_indices`` over its members (as a loop over the groups
        would list them), made one group size at a time.

    Examples
    --------
    >>> import numpy as np
    >>> a, b, w = group_pairs(np.array([7, 8, 9, 5]), np.array([1.0, 2.0, 3.0, 1.0]),
    ...                       np.array([3, 1]))
    >>> a.tolist(), b.tolist(), w.tolist()
    ([7, 7, 8], [8, 9, 9], [1.0, 1.0, 2.0])
    """
    starts = np.zeros(sizes.shape[0], np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    small = (sizes >= 2) & (sizes <= BIG_GROUP)
    count = np.where(small, sizes * (sizes - 1) // 2, 0)
    offset = np.zeros(sizes.shape[0], np.int64)
    np.cumsum(count[:-1], out=offset[1:])
    total = int(count.sum())
    a = np.empty(total, np.int64)
    b = np.empty(total, np.int64)
    w = np.empty(total, float)
    for size in np.unique(sizes[small]).tolist():
        codes = np.flatnonzero(sizes == size)
        x, y = np.triu_indices(size, 1)
        rows = starts[codes][:, None]
        where = (offset[codes][:, None] + np.arange(x.shape[0])).ravel()
        a[where] = actor[rows + x].ravel()
        b[where] = actor[rows + y].ravel()
        w[where] = np.minimum(weight[rows + x], weight[rows + y]).ravel()
    return a, b, w


def _links(state, n) -> dict:
    """The memberships of ``state["_members"]`` as arrays, then :func:`projection_links`."""
    g_actor, g_weight, sizes = [], [], []
    for joined in state["_members"]:
        g_actor.extend(joined)
        g_weight.extend(joined.values())
        sizes.append(len(joined))
    return projection_links(state, n, np.asarray(g_actor, np.int64),
                            np.asarray(g_weight, float), np.asarray(sizes, np.int64))


def projection_links(state, n, member_actor, member_weight, sizes) -> dict:
    """The memberships as arrays, the hubs, and the links as CSR: per
    position the summed strength, the distance and the type bits.

    ``state`` holds the direct ties (``tie_source``, ``tie_target``,
    ``_tie_weight``, ``_tie_bit``); ``member_actor`` and ``member_weight``
    (int64, float) one row per membership, group after group, and ``sizes``
    (int64) the number of members of each group; ``n`` is the number of actors.
    """
    out = {"member_actor": _frozen(member_actor),
           "member_group": _frozen(np.repeat(np.arange(sizes.shape[0]), sizes)),
           "member_weight": _frozen(member_weight),
           "hubs": _frozen(np.flatnonzero(sizes > BIG_GROUP))}
    ga, gb, gw = group_pairs(out["member_actor"], out["member_weight"], sizes)
    a = np.concatenate([state["tie_source"], ga])
    b = np.concatenate([state["tie_target"], gb])
    w = np.concatenate([np.asarray(state["_tie_weight"], float), gw])
    f = np.concatenate([state["_tie_bit"],
                        np.full(ga.shape[0], LINK_BITS[SHARED_PROJECT], np.int64)])
    keep = a != b
    lo, hi = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    w, f = w[keep], f[keep]
    # The distinct links (sorted), each item's link, and per link the
    # summed strength (in item order, as bincount adds) and its type bits.
    pair = lo * n + hi
    order = np.argsort(pair, kind="stable")
    pair = pair[order]
    first = np.ones(pair.shape[0], bool)
    first[1:] = pair[1:] != pair[:-1]
    key = pair[first]
    inverse = np.empty(order.shape[0], np.int64)
    inverse[order] = np.cumsum(first) - 1
    strength = np.bincount(inverse, weights=w, minlength=key.shape[0])
    starts = np.flatnonzero(first)
    flags = (np.bitwise_or.reduceat(f[order], starts) if starts.shape[0]
             else np.empty(0, np.int64))
    indptr, indices, at, rev = csr_positions(n, key // n, key % n)
    link = at % max(key.shape[0], 1)  # each CSR position's link
    strength = _frozen(strength[link].astype(float))
    positive = strength > 0
    distance = np.where(positive, 1.0 / np.where(positive, strength, 1.0), np.inf)
    out.update(indptr=_frozen(indptr), indices=_frozen(indices), rev=_frozen(rev),
               strength=strength, distance=_frozen(distance),
               flags=_frozen(flags[link].astype(np.int64)))
    return out
