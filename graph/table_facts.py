"""What a network derives from its graph alone, computed from its column tables.

A network's graph written as column tables (:func:`actornet.graph.columns.graph_tables`:
nodes and ties in the graph's order, each attribute dictionary-encoded as
codes into its distinct values) is read here through :class:`NetworkColumns`,
and the facts every analysis starts from are computed from those columns with
whole-array code, equal to what a walk of the graph's dicts gives (the walks
are kept: :class:`~actornet.graph.network_places.NetworkPlaces` and
:class:`~actornet.graph.network.ActorNetwork` use them for a network without
tables, and the tests compare the two):

- :func:`city_seats`: where every actor sits (``ActorNetwork.cities()``);
- :func:`network_counts`: what a summary counts;
- :func:`year_range`: the first and last year any tie or project mentions;
- :func:`partner_ties`: the PARTNER_OF ties, for the formal partnerships.

The actor projection from the columns is :mod:`actornet.graph.projection_columns`.

Examples
--------
>>> import networkx as nx
>>> from actornet.graph.columns import graph_tables
>>> G = nx.MultiDiGraph()
>>> G.add_node("berlin", kind="city", name="Berlin")
>>> G.add_node("fu", kind="institution", name="FU", themes=["water"])
>>> _ = G.add_edge("fu", "berlin", key="b1", type="BASED_IN", since=2001)
>>> arrays = {}
>>> graph_tables(G, arrays)
>>> columns = NetworkColumns(arrays)
>>> city_seats(columns)
{'fu': 'berlin', 'berlin': 'berlin'}
>>> year_range(columns), network_counts(columns, city_seats(columns))["theme_actors"]
((2001, 2001), {'water': 1})
"""

from __future__ import annotations

from functools import cached_property
from itertools import islice
from operator import getitem

import numpy as np

from actornet.graph.columns import from_json_array
from actornet.graph.schema import ACTOR_KINDS, Kind, TieType

__all__ = ["NetworkColumns", "object_table", "first_met", "city_seats", "network_counts",
           "year_range", "partner_ties"]

_ACTOR_KIND_VALUES = frozenset(k.value for k in ACTOR_KINDS)


def object_table(items) -> np.ndarray:
    """``items`` as a one-dimensional object array (a list stays one item)."""
    items = list(items)
    return np.fromiter(items, object, count=len(items))


class NetworkColumns:
    """Read access to the column tables of a network's graph.

    Parameters
    ----------
    arrays : dict
        The arrays :func:`~actornet.graph.columns.graph_tables` wrote (kept as
        they are: :attr:`arrays` is the same dict, for the cache).
    graph : networkx.MultiDiGraph, optional
        The graph they were written from, if at hand (read, never changed).
    """

    def __init__(self, arrays: dict, graph=None):
        self.arrays, self.graph = arrays, graph
        self.source = arrays["edges.source"]  # int32 row numbers of nodes, as stored
        self.target = arrays["edges.target"]
        self.m = self.source.shape[0]
        self._names = {prefix: {name: j for j, name in
                                enumerate(from_json_array(arrays[f"{prefix}.names"]))}
                       for prefix in ("nodes", "edges")}
        self._columns = {}

    @cached_property
    def node_ids(self) -> list:
        """The node ids, in the graph's order."""
        return from_json_array(self.arrays["nodes.id"])

    @cached_property
    def node_table(self) -> np.ndarray:
        """The node ids as an object array (to pick many at once)."""
        return object_table(self.node_ids)

    @property
    def n(self) -> int:
        """The number of nodes."""
        return len(self.node_ids)

    def tie_keys(self, rows) -> list:
        """The ids of the ties at ``rows``: the graph's own key objects when
        the graph is at hand (no copy of a million keys is decoded to pick a
        few), else decoded from the tables."""
        if self.graph is None:
            keys = self.__dict__.get("_keys")
            if keys is None:  # decoded once (until forget())
                keys = self.__dict__["_keys"] = object_table(from_json_array(
                    self.arrays["edges.key"]))
            return keys[rows].tolist()
        source, target = self.source, self.target
        # A tie's place among the ties between its two ends (they are listed together).
        first = np.ones(self.m, bool)
        first[1:] = (source[1:] != source[:-1]) | (target[1:] != target[:-1])
        start = np.maximum.accumulate(np.where(first, np.arange(self.m), 0))
        places = rows - start[rows]
        succ, table = self.graph._succ, self.node_table  # plain dicts, inside graph/ only
        # The keyed ties of each row's two ends, and the first key of each (at C speed).
        keyed = list(map(getitem, map(succ.__getitem__, table[source[rows]].tolist()),
                         table[target[rows]].tolist()))
        out = list(map(next, map(iter, keyed)))
        for i in np.flatnonzero(places).tolist():
            out[i] = next(islice(iter(keyed[i]), int(places[i]), None))
        return out

    def column(self, prefix: str, name: str) -> tuple:
        """``(codes, values)`` of the attribute ``name`` of ``prefix`` ("nodes"
        or "edges"): int codes (-1 where a row lacks it) into its distinct values."""
        found = self._columns.get((prefix, name))
        if found is None:
            j = self._names[prefix].get(name)
            rows = self.n if prefix == "nodes" else self.m
            if j is None:
                found = (np.full(rows, -1, np.int32), [])
            else:
                found = (self.arrays[f"{prefix}.{j}.codes"],
                         from_json_array(self.arrays[f"{prefix}.{j}.values"]))
            self._columns[prefix, name] = found
        return found

    def forget(self) -> None:
        """Drop what was decoded from the tables (ids, keys, values: made
        again when next asked for); the tables stay."""
        self._columns = {}
        for name in ("node_ids", "node_table", "_keys"):
            self.__dict__.pop(name, None)

    def code_of(self, prefix: str, name: str, value) -> int:
        """The code of ``value`` in the column ``name`` (-1 if no row has it)."""
        values = self.column(prefix, name)[1]
        for code, found in enumerate(values):
            if type(found) is type(value) and found == value:
                return code
        return -1

    def picked(self, prefix: str, name: str, rows, default=None, *, none=None) -> list:
        """The values of ``name`` at ``rows`` (``default`` where a row lacks
        it; ``none`` in place of a value None, when ``none`` is given)."""
        codes, values = self.column(prefix, name)
        if none is not None:
            values = [none if value is None else value for value in values]
        table = object_table([*values, default])  # code -1 picks the default
        return table[codes[rows]].tolist()

    def node_kind_is(self, wanted) -> np.ndarray:
        """Per node, whether its ``kind`` is one of ``wanted``."""
        codes, values = self.column("nodes", "kind")
        inside = np.asarray([v in wanted for v in values] + [False], bool)
        return inside[codes]

    def tie_type_is(self, tie_type: TieType) -> np.ndarray:
        """Per tie, whether its ``type`` is ``tie_type``."""
        return self.column("edges", "type")[0] == self.code_of("edges", "type", tie_type.value)


def first_met(codes) -> tuple:
    """The distinct values of ``codes`` in the order first met, and how often each occurs.

    Examples
    --------
    >>> values, counts = first_met(np.array([5, 2, 5, -1, 2, 5]))
    >>> values.tolist(), counts.tolist()
    ([5, 2, -1], [3, 2, 1])
    """
    values, first, counts = np.unique(codes, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return values[order], counts[order]


def city_seats(columns: NetworkColumns) -> dict:
    """Where every actor sits, as the graph walk of ``NetworkPlaces._cities``
    gives it: actor id -> city id, in the same order (first the sources of
    BASED_IN ties by their first such tie, then the cities, then the people
    who sit where the first organisation they are a member of sits)."""
    n, source, target = columns.n, columns.source, columns.target
    seat = np.full(n, -1, np.int64)
    based = np.flatnonzero(columns.tie_type_is(TieType.BASED_IN))
    actors, first = np.unique(source[based], return_index=True)
    order = np.argsort(first, kind="stable")
    listed = actors[order]
    seat[listed] = target[based[first[order]]]
    cities = np.flatnonzero(columns.node_kind_is({Kind.CITY.value}))
    keyed = np.zeros(n, bool)
    keyed[listed] = True
    listed = [*listed.tolist(), *cities[~keyed[cities]].tolist()]
    seat[cities] = cities
    # Memberships in tie order, of members with no seat yet: one after the
    # other, as a member may sit where a member seated just before sits.
    member = np.flatnonzero(columns.tie_type_is(TieType.MEMBER_OF))
    member = member[seat[source[member]] < 0]
    seats = seat.tolist()
    for u, v in zip(source[member].tolist(), target[member].tolist()):
        if seats[u] < 0 and seats[v] >= 0:
            seats[u] = seats[v]
            listed.append(u)
    table = columns.node_table
    at = np.asarray(listed, np.int64)
    return dict(zip(table[at].tolist(), table[np.asarray(seats, np.int64)[at]].tolist()))


def _tally(codes, values, into: dict, *, items=False) -> dict:
    """Add to ``into`` how often each value of ``codes`` occurs (-1: None),
    in the order first met; with ``items``, each value is a list whose
    items are counted instead (as ``for item in value`` would)."""
    found, counts = first_met(codes)
    for code, count in zip(found.tolist(), counts.tolist()):
        if items:
            if code < 0:
                continue
            for item in values[code]:
                into[item] = into.get(item, 0) + count
        else:
            value = values[code] if code >= 0 else None
            into[value] = into.get(value, 0) + count
    return into


def network_counts(columns: NetworkColumns, seats: dict) -> dict:
    """What a summary counts, as ``ActorNetwork._counts`` gives it: nodes per
    kind, ties per type, actors and ties per theme (an actor counts for a
    theme it names or WORKS_ON), actors per seat city (``seats``: actor id ->
    city id), each in the order first met."""
    kind_codes, kind_values = columns.column("nodes", "kind")
    kinds = _tally(kind_codes, kind_values, {})
    theme_actors = _tally(*columns.column("nodes", "themes"), {}, items=True)
    seated_kinds = _ACTOR_KIND_VALUES - {Kind.CITY.value}
    seated_rows = np.flatnonzero(columns.node_kind_is(seated_kinds))
    get = seats.get
    seat_ids = [get(node) for node in columns.node_table[seated_rows].tolist()]
    seat_codes, seat_values = _codes(seat_ids)
    seated = _tally(seat_codes, seat_values, {})
    types = _tally(*columns.column("edges", "type"), {})
    theme_ties = _tally(*columns.column("edges", "themes"), {}, items=True)
    works_on = columns.target[columns.tie_type_is(TieType.WORKS_ON)]
    _tally(works_on, columns.node_ids, theme_actors)
    return {"kinds": kinds, "types": types, "theme_actors": theme_actors,
            "theme_ties": theme_ties, "seated": seated, "ties": columns.m}


def _codes(items) -> tuple:
    """Codes (-1 for None) into the distinct items, for :func:`_tally`."""
    distinct, codes = {}, []
    for item in items:
        if item is None:
            codes.append(-1)
        else:
            codes.append(distinct.setdefault(item, len(distinct)))
    return np.asarray(codes, np.int64), list(distinct)


def year_range(columns: NetworkColumns) -> tuple:
    """The first and last year any tie (``since``, ``until``) or project
    mentions, or ``(None, None)``; as ``min`` and ``max`` over the years in
    the graph walk's order would give them (of equal years of two types,
    the first met)."""
    projects = np.flatnonzero(columns.node_kind_is({Kind.PROJECT.value}))
    found = []  # (first position in the walk, value) per distinct value used
    for prefix, rows, offset in (("edges", None, 0), ("nodes", projects, 2 * columns.m)):
        for step, name in enumerate(("since", "until")):
            codes, values = columns.column(prefix, name)
            if rows is not None:
                codes = codes[rows]
            used, first = np.unique(codes, return_index=True)
            for code, at in zip(used.tolist(), first.tolist()):
                if code >= 0 and values[code] is not None:
                    found.append((offset + 2 * at + step, values[code]))
    if not found:
        return (None, None)
    found.sort(key=lambda item: item[0])
    years = [value for _, value in found]
    return min(years), max(years)


def partner_ties(columns: NetworkColumns) -> list:
    """``(source, target, tie id, attributes)`` of every PARTNER_OF tie, in
    the graph's order, with the attributes a partnership reads
    (``claimed_by``, ``since``, ``status``: those the tie has)."""
    rows = np.flatnonzero(columns.tie_type_is(TieType.PARTNER_OF))
    table = columns.node_table
    keys = columns.tie_keys(rows)
    absent = object()
    picked = {name: columns.picked("edges", name, rows, absent)
              for name in ("claimed_by", "since", "status")}
    out = []
    for i, (u, v, key) in enumerate(zip(table[columns.source[rows]].tolist(),
                                        table[columns.target[rows]].tolist(), keys)):
        data = {name: found[i] for name, found in picked.items() if found[i] is not absent}
        out.append((u, v, key, data))
    return out
