"""Who brokers the home city's partnerships: the actors its routes to the partner cities run through.

:func:`home_brokers` answers from the home city's side. Per formal
partnership, the *routes* are the shortest paths (distance = 1 / tie
strength) between each home-city actor and each actor of the partner city,
over the ties among the two cities' own actors (direct ties and shared
projects). An actor *carries* a route when it lies on it, its two ends
included (a share when the pair has several shortest routes). The table
ranks actors by the share of all the partnerships' routes they carry, with
the partnerships they carry most of, in names.

Paths through actors in other cities are left out on purpose: they are the
wider network's routes, and on a network like Horizon 2020 a handful of
national research organisations sit on nearly all of them
(:func:`actornet.queries.brokers.brokers` ranks those, ``brokers --scope
network``).

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from actornet.graph.errors import MeasureError, QueryError
from actornet.queries import compiled
from actornet.queries.carry_kernel import carried
from actornet.queries.compiled import resolve_backend
from actornet.queries.path_sums import EPS
from actornet.queries.fragility import NOT_ROUTES

__all__ = ["home_brokers", "HOME_COLUMNS", "MAX_WORK"]

#: The columns of :func:`home_brokers`' table, in order.
HOME_COLUMNS = ["actor", "name", "kind", "city", "side", "share", "routes", "partnerships",
                "carried", "contacts_across", "why"]

#: At most this much work (sources x links) per partnership: beyond it, a
#: seeded sample of the home-side actors are the sources (about 2 s per
#: partnership on 2 cores). Berlin's 18 on Horizon 2020 stay exact.
MAX_WORK = 4e8
MIN_SOURCES = 32


def home_brokers(network, *, top=20, side=None, as_of=None, seed=0, max_work=MAX_WORK,
                 backend="auto", progress=None) -> pd.DataFrame:
    """The actors who carry the home city's routes to its partner cities, best first.

    Parameters
    ----------
    network : ActorNetwork
    top : int or None
        How many rows (None or 0: every actor that carries a route).
    side : {None, "home", "partner"}
        Only the actors of the home city, or only those of the partner
        cities (default: both; the shares stay shares of all the routes).
    as_of : int, optional
        Only ties valid in that year (``ActorNetwork.as_of``); where actors
        sit is taken from the whole network.
    seed : int
        For the sample of sources, when a partnership is too large to count
        exactly (see ``max_work``); the same seed gives the same table.
    max_work : float
        Sources x links per partnership above which the sources are a sample
        of the home-side actors (their routes scaled up by the sampling
        fraction).
    backend : {"auto", "numba", "python"}
    progress : callable, optional
        Called as ``progress(done, total)`` with the partnerships done.

    Returns
    -------
    pandas.DataFrame
        One row per actor that carries at least one route, most routes
        first, with the columns :data:`HOME_COLUMNS`: ``actor`` (id),
        ``name``, ``kind``, ``city`` (name), ``side`` (``"home"`` or
        ``"partner"``), ``share`` (of all the partnerships' routes, 0 to 1),
        ``routes`` (routes carried), ``partnerships`` (how many partnerships
        it carries routes of), ``carried`` (partner city name -> share of
        that partnership's routes, largest first), ``contacts_across``
        (actors on the other side it has a direct tie or shared project
        with) and ``why``.

        ``attrs``: ``mode`` ("exact" or "sampled"), ``sources``, ``actors``,
        ``home_actors``, ``partner_actors``, ``routes`` (all the
        partnerships' routes: connected pairs), ``seed``, ``as_of``,
        ``note`` (None, or why the table is empty).

    Raises
    ------
    QueryError
        If the network has no home city.
    MeasureError
        For a bad ``top``.

    Examples
    --------
    Two home actors, one of them tied to both of the partner's actors:

    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat in [("home", "city", None), ("twin", "city", None),
    ...                       ("uni", "institution", "home"), ("firm", "company", "home"),
    ...                       ("lab", "institution", "twin"), ("club", "ngo", "twin")]:
    ...     G.add_node(n, kind=kind, name=n.title())
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> _ = G.add_edge("home", "twin", key="signed", type="PARTNER_OF")
    >>> for a, b in [("firm", "uni"), ("uni", "lab"), ("uni", "club")]:
    ...     _ = G.add_edge(a, b, key=f"{a}-{b}", type="COOPERATES_WITH")
    >>> table = home_brokers(ActorNetwork(G))
    >>> table[["name", "side", "share", "routes"]].values.tolist()
    [['Uni', 'home', 1.0, 4.0], ['Club', 'partner', 0.5, 2.0], ['Firm', 'home', 0.5, 2.0], ['Lab', 'partner', 0.5, 2.0]]
    >>> print(table["why"].iloc[0])
    Home actor on 100% of the routes between Home's actors and its partner cities' (Twin: 100%); tied to 2 actors in its partner cities (directly, or in a shared project or network).
    """
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer))
                            or top < 0):
        raise MeasureError("top must be a whole number >= 0")
    if side not in (None, "home", "partner"):
        raise MeasureError("side must be 'home', 'partner' or None (both)")
    home = network.home_city
    if home is None:
        raise QueryError("the network has no home city: the home city's brokers need formal "
                         "partnerships (PARTNER_OF ties between cities); brokers --scope "
                         "network ranks the whole network's")
    partnerships = network.partnerships()
    view = network if as_of is None else network.as_of(as_of)
    P = view.projection()
    keep = (P.flags & ~P.mask(sorted(NOT_ROUTES))) != 0
    csr = P.path_csr("distance", mask=keep)
    n = P.n
    side_of = _sides(network, P, csr.n, home, partnerships)
    per_city, reached, sampled, used = _carried_routes(
        csr, n, side_of, partnerships, seed=seed, max_work=max_work,
        backend=resolve_backend(backend), progress=progress)
    total = per_city[:n].sum(axis=1)
    all_routes = float(reached.sum())
    order = [i for i in np.argsort(-total, kind="stable").tolist() if total[i] > 0]
    order.sort(key=lambda i: (-round(total[i], 9), P.names[i], P.nodes[i]))
    if side is not None:
        order = [i for i in order if (side_of[i] == -1) == (side == "home")]
    if top:
        order = order[:top]
    home_name = network.name_of(home)
    rows = _rows(network, P, order, side_of, per_city, reached, partnerships, home_name)
    table = pd.DataFrame(rows, columns=HOME_COLUMNS)
    note = None
    if not partnerships:
        note = f"{home_name} has no formal partnership: there are no routes to rank"
    elif not all_routes:
        note = (f"no route runs between {home_name}'s actors and its partner cities' actors: "
                "no tie or shared project joins them")
    table.attrs.update({"mode": "sampled" if sampled else "exact", "sources": used, "actors": n,
                        "home_actors": int((side_of[:n] == -1).sum()),
                        "partner_actors": int((side_of[:n] >= 0).sum()), "routes": all_routes,
                        "seed": seed, "as_of": as_of, "note": note, "scope": "home"})
    return table


def _sides(network, P, N, home, partnerships):
    """Each of the ``N`` path nodes' side: -1 the home city, 0.. the partner
    city's number in ``partnerships``, -2 neither (hubs included)."""
    codes = {p["city"]: i for i, p in enumerate(partnerships)}
    side_of = np.full(N, -2, np.int64)
    for i, actor in enumerate(P.nodes):
        c = network.city_of(actor)
        if c == home:
            side_of[i] = -1
        elif c in codes:
            side_of[i] = codes[c]
    return side_of


def _carried_routes(csr, n, side_of, partnerships, *, seed, max_work, backend, progress):
    """Per partnership, the routes between its two cities' actors each node
    carries: ``(per_city, reached, sampled, used)`` -- ``per_city[v, g]``,
    the routes of partnership ``g`` (``reached[g]`` in all, connected pairs);
    whether any partnership's sources were sampled, and how many sources ran.

    Routes run over the two cities' actors and the large groups' hubs
    (``n`` actors first in ``csr``); beyond ``max_work`` a seeded sample of the
    home actors are the sources, scaled up."""
    N = csr.n
    row = np.repeat(np.arange(N), np.diff(csr.indptr))
    per_city = np.zeros((N, len(partnerships)))
    reached = np.zeros(len(partnerships))
    sampled, used = False, 0
    run = compiled.kernel(carried, backend)
    chunks = max(1, min(4, compiled.threads())) if backend == "numba" else 1
    for g, partnership in enumerate(partnerships):
        if progress is not None:
            progress(g, len(partnerships))
        # The two cities' actors and the large groups' hubs (shared projects).
        allowed = (side_of == -1) | (side_of == g)
        allowed[n:] = True
        ok = allowed[row] & allowed[csr.indices]
        nodes = np.flatnonzero(allowed)
        new = np.full(N, -1, np.int64)
        new[nodes] = np.arange(nodes.size)
        src = new[row[ok]]
        indptr = np.zeros(nodes.size + 1, np.int64)
        np.cumsum(np.bincount(src, minlength=nodes.size), out=indptr[1:])
        indices = new[csr.indices[ok]]
        group = np.where(side_of[nodes] == g, 0, -1)
        sources = np.flatnonzero(side_of[nodes] == -1)
        sources = sources[indptr[sources + 1] > indptr[sources]]  # isolated: no route
        want = max(MIN_SOURCES, int(max_work / max(1, indices.size)))
        factor = 1.0
        if sources.size > want:
            rng = random.Random(f"{seed} {partnership['city']}")
            picked = np.sort(np.asarray(rng.sample(sources.tolist(), want), np.int64))
            factor = sources.size / picked.size
            sources, sampled = picked, True
        used += int(sources.size)
        if not sources.size or not (group == 0).any():
            continue
        out, hit = run(indptr, indices, csr.values[ok], EPS, group, 1, sources, chunks,
                       nodes.size)
        per_city[nodes, g] = out[:, 0] * factor
        reached[g] = hit[0] * factor
    if progress is not None:
        progress(len(partnerships), len(partnerships))
    return per_city, reached, sampled, used


def _rows(network, P, order, side_of, per_city, reached, partnerships, home_name):
    """The table's rows for the actors ``order``, with the partnerships each
    carries most of, in names."""
    total = per_city[:P.n].sum(axis=1)
    all_routes = float(reached.sum())
    across_row, _ = _across(P, side_of)
    names = [p["name"] for p in partnerships]
    rows = []
    for i in order:
        actor = P.nodes[i]
        city = network.city_of(actor)
        mine = {names[g]: float(per_city[i, g] / reached[g]) for g in range(len(names))
                if per_city[i, g] > 0 and reached[g] > 0}
        mine = dict(sorted(mine.items(), key=lambda kv: (-kv[1], kv[0])))
        contacts = int((across_row == i).sum())
        row_side = "home" if side_of[i] == -1 else "partner"
        share = float(total[i] / all_routes) if all_routes else 0.0
        rows.append({
            "actor": actor, "name": P.names[i], "kind": P.kinds[i],
            "city": network.name_of(city) if city is not None else None, "side": row_side,
            "share": share, "routes": float(total[i]), "partnerships": len(mine),
            "carried": mine, "contacts_across": contacts,
            "why": _why(row_side, share, mine, contacts, home_name,
                        network.name_of(city) if city is not None else None),
        })
    return rows


def _across(P, side):
    """The actor links (CSR positions) between a home actor and a partner-city
    actor, as (row, column) arrays: the direct contacts across."""
    n = P.n
    row = np.repeat(np.arange(n), np.diff(P.indptr))
    keep = (P.flags & ~P.mask(sorted(NOT_ROUTES))) != 0
    a, b = side[:n][row], side[:n][P.indices]
    cross = keep & (((a == -1) & (b >= 0)) | ((a >= 0) & (b == -1)))
    return row[cross], P.indices[cross]


def _why(side, share, carried_by_city, contacts, home_name, city_name):
    who = f"{home_name} actor" if side == "home" else f"{city_name} actor"
    listed = [f"{name}: {_percent(value)}" for name, value in list(carried_by_city.items())[:3]]
    more = ", …" if len(carried_by_city) > 3 else ""
    text = (f"{who} on {_percent(share)} of the routes between {home_name}'s actors and its "
            f"partner cities' ({', '.join(listed)}{more})")
    if contacts:
        there = "in its partner cities" if side == "home" else f"in {home_name}"
        text += (f"; tied to {contacts} actor{'s' if contacts != 1 else ''} {there} "
                 "(directly, or in a shared project or network)")
    else:
        text += "; no direct tie across: it links others on its own side to those who have one"
    return text + "."


def _percent(x):
    pct = 100 * x
    if pct >= 10 or pct == 0:
        return f"{pct:.0f}%"
    if pct >= 1:
        return f"{pct:.1f}%".replace(".0%", "%")
    return f"{pct:.2g}%"
