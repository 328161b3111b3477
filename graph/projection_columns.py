"""The builder of the actor projection from a network's column tables.

:func:`projection_state_from_columns` gives what
:func:`~actornet.graph.projection_build.projection_state` gives from the
graph (every array equal, of the same dtype; every list equal, in the same
order), but from the tables of :class:`~actornet.graph.table_facts.NetworkColumns`
with whole-array code: the roles of the ties are looked up once per tie
type and target kind, the direct ties and the joins of groups are picked
as rows, and a member's strongest participation is found by sorting. The
attributes of the direct ties (``_tie_data``) are left to the projection,
which takes them from the graph when a query first needs them.

Examples
--------
>>> import networkx as nx
>>> from actornet.graph.columns import graph_tables
>>> from actornet.graph.table_facts import NetworkColumns
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", kind="ngo", name="A")
>>> G.add_node("b", kind="ngo", name="B")
>>> _ = G.add_edge("a", "b", key="t1", type="KNOWS", weight=2)
>>> arrays = {}
>>> graph_tables(G, arrays)
>>> state = projection_state_from_columns(NetworkColumns(arrays), {}, default_intensity=1.0)
>>> state["nodes"], state["strength"].tolist(), state["tie_ids"]
(['a', 'b'], [2.0, 2.0], ['t1'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from actornet.graph._deferred import GraphBox
from actornet.graph.gc_pause import gc_paused
from actornet.graph.link_rules import LINK_BITS, link_role
from actornet.graph.projection import ActorProjection
from actornet.graph.projection_build import STEPS, projection_links
from actornet.graph.schema import ACTOR_KINDS, Kind, Projection
from actornet.graph.table_facts import NetworkColumns, first_met, object_table

__all__ = ["projection_from_columns", "projection_state_from_columns"]

_ACTOR_KIND_VALUES = frozenset(k.value for k in ACTOR_KINDS)
_ROLE_CODE = {Projection.DIRECT: 1, Projection.PROJECT: 2}


def _frozen(array):
    array.flags.writeable = False
    return array


def projection_state_from_columns(columns: NetworkColumns, city_of, *, default_intensity,
                                  progress=None) -> dict:
    """The arrays and lists of the actor projection, from the column tables.

    Parameters are those of :func:`~actornet.graph.projection_build.projection_state`,
    with ``columns`` in place of the graph; the result is the same dict,
    without ``_tie_data`` (see the module notes).
    """
    with gc_paused():
        state, position = _actors(columns, city_of)
        role = _roles(columns)
        starts = position[columns.source] >= 0  # every tie that links actors starts at an actor
        if progress is not None:
            progress(1, STEPS)
        state.update(_direct_ties(columns, position, np.flatnonzero(starts & (role == 1)),
                                  default_intensity))
        state["_declared_by_ties"] = _declared(
            columns, position, np.flatnonzero(starts & (role == 0) & _to_theme(columns)))
        actor, weight, sizes = _memberships(columns, position,
                                            np.flatnonzero(starts & (role == 2)),
                                            default_intensity, state)
        if progress is not None:
            progress(2, STEPS)
        state.update(projection_links(state, len(state["nodes"]), actor, weight, sizes))
    if progress is not None:
        progress(STEPS, STEPS)
    return state


def _actors(columns, city_of) -> tuple:
    """The actors in load order, their kinds, names and cities (as codes),
    and each node's position among the actors (-1: not an actor)."""
    rows = np.flatnonzero(columns.node_kind_is(_ACTOR_KIND_VALUES))
    position = np.full(columns.n, -1, np.int64)
    position[rows] = np.arange(rows.shape[0])
    nodes = columns.node_table[rows].tolist()
    kind_codes, kind_values = columns.column("nodes", "kind")
    kinds = object_table(kind_values)[kind_codes[rows]].tolist()
    names = columns.picked("nodes", "name", rows)
    if any(name is None for name in names):  # a node without a name is named by its id
        codes = columns.column("nodes", "name")[0][rows]
        names = [n if code < 0 else name for n, name, code in zip(nodes, names, codes.tolist())]
    get = city_of.get
    city, cities = pd.factorize(object_table([get(n) for n in nodes]))
    cities = cities.tolist()
    return ({"nodes": nodes, "index": dict(zip(nodes, range(len(nodes)))), "kinds": kinds,
             "names": names, "city": _frozen(city.astype(np.int64)), "cities": cities,
             "_city_code": {c: i for i, c in enumerate(cities)}}, position)


def _roles(columns) -> np.ndarray:
    """Per tie, how it links actors (0: not, 1: directly, 2: into a group),
    the rule looked up once per tie type and target kind."""
    type_codes, types = columns.column("edges", "type")
    kind_codes, kinds = columns.column("nodes", "kind")
    table = np.zeros((len(types) + 1, len(kinds) + 1), np.int8)
    for t, tie_type in enumerate(types):
        for k, kind in enumerate(kinds):
            table[t, k] = _ROLE_CODE.get(link_role(tie_type, kind), 0)
    return table[type_codes, kind_codes[columns.target]]


def _to_theme(columns) -> np.ndarray:
    """Per tie, whether it ends at a theme node."""
    return columns.node_kind_is({Kind.THEME.value})[columns.target]


def _direct_ties(columns, position, rows, default) -> dict:
    """The direct ties as parallel lists; a missing weight counts ``default``."""
    type_codes, types = columns.column("edges", "type")
    bits = np.asarray([LINK_BITS.get(t, 0) for t in types] + [0], np.int64)
    return {"tie_ids": columns.tie_keys(rows),
            "tie_source": _frozen(position[columns.source[rows]]),
            "tie_target": _frozen(position[columns.target[rows]]),
            "_tie_bit": bits[type_codes[rows]],
            "_tie_weight": columns.picked("edges", "weight", rows, default, none=default)}


def _declared(columns, position, rows) -> dict:
    """Per theme (in the order first met), the actors tied to its node."""
    themes = columns.target[rows]
    order = np.argsort(themes, kind="stable")
    ordered = themes[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if rows.shape[0] else order
    found = np.split(position[columns.source[rows]][order], starts[1:])
    sets = {t: set(part.tolist()) for t, part in zip(ordered[starts].tolist(), found)}
    return {columns.node_ids[t]: sets[t] for t in first_met(themes)[0].tolist()}


def _memberships(columns, position, rows, default, state) -> tuple:
    """The groups in the order first met (``groups``), each with its members
    in the order they first joined with a participation above 0, at their
    strongest participation (of equal ones the first: ``_members``); and the
    memberships as arrays (actor, participation as float, group sizes)."""
    group_nodes, first = np.unique(columns.target[rows], return_index=True)
    order = np.argsort(first, kind="stable")
    code = np.empty(group_nodes.shape[0], np.int64)
    code[order] = np.arange(group_nodes.shape[0])
    group = code[np.searchsorted(group_nodes, columns.target[rows])]
    objects = object_table(columns.picked("edges", "weight", rows, default, none=default))
    weight = np.asarray(objects.tolist(), float) if rows.shape[0] else np.empty(0)
    actor = position[columns.source[rows]]
    joined = np.flatnonzero(weight > 0)  # a participation of 0 or less joins nobody
    n = max(len(state["nodes"]), 1)
    pair = group[joined] * n + actor[joined]
    # Per (group, actor): the strongest participation (the first of equal ones)
    # and the first join, the one that set the member's place in its group.
    ranked = joined[np.lexsort((joined, -weight[joined], pair))]
    ranked_pair = group[ranked] * n + actor[ranked]
    heads = np.flatnonzero(np.r_[True, ranked_pair[1:] != ranked_pair[:-1]]) \
        if ranked.shape[0] else np.empty(0, np.int64)
    strongest = ranked[heads]
    earliest = np.minimum.reduceat(ranked, heads) if heads.shape[0] else heads
    place = np.lexsort((earliest, group[strongest]))
    strongest = strongest[place]
    sizes = np.bincount(group[strongest], minlength=group_nodes.shape[0]).astype(np.int64)
    member_actor = actor[strongest]
    actors_list, weights_list = member_actor.tolist(), objects[strongest].tolist()
    ends = np.cumsum(sizes).tolist()
    state.update(groups=columns.node_table[group_nodes[order]].tolist(),
                 _members=[dict(zip(actors_list[a:b], weights_list[a:b]))
                           for a, b in zip([0, *ends[:-1]], ends)])
    return member_actor, weight[strongest], sizes


def projection_from_columns(columns: NetworkColumns, graph, city_of, *, default_intensity,
                            progress=None) -> ActorProjection:
    """The :class:`~actornet.graph.projection.ActorProjection` of a network
    whose graph ``graph`` was written as the tables ``columns`` (the same
    projection its constructor makes from the graph)."""
    P = ActorProjection.__new__(ActorProjection)
    # the graph, or the box it is made in when first used
    P.__dict__.update({"_graph_box" if isinstance(graph, GraphBox) else "_graph": graph},
                      default_intensity=default_intensity)
    P.__dict__.update(projection_state_from_columns(columns, city_of,
                                                    default_intensity=default_intensity,
                                                    progress=progress))
    return P
