"""The network: actors, projects, themes and the ties between them.

An :class:`ActorNetwork` wraps a frozen networkx ``MultiDiGraph`` (node ids are
strings; each tie is an edge keyed by its tie id) with the themes table and
the load report. Views (:meth:`ActorNetwork.as_of`, :meth:`ActorNetwork.ego`,
:meth:`ActorNetwork.subgraph`) return new networks; :meth:`actor_graph`
returns the undirected weighted projection the analyses run on. Nothing here
mutates a network or a graph it was given.
"""

from __future__ import annotations

import copy
from functools import cached_property

import networkx as nx
import numpy as np

from actornet.graph.gc_pause import gc_paused
from actornet.graph._deferred import Boxed, GraphBox, TablesGraph
from actornet.graph.errors import ResolveError, UsageError
from actornet.graph.network_places import NetworkPlaces
from actornet.graph.projection import ActorProjection, link_role
from actornet.graph.projection_columns import projection_from_columns
from actornet.graph.table_facts import NetworkColumns, network_counts, year_range
from actornet.graph.tables_as_of import tables_as_of
from actornet.graph.load_report import LoadReport
from actornet.graph.schema import (
    ACTOR_KINDS, DEFAULT_INTENSITY, Kind, Projection, Theme, ThemeTable, TieType, tie_key,
)

__all__ = ["ActorNetwork", "tie_key"]

_ACTOR_KIND_VALUES = {k.value for k in ACTOR_KINDS}
#: What a network derives from its graph alone (not from its home city): a
#: network with another home (:meth:`ActorNetwork.with_home`) shares it.
_GRAPH_STATE = ("_cities", "_partner_pairs", "home_inference", "_city_spellings", "_spellings",
                "_years", "_projections", "_counts", "_city_places", "_tables")


class ActorNetwork(NetworkPlaces, Boxed):
    """A validated network of actors, projects and themes.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        Nodes carry ``kind`` and ``name``; edges are keyed by tie id and carry
        ``type``. The graph is copied; the caller's is never changed.
    themes : ThemeTable, optional
        The themes table; default: one theme per theme node.
    report : LoadReport, optional
        What the load kept and rejected.
    name : str, optional
    home : str, optional
        The home city: the one whose formal partnerships the analyses are
        about (an id, name or alias of a city). Default: inferred as the
        city with the most partner cities (see :attr:`home_inference`).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("berlin", kind="city", name="Berlin")
    >>> G.add_node("kyiv", kind="city", name="Kyiv", aliases=["Kiew"])
    >>> _ = G.add_edge("berlin", "kyiv", key="p1", type="PARTNER_OF", since=2023)
    >>> net = ActorNetwork(G)
    >>> net.resolve("kiew")
    'kyiv'
    >>> net.home_city
    'berlin'
    >>> net.home_stated
    False
    >>> ActorNetwork(G, home="Kiew").home_city
    'kyiv'
    >>> net.as_of(2020).graph.number_of_edges()
    0
    >>> G.number_of_edges()  # the original is untouched
    1
    """

    def __init__(self, graph: nx.MultiDiGraph, themes: ThemeTable | None = None, *,
                 report: LoadReport | None = None, name: str | None = None,
                 home: str | None = None):
        if not isinstance(graph, nx.MultiDiGraph):
            raise TypeError("an ActorNetwork is built on a networkx MultiDiGraph")
        # A deep copy: list attributes (themes, aliases) must not be shared
        # with the caller's graph.
        graph = copy.deepcopy(graph) if not nx.is_frozen(graph) else graph
        self._graph = nx.freeze(graph)
        if themes is None:
            themes = ThemeTable(  # a theme node keeps its table's columns (short_en, aliases)
                Theme(n, d.get("name", n), d.get("label_de", ""), float(d.get("priority", 1.0)),
                      {k: v for k, v in d.items()
                       if k not in ("kind", "name", "label_de", "priority")})
                for n, d in graph.nodes(data=True) if d.get("kind") == Kind.THEME.value)
        self.themes = themes
        self.report = report if report is not None else LoadReport()
        self.name = name or graph.graph.get("name") or "network"
        self._home = home

    @classmethod
    def _adopt(cls, graph, themes, *, report=None, name=None, home=None) -> "ActorNetwork":
        """Wrap a graph nobody else holds, without copying it (for builders);
        or, with ``graph`` the column tables of one (the layout of
        :func:`~actornet.graph.columns.graph_tables`, its ``name`` left out), a
        network whose graph is made from them when first used."""
        net = cls.__new__(cls)
        if isinstance(graph, dict):
            net.__dict__.update(_tables=NetworkColumns(graph),
                                _graph_box=GraphBox(TablesGraph(graph, name)))
        else:
            net._graph = nx.freeze(graph)
            name = name or graph.graph.get("name")
        net.themes = themes
        net.report = report if report is not None else LoadReport()
        net.name, net._home = name or "network", home
        return net

    def with_home(self, home) -> "ActorNetwork":
        """The same network with its home city stated (``None``: inferred).

        The graph is shared (it is frozen), not copied, and so is what the
        network derived from it alone (its projection, where actors sit, the
        formal partnerships, the years).
        """
        net = ActorNetwork.__new__(ActorNetwork)
        mine = self.__dict__
        shared = {k: mine[k] for k in ("_graph", "_graph_box", *_GRAPH_STATE) if k in mine}
        net.__dict__.update(shared, themes=self.themes, report=self.report, name=self.name,
                            _home=home)
        return net

    def prepare(self, *, progress=None) -> "ActorNetwork":
        """Compute now what every analysis starts from, so that it is kept
        with the network (in the cache between commands, see
        :mod:`actornet.graph.stored`): the actor projection (``progress`` is
        its progress callback), where actors sit, the formal partnerships,
        the years and the counts. Returns the network.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> net = generated_network(30, 60, cities=2, seed=1).prepare()
        >>> "_projections" in net.__dict__
        True
        """
        self.projection(progress=progress)
        self._partner_pairs
        self.home_inference
        self.years()
        self._counts
        if (tables := self.__dict__.get("_tables")) is not None:
            tables.forget()  # what was decoded for the facts is not needed again
        return self

    # -- plain access ------------------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole network as a frozen MultiDiGraph (read-only)."""
        return self._graph

    def kind(self, node) -> Kind:
        """The :class:`Kind` of ``node``."""
        return Kind(self._graph.nodes[node]["kind"])

    def actors(self, kinds=None) -> list:
        """Ids of the actors, optionally only of the given kinds, in load order."""
        wanted = _ACTOR_KIND_VALUES if kinds is None else {Kind(k).value for k in kinds}
        return [n for n, k in self._graph.nodes(data="kind") if k in wanted]

    def projects(self) -> list:
        """Ids of the projects."""
        return [n for n, k in self._graph.nodes(data="kind") if k == Kind.PROJECT.value]

    def ties(self, types=None):
        """``(source, target, tie_id, attributes)`` of every tie, optionally of some types.

        In load order (the graph's edge order); the attributes are the
        network's own (read, never change them). Reads the adjacency dicts
        directly: several times faster than networkx's edge views.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> net = generated_network(30, 60, cities=2, seed=1)
        >>> [(u, v, key) for u, v, key, _ in net.ties(["PARTNER_OF"])]
        [('c000', 'c001', 'c000>PARTNER_OF>c001')]
        """
        wanted = None if types is None else {TieType(t).value for t in types}
        for u, neighbours in self._graph._succ.items():
            for v, keyed in neighbours.items():
                for key, data in keyed.items():
                    if wanted is None or data["type"] in wanted:
                        yield u, v, key, data

    def tie_role(self, u, v, key) -> Projection:
        """How the tie ``(u, v, key)`` enters the actor graph
        (:func:`actornet.graph.schema.tie_role` of its type and target)."""
        return link_role(self._graph._succ[u][v][key]["type"], self._graph._node[v]["kind"])

    def _joins_group(self, v, data) -> bool:
        return link_role(data["type"], self._graph._node[v]["kind"]) is Projection.PROJECT

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __eq__(self, other) -> bool:
        if not isinstance(other, ActorNetwork):
            return NotImplemented
        mine, theirs = self._graph, other._graph
        return (dict(mine.nodes(data=True)) == dict(theirs.nodes(data=True))
                and _edge_map(mine) == _edge_map(theirs)
                and self.themes == other.themes)

    __hash__ = None

    def __repr__(self) -> str:
        return (f"<ActorNetwork {self.name!r}: {len(self.actors())} actors, "
                f"{len(self.projects())} projects, {self._graph.number_of_edges()} ties>")

    def _derive(self, graph, name=None) -> "ActorNetwork":
        """A view: a new network on ``graph`` with this one's themes and report."""
        view = ActorNetwork._adopt(graph, self.themes, report=self.report, name=name or self.name,
                                   home=self._home)
        view._tables = None  # a view walks its graph (made from it, it has no tables)
        return view

    # -- time --------------------------------------------------------------
    def period(self, u, v, key) -> tuple:
        """``(since, until)`` of a tie; a project tie inherits its project's years."""
        return self._period(v, self._graph._succ[u][v][key])

    def _period(self, v, data) -> tuple:
        since, until = data.get("since"), data.get("until")
        project = data.get("project")
        if project is None and self._joins_group(v, data):
            project = v
        if project is not None:
            pdata = self._graph._node.get(project)
            if pdata is not None:
                since = pdata.get("since") if since is None else since
                until = pdata.get("until") if until is None else until
        return since, until

    def active(self, u, v, key, year: int) -> bool:
        """Whether a tie is valid in ``year``: started by then, not ended before."""
        return _valid_in(self.period(u, v, key), year)

    def years(self) -> tuple:
        """The first and last year any tie or project mentions, or (None, None)."""
        return self._years

    @cached_property
    def _years(self) -> tuple:
        if (tables := self._column_tables()) is not None:
            return year_range(tables)
        G = self._graph  # its plain dicts: the edge views cost seconds at a million ties
        found = [y for neighbours in G._succ.values() for keyed in neighbours.values()
                 for d in keyed.values() for y in (d.get("since"), d.get("until"))
                 if y is not None]
        found += [y for d in G._node.values() if d.get("kind") == Kind.PROJECT.value
                  for y in (d.get("since"), d.get("until")) if y is not None]
        return (min(found), max(found)) if found else (None, None)

    @cached_property
    def _counts(self) -> dict:
        """What a summary counts, by one walk of the graph (plain dicts, so that
        a cached network answers ``actornet info`` without making its graph):
        nodes per kind, ties per type, actors and ties per theme (an actor
        counts for a theme it names or WORKS_ON), actors per seat city."""
        if (tables := self._column_tables()) is not None:
            return network_counts(tables, self._cities)
        G = self._graph
        kinds, types, theme_actors, theme_ties, seated = {}, {}, {}, {}, {}
        actor_kinds = _ACTOR_KIND_VALUES
        city = Kind.CITY.value
        works_on = TieType.WORKS_ON.value
        seats = self._cities
        for node, data in G._node.items():  # plain dicts, in the views' order
            kind = data.get("kind")
            kinds[kind] = kinds.get(kind, 0) + 1
            for theme in data.get("themes", ()):
                theme_actors[theme] = theme_actors.get(theme, 0) + 1
            if kind in actor_kinds and kind != city:
                seat = seats.get(node)
                seated[seat] = seated.get(seat, 0) + 1
        for neighbours in G._succ.values():
            for v, keyed in neighbours.items():
                for data in keyed.values():
                    tie_type = data["type"]
                    types[tie_type] = types.get(tie_type, 0) + 1
                    for theme in data.get("themes", ()):
                        theme_ties[theme] = theme_ties.get(theme, 0) + 1
                    if tie_type == works_on:
                        theme_actors[v] = theme_actors.get(v, 0) + 1
        return {"kinds": kinds, "types": types, "theme_actors": theme_actors,
                "theme_ties": theme_ties, "seated": seated, "ties": G.number_of_edges()}

    # -- views -------------------------------------------------------------
    def as_of(self, year: int) -> "ActorNetwork":
        """The network as it stood in ``year``: only ties valid in that year.

        A tie is valid when it started in or before ``year`` (or has no
        start) and ended in or after it (or has no end); a tie to a project
        without years of its own takes the project's. All nodes are kept.
        """
        year = int(year)
        name = f"{self.name} as of {year}"
        tables, graph_name = self._column_tables(), self._graph_name()
        if tables is not None and graph_name is not None:  # its graph made when first used,
            view = ActorNetwork._adopt(tables_as_of(tables, year), self.themes,  # named as mine
                                       report=self.report, name=graph_name, home=self._home)
            view.name = name
            return view
        G = nx.MultiDiGraph(**self._graph.graph)
        G.add_nodes_from(self._graph.nodes(data=True))
        with gc_paused():
            G.add_edges_from([t for t in self.ties() if _valid_in(self._period(t[1], t[3]), year)])
        return self._derive(G, name)

    def _graph_name(self):
        """The graph's ``name`` attribute (None: none); a boxed graph is not made for it."""
        state = self.__dict__
        if "_graph" in state:
            return state["_graph"].graph.get("name")
        box = state["_graph_box"]
        return box.get().graph.get("name") if box.loaded else self.name

    def _restrict(self, keep, *, edge_filter=None, name=None) -> "ActorNetwork":
        """The network on the actors ``keep``, with their projects, the cities
        they sit in (as context) and all themes."""
        G0 = self._graph
        keep = set(keep)
        keep |= {self._cities[n] for n in list(keep) if n in self._cities}
        for u, v, d in G0.edges(data=True):
            if u in keep and self._joins_group(v, d):
                keep.add(v)
        keep |= {n for n, k in G0.nodes(data="kind") if k == Kind.THEME.value}
        G = nx.MultiDiGraph(**G0.graph)
        G.add_nodes_from((n, G0.nodes[n]) for n in G0 if n in keep)
        G.add_edges_from((u, v, k, d) for u, v, k, d in G0.edges(keys=True, data=True)
                         if u in keep and v in keep and (edge_filter is None or edge_filter(u, v, k, d)))
        return self._derive(G, name)

    def ego(self, actor, depth: int = 1) -> "ActorNetwork":
        """The actors within ``depth`` steps of ``actor`` in the actor graph.

        ``actor`` may be an id, name or alias (see :meth:`resolve`).
        """
        if depth < 0:
            raise UsageError("depth must be 0 or more")
        start = self.resolve(actor)
        if not self.kind(start).is_actor:
            raise ResolveError(f"{start} is a {self.kind(start).value}, not an actor", [start])
        seen = self.projection().ball(start, depth)
        return self._restrict(seen, name=f"{self.name}: {depth} steps from {start}")

    def subgraph(self, *, theme=None, city=None) -> "ActorNetwork":
        """The part of the network about a theme, a city, or both.

        ``theme`` keeps the actors active in the theme (by their themes, a
        WORKS_ON tie or a tie or project carrying it) and, among them, the
        ties that carry the theme or carry no theme at all (memberships,
        contacts). ``city`` keeps the actors sitting in that city and the
        actors tied to them. Names and aliases are accepted for both.
        """
        net = self
        if theme is not None:
            net = net._theme_part(self.themes.resolve(theme).id)
        if city is not None:
            city_id = self.resolve(city)
            if self.kind(city_id) is not Kind.CITY:
                raise ResolveError("the name given for city is not a city")
            net = net._city_part(city_id)
        return net

    def _carries(self, target, data, theme_id) -> bool:
        """Whether a tie is about ``theme_id``, itself or through its project."""
        if theme_id in data.get("themes", ()):
            return True
        project = data.get("project")
        if project is None and self._joins_group(target, data):
            project = target
        return project is not None and theme_id in self._graph.nodes[project].get("themes", ())

    def _theme_part(self, theme_id):
        G = self._graph
        active = {n for n, d in G.nodes(data=True)
                  if d["kind"] != Kind.THEME.value and theme_id in d.get("themes", ())}
        for u, v, d in G.edges(data=True):
            if (d["type"] == TieType.WORKS_ON.value and v == theme_id) or self._carries(v, d, theme_id):
                active.add(u)
                if G.nodes[v]["kind"] != Kind.THEME.value:
                    active.add(v)

        def about_theme(u, v, k, d):
            if d["type"] == TieType.WORKS_ON.value:
                return v == theme_id
            if self._joins_group(v, d):
                return self._carries(v, d, theme_id)
            return self._carries(v, d, theme_id) or not d.get("themes")

        return self._restrict(active, edge_filter=about_theme,
                              name=f"{self.name}: theme {theme_id}")

    def _city_part(self, city_id):
        P = self.projection()
        inside = np.flatnonzero(P.city == P.city_code(city_id))
        keep = {P.nodes[i] for i in inside.tolist()}
        for i in inside.tolist():
            keep.update(P.nodes[j] for j in P.neighbours(i).tolist())
        return self._restrict(keep, name=f"{self.name}: city {city_id}")

    # -- the analysis view ---------------------------------------------------
    def actor_graph(self, *, default_intensity: float = DEFAULT_INTENSITY) -> nx.Graph:
        """The undirected weighted projection of actors the analyses run on.

        Two actors are linked when a direct tie joins them (PARTNER_OF,
        COOPERATES_WITH, MEMBER_OF, KNOWS) or when they share a project (both
        PARTICIPATES_IN or FUNDS it). BASED_IN and WORKS_ON describe actors
        and link nobody; themes are attributes, not bridges. A group of more
        than ``BIG_GROUP`` (100) members links nobody here: it is never
        expanded into its pairs (see :mod:`actornet.graph.projection`,
        "Large groups", and ``projection().path_csr()``).

        Each edge carries ``strength`` (summed intensity: a direct tie adds its
        weight, a shared project the smaller of the two participations'
        weights; a missing weight counts ``default_intensity``), ``distance``
        (1 / strength, for shortest paths: networkx reads ``weight`` as a
        distance), ``themes``, ``types``, and the evidence it came from:
        ``ties`` (tie ids) and ``projects`` (project ids). Each node carries
        ``kind``, ``name``, ``city`` (where it sits, or None) and ``themes``.

        Examples
        --------
        >>> G = nx.MultiDiGraph()
        >>> for n in "abc":
        ...     G.add_node(n, kind="ngo", name=n.upper())
        >>> G.add_node("p", kind="project", name="P", themes=["climate"])
        >>> _ = G.add_edge("a", "b", key="t1", type="COOPERATES_WITH", weight=4)
        >>> _ = G.add_edge("a", "p", key="t2", type="PARTICIPATES_IN", weight=2)
        >>> _ = G.add_edge("c", "p", key="t3", type="PARTICIPATES_IN", weight=5)
        >>> A = ActorNetwork(G).actor_graph()
        >>> A["a"]["b"]["strength"], A["a"]["b"]["distance"]
        (4, 0.25)
        >>> A["a"]["c"]["strength"], A["a"]["c"]["projects"], A["a"]["c"]["themes"]
        (2, ['p'], ['climate'])
        """
        P = self.projection(default_intensity=default_intensity)
        node_data = self._graph._node
        with gc_paused():
            A = nx.Graph(name=f"{self.name} (actors)")
            A.add_nodes_from((n, {"kind": kind, "name": name, "city": P.city_of(i),
                                  "themes": list(node_data[n].get("themes", ()))})
                             for i, (n, kind, name) in enumerate(zip(P.nodes, P.kinds, P.names)))
            A.add_edges_from(P.edges())
            return A

    def projection(self, *, default_intensity: float = DEFAULT_INTENSITY,
                   progress=None) -> ActorProjection:
        """The actor projection as arrays, built once per network and kept.

        The one place the actor graph is computed: :meth:`actor_graph`, the
        broker kernels, the recommendations and the page all read it. A view
        (:meth:`as_of`, :meth:`ego`, :meth:`subgraph`) is a new network with a
        projection of its own. See :class:`~actornet.graph.projection.ActorProjection`.

        Examples
        --------
        >>> G = nx.MultiDiGraph()
        >>> for n in "ab":
        ...     G.add_node(n, kind="person", name=n.upper())
        >>> _ = G.add_edge("a", "b", key="t1", type="KNOWS")
        >>> net = ActorNetwork(G)
        >>> P = net.projection()
        >>> P is net.projection(), P.nodes, P.strength.tolist()
        (True, ['a', 'b'], [1.0, 1.0])

        ``progress``, a callback ``(done, total)``, hears how the building
        goes (not called when the projection is already there).
        """
        cache = self.__dict__.setdefault("_projections", {})
        found = cache.get(default_intensity)
        if found is None and (tables := self._column_tables()) is not None:
            state = self.__dict__  # the graph, or its box while it is not made
            graph = state["_graph"] if "_graph" in state else state["_graph_box"]
            found = cache[default_intensity] = projection_from_columns(
                tables, graph, self._cities, default_intensity=default_intensity,
                progress=progress)
        elif found is None:
            found = cache[default_intensity] = ActorProjection(
                self._graph, self._cities, default_intensity=default_intensity,
                progress=progress)
        return found

def _edge_map(G):
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


def _valid_in(period, year) -> bool:
    return (period[0] is None or period[0] <= year) and (period[1] is None or period[1] >= year)
