"""Every Cypher statement actornet runs, as constants.

Values always travel as ``$parameters``. Labels and relationship types cannot
be parameters in Cypher, so the few statements that need one are templates
with a ``{label}`` or ``{type}`` slot, filled only by :func:`render`, which
takes the name from the schema's enums (:class:`~actornet.graph.schema.Kind`,
:class:`~actornet.graph.schema.TieType`), checks it against ``^[A-Z][A-Za-z0-9_]*$``
and quotes it with backticks. Input text never becomes query text; a test
checks that no other module builds a query.

The statements are standard Cypher, run against Neo4j 5 and against
ArcadeDB's Bolt plugin (the test server). Where the two differ it is noted at
the statement.
"""

from __future__ import annotations

import re

from actornet.graph.errors import SchemaError
from actornet.graph.schema import Kind, TieType

__all__ = ["render", "quote_name", "ACTOR_LABEL"]

#: Every node actornet writes carries this label (plus its kind's label), so
#: one uniqueness constraint covers the whole id space.
ACTOR_LABEL = "Actor"

_NAME = re.compile(r"^[A-Z][A-Za-z0-9_]*$")
_ALLOWED_NAMES = frozenset({ACTOR_LABEL} | {k.label for k in Kind} | {t.value for t in TieType})


def quote_name(name: str) -> str:
    """Backtick-quote a label or relationship type from the schema's whitelist.

    Raises
    ------
    SchemaError
        If ``name`` is not a label or tie type of the schema.

    Examples
    --------
    >>> quote_name("FederalBody")
    '`FederalBody`'
    >>> quote_name("Actor`) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    actornet.graph.errors.SchemaError: not a label or relationship type of the schema
    """
    if not isinstance(name, str) or name not in _ALLOWED_NAMES or not _NAME.match(name):
        raise SchemaError("not a label or relationship type of the schema")
    return f"`{name}`"


def render(template: str, *, label: Kind | None = None, tie_type: TieType | None = None) -> str:
    """Fill a template's ``{label}`` / ``{type}`` slot from the schema's enums.

    Examples
    --------
    >>> print(render(CREATE_NEW_NODES, label=Kind.NGO).strip().splitlines()[3])
    CREATE (a:`Actor`:`NGO` {id: row.id})
    """
    values = {}
    if label is not None:
        values["label"] = quote_name(Kind(label).label)
    if tie_type is not None:
        values["type"] = quote_name(TieType(tie_type).value)
    return template.format(actor=quote_name(ACTOR_LABEL), **values)


# -- schema ---------------------------------------------------------------

CREATE_ACTOR_ID_CONSTRAINT = """
CREATE CONSTRAINT actornet_actor_id IF NOT EXISTS
FOR (a:Actor) REQUIRE a.id IS UNIQUE
"""

# -- writing --------------------------------------------------------------

# Nodes in two steps, both found through the :Actor(id) index: create the
# missing ones (with their properties), then update the ones that existed.
# Why not `MERGE (a:Actor:City {id: …})`: ArcadeDB (the test server) keeps
# one type per vertex and looks a two-label MERGE up without the index, so
# its cost grows with the store (measured: 58 s against 3.5 s for CREATE at
# 11k nodes); and `MERGE (a:Actor {id: …}) SET a:City` fails there on a vertex
# created in the same transaction. UPDATE_NODES returns how many of the
# existing nodes lack the kind's label: a kind changed since the last load.
CREATE_NEW_NODES = """
UNWIND $rows AS row
OPTIONAL MATCH (old:{actor} {{id: row.id}})
WITH row, old WHERE old IS NULL
CREATE (a:{actor}:{label} {{id: row.id}})
SET a += row.props, a.datasets = [$dataset]
RETURN collect(row.id) AS created
"""

# A repeated load: the existing nodes first (MATCH by id), writing only those
# whose properties or datasets changed; returns the ids found (the others are
# created by CREATE_NEW_NODES) and how many found lack the kind's label.
UPDATE_NODES = """
UNWIND $rows AS row
MATCH (a:{actor} {{id: row.id}})
WITH a, row, a:{label} AS same_kind, coalesce(a.datasets, []) AS held
WITH a, row, same_kind, held,
     NOT $dataset IN held OR any(k IN keys(row.props) WHERE a[k] IS NULL OR a[k] <> row.props[k])
       AS changed
FOREACH (_ IN CASE WHEN changed AND same_kind THEN [1] ELSE [] END |
  SET a += row.props
  SET a.datasets = CASE WHEN $dataset IN held THEN held ELSE held + $dataset END)
RETURN collect(row.id) AS found, count(CASE WHEN same_kind THEN NULL ELSE 1 END) AS other_kind
"""

# --replace: a node stored under another kind is deleted (with its ties; the
# tie batches write this dataset's again) so that it is created with its kind
# (a vertex cannot change its type in ArcadeDB).
DELETE_OTHER_KIND = """
UNWIND $rows AS row
MATCH (a:{actor} {{id: row.id}})
WHERE NOT a:{label}
DETACH DELETE a
RETURN count(*) AS deleted
"""

# --replace: the existing nodes' properties set to exactly the row's (a
# property the new data no longer has goes), the datasets kept.
REPLACE_NODES = """
UNWIND $rows AS row
MATCH (a:{actor} {{id: row.id}})
WITH a, row, a:{label} AS same_kind, coalesce(a.datasets, []) AS held
FOREACH (_ IN CASE WHEN same_kind THEN [1] ELSE [] END |
  SET a = row.props
  SET a.id = row.id, a.datasets = CASE WHEN $dataset IN held THEN held ELSE held + $dataset END)
RETURN collect(row.id) AS found, count(CASE WHEN same_kind THEN NULL ELSE 1 END) AS other_kind
"""

# Ties: with a uniqueness constraint on the tie type's id (Neo4j 5.7+,
# ArcadeDB), a batch is first tried as CREATE; if any of its ties exists
# already the constraint fails it and it runs again as MERGE_TIES. Without
# the constraint (an older Neo4j) every batch is a MERGE_TIES.
CREATE_TIE_ID_CONSTRAINT = """
CREATE CONSTRAINT IF NOT EXISTS
FOR ()-[r:{type}]-() REQUIRE r.id IS UNIQUE
"""

CREATE_TIES = """
UNWIND $rows AS row
MATCH (s:{actor} {{id: row.source}})
MATCH (t:{actor} {{id: row.target}})
CREATE (s)-[r:{type} {{id: row.id}}]->(t)
SET r += row.props, r.datasets = [$dataset]
"""

# The ties of a repeated load or a replace: merged (found by their ends and id).
_MERGE_TIE = """
UNWIND $rows AS row
MATCH (s:{actor} {{id: row.source}})
MATCH (t:{actor} {{id: row.target}})
MERGE (s)-[r:{type} {{id: row.id}}]->(t)
WITH r, row, coalesce(r.datasets, []) AS held
"""

# A repeated load's ties: written only where something changed.
MERGE_TIES = _MERGE_TIE + """
WITH r, row, held,
     NOT $dataset IN held OR any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k])
       AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r += row.props
  SET r.datasets = CASE WHEN $dataset IN held THEN held ELSE held + $dataset END)
"""

# --replace's ties: properties set to exactly the row's.
REPLACE_TIES = _MERGE_TIE + """
SET r = row.props
SET r.id = row.id, r.datasets = CASE WHEN $dataset IN held THEN held ELSE held + $dataset END
"""

# --replace, after the new data is written: what the dataset holds (one pass
# per label / type), so that what the new data no longer has is released by
# id -- each batch found through the id index, never a rescan -- and deleted
# where no other dataset holds it.
DATASET_NODE_IDS = """
MATCH (a:Actor)
WHERE $dataset IN a.datasets
RETURN a.id AS id
"""

DATASET_TIE_IDS = """
MATCH (s:{actor})-[r:{type}]->(t:{actor})
WHERE $dataset IN r.datasets
RETURN r.id AS id, s.id AS source, t.id AS target
"""

RELEASE_TIES_BY_ID = """
UNWIND $rows AS row
MATCH (:{actor} {{id: row.source}})-[r:{type} {{id: row.id}}]->(:{actor} {{id: row.target}})
SET r.datasets = [d IN coalesce(r.datasets, []) WHERE d <> $dataset]
WITH r WHERE size(r.datasets) = 0
DELETE r
RETURN count(*) AS deleted
"""

RELEASE_NODES_BY_ID = """
UNWIND $ids AS node_id
MATCH (a:Actor {id: node_id})
SET a.datasets = [d IN coalesce(a.datasets, []) WHERE d <> $dataset]
WITH a WHERE size(a.datasets) = 0
DETACH DELETE a
RETURN count(*) AS deleted
"""

# -- reading and verifying -------------------------------------------------

COUNT_DATASET_LABELS = """
MATCH (a:Actor)
WHERE $dataset IN a.datasets
UNWIND labels(a) AS label
RETURN label, count(*) AS count
"""

COUNT_DATASET_TIE_TYPES = """
MATCH (:Actor)-[r]->(:Actor)
WHERE $dataset IN r.datasets
RETURN type(r) AS type, count(*) AS count
"""

COUNT_DUPLICATE_IDS = """
MATCH (a:Actor)
WITH a.id AS id, count(*) AS c
WHERE c > 1
RETURN count(*) AS duplicates
"""

# Reading back, streamed one kind (label) and one tie type at a time, each in
# a transaction of its own (loaders/store_read.py). No ORDER BY: the reader
# sorts by load_order itself (the server would sort the whole set first).
READ_KIND_NODES = """
MATCH (a:{actor}:{label})
WHERE $dataset IS NULL OR $dataset IN a.datasets
RETURN a.id AS id, properties(a) AS props
"""

READ_TYPE_TIES = """
MATCH (s:{actor})-[r:{type}]->(t:{actor})
WHERE $dataset IS NULL OR $dataset IN r.datasets
RETURN s.id AS source, t.id AS target, properties(r) AS props
"""

# The same rows, $group to a record (one Bolt message per group): the
# driver's per-record work (about 30 µs in Python) is most of a read-back's
# client time, and grouping costs ArcadeDB no more CPU. The server holds a
# label's or a type's rows at once, so the reader uses these only for
# stores of a bounded size (store_read.GROUPED_MAX_ROWS).
READ_KIND_NODE_GROUPS = """
MATCH (a:{actor}:{label})
WHERE $dataset IS NULL OR $dataset IN a.datasets
WITH collect([a.id, properties(a)]) AS rows
UNWIND range(0, size(rows) - 1, $group) AS first
RETURN rows[first..first + $group] AS rows
"""

READ_TYPE_TIE_GROUPS = """
MATCH (s:{actor})-[r:{type}]->(t:{actor})
WHERE $dataset IS NULL OR $dataset IN r.datasets
WITH collect([s.id, t.id, properties(r)]) AS rows
UNWIND range(0, size(rows) - 1, $group) AS first
RETURN rows[first..first + $group] AS rows
"""

# The server's match alone, counting instead of sending the rows (for
# benchmarks/store.py --split: what the server takes before any row is sent).
COUNT_KIND_NODES = """
MATCH (a:{actor}:{label})
WHERE $dataset IS NULL OR $dataset IN a.datasets
WITH a.id AS id, properties(a) AS props
RETURN count(*) AS rows
"""

COUNT_TYPE_TIES = """
MATCH (s:{actor})-[r:{type}]->(t:{actor})
WHERE $dataset IS NULL OR $dataset IN r.datasets
WITH s.id AS source, t.id AS target, properties(r) AS props
RETURN count(*) AS rows
"""

PING = "RETURN 1 AS ok"

# One node per loaded dataset records what the load wrote (not an Actor: it
# is bookkeeping, never part of the network). A load marks it `loading` first
# (keeping the digests of the batches it will not send again) and writes it
# `complete`, with the counts and every batch's digest, last: a load or
# replace that stopped part-way leaves the mark, which every reader names.
MARK_DATASET_LOADING = """
MERGE (d:ActornetDataset {name: $dataset})
SET d.state = 'loading', d.replace = $replace, d.batches = $batches, d.started_at = $started
"""

MERGE_DATASET = """
MERGE (d:ActornetDataset {name: $dataset})
SET d += $props
"""

# The store's size, for the warm cache's check (count stores: cheap on Neo4j).
COUNT_ACTORS = """
MATCH (a:Actor)
RETURN count(a) AS count
"""

COUNT_TIES = """
MATCH (:Actor)-[r]->(:Actor)
RETURN count(r) AS count
"""

READ_DATASET = """
MATCH (d:ActornetDataset)
WHERE $dataset IS NULL OR d.name = $dataset
RETURN d.name AS name, properties(d) AS props
ORDER BY d.loaded_at DESC
"""

# -- benchmark only (benchmarks/load.py) ----------------------------------------
# The server's ceiling: the same rows written with CREATE into an empty
# database (no existence check), and the naive loader: one row per transaction.

CREATE_NODES_UNCHECKED = """
UNWIND $rows AS row
CREATE (a:{actor}:{label} {{id: row.id}})
SET a += row.props, a.datasets = [$dataset]
"""

CREATE_TIES_UNCHECKED = """
UNWIND $rows AS row
MATCH (s:{actor} {{id: row.source}})
MATCH (t:{actor} {{id: row.target}})
CREATE (s)-[r:{type} {{id: row.id}}]->(t)
SET r += row.props, r.datasets = [$dataset]
"""

# -- Neo4j Graph Data Science, where the server has it (loaders/gds.py) ----------
# Not run here: ArcadeDB (the test server) has no GDS. The actor links are
# computed by the same Python as on files (the projection's rules) and sent
# as parameters; GDS runs the algorithm on them.

GDS_VERSION = """
CALL gds.version() YIELD gdsVersion
RETURN gdsVersion AS version
"""

GDS_PROJECT_LINKS = """
UNWIND $links AS link
MATCH (a:Actor {id: link[0]})
MATCH (b:Actor {id: link[1]})
WITH gds.graph.project($graph, a, b, {relationshipProperties: {distance: link[2]}},
                       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS links
"""

GDS_BETWEENNESS = """
CALL gds.betweenness.stream($graph, {relationshipWeightProperty: 'distance'})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
ORDER BY id
"""

GDS_LEIDEN = """
CALL gds.leiden.stream($graph, {randomSeed: $seed, concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId AS community
ORDER BY id
"""

GDS_SHORTEST_PATH = """
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
CALL gds.shortestPath.dijkstra.stream($graph, {sourceNode: a, targetNode: b,
                                              relationshipWeightProperty: 'distance'})
YIELD totalCost, nodeIds
RETURN totalCost AS distance, [n IN gds.util.asNodes(nodeIds) | n.id] AS ids
"""

GDS_DROP = """
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName
"""
