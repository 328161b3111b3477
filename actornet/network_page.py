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

from actornet.graph._gc import gc_paused
from actornet.graph.errors import QueryError, VizError
from actornet.graph.years import reference_year
from actornet.progress import Steps
from actornet.queries.brokers import brokers
from actornet.viz.page_html import draw_page
from actornet.viz.page_data import MAX_NODES, check_options, page_data, page_scope
from actornet.queries.recommend import Recommender
from actornet.queries.under_served import under_served

__all__ = ["network_page", "page_of", "page_scores", "partnership_map", "link_state",
           "pseudonym_key", "pseudonym_note", "PSEUDONYM_KEY_VARIABLE", "MAX_NODES", "DORMANT_YEARS",
           "INTRO_THEMES", "INTRO_K"]

#: The environment variable holding the key of people's pseudonyms.
PSEUDONYM_KEY_VARIABLE = "ACTORNET_PSEUDONYM_KEY"
# Broker scores: exact up to this many actors, else sampled from SAMPLE_SOURCES.
EXACT_ACTORS = 3000
SAMPLE_SOURCES = 200
#: A partnership with no active tie or project for this many years is dormant
#: (the default window of :func:`actornet.queries.dormant.dormant`).
DORMANT_YEARS = 5
#: Introductions precomputed per partner city: its most important missing
#: priority themes, and the introductions for each.
INTRO_THEMES = 3
INTRO_K = 3


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


def link_state(row, *, status) -> str:
    """The state a partnership's link is drawn in, from its row of
    :func:`actornet.queries.under_served.under_served`: the first that holds of

    - ``suspended``: the partnership is not in force (its status is not
      ``active``: suspended, ended, not yet signed);
    - ``dormant``: no active tie or project in the reference year, or none
      for ``DORMANT_YEARS`` years;
    - ``single_person``: one route carries it (one actor's leaving cuts it off:
      :func:`actornet.queries.fragility.fragility`);
    - ``under_served``: no working route, or at least half of the priority
      themes (by priority weight) without an active tie or project;
    - ``active``.

    Examples
    --------
    >>> row = {"active_ties": 3, "active_projects": 0, "years_dormant": 0.0, "routes": 1,
    ...        "theme_gaps": 0.2}
    >>> link_state(row, status="active"), link_state(row, status="suspended")
    ('single_person', 'suspended')
    >>> link_state({**row, "routes": 4}, status="active")
    'active'
    """
    if status != "active":
        return "suspended"
    dormant_for = row.get("years_dormant")
    if row["active_ties"] + row["active_projects"] == 0 or (
            dormant_for is not None and dormant_for == dormant_for and dormant_for >= DORMANT_YEARS):
        return "dormant"
    if row["routes"] == 1:
        return "single_person"
    if row["routes"] == 0 or row["theme_gaps"] >= 0.5:
        return "under_served"
    return "active"


def partnership_map(network, *, as_of=None, themes=INTRO_THEMES, k=INTRO_K, progress=None):
    """The partnership map's data: each partnership's activity, state, gaps and
    the recommended introductions for its most important missing priority
    themes; None when the network has no home city or no partnership.

    Plain data keyed by actor ids (the page turns ids into names, or
    pseudonyms): ``home``, ``year`` (the reference year:
    :func:`actornet.graph.years.reference_year`, never later than this
    year unless asked for; None when the data gives no year), ``asked`` (whether ``as_of`` was given) and ``partners``, one dict per partner
    city (in :meth:`ActorNetwork.partnerships` order) with ``city``,
    ``since``, ``status``, ``state`` (:func:`link_state`, one of
    ``LINK_STATES``), ``ties``, ``projects`` (active in the reference year,
    each counted once, as :func:`actornet.queries.under_served.under_served`
    and :func:`actornet.queries.coverage.coverage` count them), ``activity``
    (decayed), ``last_active``, ``years_dormant``, ``routes``,
    ``single_points`` (ids), ``missing`` (the missing priority themes, most
    important first), ``kinds`` and ``introductions``: per missing priority
    theme (at most ``themes``), up to ``k`` rows of
    :meth:`actornet.queries.recommend.Recommender.recommend` (``home``,
    ``partner``, ``path``: ids; ``score``). ``progress(done, total)``
    follows the ranking and the partnerships' introductions.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> m = partnership_map(generated_network(300, 1200, cities=4, seed=1))
    >>> m["home"], len(m["partners"]), sorted(m["partners"][0])[:4]
    ('c000', 3, ['activity', 'city', 'introductions', 'kinds'])
    """
    steps = Steps(progress, 2)
    if network.home_city is None or not network.partnerships():
        steps.done()
        return None
    table = under_served(network, as_of=as_of, progress=steps.part())
    introduced = steps.part()
    last = network.years()[1]
    year = reference_year(last, as_of) if as_of is not None or last is not None else None
    catalogue = network.themes
    recommender = None
    by_city = {row["city"]: row for row in table.to_dict("records")}
    partners = []
    partnerships = network.partnerships()
    for done, partnership in enumerate(partnerships):
        if introduced is not None:
            introduced(done, len(partnerships))
        row = by_city[partnership["city"]]
        missing = sorted(row["missing_themes"], key=lambda t: -catalogue[t].priority)
        intros = []
        if row["status"] == "active":
            for theme in missing[:themes]:
                if recommender is None:
                    recommender = Recommender(network, as_of=as_of)
                try:
                    found = recommender.recommend(theme, partnership["city"], k=k)
                except QueryError:
                    continue
                intros.append({"theme": theme, "rows": [
                    {"home": r["home_actor"], "partner": r["partner_actor"],
                     "path": [str(a) for a in r["path"]], "score": round(float(r["score"]), 4)}
                    for r in found.introductions.to_dict("records")]})
        dormant_for = row["years_dormant"]
        partners.append({
            "city": partnership["city"], "since": partnership["since"], "status": row["status"],
            "state": link_state(row, status=row["status"]),
            "ties": int(row["active_ties"]), "projects": int(row["active_projects"]),
            "activity": round(float(row["activity"]), 3),
            "last_active": None if row["last_active"] is None else int(row["last_active"]),
            "years_dormant": None if dormant_for != dormant_for or dormant_for is None
            else int(dormant_for),
            "routes": int(row["routes"]),
            "single_points": [str(a) for a in row["single_points_of_failure"]],
            "missing": missing,
            "kinds": sorted(row["kinds"]) if isinstance(row["kinds"], (list, set, tuple)) else [],
            "introductions": intros,
        })
    steps.done()
    return {"home": network.home_city, "year": year, "asked": as_of is not None,
            "partners": partners}


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
