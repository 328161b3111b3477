"""What is known about a candidate pair (or actor) for "who to connect".

Every feature is read from a :class:`~actornet.queries.link_history.LinkHistory`
(the past up to a year), for all pairs of a home-side and a partner-side set
of actors at once, as ``|H| x |P|`` arrays: the recommender scores a whole
question with one model call. :data:`PAIR_FEATURES` and :data:`ACTOR_FEATURES`
name them and say in words what each means (the ``why`` of a row names the
two or three that carried its score in these words).

Counts enter as ``log(1 + count)``: a pair of two organisations with 50 and
500 projects is not ten times a pair with 5 and 50.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

__all__ = ["PAIR_FEATURES", "ACTOR_FEATURES", "pair_grid", "pair_parts", "pair_rows",
           "pair_block", "pair_medians", "Grid", "actor_table"]

#: Pair features, in the model's order, and what each says in words
#: (``{h}``/``{p}``: the two actors' names, ``{theme}``, ``{city}``/``{home}``).
PAIR_FEATURES = {
    "theme_home": "{h}'s projects in {theme}",
    "theme_partner": "{p}'s projects in {theme}",
    "theme_product": "both active in {theme}",
    "projects_home": "{h}'s projects overall",
    "projects_partner": "{p}'s projects overall",
    "degree_home": "{h}'s many partners",
    "degree_partner": "{p}'s many partners",
    "lead_home": "{h} coordinates projects",
    "lead_partner": "{p} coordinates projects",
    "lead_theme": "coordinating in {theme}",
    "common": "shared contacts",
    "adamic_adar": "shared contacts that few others have",
    "resource_allocation": "shared contacts with few partners",
    "common_theme": "shared contacts in {theme}",
    "theme_overlap": "the same mix of themes",
    "across_home": "{h}'s partners in {city}",
    "across_partner": "{p}'s partners in {home}",
    "across_theme_home": "{h}'s {theme} partners in {city}",
    "across_theme_partner": "{p}'s {theme} partners in {home}",
    "new_route": "a new route between {home} and {city}",
    "distance": "being two steps apart in the network",
    "recent_home": "{h}'s recent projects in {theme}",
    "recent_partner": "{p}'s recent projects in {theme}",
    "recent_product": "both recently active in {theme}",
    "new_partners_home": "{h}'s many new partners lately",
    "new_partners_partner": "{p}'s many new partners lately",
}

#: Actor features for ``bring_in`` and ``counterparts`` (``{a}``: the actor,
#: ``{there}``: the other city).
ACTOR_FEATURES = {
    "theme": "{a}'s projects in {theme}",
    "projects": "{a}'s projects overall",
    "degree": "{a}'s many partners",
    "lead": "{a} coordinates projects",
    "lead_theme": "{a} coordinates in {theme}",
    "across": "{a}'s partners in {there}",
    "across_theme": "{a}'s {theme} partners in {there}",
    "theme_share": "{a}'s focus on {theme}",
}


#: How many pairs of sides a history keeps the theme-free pair features of.
_CITY_PARTS_KEPT = 4


def _log(x):
    return np.log1p(np.asarray(x, dtype=np.float64))


#: Bytes of per-actor reach vectors (:func:`_across`) a history keeps.
_REACH_KEPT_BYTES = 64 << 20


def _across(history, rows, other, theme=None):
    """How many actors of the boolean mask ``other`` each of ``rows`` shares
    a group with (a group of ``theme``, if given).

    Taken from one product of the whole matrix with ``other``, kept with the
    history for the next rows asked about the same side: a CSR row's sum
    runs over its entries in the same order either way, so the values are
    those of ``linked[rows] @ other``."""
    cache = history.__dict__.setdefault("_reach", {})
    key = (theme, np.flatnonzero(other).tobytes())
    reach = cache.get(key)
    if reach is None:
        linked = history.linked if theme is None else history.theme_linked(theme)
        reach = np.asarray(linked @ other.astype(np.float64)).ravel()
        while cache and (len(cache) + 1) * reach.nbytes > _REACH_KEPT_BYTES:
            del cache[next(iter(cache))]  # the oldest: bounded memory
        cache[key] = reach
    return reach[rows]


def pair_grid(history, theme, H, P, home_side, partner_side):
    """Every pair feature for the pairs ``H x P``.

    Parameters
    ----------
    history : LinkHistory
    theme : str
        A theme id of the history's network.
    H, P : array of int
        Actor rows (``history.past.index``) of the home and partner side.
    home_side, partner_side : array of bool
        Per actor: sits in the home city, sits in the partner city.

    Returns
    -------
    features : numpy.ndarray
        ``|H| x |P| x len(PAIR_FEATURES)``, float32.
    tied : numpy.ndarray of bool
        ``|H| x |P|``: the pair had shared a group already (not a candidate).

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> from actornet.queries.link_history import Past
    >>> net = generated_network(80, 400, cities=3, seed=3)
    >>> past = Past(net)
    >>> seats = net.cities()
    >>> home, there = sorted({c for c in seats.values()})[:2]
    >>> side = lambda c: np.array([seats.get(a) == c for a in past.actors])
    >>> H, P = np.flatnonzero(side(home)), np.flatnonzero(side(there))
    >>> X, tied = pair_grid(past.as_of(None), past.themes[0], H, P, side(home), side(there))
    >>> X.shape == (len(H), len(P), len(PAIR_FEATURES)), tied.shape == (len(H), len(P))
    (True, True)
    """
    parts, tied = pair_parts(history, theme, H, P, home_side, partner_side)
    X = pair_block(parts, 0, len(H)).reshape(len(H), len(P), len(PAIR_FEATURES))
    return X, tied.full().copy()


def pair_parts(history, theme, H, P, home_side, partner_side):
    """Each pair feature for the pairs ``H x P`` as its own ``|H| x |P|``
    array (a row or column feature as a broadcast view), and which pairs are
    tied: what :func:`pair_grid` lays out, for a caller that needs the
    features of a few pairs only (:func:`pair_rows`). Parameters as
    :func:`pair_grid`; ``tied`` is a bool :class:`Grid` (its sparse
    ``stored_flat`` the tied pairs' positions), shared: read it, never change it."""
    t = history.past.themes.index(theme)
    base = _city_parts(history, H, P, home_side, partner_side)
    Lt = history.theme_linked(theme)
    common_theme = Lt[H] @ Lt[P].T.tocsr()
    tc = history.theme_counts
    th, tp = tc[H, t], tc[P, t]
    rh, rp = history.recent_theme_counts[H, t], history.recent_theme_counts[P, t]
    lead_t = history.coordinated_theme[:, t]
    shape = (len(H), len(P))
    parts = {
        **base["parts"],
        "theme_home": _rows(_log(th), shape),
        "theme_partner": _cols(_log(tp), shape),
        "theme_product": Grid(outer=(np.multiply, th, tp)),
        "lead_theme": Grid(outer=(np.add, lead_t[H], lead_t[P])),
        "common_theme": Grid(common_theme),
        "across_theme_home": _rows(_log(_across(history, H, partner_side, theme)), shape),
        "across_theme_partner": _cols(_log(_across(history, P, home_side, theme)), shape),
        "recent_home": _rows(_log(rh), shape),
        "recent_partner": _cols(_log(rp), shape),
        "recent_product": Grid(outer=(np.multiply, rh, rp)),
    }
    return parts, base["tied"]


def pair_rows(parts, flat):
    """The features of the pairs at ``flat`` (positions in the ``|H| x |P|``
    grid, row by row) as ``len(flat) x len(PAIR_FEATURES)`` float32: equal to
    ``pair_grid(...)[0].reshape(-1, F)[flat]``, without laying out the grid.

    Examples
    --------
    >>> parts = {name: np.arange(6.0).reshape(2, 3) + f for f, name in enumerate(PAIR_FEATURES)}
    >>> rows = pair_rows(parts, np.array([4, 0]))
    >>> rows.shape, rows[:, 0].tolist(), rows[:, 1].tolist()
    ((2, 26), [4.0, 0.0], [5.0, 1.0])
    """
    flat = np.asarray(flat, np.int64)
    X = np.empty((flat.shape[0], len(PAIR_FEATURES)), np.float32)
    for f, name in enumerate(PAIR_FEATURES):
        part = parts[name]
        where = np.unravel_index(flat, part.shape)
        X[:, f] = part.at(*where) if isinstance(part, Grid) else part[where]
    return X


def pair_block(parts, start, stop):
    """The features of the pairs of rows ``start:stop`` of the ``|H| x |P|``
    grid (every partner of those home-side actors), as
    ``(stop - start) * |P| x len(PAIR_FEATURES)`` float32: equal to those
    rows of :func:`pair_grid`, a block at a time (a big question is scored
    block by block, never laid out whole).

    Examples
    --------
    >>> parts = {name: np.arange(6.0).reshape(3, 2) + f for f, name in enumerate(PAIR_FEATURES)}
    >>> X = pair_block(parts, 1, 3)
    >>> X.shape, X[:, 0].tolist(), X[:, 1].tolist()
    ((4, 26), [2.0, 3.0, 4.0, 5.0], [3.0, 4.0, 5.0, 6.0])
    """
    X = None
    for f, name in enumerate(PAIR_FEATURES):
        part = parts[name]
        block = part.rows(start, stop) if isinstance(part, Grid) else part[start:stop]
        if X is None:
            X = np.empty((block.shape[0], block.shape[1], len(PAIR_FEATURES)), np.float32)
        X[:, :, f] = block
    return X.reshape(-1, len(PAIR_FEATURES))


def pair_medians(parts, flat):
    """The median of each feature over the pairs at ``flat`` (positions in
    the grid, row by row): ``np.median(pair_grid(...)[0].reshape(-1, F)[flat],
    axis=0)``, one feature at a time, as float32.

    A feature of the row (or column) alone is the median of its ``|H|`` (or
    ``|P|``) values, each counted as often as its row has pairs at ``flat``:
    the same middle values, found without reading the grid.

    Examples
    --------
    >>> parts = {name: np.arange(6.0).reshape(2, 3) * (f + 1) for f, name in enumerate(PAIR_FEATURES)}
    >>> pair_medians(parts, np.array([0, 4, 5]))[:3].tolist()
    [4.0, 8.0, 12.0]
    """
    out = np.empty(len(PAIR_FEATURES), np.float32)
    rows = cols = None
    for f, name in enumerate(PAIR_FEATURES):
        part = parts[name]
        if isinstance(part, Grid):
            values = part.rows(0, part.shape[0])
        elif part.ndim == 2 and part.strides[1] == 0:  # a row feature, broadcast
            if rows is None:
                rows = np.bincount(flat // part.shape[1], minlength=part.shape[0])
            out[f] = _counted_median(np.asarray(part[:, 0], np.float32), rows)
            continue
        elif part.ndim == 2 and part.strides[0] == 0:  # a column feature
            if cols is None:
                cols = np.bincount(flat % part.shape[1], minlength=part.shape[1])
            out[f] = _counted_median(np.asarray(part[0], np.float32), cols)
            continue
        else:
            values = part
        # As the grid holds it (float32), each feature read where it lies together.
        out[f] = np.median(np.asarray(values, np.float32).ravel()[flat])
    return out


def _counted_median(values, counts):
    """``np.median(np.repeat(values, counts))`` without the repeat: the one
    or two middle values, then their mean as ``np.median`` takes it."""
    order = np.argsort(values, kind="stable")
    ends = np.cumsum(counts[order])
    n = int(ends[-1])
    middle = [n // 2 - 1, n // 2] if n % 2 == 0 else [n // 2]
    return np.median(values[order][np.searchsorted(ends, middle, side="right")])


class Grid:
    """A ``|H| x |P|`` grid of ``then(x)`` (``log(1 + x)`` by default), taken
    where it is read: over the whole grid for a question (:meth:`full`, made
    once), at a few pairs for learning (:meth:`at`), with the same values
    either way (the same element-wise operations on the same numbers). ``x``
    is given as a dense grid, a sparse matrix (never laid out to learn from
    a few of its pairs), or ``outer=(ufunc, a, b)`` for ``ufunc.outer(a, b)``.

    Examples
    --------
    >>> g = Grid(outer=(np.multiply, np.array([0.0, 3.0]), np.array([1.0, 2.0])))
    >>> g.shape, g.at(np.array([1]), np.array([1])).tolist() == g.full()[1:, 1].tolist()
    ((2, 2), True)
    >>> s = Grid(sparse.csr_matrix(np.array([[0.0, 2.0], [1.0, 0.0]])), then=None)
    >>> s.full().tolist(), s.at(np.array([0, 1]), np.array([1, 1])).tolist()
    ([[0.0, 2.0], [1.0, 0.0]], [2.0, 0.0])
    >>> s.stored_flat().tolist()
    [1, 2]
    """

    __slots__ = ("_raw", "_outer", "_then", "_full", "shape")

    def __init__(self, raw=None, *, outer=None, then=_log):
        self._raw, self._outer, self._then, self._full = raw, outer, then, None
        self.shape = raw.shape if outer is None else (len(outer[1]), len(outer[2]))

    def _apply(self, x):
        return x if self._then is None else self._then(x)

    def full(self) -> np.ndarray:
        """The whole grid."""
        if self._full is None:
            if self._outer is not None:
                ufunc, a, b = self._outer
                x = ufunc.outer(a, b)
            else:
                x = self._raw.toarray() if sparse.issparse(self._raw) else self._raw
            self._full = self._apply(x)
        return self._full

    def rows(self, start, stop) -> np.ndarray:
        """Rows ``start:stop`` of the grid (of :meth:`full`, when made)."""
        if self._full is not None:
            return self._full[start:stop]
        if self._outer is not None:
            ufunc, a, b = self._outer
            return self._apply(ufunc.outer(a[start:stop], b))
        raw = self._raw[start:stop]
        return self._apply(raw.toarray() if sparse.issparse(raw) else raw)

    def at(self, rows, cols) -> np.ndarray:
        """The values at the pairs ``(rows[k], cols[k])``."""
        if self._outer is not None:
            ufunc, a, b = self._outer
            return self._apply(ufunc(a[rows], b[cols]))
        if sparse.issparse(self._raw):
            return self._apply(np.asarray(self._raw[rows, cols]).ravel())
        return self._apply(self._raw[rows, cols])

    def stored_flat(self) -> np.ndarray:
        """Of a sparse grid: the flat positions (row by row, ascending) of
        its stored entries whose value is true, without laying it out."""
        coo = self._raw.tocoo()
        keep = self._apply(coo.data).astype(bool)
        return np.sort(coo.row[keep].astype(np.int64) * self.shape[1] + coo.col[keep])


def _positive(x):
    return np.asarray(x) > 0


def _two_steps(x):
    """Steps between a pair: 2 through a shared contact, else 3 or more."""
    return np.where(np.asarray(x) > 0, 2.0, 3.0)


def _as_float(x):
    return np.asarray(x).astype(np.float64)


def _rows(x, shape):
    return np.broadcast_to(np.asarray(x, np.float64)[:, None], shape)


def _cols(x, shape):
    return np.broadcast_to(np.asarray(x, np.float64)[None, :], shape)


def _city_parts(history, H, P, home_side, partner_side):
    """The pair features of ``H x P`` that do not depend on the theme, and
    which pairs are tied: computed once per history and pair of sides (a
    recommender asks about every theme with one partner city)."""
    cache = history.__dict__.setdefault("_pair_city_parts", {})
    key = tuple(np.asarray(x).tobytes() for x in
                (H, P, np.flatnonzero(home_side), np.flatnonzero(partner_side)))
    if key in cache:
        return cache[key]
    L = history.linked
    deg = history.degree.astype(np.float64)
    inv_deg = np.where(deg > 0, 1.0 / np.maximum(deg, 1), 0.0)
    inv_log = np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
    # L is symmetric: its columns P are its rows P, transposed (row slices
    # are cheap), and its block H x P is the rows H of those.
    LH, LP = L[H], L[P].T.tocsr()
    common = LH @ LP
    tc = history.theme_counts
    profile = tc / np.maximum(np.linalg.norm(tc, axis=1, keepdims=True), 1e-9)
    overlap = profile[H] @ profile[P].T
    fresh = history.new_partners
    ah, ap = _across(history, H, partner_side), _across(history, P, home_side)
    lead = history.coordinated
    shape = (len(H), len(P))
    parts = {
        "projects_home": _rows(_log(history.projects[H]), shape),
        "projects_partner": _cols(_log(history.projects[P]), shape),
        "degree_home": _rows(_log(deg[H]), shape),
        "degree_partner": _cols(_log(deg[P]), shape),
        "lead_home": _rows(_log(lead[H]), shape),
        "lead_partner": _cols(_log(lead[P]), shape),
        "common": Grid(common),
        "adamic_adar": Grid(LH @ sparse.diags(inv_log) @ LP, then=None),
        "resource_allocation": Grid(LH @ sparse.diags(inv_deg) @ LP, then=None),
        "theme_overlap": overlap,
        "across_home": _rows(_log(ah), shape),
        "across_partner": _cols(_log(ap), shape),
        "new_route": Grid(outer=(np.logical_and, ah == 0, ap == 0), then=_as_float),
        "distance": Grid(common, then=_two_steps),
        "new_partners_home": _rows(_log(fresh[H]), shape),
        "new_partners_partner": _cols(_log(fresh[P]), shape),
    }
    if len(cache) >= _CITY_PARTS_KEPT:
        del cache[next(iter(cache))]  # the oldest: bounded memory
    cache[key] = {"parts": parts, "tied": Grid(LP[H], then=_positive)}
    return cache[key]


def actor_table(history, theme, A, other_side):
    """Every actor feature for the actors ``A`` (rows), seen towards the
    actors of the boolean mask ``other_side``: ``|A| x len(ACTOR_FEATURES)``."""
    t = history.past.themes.index(theme)
    tc = history.theme_counts[A, t]
    projects = history.projects[A]
    parts = {
        "theme": _log(tc),
        "projects": _log(projects),
        "degree": _log(history.degree[A]),
        "lead": _log(history.coordinated[A]),
        "lead_theme": _log(history.coordinated_theme[A, t]),
        "across": _log(_across(history, A, other_side)),
        "across_theme": _log(_across(history, A, other_side, theme)),
        "theme_share": tc / np.maximum(projects, 1),
    }
    return np.column_stack([parts[name] for name in ACTOR_FEATURES]).astype(np.float32)
