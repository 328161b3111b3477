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

UPDATE_NODES = """
UNWIND $rows AS row
MATCH (a:{actor} {{id: row.id}})
SET a += row.props
SET a.datasets = CASE WHEN $dataset IN coalesce(a.datasets, []) THEN a.datasets
                      ELSE coalesce(a.datasets, []) + $dataset END
RETURN count(CASE WHEN a:{label} THEN NULL ELSE 1 END) AS other_kind
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

MERGE_TIES = """
UNWIND $rows AS row
MATCH (s:{actor} {{id: row.source}})
MATCH (t:{actor} {{id: row.target}})
MERGE (s)-[r:{type} {{id: row.id}}]->(t)
SET r += row.props
SET r.datasets = CASE WHEN $dataset IN coalesce(r.datasets, []) THEN r.datasets
                      ELSE coalesce(r.datasets, []) + $dataset END
"""

# --replace, a slice at a time so a big dataset never needs one huge
# transaction: take the dataset off its ties and nodes, then delete those no
# dataset holds any more (a node two datasets share stays for the other).
RELEASE_DATASET_TIES = """
MATCH (:Actor)-[r]->(:Actor)
WHERE $dataset IN r.datasets
WITH r LIMIT $limit
SET r.datasets = [d IN r.datasets WHERE d <> $dataset]
RETURN count(*) AS released
"""

RELEASE_DATASET_NODES = """
MATCH (a:Actor)
WHERE $dataset IN a.datasets
WITH a LIMIT $limit
SET a.datasets = [d IN a.datasets WHERE d <> $dataset]
RETURN count(*) AS released
"""

DELETE_UNHELD_TIES = """
MATCH (:Actor)-[r]->(:Actor)
WHERE size(r.datasets) = 0
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
"""

DELETE_UNHELD_NODES = """
MATCH (a:Actor)
WHERE size(a.datasets) = 0
WITH a LIMIT $limit
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

READ_NODES = """
MATCH (a:Actor)
WHERE $dataset IS NULL OR $dataset IN a.datasets
RETURN a.id AS id, labels(a) AS labels, properties(a) AS props
ORDER BY a.id
"""

READ_TIES = """
MATCH (s:Actor)-[r]->(t:Actor)
WHERE $dataset IS NULL OR $dataset IN r.datasets
RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props
ORDER BY r.id
"""

PING = "RETURN 1 AS ok"

# One node per loaded dataset records what the load wrote (not an Actor: it
# is bookkeeping, never part of the network).
MERGE_DATASET = """
MERGE (d:ActornetDataset {name: $dataset})
SET d += $props
"""

DELETE_DATASET_RECORD = """
MATCH (d:ActornetDataset {name: $dataset})
DELETE d
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

# -- analyses inside the store (issue: gaps and recommendations) -----------------

# Candidate introductions: for each source actor, the target actors it is not
# tied to but shares contacts with, scored as common neighbours, Adamic-Adar
# and resource allocation over the actor graph as ActorNetwork.actor_graph()
# defines it (direct ties, and shared projects), leaving out the formal
# partnerships (a city's partnerships would make every city a shared contact).
# A pair joined by any tie (partnerships included) or a shared project is not
# a candidate.
LINK_CANDIDATES = """
UNWIND $sources AS source_id
MATCH (a:Actor {id: source_id})
CALL { WITH a
       MATCH (a)-[:COOPERATES_WITH|MEMBER_OF|KNOWS]-(n:Actor) RETURN n
       UNION
       WITH a
       MATCH (a)-[:PARTICIPATES_IN|FUNDS]->(:Project)<-[:PARTICIPATES_IN|FUNDS]-(n:Actor)
       WHERE n <> a RETURN n }
WITH DISTINCT a, n
CALL { WITH n
       MATCH (n)-[:COOPERATES_WITH|MEMBER_OF|KNOWS]-(m:Actor) RETURN m
       UNION
       WITH n
       MATCH (n)-[:PARTICIPATES_IN|FUNDS]->(:Project)<-[:PARTICIPATES_IN|FUNDS]-(m:Actor)
       WHERE m <> n RETURN m }
WITH a, n, collect(DISTINCT m) AS contacts
WITH a, n, size(contacts) AS degree, contacts
UNWIND contacts AS b
WITH a, n, degree, b
WHERE b.id IN $targets AND b <> a
WITH a, b, count(n) AS common, sum(1.0 / log(degree)) AS adamic_adar,
     sum(1.0 / degree) AS resource_allocation
OPTIONAL MATCH (a)-[tie:COOPERATES_WITH|MEMBER_OF|KNOWS|PARTNER_OF]-(b)
WITH a, b, common, adamic_adar, resource_allocation, count(tie) AS direct
OPTIONAL MATCH (a)-[:PARTICIPATES_IN|FUNDS]->(p:Project)<-[:PARTICIPATES_IN|FUNDS]-(b)
WITH a, b, common, adamic_adar, resource_allocation, direct, count(p) AS shared
WHERE direct = 0 AND shared = 0
RETURN a.id AS source, b.id AS target, common, adamic_adar, resource_allocation
ORDER BY resource_allocation DESC, source, target
"""

# -- gaps inside the store (issue 5: coverage, under-served, dormant) -------------
#
# Where an actor sits, as ActorNetwork.city_of says: a city sits in itself;
# otherwise the target of its BASED_IN tie; a person without one sits where
# the organisation they are a MEMBER_OF sits. "First" tie: in the store ties
# have no order, so it is the tie with the smallest id (a network read back
# from the store, or any network whose actors have one BASED_IN tie each,
# agrees with the in-memory rule). The pair [tie id, city id] with the
# smallest tie id is picked with reduce(); `null[1]` is null.


def _city_of(node: str) -> str:
    """The city expression for the node variable ``node`` (a code constant)."""
    based = ("reduce(best = null, pair IN [(" + node + ")-[b:BASED_IN]->(c:Actor) | [b.id, c.id]] | "
             "CASE WHEN best IS NULL OR pair[0] < best[0] THEN pair ELSE best END)[1]")
    member = ("reduce(best = null, pair IN [(" + node + ")-[m:MEMBER_OF]->(o:Actor) | "
              "[m.id, CASE WHEN o:City THEN o.id ELSE "
              "reduce(best2 = null, pair2 IN [(o)-[b2:BASED_IN]->(c2:Actor) | [b2.id, c2.id]] | "
              "CASE WHEN best2 IS NULL OR pair2[0] < best2[0] THEN pair2 ELSE best2 END)[1] END]] | "
              "CASE WHEN pair[1] IS NULL THEN best "
              "WHEN best IS NULL OR pair[0] < best[0] THEN pair ELSE best END)[1]")
    return "CASE WHEN " + node + ":City THEN " + node + ".id ELSE coalesce(" + based + ", " \
        + member + ") END"


# Each partner city's activity (see queries/activity.py): one row per (city, item).
# A direct tie (COOPERATES_WITH, MEMBER_OF, KNOWS) counts for each end's city
# when its ends sit in different cities; its themes are its own and its
# project's, its years its own or else its project's. A project counts for
# each city of a participant when another participant sits elsewhere (or
# nowhere); its years are that city's participations' (open when any is).
# Columns: city, kind ('tie' / 'project'), id, name (a project's), themes,
# since, until, weight, actors (the tie's two ends, or every participant).
_CITY_ITEMS = """
CALL {
  MATCH (u:Actor)-[r:COOPERATES_WITH|MEMBER_OF|KNOWS]->(v:Actor)
  OPTIONAL MATCH (p:Actor {id: r.project})
  WITH u, v, r, p, """ + _city_of("u") + """ AS cu, """ + _city_of("v") + """ AS cv
  WHERE (cu IS NOT NULL OR cv IS NOT NULL) AND (cu IS NULL OR cv IS NULL OR cu <> cv)
  UNWIND [c IN [cu, cv] WHERE c IS NOT NULL] AS city
  RETURN city, 'tie' AS kind, r.id AS id, null AS name, type(r) AS type,
         coalesce(r.themes, []) + coalesce(p.themes, []) AS themes,
         coalesce(r.since, p.since) AS since, coalesce(r.until, p.until) AS until,
         coalesce(r.weight, $default_intensity) AS weight, [u, v] AS actors
  UNION ALL
  MATCH (u:Actor)-[r:PARTICIPATES_IN|FUNDS]->(p:Actor)
  OPTIONAL MATCH (q:Actor {id: coalesce(r.project, p.id)})
  WITH p, u, """ + _city_of("u") + """ AS cu, coalesce(r.since, q.since) AS since,
       coalesce(r.until, q.until) AS until, coalesce(r.weight, $default_intensity) AS weight
  WITH p, collect({actor: u, city: cu, since: since, until: until, weight: weight}) AS joined
  UNWIND joined AS j
  WITH p, joined, j WHERE j.city IS NOT NULL
  WITH p, joined, j.city AS city, count(*) AS n, count(j.since) AS dated, min(j.since) AS first,
       count(j.until) AS ended, max(j.until) AS last, max(j.weight) AS weight
  WHERE any(k IN joined WHERE k.city IS NULL OR k.city <> city)
  RETURN city, 'project' AS kind, p.id AS id, coalesce(p.name, p.id) AS name, null AS type,
         coalesce(p.themes, []) AS themes,
         CASE WHEN dated = n THEN first END AS since, CASE WHEN ended = n THEN last END AS until,
         weight, [k IN joined | k.actor] AS actors
}
WITH city, kind, id, name, type, themes, since, until, weight, actors
WHERE since IS NULL OR since <= $year
WITH city, kind, id, name, type, weight, actors, since, until,
     reduce(seen = [], t IN themes | CASE WHEN t IN seen THEN seen ELSE seen + t END) AS themes,
     CASE WHEN until IS NULL OR until >= $year THEN $year ELSE until END AS last
WITH city, kind, id, name, type, themes, weight, actors, since, until, last,
     last = $year AS active
"""

# Coverage: per partner city and theme, the items started by $year: active
# ties and projects, their intensity, the decayed activity and the last year
# active. Rows only where there is something; the table is completed in Python.
STORE_COVERAGE = _CITY_ITEMS + """
UNWIND themes AS theme
RETURN city, theme,
       sum(CASE WHEN active AND kind = 'tie' THEN 1 ELSE 0 END) AS ties,
       sum(CASE WHEN active AND kind = 'project' THEN 1 ELSE 0 END) AS projects,
       sum(CASE WHEN active THEN weight ELSE 0 END) AS intensity,
       sum(weight * 0.5 ^ (toFloat($year - last) / $half_life)) AS activity,
       max(last) AS last_active
"""

# Under-served: per partner city, the facts behind the score: active ties and
# projects, decayed activity, last year active, the themes and actor kinds of
# the active items, and the strongest active item (highest weight, then
# highest id, as Python's max((weight, id)) picks it).
STORE_UNDER_SERVED = _CITY_ITEMS + """
WITH city,
     sum(CASE WHEN active AND kind = 'tie' THEN 1 ELSE 0 END) AS active_ties,
     sum(CASE WHEN active AND kind = 'project' THEN 1 ELSE 0 END) AS active_projects,
     sum(weight * 0.5 ^ (toFloat($year - last) / $half_life)) AS activity,
     max(last) AS last_active,
     collect(CASE WHEN active THEN {kind: kind, id: id, name: name, weight: weight,
                                    type: type, since: since,
                                    themes: themes, kinds: [a IN actors | a.kind],
                                    names: [a IN actors | coalesce(a.name, a.id)]} END) AS items
RETURN city, active_ties, active_projects, activity, last_active,
       reduce(seen = [], t IN reduce(acc = [], i IN items | acc + i.themes) |
              CASE WHEN t IN seen THEN seen ELSE seen + t END) AS themes,
       reduce(seen = [], k IN reduce(acc = [], i IN items | acc + i.kinds) |
              CASE WHEN k IN seen THEN seen ELSE seen + k END) AS kinds,
       reduce(best = null, i IN items |
              CASE WHEN best IS NULL OR i.weight > best.weight
                        OR (i.weight = best.weight AND i.id > best.id) THEN i ELSE best END)
         AS strongest
"""

# Dormant partnerships: per partner city, the items started by $year: the
# last year active, how many, and how many were active in each window of
# $windows ([first year, last year] pairs).
STORE_DORMANT_CITIES = _CITY_ITEMS + """
WITH city, max(last) AS last_active, count(*) AS ties_ever, collect([since, until]) AS periods
RETURN city, last_active, ties_ever,
       [w IN $windows | size([p IN periods WHERE (p[0] IS NULL OR p[0] <= w[1])
                                                AND (p[1] IS NULL OR p[1] >= w[0])])] AS trend
"""

# Dormant actors: an actor's activity is every direct tie it has and every
# project tie of its own (years as in ActorNetwork.period). Actors of the
# kinds $kinds with at least one such tie, and no item active in the last
# $years years up to $year (or none started by then).
STORE_DORMANT_ACTORS = """
CALL {
  MATCH (a:Actor)-[r:COOPERATES_WITH|MEMBER_OF|KNOWS]-(:Actor)
  WHERE a.kind IN $kinds
  OPTIONAL MATCH (p:Actor {id: r.project})
  RETURN a, coalesce(r.since, p.since) AS since, coalesce(r.until, p.until) AS until
  UNION ALL
  MATCH (a:Actor)-[r:PARTICIPATES_IN|FUNDS]->(t:Actor)
  WHERE a.kind IN $kinds
  OPTIONAL MATCH (p:Actor {id: coalesce(r.project, t.id)})
  RETURN a, coalesce(r.since, p.since) AS since, coalesce(r.until, p.until) AS until
}
WITH a, since, until, since IS NULL OR since <= $year AS started
WITH a, collect(CASE WHEN started THEN [since, until] END) AS periods,
     max(CASE WHEN NOT started THEN null
              WHEN until IS NULL OR until >= $year THEN $year ELSE until END) AS last_active
WHERE last_active IS NULL OR $year - last_active >= $years
RETURN a.id AS id, coalesce(a.name, a.id) AS name, a.kind AS kind,
       """ + _city_of("a") + """ AS city, last_active, size(periods) AS ties_ever,
       [w IN $windows | size([p IN periods WHERE (p[0] IS NULL OR p[0] <= w[1])
                                                AND (p[1] IS NULL OR p[1] >= w[0])])] AS trend
"""

# The home city (most PARTNER_OF ties, then smallest id) and its partnerships.
STORE_PARTNERSHIPS = """
MATCH (a:Actor)-[r:PARTNER_OF]-(:Actor)
WITH a, count(r) AS n
ORDER BY n DESC, a.id
LIMIT 1
MATCH (a)-[r:PARTNER_OF]-(b:Actor)
RETURN a.id AS home, coalesce(a.name, a.id) AS home_name, b.id AS city,
       coalesce(b.name, b.id) AS name, r.since AS since, coalesce(r.status, 'active') AS status,
       r.id AS tie
"""

# The years the network mentions: ties' and projects' since and until.
STORE_YEARS = """
OPTIONAL MATCH (:Actor)-[r]->(:Actor)
WITH min(r.since) AS s1, max(r.since) AS s2, min(r.until) AS u1, max(r.until) AS u2
OPTIONAL MATCH (p:Project)
WITH s1, s2, u1, u2, min(p.since) AS p1, max(p.since) AS p2, min(p.until) AS p3,
     max(p.until) AS p4
RETURN [y IN [s1, s2, u1, u2, p1, p2, p3, p4] WHERE y IS NOT NULL] AS years
"""

# The themes table: each theme node's id, label and priority.
STORE_THEMES = """
MATCH (t:Theme)
RETURN t.id AS id, coalesce(t.name, t.id) AS name, coalesce(t.label_de, '') AS label_de,
       coalesce(t.priority, 1.0) AS priority
"""

# -- introduction paths inside the store ----------------------------------------------
# The names every actor answers to, for resolving what a user typed.
STORE_ACTOR_NAMES = """
MATCH (a:Actor)
RETURN a.id AS id, labels(a) AS labels, a.kind AS kind, a.name AS name, a.aliases AS aliases
ORDER BY a.id
"""

# One actor's neighbours in the actor graph (ActorNetwork.actor_graph), with the
# strength of the link: every direct tie adds its weight (formal partnerships
# included), every shared project the smaller of the two participations (each
# side's strongest). With $year, only ties valid in that year; a tie without
# years of its own takes those of the project it names or joins.
STORE_ACTOR_NEIGHBOURS = """
MATCH (a:Actor {id: $id})
CALL { WITH a
       MATCH (a)-[t:COOPERATES_WITH|MEMBER_OF|KNOWS|PARTNER_OF]-(b:Actor)
       WHERE b <> a
       OPTIONAL MATCH (named:Actor {id: t.project})
       WITH b, t, coalesce(t.since, named.since) AS since, coalesce(t.until, named.until) AS until
       WHERE $year IS NULL OR ((since IS NULL OR since <= $year) AND (until IS NULL OR until >= $year))
       RETURN b, sum(coalesce(t.weight, $default_intensity)) AS strength
       UNION ALL
       WITH a
       MATCH (a)-[s:PARTICIPATES_IN|FUNDS]->(p:Project)<-[o:PARTICIPATES_IN|FUNDS]-(b:Actor)
       WHERE b <> a
         AND ($year IS NULL OR (
              (coalesce(s.since, p.since) IS NULL OR coalesce(s.since, p.since) <= $year)
              AND (coalesce(s.until, p.until) IS NULL OR coalesce(s.until, p.until) >= $year)
              AND (coalesce(o.since, p.since) IS NULL OR coalesce(o.since, p.since) <= $year)
              AND (coalesce(o.until, p.until) IS NULL OR coalesce(o.until, p.until) >= $year)))
       WITH b, p, max(coalesce(s.weight, $default_intensity)) AS mine,
            max(coalesce(o.weight, $default_intensity)) AS theirs
       RETURN b, sum(CASE WHEN mine < theirs THEN mine ELSE theirs END) AS strength }
RETURN b.id AS id, sum(strength) AS strength
ORDER BY id
"""

# The ties behind each step of a path: the direct ties between the two actors
# (either way) and both actors' ties to the projects they share.
STORE_STEP_TIES = """
UNWIND $pairs AS pair
MATCH (u:Actor {id: pair[0]}), (v:Actor {id: pair[1]})
CALL { WITH u, v
       MATCH (u)-[t:COOPERATES_WITH|MEMBER_OF|KNOWS|PARTNER_OF]->(v)
       RETURN u.id AS source, v.id AS target, type(t) AS type, properties(t) AS props
       UNION ALL
       WITH u, v
       MATCH (v)-[t:COOPERATES_WITH|MEMBER_OF|KNOWS|PARTNER_OF]->(u)
       RETURN v.id AS source, u.id AS target, type(t) AS type, properties(t) AS props
       UNION ALL
       WITH u, v
       MATCH (u)-[:PARTICIPATES_IN|FUNDS]->(p:Project)<-[:PARTICIPATES_IN|FUNDS]-(v)
       WITH DISTINCT u, v, p
       MATCH (x:Actor)-[t:PARTICIPATES_IN|FUNDS]->(p)
       WHERE x = u OR x = v
       RETURN x.id AS source, p.id AS target, type(t) AS type, properties(t) AS props }
RETURN DISTINCT source, target, type, props
"""

# Nodes by id (the actors of a path and the projects behind its steps).
STORE_NODES_BY_ID = """
UNWIND $ids AS node_id
MATCH (a:Actor {id: node_id})
RETURN a.id AS id, labels(a) AS labels, properties(a) AS props
"""
