"""Reading a network back from the Neo4j store, into the tables a file gives.

The store is read one node label and one relationship type at a time, each
query in its own read transaction and session, ``READERS`` of them at once
(with a progress bar), never one transaction for the whole store. A store of
up to ``GROUPED_MAX_ROWS`` rows is asked for its rows ``GROUP_SIZE`` to a
record: the driver's work per record, not the server, is most of a
read-back's time; larger ones are streamed ``FETCH_SIZE`` records per round
trip. The rows are taken apart column by column (:class:`StoreParts`) and
become the input format's tables
(:func:`actornet.loaders.store_tables.store_tables`: actors, projects,
themes, ties, with an actor's plain BASED_IN tie as its ``city`` column, as
:func:`actornet.loaders.write.tables_of` writes them), which go through the
same builder as the files (:func:`actornet.graph.build.build_network`);
where every value is plain text, a number or a list of words, as a CSV
file's are, the tables are handed over as columns and take the builder's
column-wise path.

Nodes and ties come in the order they were loaded (``load_order``, written
by :func:`actornet.loaders.store.write_network`), so the network read back
is the network loaded, down to the order of its nodes and ties: every
analysis (seeded sampling and Leiden included) gives the same answer on the
store as on the files. Rows without a ``load_order`` (written by something
else) come after the others, by id.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from itertools import chain, compress, repeat
from numbers import Integral
from operator import itemgetter, le, methodcaller, setitem

from actornet.graph.gc_pause import gc_paused
from actornet.graph.build import build_network
from actornet.graph.errors import StoreError
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Kind, TieType
from actornet.graph.tables import NetworkTables
from actornet.loaders import cypher
from actornet.loaders.store_tables import StoreParts, store_tables

__all__ = ["read_network", "read_dataset_records", "check_complete", "store_state",
           "network_name", "RESERVED", "FETCH_SIZE"]

#: Property names the store keeps for itself (never a network's property).
RESERVED = ("id", "datasets", "load_order")
#: Rows per round trip while streaming.
FETCH_SIZE = 10_000
#: Rows per record when the rows come grouped (see GROUPED_MAX_ROWS).
GROUP_SIZE = 5_000
#: The most rows (nodes and ties, as the dataset records count them) a store
#: may hold for the reader to ask for them grouped, many to a record: the
#: server then holds one label's or one tie type's rows at once. Larger
#: stores (and stores whose records don't count their rows) are streamed one
#: row to a record.
GROUPED_MAX_ROWS = 1_000_000
#: Seconds a streaming read may take before the server stops it.
READ_TIMEOUT = 3600.0
#: Queries (a label's nodes, a tie type's ties) read at once, each in a
#: session and transaction of its own: the server matches one while the
#: rows of another are sent and taken apart.
READERS = 3


def read_dataset_records(session, dataset=None) -> list[dict]:
    """The dataset records (name and properties), newest load first."""
    def work(tx):
        return [{"name": r["name"], **r["props"]}
                for r in tx.run(cypher.READ_DATASET, dataset=dataset)]
    return session.execute_read(work)


def check_complete(records, dataset=None) -> None:
    """Raise :class:`StoreError` naming a dataset whose last load or replace
    did not finish (its record says so), and how to finish it."""
    for record in records:
        if record.get("state", "complete") != "complete":
            name = record["name"]
            raise StoreError(
                f"dataset {name} is incomplete: its last load was interrupted; run "
                f"`actornet load … --dataset {name}` again (with the same data and options) "
                "to complete it")


def expected_rows(records) -> int:
    """The nodes and ties the dataset ``records`` say their loads wrote."""
    return sum(int(r.get("nodes", 0)) + int(r.get("ties", 0)) for r in records)


def network_name(records, *, dataset=None, database=None) -> str:
    """The name of the network read back: the dataset's, else the newest
    dataset's, else the database's."""
    meta = records[0] if records else {}
    return dataset or meta.get("name") or database or "neo4j"


def stated_home(records) -> str | None:
    """The home city the loads stated, when they agree on one."""
    homes = {r.get("home") for r in records if r.get("home")}
    return homes.pop() if len(homes) == 1 else None


def store_state(driver, *, database=None, dataset=None):
    """What identifies the network the store holds, for a reader's warm cache.

    Returns ``(records, parts)``: the dataset records (checked complete, see
    :func:`check_complete`) and ``(name, value)`` pairs of text naming every
    dataset's ``load_id`` (new on every completed ``actornet load``) and the
    number of actors and ties the whole store holds. ``parts`` is None when
    the store can't be vouched for this way: a dataset written without a
    ``load_id`` (by an older actornet), or nothing loaded by actornet at all.

    Two cheap reads, never the network: the records and two counts. A change
    made to the store by anything other than ``actornet load`` that keeps
    both counts is not seen: read with ``--no-cache`` after one.
    """
    def work(tx):
        records = [{"name": r["name"], **r["props"]}
                   for r in tx.run(cypher.READ_DATASET, dataset=None)]
        actors = tx.run(cypher.COUNT_ACTORS).single()["count"]
        ties = tx.run(cypher.COUNT_TIES).single()["count"]
        return records, actors, ties

    with driver.session(database=database) as session:
        records, actors, ties = session.execute_read(work)
    mine = [r for r in records if dataset is None or r["name"] == dataset]
    check_complete(mine)
    if not mine or any(not isinstance(r.get("load_id"), str) for r in records):
        return mine, None
    parts = [("store:dataset", dataset or "")]
    parts += [(f"store:load:{r['name']}", r["load_id"]) for r in sorted(records, key=lambda r: r["name"])]
    parts += [("store:actors", str(actors)), ("store:ties", str(ties))]
    return mine, parts


def _stream(session, query, params, counted, stop, *, grouped=False):
    """Run ``query`` in one read transaction; its rows (``[id, props]`` or
    ``[source, target, props]``). ``counted(n)`` is told how many have come
    so far; once ``stop`` is set (another reader failed, or Ctrl-C), it stops
    at the next record and gives what it has, which no one reads. A
    ``grouped`` query returns a list of rows per record; otherwise each
    record (a tuple) is a row."""
    import neo4j

    @neo4j.unit_of_work(timeout=READ_TIMEOUT)
    def work(tx):
        rows = []
        for record in tx.run(query, **params):
            if stop.is_set():
                break
            if grouped:
                rows.extend(record[0])
            else:
                rows.append(record)  # a tuple already: kept as it comes
            if grouped or len(rows) % FETCH_SIZE == 0:
                counted(len(rows))
        counted(len(rows))
        return rows

    return session.execute_read(work)


def _run_readers(driver, database, jobs, progress, expected):
    """Each ``(query, params, grouped)`` of ``jobs`` in its own session and
    transaction, ``READERS`` at a time; their rows, in the order of ``jobs``.
    The progress is reported from this thread."""
    counts = [0] * len(jobs)
    stop = threading.Event()

    def read(i):
        query, params, grouped = jobs[i]

        def counted(n):
            counts[i] = n  # one writer per item; the sum is read for progress only

        with driver.session(database=database, fetch_size=FETCH_SIZE) as session:
            return _stream(session, query, params, counted, stop, grouped=grouped)

    def report():
        if progress is not None:
            done = sum(counts)
            progress(min(done, expected) if expected else done, max(expected, done))

    pool = ThreadPoolExecutor(READERS, thread_name_prefix="actornet-store-read")
    try:
        futures = [pool.submit(read, i) for i in range(len(jobs))]
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.25, return_when=FIRST_EXCEPTION)
            report()
            for future in finished:
                future.result()  # the first reader's error, raised here
        return [future.result() for future in futures]
    finally:
        stop.set()  # the others stop at their next record (Ctrl-C, an error)
        pool.shutdown(wait=True, cancel_futures=True)


def _own_columns(rows, ends):
    """Columns of ``rows`` (lists or tuples: ``ends`` ids, then the props):
    the ids (a list per end), the props without the store's own properties
    (in place: the driver's dicts are ours), their ``load_order`` values and
    their ids (``props["id"]``, a tie's key)."""
    columns = [list(map(itemgetter(i), rows)) for i in range(ends)]
    props = list(map(itemgetter(ends), rows))
    keys = list(map(methodcaller("get", "id"), props))
    orders = list(map(methodcaller("pop", "load_order", None), props))
    for name in RESERVED:
        deque(map(methodcaller("pop", name, None), props), maxlen=0)
    return columns, props, orders, keys


def _load_order(orders, names):
    """Positions in load order: those with an integer ``load_order`` by it,
    then the others by the text of their ``names`` (both sorts stable)."""
    if set(map(type, orders)) <= {int}:
        if all(map(le, orders[:-1], orders[1:])):  # as loaded, the common case
            return list(range(len(orders)))
        return sorted(range(len(orders)), key=orders.__getitem__)
    ranked = [i for i, order in enumerate(orders) if isinstance(order, Integral)]
    unranked = [i for i, order in enumerate(orders) if not isinstance(order, Integral)]
    ranked.sort(key=orders.__getitem__)
    unranked.sort(key=lambda i: str(names[i]))
    return ranked + unranked


def _joined(parts, i):
    """Item ``i`` of every part, joined into one list."""
    return list(chain.from_iterable(part[i] for part in parts))


def read_parts(driver, *, database=None, dataset=None, progress=None, expected=0) -> StoreParts:
    """The nodes and ties the store holds (for ``dataset``), in load order.

    Returns the :class:`~actornet.loaders.store_tables.StoreParts`:
    attributes without the store's own properties; a node without a
    ``kind`` takes its label's, a tie its type. ``expected`` is the number
    of rows the dataset records count (:func:`expected_rows`): up to
    ``GROUPED_MAX_ROWS``, the rows come grouped, many to a record. Each
    label and tie type is a query of its own, ``READERS`` of them at once.
    """
    grouped = 0 < expected <= GROUPED_MAX_ROWS
    node_query = cypher.READ_KIND_NODE_GROUPS if grouped else cypher.READ_KIND_NODES
    tie_query = cypher.READ_TYPE_TIE_GROUPS if grouped else cypher.READ_TYPE_TIES
    params = {"dataset": dataset, **({"group": GROUP_SIZE} if grouped else {})}
    # The ties first: there are more of them, and the pool starts them first.
    jobs = [(cypher.render(tie_query, tie_type=t), params, grouped) for t in TieType]
    jobs += [(cypher.render(node_query, label=kind), params, grouped) for kind in Kind]
    # Hundreds of thousands of records and dicts, none in a cycle: with the
    # collector on, it walks them all again every few thousand rows.
    with gc_paused():
        results = _run_readers(driver, database, jobs, progress, expected)
        ties = [_own_columns(rows, 2) for rows in results[:len(TieType)]]
        nodes = [_own_columns(rows, 1) for rows in results[len(TieType):]]
        del results
        for kind, (_, props, _, _) in zip(Kind, nodes):
            deque(map(methodcaller("setdefault", "kind", kind.value), props), maxlen=0)
        for tie_type, (_, props, _, _) in zip(TieType, ties):
            deque(map(setitem, props, repeat("type"), repeat(tie_type.value)), maxlen=0)
        node_ids = list(chain.from_iterable(part[0][0] for part in nodes))
        node_props, node_orders = _joined(nodes, 1), _joined(nodes, 2)
        order = _load_order(node_orders, node_ids)
        node_ids, node_props = (list(map(c.__getitem__, order)) for c in (node_ids, node_props))
        if len(set(node_ids)) < len(node_ids):  # a node under two kinds' labels: its first
            seen = set()
            first = [not (n in seen or seen.add(n)) for n in node_ids]
            node_ids, node_props = (list(compress(c, first)) for c in (node_ids, node_props))
        # Each end as its node's own id object (else as read): hashed once
        # here, then found by identity in every lookup the builder makes.
        same = dict(zip(node_ids, node_ids))
        sources, targets = (list(chain.from_iterable(part[0][end] for part in ties))
                            for end in (0, 1))
        sources, targets = (list(map(same.get, ends, ends)) for ends in (sources, targets))
        tie_props, keys = _joined(ties, 1), _joined(ties, 3)
        order = _load_order(_joined(ties, 2), keys)
        sources, targets, keys, tie_props = (list(map(c.__getitem__, order))
                                             for c in (sources, targets, keys, tie_props))
    return StoreParts(node_ids, node_props, sources, targets, keys, tie_props)


def read_network(driver, *, database: str | None = None, dataset: str | None = None,
                 progress=None) -> ActorNetwork:
    """Read a network back from the store.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str, optional
    dataset : str, optional
        Read only what the load of this dataset wrote; default: the whole
        store, named after the newest dataset loaded into it.
    progress : callable, optional
        ``progress(rows_done, rows_total)`` while rows are read, then while
        they are validated.

    Returns
    -------
    ActorNetwork
        Equal to the network that was loaded (actors, ties, properties,
        themes, years, home city), in the order it was loaded.

    Raises
    ------
    StoreError
        If the server cannot be reached or refuses the credentials, the
        store holds no actors (for ``dataset``), or a dataset's last load
        did not finish.
    """
    from actornet.loaders.store import store_errors

    with store_errors(doing="reading the network"), driver.session(database=database) as session:
        records = read_dataset_records(session, dataset)
    check_complete(records)
    meta = records[0] if records else {}
    expected = expected_rows(records)
    with store_errors(doing="reading the network"):
        parts = read_parts(driver, database=database, dataset=dataset, progress=progress,
                           expected=expected)
    if not parts.node_ids:
        raise StoreError("the store holds no actors" + (" for this dataset" if dataset else "")
                         + "; load a network with `actornet load`")
    name = network_name(records, dataset=dataset, database=database)
    with gc_paused():  # a dict per row, none in a cycle (see read_parts)
        raw = store_tables(parts, meta.get("themes"))
    network = build_network(NetworkTables(
        [raw["actors"]], [raw["ties"]], [raw["projects"]] if raw["projects"].rows_read else [],
        [raw["themes"]] if raw["themes"].rows_read else [], name=name), progress=progress)
    home = stated_home(records)
    return network.with_home(home) if home else network
