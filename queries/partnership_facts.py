"""One computed record per partnership: the facts every planner's section reads.

:func:`partnership_facts` gathers, once per network and reference year, for
each formal partnership of the home city: its status, the independent routes
between the two cities' actors (over the ties working in the reference year,
and over all the ties), who holds them, the actors on each side, the
activity (ties and projects, themes, kinds, last active year, trend).
:func:`~actornet.queries.fragility.fragility`,
:func:`~actornet.queries.under_served.under_served`,
:func:`~actornet.queries.dormant.dormant`,
:func:`~actornet.queries.coverage.coverage` and the report all read these
records, so no two sections can say different things about one
partnership; :func:`routes_text` is the one sentence about its routes that
each of them quotes.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import weakref

import numpy as np

from actornet.graph.describe import not_a_partner_message
from actornet.graph.errors import QueryError
from actornet.graph.labels import actor_labels
from actornet.graph.schema import Kind, TieType
from actornet.queries.activity import (activity_items, home_partnerships, partnership_status,
                                       reference_year_of)
from actornet.queries.cuts import RouteGraph

__all__ = ["partnership_facts", "routes_text", "NOT_ROUTES", "WORKING", "ALL"]

#: Tie types that never count as a working route between two cities' actors:
#: a formal partnership (PARTNER_OF) is the thing whose routes are counted,
#: not a way to reach the partner.
NOT_ROUTES = frozenset({TieType.PARTNER_OF.value})

#: The two views of the routes: over the ties working in the reference year,
#: and over every tie (ended ones included; the same as the working view
#: when a year is asked for, or the network mentions none).
WORKING, ALL = "working", "all"

_CACHE = weakref.WeakKeyDictionary()  # network.graph -> {as_of: facts}


def partnership_facts(network, *, as_of=None, city=None, progress=None, routes=True) -> list:
    """The facts of each formal partnership of the home city, in one record each.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int, optional
        The reference year (default: the last year the network mentions).
    city : str, optional
        Only this partner city (id, name or alias).
    progress : callable, optional
        Called as ``progress(done, total)`` with the partnerships whose routes
        are counted, ending with ``done == total``.
    routes : bool
        Count the routes (the slow part); without, ``routes``,
        ``home_actors`` and ``partner_actors`` are None (the activity is the
        same either way).

    Returns
    -------
    list of dict
        In ``ActorNetwork.partnerships`` order. Keys:

        - ``city``, ``name``, ``since``, ``status`` (in the reference year:
          ``not yet signed`` before its year), ``partnership`` (the dict of
          ``ActorNetwork.partnerships``);
        - ``year`` (the reference year), ``reported`` (the year named in
          prose: None when the network mentions no year and none was asked
          for), ``asked`` (``as_of``), ``home``, ``home_name``;
        - ``routes``: a dict per view, :data:`WORKING` (the ties working in
          the reference year; all ties when the network mentions no year)
          and :data:`ALL` (every tie; with ``as_of`` given the working view
          again), each with ``routes`` (node-disjoint routes between the two
          cities' actors), ``cut``, ``single_points_of_failure``,
          ``one_route_left`` (ids), ``home_contacts``, ``partner_contacts``
          (ids of the actors with a direct tie across), ``via_others``
          (True when there are routes but no home actor has a direct tie
          with a partner actor: every route runs through actors in other
          cities);
        - ``home_actors``, ``partner_actors``: how many actors sit in each city;
        - activity (see :mod:`actornet.queries.activity`): ``items`` (the
          ties and projects started by the reference year), ``active_ties``,
          ``active_projects`` (projects and networks), ``active_networks``,
          ``activity``, ``last_active``, ``themes`` (of the active items),
          ``kinds``, ``strongest`` (the strongest active item, or None),
          ``ties_ever``.

    Raises
    ------
    QueryError
        If the network has no home city, or ``city`` is not a partner city.

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
    >>> fact, = partnership_facts(ActorNetwork(G), as_of=2020)
    >>> fact["routes"]["working"]["routes"], fact["last_active"]
    (0, 2012)
    >>> fact, = partnership_facts(ActorNetwork(G))
    >>> fact["year"], fact["routes"]["working"]["routes"], fact["routes"]["all"]["routes"]
    (2012, 1, 1)
    """
    home, partnerships = home_partnerships(network)
    if city is not None:
        wanted = network.resolve(city)
        chosen = [p for p in partnerships if p["city"] == wanted]
        if not chosen:
            raise QueryError(not_a_partner_message(
                network, wanted, home, [p["city"] for p in partnerships]))
        return _facts(network, home, chosen, as_of, progress, routes)
    cached = _CACHE.setdefault(network.graph, {})
    found = cached.get((as_of, True)) or (None if routes else cached.get((as_of, False)))
    if found is None:
        found = cached[as_of, routes] = _facts(network, home, partnerships, as_of, progress,
                                               routes)
    elif progress is not None:
        progress(len(partnerships), len(partnerships))
    return found


def _facts(network, home, partnerships, as_of, progress, with_routes=True):
    year = reference_year_of(network, as_of)
    reported = year if (as_of is not None or network.years()[1] is not None) else None
    working = network.as_of(year) if reported is not None else network
    views = [(WORKING, working)] if with_routes else []
    if with_routes and as_of is None and reported is not None:
        views.append((ALL, network))
    total = len(partnerships) * len(views)
    counted = {}
    for v, (label, view) in enumerate(views):
        offset = v * len(partnerships)
        tick = None if progress is None else (lambda d, t, o=offset: progress(o + d, total))
        counted[label] = _routes(network, view, home, partnerships, tick)
    if with_routes and ALL not in counted:
        counted[ALL] = counted[WORKING]
    if progress is not None:
        progress(total, total)
    by_city, _ = activity_items(network)
    G = network.graph
    home_name = network.name_of(home)
    network_kind = Kind.NETWORK.value
    facts = []
    for partnership in partnerships:
        city = partnership["city"]
        items = [i for i in by_city.get(city, ()) if i.started(year)]
        active = [i for i in items if i.active(year)]
        strongest = None
        if active:
            best = max(active, key=lambda i: (i.weight, i.id))
            strongest = {"kind": best.kind, "id": best.id,
                         "group_kind": G.nodes[best.id]["kind"] if best.kind == "project"
                         else None,
                         "name": network.name_of(best.id) if best.kind == "project" else None,
                         "names": [network.name_of(a) for a in best.actors],
                         "type": _tie_type(G, best), "since": best.since,
                         "until": best.until, "themes": sorted(best.themes)}
        groups = [i for i in active if i.kind == "project"]
        facts.append({
            "city": city, "name": partnership["name"], "since": partnership["since"],
            "status": partnership_status(partnership, year), "partnership": partnership,
            "year": year, "reported": reported, "asked": as_of,
            "home": home, "home_name": home_name,
            "routes": ({label: counted[label][city] for label in (WORKING, ALL)}
                       if with_routes else None),
            "home_actors": counted[WORKING][city]["home_actors"] if with_routes else None,
            "partner_actors": counted[WORKING][city]["partner_actors"] if with_routes else None,
            "items": items,
            "active_ties": sum(1 for i in active if i.kind == "tie"),
            "active_projects": len(groups),
            "active_networks": sum(1 for i in groups if G.nodes[i.id]["kind"] == network_kind),
            "activity": sum(i.weight * i.recency(year) for i in items),
            "last_active": max((i.last(year) for i in items), default=None),
            "themes": set().union(*(i.themes for i in active)) if active else set(),
            "kinds": {G.nodes[a]["kind"] for i in active for a in i.actors},
            "strongest": strongest,
            "ties_ever": len(items),
        })
    return facts


def _tie_type(G, item):
    """The type of a tie item (its ends in either direction), or None."""
    if item.kind != "tie" or len(item.actors) != 2:
        return None
    u, v = item.actors
    for a, b in ((u, v), (v, u)):
        data = G.get_edge_data(a, b, key=item.id)
        if data is not None:
            return data.get("type")
    return None


def _routes(network, view, home, partnerships, progress):
    """city -> the route facts of one view (see :func:`partnership_facts`).

    Where actors sit is taken from the whole network, also for a time slice.
    """
    P = view.projection()
    # The actor graph's links that are not only a formal partnership.
    keep = (P.flags & ~P.mask(sorted(NOT_ROUTES))) != 0
    row = np.repeat(np.arange(P.n), np.diff(P.indptr))
    indices = P.indices[keep]
    indptr = np.zeros(P.n + 1, np.int64)
    np.cumsum(np.bincount(row[keep], minlength=P.n), out=indptr[1:])
    graph = RouteGraph.from_csr(P.nodes, indptr, indices)
    nodes = graph.nodes
    city_of = network.city_of
    codes = {}
    seat = np.fromiter((codes.setdefault(city_of(n), len(codes)) for n in nodes), np.int64,
                       len(nodes))
    home_code = codes.get(home, -1)
    home_side = np.flatnonzero(seat == home_code).tolist()
    at_home = seat[indices] == home_code  # per kept position: the neighbour sits at home
    src = np.repeat(np.arange(P.n), np.diff(indptr))
    out = {}
    for i, partnership in enumerate(partnerships):
        if progress is not None:
            progress(i, len(partnerships))
        partner = partnership["city"]
        side = np.flatnonzero(seat == codes.get(partner, -2)).tolist()
        value, paths, cut = graph.routes(side, home_side)
        spofs, one_left = [], []
        if value in (1, 2):
            on_routes = sorted({v for path in paths for v in path})
            for v in on_routes:
                left, _, _ = graph.routes(side, home_side, removed=[v], cutoff=value)
                if left == 0:
                    spofs.append(v)
                elif left == 1 and value == 2:
                    one_left.append(v)
        across = at_home & (seat[src] == codes.get(partner, -2))
        home_contacts = sorted({nodes[j] for j in indices[across].tolist()})
        out[partner] = {
            "routes": int(value),
            "single_points_of_failure": [nodes[v] for v in spofs],
            "one_route_left": [nodes[v] for v in one_left],
            "cut": [nodes[v] for v in cut],
            "home_contacts": home_contacts,
            "partner_contacts": sorted({nodes[j] for j in src[across].tolist()}),
            "via_others": bool(value > 0 and not home_contacts),
            "home_actors": len(home_side),
            "partner_actors": len(side),
        }
    if progress is not None:
        progress(len(partnerships), len(partnerships))
    return out


# -- the one sentence about a partnership's routes ---------------------------------

def labels_for(network):
    """actor id -> the name a person reads (namesakes told apart by city or
    country: :func:`actornet.graph.labels.actor_labels`)."""
    return actor_labels(network)


def _names(label, ids) -> str:
    labels = [label(n) for n in ids]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def routes_text(fact, view, label) -> str:
    """The routes of one partnership in plain language, from its facts.

    ``view`` is :data:`WORKING` or :data:`ALL`; the text says what the other
    view adds where the two differ (no working tie in the year, but routes
    over ties that have ended; routes over all ties, none working in the
    year), and says so when every route runs through actors in other cities
    while no home actor has a tie there. ``label`` turns an actor id into the
    name a person reads.
    """
    r = fact["routes"][view]
    other = fact["routes"][ALL if view == WORKING else WORKING]
    city, home = fact["name"], fact["home_name"]
    year = fact["reported"]
    two_views = fact["routes"][WORKING] is not fact["routes"][ALL]
    note = ""
    status = fact["status"]
    if status == "not yet signed":
        note = f" (the partnership was signed only in {fact['since']})"
    elif status not in (None, "active"):
        note = f" (the partnership is {status})"
    routes = r["routes"]
    if routes == 0:
        when = f" in {year}" if year is not None and view == WORKING and (
            two_views or fact["asked"] is not None) else ""
        if two_views and view == ALL:
            text = f"No tie, working or ended, links {home}'s actors to those of {city}"
        else:
            text = f"No working tie links {home}'s actors to those of {city}{when}"
        if two_views and view == WORKING and other["routes"]:
            text += (f"; over all its ties, ended ones included, there "
                     f"{'are' if other['routes'] != 1 else 'is'} {other['routes']} independent "
                     f"route{'s' if other['routes'] != 1 else ''}")
            if fact.get("last_active") is not None:
                text += f" (last active in {fact['last_active']})"
            return text + note + "."
        if status == "not yet signed":
            return text + note + "."
        return text + f": the partnership exists on paper only{note}."
    # With both views, the working one is "in the year"; the other view is
    # quoted after it, so a reader sees both numbers in one sentence.
    lead = f"In {year}: " if two_views and view == WORKING and year is not None else ""
    if routes == 1:
        spofs = r["single_points_of_failure"]
        who = ", ".join(label(n) for n in spofs)
        if len(spofs) > 1:
            who = "any one of " + who
        text = f"If {who} leaves, ties to {city} drop to zero"
    elif routes == 2:
        cut, weak = r["cut"], r["one_route_left"]
        if set(weak) == set(cut):
            text = (f"Two independent routes, held by {_names(label, cut)}: if one of them "
                    f"leaves, one route is left; if both leave, ties to {city} drop to zero")
        else:
            text = (f"Two independent routes: if any one of {', '.join(label(n) for n in weak)} "
                    f"leaves, one route is left; if {_names(label, cut)} both leave, ties to "
                    f"{city} drop to zero")
    else:
        text = (f"{routes} independent routes: no single actor's leaving cuts {city} off; "
                f"it takes {routes} leaving together")
        if routes <= 5:
            text += f" (e.g. {_names(label, r['cut'])})"
    if lead:
        text = lead + text[0].lower() + text[1:]
    if r["via_others"]:
        text += (f"; every route runs through actors in other cities: no {home} actor has a "
                 f"direct tie with a {city} actor")
    if two_views and year is not None and other["routes"] != routes:
        if view == ALL:
            working = (f"{other['routes']} of them work" if other["routes"] != 1
                       else "1 of them works") if other["routes"] else "none of them works"
            text += f"; that counts ended ties too: {working} in {year}"
        else:
            text += (f"; over all its ties, ended ones included, there are {other['routes']} "
                     "independent routes")
    return text + note + "."


def group_word(strongest) -> str:
    """"network" for a network (a MEMBER_OF group), "project" otherwise."""
    return "network" if strongest.get("group_kind") == Kind.NETWORK.value else "project"
