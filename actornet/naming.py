"""Names where a person reads: an actor's name, told apart from its namesakes
by city or country (ids stay in ``--format csv|json``)."""

from __future__ import annotations

from actornet.console import echo_text
from actornet.graph.describe import describe_candidates
from actornet.graph.errors import ResolveError
from actornet.graph.labels import actor_labels

__all__ = ["labeller", "resolve_argument", "partner_cities_of"]


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


def resolve_argument(network, text, which, *, prefer=None) -> str:
    """``network.resolve(text)``, its error naming the argument ``which``
    ("A", "--focus", ...) that named no actor (the text itself is not
    echoed: it may be a person's name).

    ``prefer``: a function returning the ids the argument is expected to be
    (e.g. the home city's partner cities for ``--city``). A name that matches
    several actors, exactly one of them expected, is that one; a note on
    stderr says which was taken.
    """
    try:
        return network.resolve(text)
    except ResolveError as err:
        if err.ambiguous and prefer is not None:
            expected = set(prefer())
            chosen = [c for c in err.candidates if c in expected]
            if len(chosen) == 1:
                echo_text(f"Note: {which} names several actors; taken as the one expected: "
                          + describe_candidates(network, chosen), err=True)
                return chosen[0]
        raise ResolveError(f"{which}: {err}", list(getattr(err, "candidates", []) or [])) \
            from err


def partner_cities_of(network):
    """A function giving the home city's partner cities' ids (for ``prefer``)."""
    return lambda: [p["city"] for p in network.partnerships()]
