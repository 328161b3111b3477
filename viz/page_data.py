"""The data of the network page: which part is drawn, which actors, where, and
under which names.

:func:`page_scope` cuts the network to draw (a year, a theme, a partner
city); :func:`page_data` turns that part, with the broker scores it is given,
into the page's JSON: the actors chosen (a focus, or the top brokers'
neighbourhoods when the part is too big), their positions
(:mod:`actornet.viz.layout`), the links, the legend and the actors left out
(still findable by the search). People can be drawn under pseudonyms
(:func:`pseudonym`, keyed by a secret the caller passes in). Nothing here
computes a score: the caller hands them over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


from actornet.graph.errors import ResolveError, VizError
from actornet.graph.schema import ACTOR_KINDS, Kind, TieType
from actornet.viz.actor_links import ActorLinks
from actornet.viz.layout import geo_layout, spring_layout
from actornet.viz.page_map import CITY_ACTORS, PLACEMENTS, city_actors, map_view
from actornet.viz.page_names import page_id, page_label, node_name, pseudonym
from actornet.viz.style import KIND_STYLE, TIE_STYLE

__all__ = ["Scope", "page_scope", "page_data", "check_options", "pseudonym", "LAYOUTS",
           "MAX_NODES"]

LAYOUTS = ("spring", "geo")
#: Actors drawn at most by default; a bigger network is drawn in part.
MAX_NODES = 1500
# Above this many drawn actors only the top brokers carry a label.
LABEL_ALL = 100
LABEL_TOP = 80
#: Strongest ties listed per actor in the side panel.
ACTOR_TIES = 4


@dataclass(frozen=True)
class Scope:
    """The part of a network a page draws.

    Attributes
    ----------
    network : ActorNetwork
        The network as given (its name titles the page).
    view : ActorNetwork
        The part drawn: as it stood in a year, about a theme or a partner city.
    said : tuple of str
        How the part was cut, in words, for the title.
    cut : bool
        True when the part is cut to a theme or a partner city: the page then
        opens on its actors, not on the partnership map.
    """

    network: object
    view: object
    said: tuple = ()
    cut: bool = False


def page_scope(network, *, theme=None, city=None, as_of=None) -> Scope:
    """The part of ``network`` a page draws: as of a year, about a theme, a partner city.

    Raises
    ------
    ResolveError, SchemaError
        For a ``city`` or ``theme`` that names nothing.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> scope = page_scope(generated_network(60, 200, cities=3, seed=1), as_of=2020)
    >>> scope.said
    ('as of 2020',)
    """
    view = network
    said = []
    if as_of is not None:
        view = view.as_of(int(as_of))
        said.append(f"as of {int(as_of)}")
    if theme is not None or city is not None:
        view = view.subgraph(theme=theme, city=city)
        if theme is not None:
            said.append(f"theme {view.themes.resolve(theme).label_en}")
        if city is not None:
            said.append(f"partner city {node_name(network, network.resolve(city))}")
    return Scope(network, view, tuple(said), theme is not None or city is not None)


def check_options(*, layout="spring", depth=1, max_nodes=MAX_NODES, map_placement="oval") -> None:
    """Raise :class:`VizError` for an unknown layout or map placement, a bad
    ``depth`` or ``max_nodes``."""
    if map_placement not in PLACEMENTS:
        raise VizError(f"unknown map placement; use one of {', '.join(PLACEMENTS)}")
    if layout not in LAYOUTS:
        raise VizError(f"unknown layout; use one of {', '.join(LAYOUTS)}")
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise VizError("depth must be a whole number >= 0")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise VizError("max_nodes must be a whole number >= 1")


def page_data(scope, scores=None, *, key=None, focus=None, depth=1, layout="spring",
              max_nodes=MAX_NODES, seed=0, partners=None, map_placement="oval",
              progress=None) -> dict:
    """The page's data (what travels to the page as JSON) for ``scope``.

    Parameters
    ----------
    scope : Scope or ActorNetwork
        The part to draw (:func:`page_scope`); a network is drawn whole.
    scores : pandas.DataFrame, optional
        Broker scores of the scope's actors: columns ``actor``,
        ``betweenness`` (node size and drawing order) and ``dominant_role``,
        with ``attrs["mode"]`` and ``attrs["sources"]`` saying how they were
        computed (the table of :func:`actornet.queries.brokers.brokers`).
        None: no scores (every actor the same size).
    key : bytes, optional
        Draw people under pseudonyms keyed by this secret; their aliases are
        dropped. The key never enters the page.
    focus : str, optional
        Draw only the actors within ``depth`` steps of this actor.
    depth : int
    layout : {"spring", "geo"}
    max_nodes : int
        Draw at most this many actors: a bigger scope is drawn as the
        neighbourhoods of its top brokers.
    seed : int
        For the spring layout.
    partners : dict, optional
        The partnership map's data (:func:`actornet.queries.partnership_map.partnership_map`:
        each partnership's state, activity, gaps and introductions, keyed by
        actor ids): drawn as the page's first view (unless ``focus`` is
        given or the scope is cut to a theme or city), each city with its
        most important actors (at most ``CITY_ACTORS``, by broker score).
        None: the page opens on the actors. At most ``MAP_CITIES`` partner
        cities are drawn (the most active); a control lists the rest.
    map_placement : str
        Where the map puts the partner cities (one of
        :data:`actornet.viz.map_layout.PLACEMENTS`; "oval": compass order
        on an oval, labels pointing outwards).
    progress : callable, optional
        Called as ``progress(done, 100)``: the actor graph and the selection
        (to 30), the layout (to 70), the actors and links (to 100).

    Returns
    -------
    dict

    Raises
    ------
    VizError
        For an unknown layout, a bad ``depth`` or ``max_nodes``.
    ResolveError
        For a ``focus`` that names no actor drawn.
    """
    check_options(layout=layout, depth=depth, max_nodes=max_nodes, map_placement=map_placement)
    if not isinstance(scope, Scope):
        scope = Scope(scope, scope)
    view = scope.view
    if progress is not None:
        progress(0, 100)
    A_scope = ActorLinks(view.projection())  # actor_graph() without building it
    score, role, mode, sources = _scores(scores)
    ranked = sorted(A_scope, key=lambda a: (-_finite(score.get(a)), str(a)))
    rank = {a: i + 1 for i, a in enumerate(ranked)}
    said = list(scope.said)
    by_city = city_actors(view, ranked) if partners is not None else {}
    start, keep, part = _selection(view, A_scope, ranked, focus=focus, depth=depth,
                                   max_nodes=max_nodes, key=key, said=said, by_city=by_city)
    A = A_scope.drawn(keep) if hasattr(A_scope, "drawn") else A_scope.subgraph(keep)
    order = sorted(A, key=lambda a: rank[a])  # brokers first: drawn last, on top
    if progress is not None:
        progress(30, 100)
    laid = None if progress is None else (
        lambda done, total: progress(30 + int(40 * done / total) if total else 30, 100))
    positions = (geo_layout(view, A, order) if layout == "geo"
                 else spring_layout(A, order, seed, laid))
    if progress is not None:
        progress(70, 100)
    labelled = set(order if len(order) <= LABEL_ALL else order[:LABEL_TOP])
    if start is not None:
        labelled.add(start)
    ids = {a: page_id(view, a, key) for a in A}
    nodes = _nodes(view, A, order, ids, positions, score, role, rank, labelled, key,
                   _scores_why(scores), A_scope)
    edges = _edges(view, A, ids, rank, {a: i for i, a in enumerate(A_scope)})
    years = [y for e in edges for y in (e["since"], e["until"]) if y is not None]
    kinds_present = {n["kind"] for n in nodes}
    page = {
        "title": f"{scope.network.name}" + (f" ({', '.join(said)})" if said else ""),
        "shown": {"actors": len(nodes), "ties": len(edges)},
        "total": {"actors": A_scope.number_of_nodes(), "ties": A_scope.number_of_edges()},
        "part": part,
        "scores": {"mode": mode, "sources": sources},
        "layout": layout,
        "redacted": key is not None,
        "focus": ids[start] if start is not None else None,
        "kinds": [{"kind": k.value, **KIND_STYLE[k], "count": sum(n["kind"] == k.value for n in nodes)}
                  for k in Kind if k in ACTOR_KINDS and (k.value in kinds_present or not nodes)],
        "ties": [{"type": t, **s} for t, s in TIE_STYLE.items()],
        "themes": [{"id": t.id, "label": t.label_en or t.id, "short": t.short_label}
                   for t in view.themes],
        "cities": sorted({(n["cityId"], n["city"]) for n in nodes if n["cityId"] is not None},
                         key=lambda c: (str(c[1]).casefold(), str(c[0]))),
        "roles": sorted({n["role"] for n in nodes if n["role"]}),
        "years": [min(years), max(years)] if years else None,
        "nodes": nodes,
        "edges": edges,
        "hidden": _hidden(view, ranked, keep, key),
        "map": map_view(view, partners, by_city, rank, keep, key,
                        placement=map_placement) if partners is not None else None,
        "view": "map" if partners is not None and start is None and not scope.cut
        else "actors",
    }
    if progress is not None:
        progress(100, 100)
    return page


# -- the parts ------------------------------------------------------------------

def _scores(scores):
    """Actor -> betweenness, actor -> dominant role, the mode and the sources."""
    if scores is None:
        return {}, {}, "exact", 0
    return (dict(zip(scores["actor"], scores["betweenness"])),
            {a: r for a, r in zip(scores["actor"], scores["dominant_role"]) if isinstance(r, str)},
            scores.attrs["mode"], scores.attrs["sources"])


def _selection(view, A, ranked, *, focus, depth, max_nodes, key, said, by_city=None):
    """Which actors to draw: the focus and its ``depth``-step ball, else all;
    cut to the top brokers' neighbourhoods above ``max_nodes`` (the map's
    cities' most important actors first, at most half of ``max_nodes``).
    Returns the focus (or None), the actors kept and the words for a part
    drawn."""
    if focus is not None:
        start = view.resolve(focus)
        if start not in A:
            raise ResolveError("the focus is not an actor of the network drawn", [start])
        keep = view.projection().ball(start, depth)
        said.append(f"{depth} step{'s' if depth != 1 else ''} from {page_label(view, start, key)}")
    else:
        start, keep = None, set(A)
    part = None
    if len(keep) > max_nodes:
        first = set()
        if by_city and start is None:
            per_city = min(CITY_ACTORS, max_nodes // (2 * len(by_city)))
            first = {a for actors in by_city.values() for a in actors[:per_city]}
        keep, brokers_used = _top_neighbourhoods(A, [a for a in ranked if a in keep], keep,
                                                 max_nodes, first)
        part = (f"the neighbourhoods of the {brokers_used} top broker"
                f"{'s' if brokers_used != 1 else ''} (highest betweenness)")
    return start, keep, part


def _nodes(view, A, order, ids, positions, score, role, rank, labelled, key, why, A_scope):
    graph = view.graph
    ties = view.projection()
    top_bc = max((_finite(score.get(a)) for a in A), default=0.0) or 1.0
    nodes = []
    for a in order:
        data = graph.nodes[a]
        kind = data["kind"]
        c = view.city_of(a)
        bc = _finite(score.get(a))
        x, y = positions[a]
        nodes.append({
            "id": ids[a],
            "name": page_label(view, a, key),
            "kind": kind,
            "city": page_label(view, c, key) if c is not None else None,
            "cityId": ids.get(c, page_id(view, c, key)) if c is not None else None,
            "themes": sorted(set(data.get("themes", ())) | _works_on(graph, a)),
            "aliases": [] if key is not None and kind == Kind.PERSON.value
            else [str(s) for s in data.get("aliases", ())],
            "role": role.get(a) or "",
            "why": why.get(a, ""),
            "ties": _strongest(view, A_scope, a, key, ties),
            "betweenness": round(bc, 6),
            "rank": rank[a],
            "x": x, "y": y,
            "size": round(10 + 30 * math.sqrt(bc / top_bc), 2),
            "labelled": a in labelled,
        })
    return nodes


def _edges(view, A, ids, rank, position):
    """The links drawn, the top brokers' first; each from the end that comes
    first in the network (``position``), as the whole actor graph lists it:
    a part's edges would come in the order of a set of ids, which changes
    from one Python process to the next."""
    ties = view.projection()
    edges = []
    for u, v, d in sorted(A.edges(data=True), key=lambda e: (rank[e[0]], rank[e[1]])
                          if rank[e[0]] <= rank[e[1]] else (rank[e[1]], rank[e[0]])):
        if position[u] > position[v]:
            u, v = v, u
        types = [t for t in TIE_STYLE if t in d["types"]]
        since, until = _period(view, d, ties)
        edges.append({
            "id": f"{ids[u]}\u2194{ids[v]}",
            "from": ids[u], "to": ids[v],
            "types": types, "style": types[0] if types else TieType.COOPERATES_WITH.value,
            "themes": list(d.get("themes", ())),
            "since": since, "until": until,
            "strength": d["strength"],
            "projects": sum(not _is_network(view, g) for g in d.get("projects", ())),
            "networks": sum(_is_network(view, g) for g in d.get("projects", ())),
        })
    return edges


def _hidden(view, ranked, keep, key):
    """Actors not drawn stay findable: the search says how to draw them."""
    graph = view.graph
    hidden = []
    for a in ranked:
        if a in keep:
            continue
        data = graph.nodes[a]
        c = view.city_of(a)
        person = data["kind"] == Kind.PERSON.value
        hidden.append([page_id(view, a, key), page_label(view, a, key), data["kind"],
                       page_label(view, c, key) if c is not None else None,
                       [] if key is not None and person else [str(x) for x in data.get("aliases", ())]])
    return hidden


def _scores_why(scores):
    """Actor -> the broker score's plain-language why, when given."""
    if scores is None or "why" not in scores:
        return {}
    return {a: w for a, w in zip(scores["actor"], scores["why"]) if isinstance(w, str)}


def _strongest(view, A, a, key, ties):
    """An actor's strongest ties (at most ``ACTOR_TIES``): [the other actor's
    page id, its name, the strength, the evidence in words]. ``ties``: the
    view's projection (its direct ties by id)."""
    near = sorted(A[a].items(), key=lambda x: (-x[1]["strength"], str(x[0])))[:ACTOR_TIES]
    evidence = getattr(A, "edge", None)  # _ActorLinks: the evidence of the few listed only
    links = [(b, evidence(a, b) if evidence is not None else d) for b, d in near]
    return [[page_id(view, b, key), page_label(view, b, key), round(float(d["strength"]), 3),
             _evidence(view, d, key, ties)] for b, d in links]


def _evidence(view, link, key, ties, most=3):
    """The ties and projects behind an actor-graph link, in words: type,
    years, themes, source; never a raw tie key (it holds people's ids).
    ``ties``: the view's projection (its direct ties by id)."""
    graph = view.graph
    said = []
    for tie in sorted(link.get("ties", ()))[:most]:
        u, v, k = ties.direct_tie(tie)
        d = graph.edges[u, v, k]
        style = TIE_STYLE.get(d.get("type"))
        text = style["label"] if style else str(d.get("type", "tie")).lower()
        since, until = view.period(u, v, k)
        if since is not None or until is not None:
            text += f" {since if since is not None else '?'}\u2013{until if until is not None else ''}"
        if d.get("themes"):  # in words, short: a theme's code means nothing to a reader
            text += " (" + ", ".join(view.themes.label(t, short=True)
                                     for t in d["themes"]) + ")"
        source = d.get("evidence") or d.get("source")
        if source:
            text += f", evidence: {source}"
        said.append(text)
    for group in sorted(link.get("projects", ()))[:most]:  # projects and networks
        said.append(f"{_shared(view, group)} {page_label(view, group, key)}")
    extra = len(link.get("ties", ())) + len(link.get("projects", ())) - len(said)
    if extra > 0:
        said.append(f"and {extra} more")
    return "; ".join(said)


# -- small helpers -------------------------------------------------------------

def _is_network(view, group) -> bool:
    return view.graph.nodes[group].get("kind") == Kind.NETWORK.value


def _shared(view, group) -> str:
    """What two actors share through a group, by its kind: a network is
    never called a project."""
    return "both members of the network" if _is_network(view, group) else "shared project"


def _finite(x) -> float:
    return float(x) if x is not None and not math.isnan(float(x)) else 0.0


def _works_on(graph, node) -> set:
    return {v for _, v, d in graph.out_edges(node, data=True)
            if d.get("type") == TieType.WORKS_ON.value}


def _period(network, link, ties):
    """The years behind an actor-graph link: earliest start, latest end (None: open).
    ``ties``: the network's projection (its direct ties by id)."""
    starts, ends = [], []
    graph = network.graph
    for tie in sorted(link.get("ties", ())):
        s, e = network.period(*ties.direct_tie(tie))
        starts.append(s)
        ends.append(e)
    for project in link.get("projects", ()):
        data = graph.nodes[project]
        starts.append(data.get("since"))
        ends.append(data.get("until"))
    since = None if not starts or None in starts else min(starts)
    until = None if not ends or None in ends else max(ends)
    return since, until


def _top_neighbourhoods(A, ranked, allowed, max_nodes, first=()):
    """The top brokers and their strongest neighbours, up to ``max_nodes``
    actors, beside the actors ``first``."""
    keep, used = set(first), 0
    for broker in ranked:
        if len(keep) >= max_nodes:
            break
        if broker not in keep:
            keep.add(broker)
        used += 1
        around = A[broker]
        near = sorted((nb for nb in around if nb in allowed and nb not in keep),
                      key=lambda nb: (-around[nb]["strength"], str(nb)))
        for nb in near[:max(0, max_nodes - len(keep))]:
            keep.add(nb)
    return keep, used
