"""Burt's structural holes: constraint, effective size, efficiency, hierarchy.

An actor whose contacts are not tied to each other spans structural holes: it
can broker between them. Constraint measures how much an actor's contacts
hem it in (low = many holes), effective size how many non-redundant contacts
it has, efficiency that per contact, and hierarchy how much the constraint
is concentrated on a single contact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actornet.graph.errors import MeasureError
from actornet.queries import compiled
from actornet.queries.compiled import resolve_backend
from actornet.queries.graph_arrays import CSR, check_nodes, csr_from_graph
from actornet.queries.triad_kernel import local_triads

__all__ = ["constraint", "effective_size", "efficiency", "hierarchy", "structural_holes"]


def constraint(G, nodes=None, weight=None, *, backend="auto") -> dict:
    """Burt's constraint of each node.

    c(i) = sum over contacts j of (p_ij + sum_q p_iq p_qj)^2, where p_ij is
    the share of i's tie strength (the sum of ``weight`` over its ties) that
    goes to j.

    Parameters
    ----------
    G : networkx.Graph
        Undirected.
    nodes : node or iterable, optional
        Which nodes (default: all).
    weight : str, optional
        Edge attribute read as tie *strength* (``"strength"`` on the actor
        graph; here more is closer), or None: every tie 1.
    backend : {"auto", "numba", "python"}

    Returns
    -------
    dict
        Node -> float; NaN for an isolate (no contacts: undefined).

    Notes
    -----
    Agrees with ``networkx.constraint`` (undirected graphs, no self-loops;
    self-loops are left out here). Computed from one pass over the
    triangles, as the indirect term only runs through common contacts.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Harvard University Press, ch. 2.

    Examples
    --------
    >>> import networkx as nx
    >>> round(constraint(nx.florentine_families_graph())["Medici"], 4)
    0.2099
    >>> constraint(nx.complete_graph(3))[0]
    1.125
    """
    return _pick(structural_holes(G, nodes, weight, backend=backend), "constraint")


def effective_size(G, nodes=None, weight=None, *, backend="auto") -> dict:
    """Burt's effective size: the number of contacts less their redundancy.

    Parameters
    ----------
    G, nodes, weight, backend
        As for :func:`constraint`.

    Returns
    -------
    dict
        Node -> float; NaN for an isolate.

    Notes
    -----
    Without weights this is n - 2t/n for n contacts with t ties among them
    (Borgatti 1997); with weights, Burt's sum over contacts j of
    1 - sum_q p_iq m_jq, with m_jq = w_jq / max_k w_jk. Agrees with
    ``networkx.effective_size`` and needs a fraction of its memory.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [2] Borgatti, S. (1997). Structural holes: unpacking Burt's redundancy
       measures. Connections 20(1), 35-38.

    Examples
    --------
    >>> import networkx as nx
    >>> round(effective_size(nx.florentine_families_graph())["Medici"], 3)
    5.667
    >>> effective_size(nx.star_graph(4))[0]
    4.0
    """
    return _pick(structural_holes(G, nodes, weight, backend=backend), "effective_size")


def efficiency(G, nodes=None, weight=None, *, backend="auto") -> dict:
    """Effective size per contact (Burt 1992): 1 when no two contacts are tied.

    Parameters
    ----------
    G, nodes, weight, backend
        As for :func:`constraint`.

    Returns
    -------
    dict
        Node -> float; NaN for an isolate.

    Examples
    --------
    >>> import networkx as nx
    >>> efficiency(nx.star_graph(3))[0]
    1.0
    """
    return _pick(structural_holes(G, nodes, weight, backend=backend), "efficiency")


def hierarchy(G, nodes=None, weight=None, *, backend="auto") -> dict:
    """Burt's hierarchy: how much of a node's constraint comes from one contact.

    H(i) = sum_j (c_ij / (C/N)) ln(c_ij / (C/N)) / (N ln N), where c_ij is
    the constraint contact j puts on i, C = sum_j c_ij the node's constraint
    and N its number of contacts: the Coleman-Theil disorder index of the
    c_ij, 0 when all contacts constrain equally and toward 1 when one
    contact holds it all.

    Parameters
    ----------
    G, nodes, weight, backend
        As for :func:`constraint`.

    Returns
    -------
    dict
        Node -> float; NaN for an isolate and for a node with one contact
        (N ln N = 0: undefined).

    Notes
    -----
    networkx has no hierarchy; this is the measure of Burt (1992, p. 71) as
    UCINET reports it ("Hierarchy" in its structural holes routine).

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press, p. 71.
    .. [2] Borgatti, S. P., Everett, M. G. & Freeman, L. C. (2002). UCINET for
       Windows: Software for Social Network Analysis. Analytic Technologies.

    Examples
    --------
    >>> import networkx as nx
    >>> hierarchy(nx.complete_graph(4))[0]
    0.0
    >>> hierarchy(nx.path_graph(2))[0]
    nan
    """
    return _pick(structural_holes(G, nodes, weight, backend=backend), "hierarchy")


def structural_holes(G, nodes=None, weight=None, *, backend="auto") -> dict:
    """All four measures at once: node -> {"constraint", "effective_size",
    "efficiency", "hierarchy"}.

    Examples
    --------
    >>> import networkx as nx
    >>> structural_holes(nx.path_graph(3), 1)
    {1: {'constraint': 0.5, 'effective_size': 2.0, 'efficiency': 1.0, 'hierarchy': 0.0}}
    """
    nodes = check_nodes(G, nodes)
    csr = csr_from_graph(G, weight)
    arrays = holes_arrays(csr, backend=backend)
    index = {n: i for i, n in enumerate(csr.nodes)}
    names = ("constraint", "effective_size", "efficiency", "hierarchy")
    return {n: {name: float(getattr(arrays, name)[index[n]]) for name in names} for n in nodes}


@dataclass
class HolesArrays:
    """The four measures as arrays in the CSR's node order, and the role counts."""

    constraint: np.ndarray
    effective_size: np.ndarray
    efficiency: np.ndarray
    hierarchy: np.ndarray
    roles: np.ndarray


def holes_arrays(csr: CSR, codes=None, n_groups=0, *, backend="auto") -> HolesArrays:
    """Structural holes (and, given group codes, brokerage role counts) from one
    pass over the triangles."""
    backend = resolve_backend(backend)
    n = csr.n
    if csr.weighted and csr.values.size and (csr.values < 0).any():
        raise MeasureError("tie strengths must be >= 0")
    rows = csr.row_of()
    values = csr.values
    total = np.bincount(rows, weights=values, minlength=n).astype(float)
    largest = np.zeros(n)
    has = csr.degree > 0
    if values.size:
        largest[has] = np.maximum.reduceat(values, csr.indptr[:-1][has])
    with np.errstate(divide="ignore", invalid="ignore"):
        p = values / total[rows]
        m = values / largest[rows]
    if codes is None:
        codes = np.full(n, -1, np.int64)
    triads = compiled.kernel(local_triads, backend)
    indirect, redundancy, roles = triads(csr.indptr, csr.indices, csr.rev, p, m, codes, n_groups)
    degree = csr.degree.astype(float)
    isolate = degree == 0
    c_ij = (p + indirect) ** 2
    C = np.bincount(rows, weights=c_ij, minlength=n).astype(float)
    C[isolate] = np.nan
    eff_size = np.where(isolate, np.nan, degree - redundancy)
    with np.errstate(divide="ignore", invalid="ignore"):
        eff = eff_size / degree
        ratio = c_ij / (C[rows] / degree[rows])
        terms = np.where(ratio > 0, ratio * np.log(ratio), 0.0)
        H = np.bincount(rows, weights=terms, minlength=n).astype(float) / (degree * np.log(degree))
    H[degree < 2] = np.nan
    roles = roles.astype(float)
    roles[codes < 0] = np.nan
    return HolesArrays(C, eff_size, eff, H, roles)


def _pick(table, name):
    return {n: row[name] for n, row in table.items()}
