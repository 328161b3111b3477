"""Groups of actors: by partner city, country, kind or any attribute.

:func:`actor_groups` gives each actor a group code under a grouping, for the
broker measures (:func:`actornet.queries.brokers.brokers`) and the group
matrix (:func:`actornet.queries.communities.group_matrix`).
"""

from __future__ import annotations

import math

import numpy as np

from actornet.graph.errors import MeasureError

__all__ = ["ELSEWHERE", "MAX_CITY_GROUPS", "actor_groups"]

#: The partner-city group of an actor based in a city that is neither the
#: home city nor one of its partners.
ELSEWHERE = "elsewhere"
#: Without a home city: at most this many cities are groups of their own.
MAX_CITY_GROUPS = 30


def actor_groups(network, nodes, by):
    """The group of each actor under a grouping, as codes.

    Parameters
    ----------
    network : ActorNetwork
    nodes : list
        The actors, in the order of the codes returned.
    by : str
        ``"partner_city"`` (the home city, each partner city, and
        :data:`ELSEWHERE` for any other city; without a home city each city
        while there are at most :data:`MAX_CITY_GROUPS`), ``"country"`` (the
        actor's, or its city's), ``"kind"`` or any other actor attribute.

    Returns
    -------
    tuple
        ``(codes, labels, shown)``: ``codes[i]`` the group number of
        ``nodes[i]`` (-1: none), ``labels`` the groups' keys in order of
        first appearance, ``shown`` their display names (a city's name).

    Raises
    ------
    MeasureError
        If ``by`` is not a name, its values are lists, or no actor has a
        value for it (``"partner_city"`` without cities gives no groups).

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(40, 100, cities=2, seed=1)
    >>> nodes = net.projection().nodes
    >>> codes, labels, shown = actor_groups(net, nodes, "kind")
    >>> len(codes) == len(nodes), shown == [str(v) for v in labels]
    (True, True)
    """
    if not isinstance(by, str) or not by:
        raise MeasureError("by must name a grouping: partner_city, kind, country or an attribute")
    graph = network.graph
    if by == "partner_city":
        values = _partner_city_values(network, nodes)
    elif by == "country":
        values = []
        for n in nodes:
            country = graph.nodes[n].get("country")
            city = network.city_of(n)
            if _blank(country) and city is not None:
                country = graph.nodes[city].get("country")
            values.append(country)
    else:
        values = [graph.nodes[n].get(by) for n in nodes]
    labels, seen, codes = [], {}, np.empty(len(nodes), np.int64)
    for i, value in enumerate(values):
        if _blank(value):
            codes[i] = -1
            continue
        try:
            code = seen.get(value)
        except TypeError as err:
            raise MeasureError(f"by={by!r}: values must be single values, not lists") from err
        if code is None:
            code = seen[value] = len(labels)
            labels.append(value)
        codes[i] = code
    if nodes and not labels:
        if by == "partner_city":
            # No cities: betweenness and structural holes still answer; the
            # group roles need groups (brokers() says so in attrs["note"]).
            return codes, labels, []
        raise MeasureError(f"no actor has a value for {by!r}; group by partner_city, kind or country")
    if by == "partner_city":
        shown = [ELSEWHERE if c == ELSEWHERE else graph.nodes[c].get("name", c) for c in labels]
    else:
        shown = [str(v) for v in labels]
    return codes, labels, shown


def _partner_city_values(network, nodes):
    """Each actor's partner-city group: its city when that is the home city or
    one of its partner cities, :data:`ELSEWHERE` for any other city, None
    when it sits nowhere known.

    Without a home city (no formal partnership and none stated) every city
    is a group while there are at most :data:`MAX_CITY_GROUPS`; beyond that
    the cities with the most actors are and the rest are elsewhere.
    """
    cities = [network.city_of(n) for n in nodes]
    home = network.home_city
    if home is not None:
        keep = {home, *(row["city"] for row in network.partnerships())}
    else:
        counts = {}
        for c in cities:
            if c is not None:
                counts[c] = counts.get(c, 0) + 1
        if len(counts) <= MAX_CITY_GROUPS:
            return cities
        ranked = sorted(counts, key=lambda c: (-counts[c], str(c)))
        keep = set(ranked[:MAX_CITY_GROUPS])
    return [c if c is None or c in keep else ELSEWHERE for c in cities]


def _blank(value):
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip())
