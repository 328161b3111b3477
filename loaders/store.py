"""A network in Neo4j: a batched, idempotent writer and a reader.

The driver is passed in (see :class:`~actornet.loaders.settings.Neo4jSettings` for
making one); every statement comes from :mod:`actornet.loaders.cypher`. Writes are
``UNWIND $rows … MERGE`` batches run through ``session.execute_write``, so
the driver retries a batch on a transient error and a batch is all or
nothing. Because every batch is a MERGE on a unique key, a load that stopped
part-way is finished by loading again, and a second load of the same data
creates nothing.

The store's model: every node is an ``:Actor`` with its kind's label
(``:Actor:City``, ``:Actor:Project``, ``:Actor:Theme`` …) and the properties
of the network's node plus ``id`` and ``datasets``; every tie is a
relationship of its type with ``id`` (the tie id) and ``datasets``. ``id`` is
unique across the store (a constraint), so two datasets that share an id
share that node; ``datasets`` lists the loads (by dataset name, default the
network's name) that wrote a node or tie, for ``replace`` (which removes
what no other dataset holds) and for reading one dataset back.
"""

from __future__ import annotations

import datetime as _dt
import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from numbers import Integral, Real

from actornet.graph._gc import gc_paused
from actornet.graph.errors import KindConflict, StoreError, UsageError
from actornet.graph.limits import MAX_CELL_CHARS
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Kind, TieType
from actornet.loaders import cypher
from actornet.loaders.store_read import RESERVED as _RESERVED
from actornet.loaders.store_read import read_network

__all__ = ["LoadSummary", "write_network", "read_network",
           "list_datasets", "DEFAULT_BATCH_SIZE", "store_errors"]

#: Rows per transaction. Chosen from benchmarks/load.py: on the test server
#: (ArcadeDB's Bolt plugin) 1k–5k rows per transaction were fastest; Neo4j's
#: own guidance for UNWIND batches is 1k–10k.
DEFAULT_BATCH_SIZE = 5000

#: The largest Bolt message a server takes (ArcadeDB's and Neo4j's default:
#: 16 MiB). A row that cannot fit is refused before anything is sent.
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
#: The packed size a batch is cut at: half a message, so the query text, the
#: second step of a node batch and PackStream's overhead always fit.
MAX_BATCH_BYTES = MAX_MESSAGE_BYTES // 2
#: Seconds the server may spend on one transaction before it stops it.
TRANSACTION_TIMEOUT = 300.0


@dataclass(frozen=True)
class LoadSummary:
    """What a load did, and what the store holds for the dataset afterwards.

    ``created_*`` count what this load added: zero for a repeated load of
    the same data. ``labels`` and ``tie_types`` are read back from the store
    after the load and equal what was sent (else the load raises).
    """

    dataset: str
    database: str | None
    nodes_sent: int
    ties_sent: int
    nodes_created: int
    ties_created: int
    properties_set: int
    nodes_deleted: int = 0
    ties_deleted: int = 0
    batches: int = 0
    batch_size: int = DEFAULT_BATCH_SIZE
    seconds: float = 0.0
    labels: dict = field(default_factory=dict)
    tie_types: dict = field(default_factory=dict)
    duplicates: int = 0

    @property
    def rows_sent(self) -> int:
        return self.nodes_sent + self.ties_sent

    @property
    def rows_per_second(self) -> float:
        return self.rows_sent / self.seconds if self.seconds > 0 else float("nan")

    @property
    def unchanged(self) -> bool:
        """True when the load created and deleted nothing."""
        return not (self.nodes_created or self.ties_created or self.nodes_deleted
                    or self.ties_deleted)

    def to_dict(self) -> dict:
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out["rows_per_second"] = round(self.rows_per_second, 1) if self.seconds > 0 else None
        return out


# -- errors -------------------------------------------------------------------

def store_error(err, *, doing: str = "talking to the server") -> StoreError:
    """A :class:`StoreError` for a driver exception, never quoting the server.

    The server's own message can quote query values, so only its status code
    is kept.
    """
    import neo4j.exceptions as nx_errors

    if isinstance(err, nx_errors.AuthError):
        reason = ("the server refused the user name or password; check NEO4J_USERNAME "
                  "and NEO4J_PASSWORD (not retried: servers lock accounts after repeated "
                  "failures)")
    elif isinstance(err, (nx_errors.ServiceUnavailable, nx_errors.SessionExpired,
                          ConnectionError, OSError)):
        reason = "the server could not be reached or the connection was lost"
    elif isinstance(err, nx_errors.ConstraintError):
        reason = ("the store already holds an id of this network under another kind "
                  "(load with --replace to rewrite the dataset)")
    elif isinstance(err, nx_errors.Neo4jError) and err.code and "TimedOut" in err.code:
        reason = (f"a transaction ran longer than {TRANSACTION_TIMEOUT:g} s and the server "
                  "stopped it")
    elif isinstance(err, nx_errors.Neo4jError) and err.code and "DatabaseNotFound" in err.code:
        reason = "the database does not exist on this server (check NEO4J_DATABASE)"
    elif isinstance(err, nx_errors.Neo4jError):
        reason = f"the server refused a statement ({err.code or type(err).__name__})"
    else:
        reason = f"the driver failed ({type(err).__name__})"
    return StoreError(f"{reason}, while {doing}")


class store_errors:
    """Context manager: driver exceptions become :class:`StoreError`.

    ``where`` (e.g. ``bolt://host:7687``, never credentials) prefixes the
    message.
    """

    def __init__(self, where: str | None = None, doing: str = "talking to the server"):
        self.where, self.doing = where, doing

    def __enter__(self):
        return self

    def __exit__(self, kind, err, tb):
        if err is None or isinstance(err, StoreError):
            if isinstance(err, StoreError) and self.where and not str(err).startswith(self.where):
                raise StoreError(f"{self.where}: {err}") from err.__cause__ or err
            return False
        import neo4j.exceptions as nx_errors

        if isinstance(err, (nx_errors.Neo4jError, nx_errors.DriverError, ConnectionError)):
            error = store_error(err, doing=self.doing)
            if self.where:
                error = StoreError(f"{self.where}: {error}")
            raise error from err
        return False


# -- values -------------------------------------------------------------------

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


def _check_id(value, what):
    if isinstance(value, str) and value.startswith("$"):
        raise StoreError(f"{what} begins with $, which some Bolt servers (ArcadeDB) read as a "
                         "query parameter; rename it. Nothing was loaded")


def _node_batches(network: ActorNetwork, dataset: str):
    by_kind = defaultdict(list)
    for order, (node, data) in enumerate(network.graph.nodes(data=True)):
        kind = Kind(data["kind"])
        what = f"the {kind.value} with id {node!r}"
        _check_id(node, what)
        props = _props(data, what=f"node {len(by_kind[kind])} of kind {kind.value}")
        props["load_order"] = order
        row = {"id": node, "props": props}
        size = packed_size(row)
        _check_row_size(row, size, what)
        by_kind[kind].append((row, size))
    return by_kind


def _tie_batches(network: ActorNetwork, dataset: str):
    by_type = defaultdict(list)
    for order, (source, target, key, data) in enumerate(network.graph.edges(keys=True,
                                                                             data=True)):
        tie_type = TieType(data["type"])
        what = f"the {tie_type.value} tie with id {key!r}"
        _check_id(key, what)
        props = _props(data, drop=("type",), what=f"a {tie_type.value} tie")
        props["load_order"] = order
        row = {"source": source, "target": target, "id": key, "props": props}
        size = packed_size(row)
        _check_row_size(row, size, what)
        by_type[tie_type].append((row, size))
    return by_type


def _chunks(rows, size, max_bytes=MAX_BATCH_BYTES):
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


# -- writing ------------------------------------------------------------------

def _write_nodes(tx, create_query, update_query, rows, dataset):
    result = tx.run(create_query, rows=rows, dataset=dataset)
    created = set(result.single()["created"])
    properties = result.consume().counters.properties_set
    existing = [row for row in rows if row["id"] not in created]
    if existing:
        result = tx.run(update_query, rows=existing, dataset=dataset)
        other_kind = result.single()["other_kind"]
        properties += result.consume().counters.properties_set
        if other_kind:
            # raised inside the transaction, so the batch is rolled back
            raise KindConflict(f"{other_kind} id{'s' if other_kind != 1 else ''} of this network "
                               "are stored under another kind; load with --replace to rewrite "
                               "the dataset")
    return len(created), 0, properties


def _write_ties(tx, query, rows, dataset):
    counters = tx.run(query, rows=rows, dataset=dataset).consume().counters
    return 0, counters.relationships_created, counters.properties_set


#: Attempts of a batch that meets a uniqueness violation (see _retrying).
CONSTRAINT_ATTEMPTS = 4


def _retrying(session, work, *args):
    """Run one batch; retry it when a concurrent load created the same id first.

    Neo4j serialises concurrent writes of a unique key, so there this never
    triggers. ArcadeDB (the test server) lets both transactions try and fails
    the later one with a constraint violation instead; running the batch
    again then finds what the other load committed. A real conflict fails on
    every attempt and is raised.
    """
    import neo4j.exceptions as nx_errors

    for attempt in range(CONSTRAINT_ATTEMPTS):
        try:
            return session.execute_write(_timed(work), *args)
        except nx_errors.ConstraintError:
            if attempt == CONSTRAINT_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _tie_constraints(session) -> bool:
    """Create the uniqueness constraint on each tie type's id; False if the
    server cannot (Neo4j before 5.7), and ties are then always merged."""
    import neo4j.exceptions as nx_errors

    try:
        for tie_type in TieType:
            _run_write(session, cypher.render(cypher.CREATE_TIE_ID_CONSTRAINT, tie_type=tie_type))
    except nx_errors.ClientError:
        return False
    return True


def _write_tie_batch(session, create_query, merge_query, rows, dataset, constrained):
    """CREATE a batch of ties where the constraint makes that safe, else MERGE it."""
    import neo4j.exceptions as nx_errors

    if constrained:
        try:
            return session.execute_write(_timed(_write_ties), create_query, rows, dataset)
        except nx_errors.ConstraintError:
            pass  # some of these ties exist already (a repeated or resumed load)
    return _retrying(session, _write_ties, merge_query, rows, dataset)


def _timed(work):
    """``work`` as a unit of work the server stops after :data:`TRANSACTION_TIMEOUT`."""
    import neo4j

    return neo4j.unit_of_work(timeout=TRANSACTION_TIMEOUT)(work)


def _run_write(session, query, **params):
    def work(tx):
        return list(tx.run(query, **params))
    return session.execute_write(_timed(work))


def _run_read(session, query, **params):
    def work(tx):
        return [record.data() for record in tx.run(query, **params)]
    return session.execute_read(_timed(work))


def _delete_dataset(session, dataset, limit):
    for query in (cypher.RELEASE_DATASET_TIES, cypher.RELEASE_DATASET_NODES):
        while True:
            records = _run_write(session, query, dataset=dataset, limit=limit)
            if not records or records[0]["released"] == 0:
                break
    deleted = {"ties": 0, "nodes": 0}
    for name, query in (("ties", cypher.DELETE_UNHELD_TIES), ("nodes", cypher.DELETE_UNHELD_NODES)):
        while True:
            records = _run_write(session, query, limit=limit)
            count = records[0]["deleted"] if records else 0
            deleted[name] += count
            if count == 0:
                break
    _run_write(session, cypher.DELETE_DATASET_RECORD, dataset=dataset)
    return deleted


def store_counts(session, dataset) -> tuple[dict, dict]:
    """Nodes per label and ties per type that the store holds for ``dataset``."""
    labels = {r["label"]: r["count"] for r in _run_read(session, cypher.COUNT_DATASET_LABELS,
                                                        dataset=dataset)}
    types = {r["type"]: r["count"] for r in _run_read(session, cypher.COUNT_DATASET_TIE_TYPES,
                                                      dataset=dataset)}
    return labels, types


def write_network(driver, network: ActorNetwork, *, database: str | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE, replace: bool = False,
                  dataset: str | None = None, progress=None, verify: bool = True) -> LoadSummary:
    """Write ``network`` into the Neo4j store behind ``driver``.

    First the uniqueness constraints (``IF NOT EXISTS``) on ``:Actor(id)``
    and on each tie type's ``id``, then the nodes, then the ties, in batches
    of ``batch_size`` rows, each an ``UNWIND $rows …`` in its own retried
    write transaction: nodes are created where missing and updated where
    present; a batch of ties is created, or merged if any of it exists.
    Afterwards the counts per label and per relationship type are read back
    and compared with what was sent, and the store is checked for duplicate
    ids.

    Parameters
    ----------
    driver : neo4j.Driver
        An open driver; the caller closes it.
    network : ActorNetwork
        Not changed.
    database : str, optional
        The database; default: the server's default database.
    batch_size : int
        Rows per transaction (default :data:`DEFAULT_BATCH_SIZE`).
    replace : bool
        First delete what an earlier load of this dataset wrote.
    dataset : str, optional
        The name marking this load's nodes and ties; default ``network.name``.
    progress : callable, optional
        ``progress(rows_done, rows_total)`` after each batch.
    verify : bool
        Compare the counts read back with what was sent (default). Turn it
        off only when other loads of the same dataset run at the same time.

    Returns
    -------
    LoadSummary

    Raises
    ------
    StoreError
        If the server cannot be reached, refuses the credentials or a
        statement, or the counts read back differ from what was sent. A load
        that failed part-way is completed by running it again.
    ValueError
        If ``batch_size`` is not positive.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise UsageError("batch_size must be a positive integer")
    dataset = dataset or network.name
    _check_id(dataset, "the dataset name")
    started = time.perf_counter()
    with gc_paused():  # every row checked (ids, sizes) before anything is sent
        nodes = _node_batches(network, dataset)
        ties = _tie_batches(network, dataset)
    total = sum(map(len, nodes.values())) + sum(map(len, ties.values()))
    created_nodes = created_ties = properties = batches = done = 0
    deleted = {"ties": 0, "nodes": 0}
    with store_errors(doing="loading"), driver.session(database=database) as session, \
            _part_way(dataset, lambda: done, total):
        _run_write(session, cypher.CREATE_ACTOR_ID_CONSTRAINT)
        if replace:
            deleted = _delete_dataset(session, dataset, batch_size)
        if progress is not None:
            progress(0, total)
        constrained = _tie_constraints(session)

        def advance(rows):
            nonlocal batches, done
            batches += 1
            done += len(rows)
            if progress is not None:
                progress(done, total)

        for kind, rows in nodes.items():
            create = cypher.render(cypher.CREATE_NEW_NODES, label=kind)
            update = cypher.render(cypher.UPDATE_NODES, label=kind)
            for batch in _chunks(rows, batch_size):
                n, _, p = _retrying(session, _write_nodes, create, update, batch, dataset)
                created_nodes, properties = created_nodes + n, properties + p
                advance(batch)
        for tie_type, rows in ties.items():
            create = cypher.render(cypher.CREATE_TIES, tie_type=tie_type)
            merge = cypher.render(cypher.MERGE_TIES, tie_type=tie_type)
            for batch in _chunks(rows, batch_size):
                _, r, p = _write_tie_batch(session, create, merge, batch, dataset, constrained)
                created_ties, properties = created_ties + r, properties + p
                advance(batch)
        _run_write(session, cypher.MERGE_DATASET, dataset=dataset, props={
            "themes": [t.id for t in network.themes], "home": network.stated_home,
            "nodes": network.graph.number_of_nodes(), "ties": network.graph.number_of_edges(),
            "loaded_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")})
        labels, types = store_counts(session, dataset)
        duplicates = _run_read(session, cypher.COUNT_DUPLICATE_IDS)[0]["duplicates"]
    seconds = time.perf_counter() - started
    expected_labels = Counter({cypher.ACTOR_LABEL: network.graph.number_of_nodes()})
    expected_labels.update({kind.label: len(rows) for kind, rows in nodes.items()})
    expected_types = {t.value: len(rows) for t, rows in ties.items()}
    if verify:
        _verify(dict(expected_labels), labels, "nodes labelled")
        _verify(expected_types, types, "ties of type")
    if duplicates:
        raise StoreError(f"the store holds {duplicates} ids on more than one node; "
                         "the uniqueness constraint on :Actor(id) is missing or broken")
    return LoadSummary(dataset=dataset, database=database,
                       nodes_sent=network.graph.number_of_nodes(),
                       ties_sent=network.graph.number_of_edges(), nodes_created=created_nodes,
                       ties_created=created_ties, properties_set=properties,
                       nodes_deleted=deleted["nodes"], ties_deleted=deleted["ties"],
                       batches=batches, batch_size=batch_size, seconds=seconds,
                       labels=labels, tie_types=types, duplicates=duplicates)


class _part_way:
    """Context manager: a load that fails after some batches were committed says
    what the store now holds and how to finish or undo it."""

    def __init__(self, dataset, done, total):
        self.dataset, self.done, self.total = dataset, done, total

    def __enter__(self):
        return self

    def __exit__(self, kind, err, tb):
        done = self.done()
        if err is None or not done:
            return False
        import neo4j.exceptions as nx_errors

        if isinstance(err, StoreError):
            cause = str(err)
        elif isinstance(err, (nx_errors.Neo4jError, nx_errors.DriverError, ConnectionError)):
            cause = str(store_error(err, doing="loading"))
        else:
            return False
        error = type(err) if isinstance(err, StoreError) else StoreError
        raise error(
            f"{cause}. The store holds part of this load: {done} of {self.total} rows of dataset "
            f"{self.dataset!r} were written. Run the same load again to finish it (a repeated "
            "load writes each row once), or load with --replace to rewrite the dataset from "
            "the start") from err


def _verify(expected: dict, found: dict, what: str) -> None:
    wrong = []
    for name in sorted(set(expected) | set(found)):
        sent, held = expected.get(name, 0), found.get(name, 0)
        if sent != held:
            wrong.append(f"{what} {name}: sent {sent}, the store holds {held}")
    if wrong:
        hint = (" (an earlier load of this dataset wrote more: load with --replace)"
                if any(found.get(n, 0) > expected.get(n, 0) for n in found) else "")
        raise StoreError("the load did not verify: " + "; ".join(wrong) + hint)


# -- reading ------------------------------------------------------------------

def list_datasets(driver, *, database: str | None = None) -> list[dict]:
    """The datasets in the store: name, nodes, ties, themes, when loaded."""
    with store_errors(doing="listing datasets"), driver.session(database=database) as session:
        return [{"name": r["name"], **r["props"]} for r in _run_read(session, cypher.READ_DATASET,
                                                                      dataset=None)]
