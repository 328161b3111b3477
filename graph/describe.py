"""Actors described in messages: enough to tell them apart and to know what
to type next, never personal data (people by id only).

:func:`describe_candidates` lists the actors a name matched (id, name, kind,
city, country, ties); :func:`not_a_partner_message` says what a city is not
and which cities are the home city's partners, nearest spelling first.
"""

from __future__ import annotations

from actornet.graph.schema import Kind, fold_text

__all__ = ["describe_candidates", "describe_actor", "not_a_partner_message", "PARTNERS_LISTED"]

#: Partner cities a message lists at most (the nearest spellings first).
PARTNERS_LISTED = 12


def describe_actor(network, node) -> str:
    """An actor for a message: ``id (name)``; a person by id only.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> describe_actor(generated_network(30, 60, cities=2, seed=1), "c001")
    'c001 (City 1)'
    """
    data = network.graph.nodes[node]
    if data.get("kind") == Kind.PERSON.value or data.get("name", node) == node:
        return str(node)
    return f"{node} ({data['name']})"


def _kind_label(kind) -> str:
    return str(kind).replace("_", " ")


def describe_candidates(network, ids) -> str:
    """Actors a name matched, each with what tells them apart: ``id (name:
    kind, city, country, N ties)``, joined by ``"; "``. A city is its own
    city; a person shows id and kind only (no name, no place).

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("paris_fr", kind="city", name="Paris", country="France")
    >>> G.add_node("paris_us", kind="city", name="Paris", country="United States")
    >>> G.add_node("p1", kind="person", name="Paris Hilton")
    >>> _ = G.add_edge("paris_fr", "paris_us", key="t", type="PARTNER_OF")
    >>> print(describe_candidates(ActorNetwork(G), ["paris_fr", "paris_us", "p1"]))
    paris_fr (Paris: city, France, 1 tie); paris_us (Paris: city, United States, 1 tie); p1 (person)
    """
    graph = network.graph
    out = []
    for n in ids:
        d = graph.nodes[n]
        kind = d.get("kind")
        if kind == Kind.PERSON.value:
            out.append(f"{n} ({_kind_label(kind)})")
            continue
        facts = [_kind_label(kind)]
        city = network.city_of(n) if kind != Kind.CITY.value else n
        if city is not None and city != n:
            facts.append(str(graph.nodes[city].get("name", city)))
        country = d.get("country") or (graph.nodes[city].get("country") if city is not None else None)
        facts.append(str(country) if country else "country unknown")
        ties = graph.degree(n)
        facts.append(f"{ties} tie{'s' if ties != 1 else ''}")
        name = d.get("name", n)
        out.append(f"{n} ({name}: {', '.join(facts)})" if name != n else f"{n} ({', '.join(facts)})")
    return "; ".join(out)


def not_a_partner_message(network, city, home, partners) -> str:
    """``city`` is not a partner city of ``home``: the message, with the
    home city's partner cities (``partners``: ids), nearest spelling to
    ``city``'s name first (at most :data:`PARTNERS_LISTED`, then how many
    more).

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, name in [("berlin", "Berlin"), ("paris", "Paris"), ("prague", "Prague"),
    ...                 ("paris_us", "Paris")]:
    ...     G.add_node(n, kind="city", name=name)
    >>> for c in ("paris", "prague"):
    ...     _ = G.add_edge("berlin", c, key=c, type="PARTNER_OF")
    >>> print(not_a_partner_message(ActorNetwork(G), "paris_us", "berlin", ["prague", "paris"]))
    paris_us (Paris) is not a partner city of berlin (Berlin); its partner cities, nearest spelling first: Paris (paris), Prague (prague)
    """
    from rapidfuzz import fuzz

    graph = network.graph
    wanted = fold_text(str(graph.nodes[city].get("name", city))) if city in graph else fold_text(city)

    def name(c):
        return str(graph.nodes[c].get("name", c))

    ranked = sorted(partners, key=lambda c: (-fuzz.WRatio(wanted, fold_text(name(c))),
                                             name(c).casefold(), str(c)))
    listed = ", ".join(f"{name(c)} ({c})" if name(c) != c else str(c)
                       for c in ranked[:PARTNERS_LISTED])
    if city == home:
        text = f"{describe_actor(network, city)} is the home city itself, not a partner city"
    else:
        text = (f"{describe_actor(network, city) if city in graph else city} is not a partner "
                f"city of {describe_actor(network, home)}")
    if not ranked:
        return text + "; it has no partner cities"
    more = len(ranked) - PARTNERS_LISTED
    return (text + f"; its partner cities, nearest spelling first: {listed}"
            + (f" and {more} more (actornet gaps lists them all)" if more > 0 else ""))
