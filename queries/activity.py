"""Activity: the ties and projects that are a partnership's or an actor's activity.

The shared facts behind the planner's tables (:mod:`actornet.queries.coverage`,
:mod:`actornet.queries.under_served`, :mod:`actornet.queries.dormant`,
:mod:`actornet.queries.partnership_facts`): one collector that reads every tie
once (:func:`activity_items`, of :class:`ActivityItem`), the reference year
(:func:`reference_year_of`), the home city's partnerships
(:func:`home_partnerships`) and their status (:func:`partnership_status`),
the priority themes a gap is measured against (:func:`priority_themes`) and the
tables' frame (:func:`gap_frame`).

What counts as activity
-----------------------
A partnership's *activity* is the ties and projects that join the partner
city's actors (``ActorNetwork.city_of``; a city sits in itself) to actors
outside that city:

- a direct tie (one that links two actors, by
  :func:`actornet.graph.schema.tie_role`: COOPERATES_WITH, MEMBER_OF, KNOWS)
  with one end in the partner city and the other end elsewhere; its themes
  are its own plus those of the project it names. The formal PARTNER_OF tie
  is the partnership itself, never activity;
- a project with a participant (a tie into a group: PARTICIPATES_IN or
  FUNDS) in the partner city and one elsewhere; its themes are the
  project's, its years those of the partner city's participations (which
  inherit the project's).

An item is *active* in year Y when it started in or before Y (or has no
start) and did not end before Y, as in ``ActorNetwork.active``. The
*reference year* is ``as_of`` or, when not given, the last year the network
mentions (``ActorNetwork.years``).

Recency decay: an item that ended in year E counts ``0.5 ** ((Y - E) /
HALF_LIFE)`` of its intensity (an active item counts fully); intensity is the
tie's ``weight`` (1-5; a missing weight counts ``DEFAULT_INTENSITY``), for a
project the strongest partner-side participation.

Pure analysis: nothing here reads files or talks to a store.

Examples
--------
>>> from actornet.graph.generate import generated_network
>>> net = generated_network(200, 600, cities=3, seed=1)
>>> by_city, by_actor = activity_items(net)
>>> home, partnerships = home_partnerships(net)
>>> sorted(by_city) == sorted({home} | {p["city"] for p in partnerships})
True
>>> reference_year_of(net, None), reference_year_of(net, 2010)
(2026, 2010)
"""

from __future__ import annotations

import weakref

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from actornet.graph.gc_pause import gc_paused
from actornet.graph.errors import QueryError
from actornet.graph.projection import link_role
from actornet.graph.years import reference_year
from actornet.graph.schema import DEFAULT_INTENSITY, Projection, TieType

__all__ = ["HALF_LIFE", "ActivityItem", "activity_items", "gap_frame", "priority_themes",
           "home_partnerships", "partnership_status", "reference_year_of"]

#: Years after which an ended tie counts half (the recency decay's half-life).
HALF_LIFE = 5

#: The tie types that may be a partnership's activity (the formal PARTNER_OF
#: is the partnership itself), and those that put an actor into a project.
_DIRECT = [t for t in TieType if t.projection is Projection.DIRECT and t is not TieType.PARTNER_OF]
_PROJECT = [t for t in TieType if t.projection is Projection.PROJECT]
_PARTNER_OF = TieType.PARTNER_OF.value


@dataclass(frozen=True)
class ActivityItem:
    """One tie or project, as activity of a partner city or an actor.

    Attributes
    ----------
    kind : {"tie", "project"}
    id : str
        The tie's key or the project's id.
    themes : frozenset
        Theme ids.
    since, until : int or None
        Its years (None: open).
    weight : float
        Its intensity (see the module's notes).
    actors : tuple
        The tie's two ends, an actor's own participation (one), or the
        project's participants.

    Examples
    --------
    >>> item = ActivityItem("tie", "t1", frozenset({"climate"}), 2010, 2014, 3, ("a", "b"))
    >>> item.active(2012), item.active(2016), item.last(2016)
    (True, False, 2014)
    >>> item.recency(2019)  # ended five years (one half-life) before
    0.5
    """

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
def reference_year_of(network, as_of):
    """The year a question is asked in.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int or None
        The year asked for, if any.

    Returns
    -------
    int
        ``as_of`` when given, else :func:`actornet.graph.years.reference_year`
        of the network's last year.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(50, 100, seed=1)
    >>> reference_year_of(net, 2012)
    2012
    """
    return reference_year(network.years()[1], as_of)


def _weight(data):
    weight = data.get("weight")
    return DEFAULT_INTENSITY if weight is None else weight


def _item(kind, key, themes, since, until, weight, actors, _new=object.__new__):
    """An :class:`ActivityItem` without the frozen dataclass' ``__init__`` (seven
    ``object.__setattr__`` calls): the same object, about three times faster
    to make, for the hundreds of thousands :func:`activity_items` makes."""
    item = _new(ActivityItem)
    item.__dict__.update(kind=kind, id=key, themes=themes, since=since, until=until,
                         weight=weight, actors=actors)
    return item


_COLLECTED = weakref.WeakKeyDictionary()  # network.graph -> (by_city, by_actor)


def activity_items(network):
    """Per city and per actor: the ties and projects that are their activity.

    Gathered once per network and kept while its graph lives (coverage,
    under-served and dormant in one report or ``gaps`` share them); the
    lists are shared, never to be changed by a caller (a network's graph is
    frozen, so what was gathered from it stays true).

    Returns ``(by_city, by_actor)``: city -> list of cross-city items (see the
    module's notes); actor -> list of its own ties and participations.

    One pass over ``ActorNetwork.ties`` (which reads the adjacency dicts),
    with ``ActorNetwork.period`` and ``city_of`` inlined and each tie
    classified by :func:`actornet.graph.schema.tie_role`: the same items in
    the same order as the plain version over ``network.ties`` and
    ``network.period`` (kept in tests/queries/test_gaps.py as the
    reference), several times faster on big networks.

    Parameters
    ----------
    network : ActorNetwork

    Returns
    -------
    tuple of dict
        ``(by_city, by_actor)`` of lists of :class:`ActivityItem`.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(100, 300, cities=3, seed=2)
    >>> by_city, by_actor = activity_items(net)
    >>> activity_items(net) is activity_items(net)  # gathered once
    True
    >>> all(item.kind in ("tie", "project") for items in by_city.values() for item in items)
    True
    """
    G = network.graph
    found = _COLLECTED.get(G)
    if found is None:
        with gc_paused():  # hundreds of thousands of items: no cycles to collect
            by_city, by_actor = _collect_items(network)
        found = _COLLECTED[G] = dict(by_city), dict(by_actor)
    return found


def _collect_items(network):
    node_data = dict(network.graph.nodes(data=True))
    city_of = network.cities().get
    empty = ()
    by_city = defaultdict(list)
    by_actor = defaultdict(list)
    joins = []  # project ties, handled after every direct tie (as network.ties twice would)
    kind_of = {n: d["kind"] for n, d in node_data.items()}
    roles = {kind: {} for kind in set(kind_of.values())}  # target kind -> {tie type: role}
    direct, group = Projection.DIRECT, Projection.PROJECT
    for u, v, key, data in network.ties():
        tie_type = data["type"]
        kind = kind_of[v]
        role = roles[kind].get(tie_type)
        if role is None:
            role = roles[kind][tie_type] = link_role(tie_type, kind)
        if role is direct and tie_type != _PARTNER_OF:
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
        elif role is group:
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


def home_partnerships(network):
    """The home city and its formal partnerships (``ActorNetwork.partnerships``).

    Parameters
    ----------
    network : ActorNetwork

    Returns
    -------
    tuple
        ``(home, partnerships)``: the home city's id, a list of dicts.

    Raises
    ------
    QueryError
        If the network has no home city.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> home, partnerships = home_partnerships(generated_network(100, 300, cities=3, seed=2))
    >>> len(partnerships), sorted(partnerships[0])[:3]
    (2, ['city', 'claimed_by', 'name'])
    """
    home = network.home_city
    if home is None:
        raise QueryError("the network has no home city: gaps need formal partnerships "
                         "(PARTNER_OF ties between cities)")
    return home, network.partnerships()


def partnership_status(partnership, year):
    """A partnership's status in ``year``: "not yet signed" before it was
    signed, else its own (``"active"``, ``"suspended"``, ...).

    Examples
    --------
    >>> partnership_status({"since": 2015, "status": "active"}, 2010)
    'not yet signed'
    >>> partnership_status({"since": 2015, "status": "active"}, 2020)
    'active'
    """
    since = partnership["since"]
    if since is not None and since > year:
        return "not yet signed"
    return partnership["status"]


def gap_frame(rows, columns):
    """A planner's table: a DataFrame whose ``last_active`` stays whole years
    or None (not floats).

    Parameters
    ----------
    rows : list of dict
        Each with a ``last_active`` key.
    columns : list of str

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> gap_frame([{"city": "a", "last_active": 2019}, {"city": "b", "last_active": None}],
    ...           ["city", "last_active"])["last_active"].tolist()
    [2019, None]
    """
    table = pd.DataFrame(rows, columns=columns)
    table["last_active"] = pd.Series([r["last_active"] for r in rows], dtype=object,
                                     index=table.index)
    return table


def priority_themes(themes, priority):
    """The priority themes: those ``ThemeTable.priorities`` returns, with the
    (possibly overridden) weights applied to its default threshold.

    Parameters
    ----------
    themes : ThemeTable
        The network's themes.
    priority : dict
        Theme id -> priority weight (the themes' own, or overridden).

    Returns
    -------
    dict
        Theme id -> priority, for the themes at or above the threshold.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> themes = generated_network(50, 100, seed=1).themes
    >>> chosen = priority_themes(themes, {t.id: t.priority for t in themes})
    >>> chosen == {t.id: t.priority for t in themes.priorities()}
    True
    """
    threshold = min((t.priority for t in themes.priorities()), default=None)
    if threshold is None:
        return {}
    return {t: p for t, p in priority.items() if p >= threshold}
