"""The interactive network page, composed: the part to draw, its broker scores,
the pseudonym key, and the drawing.

:func:`network_page` is what ``actornet viz``, the demo and the report use:
it cuts the network (:func:`actornet.viz.page_data.page_scope`), scores the
actors with :func:`actornet.queries.brokers.brokers` and hands both to
:func:`actornet.viz.page.draw_page`, which draws what it is given.
"""

from __future__ import annotations

import os
from pathlib import Path

from actornet.graph.errors import VizError
from actornet.queries.brokers import brokers
from actornet.viz.page import draw_page
from actornet.viz.page_data import MAX_NODES, check_options, page_data, page_scope

__all__ = ["network_page", "page_of", "page_scores", "pseudonym_key", "PSEUDONYM_KEY_VARIABLE",
           "MAX_NODES"]

#: The environment variable holding the key of people's pseudonyms.
PSEUDONYM_KEY_VARIABLE = "ACTORNET_PSEUDONYM_KEY"
# Broker scores: exact up to this many actors, else sampled from SAMPLE_SOURCES.
EXACT_ACTORS = 3000
SAMPLE_SOURCES = 200


def network_page(network, path, *, focus=None, depth=1, theme=None, city=None, as_of=None,
                 layout="spring", redact_people=False, max_nodes=MAX_NODES, seed=0) -> Path:
    """Write the interactive page of ``network`` to ``path``; return the path.

    Parameters
    ----------
    network : ActorNetwork
        Read only; never changed.
    path : str or Path
        The HTML file to write (parent folders are created). Nothing else is
        written.
    focus : str, optional
        Draw only the actors within ``depth`` steps of this actor (id, name
        or alias).
    depth : int
        Steps from ``focus`` (1-3 in the page; any whole number >= 0 here).
    theme, city : str, optional
        Draw only the part about a theme / a partner city
        (:meth:`ActorNetwork.subgraph`).
    as_of : int, optional
        The network as it stood in that year.
    layout : {"spring", "geo"}
        "spring": a force-directed layout (networkx ``spring_layout``,
        seeded); "geo": cities at their latitude/longitude, each actor
        around the city it sits in.
    redact_people : bool
        Replace people's names and ids by stable pseudonyms (an HMAC keyed
        by the ``ACTORNET_PSEUDONYM_KEY`` environment variable, which never
        enters the page) and drop their aliases.
    max_nodes : int
        Draw at most this many actors: a bigger network is drawn as the
        neighbourhoods of its top brokers, and the page says how many of how
        many actors and ties it shows.
    seed : int
        For the layout (and sampled broker scores): the same input gives a
        byte-identical file.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    VizError
        For an unknown layout, a bad ``depth`` or ``max_nodes``, or
        ``redact_people`` without a key.
    ResolveError, SchemaError
        For a ``focus``, ``city`` or ``theme`` that names nothing.

    Notes
    -----
    Node size follows betweenness (shortest paths on distance = 1/strength,
    Brandes 2001) from :func:`actornet.queries.brokers.brokers`, exact up to 3000
    actors and sampled from 200 sources above that (the page says which).
    The introduction path between two actors picked in the page is computed
    in the page (Dijkstra on 1/strength over the drawn ties: the measure of
    ``actornet path``, restricted to what is drawn).

    Examples
    --------
    >>> import tempfile
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(60, 200, cities=3, seed=1)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = network_page(net, Path(tmp) / "net.html")
    ...     html = out.read_text(encoding="utf-8")
    >>> "Content-Security-Policy" in html and "https://cdn" not in html
    True
    """
    check_options(layout=layout, depth=depth, max_nodes=max_nodes)
    key = pseudonym_key() if redact_people else None
    scope = page_scope(network, theme=theme, city=city, as_of=as_of)
    return draw_page(scope, path, scores=page_scores(scope.view, seed=seed), key=key,
                     focus=focus, depth=depth, layout=layout, max_nodes=max_nodes, seed=seed)


def page_of(network, *, as_of=None, max_nodes=MAX_NODES, seed=0) -> dict:
    """The page data of the whole ``network`` (as of a year), scores included:
    the page the report embeds."""
    check_options(max_nodes=max_nodes)
    scope = page_scope(network, as_of=as_of)
    return page_data(scope, page_scores(scope.view, seed=seed), max_nodes=max_nodes, seed=seed)


def page_scores(view, *, seed=0):
    """The broker scores a page sizes and orders its actors by, or None
    without actors.

    Betweenness from :func:`actornet.queries.brokers.brokers` (every actor's
    row), exact up to ``EXACT_ACTORS`` actors, else sampled from
    ``SAMPLE_SOURCES`` sources (seeded); roles between partner cities, or
    between kinds when no actor sits in a city.
    """
    actors = view.actors()
    n = len(actors)
    if not n:
        return None
    exact = n <= EXACT_ACTORS
    by = "partner_city" if any(view.city_of(a) is not None for a in actors) else "kind"
    return brokers(view, by=by, top=None, mode="exact" if exact else "sampled",
                   k=None if exact else min(n, SAMPLE_SOURCES), seed=seed)


def pseudonym_key() -> bytes:
    """The key of people's pseudonyms, from ``ACTORNET_PSEUDONYM_KEY``.

    Raises
    ------
    VizError
        If the variable is unset or empty.
    """
    key = os.environ.get(PSEUDONYM_KEY_VARIABLE, "")
    if not key:
        raise VizError(f"redacting people needs a secret key in {PSEUDONYM_KEY_VARIABLE} "
                       "(any text you keep private, e.g. from `openssl rand -hex 16`): the same "
                       "key gives the same pseudonyms")
    return key.encode("utf-8")
