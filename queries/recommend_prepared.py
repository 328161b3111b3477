"""A network prepared for the recommender: its actor graph as sparse arrays.

:class:`PreparedNetwork` reads every tie of a network (or of its view in one
year) once, then answers the recommender's small questions about actors
quickly: who sits in a city, who is active in a theme, whose contacts are
whose, the warm path from an actor to the nearest of a group with each step's
ties, an actor's ties and projects in a theme, and the names a person reads.
:class:`actornet.queries.recommend.Recommender` is one; the side lists
(:mod:`actornet.queries.recommend_sides`), the introductions
(:mod:`actornet.queries.recommend_pairs`) and the rows
(:mod:`actornet.queries.recommend_rows`) read it.

What counts as a tie here: see :mod:`actornet.queries.recommend` (scores over
the actor graph without formal partnerships, warm paths over the whole actor
graph with the lengths of :func:`actornet.queries.paths.route_lengths`).

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from actornet.graph.gc_pause import gc_paused
from actornet.graph.labels import actor_labels
from actornet.graph.projection import link_role
from actornet.graph.schema import Kind, Projection, TieType
from actornet.queries.nearest_kernel import nearest_path
from actornet.queries.paths import path_along, route_lengths
from actornet.queries.recommend_rows import EVIDENCE_LIMIT, listed

__all__ = ["PreparedNetwork"]

_PARTNER_OF = TieType.PARTNER_OF.value
_CITY = Kind.CITY.value


class PreparedNetwork:
    """A network's actor graph as sparse arrays, read once.

    Parameters
    ----------
    network : ActorNetwork
    as_of : int, optional
        Use only ties valid in that year (see ``ActorNetwork.as_of``).

    Attributes
    ----------
    network, view : ActorNetwork
        The network, and the one read (``network.as_of(as_of)``, or the
        network itself).
    as_of : int or None
    nodes : list of str
        The actors' ids, by projection index; ``index`` maps an id to it.
    projection : ActorProjection
        The view's actor projection, shared with every other analysis.
    strength : scipy.sparse.csr_matrix
        Tie strength between actors, formal partnerships included.
    route, linked : scipy.sparse.csr_matrix
        Strength over the route links (any link but a formal partnership
        alone), and 1 where there is one.
    inv_degree, inv_log : numpy.ndarray
        1 / degree and 1 / log(degree) over the route links (0 where
        undefined): the weights of resource allocation and Adamic-Adar.
    is_city : numpy.ndarray of bool
        City nodes (never a candidate to bring in, meet or introduce).
    suspended : set of str
        The partner cities whose partnership is suspended.

    Examples
    --------
    >>> import networkx as nx
    >>> from actornet.graph.network import ActorNetwork
    >>> from actornet.graph.schema import Theme, ThemeTable
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
    >>> ask = PreparedNetwork(ActorNetwork(G, ThemeTable([Theme("climate", "Climate")])))
    >>> [ask.nodes[i] for i in range(len(ask.nodes)) if ask.side("twin")[i]]
    ['twin', 'lab', 'office']
    >>> path, steps = ask.warm_path(ask.index["uni"], ask.side("twin") & ~ask.is_city)
    >>> ask.route_text(path), [step["ties"] for step in steps]
    ('Uni → Agency → Office', [['t2'], ['t1']])
    >>> float(ask.theme_level("climate")[ask.index["lab"]])
    0.5
    """

    def __init__(self, network, *, as_of=None):
        self.network = network
        self.as_of = None if as_of is None else int(as_of)
        self.view = network if as_of is None else network.as_of(self.as_of)
        with gc_paused():
            self._prepare()

    def _prepare(self):
        # The view's actor projection (built once per network, shared with
        # every other analysis): strengths for the paths, and the route
        # links (any link but a formal partnership alone) for the scores.
        P = self.view.projection()
        n = P.n
        self.projection = P
        # Who declares and is tied in which theme (every question reads it):
        # read here, from the graph (made now if still in its box), not in
        # the first question.
        P.declared(None)
        self.strength = sparse.csr_matrix((P.strength, P.indices, P.indptr), shape=(n, n))
        route = (P.flags & ~P.mask([_PARTNER_OF])) != 0
        rows = np.repeat(np.arange(n), np.diff(P.indptr))
        route_ptr = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(rows[route], minlength=n), out=route_ptr[1:])
        self.route = sparse.csr_matrix((P.strength[route], P.indices[route], route_ptr),
                                       shape=(n, n))
        self.linked = self.route.copy()
        self.linked.data[:] = 1.0
        degree = np.asarray(self.linked.sum(axis=1)).ravel()
        with np.errstate(divide="ignore"):
            self.inv_degree = np.where(degree > 0, 1.0 / np.maximum(degree, 1), 0.0)
            self.inv_log = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
        # Warm routes: the one rule of queries/paths.py (no suspended
        # partnership; city nodes only when nothing else links).
        self._lengths = route_lengths(self.network, P)
        self.suspended = {p["city"] for p in self._partnerships_rows()
                          if p["status"] == "suspended"}
        self._label_of = actor_labels(self.network)  # namesakes by city or country
        self.nodes = P.nodes
        self.index = P.index
        if self.view is self.network:
            self._city, self._city_code = P.city, {c: i for i, c in enumerate(P.cities)}
        else:
            # Where actors sit: from the whole network, as for the partnerships.
            seats = self.network.cities()
            cities = {}
            self._city = np.array([cities.setdefault(seats[x], len(cities)) if x in seats
                                   else -1 for x in P.nodes], np.int64)
            self._city_code = cities
        self.is_city = np.array([kind == _CITY for kind in P.kinds], bool)
        # What questions share (warm paths, counts towards a city), kept by
        # kept(): many questions of one prepared network meet the same actors.
        self._kept = {}
        # Once here, not in the first question: the labels' names and the
        # compiled path search.
        if len(self.nodes):
            self._label_of(self.nodes[0])
            only_first = np.zeros(n, bool)
            only_first[0] = True
            nearest_path(P.indptr, P.indices, self._lengths, 0, only_first)

    def _partnerships_rows(self):
        try:
            return self.network.partnerships()
        except Exception:  # noqa: BLE001 - no home city: no partnership to speak of
            return []

    # -- names a person reads -------------------------------------------------------
    def name(self, node) -> str:
        """The actor's name (its id when it has none)."""
        return self.network.graph.nodes[node].get("name", node)

    def label(self, node) -> str:
        """The name a person reads; namesakes told apart by city or country."""
        return self._label_of(node)

    def route_text(self, actors) -> str:
        """``A → B → C``, by label."""
        return " → ".join(self.label(a) for a in actors)

    def listed_labels(self, nodes) -> str:
        """The actors' labels as ``a, b and c``."""
        return listed([self.label(n) for n in nodes])

    # -- who is where and in what ---------------------------------------------------
    def side(self, city) -> np.ndarray:
        """Which actors (projection indices) sit in ``city``."""
        code = self._city_code.get(city)
        if code is None:
            return np.zeros(len(self.nodes), bool)
        return self._city == code

    def theme_level(self, theme_id) -> np.ndarray:
        """1 with ties in the theme, 0.5 declaring it only, 0 otherwise."""
        level = np.zeros(len(self.nodes))
        level[self.projection.declared(theme_id)] = 0.5
        level[self.projection.tied(theme_id)] = 1.0
        return level

    def neighbours(self, i) -> np.ndarray:
        """Actor ``i``'s contacts over the route links (projection indices)."""
        R = self.route
        return R.indices[R.indptr[i]:R.indptr[i + 1]]

    def kept(self, what, key, compute):
        """``compute()``, once per ``what`` and ``key`` (arrays in ``key``
        are compared by value), kept with the prepared network: what many
        questions share."""
        key = (what, *(k.tobytes() if isinstance(k, np.ndarray) else k for k in key))
        if key not in self._kept:
            self._kept[key] = compute()
        return self._kept[key]

    # -- warm paths and evidence ----------------------------------------------------
    def warm_path(self, source, is_target):
        """The warm path (as actor ids) from actor index ``source`` to the
        nearest target, and its steps' evidence."""
        def search():
            P = self.projection
            path, _ = nearest_path(P.indptr, P.indices, self._lengths, source, is_target)
            actors = [self.nodes[i] for i in path]
            return actors, self.steps(actors)

        actors, steps = self.kept("warm path", (int(source), np.flatnonzero(is_target)),
                                  search)
        # Copies: a caller may change what it was given.
        return list(actors), [{k: list(v) if isinstance(v, list) else v
                               for k, v in step.items()} for step in steps]

    def steps(self, actors):
        """The evidence of each step along ``actors`` (keys
        :data:`actornet.queries.recommend_rows.STEP_KEYS`)."""
        if len(actors) < 2:
            return []
        found = path_along(self.view, self.projection, actors)
        return [{"from": s.source, "to": s.target, "types": s.types, "themes": s.themes,
                 "since": s.since, "until": s.until, "evidence": s.evidence,
                 "projects": s.projects, "ties": [t["tie"] for t in s.ties]}
                for s in found.steps]

    def theme_evidence(self, node, theme_id):
        """``node``'s ties and projects in the theme: (tie and project ids,
        the actors it is tied to in them, the projects), a few of each."""
        G = self.view.graph
        nodes = G.nodes
        ids, partners, projects = set(), set(), set()
        for u, v, key, d in [*G.out_edges(node, keys=True, data=True),
                             *G.in_edges(node, keys=True, data=True)]:
            role = link_role(d["type"], nodes[v]["kind"])
            themes = list(d.get("themes", ()))
            if role is Projection.PROJECT:
                if theme_id in themes or theme_id in nodes[v].get("themes", ()):
                    ids.add(v)
                    projects.add(v)
                continue
            if role is not Projection.DIRECT:
                continue
            project = d.get("project")
            if project is not None and project in G:
                themes += nodes[project].get("themes", ())
            if theme_id in themes:
                ids.add(key)
                partners.add(v if u == node else u)
                if project is not None:
                    projects.add(project)
        partners.discard(node)
        return (sorted(ids)[:EVIDENCE_LIMIT], sorted(partners)[:EVIDENCE_LIMIT],
                sorted(projects)[:EVIDENCE_LIMIT])
