"""A network's graph as column tables, and back.

The validated network is kept between commands as data, never as code
(:mod:`actornet.loaders.cache`): named NumPy arrays of plain numbers. This
module turns the networkx graph into such arrays and makes the graph again
from them, exactly (the same nodes, edges, keys and attributes, in the same
order, also the order networkx keeps the predecessors of a node in).

The tables:

- ``nodes``: one row per node, in the graph's order: the node ids, and one
  column per attribute (``kind``, ``name``, ``country``, ``themes``, any extra
  column the input had);
- ``edges``: one row per tie, in the graph's order (:meth:`ActorNetwork.ties
  <actornet.graph.network.ActorNetwork.ties>`): the two ends (row numbers of
  ``nodes``), the tie id, and one column per attribute;
- ``pred``: per node, the order of its predecessors.

An attribute column is dictionary-encoded, as Arrow's dictionary arrays are:
``codes`` (int32, one per row, -1 where a row lacks the attribute) into
``values`` (its distinct values). Lists of values (ids, names, the distinct
values of a column) are stored as JSON text in a ``uint8`` array and must
come back equal, of the same types, or the network is not stored
(:class:`NotStorable`): a value JSON cannot hold (a set, a tuple, a date) is
never turned into another. Each row also keeps the order of its attributes
(a code into the distinct orders), so a dict comes back with its keys in
its own order.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(note="x")
>>> G.add_node("a", kind="ngo", name="A", themes=["climate"])
>>> G.add_node("b", kind="ngo", name="B", since=2001)
>>> _ = G.add_edge("a", "b", key="t1", type="KNOWS", weight=2.5)
>>> arrays = {}
>>> graph_tables(G, arrays)
>>> H = graph_from_tables(arrays)
>>> (dict(H.nodes(data=True)) == dict(G.nodes(data=True)),
...  list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True)), H.graph)
(True, True, {'note': 'x'})
"""

from __future__ import annotations

import json
import math
from itertools import chain, compress

import networkx as nx
import numpy as np

from actornet.graph.gc_pause import gc_paused
from actornet.graph.errors import DamagedEntry, NotStorable

__all__ = ["json_array", "from_json_array", "encode_records",
           "Records", "GraphTables", "graph_tables", "graph_from_tables", "checked_codes",
           "encoded_column"]


#: Types whose values are equal exactly when ``==`` says so, with their type
#: (no float: 0.0 == -0.0).
_PLAIN = frozenset({str, int, bool, type(None)})
_NESTED = _PLAIN | {list, dict}


def json_array(value) -> np.ndarray:
    """``value`` as UTF-8 JSON text in a ``uint8`` array; it must come back equal.

    Raises
    ------
    NotStorable
        If JSON cannot hold ``value`` exactly (a tuple, a set, a key that is
        not a string, NaN, an object of another type).

    Examples
    --------
    >>> from_json_array(json_array(["Kyiv", 2, 2.5, None, ["a"]]))
    ['Kyiv', 2, 2.5, None, ['a']]
    >>> json_array(("a", "b"))
    Traceback (most recent call last):
    ...
    actornet.graph.errors.NotStorable: a value JSON does not give back as it was
    """
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as err:
        raise NotStorable("a value JSON cannot hold") from err
    data = text.encode("utf-8", "surrogatepass")
    try:
        known = _given_back(value)
    except RecursionError:  # deeper than this check goes: read it back
        known = False
    if known:
        return np.frombuffer(data, np.uint8)
    try:
        again = json.loads(data)
    except (ValueError, RecursionError) as err:  # pragma: no cover - json reads what it wrote
        raise NotStorable("a value JSON does not give back as it was") from err
    if not _same(again, value):
        raise NotStorable("a value JSON does not give back as it was")
    return np.frombuffer(data, np.uint8)


def _given_back(value) -> bool:
    """Whether JSON gives ``value`` back exactly, known without reading it:
    text, whole numbers, true, false and null, in lists and in dicts with text keys."""
    kind = type(value)
    if kind is list:
        kinds = set(map(type, value))
        return kinds <= _PLAIN or (kinds <= _NESTED and all(map(_given_back, value)))
    if kind is dict:
        return set(map(type, value)) <= {str} and _given_back(list(value.values()))
    return kind in _PLAIN


def _same(a, b) -> bool:
    """Equal and of the same types all the way down (1 is not 1.0 nor True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        if len(a) != len(b):
            return False
        kinds = set(map(type, b))
        if kinds <= _PLAIN:  # a whole list at once
            return list(map(type, a)) == list(map(type, b)) and a == b
        if kinds == {list}:  # a list of lists: the same lengths, then all their items at once
            return (list(map(type, a)) == list(map(type, b))
                    and list(map(len, a)) == list(map(len, b))
                    and _same(list(chain.from_iterable(a)), list(chain.from_iterable(b))))
        return all(map(_same, a, b))
    if isinstance(a, dict):
        return (list(a) == list(b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and a == 0.0:
        return math.copysign(1.0, a) == math.copysign(1.0, b)
    return a == b


def from_json_array(array):
    """The value :func:`json_array` stored in ``array``."""
    return json.loads(array.tobytes())


def _key(value):
    """A dictionary key telling apart values Python calls equal (1, 1.0, True)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is float and value == 0.0:  # 0.0 and -0.0 apart, and apart from 1.0 and -1.0
        return ("zero", math.copysign(1.0, value))
    if kind in (int, float, bool) or value is None:
        return (kind, value)
    try:
        return ("json", json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError) as err:
        raise NotStorable("a value JSON cannot hold") from err


def _column_keys(column: list) -> tuple:
    """Keys for the values of ``column`` that are equal exactly when
    :func:`_key` would give equal keys, made a whole column at once where its
    values are of one plain type; and how a key gives its value back
    (``None``: from the first row with that key)."""
    kinds = set(map(type, column))
    if len(kinds) == 1 and kinds <= _PLAIN:
        return column, _itself
    if kinds == {float}:
        if 0.0 not in column:  # a zero's key is of its own (its sign)
            return column, _itself
    elif kinds == {list} and set(map(type, chain.from_iterable(column))) <= {str}:
        return list(map(tuple, column)), list  # the same JSON text exactly when the same strings
    return list(map(_key, column)), None


def _itself(value):
    return value


def encoded_column(picked: np.ndarray) -> tuple:
    """The codes (int32) of the values in the object array ``picked`` and its
    distinct values, in the order they first come."""
    column = picked.tolist()
    keys, value_of = _column_keys(column)
    if value_of is _itself and type(column[0]) is str:
        import pandas as pd  # loaded by then: only a network read from its files is stored

        coded, distinct = pd.factorize(picked)  # in a hash table of texts: first come, first coded
        return coded.astype(np.int32), distinct.tolist()
    distinct = dict.fromkeys(keys)  # keeps each key's first object, in first-come order
    codes = dict(zip(distinct, range(len(distinct))))
    coded = np.fromiter(map(codes.__getitem__, keys), np.int32, len(keys))
    if value_of is _itself:
        return coded, list(distinct)
    if value_of is not None:
        return coded, list(map(value_of, distinct))
    first = dict(zip(reversed(keys), reversed(column)))  # the last written: the first value
    return coded, list(map(first.__getitem__, distinct))


def encode_records(records: list, arrays: dict, prefix: str) -> None:
    """Put the attribute dicts ``records`` into ``arrays`` as columns named ``prefix.*``.

    ``prefix.names``: the attribute names (JSON), in the order they first
    come; per attribute ``j``, ``prefix.j.codes`` and ``prefix.j.values`` (its
    distinct values in the order they first come); ``prefix.orders`` (the
    distinct key orders, as lists of attribute numbers, in the order they
    first come) and ``prefix.order`` (each row's). Made column by column.
    """
    n = len(records)
    shapes = list(map(tuple, records))  # each row's keys, in its own order
    patterns = dict.fromkeys(shapes)
    pattern_codes = dict(zip(patterns, range(len(patterns))))
    order = np.fromiter(map(pattern_codes.__getitem__, shapes), np.int32, n)
    names = {}
    for pattern in patterns:  # a name first comes in the first row of the first pattern naming it
        for name in pattern:
            names.setdefault(name, len(names))
    orders = [[names[name] for name in pattern] for pattern in patterns]
    # Every row's values one after another, read in one pass over the dicts
    # (each dict read once: they lie all over memory); a column is then
    # picked out of them at array speed.
    place = np.full((len(orders), len(names)), -1, np.int64)  # where a name sits in a row
    for code, pattern in enumerate(orders):
        place[code, pattern] = np.arange(len(pattern))
    sizes = np.fromiter(map(len, orders), np.int64, len(orders))[order]
    starts = np.zeros(n, np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    flat = np.fromiter(chain.from_iterable(map(dict.values, records)), object, int(sizes.sum()))
    columns = []
    for j in range(len(names)):
        at = place[order, j]
        if place[:, j].min() >= 0:
            codes, values = encoded_column(flat[starts + at])
        else:
            rows = at >= 0
            coded, values = encoded_column(flat[starts[rows] + at[rows]])
            codes = np.full(n, -1, np.int32)
            codes[rows] = coded
        columns.append((codes, values))
    arrays[f"{prefix}.names"] = json_array(list(names))
    for j, (codes, values) in enumerate(columns):
        arrays[f"{prefix}.{j}.codes"] = codes
        arrays[f"{prefix}.{j}.values"] = json_array(values)
    arrays[f"{prefix}.orders"] = json_array(orders)
    arrays[f"{prefix}.order"] = order


def checked_codes(codes, size: int, rows: int, *, absent: bool = False) -> np.ndarray:
    """``codes`` when it is ``rows`` int codes into ``size`` values (-1 too
    with ``absent``); else :class:`DamagedEntry`."""
    if codes.ndim != 1 or codes.shape[0] != rows or codes.dtype.kind != "i":
        raise DamagedEntry("a column of the wrong length")
    if rows and (int(codes.max()) >= size or int(codes.min()) < (-1 if absent else 0)):
        raise DamagedEntry("a code outside its values")
    return codes


class Records:
    """The attribute dicts :func:`encode_records` stored, read and checked:
    :meth:`make` makes them and cannot fail.

    Raises
    ------
    DamagedEntry
        If the columns do not fit together (a row lacking an attribute its
        key order names, a code outside its values, a column too short).
    """

    def __init__(self, arrays: dict, prefix: str, rows: int):
        names = from_json_array(arrays[f"{prefix}.names"])
        orders = from_json_array(arrays[f"{prefix}.orders"])
        if not (isinstance(names, list) and all(isinstance(n, str) for n in names)
                and len(set(names)) == len(names) and isinstance(orders, list)):
            raise DamagedEntry("attribute names")
        for pattern in orders:
            if (not isinstance(pattern, list) or len(set(pattern)) != len(pattern)
                    or not all(type(j) is int and 0 <= j < len(names) for j in pattern)):
                raise DamagedEntry("attribute orders")
        order = checked_codes(arrays[f"{prefix}.order"], len(orders), rows)
        values, codes = [], []
        for j in range(len(names)):
            found = from_json_array(arrays[f"{prefix}.{j}.values"])
            if not isinstance(found, list):
                raise DamagedEntry("attribute values")
            values.append(found)
            codes.append(checked_codes(arrays[f"{prefix}.{j}.codes"], len(found), rows,
                                       absent=True))
        present = np.zeros((len(orders), len(names)), bool)
        for code, pattern in enumerate(orders):
            present[code, pattern] = True
        for j in range(len(names)):  # each row has exactly the attributes its order names
            if not np.array_equal(codes[j] >= 0, present[order, j]):
                raise DamagedEntry("attributes missing from a row")
        self.rows, self._names, self._orders = rows, names, orders
        self._order, self._values, self._codes = order, values, codes

    def make(self) -> list:
        """The dicts, in row order (equal values shared, as the graph had them)."""
        out = [None] * self.rows
        names, values, codes = self._names, self._values, self._codes
        for code, pattern in enumerate(self._orders):
            at = np.flatnonzero(self._order == code)
            made = [{} for _ in range(at.shape[0])]
            for j in pattern:  # column by column: the fastest way to fill many small dicts
                name = names[j]
                for record, value in zip(made, _pick(values[j], codes[j][at])):
                    record[name] = value
            if len(self._orders) == 1:
                return made
            for i, record in zip(at.tolist(), made):
                out[i] = record
        return out


def graph_tables(G: nx.MultiDiGraph, arrays: dict, *, leave_out=()) -> None:
    """Put the graph ``G`` into ``arrays`` as the tables described above
    (its ``graph`` dict without the keys ``leave_out``).

    Raises
    ------
    NotStorable
        If an id, key or attribute cannot be stored exactly.
    """
    with gc_paused():  # many lists and tuples, none in a cycle
        _graph_tables(G, arrays, leave_out)


def _graph_tables(G: nx.MultiDiGraph, arrays: dict, leave_out) -> None:
    nodes = list(G._node)
    number = _NodeNumbers(nodes)
    arrays["nodes.id"] = json_array(nodes)
    encode_records(list(G._node.values()), arrays, "nodes")
    # The ties as networkx lists them: by source, then target, then key.
    neighbours = list(G._succ.values())
    keyed = list(chain.from_iterable(map(dict.values, neighbours)))  # one dict per pair
    per_pair = np.fromiter(map(len, keyed), np.int64, len(keyed))
    pair_source = np.repeat(number(list(G._succ)),
                            np.fromiter(map(len, neighbours), np.int64, len(neighbours)))
    pair_target = number(list(chain.from_iterable(neighbours)))
    arrays["edges.source"] = np.repeat(pair_source, per_pair)
    arrays["edges.target"] = np.repeat(pair_target, per_pair)
    arrays["edges.key"] = json_array(list(chain.from_iterable(keyed)))
    encode_records(list(chain.from_iterable(map(dict.values, keyed))), arrays, "edges")
    found = list(map(G._pred.__getitem__, nodes))
    arrays["pred.count"] = np.fromiter(map(len, found), np.int32, len(nodes))
    arrays["pred.source"] = number(list(chain.from_iterable(found)))
    arrays["graph"] = json_array({k: v for k, v in G.graph.items() if k not in leave_out})


class _NodeNumbers:
    """The row numbers of nodes: ``index[node]`` for each node in a list, at
    array speed for the nodes that are the graph's own key objects (most are:
    networkx keeps the objects it was given), by lookup for the others."""

    def __init__(self, nodes: list):
        import pandas as pd  # loaded by then: only a network read from its files is stored

        self._index = dict(zip(nodes, range(len(nodes))))
        self._ids = pd.Index(np.fromiter(map(id, nodes), np.int64, len(nodes)))

    def __call__(self, found: list) -> np.ndarray:
        """``[index[node] for node in found]`` as int32 (``KeyError`` for a stranger)."""
        # The very object: its number (the ids of objects alive together differ).
        numbers = self._ids.get_indexer(np.fromiter(map(id, found), np.int64, len(found)))
        numbers = numbers.astype(np.int32)
        others = numbers < 0
        if others.any():
            rest = list(compress(found, others.tolist()))
            numbers[others] = np.fromiter(map(self._index.__getitem__, rest), np.int32, len(rest))
        return numbers


class GraphTables:
    """The tables :func:`graph_tables` stored, read and checked before
    anything is made: :meth:`make` makes the graph and cannot fail.

    Raises
    ------
    DamagedEntry
        If the tables do not fit together.
    """

    def __init__(self, arrays: dict):
        nodes = from_json_array(arrays["nodes.id"])
        keys = from_json_array(arrays["edges.key"])
        attrs = from_json_array(arrays["graph"])
        if not (isinstance(nodes, list) and isinstance(keys, list) and isinstance(attrs, dict)):
            raise DamagedEntry("the graph's tables")
        n, m = len(nodes), len(keys)
        if not set(map(type, nodes)) | set(map(type, keys)) <= {str, int}:
            raise DamagedEntry("an id or key that is neither text nor a number")
        if len(set(nodes)) != n:
            raise DamagedEntry("a node twice")
        source = checked_codes(arrays["edges.source"], n, m).astype(np.int64)
        target = checked_codes(arrays["edges.target"], n, m).astype(np.int64)
        counts = checked_codes(arrays["pred.count"], n + 1, n)
        preds = checked_codes(arrays["pred.source"], n, int(counts.sum()) if n else 0)
        # The ties come as networkx lists them: by source in node order, and the
        # ties between two nodes together (one run per pair).
        pair = source * max(n, 1) + target
        first = np.ones(m, bool)
        first[1:] = pair[1:] != pair[:-1]
        starts = np.flatnonzero(first)
        runs = pair[starts]
        order = np.argsort(runs, kind="stable")
        if (m and np.any(np.diff(source) < 0)) or not _distinct(runs[order]):
            raise DamagedEntry("ties out of order")
        # The predecessors: per node, each node with a tie into it, once; as
        # positions of the pair runs.
        listed = preds.astype(np.int64) * max(n, 1) + np.repeat(np.arange(n), counts)
        if listed.shape[0] != runs.shape[0]:
            raise DamagedEntry("predecessors and ties do not match")
        at = order[np.minimum(np.searchsorted(runs, listed, sorter=order), max(len(runs) - 1, 0))]
        if len(runs) and not np.array_equal(runs[at], listed) or not _distinct(np.sort(listed)):
            raise DamagedEntry("predecessors and ties do not match")
        self._nodes, self._keys, self._attrs = nodes, keys, attrs
        self._source, self._target, self._starts = source, target, starts
        self._counts, self._preds, self._pred_pairs = counts, preds, at
        self._node_data = Records(arrays, "nodes", n)
        self._edge_data = Records(arrays, "edges", m)

    def make(self, **graph_attributes) -> nx.MultiDiGraph:
        """The graph, with ``graph_attributes`` added to its ``graph`` dict."""
        nodes, keys, starts = self._nodes, self._keys, self._starts
        m = len(keys)
        G = nx.MultiDiGraph()
        G.graph.update(self._attrs, **graph_attributes)
        G._node = dict(zip(nodes, self._node_data.make()))
        data = self._edge_data.make()
        # One dict of keyed ties per pair of nodes, then one of those per source.
        if len(starts) == m:
            keyed = [{k: d} for k, d in zip(keys, data)]
        else:
            ends = [*starts[1:].tolist(), m]
            keyed = [dict(zip(keys[a:b], data[a:b])) for a, b in zip(starts.tolist(), ends)]
        succ = {n: {} for n in nodes}
        for u, v, ties in zip(_pick(nodes, self._source[starts]), _pick(nodes, self._target[starts]),
                              keyed):
            succ[u][v] = ties
        G._adj = G._succ = succ  # as networkx makes them: one dict
        # The predecessors, in their own order, sharing the keyed dicts (as networkx does).
        pred = {n: {} for n in nodes}
        for v, u, ties in zip(_pick(nodes, np.repeat(np.arange(len(nodes)), self._counts)),
                              _pick(nodes, self._preds), _pick(keyed, self._pred_pairs)):
            pred[v][u] = ties
        G._pred = pred
        return G


def _distinct(ordered) -> bool:
    """Whether the sorted array ``ordered`` holds each value once."""
    return not np.any(ordered[1:] == ordered[:-1])


def _pick(items: list, at) -> list:
    """``[items[i] for i in at]`` at C speed (the items themselves, not copies)."""
    table = np.fromiter(items, object, count=len(items))  # a list stays one item
    return table[np.asarray(at, np.int64)].tolist()


def graph_from_tables(arrays: dict, **graph_attributes) -> nx.MultiDiGraph:
    """The graph :func:`graph_tables` stored (see :class:`GraphTables`)."""
    return GraphTables(arrays).make(**graph_attributes)
