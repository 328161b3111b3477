"""Analyses that run inside the Neo4j store, so they scale with the database.

Each returns the same rows as its in-memory counterpart on the same network
(parity is tested on the Bolt test server). Statements live in
:mod:`loaders.cypher`; values go in as parameters.
"""

from __future__ import annotations

import pandas as pd

from graph.errors import QueryError
from graph.schema import ACTOR_KINDS, DEFAULT_INTENSITY, Kind, Theme, ThemeTable
from loaders import cypher
from loaders.store import store_errors
from queries import gaps
from queries.fragility import fragility

__all__ = ["link_candidates", "LINK_COLUMNS", "store_coverage", "store_under_served",
           "store_dormant"]

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


# -- gaps inside the store ----------------------------------------------------------

def _read(driver, database, doing, query, **params):
    with store_errors(doing=doing), driver.session(database=database) as session:
        return session.execute_read(lambda tx: [r.data() for r in tx.run(query, **params)])


class _Context:
    """What every gaps query needs: partnerships, reference year, themes."""

    def __init__(self, driver, database, as_of, doing):
        rows = _read(driver, database, doing, cypher.STORE_PARTNERSHIPS)
        if not rows:
            raise QueryError("the network has no home city: gaps need formal partnerships "
                             "(PARTNER_OF ties between cities)")
        self.home, self.home_name = rows[0]["home"], rows[0]["home_name"]
        self.partnerships = sorted(
            ({k: r[k] for k in ("city", "name", "since", "status", "tie")} for r in rows),
            key=lambda r: (r["since"] is None, r["since"], r["name"]))
        found = _read(driver, database, doing, cypher.STORE_YEARS)[0]["years"]
        self.mentions_years = bool(found)
        if as_of is not None:
            self.year = int(as_of)
        else:
            self.year = int(max(found)) if found else 0
        self.reported = self.year if (as_of is not None or found) else None
        self.driver, self.database, self.doing = driver, database, doing

    def themes(self) -> ThemeTable:
        """The themes table, in the order of the newest dataset's load."""
        records = _read(self.driver, self.database, self.doing, cypher.READ_DATASET, dataset=None)
        meta = records[0]["props"] if records else {}
        order = {theme: i for i, theme in enumerate(meta.get("themes") or [])}
        rows = _read(self.driver, self.database, self.doing, cypher.STORE_THEMES)
        rows.sort(key=lambda t: (order.get(t["id"], len(order)), str(t["id"])))
        return ThemeTable(Theme(r["id"], r["name"], r["label_de"], float(r["priority"]))
                          for r in rows)

    def read(self, query, **params):
        return _read(self.driver, self.database, self.doing, query, year=self.year,
                     default_intensity=DEFAULT_INTENSITY, half_life=gaps.HALF_LIFE, **params)


def store_coverage(driver, *, database: str | None = None, as_of=None,
                   weights=None) -> pd.DataFrame:
    """:func:`queries.gaps.coverage`, computed inside the store.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str, optional
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    weights : dict, optional
        Theme id -> priority weight, as for :func:`queries.gaps.coverage`.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`queries.gaps.coverage` on the network
        stored (columns :data:`queries.gaps.COVERAGE_COLUMNS`).

    Raises
    ------
    QueryError
        If the store holds no formal partnership, or ``weights`` is invalid.
    StoreError
        If the server cannot be reached or refuses a statement.

    Notes
    -----
    In Cypher (:data:`loaders.cypher.STORE_COVERAGE`): where each actor
    sits, which ties and projects join a partner city's actors to others,
    their years, themes and intensity, and per city and theme the counts,
    summed intensity, decayed activity and last year active. In Python: the
    themes table's priorities and the table's layout
    (:func:`queries.gaps.coverage_table`, shared with the in-memory version).
    The whole store is one network: there is no ``dataset`` filter.
    """
    context = _Context(driver, database, as_of, "computing coverage")
    themes = context.themes()
    gaps._priorities(themes, weights)  # invalid weights fail before the query
    stats = {(r["city"], r["theme"]): r for r in context.read(cypher.STORE_COVERAGE)}
    return gaps.coverage_table(context.partnerships, themes, context.year, stats,
                               weights=weights)


def store_under_served(driver, *, database: str | None = None, as_of=None,
                       weights=None) -> pd.DataFrame:
    """:func:`queries.gaps.under_served`, computed inside the store but for
    fragility.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str, optional
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    weights : dict, optional
        Component -> weight, as for :func:`queries.gaps.under_served`.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`queries.gaps.under_served` on the network
        stored (columns :data:`queries.gaps.UNDER_SERVED_COLUMNS`).

    Raises
    ------
    QueryError
        If the store holds no formal partnership, or ``weights`` is invalid.
    StoreError
        If the server cannot be reached or refuses a statement.

    Notes
    -----
    In Cypher (:data:`loaders.cypher.STORE_UNDER_SERVED`): per partner city,
    the active ties and projects, the decayed activity, the last year
    active, the themes and actor kinds of the active items and the
    strongest one. The ``fragility`` component (node-disjoint routes: a
    maximum flow) cannot be written in plain Cypher: it alone is computed in
    memory, by :func:`queries.fragility.fragility` on the network read back
    with :func:`loaders.store.read_network`. The score, ranking and ``why``
    come from :func:`queries.gaps.under_served_table`, the code the
    in-memory version runs.
    """
    from loaders.store import read_network

    chosen = gaps._check_weights(weights)
    context = _Context(driver, database, as_of, "ranking under-served partnerships")
    themes = context.themes()
    found = {r["city"]: r for r in context.read(cypher.STORE_UNDER_SERVED)}
    facts = []
    for partnership in context.partnerships:
        r = found.get(partnership["city"])
        facts.append({
            "partnership": partnership,
            "active_ties": r["active_ties"] if r else 0,
            "active_projects": r["active_projects"] if r else 0,
            "activity": r["activity"] if r else 0.0,
            "last_active": r["last_active"] if r else None,
            "themes": set(r["themes"]) if r else set(),
            "kinds": set(r["kinds"]) if r else set(),
            "strongest": r["strongest"] if r else None,
        })
    network = read_network(driver, database=database)
    routes = (fragility(network, as_of=context.year) if context.reported is not None
              else fragility(network))
    return gaps.under_served_table(facts, themes, routes, year=context.year,
                                   reported=context.reported, home_name=context.home_name,
                                   chosen=chosen)


def store_dormant(driver, *, database: str | None = None, years: int = 5,
                  as_of=None) -> pd.DataFrame:
    """:func:`queries.gaps.dormant`, computed inside the store.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str, optional
    years : int, default 5
        Years without an active tie that make a partnership or actor dormant.
    as_of : int, optional
        The reference year (default: the last year the network mentions).

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`queries.gaps.dormant` on the network stored
        (columns :data:`queries.gaps.DORMANT_COLUMNS`).

    Raises
    ------
    QueryError
        If the store holds no formal partnership, or ``years`` is less than 1.
    StoreError
        If the server cannot be reached or refuses a statement.

    Notes
    -----
    In Cypher (:data:`loaders.cypher.STORE_DORMANT_CITIES`,
    :data:`loaders.cypher.STORE_DORMANT_ACTORS`): each partner city's and
    each actor's ties and projects, the last year active, how many, and the
    counts per trend window; the actors are filtered to the dormant ones in
    the store. In Python: the slope of the four counts, the ``why`` and the
    order (:func:`queries.gaps.dormant_table`, shared with the in-memory
    version).
    """
    if not isinstance(years, int) or isinstance(years, bool) or years < 1:
        raise QueryError("years must be a whole number, 1 or more")
    context = _Context(driver, database, as_of, "finding dormant partnerships")
    windows = gaps.trend_windows(context.year)
    cities = {r["city"]: r for r in context.read(cypher.STORE_DORMANT_CITIES, windows=windows)}
    facts = []
    for partnership in context.partnerships:
        city = partnership["city"]
        r = cities.get(city)
        facts.append({"level": "partnership", "id": city, "name": partnership["name"],
                      "kind": Kind.CITY.value, "city": city,
                      "status": gaps._status(partnership, context.year),
                      "last_active": r["last_active"] if r else None,
                      "ties_ever": r["ties_ever"] if r else 0,
                      "trend": r["trend"] if r else [0] * len(windows)})
    kinds = [k.value for k in ACTOR_KINDS if k is not Kind.CITY]
    for r in context.read(cypher.STORE_DORMANT_ACTORS, windows=windows, years=years,
                          kinds=kinds):
        facts.append({"level": "actor", "status": None, **r})
    return gaps.dormant_table(facts, year=context.year, years=years)
