"""Who should we connect: introductions for a project with a partner city.

:func:`recommend` pairs an actor of the home city (to bring in) with an actor
of the partner city (the counterpart) who are not tied yet, scored by shared
contacts (Adamic-Adar, resource allocation), the project's theme and whether
the pair would open a new route between the two cities, each with the warm
introduction path.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from graph.errors import QueryError
from graph.schema import TieType
from queries.gaps import _name, _partnerships

__all__ = ["recommend", "RECOMMEND_WEIGHTS", "RECOMMEND_COLUMNS"]


# -- recommend --------------------------------------------------------------------------
#: The default weight of each part of :func:`recommend`'s score (each part runs
#: from 0 to 1; override with ``weights=``).
#:
#: - ``adamic_adar``: shared contacts, rare ones counting more (Adamic & Adar
#:   2003), over the best candidate pair's;
#: - ``resource_allocation``: shared contacts weighted 1 / degree (Zhou, Lü &
#:   Zhang 2009), over the best candidate pair's;
#: - ``theme``: how many of the two are active in the theme (0, 0.5 or 1);
#: - ``bridging``: 1 when neither has a working tie across yet (the pair
#:   would open a new independent route), 0.5 when one of them is new.
RECOMMEND_WEIGHTS = {
    "adamic_adar": 1.0,
    "resource_allocation": 1.0,
    "theme": 1.0,
    "bridging": 0.5,
}

#: The columns of :func:`recommend`'s table, in order.
RECOMMEND_COLUMNS = [
    "rank", "home_actor", "home_name", "home_kind", "partner_actor", "partner_name",
    "partner_kind", "score", "adamic_adar", "resource_allocation", "theme", "bridging",
    "common_contacts", "path", "path_names", "why",
]


def _theme_actors(view, A, theme_id):
    """Actors active in the theme: by their themes, a WORKS_ON tie, or a tie
    (or shared project) carrying it."""
    active = {n for n, themes in A.nodes(data="themes") if theme_id in themes}
    for u, v, _, _ in view.ties([TieType.WORKS_ON]):
        if v == theme_id and u in A:
            active.add(u)
    for u, v, themes in A.edges(data="themes"):
        if theme_id in themes:
            active.update((u, v))
    return active


def recommend(network, theme, city, *, k=10, as_of=None, weights=None) -> pd.DataFrame:
    """Whom to introduce to whom for a project in a theme with a partner city.

    Pairs an actor of the home city (to bring in) with an actor of the
    partner city (the counterpart) who are not tied yet, scored by their
    shared contacts, the theme and whether the pair would open a new route
    between the two cities; each with the warm introduction path.

    Parameters
    ----------
    network : ActorNetwork
    theme : str
        A theme: id, English or German label.
    city : str
        The partner city: id, name or alias.
    k : int, default 10
        How many pairs.
    as_of : int, optional
        Use only ties valid in that year.
    weights : dict, optional
        Part -> weight, overriding :data:`RECOMMEND_WEIGHTS`.

    Returns
    -------
    pandas.DataFrame
        Up to ``k`` rows, best first, with the columns
        :data:`RECOMMEND_COLUMNS`: the two actors (id, name, kind), ``score``
        (the weighted sum of the four parts), each part (0 to 1), the
        ``common_contacts`` (ids), the introduction ``path`` (ids, from the
        home actor to the counterpart; empty when none exists) and its
        ``path_names``, and ``why``.

    Raises
    ------
    QueryError
        If the network has no home city, ``city`` is not a partner city,
        ``k`` is less than 1 or ``weights`` is wrong.
    SchemaError
        If ``theme`` names no theme.
    ResolveError
        If ``city`` names no actor.

    Notes
    -----
    Candidates are the home city's actors and the partner city's actors
    active in the theme (all of a side's actors when none of them is); a
    pair already joined by any tie or shared project is never suggested,
    nor an actor paired with itself (with ``as_of``: by a tie valid in that
    year, so a tie that had ended may be suggested again). Shared contacts are counted on the
    actor graph without formal partnership ties (a city's partnerships would
    make every city a shared contact). With ``A`` the adjacency matrix and
    ``D`` the diagonal of degrees, resource allocation is ``A D^-1 A`` and
    Adamic-Adar ``A diag(1 / log d) A`` (contacts of degree 1 cannot be
    shared), both as one scipy sparse product over the candidate rows and
    columns.

    References
    ----------
    .. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the
       Web. Social Networks 25(3), 211-230.
    .. [2] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links
       via local information. European Physical Journal B 71, 623-630.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.network import ActorNetwork
    >>> from graph.schema import Theme, ThemeTable
    >>> G = nx.MultiDiGraph()
    >>> for n, kind, seat, themes in [("home", "city", None, []), ("twin", "city", None, []),
    ...         ("uni", "institution", "home", ["climate"]), ("agency", "institution", "home", []),
    ...         ("lab", "institution", "twin", ["climate"]), ("office", "institution", "twin", [])]:
    ...     G.add_node(n, kind=kind, name=n.title(), themes=themes)
    ...     if seat:
    ...         _ = G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    >>> _ = G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    >>> _ = G.add_edge("agency", "office", key="t1", type="COOPERATES_WITH", weight=3)
    >>> _ = G.add_edge("uni", "agency", key="t2", type="COOPERATES_WITH", weight=2)
    >>> _ = G.add_edge("lab", "office", key="t3", type="COOPERATES_WITH", weight=2)
    >>> net = ActorNetwork(G, ThemeTable([Theme("climate", "Climate", priority=3)]))
    >>> best = recommend(net, "climate", "twin", k=1).iloc[0]
    >>> best["home_actor"], best["partner_actor"], best["path"]
    ('uni', 'lab', ['uni', 'agency', 'office', 'lab'])
    """
    import numpy as np
    from scipy import sparse

    from queries.fragility import NOT_ROUTES

    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise QueryError("k must be a whole number, 1 or more")
    chosen = dict(RECOMMEND_WEIGHTS)
    for name, value in (weights or {}).items():
        if name not in chosen:
            raise QueryError(f"unknown part in weights: {name}; known: "
                             + ", ".join(RECOMMEND_WEIGHTS))
        if not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
            raise QueryError(f"the weight of {name} must be a number, 0 or more")
        chosen[name] = float(value)
    home, partnerships = _partnerships(network)
    theme_id = network.themes.resolve(theme).id
    partner = network.resolve(city)
    if partner not in {p["city"] for p in partnerships}:
        raise QueryError(f"{partner} is not a partner city of {home}")
    view = network if as_of is None else network.as_of(as_of)
    A = view.actor_graph()
    city_of = network.city_of
    in_theme = _theme_actors(view, A, theme_id)
    home_side = [n for n in A if city_of(n) == home]
    partner_side = [n for n in A if city_of(n) == partner]
    home_cands = [n for n in home_side if n in in_theme] or home_side
    partner_cands = [n for n in partner_side if n in in_theme] or partner_side
    if not home_cands or not partner_cands:
        return pd.DataFrame(columns=RECOMMEND_COLUMNS)

    nodes = list(A)
    index = {n: i for i, n in enumerate(nodes)}
    rows, cols = [], []
    for u, v, types in A.edges(data="types"):
        if u != v and any(t not in NOT_ROUTES for t in types):
            rows += [index[u], index[v]]
            cols += [index[v], index[u]]
    n = len(nodes)
    M = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    M.data[:] = 1.0
    degree = np.asarray(M.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inv = np.where(degree > 0, 1.0 / degree, 0.0)
        inv_log = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
    H = [index[h] for h in home_cands]
    P = [index[p] for p in partner_cands]
    left = M[H]
    right = M[:, P]
    ra = (left @ sparse.diags(inv) @ right).toarray()
    aa = (left @ sparse.diags(inv_log) @ right).toarray()
    crossing = {h for h in home_side for x in A[h] if city_of(x) == partner
                and any(t not in NOT_ROUTES for t in A[h][x]["types"])}
    crossing |= {p for p in partner_side for x in A[p] if city_of(x) == home
                 and any(t not in NOT_ROUTES for t in A[p][x]["types"])}
    # Every candidate pair at once; a pair already tied (by any tie, the
    # formal partnership included) or an actor paired with itself is out.
    tied = np.zeros((len(H), len(P)), dtype=bool)
    column = {p: j for j, p in enumerate(partner_cands)}
    for i, h in enumerate(home_cands):
        for x in A[h]:
            j = column.get(x)
            if j is not None:
                tied[i, j] = True
        j = column.get(h)
        if j is not None:
            tied[i, j] = True
    if tied.all():
        return pd.DataFrame(columns=RECOMMEND_COLUMNS)
    aa_max = aa[~tied].max() or 1.0
    ra_max = ra[~tied].max() or 1.0
    h_theme = np.array([h in in_theme for h in home_cands], dtype=float)
    p_theme = np.array([p in in_theme for p in partner_cands], dtype=float)
    h_new = np.array([h not in crossing for h in home_cands], dtype=float)
    p_new = np.array([p not in crossing for p in partner_cands], dtype=float)
    parts_all = {
        "adamic_adar": aa / aa_max,
        "resource_allocation": ra / ra_max,
        "theme": (h_theme[:, None] + p_theme[None, :]) / 2,
        "bridging": (h_new[:, None] + p_new[None, :]) / 2,
    }
    total = sum(chosen[name] * value for name, value in parts_all.items())
    total = np.where(tied, -np.inf, total)
    flat = total.ravel()
    free = int((~tied).sum())
    take = min(k, free)
    # The k best (ties broken by ids, as a stable sort of names would).
    cut = np.partition(flat, flat.size - take)[flat.size - take] if take < flat.size else -np.inf
    chosen_pairs = [(float(flat[x]), home_cands[x // len(P)], partner_cands[x % len(P)], x)
                    for x in np.flatnonzero(flat >= cut) if np.isfinite(flat[x])]
    chosen_pairs.sort(key=lambda c: (-c[0], c[1], c[2]))
    scored = []
    for score, h, p, x in chosen_pairs[:take]:
        i, j = divmod(x, len(P))
        parts = {name: float(value[i, j]) for name, value in parts_all.items()}
        scored.append((score, h, p, parts))
    G = network.graph
    theme_name = network.themes[theme_id].label_en
    out = []
    for rank, (score, h, p, parts) in enumerate(scored[:k], start=1):
        common = sorted(set(A[h]) & set(A[p]) - {home, partner})
        # introduction_path(view, h, p) on the actor graph already built:
        # the same bidirectional Dijkstra over distance = 1 / strength.
        try:
            _, route = nx.bidirectional_dijkstra(A, h, p, weight="distance")
        except nx.NetworkXNoPath:
            route = []
        why = [f"Bring in {_name(network, h)} ({h}) to meet {_name(network, p)} ({p}) "
               f"in {_name(network, partner)}."]
        active = [x for x in (h, p) if x in in_theme]
        if active:
            why.append(f"Active in {theme_name}: {', '.join(active)}.")
        else:
            why.append(f"Neither is active in {theme_name} yet (no one on either side is).")
        if common:
            why.append(f"Shared contacts: {', '.join(common)}.")
        if parts["bridging"] == 1:
            why.append(f"Neither has a working tie across yet: a new route between "
                       f"{_name(network, home)} and {_name(network, partner)}.")
        if route:
            why.append("Introduction: " + " → ".join(route) + ".")
        else:
            why.append("No chain of ties links them yet: a cold introduction.")
        out.append({
            "rank": rank, "home_actor": h, "home_name": _name(network, h),
            "home_kind": G.nodes[h]["kind"], "partner_actor": p,
            "partner_name": _name(network, p), "partner_kind": G.nodes[p]["kind"],
            "score": float(score), **parts, "common_contacts": common, "path": route,
            "path_names": [_name(network, x) for x in route], "why": " ".join(why),
        })
    table = pd.DataFrame(out, columns=RECOMMEND_COLUMNS)
    return table
