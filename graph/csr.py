"""Undirected graphs as compressed sparse rows (both directions stored).

The arrays every kernel reads: :class:`CSR` holds the rows, the values and
the position of each link's other direction; :func:`csr_from_edges` makes
one from an edge list; :func:`csr_positions` is the sort behind it, for a
caller (the actor projection) that places its own values.

Examples
--------
>>> import numpy as np
>>> csr = csr_from_edges(["a", "b"], np.array([0]), np.array([1]), np.array([2.0]))
>>> csr.n, csr.indices.tolist(), csr.values.tolist()
(2, [1, 0], [2.0, 2.0])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["CSR", "csr_from_edges", "csr_positions"]


@dataclass(frozen=True)
class CSR:
    """An undirected graph as compressed sparse rows; both directions stored.

    ``values`` holds the edge attribute named by ``weight`` (1.0 without one)
    per CSR position; ``rev[e]`` is the position of the reverse direction.

    Examples
    --------
    >>> import numpy as np
    >>> csr = csr_from_edges(["a", "b", "c"], np.array([0, 1]), np.array([1, 2]),
    ...                      np.array([2.0, 3.0]))
    >>> csr.indptr.tolist(), csr.indices.tolist(), csr.values.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1], [2.0, 2.0, 3.0, 3.0])
    >>> csr.rev.tolist(), csr.degree.tolist()
    ([1, 0, 3, 2], [1, 2, 1])
    """

    nodes: list
    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    rev: np.ndarray
    weighted: bool

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    def row_of(self) -> np.ndarray:
        """The source node of each CSR position."""
        return np.repeat(np.arange(self.n), self.degree)


def csr_from_edges(nodes, src, dst, values, *, weighted=True) -> CSR:
    """Arrays from an edge list given once per undirected edge (no duplicates).

    Within a row the neighbours are sorted by index.

    Examples
    --------
    >>> import numpy as np
    >>> csr = csr_from_edges(["a", "b", "c"], np.array([2]), np.array([0]), np.array([5.0]))
    >>> csr.indptr.tolist(), csr.indices.tolist(), csr.degree.tolist()
    ([0, 1, 1, 2], [2, 0], [1, 0, 1])
    """
    indptr, cols, order, rev = csr_positions(len(nodes), src, dst)
    vals = np.concatenate([values, values])[order]
    return CSR(list(nodes), indptr, cols, vals.astype(float), rev, weighted)


def csr_positions(n, src, dst):
    """The CSR of ``n`` nodes and the undirected edges ``src[i] -- dst[i]``
    (each given once, no duplicates), and where each edge went.

    Parameters
    ----------
    n : int
        The number of nodes.
    src, dst : array-like of int
        The two ends of each edge.

    Returns
    -------
    indptr, indices : numpy.ndarray of int64
        The rows: the neighbours of node ``i`` are ``indices[indptr[i]:indptr[i + 1]]``,
        sorted.
    order : numpy.ndarray of int64
        Per CSR position, its item in ``concatenate([src, dst])`` order: the
        first copy of edge ``i`` is item ``i``, the second ``m + i``.
    rev : numpy.ndarray of int64
        Per CSR position, the position of the same edge's other direction.

    Examples
    --------
    >>> indptr, indices, order, rev = csr_positions(3, [0, 1], [1, 2])
    >>> indptr.tolist(), indices.tolist(), order.tolist(), rev.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1], [0, 2, 1, 3], [1, 0, 3, 2])
    """
    src = np.asarray(src, np.int64)
    dst = np.asarray(dst, np.int64)
    m = src.shape[0]
    rows = np.concatenate([src, dst])
    cols = np.concatenate([dst, src])
    # One sort of (row, col) as one integer key: unique keys, so any sort
    # gives the order lexsort((cols, rows)) gives, several times faster.
    order = np.argsort(rows * max(n, 1) + cols)
    cols = cols[order]
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    # Position e holds item order[e]; its reverse is the edge's other copy.
    inverse = np.empty(2 * m, np.int64)
    inverse[order] = np.arange(2 * m)
    rev = inverse[(order + m) % (2 * m)] if m else np.empty(0, np.int64)
    return indptr, cols, order, rev
