"""The column tables of a network being built, made without its graph.

The builder (:mod:`actornet.graph.build`) keeps the nodes of a network in a
graph and its ties as a list, in the order they were kept: one tuple
``(source, target, key, attrs)`` per tie, or a
:class:`~actornet.graph.tie_bulk.TieRun` of plain rows of a table, kept as
its columns. Adding a million ties to a networkx graph, and later walking
that graph to write it as column tables
(:func:`actornet.graph.columns.graph_tables`), costs more than validating
them; the tables are worked out here straight from the list instead, equal
to what :func:`~actornet.graph.columns.graph_tables` writes of the graph the
ties would make (the same ties in the same order, the same predecessor
order, each attribute's values in the same order). The graph is made from
them when first used (:class:`~actornet.graph.columns.GraphTables`).

Examples
--------
>>> import networkx as nx
>>> from actornet.graph.columns import graph_tables
>>> G = nx.MultiDiGraph()
>>> G.add_nodes_from([("a", {"kind": "ngo"}), ("b", {"kind": "ngo"}), ("c", {"kind": "city"})])
>>> edges = [("b", "c", "t1", {"type": "BASED_IN"}), ("a", "b", "t2", {"type": "KNOWS"}),
...          ("b", "a", "t3", {"type": "KNOWS"}), ("a", "c", "t4", {"type": "BASED_IN"}),
...          ("a", "b", "t5", {"type": "KNOWS", "since": 2020})]
>>> arrays = tables_with_edges(G, edges)
>>> for u, v, key, attrs in kept_ties(edges):
...     _ = G.add_edge(u, v, key=key, **attrs)
>>> expected = {}
>>> graph_tables(G, expected)
>>> sorted(arrays) == sorted(expected)
True
>>> all((arrays[k] == expected[k]).all() for k in arrays)
True
"""

from __future__ import annotations

from itertools import chain

import networkx as nx
import numpy as np
import pandas as pd

from actornet.graph.columns import encode_records, encoded_column, json_array
from actornet.graph.gc_pause import gc_paused
from actornet.graph.tie_bulk import TieRun

__all__ = ["tables_with_edges", "kept_ties"]


def kept_ties(items: list):
    """The kept ties of the builder's list ``items`` as ``(source, target,
    key, attrs)``, in order (the runs' dicts made now)."""
    made = {}
    for item in items:
        if type(item) is not TieRun:
            yield item
            continue
        ties = item.ties
        if id(ties) not in made:
            made[id(ties)] = (ties, ties.dicts())
        attrs = made[id(ties)][1]
        for row in range(item.start, item.stop):
            yield ties.source[row], ties.target[row], ties.keys[row], attrs[row]


def tables_with_edges(G: nx.MultiDiGraph, items: list, *, leave_out=()) -> dict:
    """The tables :func:`~actornet.graph.columns.graph_tables` writes of ``G``
    once the ties of ``items`` (keys new, ends nodes of ``G``; see above)
    are added to it in order; ``G`` must have no ties yet and is not changed.

    Raises
    ------
    NotStorable
        If an id, key or attribute cannot be stored exactly.
    """
    if any(map(len, G._succ.values())):
        raise ValueError("the graph already has ties")
    with gc_paused():
        ties = _TieColumns(items, list(G._node))
        arrays = {}
        _node_tables(G, arrays)
        order = _edge_order(G, ties, arrays)
        arrays["edges.key"] = json_array(ties.keys[order].tolist())
        _encode_ties(ties, order, arrays)
        arrays["graph"] = json_array({k: v for k, v in G.graph.items() if k not in leave_out})
        return arrays


def _node_tables(G, arrays):
    arrays["nodes.id"] = json_array(list(G._node))
    encode_records(list(G._node.values()), arrays, "nodes")


class _TieColumns:
    """The kept ties of the builder's list as columns over all of them, in
    the order kept: ends (places among ``nodes``), keys, each tie's pattern (a code into
    ``patterns``, the names it has in a dict's order) and per name its
    values and which ties have it."""

    def __init__(self, items, nodes):
        self.patterns = {}  # names -> code
        self.parts = []  # (start, per name (rows having it, values)) per run of items
        place = dict(zip(nodes, range(len(nodes))))
        sources, targets, keys, pattern, m = [], [], [], [], 0
        for single, group in _groups(items):
            if single:
                group = list(group)
                sources.append(np.array([place[t[0]] for t in group], np.int64))
                targets.append(np.array([place[t[1]] for t in group], np.int64))
                keys.append(_objects([t[2] for t in group]))
                pattern.append(self._dict_part(m, [t[3] for t in group]))
                m += len(group)
                continue
            for run in group:
                rows = np.arange(run.start, run.stop)
                ties = run.ties
                sources.append(ties.places[rows])
                targets.append(ties.places[ties.cells.size + rows])
                keys.append(ties.keys[rows])
                pattern.append(self._run_part(m, ties, rows))
                m += len(rows)
        self.m = m
        ints, empty = [np.empty(0, np.int64)], [np.empty(0, object)]
        self.source, self.target = (np.concatenate(c + ints).astype(np.int64)
                                    for c in (sources, targets))
        self.keys = np.concatenate(keys + empty)
        self.pattern = np.concatenate(pattern + ints)

    def _code(self, names):
        return self.patterns.setdefault(tuple(names), len(self.patterns))

    def _dict_part(self, start, dicts):
        codes = np.fromiter((self._code(d) for d in dicts), np.int64, len(dicts))
        columns = {}
        for i, d in enumerate(dicts):
            for name, value in d.items():
                column = columns.setdefault(name, ([], []))
                column[0].append(start + i)
                column[1].append(value)
        self.parts.append({name: (np.array(at, np.int64), _objects(values))
                           for name, (at, values) in columns.items()})
        return codes

    def _run_part(self, start, ties, rows):
        local = np.array([self._code(names) for names in ties.patterns] or [0], np.int64)
        columns = {}
        for j, name in enumerate(ties.names):
            has = rows[ties.has[j][rows]]
            if len(has):
                columns[name] = (start + has - rows[0], ties.value_column(j, has))
        self.parts.append(columns)
        return local[ties.pattern[rows]]

    def column(self, name):
        """``(positions, values)`` of the ties having ``name``, in the order kept."""
        found = [part[name] for part in self.parts if name in part]
        return (np.concatenate([f[0] for f in found] + [np.empty(0, np.int64)]),
                np.concatenate([f[1] for f in found] + [np.empty(0, object)]))


def _groups(items):
    """``(single, items)``: runs of tuples and runs of :class:`TieRun`, in order."""
    group, single = [], None
    for item in items:
        is_single = type(item) is not TieRun
        if group and is_single != single:
            yield single, group
            group = []
        group.append(item)
        single = is_single
    if group:
        yield single, group


def _objects(values) -> np.ndarray:
    out = np.empty(len(values), object)
    out[:] = values
    return out


def _edge_order(G, ties: _TieColumns, arrays) -> np.ndarray:
    """The ties in the order networkx lists them (``edges.source``,
    ``edges.target``) and the predecessors' order (``pred.*``); returns the
    order, as positions in the order kept.

    networkx lists a node's successors in the order each was first tied to,
    and a pair's ties in the order they came; a node's predecessors in the
    order each first tied to it."""
    nodes = list(G._node)
    n = max(len(nodes), 1)
    source, target = ties.source, ties.target
    if len(source) and min(source.min(), target.min()) < 0:
        raise ValueError("a tie's end is not a node")
    pair_codes, pairs = pd.factorize(source * n + target)
    order = np.lexsort((pair_codes.astype(np.int64), source))  # stable: a pair's ties in order
    arrays["edges.source"] = source[order].astype(np.int32)
    arrays["edges.target"] = target[order].astype(np.int32)
    pair_source, pair_target = np.divmod(np.asarray(pairs, np.int64), n)
    by_target = np.lexsort((np.arange(len(pairs)), pair_target))
    arrays["pred.count"] = np.bincount(pair_target, minlength=len(nodes)).astype(np.int32)
    arrays["pred.source"] = pair_source[by_target].astype(np.int32)
    return order


def _encode_ties(ties: _TieColumns, order, arrays, prefix="edges"):
    """What :func:`~actornet.graph.columns.encode_records` writes of the ties'
    dicts listed in ``order``, from the columns."""
    kept_patterns = list(ties.patterns)
    codes, first_come = pd.factorize(ties.pattern[order])
    patterns = [kept_patterns[p] for p in first_come.tolist()]
    names = {}
    for pattern in patterns:
        for name in pattern:
            names.setdefault(name, len(names))
    place = np.empty(ties.m, np.int64)  # a tie's place in the listed order
    place[order] = np.arange(ties.m)
    arrays[f"{prefix}.names"] = json_array(list(names))
    for name, j in names.items():
        positions, values = ties.column(name)
        listed = place[positions]
        by_place = np.argsort(listed, kind="stable")
        coded, distinct = encoded_column(values[by_place])
        if len(positions) == ties.m:
            column = coded
        else:
            column = np.full(ties.m, -1, np.int32)
            column[listed[by_place]] = coded
        arrays[f"{prefix}.{j}.codes"] = column
        arrays[f"{prefix}.{j}.values"] = json_array(distinct)
    arrays[f"{prefix}.orders"] = json_array([[names[name] for name in p] for p in patterns])
    arrays[f"{prefix}.order"] = codes.astype(np.int32)
