"""Names where a person reads: an actor's name, told apart from its namesakes
by city or country (ids stay in ``--format csv|json``)."""

from __future__ import annotations

from actornet.graph.errors import ResolveError
from actornet.graph.labels import actor_labels

__all__ = ["labeller", "resolve_argument"]


def labeller(network):
    """A function actor id -> the label a person reads: the name, and for
    namesakes their city or country (:func:`actornet.graph.labels.actor_labels`).

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
    return actor_labels(network)


def resolve_argument(network, text, which) -> str:
    """``network.resolve(text)``, its error naming the argument ``which``
    ("A", "--focus", ...) that named no actor (the text itself is not
    echoed: it may be a person's name)."""
    try:
        return network.resolve(text)
    except ResolveError as err:
        raise ResolveError(f"{which}: {err}", list(getattr(err, "candidates", []) or [])) \
            from err
