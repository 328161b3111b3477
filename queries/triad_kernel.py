"""The compiled triangle pass behind structural holes and brokerage roles.

:func:`local_triads` finds each triangle of a graph once and adds what Burt's
measures (:mod:`actornet.queries.structural_holes`) and Gould & Fernandez's
roles (:mod:`actornet.queries.brokerage`) need from it, in three named steps:
:func:`open_role_counts` (every ordered pair of grouped neighbours, by role),
:func:`forward_edges` (each edge oriented from lower to higher degree rank)
and the triangle scan itself. Compiled with numba when it is installed, plain
Python otherwise (see :mod:`actornet.queries.compiled`).

Examples
--------
A triangle a - b - c with a pendant d on c, all in one group:

>>> import numpy as np
>>> indptr = np.array([0, 2, 4, 7, 8])
>>> indices = np.array([1, 2, 0, 2, 0, 1, 3, 2])
>>> roles = open_role_counts(indptr, indices, np.zeros(4, np.int64), 1)
>>> roles[2].tolist()  # c: 3 neighbours, 6 ordered pairs, all coordinator
[6.0, 0.0, 0.0, 0.0, 0.0]
"""

from __future__ import annotations

import numpy as np

from actornet.queries.compiled import njit

__all__ = ["forward_edges", "local_triads", "open_role_counts"]


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
def open_role_counts(indptr, indices, group, n_groups):
    """``roles[v, r]``: every ordered pair of ``v``'s grouped neighbours, by
    the role ``v`` would play between them (closed pairs included: the
    triangle scan of :func:`local_triads` takes them off)."""
    n = indptr.shape[0] - 1
    roles = np.zeros((n, 5))
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
    return roles


@njit(cache=True, nogil=True)
def forward_edges(indptr, indices):
    """Each edge oriented from lower to higher (degree, id) rank: per node
    ``a``, the CSR positions of its forward edges are
    ``fwd[fwd_ptr[a]:fwd_ptr[a + 1]]``. Each triangle is then found once,
    from its lowest node, scanning forward lists only (at most sqrt(2m)
    long). Returns ``(fwd_ptr, fwd)``."""
    n = indptr.shape[0] - 1
    degree = indptr[1:] - indptr[:-1]
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
    return fwd_ptr, fwd


@njit(cache=True, nogil=True)
def local_triads(indptr, indices, rev, p, m, group, n_groups):
    """One pass over the triangles of the graph (each found once, by degree order).

    Returns ``indirect`` (per CSR position i->j: sum over q of p[i,q] p[q,j]),
    ``redundancy`` (per node i: sum over adjacent neighbours j, q of
    p[i,q] m[j,q]) and ``roles[v, r]``: brokerage of ``v`` in role ``r`` over
    ordered pairs of its grouped neighbours that are not adjacent.
    """
    n = indptr.shape[0] - 1
    indirect = np.zeros(indices.shape[0])
    redundancy = np.zeros(n)
    roles = open_role_counts(indptr, indices, group, n_groups)
    fwd_ptr, fwd = forward_edges(indptr, indices)
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
                _close_roles(roles, a, b, c, group)
        for f in range(fwd_ptr[a], fwd_ptr[a + 1]):
            mark[indices[fwd[f]]] = -1
    return indirect, redundancy, roles


@njit(cache=True, nogil=True)
def _close_roles(roles, a, b, c, group):
    """Take the six ordered pairs a triangle closes off its corners' roles."""
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
