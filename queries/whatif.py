"""What if these actors started working together? Proposed ties, not saved.

:func:`what_if` adds proposed ties to a copy of the network and shows, side
by side, what changes for the partnerships they touch (independent routes,
single points of failure, the under-served score and rank, missing priority
themes) and for the actors they join (betweenness).

Pure analysis: the network is never changed; nothing is written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from actornet.graph.errors import QueryError, SchemaError
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.schema import Kind, TieType
from actornet.queries.activity import reference_year_of
from actornet.queries.betweenness import betweenness
from actornet.queries.under_served import under_served

__all__ = ["what_if", "WhatIf", "ProposedTie"]


@dataclass(frozen=True)
class ProposedTie:
    """A tie to try: two actors (ids, names or aliases), its themes and intensity."""

    source: str
    target: str
    themes: tuple = ()
    weight: int = 3
    type: str = TieType.COOPERATES_WITH.value


@dataclass(frozen=True)
class WhatIf:
    """The outcome of :func:`what_if`.

    Attributes
    ----------
    network : ActorNetwork
        The network with the proposed ties added (a copy).
    ties : list of tuple
        The proposed ties as added: (source id, target id, tie id).
    partnerships : pandas.DataFrame
        One row per partnership the ties touch: ``city``, ``name``, and for
        ``routes``, ``score`` (under-served), ``rank`` and ``missing_themes``
        the value before and after (``*_before``, ``*_after``), with the
        single points of failure before and after, and a ``why``.
    actors : pandas.DataFrame
        The actors the ties join: ``betweenness_before``, ``betweenness_after``
        (normalised, on tie distance).
    """

    network: ActorNetwork
    ties: list
    partnerships: pd.DataFrame
    actors: pd.DataFrame


def _as_proposed(item) -> ProposedTie:
    if isinstance(item, ProposedTie):
        return item
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return ProposedTie(str(item[0]), str(item[1]))
    raise QueryError("a proposed tie is (source, target) or a ProposedTie")


def _with_ties(network, proposed, year):
    G = nx.MultiDiGraph(network.graph)
    added = []
    for tie in proposed:
        u, v = network.resolve(tie.source), network.resolve(tie.target)
        if u == v:
            raise QueryError("a proposed tie joins two different actors")
        tie_type = TieType(tie.type)
        kinds = (Kind(G.nodes[u]["kind"]), Kind(G.nodes[v]["kind"]))
        if not tie_type.allows(*kinds):
            raise QueryError(f"a {tie_type.value} tie cannot join a {kinds[0].value} "
                             f"and a {kinds[1].value}")
        try:  # a theme by id, label or alias, as --theme everywhere
            themes = list(dict.fromkeys(network.themes.resolve(t).id for t in tie.themes))
        except SchemaError as err:
            raise QueryError(f"a proposed tie: {err}") from err
        key = "proposed:" + tie_key(u, tie_type, v, since=year)
        G.add_edge(u, v, key=key, type=tie_type.value, themes=themes, since=year,
                   weight=tie.weight, evidence="proposed (what-if)")
        added.append((u, v, key))
    return ActorNetwork(G, network.themes, report=network.report,
                        name=f"{network.name} (what if)"), added


def what_if(network, ties, *, as_of=None) -> WhatIf:
    """Add proposed ties (not saved) and compare the partnerships and actors they touch.

    Parameters
    ----------
    network : ActorNetwork
        Not changed.
    ties : iterable
        ``(source, target)`` pairs (ids, names or aliases) or
        :class:`ProposedTie` s (themes, intensity, type).
    as_of : int, optional
        The year the ties start and the comparison is made (default: the
        last year the network mentions).

    Returns
    -------
    WhatIf

    Raises
    ------
    QueryError
        If a tie joins an actor to itself, its type does not fit the two
        kinds, or it names an unknown theme.
    ResolveError
        If a name matches no actor or several.

    Examples
    --------
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat in [("home", "city", None), ("twin", "city", None),
    ...                       ("desk", "person", "home"), ("uni", "institution", "home"),
    ...                       ("lab", "institution", "twin"), ("office", "ngo", "twin")]:
    ...     G.add_node(n, kind=kind, name=n.title())
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> _ = G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    >>> _ = G.add_edge("desk", "lab", key="t1", type="COOPERATES_WITH", since=2000)
    >>> result = what_if(ActorNetwork(G), [("uni", "office")], as_of=2020)
    >>> result.partnerships[["city", "routes_before", "routes_after"]].to_dict("records")
    [{'city': 'twin', 'routes_before': 1, 'routes_after': 2}]
    >>> result.partnerships.loc[0, "single_points_of_failure_before"]
    ['desk', 'lab']
    >>> result.partnerships.loc[0, "single_points_of_failure_after"]
    []
    """
    proposed = [_as_proposed(t) for t in ties]
    if not proposed:
        raise QueryError("propose at least one tie")
    year = as_of if as_of is not None else (
        reference_year_of(network, None) if network.years()[1] is not None else None)
    after_network, added = _with_ties(network, proposed, year)
    before = under_served(network, as_of=year).set_index("city")
    after = under_served(after_network, as_of=year).set_index("city")
    home = network.home_city
    touched = []
    for u, v, _ in added:
        for actor in (u, v):
            city = network.city_of(actor)
            if city is not None and city != home and city in before.index and city not in touched:
                touched.append(city)
    rows = []
    for city in touched:
        b, a = before.loc[city], after.loc[city]
        spof_b, spof_a = list(b["single_points_of_failure"]), list(a["single_points_of_failure"])
        gained = sorted(set(b["missing_themes"]) - set(a["missing_themes"]))
        parts = [f"routes {b['routes']} → {a['routes']}"]
        if spof_b != spof_a:
            def named(ids):
                return ", ".join(network.graph.nodes[x].get("name", x) for x in ids) or "none"
            parts.append(f"single points of failure {named(spof_b)} → {named(spof_a)}")
        if gained:
            parts.append("priority themes covered: "
                         + ", ".join(network.themes.label(t) for t in gained))
        parts.append(f"under-served score {b['score']:.2f} → {a['score']:.2f}")
        rows.append({"city": city, "name": b["name"],
                     "routes_before": int(b["routes"]), "routes_after": int(a["routes"]),
                     "single_points_of_failure_before": spof_b,
                     "single_points_of_failure_after": spof_a,
                     "score_before": float(b["score"]), "score_after": float(a["score"]),
                     "rank_before": b["rank"], "rank_after": a["rank"],
                     "missing_themes_before": list(b["missing_themes"]),
                     "missing_themes_after": list(a["missing_themes"]),
                     "why": f"{b['name']}: " + "; ".join(parts) + "."})
    partnerships = pd.DataFrame(rows, columns=[
        "city", "name", "routes_before", "routes_after", "single_points_of_failure_before",
        "single_points_of_failure_after", "score_before", "score_after", "rank_before",
        "rank_after", "missing_themes_before", "missing_themes_after", "why"])
    joined = list(dict.fromkeys(a for u, v, _ in added for a in (u, v)))
    # Betweenness as brokers and the page measure it: on the whole network
    # (or the as_of view when a year is asked for), distance = 1 / strength,
    # normalised the same way.
    if as_of is None:
        b_before = betweenness(network.actor_graph(), weight="distance")
        b_after = betweenness(after_network.actor_graph(), weight="distance")
    else:
        b_before = betweenness(network.as_of(year).actor_graph(), weight="distance")
        b_after = betweenness(after_network.as_of(year).actor_graph(), weight="distance")
    actors = pd.DataFrame([{"actor": n, "name": network.graph.nodes[n].get("name", n),
                            "betweenness_before": b_before.get(n, 0.0),
                            "betweenness_after": b_after.get(n, 0.0)} for n in joined])
    return WhatIf(after_network, added, partnerships, actors)
