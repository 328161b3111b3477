"""The rows a load sends to the store: checked, batched and fingerprinted.

Every node and tie becomes a row of plain values (what Neo4j can store) with
its ``load_order`` (its position in the network, so it is read back in the
same order); every row is checked before anything is sent (ids, sizes,
values). Rows are cut into batches per kind and tie type, and each batch has
a digest of what it writes, kept with the dataset's record so that a repeated
load sends only the batches that changed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from numbers import Integral, Real

from actornet.graph.errors import StoreError
from actornet.graph.limits import MAX_CELL_CHARS
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Kind, TieType
from actornet.loaders.store_read import RESERVED as _RESERVED

__all__ = ["node_rows", "tie_rows", "chunks", "check_id", "packed_size", "plan_batches",
           "Batch", "MAX_MESSAGE_BYTES", "MAX_BATCH_BYTES"]

#: The largest Bolt message a server takes (ArcadeDB's and Neo4j's default:
#: 16 MiB). A row that cannot fit is refused before anything is sent.
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
#: The packed size a batch is cut at: half a message, so the query text, the
#: second step of a node batch and PackStream's overhead always fit.
MAX_BATCH_BYTES = MAX_MESSAGE_BYTES // 2


def _plain(value, *, what):
    """A value Neo4j can store as a property, or None for "absent"."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        value = float(value)
        return None if math.isnan(value) else value
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value
    if isinstance(value, (list, tuple)):
        items = [_plain(v, what=what) for v in value]
        items = [v for v in items if v is not None]
        if len({type(v) for v in items}) > 1:
            raise StoreError(f"{what}: a list property mixes types, which Neo4j cannot store")
        return items
    if hasattr(value, "item"):  # numpy and pandas scalars
        return _plain(value.item(), what=what)
    raise StoreError(f"{what}: a property of type {type(value).__name__} cannot be stored "
                     "in Neo4j (use text, numbers or lists of them)")


def _props(data: dict, *, drop=(), what: str) -> dict:
    props = {}
    for key, value in data.items():
        if key in drop:
            continue
        if key in _RESERVED:
            raise StoreError(f"{what}: the property name {key!r} is reserved in the store")
        value = _plain(value, what=what)
        if value is not None and value != []:
            props[key] = value
    return props


def packed_size(value) -> int:
    """An upper bound on the bytes ``value`` takes in a Bolt message (PackStream).

    Linear in the value's size. Strings count their UTF-8 bytes plus a 5-byte
    header; numbers 9 bytes; lists and maps a 5-byte header plus their items.

    Examples
    --------
    >>> packed_size({"id": "b", "props": {"name": "Berlin", "since": 1993}})
    72
    """
    if isinstance(value, str):
        return 5 + len(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, dict):
        return 5 + sum(packed_size(k) + packed_size(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return 5 + sum(packed_size(v) for v in value)
    return 9


def _check_row_size(row, size, what):
    longest = max((len(v) for v in _texts(row["props"])), default=0)
    if longest > MAX_CELL_CHARS:
        raise StoreError(f"{what} has a value of {longest:,} characters, more than actornet "
                         f"reads back ({MAX_CELL_CHARS:,}); shorten it. Nothing was loaded")
    if size > MAX_MESSAGE_BYTES - 64 * 1024:
        raise StoreError(f"{what} is {size / 2**20:.1f} MiB when packed, more than a Bolt "
                         f"message holds ({MAX_MESSAGE_BYTES // 2**20} MiB); shorten its longest "
                         "values. Nothing was loaded")


def _texts(props):
    for value in props.values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


def check_id(value, what):
    if isinstance(value, str) and value.startswith("$"):
        raise StoreError(f"{what} begins with $, which some Bolt servers (ArcadeDB) read as a "
                         "query parameter; rename it. Nothing was loaded")


def node_rows(network: ActorNetwork) -> dict:
    """Kind -> the rows of its nodes, each a ``({"id", "props"}, packed size)`` pair,
    every row checked (ids, sizes, storable values) before anything is sent."""
    by_kind = defaultdict(list)
    for order, (node, data) in enumerate(network.graph.nodes(data=True)):
        kind = Kind(data["kind"])
        what = f"the {kind.value} with id {node!r}"
        check_id(node, what)
        props = _props(data, what=f"node {len(by_kind[kind])} of kind {kind.value}")
        props["load_order"] = order
        row = {"id": node, "props": props}
        size = packed_size(row)
        _check_row_size(row, size, what)
        by_kind[kind].append((row, size))
    return by_kind


def tie_rows(network: ActorNetwork) -> dict:
    """Tie type -> the rows of its ties, each a ``({"source", "target", "id",
    "props"}, packed size)`` pair, checked as :func:`node_rows` checks."""
    by_type = defaultdict(list)
    for order, (source, target, key, data) in enumerate(network.graph.edges(keys=True,
                                                                             data=True)):
        tie_type = TieType(data["type"])
        what = f"the {tie_type.value} tie with id {key!r}"
        check_id(key, what)
        props = _props(data, drop=("type",), what=f"a {tie_type.value} tie")
        props["load_order"] = order
        row = {"source": source, "target": target, "id": key, "props": props}
        size = packed_size(row)
        _check_row_size(row, size, what)
        by_type[tie_type].append((row, size))
    return by_type


def chunks(rows, size, max_bytes=MAX_BATCH_BYTES):
    """Batches of at most ``size`` rows and (but for a single big row) ``max_bytes``.

    ``rows`` are ``(row, packed size)`` pairs; the batches hold the rows.
    """
    batch, held = [], 0
    for row, nbytes in rows:
        if batch and (len(batch) >= size or held + nbytes > max_bytes):
            yield batch
            batch, held = [], 0
        batch.append(row)
        held += nbytes
    if batch:
        yield batch


@dataclass(frozen=True)
class Batch:
    """One transaction's rows: nodes of ``kind`` or ties of ``tie_type``."""

    rows: list
    digest: str
    kind: Kind | None = None
    tie_type: TieType | None = None


def _digest(what: str, dataset: str, rows) -> str:
    text = json.dumps([what, dataset, rows], sort_keys=True, ensure_ascii=False,
                      default=_json_default, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _json_default(value):
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return [type(value).__name__, value.isoformat()]
    raise TypeError(type(value).__name__)


def plan_batches(nodes: dict, ties: dict, dataset: str, batch_size: int) -> list[Batch]:
    """The batches of a load, nodes (per kind) first, then ties (per type),
    each with the digest of its rows (and the dataset it marks).

    Examples
    --------
    >>> rows = {Kind.CITY: [({"id": "b", "props": {"name": "B"}}, 30)]}
    >>> [batch] = plan_batches(rows, {}, "demo", 10)
    >>> batch.kind, batch.rows, len(batch.digest)
    (<Kind.CITY: 'city'>, [{'id': 'b', 'props': {'name': 'B'}}], 32)
    >>> batch.digest == plan_batches(rows, {}, "other", 10)[0].digest
    False
    """
    plan = []
    for kind, rows in nodes.items():
        for batch in chunks(rows, batch_size):
            plan.append(Batch(batch, _digest(kind.value, dataset, batch), kind=kind))
    for tie_type, rows in ties.items():
        for batch in chunks(rows, batch_size):
            plan.append(Batch(batch, _digest(tie_type.value, dataset, batch), tie_type=tie_type))
    return plan
