"""Compiled shortest-path kernels behind the broker measures.

Each kernel works on a graph as CSR arrays: ``indptr``, ``indices`` (both
directions of every undirected edge) and ``lengths`` per CSR position;
compiled with numba when it is installed, plain Python otherwise (see
:mod:`actornet.queries.compiled`). :func:`sssp` is one single-source search
(breadth-first, or Dijkstra over an indexed heap: :func:`heap_pop`,
:func:`heap_sift_up`); :func:`brandes`, :func:`pair_dependency`,
:func:`pair_from_store` and :func:`sssp_rows` run it from many sources in
parallel.

The references the tests compare against are networkx and plain-Python
definitions written in the tests, never these functions.

Examples
--------
Shortest paths from node 0 of the path 0 - 1 - 2, hop counts:

>>> import numpy as np
>>> indptr, indices = np.array([0, 1, 3, 4]), np.array([1, 0, 2, 1])
>>> dist, sigma = sssp_rows(indptr, indices, np.ones(4), False, 1e-10, np.array([0]))
>>> dist.tolist(), sigma.tolist()
([[0.0, 1.0, 2.0]], [[1.0, 1.0, 1.0]])
"""

from __future__ import annotations

import numpy as np

from actornet.queries.compiled import INF, njit, prange

__all__ = ["brandes", "heap_pop", "heap_sift_up", "on_shortest_path", "pair_dependency",
           "pair_from_store", "sssp", "sssp_rows"]


@njit(cache=True, nogil=True)
def heap_sift_up(hk, hv, pos, i):
    """Move entry ``i`` of an indexed binary heap (keys ``hk``, nodes ``hv``,
    ``pos[node]`` its entry) up until its parent's key is no larger."""
    key = hk[i]
    val = hv[i]
    while i > 0:
        parent = (i - 1) >> 1
        if hk[parent] <= key:
            break
        hk[i] = hk[parent]
        hv[i] = hv[parent]
        pos[hv[i]] = i
        i = parent
    hk[i] = key
    hv[i] = val
    pos[val] = i


@njit(cache=True, nogil=True)
def heap_pop(hk, hv, pos, size):
    """Remove and return the smallest (key, node) of an indexed binary heap."""
    key = hk[0]
    val = hv[0]
    pos[val] = -1
    size -= 1
    if size > 0:
        last_key = hk[size]
        last_val = hv[size]
        i = 0
        while True:
            left = 2 * i + 1
            if left >= size:
                break
            right = left + 1
            child = left if (right >= size or hk[left] <= hk[right]) else right
            if last_key <= hk[child]:
                break
            hk[i] = hk[child]
            hv[i] = hv[child]
            pos[hv[i]] = i
            i = child
        hk[i] = last_key
        hv[i] = last_val
        pos[last_val] = i
    return key, val, size


@njit(cache=True, nogil=True)
def on_shortest_path(dv, length, dw, weighted, eps):
    """Whether an edge of ``length`` from a node at ``dv`` lies on a shortest path to ``dw``."""
    if not weighted:
        return dv == dw - 1.0
    return dv < dw and abs(dv + length - dw) <= eps * dw


@njit(cache=True, nogil=True)
def sssp(s, indptr, indices, lengths, weighted, eps, dist, sigma, order, hk, hv, pos):
    """Single-source shortest paths from ``s``: fills ``dist``, ``sigma`` (number
    of shortest paths) and ``order`` (reached nodes by distance); returns how
    many were reached. ``dist`` must be +inf and ``pos`` -1 everywhere on entry
    (both are left so for the nodes not reached; reset the reached ones)."""
    if not weighted:
        dist[s] = 0.0
        sigma[s] = 1.0
        order[0] = s
        count = 1
        head = 0
        while head < count:
            v = order[head]
            head += 1
            dv = dist[v] + 1.0
            for e in range(indptr[v], indptr[v + 1]):
                w = indices[e]
                if dist[w] == INF:
                    dist[w] = dv
                    sigma[w] = 0.0
                    order[count] = w
                    count += 1
                if dist[w] == dv:
                    sigma[w] += sigma[v]
        return count
    # Dijkstra with an indexed heap (decrease-key, at most n entries); a node's
    # path count is final when it leaves the heap, as all its predecessors
    # are nearer.
    dist[s] = 0.0
    sigma[s] = 1.0
    hk[0] = 0.0
    hv[0] = s
    pos[s] = 0
    size = 1
    count = 0
    while size > 0:
        d, v, size = heap_pop(hk, hv, pos, size)
        order[count] = v
        count += 1
        sv = sigma[v]
        for e in range(indptr[v], indptr[v + 1]):
            length = lengths[e]
            if length == INF:
                continue
            w = indices[e]
            nd = d + length
            dw = dist[w]
            if nd < dw - eps * nd:
                sigma[w] = sv
                dist[w] = nd
                i = pos[w]
                if i < 0:  # not in the heap yet
                    i = size
                    size += 1
                    hk[i] = nd
                    hv[i] = w
                hk[i] = nd
                heap_sift_up(hk, hv, pos, i)
            elif nd <= dw + eps * dw and pos[w] >= 0:
                sigma[w] += sv
    return count


@njit(cache=True, nogil=True, parallel=True)
def brandes(indptr, indices, lengths, weighted, eps, group, n_groups, sources, chunks, slot,
            kept_dist, kept_sigma, linear, n_targets, per_source, per_row, key_cross):
    """Brandes' dependency accumulation from each of ``sources``.

    Returns ``acc[v, g]``: the summed dependency of the sources of group ``g``
    (index ``n_groups`` for sources with no group) on ``v`` over all targets,
    and ``cross[v, g]``: the same over the targets that have a group other
    than ``g`` only. The distances and path counts from the sources with a
    ``slot[i] >= 0`` go to row ``slot[i]`` of ``kept_dist`` / ``kept_sigma``
    (``[slots, n]``, for :func:`pair_from_store`; filled in place). Each
    source's own dependency of every node (on the cross-group targets if
    ``key_cross``, else on all) goes to row ``per_row[i]`` of
    ``per_source`` when that is >= 0 (the spread between sources, for a
    standard error).
    Only nodes ``< n_targets`` are targets: the others (the hubs of large
    groups) carry paths but end none.

    Source ``i`` is accumulated in chunk ``i % chunks`` and the chunks are
    summed in order, so the result depends on ``chunks``, never on the
    number of threads that run them.
    """
    n = indptr.shape[0] - 1
    acc = np.zeros((chunks, n, n_groups + 1))
    cross = np.zeros((chunks, n, n_groups + 1))
    for c in prange(chunks):
        dist = np.full(n, INF)
        sigma = np.zeros(n)
        order = np.empty(n, np.int64)
        delta = np.zeros(n)
        other = np.zeros(n)  # dependency on targets in a group other than the source's
        hk = np.empty(n)
        hv = np.empty(n, np.int64)
        pos = np.full(n, -1, np.int64)
        for i in range(c, sources.shape[0], chunks):
            s = sources[i]
            gs = group[s]
            col = gs if gs >= 0 else n_groups
            count = sssp(s, indptr, indices, lengths, weighted, eps, dist, sigma, order, hk, hv, pos)
            into = slot[i]
            if into >= 0:
                for j in range(count):
                    v = order[j]
                    kept_dist[into, v] = dist[v]
                    kept_sigma[into, v] = sigma[v]
            for j in range(count - 1, 0, -1):
                w = order[j]
                gw = group[w]
                dw = dist[w]
                # Linear scaling (Geisberger, Sanders & Schultes 2008) credits
                # v with d(s,v)/d(s,t) of each pair (s, t) through it, the other
                # end's source the rest: accumulate sums of 1/d(s,t) and
                # multiply by d(s,v) at the end.
                unit = (1.0 / dw if linear else 1.0) if w < n_targets else 0.0
                unit_other = unit if (gs >= 0 and gw >= 0 and gw != gs) else 0.0
                dlt = delta[w]
                oth = other[w]
                sw = sigma[w]
                for e in range(indptr[w], indptr[w + 1]):
                    v = indices[e]
                    if on_shortest_path(dist[v], lengths[e], dw, weighted, eps):
                        ratio = sigma[v] / sw
                        delta[v] += ratio * (unit + dlt)
                        other[v] += ratio * (unit_other + oth)
                scale = dw if linear else 1.0
                acc[c, w, col] += scale * dlt
                if gs >= 0:
                    cross[c, w, col] += scale * oth
                if per_row[i] >= 0:
                    per_source[per_row[i], w] = scale * (oth if key_cross else dlt)
            for j in range(count):
                v = order[j]
                dist[v] = INF
                delta[v] = 0.0
                other[v] = 0.0
    acc_sum = acc[0].copy()
    cross_sum = cross[0].copy()
    for c in range(1, chunks):
        acc_sum += acc[c]
        cross_sum += cross[c]
    return acc_sum, cross_sum


@njit(cache=True, nogil=True, parallel=True)
def pair_from_store(kept_dist, kept_sigma, eps, weighted, group, n_groups, sources, rows,
                    row_dist, row_sigma, chunks):
    """:func:`pair_dependency` from the distances and path counts that
    :func:`brandes` kept for each source (no second round of shortest paths)."""
    n = kept_dist.shape[1]
    n_rows = rows.shape[0]
    out = np.zeros((chunks, n_rows, n_groups, n_groups))
    for c in prange(chunks):
        for i in range(c, sources.shape[0], chunks):
            s = sources[i]
            gs = group[s]
            if gs < 0:
                continue
            for r in range(n_rows):
                v = rows[r]
                dsv = kept_dist[i, v]
                if v == s or dsv == INF:
                    continue
                sv = kept_sigma[i, v]
                for t in range(n):
                    gt = group[t]
                    if t == v or t == s or gt < 0 or gt == gs:
                        continue
                    dst = kept_dist[i, t]
                    if dst == INF:
                        continue
                    dvt = row_dist[r, t]
                    if weighted:
                        on_path = abs(dsv + dvt - dst) <= eps * dst
                    else:
                        on_path = dsv + dvt == dst
                    if on_path:
                        out[c, r, gs, gt] += sv * row_sigma[r, t] / kept_sigma[i, t]
    return out.sum(axis=0)


@njit(cache=True, nogil=True, parallel=True)
def pair_dependency(indptr, indices, lengths, weighted, eps, group, n_groups, sources,
                    rows, row_dist, row_sigma, chunks):
    """For each node ``rows[r]``: the summed share of shortest paths through it
    from the ``sources`` of group g to the targets of group h (h != g):
    ``out[r, g, h]``. ``row_dist``/``row_sigma`` are the shortest-path
    distances and counts from each ``rows[r]``."""
    n = indptr.shape[0] - 1
    n_rows = rows.shape[0]
    out = np.zeros((chunks, n_rows, n_groups, n_groups))
    for c in prange(chunks):
        dist = np.full(n, INF)
        sigma = np.zeros(n)
        order = np.empty(n, np.int64)
        hk = np.empty(n)
        hv = np.empty(n, np.int64)
        pos = np.full(n, -1, np.int64)
        for i in range(c, sources.shape[0], chunks):
            s = sources[i]
            gs = group[s]
            if gs < 0:
                continue
            count = sssp(s, indptr, indices, lengths, weighted, eps, dist, sigma, order, hk, hv, pos)
            for r in range(n_rows):
                v = rows[r]
                dsv = dist[v]
                if v == s or dsv == INF:
                    continue
                for j in range(1, count):
                    t = order[j]
                    gt = group[t]
                    if t == v or gt < 0 or gt == gs:
                        continue
                    dvt = row_dist[r, t]
                    dst = dist[t]
                    if weighted:
                        on_path = abs(dsv + dvt - dst) <= eps * dst
                    else:
                        on_path = dsv + dvt == dst
                    if on_path:
                        out[c, r, gs, gt] += sigma[v] * row_sigma[r, t] / sigma[t]
            for j in range(count):
                dist[order[j]] = INF
    return out.sum(axis=0)


@njit(cache=True, nogil=True, parallel=True)
def sssp_rows(indptr, indices, lengths, weighted, eps, rows, chunks=1):
    """Distances and shortest-path counts from each of ``rows`` (inf: unreachable),
    ``chunks`` of the rows at a time in parallel."""
    n = indptr.shape[0] - 1
    row_dist = np.full((rows.shape[0], n), INF)
    row_sigma = np.zeros((rows.shape[0], n))
    for c in prange(chunks):
        dist = np.full(n, INF)
        sigma = np.zeros(n)
        order = np.empty(n, np.int64)
        hk = np.empty(n)
        hv = np.empty(n, np.int64)
        pos = np.full(n, -1, np.int64)
        for r in range(c, rows.shape[0], chunks):
            count = sssp(rows[r], indptr, indices, lengths, weighted, eps, dist, sigma, order,
                          hk, hv, pos)
            for j in range(count):
                v = order[j]
                row_dist[r, v] = dist[v]
                row_sigma[r, v] = sigma[v]
                dist[v] = INF
    return row_dist, row_sigma
