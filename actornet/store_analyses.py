"""Analyses that run inside the Neo4j store, so they scale with the database.

Each returns the same rows as its in-memory counterpart on the same network
(parity is tested on the Bolt test server). The store does the per-tie work
(:mod:`actornet.loaders.store_queries` runs the statements of
:mod:`actornet.loaders.cypher`); the tables are laid out by the code the
in-memory versions run (:mod:`actornet.queries.coverage`, :mod:`actornet.queries.under_served`, :mod:`actornet.queries.dormant`,
:mod:`actornet.queries.paths`).
"""

from __future__ import annotations

import heapq
import itertools
import math

import pandas as pd

from actornet.graph.errors import NoPathError, QueryError, ResolveError
from actornet.graph.schema import ACTOR_KINDS, Kind, ThemeTable
from actornet.loaders import store_queries
from actornet.loaders.store import read_network
from actornet.loaders.store_queries import link_candidates, store_resolve
from actornet.queries import activity, coverage, dormant, under_served
from actornet.queries.fragility import fragility
from actornet.queries.paths import CITY_DETOUR, _path

__all__ = ["store_coverage", "store_under_served", "store_dormant", "store_introduction_path",
           "store_resolve", "link_candidates"]


class _Context:
    """What every gaps query needs: partnerships, reference year, themes."""

    def __init__(self, driver, database, as_of, doing):
        rows = store_queries.read_partnerships(driver, database=database, doing=doing)
        if not rows:
            raise QueryError("the network has no home city: gaps need formal partnerships "
                             "(PARTNER_OF ties between cities)")
        self.home, self.home_name = rows[0]["home"], rows[0]["home_name"]
        self.partnerships = sorted(
            ({k: r[k] for k in ("city", "name", "since", "status", "tie")} for r in rows),
            key=lambda r: (r["since"] is None, r["since"], r["name"]))
        found = store_queries.read_years(driver, database=database, doing=doing)
        self.mentions_years = bool(found)
        if as_of is not None:
            self.year = int(as_of)
        else:
            self.year = int(max(found)) if found else 0
        self.reported = self.year if (as_of is not None or found) else None
        self.driver, self.database, self.doing = driver, database, doing

    def themes(self) -> ThemeTable:
        """The themes table, in the order of the newest dataset's load."""
        return store_queries.read_themes(self.driver, database=self.database, doing=self.doing)


def store_coverage(driver, *, database: str | None = None, as_of=None,
                   weights=None) -> pd.DataFrame:
    """:func:`actornet.queries.coverage.coverage`, computed inside the store.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str, optional
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    weights : dict, optional
        Theme id -> priority weight, as for :func:`actornet.queries.coverage.coverage`.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`actornet.queries.coverage.coverage` on the network
        stored (columns :data:`actornet.queries.coverage.COVERAGE_COLUMNS`).

    Raises
    ------
    QueryError
        If the store holds no formal partnership, or ``weights`` is invalid.
    StoreError
        If the server cannot be reached or refuses a statement.

    Notes
    -----
    In Cypher (:data:`actornet.loaders.cypher.STORE_COVERAGE`): where each actor
    sits, which ties and projects join a partner city's actors to others,
    their years, themes and intensity, and per city and theme the counts,
    summed intensity, decayed activity and last year active. In Python: the
    themes table's priorities and the table's layout
    (:func:`actornet.queries.coverage.coverage_table`, shared with the in-memory version).
    The whole store is one network: there is no ``dataset`` filter.
    """
    context = _Context(driver, database, as_of, "computing coverage")
    themes = context.themes()
    coverage._priorities(themes, weights)  # invalid weights fail before the query
    stats = {(r["city"], r["theme"]): r
             for r in store_queries.read_coverage(driver, database=database, year=context.year,
                                                  half_life=activity.HALF_LIFE, doing=context.doing)}
    return coverage.coverage_table(context.partnerships, themes, context.year, stats,
                               weights=weights)


def store_under_served(driver, *, database: str | None = None, as_of=None,
                       weights=None) -> pd.DataFrame:
    """:func:`actornet.queries.under_served.under_served`, computed inside the store but for
    fragility.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str, optional
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    weights : dict, optional
        Component -> weight, as for :func:`actornet.queries.under_served.under_served`.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`actornet.queries.under_served.under_served` on the network
        stored (columns :data:`actornet.queries.under_served.UNDER_SERVED_COLUMNS`).

    Raises
    ------
    QueryError
        If the store holds no formal partnership, or ``weights`` is invalid.
    StoreError
        If the server cannot be reached or refuses a statement.

    Notes
    -----
    In Cypher (:data:`actornet.loaders.cypher.STORE_UNDER_SERVED`): per partner city,
    the active ties and projects, the decayed activity, the last year
    active, the themes and actor kinds of the active items and the
    strongest one. The ``fragility`` component (node-disjoint routes: a
    maximum flow) cannot be written in plain Cypher: it alone is computed in
    memory, by :func:`actornet.queries.fragility.fragility` on the network read back
    with :func:`actornet.loaders.store.read_network`. The score, ranking and ``why``
    come from :func:`actornet.queries.under_served.under_served_table`, the code the
    in-memory version runs.
    """
    chosen = under_served._check_weights(weights)
    context = _Context(driver, database, as_of, "ranking under-served partnerships")
    themes = context.themes()
    found = {r["city"]: r
             for r in store_queries.read_under_served(driver, database=database,
                                                      year=context.year,
                                                      half_life=activity.HALF_LIFE,
                                                      doing=context.doing)}
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
    return under_served.under_served_table(facts, themes, routes, year=context.year,
                                   reported=context.reported, home_name=context.home_name,
                                   chosen=chosen)


def store_dormant(driver, *, database: str | None = None, years: int = 5,
                  as_of=None) -> pd.DataFrame:
    """:func:`actornet.queries.dormant.dormant`, computed inside the store.

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
        The same table as :func:`actornet.queries.dormant.dormant` on the network stored
        (columns :data:`actornet.queries.dormant.DORMANT_COLUMNS`).

    Raises
    ------
    QueryError
        If the store holds no formal partnership, or ``years`` is less than 1.
    StoreError
        If the server cannot be reached or refuses a statement.

    Notes
    -----
    In Cypher (:data:`actornet.loaders.cypher.STORE_DORMANT_CITIES`,
    :data:`actornet.loaders.cypher.STORE_DORMANT_ACTORS`): each partner city's and
    each actor's ties and projects, the last year active, how many, and the
    counts per trend window; the actors are filtered to the dormant ones in
    the store. In Python: the slope of the four counts, the ``why`` and the
    order (:func:`actornet.queries.dormant.dormant_table`, shared with the in-memory
    version).
    """
    if not isinstance(years, int) or isinstance(years, bool) or years < 1:
        raise QueryError("years must be a whole number, 1 or more")
    context = _Context(driver, database, as_of, "finding dormant partnerships")
    windows = dormant.trend_windows(context.year)
    cities = {r["city"]: r
              for r in store_queries.read_dormant_cities(driver, database=database,
                                                         year=context.year, windows=windows,
                                                         doing=context.doing)}
    facts = []
    for partnership in context.partnerships:
        city = partnership["city"]
        r = cities.get(city)
        facts.append({"level": "partnership", "id": city, "name": partnership["name"],
                      "kind": Kind.CITY.value, "city": city,
                      "status": activity._status(partnership, context.year),
                      "last_active": r["last_active"] if r else None,
                      "ties_ever": r["ties_ever"] if r else 0,
                      "trend": r["trend"] if r else [0] * len(windows)})
    kinds = [k.value for k in ACTOR_KINDS if k is not Kind.CITY]
    for r in store_queries.read_dormant_actors(driver, database=database, year=context.year,
                                               windows=windows, years=years, kinds=kinds,
                                               doing=context.doing):
        facts.append({"level": "actor", "status": None, **r})
    return dormant.dormant_table(facts, year=context.year, years=years)


# -- introduction paths inside the store --------------------------------------------

def _bidirectional_dijkstra(neighbours, source, target, detour=None):
    """networkx's bidirectional Dijkstra, asking ``neighbours(node)`` for each
    node it settles (so only the explored part of the store is read).
    ``detour(nodes)``: what passing each node adds (half on each link into or
    out of it), as :func:`actornet.queries.paths.route_lengths` adds it."""
    if source == target:
        return [source]
    dists = [{}, {}]
    paths = [{source: [source]}, {target: [target]}]
    fringe = [[], []]
    seen = [{source: 0.0}, {target: 0.0}]
    counter = itertools.count()
    heapq.heappush(fringe[0], (0.0, next(counter), source))
    heapq.heappush(fringe[1], (0.0, next(counter), target))
    known = {}
    extra = {}
    final_path, final_dist = [], math.inf
    direction = 1
    while fringe[0] and fringe[1]:
        direction = 1 - direction
        dist, _, v = heapq.heappop(fringe[direction])
        if v in dists[direction]:
            continue
        dists[direction][v] = dist
        if v in dists[1 - direction]:
            return final_path
        if v not in known:
            known[v] = neighbours(v)
            if detour is not None:
                extra.update(detour([v, *(w for w, _ in known[v] if w not in extra)]))
        for w, strength in known[v]:
            if strength <= 0:
                continue
            length = dists[direction][v] + 1.0 / strength
            if detour is not None:
                length += (extra.get(v, 0.0) + extra.get(w, 0.0)) / 2
            if w in dists[direction]:
                continue
            if w not in seen[direction] or length < seen[direction][w]:
                seen[direction][w] = length
                heapq.heappush(fringe[direction], (length, next(counter), w))
                paths[direction][w] = paths[direction][v] + [w]
                if w in seen[0] and w in seen[1]:
                    total = seen[0][w] + seen[1][w]
                    if not final_path or final_dist > total:
                        final_dist = total
                        final_path = paths[0][w] + paths[1][w][-2::-1]
    return None


def store_introduction_path(driver, source, target, *, database: str | None = None,
                            as_of=None):
    """The warm introduction path between two actors, searched inside the store.

    The same path as :func:`actornet.queries.paths.introduction_path` (``k=1``): the
    chain of ties with the least total ``distance`` = 1 / strength over the
    actor graph, each step with the ties behind it.

    Parameters
    ----------
    driver : neo4j.Driver
    source, target : str
        Actor ids (see :func:`store_resolve` for names and aliases).
    database : str, optional
    as_of : int, optional
        Use only ties valid in that year.

    Returns
    -------
    actornet.queries.paths.IntroductionPath

    Raises
    ------
    ResolveError
        If ``source`` or ``target`` is no actor in the store.
    NoPathError
        If no chain of ties links them.

    Notes
    -----
    Plain Cypher has no weighted shortest path (that needs Neo4j's Graph
    Data Science library, which a store may not have), and enumerating
    variable-length paths grows too fast: a step through a shared project is
    two relationships. So the search is a bidirectional Dijkstra that asks
    the store for one actor's neighbours and link strengths each time it
    settles an actor (:data:`actornet.loaders.cypher.STORE_ACTOR_NEIGHBOURS`): only
    the part of the store the search explores is read, and the store does
    the joins. The steps' evidence is then read for the path alone. Among
    equally short paths, one is chosen.
    """
    year = None if as_of is None else int(as_of)
    found = store_queries.read_labels(driver, [source, target], database=database)
    for node in (source, target):
        labels = found.get(node, set())
        if not labels & {kind.label for kind in ACTOR_KINDS}:
            raise ResolveError(f"{node} is no actor in the store; paths run between actors",
                               [])
    city = Kind.CITY.label

    def detour(nodes):
        # A city node (a whole city's administration) only when nothing else
        # links: the CITY_DETOUR of actornet path. (The store search does not
        # yet apply the suspended-partnership rule.)
        labels = store_queries.read_labels(driver, sorted(set(nodes)), database=database)
        return {n: (CITY_DETOUR if city in labels.get(n, set()) else 0.0) for n in nodes}

    route = _bidirectional_dijkstra(
        lambda n: store_queries.read_neighbours(driver, n, year=year, database=database),
        source, target, detour)
    if route is None:
        when = f" in {year}" if year is not None else ""
        raise NoPathError(f"no chain of ties links {source} and {target}{when}")
    network = store_queries.read_path_network(driver, route, year=year, database=database)
    return _path(network, network.actor_graph(), route)
