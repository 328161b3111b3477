"""Fragility: what breaks if someone leaves, per formal partnership.

Per formal partnership of a network's home city, :func:`fragility` gives a
table with the number of independent routes between the home city's actors
and the partner city's actors, the single points of failure, and a
plain-language ``why``. The generic cut algorithms it runs on (articulation
points, bridges, node-disjoint routes) are in :mod:`actornet.queries.cuts`.

Pure analysis: nothing here reads files or talks to a store.

References
----------
.. [1] Menger, K. (1927). Zur allgemeinen Kurventheorie. Fundamenta
   Mathematicae 10, 96-115.
.. [2] Ford, L. R. and Fulkerson, D. R. (1956). Maximal flow through a
   network. Canadian Journal of Mathematics 8, 399-404.
"""

from __future__ import annotations

import weakref
from collections import Counter

import numpy as np
import pandas as pd

from actornet.graph.describe import not_a_partner_message
from actornet.graph.errors import QueryError
from actornet.graph.schema import TieType
from actornet.queries.cuts import RouteGraph

__all__ = [
    "fragility",
    "FRAGILITY_COLUMNS",
    "NOT_ROUTES",
]

#: Tie types that never count as a working route between two cities' actors:
#: a formal partnership (PARTNER_OF) is the thing whose fragility is measured,
#: not a way to reach the partner. (BASED_IN and WORKS_ON are attributes and
#: never enter the actor graph at all.)
NOT_ROUTES = frozenset({TieType.PARTNER_OF.value})

#: The columns of :func:`fragility`'s table, in order.
FRAGILITY_COLUMNS = [
    "city", "name", "since", "status", "routes", "single_points_of_failure",
    "single_point_names", "one_route_left", "cut", "home_contacts",
    "partner_contacts", "partner_actors", "why",
]


# -- per partnership ---------------------------------------------------------
_SHARED = weakref.WeakKeyDictionary()


def _label(P, n) -> str:
    """The actor's name; its id beside it only when two actors share the name
    (``P``: the projection the routes were counted on)."""
    shared = _SHARED.get(P)
    if shared is None:
        counts = Counter(P.names)
        shared = _SHARED[P] = {name for name, c in counts.items() if c > 1}
    name = P.names[P.index[n]]
    return f"{name} ({n})" if name in shared and name != n else name


def _names(A, ids) -> str:
    labels = [_label(A, n) for n in ids]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _why(A, row, city_name, home_name, year) -> str:
    when = f" in {year}" if year is not None else ""
    routes = row["routes"]
    note = ""
    if row["status"] == "not yet signed":
        note = f" (the partnership was signed only in {row['since']})"
    elif row["status"] not in (None, "active"):
        note = f" (the partnership is {row['status']})"
    if routes == 0:
        text = f"No working tie links {home_name}'s actors to those of {city_name}{when}"
        if row["status"] == "not yet signed":
            return text + note + "."
        return text + f": the partnership exists on paper only{note}."
    if routes == 1:
        spofs = row["single_points_of_failure"]
        who = ", ".join(_label(A, n) for n in spofs)
        if len(spofs) > 1:
            who = "any one of " + who
        return f"If {who} leaves, ties to {city_name} drop to zero{note}."
    if routes == 2:
        cut, weak = row["cut"], row["one_route_left"]
        if set(weak) == set(cut):
            return (f"Two independent routes, held by {_names(A, cut)}: if one of them leaves, "
                    f"one route is left; if both leave, ties to {city_name} drop to zero{note}.")
        return (f"Two independent routes: if any one of {', '.join(_label(A, n) for n in weak)} "
                f"leaves, one route is left; if {_names(A, cut)} both leave, ties to "
                f"{city_name} drop to zero{note}.")
    text = (f"{routes} independent routes: no single actor's leaving cuts {city_name} off; "
            f"it takes {routes} leaving together")
    if routes <= 5:
        text += f" (e.g. {_names(A, row['cut'])})"
    return text + note + "."


def fragility(network, *, city=None, as_of=None, progress=None) -> pd.DataFrame:
    """How many independent routes carry each formal partnership, and who holds them.

    For each partner city of the network's home city: the number of
    node-disjoint routes between the two cities' actors, the actors whose
    leaving alone would cut the partnership off (single points of failure)
    or leave it with one route, and a smallest set of actors whose leaving
    together would cut it off.

    Parameters
    ----------
    network : ActorNetwork
    city : str, optional
        Only this partner city (id, name or alias).
    as_of : int, optional
        Count only ties valid in that year (see ``ActorNetwork.as_of``).
    progress : callable, optional
        Called as ``progress(done, total)`` with the partnerships done, before
        each and once at the end (``done == total``).

    Returns
    -------
    pandas.DataFrame
        One row per partnership, fewest routes first (then by name), with
        the columns :data:`FRAGILITY_COLUMNS`:

        - ``city``, ``name``: the partner city's id and name;
        - ``since``, ``status``: year signed and status (``active``,
          ``suspended``, ...; ``not yet signed`` when ``as_of`` is earlier);
        - ``routes``: the number of node-disjoint routes (int);
        - ``single_points_of_failure``, ``single_point_names``: ids and names
          of the actors whose leaving alone leaves no route (only when
          ``routes`` is 1);
        - ``one_route_left``: ids of the actors whose leaving alone leaves
          one route (only when ``routes`` is 2);
        - ``cut``: ids of a smallest set of actors whose leaving together
          leaves no route (``len(cut) == routes``; of the smallest sets, the
          one nearest the partner city);
        - ``home_contacts``, ``partner_contacts``: ids of the home-side and
          partner-side actors with a direct working tie across;
        - ``partner_actors``: how many actors sit in the partner city;
        - ``why``: the finding in plain language.

    Raises
    ------
    QueryError
        If the network has no home city (no PARTNER_OF ties), or ``city`` is
        not one of its partner cities.
    ResolveError
        If ``city`` names no actor, or several.

    Notes
    -----
    The *home side* is every actor sitting in the home city (``city_of``:
    its first BASED_IN tie; a person without one sits where their
    organisation does), the home city's own node included; the *partner
    side* likewise for the partner city. Actors elsewhere (other cities, no
    city) may lie on a route but belong to neither side. A route is a path
    in the actor graph (direct ties and shared projects) over ties that are
    not formal partnerships (:data:`NOT_ROUTES`): the PARTNER_OF tie is the
    partnership being measured, and a star of PARTNER_OF ties around the
    home city would otherwise make every partnership look robust. BASED_IN
    and WORKS_ON describe actors and link nobody.

    Routes are counted as a maximum flow with unit node capacities from a
    super-source joined to the partner side to a super-sink joined to the
    home side (Menger [1]_, Ford & Fulkerson [2]_); no two routes share an
    actor, their ends included, so ``routes`` is also the smallest number of
    actors (from either side or between) whose leaving leaves no route.
    Where actors sit is taken from the whole network, also with ``as_of``.

    Examples
    --------
    A home city whose only working tie to its partner runs through one desk
    officer (the formal partnership does not count as a route):

    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat in [("capital", "city", None), ("twin", "city", None),
    ...                       ("desk", "person", "capital"), ("office", "institution", "capital"),
    ...                       ("agency", "institution", "twin"), ("uni", "institution", "twin")]:
    ...     G.add_node(n, kind=kind, name=n.title())
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> _ = G.add_edge("capital", "twin", key="signed", type="PARTNER_OF", since=1993)
    >>> _ = G.add_edge("desk", "office", key="works", type="MEMBER_OF")
    >>> _ = G.add_edge("desk", "agency", key="t1", type="COOPERATES_WITH")
    >>> _ = G.add_edge("desk", "uni", key="t2", type="COOPERATES_WITH")
    >>> table = fragility(ActorNetwork(G))
    >>> row = table.iloc[0]
    >>> row["city"], int(row["routes"]), row["single_points_of_failure"]
    ('twin', 1, ['desk'])
    >>> row["why"]
    'If Desk leaves, ties to Twin drop to zero.'
    """
    home = network.home_city
    if home is None:
        raise QueryError("the network has no home city: fragility needs formal partnerships "
                         "(PARTNER_OF ties between cities)")
    partnerships = network.partnerships()
    if city is not None:
        wanted = network.resolve(city)
        partnerships = [p for p in partnerships if p["city"] == wanted]
        if not partnerships:
            raise QueryError(not_a_partner_message(
                network, wanted, home, [p["city"] for p in network.partnerships()]))
    view = network if as_of is None else network.as_of(as_of)
    P = view.projection()
    # The actor graph's links (actor_graph(), without building it) that are
    # not only a formal partnership.
    keep = (P.flags & ~P.mask(sorted(NOT_ROUTES))) != 0
    row = np.repeat(np.arange(P.n), np.diff(P.indptr))
    indices = P.indices[keep]
    indptr = np.zeros(P.n + 1, np.int64)
    np.cumsum(np.bincount(row[keep], minlength=P.n), out=indptr[1:])
    routes = RouteGraph.from_csr(P.nodes, indptr, indices)
    nodes = routes.nodes
    city_of = network.city_of
    codes = {}
    seat = np.fromiter((codes.setdefault(city_of(n), len(codes)) for n in nodes), np.int64,
                       len(nodes))
    home_code = codes.get(home, -1)
    home_side = np.flatnonzero(seat == home_code).tolist()
    at_home = seat[indices] == home_code  # per kept position: the neighbour sits at home
    src = np.repeat(np.arange(P.n), np.diff(indptr))
    home_name = network.graph.nodes[home].get("name", home)
    names = dict(zip(P.nodes, P.names))
    rows = []
    for i, partnership in enumerate(partnerships):
        if progress is not None:
            progress(i, len(partnerships))
        partner = partnership["city"]
        side = np.flatnonzero(seat == codes.get(partner, -2)).tolist()
        value, paths, cut = routes.routes(side, home_side)
        spofs, one_left = [], []
        if value in (1, 2):
            on_routes = sorted({v for path in paths for v in path})
            for v in on_routes:
                left, _, _ = routes.routes(side, home_side, removed=[v], cutoff=value)
                if left == 0:
                    spofs.append(v)
                elif left == 1 and value == 2:
                    one_left.append(v)
        across = at_home & (seat[src] == codes.get(partner, -2))
        home_contacts = sorted({nodes[j] for j in indices[across].tolist()})
        partner_contacts = sorted({nodes[i] for i in src[across].tolist()})
        status = partnership["status"]
        if as_of is not None and partnership["since"] is not None and partnership["since"] > as_of:
            status = "not yet signed"
        row = {
            "city": partner,
            "name": partnership["name"],
            "since": partnership["since"],
            "status": status,
            "routes": value,
            "single_points_of_failure": [nodes[v] for v in spofs],
            "single_point_names": [names[nodes[v]] for v in spofs],
            "one_route_left": [nodes[v] for v in one_left],
            "cut": [nodes[v] for v in cut],
            "home_contacts": home_contacts,
            "partner_contacts": partner_contacts,
            "partner_actors": len(side),
        }
        row["why"] = _why(P, row, partnership["name"], home_name, as_of)
        rows.append(row)
    if progress is not None:
        progress(len(partnerships), len(partnerships))
    rows.sort(key=lambda r: (r["routes"], r["name"]))
    return pd.DataFrame(rows, columns=FRAGILITY_COLUMNS)
