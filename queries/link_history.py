"""The past of a network as of a year: who worked with whom, in which theme.

Link prediction must never see the future. :class:`Past` reads every tie of
a network once (each project membership, and each direct tie as a group of
its two actors, with its start year, themes and whether the actor
coordinated; from the network's column tables with whole-array steps, or
by walking the graph of a view that has none, with equal results, tested);
:meth:`Past.as_of` keeps what had *started* by a year (ended
ties included: the past, unlike ``ActorNetwork.as_of``, which keeps the ties
still running in that year) and gives a :class:`LinkHistory` of sparse
arrays: memberships, shared groups, project counts per theme. Everything
the recommender learns from or scores with is read from one of these, so
"as of Y" equals the same computation on a copy of the network with every
later tie and project deleted (``tests/queries/test_link_history.py``).

:meth:`Past.first_shared` gives the outcomes: pairs that had shared nothing
by a year and first shared a group in a later window, with that group's
themes.

Pure analysis: nothing here reads files.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from actornet.graph.projection import link_role
from actornet.graph.schema import ACTOR_KINDS, Kind, Projection, TieType

__all__ = ["Past", "LinkHistory"]

_ACTOR_VALUES = {k.value for k in ACTOR_KINDS}
#: A formal partnership is no contact (as in the recommender's scores).
_PARTNER_OF = TieType.PARTNER_OF.value
_NO_YEAR = np.iinfo(np.int64).min  # undated: known from the start
#: The roles that make an actor its group's coordinator.
_LEAD = ("coordinator", "lead", "lead partner")
#: "Recent" is the last RECENT years up to the year asked for (that year included).
RECENT = 2


class Past:
    """Every membership of a network, read once, to be cut at any year.

    Parameters
    ----------
    network : ActorNetwork
    walk : bool
        Walk the graph's ties even when the network has column tables (the
        reference the columns are tested against).

    Attributes
    ----------
    actors : list of str
        Actor ids (cities, organisations, people; no projects), in graph order.
    index : dict
        Actor id -> row.
    themes : list of str
        Theme ids, in the theme table's order.

    Examples
    --------
    >>> from actornet.graph.generate import generated_network
    >>> net = generated_network(60, 200, cities=3, seed=2)
    >>> past = Past(net)
    >>> h = past.as_of(2010)
    >>> h.projects.shape == (len(past.actors),)
    True
    >>> bool((past.as_of(2030).projects >= h.projects).all())
    True
    """

    def __init__(self, network, *, walk=False):
        self.network = network
        self.themes = [t.id for t in network.themes]
        columns = None if walk else network.column_tables()
        if columns is not None:
            parts = _memberships_from_columns(columns, self.themes)
        else:
            parts = self._walk(network)
        (self.actors, self.kinds, member, group_of, since, coordinator, group_year,
         group_themes) = parts
        self.index = {n: i for i, n in enumerate(self.actors)}
        self._member = np.asarray(member, np.int64)
        self._group = np.asarray(group_of, np.int64)
        self._since = np.asarray(since, np.int64)
        self._coordinator = np.asarray(coordinator, bool)
        self.group_year = np.asarray(group_year, np.int64)
        rows = np.repeat(np.arange(len(group_themes)), [len(t) for t in group_themes])
        cols = np.fromiter((t for ts in group_themes for t in ts), np.int64, len(rows))
        self._group_themes = sparse.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, cols)),
            shape=(len(group_themes), len(self.themes)))

    def _walk(self, network):
        """The memberships from a walk of the graph's ties (the reference the
        columns are tested against; views have no columns)."""
        G = network.graph
        nodes = G.nodes
        actors = [n for n, d in G.nodes(data=True) if d.get("kind") in _ACTOR_VALUES]
        index = {n: i for i, n in enumerate(actors)}
        kinds = np.array([nodes[n]["kind"] for n in actors], object)
        theme_index = {t: i for i, t in enumerate(self.themes)}
        groups, member, group_of, since, coordinator = {}, [], [], [], []
        group_year, group_themes = [], []

        def new_group(year, themes):
            group_year.append(_NO_YEAR if year is None else int(year))
            group_themes.append(sorted({theme_index[t] for t in themes if t in theme_index}))
            return len(group_year) - 1

        for u, v, key, d in G.edges(keys=True, data=True):
            if u not in index:
                continue
            role = link_role(d["type"], nodes[v]["kind"])
            start, _ = network._period(v, d)
            if role is Projection.PROJECT:
                g = groups.get(v)
                if g is None:
                    g = groups[v] = new_group(nodes[v].get("since"),
                                              [*nodes[v].get("themes", ()), *d.get("themes", ())])
                pairs = [(index[u], g)]
            elif (role is Projection.DIRECT and v in index and v != u
                  and d["type"] != _PARTNER_OF):
                themes = list(d.get("themes", ()))
                project = d.get("project")
                if project is not None and project in nodes:
                    themes += nodes[project].get("themes", ())
                g = new_group(start, themes)
                pairs = [(index[u], g), (index[v], g)]
            else:
                continue
            lead = str(d.get("role", "")).lower() in _LEAD
            for a, g in pairs:
                member.append(a)
                group_of.append(g)
                since.append(_NO_YEAR if start is None else int(start))
                coordinator.append(lead and a == index[u])
        return actors, kinds, member, group_of, since, coordinator, group_year, group_themes

    @property
    def years(self) -> list:
        """The years in which some group started, ascending."""
        return sorted(set(self._since[self._since != _NO_YEAR].tolist()))

    def as_of(self, year=None) -> "LinkHistory":
        """What had started in or before ``year`` (None: everything)."""
        keep = np.ones(len(self._member), bool) if year is None else self._since <= int(year)
        return LinkHistory(self, keep, year)

    def _window(self, after, until):
        keep = self._since > int(after)
        if until is not None:
            keep &= self._since <= int(until)
        return keep

    def first_shared(self, after, until=None, *, rows, cols) -> pd.DataFrame:
        """Pairs (row actor, column actor) that had shared no group by ``after``
        and first shared one starting in ``(after, until]``: one row per pair
        and theme of the groups they first shared (in the first such year),
        columns ``source``, ``target``, ``year``, ``theme``."""
        rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
        before = self._incidence_by(after)
        seen = (before[rows] @ before[cols].T).tocsr()
        seen.data[:] = 1
        found = []
        for year, B in self._years_of(after, until):
            Br, Bc = B[rows], B[cols]
            S = (Br @ Bc.T).tocsr()
            S.data[:] = 1
            S = (S - S.multiply(seen)).tocoo()
            S.eliminate_zeros()
            if S.nnz == 0:
                continue
            fresh = sparse.csr_matrix((np.ones(S.nnz), (S.row, S.col)), shape=S.shape)
            # The new pairs' shared groups of the year (pairs x groups), then
            # their themes (pairs x themes): one product for all themes, on
            # the new pairs alone (every value is positive: a sum is nonzero
            # when one of its terms is).
            fresh_pairs = fresh.tocoo()
            shared = Br[fresh_pairs.row].multiply(Bc[fresh_pairs.col]).tocsr()
            themes = (shared @ self._group_themes).tocsc()
            themes.eliminate_zeros()
            for t, theme in enumerate(self.themes):
                hit = themes.indices[themes.indptr[t]:themes.indptr[t + 1]]
                if hit.size:
                    hit = np.sort(hit)  # the pairs in row, then column order
                    found.append(pd.DataFrame({"source": rows[fresh_pairs.row[hit]],
                                               "target": cols[fresh_pairs.col[hit]],
                                               "year": year, "theme": theme}))
            seen = seen + fresh
            seen.data[:] = 1
        if not found:
            return pd.DataFrame({"source": pd.Series(dtype=np.int64),
                                 "target": pd.Series(dtype=np.int64),
                                 "year": pd.Series(dtype=np.int64),
                                 "theme": pd.Series(dtype=object)})
        return pd.concat(found, ignore_index=True)

    def _incidence_by(self, year):
        """``as_of(year).incidence``, made once per year (every pair of
        cities asks about the same years)."""
        return self._kept("_incidence_by_year", int(year), lambda: self.as_of(year).incidence)

    def _years_of(self, after, until):
        """``(year, memberships of groups starting that year)`` for each year
        in ``(after, until]``, made once per window (every pair of cities
        asks about the same years)."""
        def make():
            window = self._window(after, until)
            return [(year, self._incidence(window & (self._since == year)))
                    for year in sorted(set(self._since[window].tolist()))]

        return self._kept("_window_years", (int(after), None if until is None else int(until)),
                          make)

    def _kept(self, name, key, make, *, most=4):
        """``make()``, kept under ``key`` in the ``most`` latest of the dict ``name``."""
        cache = self.__dict__.setdefault(name, {})
        if key not in cache:
            if len(cache) >= most:
                del cache[next(iter(cache))]  # the oldest: bounded memory
            cache[key] = make()
        return cache[key]

    def _incidence(self, keep, *, coordinators=False) -> sparse.csr_matrix:
        on = keep & self._coordinator if coordinators else keep
        return sparse.csr_matrix(
            (np.ones(int(on.sum()), np.float32), (self._member[on], self._group[on])),
            shape=(len(self.actors), len(self.group_year)))


def _year(value) -> int:
    return _NO_YEAR if value is None else int(value)


def _memberships_from_columns(columns, themes):
    """What :meth:`Past._walk` gives, from the network's column tables with
    whole-array steps (a per-value step for each *distinct* value only)."""
    node_ids = columns.node_ids
    kind_codes, kind_values = columns.column("nodes", "kind")
    is_actor_kind = np.array([k in _ACTOR_VALUES for k in kind_values] + [False], bool)
    node_is_actor = is_actor_kind[kind_codes]
    actor_rows = np.flatnonzero(node_is_actor)
    actors = [node_ids[i] for i in actor_rows.tolist()]
    kind_table = np.array([*kind_values, None], object)
    kinds = kind_table[kind_codes[actor_rows]]
    actor_of = np.full(len(node_ids) + 1, -1, np.int64)  # node row -> actor row
    actor_of[actor_rows] = np.arange(len(actor_rows))
    theme_index = {t: i for i, t in enumerate(themes)}

    def theme_sets(values):  # as the walk reads them (a missing value: none)
        return [sorted({theme_index[t] for t in (x if isinstance(x, (list, tuple, str)) else ())
                        if t in theme_index}) for x in values] + [[]]

    def years(values):  # per code, code -1 (no value) last
        return np.array([_year(x) for x in values] + [_NO_YEAR], np.int64)

    u, v = columns.source.astype(np.int64), columns.target.astype(np.int64)
    type_codes, type_values = columns.column("edges", "type")
    # Each tie's role, from each distinct (type, target kind)'s (code -1 of
    # either: no role).
    joins, direct = (np.zeros((len(type_values) + 1, len(kind_values) + 1), bool)
                     for _ in range(2))
    for i, tie_type in enumerate(type_values):
        for j, kind in enumerate(kind_values):
            joins[i, j] = link_role(tie_type, kind) is Projection.PROJECT
            direct[i, j] = link_role(tie_type, kind) is Projection.DIRECT
    target_kind = kind_codes[v]
    is_project = joins[type_codes, target_kind] & node_is_actor[u]
    partner = np.array([t == _PARTNER_OF for t in type_values] + [False], bool)[type_codes]
    is_direct = (direct[type_codes, target_kind] & node_is_actor[u] & node_is_actor[v]
                 & (u != v) & ~partner)
    # The project each tie's period comes from: its own ``project`` (when a
    # node of the network), else the project it joins.
    project_codes, project_values = columns.column("edges", "project")
    row_of = {n: i for i, n in enumerate(node_ids)}
    named = np.array([-2 if x is None else row_of.get(x, -1) for x in project_values] + [-2],
                     np.int64)[project_codes]  # -2: none named; -1: named, not a node
    project_row = np.where(named == -2, np.where(is_project, v, -1), named)
    node_since_codes, node_since_values = columns.column("nodes", "since")
    node_since = np.append(years(node_since_values)[node_since_codes], _NO_YEAR)  # row -1: none
    since_codes, since_values = columns.column("edges", "since")
    own_since = years(since_values)[since_codes]
    start = np.where(own_since == _NO_YEAR, node_since[project_row], own_since)
    keep = np.flatnonzero(is_project | is_direct)
    # Groups, numbered in the order they are first met: a project at its
    # first tie, a direct tie at itself.
    creator = keep.copy()
    joining = np.flatnonzero(is_project[keep])
    if joining.size:
        _, first, which = np.unique(v[keep[joining]], return_index=True, return_inverse=True)
        creator[joining] = keep[joining[first]][which.ravel()]
    creators, group_of_kept = np.unique(creator, return_inverse=True)
    group_of_kept = group_of_kept.ravel()
    edge_themes_codes, edge_themes_values = columns.column("edges", "themes")
    node_themes_codes, node_themes_values = columns.column("nodes", "themes")
    creator_joins = is_project[creators]
    # A project's year is its own; a direct tie's, its start. A group's
    # themes: its first tie's and those of its project (the one it joins,
    # or the one a direct tie names).
    group_year = np.where(creator_joins, node_since[v[creators]], start[creators])
    theme_node = np.where(creator_joins, v[creators], project_row[creators])
    node_codes = np.append(node_themes_codes, -1)[theme_node]  # row -1: no project
    pairs = np.stack([edge_themes_codes[creators], node_codes], axis=1)
    distinct, which = np.unique(pairs, axis=0, return_inverse=True)
    edge_themes, node_themes = theme_sets(edge_themes_values), theme_sets(node_themes_values)
    unions = [sorted({*edge_themes[a], *node_themes[b]}) for a, b in distinct.tolist()]
    group_themes = [unions[i] for i in which.ravel().tolist()]
    role_codes, role_values = columns.column("edges", "role")
    leads = np.array([str(r).lower() in _LEAD for r in role_values] + [False], bool)[role_codes]
    twice = is_direct[keep]
    count = np.where(twice, 2, 1)
    at = np.repeat(np.arange(len(keep)), count)
    second = np.zeros(len(at), bool)
    second[np.flatnonzero(np.repeat(twice, count))[1::2]] = True
    edges = keep[at]
    member = np.where(second, actor_of[v[edges]], actor_of[u[edges]])
    coordinator = leads[edges] & ~second
    return (actors, kinds, member, group_of_kept[at], start[edges], coordinator,
            group_year, group_themes)


class LinkHistory:
    """The past up to a year as sparse arrays (see :meth:`Past.as_of`).

    Attributes are computed when first read: ``incidence`` (actors x groups,
    repeated memberships summed), ``theme_counts`` (actors x themes: groups
    per theme), ``coordinated`` and ``coordinated_theme``, ``projects``
    (groups per actor), ``shared`` (actors x actors: groups shared, zero
    diagonal), ``linked`` (0/1 of it) and ``degree``; and what is recent:
    ``recent_theme_counts`` (groups per theme started in the last
    :data:`RECENT` years up to the year, the last year of the past when
    none is given) and ``new_partners`` (partners first met in those years).
    """

    def __init__(self, past, keep, year):
        self.past = past
        self.year = year
        self._keep = keep

    @cached_property
    def incidence(self) -> sparse.csr_matrix:
        B = self.past._incidence(self._keep)
        B.data[:] = 1.0  # two ties to one project are one membership
        return B

    @cached_property
    def _lead(self) -> sparse.csr_matrix:
        B = self.past._incidence(self._keep, coordinators=True)
        B.data[:] = 1.0
        return B

    @cached_property
    def theme_counts(self) -> np.ndarray:
        return np.asarray((self.incidence @ self.past._group_themes).todense())

    @cached_property
    def coordinated_theme(self) -> np.ndarray:
        return np.asarray((self._lead @ self.past._group_themes).todense())

    @cached_property
    def coordinated(self) -> np.ndarray:
        return np.asarray(self._lead.sum(axis=1)).ravel()

    @cached_property
    def projects(self) -> np.ndarray:
        return np.asarray(self.incidence.sum(axis=1)).ravel()

    @cached_property
    def shared(self) -> sparse.csr_matrix:
        B = self.incidence
        S = (B @ B.T).tocsr()
        S.setdiag(0)
        S.eliminate_zeros()
        return S

    @cached_property
    def linked(self) -> sparse.csr_matrix:
        L = self.shared.copy()
        L.data[:] = 1.0
        return L

    @cached_property
    def degree(self) -> np.ndarray:
        return np.asarray(self.linked.sum(axis=1)).ravel()

    @cached_property
    def now(self) -> int:
        """The year this history is as of (the last year with a dated
        membership kept when none was given)."""
        if self.year is not None:
            return int(self.year)
        dated = self.past._since[self._keep & (self.past._since != _NO_YEAR)]
        return int(dated.max()) if dated.size else 0

    @cached_property
    def recent_theme_counts(self) -> np.ndarray:
        recent = self._keep & (self.past._since > self.now - RECENT)
        B = self.past._incidence(recent)
        B.data[:] = 1.0
        return np.asarray((B @ self.past._group_themes).todense())

    @cached_property
    def new_partners(self) -> np.ndarray:
        # Everything started by then is kept here too: its partners are ours.
        return self.degree - self.past.as_of(self.now - RECENT).degree

    def theme_linked(self, theme) -> sparse.csr_matrix:
        """0/1 actors x actors: shared a group of ``theme`` (an id)."""
        cache = self.__dict__.setdefault("_theme_linked", {})
        if theme not in cache:
            t = self.past.themes.index(theme)
            in_theme = self.past._group_themes[:, t].toarray().ravel().astype(np.float32)
            B = self.incidence @ sparse.diags(in_theme)
            S = (B @ B.T).tocsr()
            S.setdiag(0)
            S.eliminate_zeros()
            S.data[:] = 1.0
            cache[theme] = S
        return cache[theme]

    def active(self) -> np.ndarray:
        """Actors with at least one group by then (bool per actor)."""
        return self.projects > 0

    def is_city(self) -> np.ndarray:
        return self.past.kinds == Kind.CITY.value
