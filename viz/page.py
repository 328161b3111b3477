"""The interactive network page: one self-contained, offline HTML file.

:func:`network_page` draws an :class:`~actornet.graph.network.ActorNetwork` as one HTML
file that opens from disk with no request to any other origin: vis-network's
JavaScript and CSS (the copy bundled with pyvis, with its licence header) are
inlined, and a Content-Security-Policy forbids everything else. The page is
our own Jinja2 template (autoescaped); the data travels as JSON inside a
``<script type="application/json">`` element and is read with ``JSON.parse``,
never as HTML. Tooltips are built with ``textContent`` from an allowlist of
fields; e-mails, phones and any other attribute never reach the page.

Pyvis is used only for its bundled copy of vis-network: its ``Network`` class
copies every node attribute into the page, mutates the caller's graph and
scans every edge on each ``add_edge``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import os
from collections import deque
from importlib import resources
from pathlib import Path

import networkx as nx

from actornet.graph.atomic import write_text_atomic
from actornet.graph.errors import ActornetError, VizError
from actornet.graph.schema import ACTOR_KINDS, Kind, TieType

__all__ = ["network_page", "KIND_STYLE", "TIE_STYLE", "LAYOUTS", "MAX_NODES",
           "PSEUDONYM_KEY_VARIABLE"]

LAYOUTS = ("spring", "geo")
#: Actors drawn at most by default; a bigger network is drawn in part.
MAX_NODES = 1500
#: The environment variable holding the key of people's pseudonyms.
PSEUDONYM_KEY_VARIABLE = "ACTORNET_PSEUDONYM_KEY"
# Broker scores: exact up to this many actors, else sampled from SAMPLE sources.
EXACT_ACTORS = 3000
SAMPLE_SOURCES = 200
# Above this many drawn actors only the top brokers carry a label.
LABEL_ALL = 100
# Up to this many actors in one component, the layout runs vectorised in O(n^2) memory.
DENSE_LAYOUT = 2500
LABEL_TOP = 80

#: Colour (Okabe-Ito, colour-blind safe) and vis-network shape per kind; the
#: legend is generated from this mapping.
KIND_STYLE = {
    Kind.CITY: {"color": "#0072B2", "shape": "diamond", "label": "City"},
    Kind.INSTITUTION: {"color": "#009E73", "shape": "dot", "label": "Institution"},
    Kind.FEDERAL_BODY: {"color": "#D55E00", "shape": "square", "label": "Federal body"},
    Kind.NGO: {"color": "#E69F00", "shape": "triangle", "label": "NGO"},
    Kind.PERSON: {"color": "#CC79A7", "shape": "dot", "label": "Person"},
    Kind.PROJECT: {"color": "#56B4E9", "shape": "box", "label": "Project"},
    Kind.THEME: {"color": "#999999", "shape": "ellipse", "label": "Theme"},
}

#: How an actor-graph link is drawn, by the tie types behind it, in order of
#: precedence (a link with several types is drawn as the first). Links through
#: a shared project are ``SHARED_PROJECT``.
SHARED_PROJECT = "SHARED_PROJECT"
TIE_STYLE = {
    TieType.PARTNER_OF.value: {"color": "#0072B2", "dashes": False, "label": "formal city partnership"},
    TieType.COOPERATES_WITH.value: {"color": "#555555", "dashes": False, "label": "cooperation"},
    TieType.MEMBER_OF.value: {"color": "#8c8c8c", "dashes": [2, 4], "label": "member of"},
    TieType.KNOWS.value: {"color": "#CC79A7", "dashes": [6, 4], "label": "personal contact"},
    SHARED_PROJECT: {"color": "#E69F00", "dashes": [10, 6], "label": "shared project"},
}

_VIS_DIR = "lib/vis-9.1.2"
_VIS_LICENCE = ("vis-network 9.1.2, (c) 2011-2017 Almende B.V., (c) 2017-2019 visjs contributors; "
                "dual licensed under the Apache License 2.0 and the MIT License "
                "(the full notice is kept at the top of the inlined script).")

_CSP = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; "
        "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


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
    if layout not in LAYOUTS:
        raise VizError(f"unknown layout; use one of {', '.join(LAYOUTS)}")
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise VizError("depth must be a whole number >= 0")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise VizError("max_nodes must be a whole number >= 1")
    key = _pseudonym_key() if redact_people else None
    page = _page_data(network, focus=focus, depth=depth, theme=theme, city=city, as_of=as_of,
                      layout=layout, key=key, max_nodes=max_nodes, seed=seed)
    html = render(page)
    return write_text_atomic(path, html)


# -- the data -----------------------------------------------------------------

def _pseudonym_key() -> bytes:
    key = os.environ.get(PSEUDONYM_KEY_VARIABLE, "")
    if not key:
        raise VizError(f"redacting people needs a secret key in {PSEUDONYM_KEY_VARIABLE} "
                       "(any text you keep private, e.g. from `openssl rand -hex 16`): the same "
                       "key gives the same pseudonyms")
    return key.encode("utf-8")


def pseudonym(key: bytes, actor_id: str) -> str:
    """The stable pseudonym of a person: ``Person`` and 8 letters of an HMAC.

    Examples
    --------
    >>> pseudonym(b"secret", "p001")
    'Person 5pw7rwcb'
    >>> pseudonym(b"secret", "p001") == pseudonym(b"other", "p001")
    False
    """
    digest = hmac.new(key, str(actor_id).encode("utf-8"), hashlib.sha256).digest()
    return "Person " + base64.b32encode(digest)[:8].decode("ascii").lower()


def _page_data(network, *, focus, depth, theme, city, as_of, layout, key, max_nodes, seed):
    from actornet.queries.brokers import brokers

    scope = network
    said = []
    if as_of is not None:
        scope = scope.as_of(int(as_of))
        said.append(f"as of {int(as_of)}")
    if theme is not None or city is not None:
        scope = scope.subgraph(theme=theme, city=city)
        if theme is not None:
            said.append(f"theme {scope.themes.resolve(theme).label_en}")
        if city is not None:
            said.append(f"partner city {_name(network, network.resolve(city))}")
    A_scope = scope.actor_graph()
    total_actors, total_links = A_scope.number_of_nodes(), A_scope.number_of_edges()

    # Broker scores on the scope (before focus and cutting to size).
    n = total_actors
    if n:
        exact = n <= EXACT_ACTORS
        # Roles between partner cities; by kind when no actor sits in a city.
        by = "partner_city" if any(scope.city_of(a) is not None for a in A_scope) else "kind"
        table = brokers(scope, by=by, top=None, mode="exact" if exact else "sampled",
                        k=None if exact else min(n, SAMPLE_SOURCES), seed=seed)
        score = dict(zip(table["actor"], table["betweenness"]))
        role = dict(zip(table["actor"], table["dominant_role"]))
        mode, sources = table.attrs["mode"], table.attrs["sources"]
    else:
        score, role, mode, sources = {}, {}, "exact", 0
    ranked = sorted(A_scope, key=lambda a: (-_finite(score.get(a)), str(a)))
    rank = {a: i + 1 for i, a in enumerate(ranked)}

    # Which actors to draw.
    if focus is not None:
        start = scope.resolve(focus)
        if start not in A_scope:
            from actornet.graph.errors import ResolveError
            raise ResolveError("the focus is not an actor of the network drawn", [start])
        keep = _ball(A_scope, start, depth)
        said.append(f"{depth} step{'s' if depth != 1 else ''} from {_label(scope, start, key)}")
    else:
        start, keep = None, set(A_scope)
    part = None
    if len(keep) > max_nodes:
        keep, brokers_used = _top_neighbourhoods(A_scope, [a for a in ranked if a in keep],
                                                 keep, max_nodes)
        part = (f"the neighbourhoods of the {brokers_used} top broker"
                f"{'s' if brokers_used != 1 else ''} (highest betweenness)")
    A = A_scope.subgraph(keep)
    order = sorted(A, key=lambda a: rank[a])  # brokers first: drawn last, on top

    positions = (_geo_layout(scope, A, order) if layout == "geo"
                 else _spring_layout(A, order, seed))
    top_bc = max((_finite(score.get(a)) for a in A), default=0.0) or 1.0
    labelled = set(order if len(order) <= LABEL_ALL else order[:LABEL_TOP])
    if start is not None:
        labelled.add(start)

    graph = scope.graph
    ids = {a: _page_id(scope, a, key) for a in A}
    nodes = []
    for a in order:
        data = graph.nodes[a]
        kind = data["kind"]
        name = _label(scope, a, key)
        c = scope.city_of(a)
        bc = _finite(score.get(a))
        x, y = positions[a]
        nodes.append({
            "id": ids[a],
            "name": name,
            "kind": kind,
            "city": _label(scope, c, key) if c is not None else None,
            "cityId": ids.get(c, _page_id(scope, c, key)) if c is not None else None,
            "themes": sorted(set(data.get("themes", ())) | _works_on(graph, a)),
            "aliases": [] if key is not None and kind == Kind.PERSON.value
            else [str(s) for s in data.get("aliases", ())],
            "role": role.get(a) or "",
            "betweenness": round(bc, 6),
            "rank": rank[a],
            "x": x, "y": y,
            "size": round(10 + 30 * math.sqrt(bc / top_bc), 2),
            "labelled": a in labelled,
        })
    tie_index = {k: (u, v, k) for u, v, k in graph.edges(keys=True)}
    edges = []
    for u, v, d in sorted(A.edges(data=True), key=lambda e: (rank[e[0]], rank[e[1]])
                          if rank[e[0]] <= rank[e[1]] else (rank[e[1]], rank[e[0]])):
        types = [t for t in TIE_STYLE if t in d["types"]]
        since, until = _period(scope, d, tie_index)
        edges.append({
            "id": f"{ids[u]}\u2194{ids[v]}",
            "from": ids[u], "to": ids[v],
            "types": types, "style": types[0] if types else TieType.COOPERATES_WITH.value,
            "themes": list(d.get("themes", ())),
            "since": since, "until": until,
            "strength": d["strength"],
            "projects": len(d.get("projects", ())),
        })
    # Actors not drawn stay findable: the search says how to draw them.
    hidden = []
    for a in ranked:
        if a in keep:
            continue
        data = graph.nodes[a]
        c = scope.city_of(a)
        person = data["kind"] == Kind.PERSON.value
        hidden.append([_page_id(scope, a, key), _label(scope, a, key), data["kind"],
                       _label(scope, c, key) if c is not None else None,
                       [] if key is not None and person else [str(x) for x in data.get("aliases", ())]])
    years = [y for e in edges for y in (e["since"], e["until"]) if y is not None]
    kinds_present = {n["kind"] for n in nodes}
    return {
        "title": f"{network.name}" + (f" ({', '.join(said)})" if said else ""),
        "shown": {"actors": len(nodes), "ties": len(edges)},
        "total": {"actors": total_actors, "ties": total_links},
        "part": part,
        "scores": {"mode": mode, "sources": sources},
        "layout": layout,
        "redacted": key is not None,
        "focus": ids[start] if start is not None else None,
        "kinds": [{"kind": k.value, **KIND_STYLE[k], "count": sum(n["kind"] == k.value for n in nodes)}
                  for k in Kind if k in ACTOR_KINDS and (k.value in kinds_present or not nodes)],
        "ties": [{"type": t, **s} for t, s in TIE_STYLE.items()],
        "themes": [{"id": t.id, "label": t.label_en} for t in scope.themes],
        "cities": sorted({(n["cityId"], n["city"]) for n in nodes if n["cityId"] is not None},
                         key=lambda c: (str(c[1]).casefold(), str(c[0]))),
        "roles": sorted({n["role"] for n in nodes if n["role"]}),
        "years": [min(years), max(years)] if years else None,
        "nodes": nodes,
        "edges": edges,
        "hidden": hidden,
    }


def _finite(x) -> float:
    return float(x) if x is not None and not math.isnan(float(x)) else 0.0


def _name(network, node):
    return str(network.graph.nodes[node].get("name", node))


def _is_person(network, node) -> bool:
    return node is not None and network.graph.nodes[node].get("kind") == Kind.PERSON.value


def _label(network, node, key):
    if key is not None and _is_person(network, node):
        return pseudonym(key, node)
    return _name(network, node)


def _page_id(network, node, key):
    if key is not None and _is_person(network, node):
        return pseudonym(key, node)
    return str(node)


def _works_on(graph, node) -> set:
    return {v for _, v, d in graph.out_edges(node, data=True)
            if d.get("type") == TieType.WORKS_ON.value}


def _period(network, link, tie_index):
    """The years behind an actor-graph link: earliest start, latest end (None: open)."""
    starts, ends = [], []
    graph = network.graph
    for tie in sorted(link.get("ties", ())):
        if tie in tie_index:
            s, e = network.period(*tie_index[tie])
            starts.append(s)
            ends.append(e)
    for project in link.get("projects", ()):
        data = graph.nodes[project]
        starts.append(data.get("since"))
        ends.append(data.get("until"))
    since = None if not starts or None in starts else min(starts)
    until = None if not ends or None in ends else max(ends)
    return since, until


def _ball(A, start, depth) -> set:
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] == depth:
            continue
        for nb in A[node]:
            if nb not in seen:
                seen[nb] = seen[node] + 1
                queue.append(nb)
    return set(seen)


def _top_neighbourhoods(A, ranked, allowed, max_nodes):
    """The top brokers and their strongest neighbours, up to ``max_nodes`` actors."""
    keep, used = set(), 0
    for broker in ranked:
        if len(keep) >= max_nodes:
            break
        if broker not in keep:
            keep.add(broker)
        used += 1
        near = sorted((nb for nb in A[broker] if nb in allowed and nb not in keep),
                      key=lambda nb: (-A[broker][nb]["strength"], str(nb)))
        for nb in near[:max(0, max_nodes - len(keep))]:
            keep.add(nb)
    return keep, used


def _scale(n) -> float:
    return 110.0 * math.sqrt(max(n, 1)) + 200.0


def _spring_layout(A, order, seed):
    """A seeded force-directed layout: the biggest component in the middle,
    the smaller ones and the isolated actors in rows below it."""
    if not order:
        return {}
    rank = {a: i for i, a in enumerate(order)}
    parts = sorted((sorted(c, key=rank.get) for c in nx.connected_components(A)),
                   key=lambda c: (-len(c), rank[c[0]]))
    pos = {}
    main = parts[0]
    width = _scale(len(main))
    pos.update(_spring(A, main, seed, width))
    bottom = max(y for _, y in pos.values()) + 120.0
    x, row_height = -width, 0.0
    singles = [c[0] for c in parts[1:] if len(c) == 1]
    for part in (c for c in parts[1:] if len(c) > 1):
        size = _scale(len(part)) / 3
        if x + size > width:
            x, bottom = -width, bottom + row_height + 80.0
            row_height = 0.0
        for a, (px, py) in _spring(A, part, seed, size).items():
            pos[a] = (round(x + size / 2 + px / 2, 1), round(bottom + size / 2 + py / 2, 1))
        x += size + 80.0
        row_height = max(row_height, size)
    bottom += row_height + 80.0
    per_row = max(1, int(2 * width // 90))
    for i, a in enumerate(singles):
        pos[a] = (round(-width + (i % per_row) * 90.0, 1), round(bottom + (i // per_row) * 60.0, 1))
    return pos


def _spring(A, nodes, seed, scale):
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    H = nx.Graph()
    H.add_nodes_from(nodes)  # a fixed order: the layout depends on it
    H.add_edges_from(sorted(((u, v, {"w": d["strength"]}) for u, v, d in A.subgraph(nodes).edges(data=True)),
                            key=lambda e: (str(e[0]), str(e[1]))))
    n = len(nodes)
    k = 2.0 / math.sqrt(n)
    if n <= DENSE_LAYOUT:
        pos = _fruchterman_reingold(nx.to_numpy_array(H, nodelist=nodes, weight="w"), k,
                                    100 if n <= 500 else 50, seed)
        pos = dict(zip(nodes, pos))
    else:  # networkx's sparse version: slower, but in less memory
        pos = nx.spring_layout(H, k=k, weight="w", seed=seed, iterations=30)
    return {a: (round(float(p[0]) * scale, 1), round(float(p[1]) * scale, 1)) for a, p in pos.items()}


def _fruchterman_reingold(W, k, iterations, seed):
    """Force-directed positions in [-1, 1]^2 (Fruchterman & Reingold 1991), vectorised:
    networkx's dense algorithm, which its spring_layout only uses below 500 nodes."""
    import numpy as np

    n = W.shape[0]
    pos = np.random.default_rng(seed).random((n, 2))
    t = 0.1
    dt = t / (iterations + 1)
    kk = k * k
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist = np.sqrt(dx * dx + dy * dy)
        np.maximum(dist, 0.01, out=dist)
        force = kk / (dist * dist) - W * (dist / k)
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.sqrt((disp * disp).sum(axis=1))
        np.maximum(length, 0.01, out=length)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    extent = np.abs(pos).max()
    return pos / extent if extent > 0 else pos


def _geo_layout(network, A, order):
    """Cities at (longitude, latitude); each actor on a spiral around its city."""
    graph = network.graph
    s = _scale(len(order)) / 60.0  # pixels per degree
    anchor = {}
    for a in order:
        d = graph.nodes[a]
        if d.get("lat") is not None and d.get("lon") is not None:
            anchor[a] = (float(d["lon"]) * s * 4, -float(d["lat"]) * s * 4)
    placed, around = {}, {}
    golden = math.pi * (3 - math.sqrt(5))
    for a in order:  # brokers first: closest to their city
        city = network.city_of(a)
        if a in anchor and (city is None or city == a):
            placed[a] = anchor[a]
            continue
        centre = None
        if city is not None:
            cd = graph.nodes[city]
            if cd.get("lat") is not None and cd.get("lon") is not None:
                centre = (float(cd["lon"]) * s * 4, -float(cd["lat"]) * s * 4)
        if centre is None and a in anchor:
            centre = anchor[a]
        group = city if centre is not None else None
        i = around[group] = around.get(group, 0) + 1
        if centre is None:  # nowhere known: a band below the map
            centre = ((i % 40) * 40.0 - 800.0, 100 * s * 4 + (i // 40) * 40.0)
            placed[a] = (round(centre[0], 1), round(centre[1], 1))
            continue
        r = 40.0 * math.sqrt(i)
        placed[a] = (round(centre[0] + r * math.cos(i * golden), 1),
                     round(centre[1] + r * math.sin(i * golden), 1))
    return placed


# -- the page -----------------------------------------------------------------

def script_json(data) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``,
    ``&`` and the line separators as ``\\u`` escapes.

    Examples
    --------
    >>> script_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _vis_assets():
    lib = resources.files("pyvis").joinpath(_VIS_DIR)
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.casefold() or "</style" in css.casefold():
        raise VizError("the bundled vis-network cannot be inlined safely")
    return js, css


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render(page: dict) -> str:
    """The HTML of a page built by :func:`_page_data`."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("actornet.viz", "templates"), autoescape=select_autoescape(
        enabled_extensions=("html",), default_for_string=True, default=True),
        keep_trailing_newline=True)
    js, css = _vis_assets()
    app = resources.files("actornet.viz").joinpath("templates/page.js").read_text(encoding="utf-8")
    # Only scripts with these exact texts may run: an injected one could not.
    csp = _CSP.format(scripts=f"{_sha256(js)} {_sha256(app)}")
    template = env.get_template("page.html")
    return template.render(page=page, csp=csp, licence=_VIS_LICENCE, vis_js=Markup(js),
                           vis_css=Markup(css), app_js=Markup(app),
                           data_json=Markup(script_json(page)))
