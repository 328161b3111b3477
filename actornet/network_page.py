"""The interactive network page, composed: the part to draw, its broker scores,
the pseudonym key, and the drawing.

:func:`network_page` is what ``actornet viz``, the demo and the report use:
it cuts the network (:func:`actornet.viz.page_data.page_scope`), scores the
actors with :func:`actornet.queries.brokers.brokers` and hands both to
:func:`actornet.viz.page_html.draw_page`, which draws what it is given.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from actornet.graph.gc_pause import gc_paused
from actornet.graph.progress import Steps
from actornet.queries.brokers import brokers
from actornet.queries.partnership_map import partnership_map
from actornet.viz.page_data import MAX_NODES, check_options, page_data, page_scope
from actornet.viz.page_html import draw_page

__all__ = ["network_page", "page_of", "page_scores", "pseudonym_key", "pseudonym_note",
           "PSEUDONYM_KEY_VARIABLE", "MAX_NODES"]

#: The environment variable holding the key of people's pseudonyms.
PSEUDONYM_KEY_VARIABLE = "ACTORNET_PSEUDONYM_KEY"
# Broker scores: exact up to this many actors, else sampled from SAMPLE_SOURCES.
EXACT_ACTORS = 3000
SAMPLE_SOURCES = 200


def network_page(network, path, *, focus=None, depth=1, theme=None, city=None, as_of=None,
                 layout="spring", redact_people=False, max_nodes=MAX_NODES, seed=0,
                 map_placement="oval", progress=None) -> Path:
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
        Replace people's names and ids by pseudonyms (an HMAC keyed by
        :func:`pseudonym_key`: the ``ACTORNET_PSEUDONYM_KEY`` environment
        variable, the same from run to run, else a random key for this
        run; the key never enters the page) and drop their aliases.
    max_nodes : int
        Draw at most this many actors: a bigger network is drawn as the
        neighbourhoods of its top brokers, and the page says how many of how
        many actors and ties it shows.
    seed : int
        For the layout (and sampled broker scores): the same input gives a
        byte-identical file.
    map_placement : str
        Where the partnership map puts the partner cities
        (:data:`actornet.viz.map_layout.PLACEMENTS`; benchmarks/map_labels.py
        compares them).
    progress : callable, optional
        Called as ``progress(done, total)`` through the steps (the
        partnership map, the broker scores, the page's data and layout),
        ending with ``done == total``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    VizError
        For an unknown layout or map placement, a bad ``depth`` or ``max_nodes``.
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
    check_options(layout=layout, depth=depth, max_nodes=max_nodes, map_placement=map_placement)
    key = pseudonym_key() if redact_people else None
    steps = Steps(progress, 3)
    with gc_paused():  # millions of small objects, no cycles to collect early
        scope = page_scope(network, theme=theme, city=city, as_of=as_of)
        partners = partnership_map(network, as_of=as_of, progress=steps.part())
        scores = page_scores(scope.view, seed=seed, progress=steps.part())
        written = draw_page(scope, path, scores=scores, key=key, focus=focus, depth=depth,
                            layout=layout, max_nodes=max_nodes, seed=seed, partners=partners,
                            map_placement=map_placement, progress=steps.part())
    steps.done()
    return written


def page_of(network, *, as_of=None, max_nodes=MAX_NODES, seed=0, key=None,
            progress=None) -> dict:
    """The page data of the whole ``network`` (as of a year), scores and the
    partnership map included: the page the report embeds, opening on the
    map as ``actornet viz`` does (people under pseudonyms with ``key``);
    ``progress(done, total)`` through the map, the scores and the page's data."""
    check_options(max_nodes=max_nodes)
    steps = Steps(progress, 3)
    scope = page_scope(network, as_of=as_of)
    partners = partnership_map(network, as_of=as_of, progress=steps.part())
    scores = page_scores(scope.view, seed=seed, progress=steps.part())
    page = page_data(scope, scores, key=key, max_nodes=max_nodes, seed=seed, partners=partners,
                     progress=steps.part())
    steps.done()
    return page


def page_scores(view, *, seed=0, progress=None):
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
    """The key of people's pseudonyms: ``ACTORNET_PSEUDONYM_KEY`` when set
    (the same pseudonyms from run to run), else a random key for this run
    (:func:`pseudonym_note` says so): pseudonyms stable within one file,
    different in the next.

    Examples
    --------
    >>> import os
    >>> os.environ[PSEUDONYM_KEY_VARIABLE] = "kept private"
    >>> pseudonym_key()
    b'kept private'
    >>> del os.environ[PSEUDONYM_KEY_VARIABLE]
    >>> len(pseudonym_key()), pseudonym_key() == pseudonym_key()
    (32, False)
    """
    key = os.environ.get(PSEUDONYM_KEY_VARIABLE, "")
    return key.encode("utf-8") if key else secrets.token_bytes(32)


def pseudonym_note() -> str | None:
    """The line to show when people are redacted under a random key (no
    ``ACTORNET_PSEUDONYM_KEY``), else None."""
    if os.environ.get(PSEUDONYM_KEY_VARIABLE, ""):
        return None
    return (f"people are shown under pseudonyms from a random key made for this run (they "
            f"change from run to run; set {PSEUDONYM_KEY_VARIABLE} to any private text to keep "
            "them the same)")
