"""The label a person reads for an actor: its name, and where two actors share
a name, what tells them apart in words (their city, else their country).

An id is shown only when nothing a reader would recognise tells two actors
apart, and never a person's place (people are told apart by id alone). Ids
belong in ``--format csv|json``; this is for tables, ``why`` texts and routes.
"""

from __future__ import annotations

from collections import Counter

from actornet.graph.schema import Kind

__all__ = ["actor_labels"]


def actor_labels(network):
    """A function actor id -> the label a person reads.

    A name no other actor has is the label. Actors that share a name are told
    apart by their city's name, else their country, else both, where that
    qualifier is theirs alone among the namesakes; otherwise, and always for
    a person, by id. A city is told apart by its country. Unknown ids read as
    themselves. The names are gathered on the first call.

    Parameters
    ----------
    network : ActorNetwork

    Returns
    -------
    callable
        ``label(actor_id) -> str``.

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("paris", kind="city", name="Paris", country="FR")
    >>> G.add_node("lyon", kind="city", name="Lyon", country="FR")
    >>> for n in ("i1", "i2", "i3", "i4"):
    ...     G.add_node(n, kind="institution", name="INRA")
    >>> _ = G.add_edge("i1", "paris", key="b1", type="BASED_IN")
    >>> _ = G.add_edge("i2", "lyon", key="b2", type="BASED_IN")
    >>> _ = G.add_edge("i3", "lyon", key="b3", type="BASED_IN")
    >>> G.add_node("a", kind="ngo", name="Open Door")
    >>> G.add_node("b", kind="ngo", name="Open Door")
    >>> label = actor_labels(ActorNetwork(G))
    >>> label("i1"), label("i2"), label("i4"), label("a"), label("paris"), label("x")
    ('INRA (Paris)', 'INRA (i2)', 'INRA (i4)', 'Open Door (a)', 'Paris', 'x')
    """
    graph = network.graph
    nodes = graph.nodes
    names: dict = {}
    counts: Counter = Counter()
    namesakes: dict = {}
    qualified: dict = {}

    def gather():
        for node, data in nodes(data=True):
            name = data.get("name", node)
            names[node] = name
            counts[name] += 1
        for node, name in names.items():
            if counts[name] > 1:
                namesakes.setdefault(name, []).append(node)

    def qualifiers(node) -> tuple:
        data = nodes[node]
        if data.get("kind") == Kind.PERSON.value:
            return ()
        if data.get("kind") == Kind.CITY.value:
            country = data.get("country")
            return (str(country),) if country else ()
        city = network.city_of(node)
        city_name = nodes[city].get("name", city) if city is not None else None
        country = data.get("country") or (nodes[city].get("country") if city is not None else None)
        out = []
        if city_name:
            out.append(str(city_name))
        if country:
            out.append(str(country))
        if city_name and country:
            out.append(f"{city_name}, {country}")
        return tuple(out)

    def qualify(name):
        group = namesakes[name]
        options = {n: qualifiers(n) for n in group}
        seen = Counter(q for qs in options.values() for q in set(qs))
        for n in group:
            mine = [q for q in options[n] if seen[q] == 1]
            qualified[n] = f"{name} ({mine[0] if mine else n})"

    def label(node) -> str:
        if not names:
            gather()
        name = names.get(node)
        if name is None:
            return str(node)
        if counts[name] < 2 or name == node:
            return str(name)
        if node not in qualified:
            qualify(name)
        return qualified[node]

    return label
