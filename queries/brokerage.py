"""Gould & Fernandez's brokerage roles, by any grouping of the nodes.

A node b brokers between a and c when a - b - c and a, c are not tied. The
groups of a, b and c name the role: a coordinator works inside its own
group, an itinerant (UCINET: consultant) links two members of one other
group, a representative carries its group's contact out, a gatekeeper lets
contact from outside into its group, a liaison links two groups neither of
which it belongs to.
"""

from __future__ import annotations

import math

import numpy as np

from actornet.queries.graph_arrays import check_nodes, csr_from_graph, group_codes
from actornet.queries.structural_holes import holes_arrays

__all__ = ["ROLES", "brokerage_roles", "brokerage_expected", "brokerage_z", "role_null_model"]

#: The five roles, in Gould & Fernandez's order (sna's columns w_I, w_O, b_IO, b_OI, b_O).
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def brokerage_roles(G, groups, nodes=None, *, backend="auto") -> dict:
    """How often each node brokers in each of the five roles.

    Counts ordered pairs (a, c) with a - b - c, a != c and a, c not tied,
    for broker b; the graph is undirected and each tie taken as reciprocal,
    so a path a - b - c counts as a -> b -> c and as c -> b -> a.

    ===============  ==================  ===================================
    role             groups a, b, c      the broker ...
    ===============  ==================  ===================================
    coordinator      A, A, A             links two members of its own group
    itinerant        A, B, A             links two members of another group
    representative   A, A, B             carries its group's contact out
    gatekeeper       A, B, B             lets outside contact into its group
    liaison          A, B, C             links two other groups
    ===============  ==================  ===================================

    Parameters
    ----------
    G : networkx.Graph
        Undirected.
    groups : str or mapping
        A node attribute (``"city"``, ``"kind"``, ``"country"``) or a
        mapping node -> group.
    nodes : node or iterable, optional
        Which nodes (default: all).
    backend : {"auto", "numba", "python"}

    Returns
    -------
    dict
        Node -> {role: count} with the roles of :data:`ROLES` and ``total``.

    Notes
    -----
    A node with no group (attribute missing, None, NaN or "") cannot be
    placed: pairs with it at either end are not counted, and its own counts
    are NaN. For a node whose neighbours all have groups, the total is
    k(k-1) - 2t, for k neighbours and t triangles through it.

    The definitions follow Gould & Fernandez (1989, p. 93): the
    representative is in the *source's* group, the gatekeeper in the
    *target's*. Roles are defined here by the groups of source, broker and
    target, never by another program's column labels.

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation:
       a formal approach to brokerage in transaction networks. Sociological
       Methodology 19, 89-126.

    Examples
    --------
    >>> import networkx as nx
    >>> P = nx.path_graph(["a", "b", "c"])
    >>> roles = brokerage_roles(P, {"a": "Berlin", "b": "Berlin", "c": "Jakarta"})
    >>> roles["b"]["representative"], roles["b"]["gatekeeper"], roles["b"]["total"]
    (1.0, 1.0, 2.0)
    """
    nodes = check_nodes(G, nodes)
    csr = csr_from_graph(G, None)
    codes, labels = group_codes(G, groups, csr.nodes)
    counts = holes_arrays(csr, codes, len(labels), backend=backend).roles
    index = {n: i for i, n in enumerate(csr.nodes)}
    return {n: _row(counts[index[n]]) for n in nodes}


def brokerage_expected(G, groups) -> dict:
    """Expected role counts and their standard deviations under the null model.

    The null model of Gould & Fernandez (1989), as R's ``sna::brokerage``
    computes it: every ordered pair of the N grouped nodes tied at random
    with probability d, the density (here of the undirected graph among the
    grouped nodes). A two-path a -> b -> c with a -/-> c has probability
    d^2 (1 - d); with n_b the size of the broker's group, the expected
    counts are

    - coordinator: d^2 (1-d) (n_b - 1)(n_b - 2)
    - itinerant: d^2 (1-d) sum over other groups j of n_j (n_j - 1)
    - representative, gatekeeper: d^2 (1-d) (n_b - 1)(N - n_b)
    - liaison: d^2 (1-d) [(N - n_b)^2 - sum over other groups j of n_j^2]
    - total: d^2 (1-d) (N - 1)(N - 2)

    and each variance is E (1 - d^2 (1-d)) plus a covariance term for
    two-paths sharing an arc: 2 x (number of pairs of such two-paths) x
    d^3 (1-d)^3, namely 2 (n_b-1)(n_b-2)(n_b-3), 2 sum_j n_j(n_j-1)(n_j-2),
    2 [(n_b-1) C(N-n_b, 2) + (N-n_b) C(n_b-1, 2)],
    4 sum_j n_j C(N-n_j-n_b, 2) and 2 (N-1)(N-2)(N-3) for the five roles
    and the total (sna's formulas).

    Parameters
    ----------
    G : networkx.Graph
    groups : str or mapping

    Returns
    -------
    dict
        Group -> {role: (expected, standard deviation)}, roles and ``total``.

    Examples
    --------
    >>> import networkx as nx
    >>> P = nx.path_graph(["a", "b", "c"])
    >>> exp = brokerage_expected(P, {"a": 1, "b": 1, "c": 2})
    >>> round(exp[1]["representative"][0], 4)  # d = 2/3: (4/9)(1/3)(1)(1)
    0.1481
    """
    nodes = list(G)
    codes, labels = group_codes(G, groups, nodes)
    grouped = {n for n, c in zip(nodes, codes.tolist()) if c >= 0}
    ties = sum(1 for u, v in G.edges() if u != v and u in grouped and v in grouped)
    sizes = np.bincount(codes[codes >= 0], minlength=len(labels)).astype(float)
    table = role_null_model(sizes, ties)
    return {label: {name: (float(table[0][g, r]), float(table[1][g, r]))
                    for r, name in enumerate(ROLES + ("total",))}
            for g, label in enumerate(labels)}


def brokerage_z(G, groups, nodes=None, *, backend="auto") -> dict:
    """Role counts as z-scores against :func:`brokerage_expected`.

    Returns
    -------
    dict
        Node -> {role: z} (roles and ``total``); NaN where the standard
        deviation is 0 or the node has no group.

    Examples
    --------
    >>> import networkx as nx
    >>> z = brokerage_z(nx.star_graph(3), {0: "x", 1: "x", 2: "x", 3: "x"})
    >>> z[0]["coordinator"] > 2
    True
    """
    nodes = check_nodes(G, nodes)
    counts = brokerage_roles(G, groups, nodes, backend=backend)
    expected = brokerage_expected(G, groups)
    codes, labels = group_codes(G, groups, nodes)
    out = {}
    for n, code in zip(nodes, codes.tolist()):
        row = {}
        for name in ROLES + ("total",):
            if code < 0:
                row[name] = math.nan
                continue
            mean, sd = expected[labels[code]][name]
            row[name] = (counts[n][name] - mean) / sd if sd > 0 else math.nan
        out[n] = row
    return out


def role_null_model(sizes, ties):
    """Expected role counts and their standard deviations per broker group.

    The null model of :func:`brokerage_expected` from the group sizes and
    the number of ties among grouped nodes alone (no graph needed).

    Parameters
    ----------
    sizes : numpy.ndarray
        Grouped nodes per group (float).
    ties : int
        Ties between two grouped nodes.

    Returns
    -------
    tuple of numpy.ndarray
        ``(mean, sd)``, each ``[groups x 6]``: the roles of :data:`ROLES`,
        then the total.

    Examples
    --------
    >>> import numpy as np
    >>> mean, sd = role_null_model(np.array([2.0, 1.0]), 2)
    >>> round(float(mean[0, 2]), 4)  # the path a - b - c above, as sizes alone
    0.1481
    """
    n_groups = sizes.shape[0]
    N = float(sizes.sum())
    d = 2.0 * ties / (N * (N - 1)) if N > 1 else 0.0
    q = d * d * (1 - d)
    r = d ** 3 * (1 - d) ** 3
    mean = np.zeros((n_groups, 6))
    var = np.zeros((n_groups, 6))
    for g in range(n_groups):
        nb = sizes[g]
        others = np.delete(sizes, g)
        rest = N - nb
        mean[g, 0] = q * (nb - 1) * (nb - 2)
        var[g, 0] = 2 * (nb - 1) * (nb - 2) * (nb - 3) * r
        mean[g, 1] = q * (others * (others - 1)).sum()
        var[g, 1] = 2 * (others * (others - 1) * (others - 2)).sum() * r
        mean[g, 2] = mean[g, 3] = q * rest * (nb - 1)
        var[g, 2] = var[g, 3] = 2 * ((nb - 1) * _choose2(rest) + rest * _choose2(nb - 1)) * r
        mean[g, 4] = q * (rest * rest - (others * others).sum())
        var[g, 4] = 4 * (others * _choose2(N - others - nb)).sum() * r
        mean[g, 5] = q * (N - 1) * (N - 2)
        var[g, 5] = 2 * (N - 1) * (N - 2) * (N - 3) * r
    var += mean * (1 - q)
    return mean, np.sqrt(np.maximum(var, 0.0))


def _choose2(x):
    return x * (x - 1) / 2.0


def _row(values):
    row = {name: float(v) for name, v in zip(ROLES, values)}
    row["total"] = float(np.sum(values)) if not np.isnan(values).any() else math.nan
    return row
