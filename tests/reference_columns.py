"""The reference of the cache's column tables, as they were made before issue 23.

:func:`graph_tables` (with :func:`encode_records`, :func:`json_array`,
``_same`` and ``_key``) and :func:`projection_arrays` (with
``_exact_numbers``) as they were in :mod:`actornet.graph.columns` and
:mod:`actornet.graph.stored`, one row and one value at a time: the parity
tests (tests/graph/test_columns_parity.py) check that the package's
array-speed versions give exactly these arrays (the same names, dtypes,
shapes, values and JSON bytes) and refuse exactly the same inputs. This is
the only copy; the package has none.
"""

from __future__ import annotations

import json
import math

import networkx as nx
import numpy as np

from actornet.graph.errors import NotStorable
from actornet.graph.projection import ActorProjection

#: The arrays of a projection, by name and dtype (as in :mod:`actornet.graph.stored`).
_PROJECTION_ARRAYS = {"city": "int64", "tie_source": "int64", "tie_target": "int64",
                      "_tie_bit": "int64", "member_actor": "int64", "member_group": "int64",
                      "member_weight": "float64", "hubs": "int64", "indptr": "int64",
                      "indices": "int64", "rev": "int64", "flags": "int64",
                      "strength": "float64", "distance": "float64"}


def json_array(value) -> np.ndarray:
    """``value`` as UTF-8 JSON text in a ``uint8`` array; it must come back equal."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as err:
        raise NotStorable("a value JSON cannot hold") from err
    data = text.encode("utf-8", "surrogatepass")
    try:
        again = json.loads(data)
    except (ValueError, RecursionError) as err:  # pragma: no cover - json reads what it wrote
        raise NotStorable("a value JSON does not give back as it was") from err
    if not _same(again, value):
        raise NotStorable("a value JSON does not give back as it was")
    return np.frombuffer(data, np.uint8)


def _same(a, b) -> bool:
    """Equal and of the same types all the way down (1 is not 1.0 nor True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return (list(a) == list(b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and a == 0.0:
        return math.copysign(1.0, a) == math.copysign(1.0, b)
    return a == b


def _key(value):
    """A dictionary key telling apart values Python calls equal (1, 1.0, True)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is float and value == 0.0:
        return (kind, math.copysign(1.0, value))
    if kind in (int, float, bool) or value is None:
        return (kind, value)
    try:
        return ("json", json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError) as err:
        raise NotStorable("a value JSON cannot hold") from err


def encode_records(records, arrays: dict, prefix: str) -> None:
    """Put the attribute dicts ``records`` into ``arrays`` as columns named ``prefix.*``."""
    names, columns, distinct, values = {}, [], [], []
    orders, order_codes = {}, []
    n = len(records)
    for row, record in enumerate(records):
        pattern = []
        for name, value in record.items():
            j = names.get(name)
            if j is None:
                j = names[name] = len(columns)
                columns.append(np.full(n, -1, np.int32))
                distinct.append({})
                values.append([])
            key = _key(value)
            code = distinct[j].get(key)
            if code is None:
                code = distinct[j][key] = len(values[j])
                values[j].append(value)
            columns[j][row] = code
            pattern.append(j)
        pattern = tuple(pattern)
        code = orders.get(pattern)
        if code is None:
            code = orders[pattern] = len(orders)
        order_codes.append(code)
    arrays[f"{prefix}.names"] = json_array(list(names))
    for j, column in enumerate(columns):
        arrays[f"{prefix}.{j}.codes"] = column
        arrays[f"{prefix}.{j}.values"] = json_array(values[j])
    arrays[f"{prefix}.orders"] = json_array([list(p) for p in orders])
    arrays[f"{prefix}.order"] = np.asarray(order_codes, np.int32)


def graph_tables(G: nx.MultiDiGraph, arrays: dict, *, leave_out=()) -> None:
    """Put the graph ``G`` into ``arrays`` as column tables."""
    nodes = list(G._node)
    index = {n: i for i, n in enumerate(nodes)}
    arrays["nodes.id"] = json_array(nodes)
    encode_records(list(G._node.values()), arrays, "nodes")
    source, target, keys, data = [], [], [], []
    for u, neighbours in G._succ.items():
        iu = index[u]
        for v, keyed in neighbours.items():
            iv = index[v]
            for key, attributes in keyed.items():
                source.append(iu)
                target.append(iv)
                keys.append(key)
                data.append(attributes)
    arrays["edges.source"] = np.asarray(source, np.int32)
    arrays["edges.target"] = np.asarray(target, np.int32)
    arrays["edges.key"] = json_array(keys)
    encode_records(data, arrays, "edges")
    counts, preds = [], []
    for v in nodes:
        found = G._pred[v]
        counts.append(len(found))
        preds.extend(index[u] for u in found)
    arrays["pred.count"] = np.asarray(counts, np.int32)
    arrays["pred.source"] = np.asarray(preds, np.int32)
    arrays["graph"] = json_array({k: v for k, v in G.graph.items() if k not in leave_out})


def _exact_numbers(values, name) -> tuple:
    """Numbers as float64 and which of them are ints (so that 2 stays 2, not 2.0)."""
    floats = np.asarray(values, np.float64) if values else np.empty(0)
    kinds = set(map(type, values))
    if not kinds <= {int, float} or not all(float(v) == f for v, f in zip(values, floats.tolist())):
        raise NotStorable(f"{name} holds a value other than a number")
    ints = np.fromiter((type(v) is int for v in values), np.uint8, len(values))
    return floats, ints


def projection_arrays(P: ActorProjection, index: dict, arrays: dict, prefix: str) -> None:
    """Put the projection ``P`` into ``arrays`` under ``prefix``."""
    state = P.__dict__
    for name, dtype in _PROJECTION_ARRAYS.items():
        arrays[f"{prefix}.{name}"] = np.ascontiguousarray(state[name], dtype)
    arrays[f"{prefix}.nodes"] = np.fromiter(map(index.__getitem__, P.nodes), np.int32, P.n)
    arrays[f"{prefix}.groups"] = np.fromiter(map(index.__getitem__, P.groups), np.int32,
                                             len(P.groups))
    arrays[f"{prefix}.lists"] = json_array({
        "default_intensity": P.default_intensity, "kinds": P.kinds, "names": P.names,
        "cities": P.cities, "tie_ids": P.tie_ids,
        "declared": {t: sorted(found) for t, found in state["_declared_by_ties"].items()}})
    arrays[f"{prefix}.tie_weight"], arrays[f"{prefix}.tie_weight_int"] = _exact_numbers(
        state["_tie_weight"], "a tie weight")
    weights = [w for joined in state["_members"] for w in joined.values()]
    exact, ints = _exact_numbers(weights, "a participation")
    if not np.array_equal(exact, P.member_weight):
        raise NotStorable("the participations differ from the projection's")
    arrays[f"{prefix}.member_weight_int"] = ints
