"""Where the page puts each actor: a seeded force-directed layout, or cities
at their coordinates with their actors around them.

Both take the actor graph to draw (``A``) and its actors in drawing order
(``order``: brokers first) and return actor -> (x, y) in pixels, rounded to
0.1, so the same input gives the same page byte for byte.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["spring_layout", "geo_layout", "circle_layout", "DENSE_LAYOUT"]

# Up to this many actors in one component, the layout runs vectorised in O(n^2) memory.
DENSE_LAYOUT = 2500


def _scale(n) -> float:
    return 110.0 * math.sqrt(max(n, 1)) + 200.0


def spring_layout(A, order, seed, progress=None):
    """A seeded force-directed layout: the biggest component in the middle,
    the smaller ones and the isolated actors in rows below it.

    ``progress(done, total)``, when given, follows the iterations of the
    biggest component's layout and ends with ``done == total``."""
    if not order:
        if progress is not None:
            progress(1, 1)
        return {}
    rank = {a: i for i, a in enumerate(order)}
    parts = sorted((sorted(c, key=rank.get) for c in nx.connected_components(A)),
                   key=lambda c: (-len(c), rank[c[0]]))
    pos = {}
    main = parts[0]
    width = _scale(len(main))
    pos.update(_spring(A, main, seed, width, progress))
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
    if progress is not None:
        progress(1, 1)
    return pos


def _spring(A, nodes, seed, scale, progress=None):
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
                                    100 if n <= 500 else 50, seed, progress)
        pos = dict(zip(nodes, pos))
    else:  # networkx's sparse version: slower, but in less memory
        pos = nx.spring_layout(H, k=k, weight="w", seed=seed, iterations=30)
    return {a: (round(float(p[0]) * scale, 1), round(float(p[1]) * scale, 1)) for a, p in pos.items()}


def _fruchterman_reingold(W, k, iterations, seed, progress=None):
    """Force-directed positions in [-1, 1]^2 (Fruchterman & Reingold 1991), vectorised:
    networkx's dense algorithm, which its spring_layout only uses below 500 nodes."""
    import numpy as np

    n = W.shape[0]
    pos = np.random.default_rng(seed).random((n, 2))
    t = 0.1
    dt = t / (iterations + 1)
    kk = k * k
    for step in range(iterations):
        if progress is not None:
            progress(step, iterations)
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


def geo_layout(network, A, order):
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


def circle_layout(labels, *, font=20, gap=24.0, smallest=260.0):
    """Points on a circle, one per label, the first at the top, clockwise;
    the radius leaves each label (about ``0.6 * font`` per character wide)
    room beside its neighbours: adjacent points are at least the widest
    label plus ``gap`` apart.

    Examples
    --------
    >>> circle_layout(["Paris", "Rome"])
    [(0.0, -260.0), (0.0, 260.0)]
    """
    n = len(labels)
    if not n:
        return []
    widest = max(0.6 * font * len(str(s)) for s in labels) + gap
    radius = smallest if n < 3 else max(smallest, widest / (2 * math.sin(math.pi / n)))
    return [(round(radius * math.sin(2 * math.pi * i / n), 1) + 0.0,
             round(-radius * math.cos(2 * math.pi * i / n), 1) + 0.0) for i in range(n)]
