"""One batch of a load, in one retried write transaction; and --replace's clean-up.

Each function here runs statements of :mod:`actornet.loaders.cypher` through a
session it is given; :func:`actornet.loaders.store.write_network` drives them.
A node batch finds its nodes by id (the ``:Actor(id)`` index) and creates the
missing ones; a tie batch is created where the store cannot hold it yet, and
merged otherwise. A repeated load writes only the rows whose properties (or
datasets) changed.
"""

from __future__ import annotations

import time

from actornet.graph.errors import KindConflict
from actornet.graph.schema import TieType
from actornet.loaders import cypher

__all__ = ["write_node_batch", "write_tie_batch", "tie_constraints", "remove_stale",
           "run_write", "run_read", "TRANSACTION_TIMEOUT", "CONSTRAINT_ATTEMPTS"]

#: Seconds the server may spend on one transaction before it stops it.
TRANSACTION_TIMEOUT = 300.0
#: Attempts of a batch that meets a uniqueness violation (see _retrying).
CONSTRAINT_ATTEMPTS = 4


def _timed(work):
    """``work`` as a unit of work the server stops after :data:`TRANSACTION_TIMEOUT`."""
    import neo4j

    return neo4j.unit_of_work(timeout=TRANSACTION_TIMEOUT)(work)


def run_write(session, query, **params):
    """Run one statement in its own retried write transaction; its records."""
    def work(tx):
        return list(tx.run(query, **params))
    return session.execute_write(_timed(work))


def run_read(session, query, **params):
    """Run one statement in its own retried read transaction; its rows as dicts."""
    def work(tx):
        return [record.data() for record in tx.run(query, **params)]
    return session.execute_read(_timed(work))


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


def _nodes(tx, queries, rows, dataset, existing_first, other_kind_query=None):
    """Create the missing nodes and update the existing ones; (created, properties)."""
    create, update = queries
    properties = created = 0
    if other_kind_query is not None:
        tx.run(other_kind_query, rows=rows).consume()
    if existing_first:  # a repeated load: most rows exist
        result = tx.run(update, rows=rows, dataset=dataset)
        record = result.single()
        properties += result.consume().counters.properties_set
        found, other_kind = set(record["found"]), record["other_kind"]
        missing = [row for row in rows if row["id"] not in found]
        if missing:
            result = tx.run(create, rows=missing, dataset=dataset)
            created = len(result.single()["created"])
            properties += result.consume().counters.properties_set
    else:  # a first load: most rows are new
        result = tx.run(create, rows=rows, dataset=dataset)
        made = set(result.single()["created"])
        created = len(made)
        properties += result.consume().counters.properties_set
        existing = [row for row in rows if row["id"] not in made]
        other_kind = 0
        if existing:
            result = tx.run(update, rows=existing, dataset=dataset)
            other_kind = result.single()["other_kind"]
            properties += result.consume().counters.properties_set
    if other_kind:
        # raised inside the transaction, so the batch is rolled back
        raise KindConflict(f"{other_kind} id{'s' if other_kind != 1 else ''} of this network "
                           "are stored under another kind; load with --replace to rewrite "
                           "the dataset")
    return created, properties


def write_node_batch(session, batch, dataset, *, repeat, replace):
    """Write one batch of nodes (:class:`~actornet.loaders.store_rows.Batch`);
    ``(created, properties set)``."""
    update = cypher.REPLACE_NODES if replace else cypher.UPDATE_NODES
    queries = (cypher.render(cypher.CREATE_NEW_NODES, label=batch.kind),
               cypher.render(update, label=batch.kind))
    other_kind = cypher.render(cypher.DELETE_OTHER_KIND, label=batch.kind) if replace else None
    return _retrying(session, _nodes, queries, batch.rows, dataset, repeat or replace, other_kind)


def _ties(tx, query, rows, dataset):
    counters = tx.run(query, rows=rows, dataset=dataset).consume().counters
    return counters.relationships_created, counters.properties_set


def write_tie_batch(session, batch, dataset, *, repeat, replace, constrained):
    """Write one batch of ties: CREATE on a first load where the tie-id
    constraint makes that safe (MERGE again if any exists), else MERGE
    straight away; ``(created, properties set)``."""
    import neo4j.exceptions as nx_errors

    if replace:
        merge = cypher.render(cypher.REPLACE_TIES, tie_type=batch.tie_type)
    else:
        merge = cypher.render(cypher.MERGE_TIES, tie_type=batch.tie_type)
    if constrained and not (repeat or replace):
        create = cypher.render(cypher.CREATE_TIES, tie_type=batch.tie_type)
        try:
            return session.execute_write(_timed(_ties), create, batch.rows, dataset)
        except nx_errors.ConstraintError:
            pass  # some of these ties exist already (a resumed load)
    return _retrying(session, _ties, merge, batch.rows, dataset)


def tie_constraints(session) -> bool:
    """Create the uniqueness constraint on each tie type's id; False if the
    server cannot (Neo4j before 5.7), and ties are then always merged."""
    import neo4j.exceptions as nx_errors

    try:
        for tie_type in TieType:
            run_write(session, cypher.render(cypher.CREATE_TIE_ID_CONSTRAINT, tie_type=tie_type))
    except nx_errors.ClientError:
        return False
    return True


def remove_stale(session, dataset, node_ids, tie_ids, limit) -> dict:
    """Take ``dataset`` off what it holds but the new data has not (ids not in
    ``node_ids`` / ``tie_ids``), and delete what no other dataset holds then.

    One pass per tie type and one over the nodes finds what the dataset
    holds; the rest is batches of ``limit`` found by id. Returns
    ``{"nodes": deleted, "ties": deleted}``.
    """
    deleted = {"nodes": 0, "ties": 0}
    for tie_type in TieType:
        held = run_read(session, cypher.render(cypher.DATASET_TIE_IDS, tie_type=tie_type),
                        dataset=dataset)
        stale = [row for row in held if row["id"] not in tie_ids]
        query = cypher.render(cypher.RELEASE_TIES_BY_ID, tie_type=tie_type)
        for start in range(0, len(stale), limit):
            records = run_write(session, query, rows=stale[start:start + limit], dataset=dataset)
            deleted["ties"] += records[0]["deleted"] if records else 0
    held = run_read(session, cypher.DATASET_NODE_IDS, dataset=dataset)
    stale = [row["id"] for row in held if row["id"] not in node_ids]
    for start in range(0, len(stale), limit):
        records = run_write(session, cypher.RELEASE_NODES_BY_ID, ids=stale[start:start + limit],
                            dataset=dataset)
        deleted["nodes"] += records[0]["deleted"] if records else 0
    return deleted
