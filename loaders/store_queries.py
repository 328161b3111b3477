"""Reading the Neo4j store for the analyses that run inside it.

Pure store access: each function runs one or two statements of
:mod:`actornet.loaders.cypher` (values go in as parameters) and returns the
rows, or a small network or themes table built from them. The analyses that
combine these rows with the in-memory tables' code live in
:mod:`actornet.store_analyses`; each returns the same rows as its in-memory
counterpart on the same network (parity is tested on the Bolt test server).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from actornet.graph.network import ActorNetwork
from actornet.graph.schema import DEFAULT_INTENSITY, Kind, Projection, Theme, ThemeTable, TieType
from actornet.loaders import cypher
from actornet.loaders.store import store_errors

__all__ = ["link_candidates", "LINK_COLUMNS", "store_resolve", "read_partnerships",
           "read_years", "read_themes", "read_coverage", "read_under_served",
           "read_dormant_cities", "read_dormant_actors", "read_labels", "read_neighbours",
           "read_path_network"]

_PROJECT_TIE_TYPES = {t.value for t in TieType if t.projection is Projection.PROJECT}

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
    The graph is the actor graph of :meth:`actornet.graph.network.ActorNetwork.actor_graph`
    (direct ties and shared projects) without the formal partnerships, as in
    :func:`actornet.queries.recommend.recommend`. The store holds the network as loaded;
    there is no ``as_of`` here.
    """
    with store_errors(doing="scoring candidate introductions"), \
            driver.session(database=database) as session:
        rows = session.execute_read(
            lambda tx: [r.data() for r in tx.run(cypher.LINK_CANDIDATES, sources=list(sources),
                                                 targets=list(targets))])
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def _read(driver, database, doing, query, **params):
    with store_errors(doing=doing), driver.session(database=database) as session:
        return session.execute_read(lambda tx: [r.data() for r in tx.run(query, **params)])


# -- what every gaps query needs ----------------------------------------------------

def read_partnerships(driver, *, database: str | None = None,
                      doing: str = "reading partnerships") -> list[dict]:
    """The home city's formal partnerships, one row each.

    The home city is the actor with the most PARTNER_OF ties (then the
    smallest id). Each row has ``home``, ``home_name``, ``city``, ``name``,
    ``since``, ``status`` (default ``active``) and ``tie``; no row when the
    store holds no formal partnership. ``doing`` names the work in an error.
    """
    return _read(driver, database, doing, cypher.STORE_PARTNERSHIPS)


def read_years(driver, *, database: str | None = None, doing: str = "reading years") -> list:
    """Every year the stored ties and projects mention (``since``, ``until``)."""
    return _read(driver, database, doing, cypher.STORE_YEARS)[0]["years"]


def read_themes(driver, *, database: str | None = None,
                doing: str = "reading themes") -> ThemeTable:
    """The themes table, in the order of the newest dataset's load."""
    records = _read(driver, database, doing, cypher.READ_DATASET, dataset=None)
    meta = records[0]["props"] if records else {}
    order = {theme: i for i, theme in enumerate(meta.get("themes") or [])}
    rows = _read(driver, database, doing, cypher.STORE_THEMES)
    rows.sort(key=lambda t: (order.get(t["id"], len(order)), str(t["id"])))
    return ThemeTable(Theme(r["id"], r["name"], r["label_de"], float(r["priority"]))
                      for r in rows)


# -- gaps inside the store ----------------------------------------------------------

def read_coverage(driver, *, year: int, half_life: float, database: str | None = None,
                  doing: str = "computing coverage") -> list[dict]:
    """Per partner city and theme, the counts, summed intensity, decayed activity
    (``half_life`` in years) and last year active of the items started by
    ``year`` (:data:`actornet.loaders.cypher.STORE_COVERAGE`)."""
    return _read(driver, database, doing, cypher.STORE_COVERAGE, year=year,
                 default_intensity=DEFAULT_INTENSITY, half_life=half_life)


def read_under_served(driver, *, year: int, half_life: float, database: str | None = None,
                      doing: str = "ranking under-served partnerships") -> list[dict]:
    """Per partner city, the active ties and projects, the decayed activity, the
    last year active, the themes and actor kinds of the active items and the
    strongest one (:data:`actornet.loaders.cypher.STORE_UNDER_SERVED`)."""
    return _read(driver, database, doing, cypher.STORE_UNDER_SERVED, year=year,
                 default_intensity=DEFAULT_INTENSITY, half_life=half_life)


def read_dormant_cities(driver, *, year: int, windows, database: str | None = None,
                        doing: str = "finding dormant partnerships") -> list[dict]:
    """Per partner city, the last year active, the ties ever and the counts per
    trend window (``windows``: [first, last] year pairs)
    (:data:`actornet.loaders.cypher.STORE_DORMANT_CITIES`)."""
    return _read(driver, database, doing, cypher.STORE_DORMANT_CITIES, year=year,
                 default_intensity=DEFAULT_INTENSITY, windows=windows)


def read_dormant_actors(driver, *, year: int, windows, years: int, kinds,
                        database: str | None = None,
                        doing: str = "finding dormant partnerships") -> list[dict]:
    """The actors of ``kinds`` with a tie but none active in the last ``years``
    years up to ``year``: id, name, kind, city, last year active, ties ever and
    the counts per trend window
    (:data:`actornet.loaders.cypher.STORE_DORMANT_ACTORS`)."""
    return _read(driver, database, doing, cypher.STORE_DORMANT_ACTORS, year=year,
                 default_intensity=DEFAULT_INTENSITY, windows=windows, years=years,
                 kinds=list(kinds))


# -- introduction paths inside the store --------------------------------------------

def store_resolve(driver, text, *, database: str | None = None) -> str:
    """The id of the actor or project the store knows by ``text`` (id, name or alias).

    Resolved as :meth:`actornet.graph.network.ActorNetwork.resolve` does (case, accents
    and spaces ignored), from the names alone: no tie is read.

    Raises
    ------
    ResolveError
        If nothing matches or several actors do.
    """
    rows = _read(driver, database, "finding actors", cypher.STORE_ACTOR_NAMES)
    label_kinds = {kind.label: kind.value for kind in Kind}
    G = nx.MultiDiGraph()
    for row in rows:
        kind = row["kind"] or next((label_kinds[x] for x in row["labels"] if x in label_kinds),
                                   None)
        if kind is None:
            continue
        G.add_node(row["id"], kind=kind, name=row["name"] or row["id"],
                   aliases=list(row["aliases"] or ()))
    return ActorNetwork(G).resolve(text)


def read_labels(driver, ids, *, database: str | None = None,
                doing: str = "finding introduction paths") -> dict:
    """Id -> the set of labels of each node of ``ids`` the store holds."""
    rows = _read(driver, database, doing, cypher.STORE_NODES_BY_ID, ids=list(ids))
    return {r["id"]: set(r["labels"]) for r in rows}


def read_neighbours(driver, node, *, year=None, database: str | None = None) -> list:
    """``node``'s neighbours in the actor graph with the link strength, as
    ``(id, strength)`` pairs; with ``year``, over the ties valid then
    (:data:`actornet.loaders.cypher.STORE_ACTOR_NEIGHBOURS`)."""
    rows = _read(driver, database, "finding introduction paths", cypher.STORE_ACTOR_NEIGHBOURS,
                 id=node, year=year, default_intensity=DEFAULT_INTENSITY)
    return [(r["id"], float(r["strength"])) for r in rows]


def read_path_network(driver, actors, *, year=None,
                      database: str | None = None) -> ActorNetwork:
    """The small network behind a path: its actors, the ties between each two
    consecutive ones, their shared projects and the projects ties name; with
    ``year``, as it stood then."""
    from actornet.loaders.store import network_from_rows

    pairs = [[u, v] for u, v in zip(actors, actors[1:])]
    ties = _read(driver, database, "reading introduction paths", cypher.STORE_STEP_TIES,
                 pairs=pairs)
    ids = set(actors) | {r["target"] for r in ties if r["type"] in _PROJECT_TIE_TYPES}
    ids |= {r["props"]["project"] for r in ties if r["props"].get("project")}
    rows = _read(driver, database, "reading introduction paths", cypher.STORE_NODES_BY_ID,
                 ids=sorted(ids))
    network = network_from_rows(rows, ties, name="path")
    return network if year is None else network.as_of(year)
