"""Gaps: which partnerships are under-served, in which themes, and why.

Three tables for a planner, all per formal partnership of the network's home
city (see ``ActorNetwork.partnerships``):

- :func:`coverage`: partner city x theme, the active ties and projects
  involving the partner city's actors in each theme, weighted by intensity and
  recency, next to the theme's strategic priority (from the themes table);
- :func:`under_served`: one row per partnership, ranked most under-served
  first, each weighted component of the score side by side and a
  plain-language ``why``;
- :func:`dormant`: partnerships and actors with no active tie in N years,
  with the last active year and the trend.

What counts as activity
-----------------------
A partnership's *activity* is the ties and projects that join the partner
city's actors (``ActorNetwork.city_of``; a city sits in itself) to actors
outside that city:

- a direct tie (COOPERATES_WITH, MEMBER_OF, KNOWS) with one end in the
  partner city and the other end elsewhere; its themes are its own plus those
  of the project it names. The formal PARTNER_OF tie is the partnership
  itself, never activity;
- a project with a participant (PARTICIPATES_IN or FUNDS) in the partner
  city and one elsewhere; its themes are the project's, its years those of
  the partner city's participations (which inherit the project's).

An item is *active* in year Y when it started in or before Y (or has no
start) and did not end before Y, as in ``ActorNetwork.active``. The
*reference year* is ``as_of`` or, when not given, the last year the network
mentions (``ActorNetwork.years``).

Recency decay: an item that ended in year E counts ``0.5 ** ((Y - E) /
HALF_LIFE)`` of its intensity (an active item counts fully); intensity is the
tie's ``weight`` (1-5; a missing weight counts ``DEFAULT_INTENSITY``), for a
project the strongest partner-side participation.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from actornet.graph._gc import gc_paused
from actornet.graph.errors import QueryError
from actornet.graph.schema import ACTOR_KINDS, DEFAULT_INTENSITY, Kind, Projection, TieType
from actornet.queries.fragility import fragility

__all__ = [
    "coverage",
    "under_served",
    "dormant",
    "coverage_table",
    "under_served_table",
    "dormant_table",
    "trend_windows",
    "UNDER_SERVED_WEIGHTS",
    "HALF_LIFE",
    "DORMANCY_HORIZON",
    "TREND_WINDOW",
    "TREND_WINDOWS",
    "COVERAGE_COLUMNS",
    "UNDER_SERVED_COLUMNS",
    "DORMANT_COLUMNS",
]

#: Years after which an ended tie counts half (the recency decay's half-life).
HALF_LIFE = 5
#: Years without an active tie at which the dormancy component reaches 1.
DORMANCY_HORIZON = 10
#: Years per window of the trend in :func:`dormant`.
TREND_WINDOW = 5
#: Number of windows in the trend (the last one ends in the reference year).
TREND_WINDOWS = 4

#: The default weight of each component of :func:`under_served`'s score. Each
#: component runs from 0 (no concern) to 1 (the worst case); the score is the
#: weighted sum. Override any of them with ``weights=``.
#:
#: - ``low_activity``: little activity relative to the other partnerships;
#: - ``theme_gaps``: priority themes with no active tie or project;
#: - ``dormancy``: years since the last active tie;
#: - ``narrow_actors``: few kinds of actors involved;
#: - ``fragility``: few independent routes between the two cities' actors.
UNDER_SERVED_WEIGHTS = {
    "low_activity": 1.0,
    "theme_gaps": 1.0,
    "dormancy": 1.0,
    "narrow_actors": 0.5,
    "fragility": 1.0,
}

#: The columns of :func:`coverage`'s table, in order.
COVERAGE_COLUMNS = ["city", "name", "status", "theme", "theme_name", "priority", "ties",
                    "projects", "intensity", "activity", "last_active", "gap"]

_COMPONENTS = list(UNDER_SERVED_WEIGHTS)

#: The columns of :func:`under_served`'s table, in order.
UNDER_SERVED_COLUMNS = (
    ["rank", "city", "name", "since", "status", "score"]
    + [c for name in _COMPONENTS for c in (name, f"{name}_weighted")]
    + ["active_ties", "active_projects", "activity", "activity_ratio", "missing_themes",
       "last_active", "years_dormant", "kinds", "routes", "single_points_of_failure",
       "single_point_names", "why"]
)

#: The columns of :func:`dormant`'s table, in order.
DORMANT_COLUMNS = ["level", "id", "name", "kind", "city", "status", "last_active",
                   "years_dormant", "ties_ever", "trend", "slope", "why"]

_DIRECT = [t for t in TieType if t.projection is Projection.DIRECT and t is not TieType.PARTNER_OF]
_PROJECT = [t for t in TieType if t.projection is Projection.PROJECT]
_ACTOR_KIND_ORDER = [k.value for k in Kind if k in ACTOR_KINDS]


@dataclass(frozen=True)
class _Item:
    """One tie or project, as activity of a partner city or an actor."""

    kind: str  # "tie" or "project"
    id: str
    themes: frozenset
    since: int | None
    until: int | None
    weight: float
    actors: tuple

    def started(self, year) -> bool:
        return self.since is None or self.since <= year

    def active(self, year) -> bool:
        return self.started(year) and (self.until is None or self.until >= year)

    def last(self, year) -> int:
        """The last year (up to ``year``) the item was active."""
        return year if self.until is None or self.until >= year else self.until

    def recency(self, year) -> float:
        return 0.5 ** ((year - self.last(year)) / HALF_LIFE)

    def in_window(self, start, end) -> bool:
        return (self.since is None or self.since <= end) and (self.until is None or self.until >= start)


# -- collecting activity ------------------------------------------------------------
def _reference_year(network, as_of):
    if as_of is not None:
        return int(as_of)
    last = network.years()[1]
    # No year anywhere: every tie is undated and active in any year.
    return int(last) if last is not None else 0


def _weight(data):
    weight = data.get("weight")
    return DEFAULT_INTENSITY if weight is None else weight


def _item(kind, key, themes, since, until, weight, actors, _new=object.__new__):
    """An :class:`_Item` without the frozen dataclass' ``__init__`` (seven
    ``object.__setattr__`` calls): the same object, about three times faster
    to make, for the hundreds of thousands :func:`_collect` makes."""
    item = _new(_Item)
    item.__dict__.update(kind=kind, id=key, themes=themes, since=since, until=until,
                         weight=weight, actors=actors)
    return item


def _collect(network):
    """Per city and per actor: the ties and projects that are their activity.

    Returns ``(by_city, by_actor)``: city -> list of cross-city items (see the
    module's notes); actor -> list of its own ties and participations.

    One pass over the adjacency dicts (in ``network.ties`` order), with
    ``ActorNetwork.period`` and ``city_of`` inlined: the same items in the
    same order as the plain version over ``network.ties`` (kept in
    tests/queries/test_gaps.py as the reference), several times faster on
    big networks.
    """
    with gc_paused():  # hundreds of thousands of items: no cycles to collect
        return _collect_items(network)


def _collect_items(network):
    G = network.graph
    node_data, succ = G._node, G._succ  # plain dict access: views cost more per edge
    city_of = network._cities.get
    direct = {t.value for t in _DIRECT}
    project_types = {t.value for t in _PROJECT}
    empty = ()
    by_city = defaultdict(list)
    by_actor = defaultdict(list)
    joins = []  # project ties, handled after every direct tie (as network.ties twice would)
    for u, neighbours in succ.items():
        for v, keyed in neighbours.items():
            for key, data in keyed.items():
                tie_type = data["type"]
                if tie_type in direct:
                    since, until = data.get("since"), data.get("until")
                    themes = set(data.get("themes", empty))
                    project = data.get("project")
                    if project is not None and project in node_data:
                        pdata = node_data[project]
                        if since is None:
                            since = pdata.get("since")
                        if until is None:
                            until = pdata.get("until")
                        themes.update(pdata.get("themes", empty))
                    weight = data.get("weight")
                    item = _item("tie", key, frozenset(themes), since, until,
                                 DEFAULT_INTENSITY if weight is None else weight, (u, v))
                    by_actor[u].append(item)
                    by_actor[v].append(item)
                    cu, cv = city_of(u), city_of(v)
                    if cu != cv:
                        if cu is not None:
                            by_city[cu].append(item)
                        if cv is not None:
                            by_city[cv].append(item)
                elif tie_type in project_types:
                    joins.append((u, v, key, data))
    members = defaultdict(list)  # project -> [(actor, city, since, until, weight, key)]
    for u, p, key, data in joins:
        since, until = data.get("since"), data.get("until")
        project = data.get("project")
        if project is None:
            project = p
        if project in node_data:
            pdata = node_data[project]
            if since is None:
                since = pdata.get("since")
            if until is None:
                until = pdata.get("until")
        weight = data.get("weight")
        weight = DEFAULT_INTENSITY if weight is None else weight
        members[p].append((u, city_of(u), since, until, weight, key))
        themes = frozenset(data.get("themes", empty)) | frozenset(node_data[p].get("themes", empty))
        by_actor[u].append(_item("tie", key, themes, since, until, weight, (u,)))
    for p, joined in members.items():
        themes = frozenset(node_data[p].get("themes", empty))
        cities = {c for _, c, *_ in joined}
        participants = tuple(sorted({a for a, *_ in joined}))
        for c in cities:
            if c is None or cities == {c}:
                continue
            mine = [m for m in joined if m[1] == c]
            starts = [m[2] for m in mine]
            ends = [m[3] for m in mine]
            since = None if any(s is None for s in starts) else min(starts)
            until = None if any(e is None for e in ends) else max(ends)
            by_city[c].append(_item("project", p, themes, since, until,
                                    max(m[4] for m in mine), participants))
    return by_city, by_actor


def _partnerships(network):
    home = network.home_city
    if home is None:
        raise QueryError("the network has no home city: gaps need formal partnerships "
                         "(PARTNER_OF ties between cities)")
    return home, network.partnerships()


def _status(partnership, year):
    since = partnership["since"]
    if since is not None and since > year:
        return "not yet signed"
    return partnership["status"]


def _name(network, node) -> str:
    return network.graph.nodes[node].get("name", node)


def _frame(rows, columns):
    """A DataFrame whose ``last_active`` stays whole years or None (not floats)."""
    table = pd.DataFrame(rows, columns=columns)
    table["last_active"] = pd.Series([r["last_active"] for r in rows], dtype=object,
                                     index=table.index)
    return table


# -- coverage -------------------------------------------------------------------------
def coverage(network, *, as_of=None, weights=None) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        One row per partnership and theme (partnerships in
        ``ActorNetwork.partnerships`` order, themes in the themes table's
        order), with the columns :data:`COVERAGE_COLUMNS`:

        - ``city``, ``name``, ``status``: the partner city and the
          partnership's status (``not yet signed`` before its year);
        - ``theme``, ``theme_name``, ``priority``: the theme and its strategic
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
    _, partnerships = _partnerships(network)
    year = _reference_year(network, as_of)
    by_city, _ = _collect(network)
    stats = {}
    for partnership in partnerships:
        city = partnership["city"]
        per_theme = defaultdict(list)
        for item in by_city.get(city, ()):
            if item.started(year):
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
    gap_themes = _gap_themes(themes, priority)
    rows = []
    for partnership in partnerships:
        city = partnership["city"]
        status = _status(partnership, year)
        for theme in themes:
            found = stats.get((city, theme.id))
            active = found is not None and (found["ties"] or found["projects"])
            rows.append({
                "city": city, "name": partnership["name"], "status": status,
                "theme": theme.id, "theme_name": theme.label_en,
                "priority": float(priority[theme.id]),
                "ties": int(found["ties"]) if found else 0,
                "projects": int(found["projects"]) if found else 0,
                "intensity": float(found["intensity"]) if found else 0.0,
                "activity": float(found["activity"]) if found else 0.0,
                "last_active": found["last_active"] if found else None,
                "gap": theme.id in gap_themes and not active,
            })
    return _frame(rows, COVERAGE_COLUMNS)


def _priorities(themes, weights):
    priority = {t.id: t.priority for t in themes}
    for theme_id, value in (weights or {}).items():
        if theme_id not in priority:
            raise QueryError(f"weights names a theme the themes table does not have: {theme_id}")
        if not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
            raise QueryError(f"the weight of theme {theme_id} must be a number, 0 or more")
        priority[theme_id] = float(value)
    return priority


def _gap_themes(themes, priority):
    """The priority themes: those ``ThemeTable.priorities`` returns, with the
    (possibly overridden) weights applied to its default threshold."""
    threshold = min((t.priority for t in themes.priorities()), default=None)
    if threshold is None:
        return {}
    return {t: p for t, p in priority.items() if p >= threshold}


# -- under-served ---------------------------------------------------------------------
def checked_weights(defaults, weights, *, part="component", what="weights") -> dict:
    """``defaults`` with the overrides in ``weights`` applied, each checked:
    a known name and a number, 0 or more (shared by the gaps and the
    recommendations, whose scores are weighted sums).

    Raises
    ------
    QueryError
        Naming the unknown ``part`` in ``what``, or the weight that is wrong.
    """
    chosen = dict(defaults)
    for name, value in (weights or {}).items():
        if name not in chosen:
            raise QueryError(f"unknown {part} in {what}: {name}; known: " + ", ".join(defaults))
        if (not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value)
                or value < 0):
            raise QueryError(f"the weight of {name} must be a number, 0 or more")
        chosen[name] = float(value)
    return chosen


def _check_weights(weights):
    return checked_weights(UNDER_SERVED_WEIGHTS, weights)


def _list(words) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def under_served(network, *, as_of=None, weights=None) -> pd.DataFrame:
    """The partnerships ranked by how under-served they are, with the reasons.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    weights : dict, optional
        Component -> weight, overriding :data:`UNDER_SERVED_WEIGHTS` for the
        components named (0 switches a component off).

    Returns
    -------
    pandas.DataFrame
        One row per partnership, with the columns :data:`UNDER_SERVED_COLUMNS`.
        Active partnerships first, most under-served (highest ``score``)
        first, ranked 1, 2, ...; then suspended partnerships and those not
        yet signed in the reference year, unranked (``rank`` is missing):
        they are reported, not gaps to fill.

        - ``score``: the sum of the ``*_weighted`` columns;
        - each component (0 to 1) and ``<component>_weighted`` (times its
          weight):

          - ``low_activity`` = ``1 / (1 + activity_ratio)``, where
            ``activity_ratio`` is the partnership's ``activity`` (all
            themes, decayed as in :func:`coverage`, each item counted once)
            over the median activity of the ranked partnerships (over
            their mean when the median is 0; 0 when the mean is 0 too), so
            a partnership as active as the median one scores 0.5;
          - ``theme_gaps``: the summed priority of the priority themes with
            no active tie or project (``missing_themes``), over the summed
            priority of all priority themes;
          - ``dormancy``: ``years_dormant / DORMANCY_HORIZON``, at most 1
            (1 when no tie was ever active);
          - ``narrow_actors``: ``1 - len(kinds) / 6``, where ``kinds`` are
            the actor kinds at either end of the active ties and projects
            (city, institution, company, federal_body, ngo, person);
          - ``fragility``: ``1 / routes`` (1 for 0 routes), the node-disjoint
            routes of :func:`actornet.queries.fragility.fragility` in the reference
            year, whose single points of failure are listed by id and name;
        - ``active_ties``, ``active_projects``: counts in the reference year;
        - ``last_active``, ``years_dormant``: the last year with an active
          tie or project, and the years since (None and NaN when none ever);
        - ``why``: the findings in plain language, naming themes, actors and
          the years.

    Raises
    ------
    QueryError
        If the network has no home city, or ``weights`` names an unknown
        component or gives a negative weight.

    See Also
    --------
    coverage : the activity per theme behind ``theme_gaps``.
    actornet.queries.fragility.fragility : the routes behind ``fragility``.

    Examples
    --------
    Two partnerships: one lively and varied, one held by a single desk
    officer working on culture only.

    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> from actornet.graph.schema import Theme, ThemeTable
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat in [("home", "city", None), ("near", "city", None),
    ...                       ("far", "city", None), ("desk", "person", "home"),
    ...                       ("uni", "institution", "home"), ("club", "ngo", "home"),
    ...                       ("lab", "institution", "near"), ("fans", "ngo", "near"),
    ...                       ("museum", "institution", "far")]:
    ...     G.add_node(n, kind=kind, name=n.title())
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> for city in ("near", "far"):
    ...     _ = G.add_edge("home", city, key=f"home-{city}", type="PARTNER_OF", since=1990)
    >>> _ = G.add_edge("uni", "lab", key="t1", type="COOPERATES_WITH", themes=["science"],
    ...                since=2010, weight=4)
    >>> _ = G.add_edge("club", "fans", key="t2", type="COOPERATES_WITH", themes=["culture"],
    ...                since=2012, weight=3)
    >>> _ = G.add_edge("desk", "museum", key="t3", type="COOPERATES_WITH", themes=["culture"],
    ...                since=2015, weight=2)
    >>> themes = ThemeTable([Theme("science", "Science", priority=3),
    ...                      Theme("culture", "Culture", priority=3)])
    >>> table = under_served(ActorNetwork(G, themes), as_of=2020)
    >>> table[["rank", "city", "missing_themes", "routes"]].to_dict("records")
    [{'rank': 1, 'city': 'far', 'missing_themes': ['science'], 'routes': 1}, {'rank': 2, 'city': 'near', 'missing_themes': [], 'routes': 2}]
    >>> print(table["why"].iloc[0])  # doctest: +ELLIPSIS
    Far in 2020: ... No active tie or project in the priority theme science. ... If any one of Desk (desk), Museum (museum) leaves, ties to Far drop to zero.
    """
    home, partnerships = _partnerships(network)
    chosen = _check_weights(weights)
    year = _reference_year(network, as_of)
    reported = year if (as_of is not None or network.years()[1] is not None) else None
    by_city, _ = _collect(network)
    routes = fragility(network, as_of=year) if reported is not None else fragility(network)
    G = network.graph
    rows = []
    for partnership in partnerships:
        city = partnership["city"]
        items = [i for i in by_city.get(city, ()) if i.started(year)]
        active = [i for i in items if i.active(year)]
        strongest = None
        if active:
            best = max(active, key=lambda i: (i.weight, i.id))
            strongest = {"kind": best.kind, "id": best.id,
                         "name": _name(network, best.id) if best.kind == "project" else None,
                         "names": [_name(network, a) for a in best.actors]}
        rows.append({
            "partnership": partnership,
            "active_ties": sum(1 for i in active if i.kind == "tie"),
            "active_projects": sum(1 for i in active if i.kind == "project"),
            "activity": sum(i.weight * i.recency(year) for i in items),
            "last_active": max((i.last(year) for i in items), default=None),
            "themes": set().union(*(i.themes for i in active)) if active else set(),
            "kinds": {G.nodes[a]["kind"] for i in active for a in i.actors},
            "strongest": strongest,
        })
    return under_served_table(rows, network.themes, routes, year=year, reported=reported,
                              home_name=_name(network, home), chosen=chosen)


def under_served_table(facts, themes, routes, *, year, reported, home_name,
                       chosen) -> pd.DataFrame:
    """:func:`under_served`'s table from the facts gathered per partnership.

    The score, the ranking and the ``why`` text: shared by
    :func:`under_served` and the store's version
    (``actornet.loaders.store_queries.store_under_served``), so both give the same
    table from the same facts.

    Parameters
    ----------
    facts : list of dict
        One per partnership, in ``ActorNetwork.partnerships`` order:
        ``partnership`` (the partnership's dict), ``active_ties``,
        ``active_projects`` (counts in ``year``), ``activity`` (decayed, all
        items started by ``year``), ``last_active`` (or None), ``themes`` and
        ``kinds`` (of the active items: theme ids, actor kinds), and
        ``strongest`` (None when nothing is active, else ``kind``, ``id``,
        ``name`` of a project and ``names`` of a tie's two ends).
    themes : ThemeTable
    routes : pandas.DataFrame
        :func:`actornet.queries.fragility.fragility`'s table.
    year : int
        The reference year.
    reported : int or None
        The year named in ``why`` (None when the network mentions none).
    home_name : str
    chosen : dict
        The weight of each component (see :data:`UNDER_SERVED_WEIGHTS`).

    Returns
    -------
    pandas.DataFrame
        With the columns :data:`UNDER_SERVED_COLUMNS`.
    """
    gap_themes = _gap_themes(themes, {t.id: t.priority for t in themes})
    gap_total = sum(gap_themes.values())
    routes = routes.drop_duplicates("city").set_index("city")
    rows = []
    for fact in facts:
        partnership = fact["partnership"]
        city = partnership["city"]
        last = fact["last_active"]
        r = routes.loc[city]
        rows.append({
            "city": city, "name": partnership["name"], "since": partnership["since"],
            "status": _status(partnership, year),
            "active_ties": int(fact["active_ties"]),
            "active_projects": int(fact["active_projects"]),
            "activity": float(fact["activity"]),
            "missing_themes": [t for t in gap_themes if t not in fact["themes"]],
            "last_active": last,
            "years_dormant": float(year - last) if last is not None else float("nan"),
            "kinds": [k for k in _ACTOR_KIND_ORDER if k in fact["kinds"]],
            "routes": int(r["routes"]),
            "single_points_of_failure": list(r["single_points_of_failure"]),
            "single_point_names": list(r["single_point_names"]),
            "_fragility_why": r["why"],
            "_strongest": fact["strongest"],
        })
    ranked = [row for row in rows if row["status"] == "active"]
    activities = sorted(row["activity"] for row in ranked) or [0.0]
    middle = pd.Series(activities).median()
    if middle <= 0:
        middle = sum(activities) / len(activities)
    for row in rows:
        ratio = row["activity"] / middle if middle > 0 else 0.0
        row["activity_ratio"] = ratio
        parts = {
            "low_activity": 1.0 / (1.0 + ratio),
            "theme_gaps": (sum(gap_themes[t] for t in row["missing_themes"]) / gap_total
                           if gap_total > 0 else 0.0),
            "dormancy": (1.0 if row["last_active"] is None
                         else min(row["years_dormant"] / DORMANCY_HORIZON, 1.0)),
            "narrow_actors": 1.0 - len(row["kinds"]) / len(_ACTOR_KIND_ORDER),
            "fragility": 1.0 if row["routes"] == 0 else 1.0 / row["routes"],
        }
        for name, value in parts.items():
            row[name] = float(value)
            row[f"{name}_weighted"] = float(value * chosen[name])
        row["score"] = float(sum(row[f"{name}_weighted"] for name in _COMPONENTS))
        row["why"] = _why(row, home_name, reported)
    ranked.sort(key=lambda r: (-r["score"], r["name"]))
    others = sorted((r for r in rows if r["status"] != "active"), key=lambda r: r["name"])
    for i, row in enumerate(ranked, start=1):
        row["rank"] = i
    for row in others:
        row["rank"] = None
    table = _frame(ranked + others, UNDER_SERVED_COLUMNS)
    table["rank"] = table["rank"].astype("Int64")
    return table


def _why(row, home_name, year) -> str:
    name = row["name"]
    when = f" in {year}" if year is not None else ""
    text = [f"{name}{when}:"]
    status = row["status"]
    if status == "not yet signed":
        text.append(f"not yet signed (signed in {row['since']}); not ranked.")
    elif status != "active":
        text.append(f"the partnership is {status}: reported, not ranked as a gap to fill.")
    strongest = row["_strongest"]
    if strongest is None:
        text.append(f"No active tie or project joins its actors to {home_name} or anyone else.")
    else:
        if strongest["kind"] == "tie":
            a, b = strongest["names"]
            detail = f"tie {strongest['id']} between {a} and {b}"
        else:
            detail = f"project {strongest['id']} ({strongest['name']})"
        text.append(f"{row['active_ties']} active tie{'s' if row['active_ties'] != 1 else ''} and "
                    f"{row['active_projects']} project{'s' if row['active_projects'] != 1 else ''}, "
                    f"activity {row['activity_ratio']:.2f} times the median partnership's "
                    f"(strongest: {detail}).")
    missing = row["missing_themes"]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        text.append(f"No active tie or project in the priority theme{plural} {_list(missing)}.")
    if row["last_active"] is None:
        text.append("No tie was ever active.")
    elif row["years_dormant"] > 0:
        text.append(f"Last active tie in {row['last_active']}, "
                    f"{int(row['years_dormant'])} years before.")
    kinds = row["kinds"]
    if kinds:
        if set(kinds) <= {Kind.CITY.value}:
            text.append("Only the city administrations are involved.")
        elif Kind.NGO.value not in kinds:
            text.append(f"No civil society (NGO) involved; actors involved: {', '.join(kinds)}.")
        elif len(kinds) <= 2:
            text.append(f"Actors involved: {', '.join(kinds)} only.")
    if row["routes"] <= 2:
        text.append(row["_fragility_why"])
    return " ".join(text)


# -- dormant --------------------------------------------------------------------------
def trend_windows(year) -> list[list[int]]:
    """The trend's windows ``[first year, last year]``, oldest first, the
    last ending in ``year``."""
    windows = []
    for w in range(TREND_WINDOWS - 1, -1, -1):
        end = year - w * TREND_WINDOW
        windows.append([end - TREND_WINDOW + 1, end])
    return windows


def _trend(items, year):
    counts = [sum(1 for i in items if i.in_window(start, end))
              for start, end in trend_windows(year)]
    return counts, _slope(counts)


def _slope(counts):
    n = len(counts)
    mean_x = (n - 1) / 2
    mean_y = sum(counts) / n
    denom = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(counts)) / denom if denom else 0.0
    return float(slope)


def dormant(network, *, years=5, as_of=None) -> pd.DataFrame:
    """Partnerships and actors with no active tie in the last ``years`` years.

    Parameters
    ----------
    network : ActorNetwork
    years : int, default 5
        How many years without an active tie make a partnership or an actor
        dormant (at least 1).
    as_of : int, optional
        The reference year (default: the last year the network mentions).

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

        A partnership's activity is as in :func:`coverage`; an actor's is
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
    _, partnerships = _partnerships(network)
    year = _reference_year(network, as_of)
    by_city, by_actor = _collect(network)
    G = network.graph
    facts = []

    def add(level, node, items, status, city):
        started = [i for i in items if i.started(year)]
        last = max((i.last(year) for i in started), default=None)
        if last is not None and year - last < years:
            return  # active lately: dormant_table would drop it; skip its trend
        facts.append({"level": level, "id": node, "name": _name(network, node),
                      "kind": G.nodes[node]["kind"], "city": city, "status": status,
                      "last_active": last, "ties_ever": len(started),
                      "trend": _trend(started, year)[0]})

    for partnership in partnerships:
        city = partnership["city"]
        add("partnership", city, by_city.get(city, ()), _status(partnership, year), city)
    for actor in network.actors():
        if G.nodes[actor]["kind"] == Kind.CITY.value or actor not in by_actor:
            continue
        add("actor", actor, by_actor[actor], None, network.city_of(actor))
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
    for fact in facts:
        last = fact["last_active"]
        if last is not None and year - last < years:
            continue
        counts = [int(c) for c in fact["trend"]]
        level, node, name, status = fact["level"], fact["id"], fact["name"], fact["status"]
        label = name if level == "partnership" else f"{name} ({node})"
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
    return _frame(rows, DORMANT_COLUMNS)
