"""Under-served partnerships: ranked, each weighted component side by side, and why.

One row per formal partnership of the network's home city, most
under-served first: low activity, priority themes without activity,
dormancy, few kinds of actors, few independent routes (fragility), each a
component from 0 to 1 with its weight, and a plain-language ``why``. What
counts as activity is in :mod:`actornet.queries.activity`.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import pandas as pd

from actornet.graph.schema import ACTOR_KINDS, Kind
from actornet.queries.activity import gap_frame, partnership_status, priority_themes
from actornet.queries.partnership_facts import (
    WORKING, group_word, labels_for, partnership_facts, routes_text,
)
from actornet.queries.weights import checked_weights

__all__ = ["under_served", "under_served_table", "UNDER_SERVED_WEIGHTS", "UNDER_SERVED_COLUMNS",
           "DORMANCY_HORIZON"]

#: Years without an active tie at which the dormancy component reaches 1.
DORMANCY_HORIZON = 10

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

_COMPONENTS = list(UNDER_SERVED_WEIGHTS)

#: The columns of :func:`under_served`'s table, in order.
UNDER_SERVED_COLUMNS = (
    ["rank", "city", "name", "since", "status", "score"]
    + [c for name in _COMPONENTS for c in (name, f"{name}_weighted")]
    + ["active_ties", "active_projects", "activity", "activity_ratio", "missing_themes",
       "last_active", "years_dormant", "kinds", "routes", "single_points_of_failure",
       "single_point_names", "why"]
)

_ACTOR_KIND_ORDER = [k.value for k in Kind if k in ACTOR_KINDS]


def _check_weights(weights):
    return checked_weights(UNDER_SERVED_WEIGHTS, weights)


def _list(words) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def under_served(network, *, as_of=None, weights=None, progress=None) -> pd.DataFrame:
    """The partnerships ranked by how under-served they are, with the reasons.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    weights : dict, optional
        Component -> weight, overriding :data:`UNDER_SERVED_WEIGHTS` for the
        components named (0 switches a component off).
    progress : callable, optional
        Called as ``progress(done, total)`` with the partnerships whose
        routes are counted (the slow part), ending with ``done == total``.

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
            themes, decayed as in
            :func:`actornet.queries.coverage.coverage`, each item counted
            once) over the median activity of the ranked partnerships (over
            their mean when the median is 0; 0 when the mean is 0 too), so
            a partnership as active as the median one scores 0.5;
          - ``theme_gaps``: the summed priority of the priority themes with
            no active tie or project (``missing_themes``), over the summed
            priority of all priority themes;
          - ``dormancy``: ``years_dormant / DORMANCY_HORIZON``, at most 1
            (1 when no tie was ever active);
          - ``narrow_actors``: ``1 - len(kinds) / k``, where ``kinds`` are
            the actor kinds at either end of the active ties and projects
            and ``k`` is the number of actor kinds
            (``actornet.graph.schema.ACTOR_KINDS``);
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
    actornet.queries.coverage.coverage : the activity per theme behind ``theme_gaps``.
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
    Far in 2020: ... No active tie or project in the priority theme Science. ... If any one of Desk, Museum leaves, ties to Far drop to zero.
    """
    chosen = _check_weights(weights)
    # One record per partnership, shared with fragility, dormant, coverage and
    # the report (the routes: those working in the reference year).
    facts = partnership_facts(network, as_of=as_of, progress=progress)
    if not facts:
        return under_served_table([], network.themes, year=None, reported=None,
                                  home_name=network.name_of(network.home_city), chosen=chosen)
    label = labels_for(network)
    # copies: the records are shared (cached) and stay as they were
    facts = [dict(fact, _routes_text=routes_text(fact, WORKING, label),
                  _spof_names=[network.name_of(n) for n in
                               fact["routes"][WORKING]["single_points_of_failure"]])
             for fact in facts]
    first = facts[0]
    return under_served_table(facts, network.themes, year=first["year"],
                              reported=first["reported"], home_name=first["home_name"],
                              chosen=chosen)


def under_served_table(facts, themes, *, year, reported, home_name, chosen) -> pd.DataFrame:
    """:func:`under_served`'s table from the facts gathered per partnership.

    The score, the ranking and the ``why`` text, from the records of
    :func:`actornet.queries.partnership_facts.partnership_facts`.

    Parameters
    ----------
    facts : list of dict
        The partnership records, in ``ActorNetwork.partnerships`` order,
        each with ``_routes_text`` (what
        :func:`~actornet.queries.partnership_facts.routes_text` says of its
        working routes).
    themes : ThemeTable
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
    gap_themes = priority_themes(themes, {t.id: t.priority for t in themes})
    gap_total = sum(gap_themes.values())
    rows = []
    for fact in facts:
        partnership = fact["partnership"]
        city = partnership["city"]
        last = fact["last_active"]
        r = fact["routes"][WORKING]
        rows.append({
            "city": city, "name": partnership["name"], "since": partnership["since"],
            "status": partnership_status(partnership, year),
            "active_ties": int(fact["active_ties"]),
            "active_projects": int(fact["active_projects"]),
            "activity": float(fact["activity"]),
            "missing_themes": [t for t in gap_themes if t not in fact["themes"]],
            "last_active": last,
            "years_dormant": float(year - last) if last is not None else float("nan"),
            "kinds": [k for k in _ACTOR_KIND_ORDER if k in fact["kinds"]],
            "routes": int(r["routes"]),
            "single_points_of_failure": list(r["single_points_of_failure"]),
            "single_point_names": list(fact["_spof_names"]),
            "_fragility_why": fact["_routes_text"],
            "_routes_all": fact["routes"]["all"]["routes"],
            "_active_networks": int(fact.get("active_networks", 0)),
            "_strongest": fact["strongest"],
        })
    labels = {theme.id: theme.label_en or theme.id for theme in themes}
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
        row["why"] = _why(row, home_name, reported, labels)
    ranked.sort(key=lambda r: (-r["score"], r["name"]))
    others = sorted((r for r in rows if r["status"] != "active"), key=lambda r: r["name"])
    for i, row in enumerate(ranked, start=1):
        row["rank"] = i
    for row in others:
        row["rank"] = None
    table = gap_frame(ranked + others, UNDER_SERVED_COLUMNS)
    table["rank"] = table["rank"].astype("Int64")
    return table


def _why(row, home_name, year, labels) -> str:
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
            kind = strongest.get("type")
            kind = f"a {kind.lower().replace('_', ' ')} tie" if kind else "a tie"
            since = f" since {strongest['since']}" if strongest.get("since") is not None else ""
            detail = f"{kind} between {a} and {b}{since}"
        else:
            word = group_word(strongest)
            named = strongest["name"] not in (None, "", strongest["id"])
            # no ids in prose: a group without a name of its own stays unnamed
            if named:
                detail = f"the {word} {strongest['name']}"
            else:
                detail = f"an unnamed {word}"
                about = [labels.get(t, t) for t in strongest.get("themes", ())][:2]
                if about:
                    detail += f" in {_list(about)}"
                since, until = strongest.get("since"), strongest.get("until")
                if since is not None:
                    detail += f", {since}–{until}" if until is not None else f", since {since}"
        networks = row["_active_networks"]
        projects = row["active_projects"] - networks
        counted = [f"{row['active_ties']} active tie{'s' if row['active_ties'] != 1 else ''}"]
        if projects or not networks:
            counted.append(f"{projects} project{'s' if projects != 1 else ''}")
        if networks:
            counted.append(f"{networks} network{'s' if networks != 1 else ''}")
        text.append(f"{_list(counted)}, "
                    f"activity {row['activity_ratio']:.2f} times the median partnership's "
                    f"(strongest: {detail}).")
    missing = row["missing_themes"]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        named = [labels.get(theme, theme) for theme in missing]
        text.append(f"No active tie or project in the priority theme{plural} {_list(named)}.")
    if row["last_active"] is None:
        text.append("No tie was ever active.")
    elif row["years_dormant"] > 0:
        gap = int(row["years_dormant"])
        text.append(f"Last active tie in {row['last_active']}, "
                    f"{gap} year{'s' if gap != 1 else ''} before.")
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
