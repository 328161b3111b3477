"""Compiled kernels behind the broker measures (internal).

Each kernel works on a graph as CSR arrays: ``indptr``, ``indices`` (both
directions of every undirected edge) and ``lengths`` / ``weights`` per CSR
position. The kernels are plain Python that numba compiles when it is
installed (``parallel=True`` spreads sources over the cores; compiled code is
cached on disk). Without numba the same functions run as Python: correct, but
only fit for small graphs. ``backend="python"`` forces that path (the tests
use it to check the compiled one).

The references the tests compare against are networkx and plain-Python
definitions written in the tests, never these functions.
"""

from __future__ import annotations

import math

import numpy as np

try:  # numba is a dependency; the fallback keeps a broken install usable.
    import numba
    from numba import njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised only without numba
    HAVE_NUMBA = False
    prange = range

    def njit(*args, **kwargs):
        if args and callable(args[0]):
            return args[0]
        return lambda func: func

__all__ = ["HAVE_NUMBA", "kernel", "threads"]

INF = math.inf


def threads() -> int:
    """How many threads the compiled kernels use."""
    return numba.get_num_threads() if HAVE_NUMBA else 1


def kernel(func, backend: str):
    """The compiled kernel, or its plain-Python original for ``backend="python"``."""
    if backend == "python":
        return getattr(func, "py_func", func)
    return func


# -- shortest paths ---------------------------------------------------------------

@njit(cache=True, nogil=True)
def _sift_up(hk, hv, pos, i):
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
def _heap_pop(hk, hv, pos, size):
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
def _is_pred(dv, length, dw, weighted, eps):
    """Whether an edge of ``length`` from a node at ``dv`` lies on a shortest path to ``dw``."""
    if not weighted:
        return dv == dw - 1.0
    return dv < dw and abs(dv + length - dw) <= eps * dw


@njit(cache=True, nogil=True)
def _sssp(s, indptr, indices, lengths, weighted, eps, dist, sigma, order, hk, hv, pos):
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
        d, v, size = _heap_pop(hk, hv, pos, size)
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
                _sift_up(hk, hv, pos, i)
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
            count = _sssp(s, indptr, indices, lengths, weighted, eps, dist, sigma, order, hk, hv, pos)
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
                    if _is_pred(dist[v], lengths[e], dw, weighted, eps):
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
            count = _sssp(s, indptr, indices, lengths, weighted, eps, dist, sigma, order, hk, hv, pos)
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
            count = _sssp(rows[r], indptr, indices, lengths, weighted, eps, dist, sigma, order,
                          hk, hv, pos)
            for j in range(count):
                v = order[j]
                row_dist[r, v] = dist[v]
                row_sigma[r, v] = sigma[v]
                dist[v] = INF
    return row_dist, row_sigma


# -- triangles: structural holes and brokerage ---------------------------------------

@njit(cache=True, nogil=True)
def _role(ga, gb, gc):
    """Gould & Fernandez's role of broker b on a -> b -> c (groups >= 0):
    0 coordinator, 1 itinerant, 2 representative, 3 gatekeeper, 4 liaison."""
    if ga == gb:
        return 0 if gc == gb else 2
    if gc == gb:
        return 3
    return 1 if ga == gc else 4


@njit(cache=True, nogil=True)
def local_triads(indptr, indices, rev, p, m, group, n_groups):
    """One pass over the triangles of the graph (each found once, by degree order).

    Returns ``indirect`` (per CSR position i->j: sum over q of p[i,q] p[q,j]),
    ``redundancy`` (per node i: sum over adjacent neighbours j, q of
    p[i,q] m[j,q]) and ``roles[v, r]``: brokerage of ``v`` in role ``r`` over
    ordered pairs of its grouped neighbours that are not adjacent.
    """
    n = indptr.shape[0] - 1
    nnz = indices.shape[0]
    indirect = np.zeros(nnz)
    redundancy = np.zeros(n)
    roles = np.zeros((n, 5))
    degree = indptr[1:] - indptr[:-1]
    # Every ordered pair of grouped neighbours, by role; closed pairs come off below.
    counts = np.zeros(n_groups + 1, np.int64)
    for b in range(n):
        gb = group[b]
        if gb < 0:
            continue
        total = 0
        for e in range(indptr[b], indptr[b + 1]):
            g = group[indices[e]]
            if g >= 0:
                counts[g] += 1
                total += 1
        same = counts[gb]
        other = total - same
        squares = 0.0
        pairs_other = 0.0
        for e in range(indptr[b], indptr[b + 1]):
            g = group[indices[e]]
            if g >= 0 and g != gb and counts[g] > 0:
                k = counts[g]
                squares += k * k
                pairs_other += k * (k - 1)
                counts[g] = 0
        counts[gb] = 0
        roles[b, 0] = same * (same - 1)
        roles[b, 1] = pairs_other
        roles[b, 2] = same * other
        roles[b, 3] = same * other
        roles[b, 4] = other * other - squares
    # Orient each edge from lower to higher (degree, id) rank and keep, per
    # node, the CSR positions of its forward edges: each triangle is then found
    # once, from its lowest node, scanning forward lists only (at most
    # sqrt(2m) long).
    fwd_ptr = np.zeros(n + 1, np.int64)
    for a in range(n):
        count = 0
        for e in range(indptr[a], indptr[a + 1]):
            b = indices[e]
            if degree[b] > degree[a] or (degree[b] == degree[a] and b > a):
                count += 1
        fwd_ptr[a + 1] = fwd_ptr[a] + count
    fwd = np.empty(fwd_ptr[n], np.int64)
    for a in range(n):
        k = fwd_ptr[a]
        for e in range(indptr[a], indptr[a + 1]):
            b = indices[e]
            if degree[b] > degree[a] or (degree[b] == degree[a] and b > a):
                fwd[k] = e
                k += 1
    mark = np.full(n, -1, np.int64)
    for a in range(n):
        for f in range(fwd_ptr[a], fwd_ptr[a + 1]):
            mark[indices[fwd[f]]] = fwd[f]
        for f in range(fwd_ptr[a], fwd_ptr[a + 1]):
            e_ab = fwd[f]
            b = indices[e_ab]
            for g in range(fwd_ptr[b], fwd_ptr[b + 1]):
                e_bc = fwd[g]
                c = indices[e_bc]
                e_ac = mark[c]
                if e_ac < 0:
                    continue
                e_ba = rev[e_ab]
                e_ca = rev[e_ac]
                e_cb = rev[e_bc]
                indirect[e_ab] += p[e_ac] * p[e_cb]
                indirect[e_ba] += p[e_bc] * p[e_ca]
                indirect[e_ac] += p[e_ab] * p[e_bc]
                indirect[e_ca] += p[e_cb] * p[e_ba]
                indirect[e_bc] += p[e_ba] * p[e_ac]
                indirect[e_cb] += p[e_ca] * p[e_ab]
                redundancy[a] += p[e_ac] * m[e_bc] + p[e_ab] * m[e_cb]
                redundancy[b] += p[e_bc] * m[e_ac] + p[e_ba] * m[e_ca]
                redundancy[c] += p[e_cb] * m[e_ab] + p[e_ca] * m[e_ba]
                ga = group[a]
                gb = group[b]
                gc = group[c]
                if ga >= 0 and gb >= 0 and gc >= 0:
                    roles[a, _role(gb, ga, gc)] -= 1
                    roles[a, _role(gc, ga, gb)] -= 1
                    roles[b, _role(ga, gb, gc)] -= 1
                    roles[b, _role(gc, gb, ga)] -= 1
                    roles[c, _role(ga, gc, gb)] -= 1
                    roles[c, _role(gb, gc, ga)] -= 1
        for f in range(fwd_ptr[a], fwd_ptr[a + 1]):
            mark[indices[fwd[f]]] = -1
    return indirect, redundancy, roles
