"""Dormant partnerships and actors: no active tie in N years, with the trend.

Partnerships (of the network's home city) and actors whose last active tie
or project is longer ago than a number of years, each with the last active
year, ties and projects per window of years and the slope of that trend. What
counts as activity is in :mod:`actornet.queries.activity`.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import pandas as pd

from actornet.graph.errors import QueryError
from actornet.graph.schema import Kind
from actornet.queries.activity import activity_items, gap_frame, reference_year_of
from actornet.queries.partnership_facts import partnership_facts

__all__ = ["dormant", "dormant_table", "trend_windows", "TREND_WINDOW", "TREND_WINDOWS",
           "DORMANT_COLUMNS"]

#: Years per window of the trend in :func:`dormant`.
TREND_WINDOW = 5
#: Number of windows in the trend (the last one ends in the reference year).
TREND_WINDOWS = 4

# Report progress after this many actors.
PROGRESS_EVERY = 2000

#: The columns of :func:`dormant`'s table, in order.
DORMANT_COLUMNS = ["level", "id", "name", "kind", "city", "status", "last_active",
                   "years_dormant", "ties_ever", "trend", "slope", "why"]


def trend_windows(year) -> list[list[int]]:
    """The trend's windows ``[first year, last year]``, oldest first, the
    last ending in ``year``."""
    windows = []
    for w in range(TREND_WINDOWS - 1, -1, -1):
        end = year - w * TREND_WINDOW
        windows.append([end - TREND_WINDOW + 1, end])
    return windows


def _trend(items, year):
    """Items active in each trend window, and the slope (the plain version;
    :func:`dormant` counts the same with :func:`_counts`)."""
    counts = [sum(1 for i in items if i.in_window(start, end))
              for start, end in trend_windows(year)]
    return counts, _slope(counts)


def _counts(items, windows):
    """Per window ``[start, end]``: how many items were active in it
    (``ActivityItem.in_window`` inlined)."""
    counts = [0] * len(windows)
    for item in items:
        since, until = item.since, item.until
        for w, (start, end) in enumerate(windows):
            if (since is None or since <= end) and (until is None or until >= start):
                counts[w] += 1
    return counts


def _slope(counts):
    n = len(counts)
    mean_x = (n - 1) / 2
    mean_y = sum(counts) / n
    denom = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(counts)) / denom if denom else 0.0
    return float(slope)


def dormant(network, *, years=5, as_of=None, progress=None) -> pd.DataFrame:
    """Partnerships and actors with no active tie in the last ``years`` years.

    Parameters
    ----------
    network : ActorNetwork
    years : int, default 5
        How many years without an active tie make a partnership or an actor
        dormant (at least 1).
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    progress : callable, optional
        Called as ``progress(done, total)`` now and then with the
        partnerships and actors looked at, and once at the end with
        ``done == total``.

    Returns
    -------
    pandas.DataFrame
        Dormant partnerships first (``level`` = ``partnership``), then dormant
        actors (``level`` = ``actor``), each longest dormant first, with the
        columns :data:`DORMANT_COLUMNS`:

        - ``id``, ``name``, ``kind``, ``city``: the partner city (for a
          partnership) or the actor and where it sits;
        - ``status``: the partnership's status (``active``, ``suspended``,
          ...); None for actors;
        - ``last_active``: the last year a tie or project was active (None
          if none ever was); ``years_dormant``: years since (NaN if never);
        - ``ties_ever``: ties and projects started by the reference year;
        - ``trend``: ties and projects active in each of the last
          :data:`TREND_WINDOWS` windows of :data:`TREND_WINDOW` years, oldest
          first, the last ending in the reference year; ``slope``: the
          least-squares slope of those counts per window;
        - ``why``: the finding in plain language.

        A partnership's activity is as in
        :func:`actornet.queries.coverage.coverage`; an actor's is
        every tie it has (besides PARTNER_OF, BASED_IN, WORKS_ON) and every
        project it takes part in. Cities are reported as partnerships, not
        as actors; actors with no tie at all are not listed.

    Raises
    ------
    QueryError
        If the network has no home city, or ``years`` is less than 1.

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat in [("home", "city", None), ("twin", "city", None),
    ...                       ("uni", "institution", "home"), ("lab", "institution", "twin")]:
    ...     G.add_node(n, kind=kind, name=n.title())
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> _ = G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    >>> _ = G.add_edge("uni", "lab", key="t1", type="COOPERATES_WITH", since=2005, until=2012)
    >>> table = dormant(ActorNetwork(G), as_of=2020)
    >>> table[["level", "id", "last_active", "years_dormant", "trend"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'level': 'partnership', 'id': 'twin', 'last_active': 2012, 'years_dormant': 8.0,
      'trend': [1, 1, 1, 0]},
     {'level': 'actor', 'id': 'lab', 'last_active': 2012, 'years_dormant': 8.0,
      'trend': [1, 1, 1, 0]},
     {'level': 'actor', 'id': 'uni', 'last_active': 2012, 'years_dormant': 8.0,
      'trend': [1, 1, 1, 0]}]
    >>> len(dormant(ActorNetwork(G), as_of=2015))
    0
    """
    if not isinstance(years, int) or years < 1:
        raise QueryError("years must be a whole number, 1 or more")
    # The partnerships' records are shared with fragility, under_served,
    # coverage and the report (their activity: the same items, the same year).
    partnerships = partnership_facts(network, as_of=as_of, routes=False)
    year = reference_year_of(network, as_of)
    _, by_actor = activity_items(network)
    G = network.graph
    facts = []

    windows = trend_windows(year)

    def add(level, node, items, status, city):
        # ActivityItem.started and ActivityItem.last inlined: tens of thousands of actors.
        started = [i for i in items if i.since is None or i.since <= year]
        last = None
        for i in started:
            until = i.until
            seen = year if until is None or until >= year else until
            if last is None or seen > last:
                last = seen
        if last is not None and year - last < years:
            return  # active lately: dormant_table would drop it; skip its trend
        facts.append({"level": level, "id": node, "name": G.nodes[node].get("name", node),
                      "kind": G.nodes[node]["kind"], "city": city, "status": status,
                      "last_active": last, "ties_ever": len(started),
                      "trend": _counts(started, windows)})

    total = len(partnerships) + len(by_actor)
    done = 0
    for fact in partnerships:
        city = fact["city"]
        add("partnership", city, fact["items"], fact["status"], city)
        done += 1
    city_kind = Kind.CITY.value
    for actor in network.actors():
        items = by_actor.get(actor)
        if items is None or G.nodes[actor]["kind"] == city_kind:
            continue
        add("actor", actor, items, None, network.city_of(actor))
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    return dormant_table(facts, year=year, years=years)


def dormant_table(facts, *, year, years) -> pd.DataFrame:
    """:func:`dormant`'s table from the facts gathered per partnership and actor.

    Shared by :func:`dormant` and the store's version
    (``actornet.loaders.store_queries.store_dormant``): keeps the dormant ones, writes
    ``slope`` and ``why`` and sorts.

    Parameters
    ----------
    facts : list of dict
        ``level``, ``id``, ``name``, ``kind``, ``city``, ``status``,
        ``last_active`` (or None), ``ties_ever`` and ``trend`` (the counts
        per window of :func:`trend_windows`), as :func:`dormant` documents
        its columns; partnerships first, then actors.
    year : int
        The reference year.
    years : int
        Years without an active tie that make one dormant.

    Returns
    -------
    pandas.DataFrame
        With the columns :data:`DORMANT_COLUMNS`.
    """
    first = year - TREND_WINDOWS * TREND_WINDOW + 1
    span = f"{first}–{year}"
    rows = []
    # Names in the why; the id beside a name only when two actors share it.
    seen, shared = set(), set()
    for fact in facts:
        if fact["level"] != "partnership":
            (shared if fact["name"] in seen else seen).add(fact["name"])
    for fact in facts:
        last = fact["last_active"]
        if last is not None and year - last < years:
            continue
        counts = [int(c) for c in fact["trend"]]
        level, node, name, status = fact["level"], fact["id"], fact["name"], fact["status"]
        label = name if level == "partnership" or name not in shared else f"{name} ({node})"
        if last is None:
            why = f"{label}: never had an active tie or project (up to {year})."
        else:
            why = (f"{label}: no active tie or project since {last} ({year - last} years); "
                   f"ties and projects per {TREND_WINDOW}-year window {span}: "
                   f"{', '.join(map(str, counts))}.")
        if status not in (None, "active"):
            why += f" The partnership is {status}."
        rows.append({"level": level, "id": node, "name": name, "kind": fact["kind"],
                     "city": fact["city"], "status": status, "last_active": last,
                     "years_dormant": float(year - last) if last is not None else float("nan"),
                     "ties_ever": int(fact["ties_ever"]), "trend": counts,
                     "slope": _slope(counts), "why": why})
    order = {"partnership": 0, "actor": 1}
    rows.sort(key=lambda r: (order[r["level"]], r["last_active"] is not None,
                             r["last_active"] if r["last_active"] is not None else 0, r["id"]))
    return gap_frame(rows, DORMANT_COLUMNS)
