"""Names where a person reads: an actor's name, its id beside it only when
two actors share the name (ids stay in ``--format csv|json``)."""

from __future__ import annotations

from collections import Counter

from actornet.graph.errors import ResolveError

__all__ = ["labeller", "resolve_argument"]


def labeller(network):
    """A function actor id -> the label a person reads.

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="ngo", name="Open Door")
    >>> G.add_node("b", kind="ngo", name="Open Door")
    >>> G.add_node("c", kind="ngo", name="Kiezladen")
    >>> label = labeller(ActorNetwork(G))
    >>> label("a"), label("c"), label("unknown")
    ('Open Door (a)', 'Kiezladen', 'unknown')
    """
    nodes = network.graph.nodes
    counts = Counter(d.get("name", n) for n, d in nodes(data=True))

    def label(node) -> str:
        if node not in nodes:
            return str(node)
        name = nodes[node].get("name", node)
        return f"{name} ({node})" if counts[name] > 1 and name != node else name

    return label


def resolve_argument(network, text, which) -> str:
    """``network.resolve(text)``, its error naming the argument ``which``
    ("A", "--focus", ...) that named no actor (the text itself is not
    echoed: it may be a person's name)."""
    try:
        return network.resolve(text)
    except ResolveError as err:
        raise ResolveError(f"{which}: {err}", list(getattr(err, "candidates", []) or [])) \
            from err
