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

import pandas as pd

from actornet.graph.errors import QueryError
from actornet.queries.partnership_facts import (
    ALL, NOT_ROUTES, WORKING, labels_for, partnership_facts, routes_text,
)

__all__ = [
    "fragility",
    "FRAGILITY_COLUMNS",
    "NOT_ROUTES",
]

#: The columns of :func:`fragility`'s table, in order.
FRAGILITY_COLUMNS = [
    "city", "name", "since", "status", "routes", "single_points_of_failure",
    "single_point_names", "one_route_left", "cut", "home_contacts",
    "partner_contacts", "partner_actors", "why",
]


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
    if network.home_city is None:
        raise QueryError("the network has no home city: fragility needs formal partnerships "
                         "(PARTNER_OF ties between cities)")
    # One record per partnership, shared with under_served, dormant, coverage and
    # the report: the routes over every tie without a year, over the ties valid
    # in that year with one.
    facts = partnership_facts(network, as_of=as_of, city=city, progress=progress)
    view = ALL if as_of is None else WORKING
    label = labels_for(network)
    rows = []
    for fact in facts:
        r = fact["routes"][view]
        rows.append({
            "city": fact["city"],
            "name": fact["name"],
            "since": fact["since"],
            "status": _fragility_status(fact, as_of),
            "routes": r["routes"],
            "single_points_of_failure": list(r["single_points_of_failure"]),
            "single_point_names": [network.name_of(n) for n in r["single_points_of_failure"]],
            "one_route_left": list(r["one_route_left"]),
            "cut": list(r["cut"]),
            "home_contacts": list(r["home_contacts"]),
            "partner_contacts": list(r["partner_contacts"]),
            "partner_actors": fact["partner_actors"],
            "why": routes_text(fact, view, label),
        })
    rows.sort(key=lambda r: (r["routes"], r["name"]))
    return pd.DataFrame(rows, columns=FRAGILITY_COLUMNS)


def _fragility_status(fact, as_of):
    """The status shown: "not yet signed" only when a year was asked for (as
    the table always said)."""
    status = fact["partnership"]["status"]
    since = fact["since"]
    if as_of is not None and since is not None and since > as_of:
        return "not yet signed"
    return status
