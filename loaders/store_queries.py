"""Analyses that run inside the Neo4j store, so they scale with the database.

Each returns the same rows as its in-memory counterpart on the same network
(parity is tested on the Bolt test server). Statements live in
:mod:`loaders.cypher`; values go in as parameters.
"""

from __future__ import annotations

import pandas as pd

from loaders import cypher
from loaders.store import store_errors

__all__ = ["link_candidates", "LINK_COLUMNS"]

LINK_COLUMNS = ["source", "target", "common", "adamic_adar", "resource_allocation"]


def link_candidates(driver, sources, targets, *, database: str | None = None) -> pd.DataFrame:
    """Untied pairs (source, target) that share contacts, scored in the store.

    Parameters
    ----------
    driver : neo4j.Driver
    sources, targets : iterable of str
        Actor ids (e.g. the home city's actors and a partner city's).
    database : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LINK_COLUMNS`: the pair, the number of common contacts,
        Adamic-Adar (sum of 1 / log degree of the common contacts) and
        resource allocation (sum of 1 / degree), best resource allocation
        first. Pairs already joined by a tie or a shared project, and pairs
        with no common contact, are left out.

    Notes
    -----
    The graph is the actor graph of :meth:`graph.network.ActorNetwork.actor_graph`
    (direct ties and shared projects) without the formal partnerships, as in
    :func:`queries.recommend.recommend`. The store holds the network as loaded;
    there is no ``as_of`` here.
    """
    with store_errors(doing="scoring candidate introductions"), \
            driver.session(database=database) as session:
        rows = session.execute_read(
            lambda tx: [r.data() for r in tx.run(cypher.LINK_CANDIDATES, sources=list(sources),
                                                 targets=list(targets))])
    return pd.DataFrame(rows, columns=LINK_COLUMNS)
