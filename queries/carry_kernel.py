"""The compiled route counting behind :mod:`actornet.queries.home_brokers`.

:func:`carried` runs one shortest-path search from each source (Dijkstra on
``lengths``, as :func:`actornet.queries.path_kernels.brandes` does) and credits
every node on the shortest routes from the source to each target with its
share of them, per target group, the two ends included. numba compiles it
when installed; without numba the same function runs as Python (fit for small
graphs only). The plain-Python definition the tests compare it with lives in
the tests.
"""

from __future__ import annotations

import numpy as np

from actornet.queries.compiled import INF, njit, prange
from actornet.queries.path_kernels import on_shortest_path, sssp

__all__ = ["carried"]


@njit(cache=True, nogil=True, parallel=True)
def carried(indptr, indices, lengths, eps, group, n_groups, sources, chunks, n_targets):
    """Per node and target group: the routes from ``sources`` it carries.

    A route is a pair (source, target) with the target in a group
    (``group[t] >= 0``, ``t < n_targets``); a node carries the share of the
    pair's shortest routes that pass through it, and each end carries the
    whole pair. Returns ``(out, reached)``: ``out[v, g]`` summed over the
    sources, and ``reached[g]``: the pairs (source, target of group g)
    connected at all. Nodes from ``n_targets`` on (hubs of large groups)
    carry routes but end none.

    Source ``i`` is summed in chunk ``i % chunks`` and the chunks in order, so
    the result depends on ``chunks``, never on the number of threads.
    """
    n = indptr.shape[0] - 1
    out = np.zeros((chunks, n, n_groups))
    reached = np.zeros((chunks, n_groups))
    for c in prange(chunks):
        dist = np.full(n, INF)
        sigma = np.zeros(n)
        order = np.empty(n, np.int64)
        delta = np.zeros((n, n_groups))
        hk = np.empty(n)
        hv = np.empty(n, np.int64)
        pos = np.full(n, -1, np.int64)
        for i in range(c, sources.shape[0], chunks):
            s = sources[i]
            count = sssp(s, indptr, indices, lengths, True, eps, dist, sigma, order, hk, hv, pos)
            for j in range(count - 1, 0, -1):
                w = order[j]
                g = group[w] if w < n_targets else -1
                if g >= 0:
                    delta[w, g] += 1.0  # the route ending at w: w carries it whole
                    reached[c, g] += 1.0
                dw = dist[w]
                sw = sigma[w]
                for e in range(indptr[w], indptr[w + 1]):
                    v = indices[e]
                    if on_shortest_path(dist[v], lengths[e], dw, True, eps):
                        ratio = sigma[v] / sw
                        for h in range(n_groups):
                            delta[v, h] += ratio * delta[w, h]
                for h in range(n_groups):
                    out[c, w, h] += delta[w, h]
            for h in range(n_groups):  # the source carries every route it starts
                out[c, s, h] += delta[s, h]
            for j in range(count):
                v = order[j]
                dist[v] = INF
                pos[v] = -1
                for h in range(n_groups):
                    delta[v, h] = 0.0
    return out.sum(axis=0), reached.sum(axis=0)
