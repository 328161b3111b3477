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
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field

from actornet.graph.gc_pause import gc_paused
from actornet.graph.errors import StoreError, UsageError
from actornet.graph.network import ActorNetwork
from actornet.loaders import cypher
from actornet.loaders.store_batches import (TRANSACTION_TIMEOUT, remove_stale, run_read,
                                            run_write, tie_constraints, write_node_batch,
                                            write_tie_batch)
from actornet.loaders.store_read import read_dataset_records, read_network
from actornet.loaders.store_rows import check_id, node_rows, plan_batches, tie_rows

__all__ = ["LoadSummary", "write_network", "read_network",
           "list_datasets", "DEFAULT_BATCH_SIZE", "store_errors", "store_counts"]

#: Rows per transaction. Chosen from benchmarks/load.py: on the test server
#: (ArcadeDB's Bolt plugin) 1k–5k rows per transaction were fastest; Neo4j's
#: own guidance for UNWIND batches is 1k–10k.
DEFAULT_BATCH_SIZE = 5000



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
    #: batches not sent: the store held them from the last load of the dataset
    batches_skipped: int = 0
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

# -- writing ------------------------------------------------------------------

def store_counts(session, dataset) -> tuple[dict, dict]:
    """Nodes per label and ties per type that the store holds for ``dataset``."""
    labels = {r["label"]: r["count"] for r in run_read(session, cypher.COUNT_DATASET_LABELS,
                                                       dataset=dataset)}
    types = {r["type"]: r["count"] for r in run_read(session, cypher.COUNT_DATASET_TIE_TYPES,
                                                     dataset=dataset)}
    return labels, types


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def write_network(driver, network: ActorNetwork, *, database: str | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE, replace: bool = False,
                  dataset: str | None = None, progress=None, verify: bool = True) -> LoadSummary:
    """Write ``network`` into the Neo4j store behind ``driver``.

    First the uniqueness constraints (``IF NOT EXISTS``) on ``:Actor(id)``
    and on each tie type's ``id``; then the dataset's record is marked
    ``loading``; then the nodes, then the ties, in batches of ``batch_size``
    rows, each an ``UNWIND $rows …`` in its own retried write transaction.
    A batch whose digest the record holds from the last load (the same rows,
    already in the store) is not sent again; in the others, nodes are created
    where missing and updated where their properties changed, ties created
    (a first load) or merged. With ``replace``, every batch is written with
    exactly its properties, and then what the dataset held but the new data
    has not is removed. Afterwards the counts per label and per relationship
    type are read back and compared with what was sent, the store is checked
    for duplicate ids, and the record is written ``complete``, last. A load
    or replace that stopped part-way leaves the record ``loading``: readers
    refuse the dataset, naming it, until the same load is run again.

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
        Rewrite the dataset: properties set exactly, and what the earlier
        load wrote that this network lacks removed (unless another dataset
        holds it).
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
    UsageError
        If ``batch_size`` is not positive.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise UsageError("batch_size must be a positive integer")
    dataset = dataset or network.name
    check_id(dataset, "the dataset name")
    started = time.perf_counter()
    with gc_paused():  # every row checked (ids, sizes) before anything is sent
        nodes, ties = node_rows(network), tie_rows(network)
        plan = plan_batches(nodes, ties, dataset, batch_size)
    total = sum(len(batch.rows) for batch in plan)
    tally = Counter()
    deleted = {"ties": 0, "nodes": 0}
    with store_errors(doing="loading"), driver.session(database=database) as session, \
            _part_way(dataset, tally, total, replace):
        run_write(session, cypher.CREATE_ACTOR_ID_CONSTRAINT)
        constrained = tie_constraints(session)
        previous = read_dataset_records(session, dataset)
        repeat = bool(previous)
        known = set() if replace or not previous else set(previous[0].get("batches") or ())
        known &= {batch.digest for batch in plan}
        run_write(session, cypher.MARK_DATASET_LOADING, dataset=dataset, replace=replace,
                  batches=sorted(known), started=_now())
        tally["marked"] = 1
        if progress is not None:
            progress(0, total)
        for batch in plan:
            if batch.digest not in known:
                _write_batch(session, batch, dataset, tally, repeat=repeat, replace=replace,
                             constrained=constrained)
            tally["batches"] += 1
            tally["done"] += len(batch.rows)
            if progress is not None:
                progress(tally["done"], total)
        if replace:
            deleted = remove_stale(
                session, dataset, {row["id"] for rows in nodes.values() for row, _ in rows},
                {row["id"] for rows in ties.values() for row, _ in rows}, batch_size)
        labels, types = store_counts(session, dataset)
        duplicates = run_read(session, cypher.COUNT_DUPLICATE_IDS)[0]["duplicates"]
        run_write(session, cypher.MERGE_DATASET, dataset=dataset, props={
            "state": "complete", "themes": [t.id for t in network.themes],
            "home": network.stated_home, "nodes": network.graph.number_of_nodes(),
            "ties": network.graph.number_of_edges(), "batch_size": batch_size,
            "batches": [batch.digest for batch in plan], "loaded_at": _now(),
            # new on every completed load: what a reader's warm cache is keyed by
            "load_id": secrets.token_hex(16)})
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
                       ties_sent=network.graph.number_of_edges(),
                       nodes_created=tally["nodes"], ties_created=tally["ties"],
                       properties_set=tally["properties"], nodes_deleted=deleted["nodes"],
                       ties_deleted=deleted["ties"], batches=tally["batches"],
                       batches_skipped=tally["batches"] - tally["written"],
                       batch_size=batch_size, seconds=time.perf_counter() - started,
                       labels=labels, tie_types=types, duplicates=duplicates)


def _write_batch(session, batch, dataset, tally, *, repeat, replace, constrained):
    if batch.kind is not None:
        created, properties = write_node_batch(session, batch, dataset, repeat=repeat,
                                               replace=replace)
        tally["nodes"] += created
    else:
        created, properties = write_tie_batch(session, batch, dataset, repeat=repeat,
                                              replace=replace, constrained=constrained)
        tally["ties"] += created
    tally["properties"] += properties
    tally["written"] += 1


class _part_way:
    """Context manager: a load that fails after some batches were committed says
    what the store now holds and how to finish it."""

    def __init__(self, dataset, tally, total, replace):
        self.dataset, self.tally, self.total, self.replace = dataset, tally, total, replace

    def __exit__(self, kind, err, tb):
        if err is None or not self.tally["marked"]:
            return False
        import neo4j.exceptions as nx_errors

        if isinstance(err, StoreError):
            cause = str(err)
        elif isinstance(err, (nx_errors.Neo4jError, nx_errors.DriverError, ConnectionError)):
            cause = str(store_error(err, doing="loading"))
        else:
            return False
        done = self.tally["done"]
        again = "actornet load … " + ("--replace " if self.replace else "") + \
            f"--dataset {self.dataset}"
        error = type(err) if isinstance(err, StoreError) else StoreError
        raise error(
            f"{cause}. {done:,} of {self.total:,} rows of dataset {self.dataset} were written "
            f"before it stopped, and the dataset is marked incomplete: run `{again}` again "
            "to complete it (rows already written are written once)") from err

    def __enter__(self):
        return self


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
        return read_dataset_records(session)
