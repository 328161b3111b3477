"""Coverage: each partnership's activity per theme, next to the theme's priority.

One row per partner city (a formal partnership of the network's home city,
see ``ActorNetwork.partnerships``) and theme: the active ties and projects
involving the partner city's actors in the theme, weighted by intensity and
recency. What counts as activity is in :mod:`actornet.queries.activity`.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from actornet.graph.errors import QueryError
from actornet.queries.activity import (gap_frame, partnership_status, priority_themes,
                                       reference_year_of)
from actornet.queries.partnership_facts import partnership_facts

__all__ = ["coverage", "coverage_table", "COVERAGE_COLUMNS"]

#: The columns of :func:`coverage`'s table, in order.
COVERAGE_COLUMNS = ["city", "name", "status", "theme", "theme_name", "theme_short", "priority",
                    "ties", "projects", "intensity", "activity", "last_active", "gap"]


def coverage(network, *, as_of=None, weights=None, progress=None) -> pd.DataFrame:
    """Activity per partner city and theme, next to each theme's priority.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int, optional
        The reference year (default: the last year the network mentions).
        Ties that start later are ignored; ties that ended earlier count with
        the recency decay.
    weights : dict, optional
        Theme id -> priority weight, overriding the themes table's priority
        for those themes (e.g. a new strategy's weights).
    progress : callable, optional
        Called as ``progress(done, total)`` with the partnerships done,
        ending with ``done == total``.

    Returns
    -------
    pandas.DataFrame
        One row per partnership and theme (partnerships in
        ``ActorNetwork.partnerships`` order, themes in the themes table's
        order), with the columns :data:`COVERAGE_COLUMNS`:

        - ``city``, ``name``, ``status``: the partner city and the
          partnership's status (``not yet signed`` before its year);
        - ``theme``, ``theme_name``, ``theme_short``, ``priority``: the theme,
          its label and short label (for headings) and its strategic
          priority weight (from the themes table, or ``weights``);
        - ``ties``, ``projects``: active direct ties and projects in the
          theme in the reference year (int);
        - ``intensity``: their summed intensity (tie weight);
        - ``activity``: the summed intensity of every tie and project in the
          theme started by the reference year, each times its recency
          ``0.5 ** (years since it was last active / HALF_LIFE)``;
        - ``last_active``: the last year any of them was active (None if
          none ever was);
        - ``gap``: True for a priority theme (``ThemeTable.priorities``) with
          no active tie or project.

    Raises
    ------
    QueryError
        If the network has no home city, or ``weights`` names an unknown
        theme or gives a negative weight.

    Notes
    -----
    See the module's notes for what counts as a partner city's activity.
    A tie with several themes counts in each of them; a tie with no theme in
    none (it still counts in :func:`under_served`'s overall activity).

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> from actornet.graph.schema import Theme, ThemeTable
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat in [("home", "city", None), ("twin", "city", None),
    ...                       ("uni", "institution", "home"), ("lab", "institution", "twin")]:
    ...     G.add_node(n, kind=kind, name=n.title())
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> _ = G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    >>> _ = G.add_edge("uni", "lab", key="t1", type="COOPERATES_WITH", themes=["science"],
    ...                since=2000, until=2010, weight=4)
    >>> themes = ThemeTable([Theme("science", "Science", priority=3),
    ...                      Theme("sport", "Sport", priority=1)])
    >>> net = ActorNetwork(G, themes)
    >>> table = coverage(net, as_of=2015)
    >>> table[["theme", "priority", "ties", "activity", "last_active", "gap"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'theme': 'science', 'priority': 3.0, 'ties': 0, 'activity': 2.0, 'last_active': 2010,
      'gap': True},
     {'theme': 'sport', 'priority': 1.0, 'ties': 0, 'activity': 0.0, 'last_active': None,
      'gap': False}]
    >>> int(coverage(net, as_of=2005)["ties"].iloc[0])
    1
    """
    # The partnerships' records are shared with fragility, under_served,
    # dormant and the report (their activity: the same items, the same year).
    facts = partnership_facts(network, as_of=as_of, routes=False)
    partnerships = [fact["partnership"] for fact in facts]
    year = reference_year_of(network, as_of)
    stats = {}
    for done, fact in enumerate(facts):
        if progress is not None:
            progress(done, len(partnerships))
        city = fact["city"]
        per_theme = defaultdict(list)
        for item in fact["items"]:
            for theme in item.themes:
                per_theme[theme].append(item)
        for theme, items in per_theme.items():
            active = [i for i in items if i.active(year)]
            stats[city, theme] = {
                "ties": sum(1 for i in active if i.kind == "tie"),
                "projects": sum(1 for i in active if i.kind == "project"),
                "intensity": sum(i.weight for i in active),
                "activity": sum(i.weight * i.recency(year) for i in items),
                "last_active": max((i.last(year) for i in items), default=None),
            }
    if progress is not None:
        progress(len(partnerships), len(partnerships))
    return coverage_table(partnerships, network.themes, year, stats, weights=weights)


def coverage_table(partnerships, themes, year, stats, *, weights=None) -> pd.DataFrame:
    """:func:`coverage`'s table from the activity per partner city and theme.

    Shared by :func:`coverage` and the store's version
    (``actornet.loaders.store_queries.store_coverage``), so both give the same table.

    Parameters
    ----------
    partnerships : list of dict
        As ``ActorNetwork.partnerships`` returns them, in that order.
    themes : ThemeTable
    year : int
        The reference year.
    stats : dict
        ``(city, theme id)`` -> ``ties``, ``projects``, ``intensity``,
        ``activity``, ``last_active`` of the items started by ``year``; a
        missing pair means none.
    weights : dict, optional
        As for :func:`coverage`.

    Returns
    -------
    pandas.DataFrame
        With the columns :data:`COVERAGE_COLUMNS`.
    """
    priority = _priorities(themes, weights)
    gap_themes = priority_themes(themes, priority)
    rows = []
    for partnership in partnerships:
        city = partnership["city"]
        status = partnership_status(partnership, year)
        for theme in themes:
            found = stats.get((city, theme.id))
            active = found is not None and (found["ties"] or found["projects"])
            rows.append({
                "city": city, "name": partnership["name"], "status": status,
                "theme": theme.id, "theme_name": theme.label_en,
                "theme_short": theme.short_label,
                "priority": float(priority[theme.id]),
                "ties": int(found["ties"]) if found else 0,
                "projects": int(found["projects"]) if found else 0,
                "intensity": float(found["intensity"]) if found else 0.0,
                "activity": float(found["activity"]) if found else 0.0,
                "last_active": found["last_active"] if found else None,
                "gap": theme.id in gap_themes and not active,
            })
    return gap_frame(rows, COVERAGE_COLUMNS)


def _priorities(themes, weights):
    priority = {t.id: t.priority for t in themes}
    for theme_id, value in (weights or {}).items():
        if theme_id not in priority:
            raise QueryError(f"weights names a theme the themes table does not have: {theme_id}")
        if not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
            raise QueryError(f"the weight of theme {theme_id} must be a number, 0 or more")
        priority[theme_id] = float(value)
    return priority
