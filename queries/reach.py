"""Why no chain of ties links two actors, in words: they sit in separate
parts of the network; how big each part is; and the actor of the first one's
part nearest to the second, which ``actornet path`` can reach.

"Nearest", in this order: the best-connected actor of the first actor's part
in the second's city (or the city itself); else in the second's country; else
the one whose name is most like the second's. The parts are those of the
route search itself (:func:`actornet.queries.paths.route_lengths`: a link of
infinite length, such as a suspended partnership, joins nothing).
"""

from __future__ import annotations

import numpy as np

from actornet.graph.describe import describe_actor
from actornet.graph.schema import Kind, fold_text

__all__ = ["separation", "parts"]


def parts(P, lengths) -> np.ndarray:
    """The part (connected component) of each actor of the projection ``P``
    over its links of finite ``lengths``: an array of labels.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> P = generated_network(40, 10, cities=2, seed=1).projection()
    >>> labels = parts(P, np.ones(P.indices.shape[0]))
    >>> labels.shape == (P.n,)
    True
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    finite = np.isfinite(lengths)
    rows = np.repeat(np.arange(P.n), np.diff(P.indptr))
    M = csr_matrix((np.ones(int(finite.sum())), (rows[finite], P.indices[finite])),
                   shape=(P.n, P.n))
    return connected_components(M, directed=False)[1]


def _place(network, node):
    """(city, country) of an actor (a city is its own city)."""
    data = network.graph.nodes[node]
    city = node if data.get("kind") == Kind.CITY.value else network.city_of(node)
    country = data.get("country") or (network.graph.nodes[city].get("country")
                                      if city is not None else None)
    return city, country


def separation(network, P, lengths, source, target) -> str:
    """The words that follow "no chain of ties links A and B": the two parts
    and their sizes, and the actor of A's part nearest to B (see the module);
    "" when the two are in one part."""
    labels = parts(P, lengths)
    a, b = labels[P.index[source]], labels[P.index[target]]
    if a == b:
        return ""
    size_a, size_b = int((labels == a).sum()), int((labels == b).sum())
    text = (f": they are in separate parts of the network ({size_a} actor"
            f"{'s' if size_a != 1 else ''} on the first one's side, {size_b} on the second's)")
    found = _nearest(network, P, np.flatnonzero(labels == a), source, target)
    if found is None:
        return text + ("; no actor the first one can reach is in the second's city or country, "
                       "or has a name like it")
    near, why = found
    return (text + f"; the nearest actor the first one can reach is "
            f"{describe_actor(network, near)}, {why} (try: actornet path {source} {near})")


def _nearest(network, P, members, source, target):
    graph = network.graph
    degree = np.diff(P.indptr)
    city, country = _place(network, target)
    person = graph.nodes[target].get("kind") == Kind.PERSON.value
    own = describe_actor(network, target)
    actors = [P.nodes[i] for i in members if P.nodes[i] != source]

    def best(chosen):  # the most links; the smallest id among equals
        return min(chosen, key=lambda x: (-int(degree[P.index[x]]), str(x)))

    where = [x for x in actors if city is not None and _place(network, x)[0] == city]
    if where:
        said = f"in the same city as {own}" if person else \
            f"in {graph.nodes[city].get('name', city)}"
        return best(where), f"its side's best-connected actor {said}"
    where = [x for x in actors if country and _place(network, x)[1] == country]
    if where:
        said = f"in the same country as {own}" if person else f"in {country}"
        return best(where), f"its side's best-connected actor {said}"
    if person:
        return None
    from rapidfuzz import fuzz, process

    names = {x: fold_text(str(graph.nodes[x].get("name", x))) for x in actors}
    hit = process.extractOne(fold_text(str(graph.nodes[target].get("name", target))), names,
                             scorer=fuzz.WRatio, score_cutoff=60)
    if hit is None:
        return None
    return hit[2], f"the name on its side most like {own}'s"
