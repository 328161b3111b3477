"""Neo4j Graph Data Science, where the server has it: betweenness, Leiden and
weighted shortest paths run in the store.

Small and separate on purpose: ArcadeDB (the test server) has no GDS, so this
is **not tested here**; tests/loaders/test_store_gds.py runs it only when
``NEO4J_URI`` names a Neo4j with GDS, and is skipped (saying so) otherwise.

The links GDS works on are the actor projection's, computed by the same code
as on files (:meth:`actornet.graph.network.ActorNetwork.projection`: direct
ties, shared groups, groups of more than 100 members left out as hubs), and
sent with their ``distance`` (1 / strength); GDS runs the algorithm over them
in the store.
"""

from __future__ import annotations

import uuid

from actornet.loaders import cypher

__all__ = ["gds_version", "GdsGraph"]


def gds_version(driver, *, database: str | None = None) -> str | None:
    """The server's GDS version, or None when it has no GDS (``CALL gds.version()``)."""
    import neo4j.exceptions as nx_errors

    try:
        records, _, _ = driver.execute_query(cypher.GDS_VERSION, database_=database)
    except nx_errors.ClientError:
        return None
    return records[0]["version"] if records else None


class GdsGraph:
    """The actor links of ``network`` as a GDS graph in the store, dropped on exit.

    ``with GdsGraph(driver, network) as g: g.betweenness()``
    """

    def __init__(self, driver, network, *, database: str | None = None):
        self.driver, self.database = driver, database
        self.name = "actornet-" + uuid.uuid4().hex[:12]
        P = network.projection()
        links = []
        for i in range(P.n):
            for at in range(P.indptr[i], P.indptr[i + 1]):
                j = int(P.indices[at])
                if i < j:
                    links.append([P.nodes[i], P.nodes[j], float(P.distance[at])])
        self.links = links

    def _query(self, query, **params):
        records, _, _ = self.driver.execute_query(query, params, database_=self.database,
                                                  graph=self.name)
        return [r.data() for r in records]

    def __enter__(self):
        self._query(cypher.GDS_PROJECT_LINKS, links=self.links)
        return self

    def __exit__(self, *exc):
        self._query(cypher.GDS_DROP)
        return False

    def betweenness(self) -> dict:
        """Id -> betweenness over ``distance`` (GDS's, not normalised)."""
        return {r["id"]: float(r["score"]) for r in self._query(cypher.GDS_BETWEENNESS)}

    def leiden(self, seed: int = 0) -> dict:
        """Id -> community id (GDS's Leiden, one thread, seeded)."""
        return {r["id"]: int(r["community"]) for r in self._query(cypher.GDS_LEIDEN, seed=seed)}

    def shortest_path(self, source, target):
        """``(distance, ids)`` of the path with the least total distance, or None."""
        rows = self._query(cypher.GDS_SHORTEST_PATH, source=source, target=target)
        return (float(rows[0]["distance"]), list(rows[0]["ids"])) if rows else None
