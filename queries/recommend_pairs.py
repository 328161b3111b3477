"""The recommender's introductions: pairs (home actor, counterpart) not tied yet.

:func:`fixed_introductions` scores pairs by the fixed weights
(:data:`actornet.queries.recommend.RECOMMEND_WEIGHTS`): shared contacts
(Adamic-Adar [1]_, resource allocation [2]_), the theme and whether the pair
opens a new route between the two cities. :func:`learned_introductions`
scores them by the pair model learned from the network's past
(:mod:`actornet.queries.recommend_learned`). Each row is made by
:func:`actornet.queries.recommend_rows.pair_row`.

Pure analysis: nothing here reads files or talks to a store.

References
----------
.. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web.
   Social Networks 25(3), 211-230.
.. [2] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links via
   local information. European Physical Journal B 71, 623-630.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd
from scipy import sparse

from actornet.graph.errors import QueryError
from actornet.queries.link_features import PAIR_FEATURES as FEATURE_WORDS
from actornet.queries.link_features import pair_block, pair_medians, pair_parts, pair_rows
from actornet.queries.recommend_rows import RECOMMEND_COLUMNS, listed, pair_row

__all__ = ["fixed_introductions", "learned_introductions", "scored_elsewhere",
           "best_separable", "carried_words"]


def scored_elsewhere(table, names_h, names_p):
    """Resource allocation and Adamic-Adar matrices (home x partner candidates)
    from a table of scored pairs (``source``, ``target``, ``adamic_adar``,
    ``resource_allocation``), e.g. computed inside a store.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"source": ["a"], "target": ["y"], "adamic_adar": [2.0],
    ...                       "resource_allocation": [0.5]})
    >>> ra, aa = scored_elsewhere(table, ["a", "b"], ["x", "y"])
    >>> ra.toarray().tolist(), aa.toarray().tolist()
    ([[0.0, 0.5], [0.0, 0.0]], [[0.0, 2.0], [0.0, 0.0]])
    """
    row = {n: i for i, n in enumerate(names_h)}
    col = {n: j for j, n in enumerate(names_p)}
    known = table["source"].isin(row.keys()) & table["target"].isin(col.keys())
    if not known.all():
        raise QueryError("the shared-contact scores name actors that are not candidates")
    rows = table["source"].map(row).to_numpy(np.int64)
    cols = table["target"].map(col).to_numpy(np.int64)
    shape = (len(names_h), len(names_p))

    def matrix(values):
        return sparse.csr_matrix((values.to_numpy(float), (rows, cols)), shape=shape)

    return matrix(table["resource_allocation"]), matrix(table["adamic_adar"])


def best_separable(f, g, names_h, names_p, excluded, k):
    """The ``k`` best pairs (i, j) by ``f[i] + g[j]``, ties by names, skipping
    those for which ``excluded(i, j)`` is true: a frontier walk over both
    sides sorted best first, so only the pairs better than the k-th (and the
    excluded among them) are looked at, never all of them.

    Returns ``(score, i, j, 0.0, 0.0)`` for each pair, best first.

    Examples
    --------
    >>> best_separable([1.0, 0.5], [0.2, 0.4], ["a", "b"], ["x", "y"],
    ...                lambda i, j: (i, j) == (0, 1), 2)
    [(1.2, 0, 0, 0.0, 0.0), (0.9, 1, 1, 0.0, 0.0)]
    """
    hs = sorted(range(len(f)), key=lambda i: (-f[i], names_h[i]))
    ps = sorted(range(len(g)), key=lambda j: (-g[j], names_p[j]))
    if not hs or not ps:
        return []

    def entry(a, b):
        i, j = hs[a], ps[b]
        return (-(f[i] + g[j]), names_h[i], names_p[j], a, b)

    heap = [entry(0, 0)]
    seen = {(0, 0)}
    found = []
    while heap and len(found) < k:
        _, _, _, a, b = heapq.heappop(heap)
        i, j = hs[a], ps[b]
        if not excluded(i, j):
            found.append((float(f[i] + g[j]), i, j, 0.0, 0.0))
        for nxt in ((a + 1, b), (a, b + 1)):
            if nxt[0] < len(hs) and nxt[1] < len(ps) and nxt not in seen:
                seen.add(nxt)
                heapq.heappush(heap, entry(*nxt))
    return found


def _candidates(ask, home_side, partner_side, in_theme):
    """The introductions' candidates on each side (projection indices): the
    side's people and organisations active in the theme, all of them when
    none is; a city node is nobody to meet."""
    home_people = home_side & ~ask.is_city
    partner_people = partner_side & ~ask.is_city
    H = np.flatnonzero(home_people & in_theme)
    if H.size == 0:
        H = np.flatnonzero(home_people)
    P = np.flatnonzero(partner_people & in_theme)
    if P.size == 0:
        P = np.flatnonzero(partner_people)
    return H, P


def _shared_contact_scores(ask, H, P, names_h, names_p, shared_contacts):
    """Resource allocation and Adamic-Adar of the candidate pairs (``|H| x
    |P|`` sparse), computed here or by ``shared_contacts``."""
    if shared_contacts is None:
        L = ask.linked
        left, right = L[H], L[:, P].tocsc()
        ra = (left @ sparse.diags(ask.inv_degree) @ right).tocsr()
        aa = (left @ sparse.diags(ask.inv_log) @ right).tocsr()
        return ra, aa
    return scored_elsewhere(shared_contacts(names_h, names_p), names_h, names_p)


def _best_shared(ra, aa, tied, f, g, chosen, names_h, names_p, k):
    """The ``k`` best pairs with shared contacts and not tied, as
    ``(score, i, j, adamic_adar, resource_allocation)``; ``ra`` without the
    tied pairs, for what is left."""
    ra = ra - ra.multiply(tied)
    aa = aa - aa.multiply(tied)
    ra.eliminate_zeros()
    aa.eliminate_zeros()
    ra_coo, aa_coo = ra.tocoo(), aa.tocoo()
    ra_max = ra_coo.data.max() if ra_coo.nnz else 1.0
    aa_max = aa_coo.data.max() if aa_coo.nnz else 1.0
    rows_i, cols_j = ra_coo.row, ra_coo.col
    aa_val = np.asarray(aa[rows_i, cols_j]).ravel() / aa_max
    ra_val = ra_coo.data / ra_max
    shared_score = (chosen["adamic_adar"] * aa_val + chosen["resource_allocation"] * ra_val
                    + f[rows_i] + g[cols_j])
    # The k best pairs with shared contacts: a partial sort keeps every
    # pair that ties the k-th score, then names break the ties.
    top = np.arange(shared_score.shape[0])
    if top.shape[0] > k:
        cut = np.partition(-shared_score, k - 1)[k - 1]
        top = np.flatnonzero(-shared_score <= cut)
    best = sorted(top.tolist(), key=lambda x: (-shared_score[x], names_h[rows_i[x]],
                                               names_p[cols_j[x]]))[:k]
    return [(float(shared_score[x]), int(rows_i[x]), int(cols_j[x]), aa_val[x],
             ra_val[x]) for x in best], ra


def fixed_introductions(ask, home_side, partner_side, level, k, chosen, context,
                        shared_contacts=None):
    """The ``k`` best introductions by the fixed weights ``chosen`` (part ->
    weight), as a table with the columns
    :data:`actornet.queries.recommend_rows.RECOMMEND_COLUMNS`.

    ``context`` is ``(home, partner, theme_id, theme_name)``; ``level`` each
    actor's level in the theme; ``shared_contacts`` as in
    :func:`actornet.queries.recommend.recommend`. Pairs joined by any tie
    (the formal partnership included) are out.
    """
    in_theme = level > 0
    H, P = _candidates(ask, home_side, partner_side, in_theme)
    if H.size == 0 or P.size == 0:
        return pd.DataFrame(columns=RECOMMEND_COLUMNS)
    names_h = [ask.nodes[i] for i in H]
    names_p = [ask.nodes[j] for j in P]
    ra, aa = _shared_contact_scores(ask, H, P, names_h, names_p, shared_contacts)
    # Pairs joined by any tie (the formal partnership included) are out.
    tied = (ask.strength[H][:, P] != 0).tocsr()
    crossing_home = np.asarray(ask.linked[H] @ partner_side.astype(float)).ravel() > 0
    crossing_partner = np.asarray(ask.linked[P] @ home_side.astype(float)).ravel() > 0
    h_new = (~crossing_home).astype(float)
    p_new = (~crossing_partner).astype(float)
    h_theme, p_theme = in_theme[H].astype(float), in_theme[P].astype(float)
    f = chosen["theme"] * h_theme / 2 + chosen["bridging"] * h_new / 2
    g = chosen["theme"] * p_theme / 2 + chosen["bridging"] * p_new / 2
    # Pairs with shared contacts, minus those already tied.
    candidates, ra = _best_shared(ra, aa, tied, f, g, chosen, names_h, names_p, k)

    def excluded(i, j):
        return ra[i, j] != 0 or tied[i, j]

    candidates += best_separable(f, g, names_h, names_p, excluded, k)
    candidates.sort(key=lambda c: (-c[0], names_h[c[1]], names_p[c[2]]))
    out = []
    for rank, (score, i, j, aa_v, ra_v) in enumerate(candidates[:k], start=1):
        parts = {"adamic_adar": float(aa_v), "resource_allocation": float(ra_v),
                 "theme": float((h_theme[i] + p_theme[j]) / 2),
                 "bridging": float((h_new[i] + p_new[j]) / 2)}
        out.append(pair_row(ask, rank, H[i], P[j], score, parts, context,
                            (h_theme[i], p_theme[j])))
    return pd.DataFrame(out, columns=RECOMMEND_COLUMNS)


def carried_words(names, **names_in):
    """What carried a learned pair score, in words: "a, b and c" (the
    features' sentences of :data:`actornet.queries.link_features.PAIR_FEATURES`,
    with the names filled in)."""
    return listed([FEATURE_WORDS[n].format(**names_in) for n in names])


def _learned_rows(ask, top, hv, pv, width, carried, level, context, home_side, partner_side):
    """``(x, hi, pj, parts, why)`` of the learned top pairs (flat positions
    ``x`` in the ``|H| x width`` grid), the fixed parts shown beside the score."""
    home, partner, _, theme_name = context
    names = ask.nodes
    linked = ask.linked
    in_theme = level > 0
    rows = []
    for x, gains in zip(top, carried):
        hi, pj = hv[x // width], pv[x % width]
        both = linked[hi].multiply(linked[pj])
        cross_h = (linked[hi] @ partner_side.astype(float)).sum() > 0
        cross_p = (linked[pj] @ home_side.astype(float)).sum() > 0
        parts = {"adamic_adar": float(np.sum(both @ ask.inv_log)),
                 "resource_allocation": float(np.sum(both @ ask.inv_degree)),
                 "theme": float((in_theme[hi] + in_theme[pj]) / 2),
                 "bridging": float(((not cross_h) + (not cross_p)) / 2)}
        words = carried_words([g for g, _ in gains], h=ask.label(names[hi]),
                              p=ask.label(names[pj]), theme=theme_name,
                              city=ask.name(partner), home=ask.name(home))
        text = f"Foreseen mostly by {words}." if words else None
        rows.append((x, hi, pj, parts, text))
    # The shared-contact parts run 0 to 1 over the pairs shown.
    for part in ("adamic_adar", "resource_allocation"):
        top_value = max(r[3][part] for r in rows) or 1.0
        for r in rows:
            r[3][part] /= top_value
    return rows


#: Pairs scored at once (a block of home-side rows of a question's grid).
SCORED_PER_BLOCK = 1 << 18


def learned_introductions(ask, learned, home_side, partner_side, level, k, context):
    """The introductions by the learned pair model (a table with the columns
    :data:`actornet.queries.recommend_rows.RECOMMEND_COLUMNS`), or None when
    it was not fitted or a side has no past (the fixed weights answer then)."""
    home, partner, theme_id, theme_name = context
    model = learned.models.pairs
    if not model.fitted:
        return None
    hist = learned.history
    sh, sp = learned.past_side(home), learned.past_side(partner)
    active = hist.active() & (learned.to_view >= 0)
    H, P = np.flatnonzero(sh & active), np.flatnonzero(sp & active)
    if H.size == 0 or P.size == 0:
        return None
    features, tied = pair_parts(hist, theme_id, H, P, sh, sp)
    hv, pv = learned.to_view[H], learned.to_view[P]
    # Pairs tied in the year asked for (any tie, undated ones too) are out.
    tied = (tied.full() | (ask.strength[hv][:, pv].toarray() != 0)).ravel()
    # Scored a block of home-side rows at a time: a big question's features
    # are never laid out whole (|H| x |P| x features).
    score = np.empty(tied.shape, np.float64)
    step = max(1, SCORED_PER_BLOCK // len(P))
    for start in range(0, len(H), step):
        stop = min(start + step, len(H))
        here = slice(start * len(P), stop * len(P))
        score[here] = np.where(tied[here], -np.inf, model.score(pair_block(features, start, stop)))
    open_pairs = np.flatnonzero(np.isfinite(score))
    if open_pairs.size == 0:
        return pd.DataFrame(columns=RECOMMEND_COLUMNS)
    # The k-th best score (a partition, not a sort of a big grid's every pair).
    kth = min(k, open_pairs.size) - 1
    cut = -np.partition(-score[open_pairs], kth)[kth]
    top = open_pairs[score[open_pairs] >= cut]
    names = ask.nodes
    top = sorted(top.tolist(), key=lambda x: (-score[x], names[hv[x // len(P)]],
                                              names[pv[x % len(P)]]))[:k]
    carried = model.carried(pair_rows(features, np.array(top, np.int64)),
                            pair_medians(features, open_pairs))
    rows = _learned_rows(ask, top, hv, pv, len(P), carried, level, context, home_side,
                         partner_side)
    in_theme = level > 0
    out = [pair_row(ask, rank, hi, pj, score[x], parts, context,
                    (in_theme[hi], in_theme[pj]), carried=text)
           for rank, (x, hi, pj, parts, text) in enumerate(rows, start=1)]
    return pd.DataFrame(out, columns=RECOMMEND_COLUMNS)
