"""The compiled route counting behind :class:`actornet.queries.cuts.RouteGraph`.

:func:`max_routes` is the augmenting-path search of ``RouteGraph.routes`` on
arrays: the same states (node ``v`` split into an in-state ``2v`` and an
out-state ``2v + 1``), the same breadth-first searches from one source at a
time, the same Kuhn-style pruning of the states a failed search reached.
numba compiles it when installed (cached on disk); without numba the same
function runs as Python. The plain dict
version it replaced is kept in ``tests/cut_references.py`` and the tests
compare the two.
"""

from __future__ import annotations

import numpy as np

from actornet.queries.compiled import njit

__all__ = ["max_routes", "NONE", "START", "END"]

#: ``nxt``/``prv`` value of a node that carries no route.
NONE = -3
#: ``prv`` of the first node of a route; ``nxt`` of its last.
START, END = -2, -1


@njit(cache=True, nogil=True)
def _search(indptr, indices, a, is_end, blocked, nxt, prv, dead, parent, seen, stamp, queue):
    """Breadth-first search of the residual network from source ``a``.

    Returns ``(end, size)``: the out-state of the target reached (-1 when
    none) and how many states the search put on ``queue`` (the states it
    reached, in order; ``parent`` holds the tree, ``seen == stamp`` marks them).
    """
    start = 2 * a
    seen[start] = stamp
    parent[start] = -1
    queue[0] = start
    head, tail = 0, 1
    while head < tail:
        s = queue[head]
        head += 1
        v = s >> 1
        if s & 1:  # out-state
            if is_end[v] and nxt[v] != END:
                return s, tail
            for e in range(indptr[v], indptr[v + 1]):
                w = indices[e]
                c = 2 * w
                if seen[c] != stamp and not dead[c] and not blocked[w]:
                    seen[c] = stamp
                    parent[c] = s
                    queue[tail] = c
                    tail += 1
            if prv[v] != NONE:  # the node carries a route: its arc can be undone
                c = s - 1
                if seen[c] != stamp and not dead[c]:
                    seen[c] = stamp
                    parent[c] = s
                    queue[tail] = c
                    tail += 1
        else:  # in-state
            p = prv[v]
            if p == NONE:  # free node: pass through it
                c = s + 1
                if seen[c] != stamp and not dead[c]:
                    seen[c] = stamp
                    parent[c] = s
                    if is_end[v]:
                        return c, tail
                    queue[tail] = c
                    tail += 1
            elif p >= 0:  # a route enters from p: undo that step
                c = 2 * p + 1
                if seen[c] != stamp and not dead[c]:
                    seen[c] = stamp
                    parent[c] = s
                    queue[tail] = c
                    tail += 1
    return -1, tail


@njit(cache=True, nogil=True)
def _augment(parent, end, nxt, prv):
    """Push one unit along the search tree's path to ``end``."""
    nxt[end >> 1] = END
    s = end
    while True:
        p = parent[s]
        if p < 0:
            prv[s >> 1] = START
            return
        u, w = p >> 1, s >> 1
        if u != w:
            if p & 1:  # out(u) -> in(w): the route now steps u -> w
                nxt[u] = w
                prv[w] = u
            else:  # in(u) -> out(w): undo the step w -> u
                if nxt[w] == u:
                    nxt[w] = NONE
                if prv[u] == w:
                    prv[u] = NONE
        s = p


@njit(cache=True, nogil=True)
def _max_routes(indptr, indices, sources, is_end, blocked, cutoff):
    n = indptr.shape[0] - 1
    nxt = np.full(n, NONE, np.int64)
    prv = np.full(n, NONE, np.int64)
    dead = np.zeros(2 * n, np.uint8)
    parent = np.empty(2 * n, np.int64)
    seen = np.zeros(2 * n, np.int64)
    queue = np.empty(2 * n + 1, np.int64)
    value = 0
    complete = True
    stamp = 0
    for a in sources:
        if blocked[a]:
            continue
        while not dead[2 * a]:
            stamp += 1
            end, size = _search(indptr, indices, a, is_end, blocked, nxt, prv, dead, parent,
                                seen, stamp, queue)
            if end < 0:
                for i in range(size):
                    dead[queue[i]] = 1
                break
            _augment(parent, end, nxt, prv)
            value += 1
            if cutoff >= 0 and value >= cutoff:
                complete = False
                break
        if not complete:
            break
    return value, complete, nxt, prv, dead


def max_routes(indptr, indices, sources, is_end, blocked, cutoff=-1):
    """The maximum number of node-disjoint routes from ``sources`` to the
    nodes marked in ``is_end``, avoiding those marked in ``blocked``.

    Parameters
    ----------
    indptr, indices : numpy.ndarray of int64
        The graph as CSR (both directions of every edge).
    sources : numpy.ndarray of int64
        Source nodes, tried in this order.
    is_end, blocked : numpy.ndarray of uint8
        Per node: a target; removed.
    cutoff : int
        Stop once this many routes are found (-1: never).

    Returns
    -------
    tuple
        ``(value, complete, nxt, prv, dead)``: the routes found, whether the
        search ran to the end (not stopped by ``cutoff``), each node's next
        and previous node on its route (:data:`NONE`, :data:`START`,
        :data:`END`) and the states no route can pass any more (a failed
        search reached them).

    Examples
    --------
    A path 0 - 1 - 2: one route from 0 to 2.

    >>> indptr = np.array([0, 1, 3, 4]); indices = np.array([1, 0, 2, 1])
    >>> value, complete, nxt, prv, dead = max_routes(
    ...     indptr, indices, np.array([0]), np.array([0, 0, 1], np.uint8), np.zeros(3, np.uint8))
    >>> value, complete, nxt.tolist()
    (1, True, [1, 2, -1])
    """
    return _max_routes(np.asarray(indptr, np.int64), np.asarray(indices, np.int64),
                       np.asarray(sources, np.int64), np.asarray(is_end, np.uint8),
                       np.asarray(blocked, np.uint8), int(cutoff))
