"""The column tables of a network as it stood in one year, from its own tables.

:meth:`ActorNetwork.as_of <actornet.graph.network.ActorNetwork.as_of>` keeps
the ties valid in a year (started by then, not ended before; a tie to a
group without years of its own takes the group's). Made from the tables,
with whole-array steps: each tie's years are read as codes, each distinct
year compared once, and the kept rows' tables are written exactly as
:func:`~actornet.graph.columns.graph_tables` writes the graph of the kept
ties: every column coded again in the order its values first come among
the kept rows, and each node's predecessors in the order networkx lists
them for a graph built tie by tie in that order (by source).
"""

from __future__ import annotations

import numpy as np

from actornet.graph.columns import from_json_array, json_array
from actornet.graph.link_rules import link_role
from actornet.graph.schema import Projection
from actornet.graph.table_facts import NetworkColumns

__all__ = ["tables_as_of"]


def tables_as_of(columns: NetworkColumns, year: int) -> dict:
    """The arrays of the network whose tables are ``columns`` with only the
    ties valid in ``year`` (every node kept).

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.columns import graph_tables
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="ngo"); G.add_node("b", kind="ngo")
    >>> G.add_node("p", kind="project", since=2010, until=2012)
    >>> _ = G.add_edge("a", "b", key="old", type="KNOWS", until=2005)
    >>> _ = G.add_edge("a", "b", key="new", type="KNOWS", since=2011)
    >>> _ = G.add_edge("a", "p", key="in", type="PARTICIPATES_IN")
    >>> arrays = {}
    >>> graph_tables(G, arrays)
    >>> kept = tables_as_of(NetworkColumns(arrays), 2011)
    >>> from_json_array(kept["edges.key"])
    ['new', 'in']
    >>> from_json_array(tables_as_of(NetworkColumns(arrays), 2013)["edges.key"])
    ['new']
    """
    keep = _valid_ties(columns, int(year))
    arrays = columns.arrays
    out = {name: array for name, array in arrays.items() if not name.startswith(("edges.", "pred."))}
    source, target = arrays["edges.source"][keep], arrays["edges.target"][keep]
    out["edges.source"], out["edges.target"] = source, target
    keys = from_json_array(arrays["edges.key"])
    out["edges.key"] = json_array([keys[i] for i in np.flatnonzero(keep).tolist()])
    _records_kept(arrays, out, "edges", keep)
    # A graph built tie by tie (by source, in node order) lists each node's
    # predecessors by their first tie into it: by node order, each once.
    pairs = np.unique(target.astype(np.int64) * max(columns.n, 1) + source)
    out["pred.count"] = np.bincount(pairs // max(columns.n, 1), minlength=columns.n).astype(
        arrays["pred.count"].dtype)
    out["pred.source"] = (pairs % max(columns.n, 1)).astype(arrays["pred.source"].dtype)
    return out


def _valid_ties(columns: NetworkColumns, year: int) -> np.ndarray:
    """Per tie, whether it is valid in ``year`` (see the module)."""
    m = columns.m
    row_of = {node: i for i, node in enumerate(columns.node_ids)}
    # The group each tie takes its years from: its own ``project`` when that
    # is a node, else the group it joins (none: -1).
    codes, values = columns.column("edges", "project")
    named = np.array([-2 if value is None else _row(row_of, value) for value in values] + [-2],
                     np.int64)[codes]  # -2: none named; -1: named, not a node
    type_codes, types = columns.column("edges", "type")
    kind_codes, kinds = columns.column("nodes", "kind")
    joins = np.array([[link_role(t, k) is Projection.PROJECT for k in [*kinds, None]]
                      for t in [*types, None]], bool)
    target = columns.target.astype(np.int64)
    group = np.where(named == -2, np.where(joins[type_codes, kind_codes[target]], target, -1),
                     named)
    keep = np.ones(m, bool)
    for name, fits in (("since", lambda y: y <= year), ("until", lambda y: y >= year)):
        own_known, own_fits = _tested(columns.column("edges", name), fits)
        node_known, node_fits = _tested(columns.column("nodes", name), fits)
        at = np.maximum(group, 0)
        inherited = (group >= 0) & node_known[at]
        keep &= np.where(own_known, own_fits, ~inherited | node_fits[at])
    return keep


def _row(row_of, value) -> int:
    try:
        return row_of.get(value, -1)
    except TypeError:  # a value no node can have as its id (a list)
        return -1


def _tested(column, fits) -> tuple:
    """Per row of ``column`` (codes, values): whether it has a value (not
    None), and whether that value ``fits`` (each distinct value tested once)."""
    codes, values = column
    known = np.array([value is not None for value in values] + [False], bool)
    passes = np.array([value is not None and bool(fits(value)) for value in values] + [False], bool)
    return known[codes], passes[codes]


def _records_kept(arrays: dict, out: dict, prefix: str, keep) -> None:
    """The ``prefix`` columns of the rows ``keep``, coded as
    :func:`~actornet.graph.columns.encode_records` codes those rows: the
    key orders, names and each column's values in the order they first come."""
    order = arrays[f"{prefix}.order"][keep]
    used, first = np.unique(order, return_index=True)
    patterns_used = used[np.argsort(first, kind="stable")]
    orders = from_json_array(arrays[f"{prefix}.orders"])
    names = from_json_array(arrays[f"{prefix}.names"])
    renamed = {}
    for pattern in patterns_used.tolist():
        for j in orders[pattern]:
            renamed.setdefault(j, len(renamed))
    pattern_code = np.full(len(orders), -1, np.int64)
    pattern_code[patterns_used] = np.arange(len(patterns_used))
    out[f"{prefix}.names"] = json_array([names[j] for j in renamed])
    for j, new in renamed.items():
        codes = arrays[f"{prefix}.{j}.codes"][keep]
        values = from_json_array(arrays[f"{prefix}.{j}.values"])
        present = codes >= 0
        used, first = np.unique(codes[present], return_index=True)
        by_first = used[np.argsort(first, kind="stable")]
        recode = np.full(len(values), -1, np.int64)
        recode[by_first] = np.arange(len(by_first))
        coded = np.full(codes.shape[0], -1, codes.dtype)
        coded[present] = recode[codes[present]]
        out[f"{prefix}.{new}.codes"] = coded
        out[f"{prefix}.{new}.values"] = json_array([values[c] for c in by_first.tolist()])
    out[f"{prefix}.orders"] = json_array([[renamed[j] for j in orders[p]]
                                          for p in patterns_used.tolist()])
    out[f"{prefix}.order"] = pattern_code[order].astype(arrays[f"{prefix}.order"].dtype)
