"""The actor projection: actors linked by direct ties and shared groups, once.

Every analysis runs on the same undirected weighted view of a network: two
actors are linked when a direct tie joins them or when both belong to a group
(a project). :class:`ActorProjection` builds that view once per network
(:meth:`ActorNetwork.projection <actornet.graph.network.ActorNetwork.projection>`
caches it; a view such as ``as_of`` is a new network with its own) and keeps
it as arrays:

- the actors in load order, each one's kind, name and city (as integer codes);
- the links as compressed sparse rows with both directions stored: per
  position the ``strength``, the ``distance`` (1 / strength), the position of
  the reverse direction (``rev``) and ``flags``, a bitmask of the link types
  behind it (:data:`LINK_TYPES`: the direct tie types and ``SHARED_PROJECT``);
- an evidence index: each direct tie (id, ends, type) and each group
  membership (group, strongest participation), from which the evidence of any
  link -- strength, themes, types, tie ids, group ids, exactly what
  :meth:`ActorNetwork.actor_graph <actornet.graph.network.ActorNetwork.actor_graph>`
  puts on an edge -- is computed on demand (:meth:`ActorProjection.edge`) or
  for all links at once (:meth:`ActorProjection.edges`).

How a tie enters the projection is :func:`actornet.graph.schema.tie_role`'s
rule and nothing else: a ``DIRECT`` tie adds its weight to the link between
its two actors (a missing weight counts ``default_intensity``); a ``PROJECT``
tie puts its source into the group it points to, and two members of a group
of at most :data:`BIG_GROUP` members are linked with the smaller of their two
strongest participations; an ``ATTRIBUTE`` tie links nobody. A tie from a node
that is not an actor links nobody either.

Large groups
------------
A group with more than :data:`BIG_GROUP` members (a city network such as the
Covenant of Mayors, a large consortium) is never expanded into its
n(n-1)/2 pairs: it is a *hub*. Its members are not linked to each other in
the arrays (no ``strength``, no ``SHARED_PROJECT`` flag, no edge in
``actor_graph()``); instead :meth:`ActorProjection.path_csr` adds the group as
one extra node after the actors, linked to each member. The shared
affiliation is weak, as Newman's collaboration weight makes it (Newman 2001,
1/(n-1) for a group of n): two members with participations ``wa`` and ``wb``
are as close through the hub as a direct link of strength

    s = 2 / ((n - 1) * (1/wa + 1/wb))

would make them (with ``wa == wb == w``: ``w / (n - 1)``), because the edge
from a member with participation ``w`` to the hub has length
``(n - 1) / (2 w)``, half of such a link. A hub is never a source, target or
broker of a path (it is not an actor); measures that read the actor links
only (degree, structural holes, brokerage roles, :meth:`ActorProjection.ball`)
do not see large groups at all -- a tie shared with thousands is too weak to
constrain or to count as a contact. Small groups keep the rule above (the
smaller participation): their members work together, and the known answers
of every analysis stay what they were.

References: Newman, M. E. J. (2001). Scientific collaboration networks. II.
Shortest paths, weighted networks, and centrality. Physical Review E 64,
016132.

Examples
--------
>>> import networkx as nx
>>> from actornet.graph.network import ActorNetwork
>>> G = nx.MultiDiGraph()
>>> for n in "abc":
...     G.add_node(n, kind="ngo", name=n.upper())
>>> G.add_node("p", kind="project", name="P", themes=["climate"])
>>> _ = G.add_edge("a", "b", key="t1", type="COOPERATES_WITH", weight=4)
>>> _ = G.add_edge("a", "p", key="t2", type="PARTICIPATES_IN", weight=2)
>>> _ = G.add_edge("c", "p", key="t3", type="PARTICIPATES_IN", weight=5)
>>> P = ActorNetwork(G).projection()
>>> P.nodes, P.m
(['a', 'b', 'c'], 2)
>>> P.edge("c", "a")["strength"], P.edge("a", "c")["projects"]
(2, ['p'])
>>> P.link_types(P.index["a"], P.index["b"])
['COOPERATES_WITH']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from actornet.graph._gc import gc_paused
from actornet.graph._deferred import Boxed
from actornet.graph.schema import ACTOR_KINDS, DEFAULT_INTENSITY, Kind, Projection, TieType, tie_role

__all__ = [
    "ActorProjection",
    "BIG_GROUP",
    "CSR",
    "LINK_TYPES",
    "SHARED_PROJECT",
    "add_group_links",
    "csr_from_edges",
    "link_role",
]

#: The ``types`` name of a link formed by a shared group (a project).
SHARED_PROJECT = "SHARED_PROJECT"


def add_group_links(links: dict, group, group_themes, people) -> None:
    """Add the links a shared group makes between its members to ``links``.

    ``links`` maps ``(a, b)`` with ``a <= b`` to ``[strength, themes, types,
    ties, projects]``; ``people`` is the group's ``(actor, participation)``
    pairs sorted by actor. Each pair gains the smaller participation as
    strength, the group's themes, :data:`SHARED_PROJECT` and the group (the
    one rule the projection's evidence and the page's links share).

    Examples
    --------
    >>> links = {}
    >>> add_group_links(links, "p1", ("climate",), [("a", 1.0), ("b", 0.5)])
    >>> links[("a", "b")]
    [0.5, {'climate'}, {'SHARED_PROJECT'}, [], ['p1']]
    """
    for x, (a, wa) in enumerate(people):
        for b, wb in people[x + 1:]:
            item = links.get((a, b))
            if item is None:
                item = links[(a, b)] = [0, set(), set(), [], []]
            item[0] += wa if wa < wb else wb
            item[1].update(group_themes)
            item[2].add(SHARED_PROJECT)
            item[4].append(group)
#: The link types a projection edge may be formed by, in bit order: the tie
#: types that may link two actors directly, then :data:`SHARED_PROJECT`. Bit
#: ``i`` of :attr:`ActorProjection.flags` is ``LINK_TYPES[i]``.
LINK_TYPES = tuple(t.value for t in TieType if t.projection is Projection.DIRECT) + (SHARED_PROJECT,)
#: Groups with more members than this are hubs, never expanded into pairs
#: (see "Large groups" above): 100 members make 4,950 pairs, 10,000 make 50 million.
BIG_GROUP = 100
_BIT = {name: 1 << i for i, name in enumerate(LINK_TYPES)}
_ACTOR_KIND_VALUES = frozenset(k.value for k in ACTOR_KINDS)
_THEME = Kind.THEME.value
_DIRECT, _GROUP, _ATTRIBUTE = Projection.DIRECT, Projection.PROJECT, Projection.ATTRIBUTE
#: Steps a projection's build reports to its progress callback.
_STEPS = 3


@functools.lru_cache(maxsize=1024)
def link_role(tie_type, target_kind) -> Projection:
    """:func:`~actornet.graph.schema.tie_role`, remembered, and ``ATTRIBUTE``
    for a tie type or kind the schema does not know.

    Examples
    --------
    >>> link_role("MEMBER_OF", "ngo").value, link_role("FUNDS", "project").value
    ('direct', 'project')
    >>> link_role("LIKES", "ngo").value
    'attribute'
    """
    try:
        return tie_role(tie_type, target_kind)
    except ValueError:
        return Projection.ATTRIBUTE


# -- compressed sparse rows ---------------------------------------------------------
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
    """
    indptr, cols, order, rev = _csr_order(len(nodes), src, dst)
    vals = np.concatenate([values, values])[order]
    return CSR(list(nodes), indptr, cols, vals.astype(float), rev, weighted)


def _csr_order(n, src, dst):
    """``(indptr, indices, order, rev)`` of the CSR of the undirected edges
    ``src[i] -- dst[i]`` (each once, no duplicates): ``order`` maps each CSR
    position to its item in ``concatenate([src, dst])`` order (the first
    copy of edge ``i`` is item ``i``, the second ``m + i``)."""
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


def _frozen(array):
    array.flags.writeable = False
    return array


def _distance(strength):
    positive = strength > 0
    return _frozen(np.where(positive, 1.0 / np.where(positive, strength, 1.0), np.inf))


def _group_pairs(actor, weight, sizes):
    """The pairs of members of every group of 2 to BIG_GROUP members:
    ``(a, b, min weight)`` arrays, group by group in code order and, within
    a group, in the order of ``numpy.triu_indices`` over its members (as a
    loop over the groups would list them), made one group size at a time."""
    starts = np.zeros(sizes.shape[0], np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    small = (sizes >= 2) & (sizes <= BIG_GROUP)
    count = np.where(small, sizes * (sizes - 1) // 2, 0)
    offset = np.zeros(sizes.shape[0], np.int64)
    np.cumsum(count[:-1], out=offset[1:])
    total = int(count.sum())
    a = np.empty(total, np.int64)
    b = np.empty(total, np.int64)
    w = np.empty(total, float)
    for size in np.unique(sizes[small]).tolist():
        codes = np.flatnonzero(sizes == size)
        x, y = np.triu_indices(size, 1)
        rows = starts[codes][:, None]
        where = (offset[codes][:, None] + np.arange(x.shape[0])).ravel()
        a[where] = actor[rows + x].ravel()
        b[where] = actor[rows + y].ravel()
        w[where] = np.minimum(weight[rows + x], weight[rows + y]).ravel()
    return a, b, w


# -- the projection -----------------------------------------------------------------
class ActorProjection(Boxed):
    """The actor projection of one network, as arrays with public accessors.

    Build it with :meth:`ActorNetwork.projection
    <actornet.graph.network.ActorNetwork.projection>` (cached per network),
    not directly. Nothing here changes the network; the arrays are read-only.

    Attributes
    ----------
    nodes : list of str
        The actors, in load order (the order ``actor_graph()`` lists them).
    index : dict
        Actor id -> position in ``nodes``.
    kinds, names : list of str
        Each actor's kind (its value, e.g. ``"ngo"``) and name.
    city : numpy.ndarray of int64
        Each actor's city as a code into ``cities`` (-1: it sits nowhere known).
    cities : list of str
        The city ids, in the order first met along ``nodes``.
    indptr, indices : numpy.ndarray of int64
        The links as CSR: the neighbours of actor ``i`` are
        ``indices[indptr[i]:indptr[i + 1]]``, sorted; both directions stored;
        self-loops left out.
    strength, distance : numpy.ndarray of float
        Per CSR position: summed intensity, and 1 / strength (inf at 0).
    rev : numpy.ndarray of int64
        Per CSR position: the position of the same link's other direction.
    flags : numpy.ndarray of int64
        Per CSR position: bit ``i`` set when a link of type ``LINK_TYPES[i]``
        formed it (see :meth:`mask`).
    tie_ids : list of str
        The direct ties (those that link two actors), in the network's tie order.
    tie_source, tie_target : numpy.ndarray of int64
        Their two ends (positions in ``nodes``); :meth:`tie_types` their types.
    groups : list of str
        The groups (projects) any actor belongs to, in the order first met.
    member_actor, member_group, member_weight : numpy.ndarray
        One row per membership: the actor (position), the group (position in
        ``groups``) and the actor's strongest participation in it. A
        participation of weight 0 or less makes no membership.
    hubs : numpy.ndarray of int64
        The codes (positions in ``groups``) of the groups with more than
        :data:`BIG_GROUP` members, whose members are not linked pairwise
        (see :meth:`path_csr`).
    default_intensity : float
        The strength of a tie with no weight.

    Notes
    -----
    A direct tie from an actor to itself links nobody in the arrays; it is
    kept as a self-loop in :meth:`edges` (and so in ``actor_graph()``), as it
    always was.
    """

    def __init__(self, graph, cities, *, default_intensity=DEFAULT_INTENSITY, progress=None):
        self._graph = graph
        self.default_intensity = default_intensity
        with gc_paused():
            self._build(cities, progress)
        if progress is not None:
            progress(_STEPS, _STEPS)

    @functools.cached_property
    def _tie_data(self) -> list:
        """The attributes of each direct tie (the graph's own dicts)."""
        succ, nodes = self._graph._succ, self.nodes
        return [succ[nodes[s]][nodes[t]][k] for s, t, k in
                zip(self.tie_source.tolist(), self.tie_target.tolist(), self.tie_ids)]

    # -- building ---------------------------------------------------------------------
    def _build(self, city_of, progress=None):
        G = self._graph
        node_data, succ = G._node, G._succ  # plain dict access, inside graph/ only
        default = self.default_intensity
        nodes = [n for n, d in node_data.items() if d["kind"] in _ACTOR_KIND_VALUES]
        index = {n: i for i, n in enumerate(nodes)}
        kinds = [node_data[n]["kind"] for n in nodes]
        names = [node_data[n].get("name", n) for n in nodes]
        city_code, cities = {}, []
        city = np.empty(len(nodes), np.int64)
        for i, n in enumerate(nodes):
            c = city_of.get(n)
            if c is None:
                city[i] = -1
                continue
            code = city_code.get(c)
            if code is None:
                code = city_code[c] = len(cities)
                cities.append(c)
            city[i] = code
        # One pass over the ties, appending one tuple per tie that links
        # actors (the least work per tie: the lists are taken apart below,
        # in C-level zips and comprehensions); the role of a tie type per
        # target kind is looked up once.
        direct, joins = [], []
        declared = {}  # theme -> actors declaring it (a tie to the theme node)
        roles = {}  # target kind -> {tie type -> role}
        add_direct, add_join = direct.append, joins.append
        for u, neighbours in succ.items():
            iu = index.get(u)
            if iu is None:
                continue  # every tie that links actors starts at an actor
            for v, keyed in neighbours.items():
                v_kind = node_data[v]["kind"]
                known = roles.get(v_kind)
                if known is None:
                    known = roles[v_kind] = {}
                for key, d in keyed.items():
                    tie_type = d["type"]
                    role = known.get(tie_type)
                    if role is None:
                        role = known[tie_type] = link_role(tie_type, v_kind)
                    if role is _DIRECT:
                        add_direct((iu, v, key, d))
                    elif role is _GROUP:
                        add_join((iu, v, d))
                    elif v_kind == _THEME:
                        found = declared.get(v)
                        if found is None:
                            found = declared[v] = set()
                        found.add(iu)
        if progress is not None:
            progress(1, _STEPS)
        # Direct ties into parallel lists; a missing weight counts default.
        t_src, t_v, t_key, t_data = (list(x) for x in zip(*direct)) if direct else ([],) * 4
        t_dst = list(map(index.__getitem__, t_v))
        t_bit = [_BIT[d["type"]] for d in t_data]
        t_weight = [default if (w := d.get("weight")) is None else w for d in t_data]
        # Group memberships: group -> {actor: strongest participation}, in
        # the order first met (a participation of 0 or less joins nobody).
        members = {}
        for iu, v, d in joins:
            weight = d.get("weight")
            if weight is None:
                weight = default
            joined = members.get(v)
            if joined is None:
                joined = members[v] = {}
            if weight > joined.get(iu, 0):
                joined[iu] = weight
        self.nodes, self.index, self.kinds, self.names = nodes, index, kinds, names
        self.city, self.cities = _frozen(city), cities
        self._city_code = city_code
        self.tie_ids = t_key
        self.tie_source = _frozen(np.asarray(t_src, np.int64))
        self.tie_target = _frozen(np.asarray(t_dst, np.int64))
        self._tie_bit = np.asarray(t_bit, np.int64)
        self._tie_weight = t_weight
        self._tie_data = t_data
        self.groups = list(members)
        self._members = list(members.values())
        self._declared_by_ties = declared
        if progress is not None:
            progress(2, _STEPS)
        self._links(np.asarray(t_weight, float))

    def _links(self, tie_weight):
        n = len(self.nodes)
        shared = _BIT[SHARED_PROJECT]
        g_actor, g_weight, sizes = [], [], []
        for joined in self._members:
            g_actor.extend(joined)
            g_weight.extend(joined.values())
            sizes.append(len(joined))
        sizes = np.asarray(sizes, np.int64)
        self.member_actor = _frozen(np.asarray(g_actor, np.int64))
        self.member_group = _frozen(np.repeat(np.arange(sizes.shape[0]), sizes))
        self.member_weight = _frozen(np.asarray(g_weight, float))
        self.hubs = _frozen(np.flatnonzero(sizes > BIG_GROUP))
        ga, gb, gw = _group_pairs(self.member_actor, self.member_weight, sizes)
        a = np.concatenate([self.tie_source, ga])
        b = np.concatenate([self.tie_target, gb])
        w = np.concatenate([tie_weight, gw])
        f = np.concatenate([self._tie_bit, np.full(ga.shape[0], shared, np.int64)])
        keep = a != b
        lo, hi = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
        w, f = w[keep], f[keep]
        # The distinct links (sorted), each item's link, and per link the
        # summed strength (in item order, as bincount adds) and its type bits.
        pair = lo * n + hi
        order = np.argsort(pair, kind="stable")
        pair = pair[order]
        first = np.ones(pair.shape[0], bool)
        first[1:] = pair[1:] != pair[:-1]
        key = pair[first]
        inverse = np.empty(order.shape[0], np.int64)
        inverse[order] = np.cumsum(first) - 1
        strength = np.bincount(inverse, weights=w, minlength=key.shape[0])
        starts = np.flatnonzero(first)
        flags = (np.bitwise_or.reduceat(f[order], starts) if starts.shape[0]
                 else np.empty(0, np.int64))
        indptr, indices, at, rev = _csr_order(n, key // n, key % n)
        self.indptr, self.indices, self.rev = _frozen(indptr), _frozen(indices), _frozen(rev)
        link = at % max(key.shape[0], 1)  # each CSR position's link
        self.strength = _frozen(strength[link].astype(float))
        self.distance = _distance(self.strength)
        self.flags = _frozen(flags[link].astype(np.int64))

    # -- sizes and plain access ----------------------------------------------------
    @property
    def n(self) -> int:
        """The number of actors."""
        return len(self.nodes)

    @property
    def m(self) -> int:
        """The number of links (undirected, self-loops left out)."""
        return self.indices.shape[0] // 2

    def neighbours(self, i) -> np.ndarray:
        """The positions (in ``nodes``) of actor ``i``'s neighbours, sorted."""
        return self.indices[self.indptr[i]:self.indptr[i + 1]]

    def ball(self, actor, depth) -> set:
        """The ids of the actors within ``depth`` links of ``actor`` (an id), itself included.

        Examples
        --------
        >>> import networkx as nx
        >>> from actornet.graph.network import ActorNetwork
        >>> G = nx.MultiDiGraph()
        >>> for n in "abcd":
        ...     G.add_node(n, kind="person", name=n)
        >>> for u, v in ["ab", "bc", "cd"]:
        ...     _ = G.add_edge(u, v, key=u + v, type="KNOWS")
        >>> sorted(ActorNetwork(G).projection().ball("b", 1))
        ['a', 'b', 'c']
        """
        start = self.index[actor]
        seen = {start}
        frontier = [start]
        for _ in range(depth):
            reached = []
            for i in frontier:
                for j in self.indices[self.indptr[i]:self.indptr[i + 1]].tolist():
                    if j not in seen:
                        seen.add(j)
                        reached.append(j)
            if not reached:
                break
            frontier = reached
        return {self.nodes[i] for i in seen}

    def csr(self, values="strength") -> CSR:
        """The links as a :class:`CSR` whose values are ``"strength"`` or ``"distance"``.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> bool(P.csr("distance").values[0] == 1 / P.csr().values[0])
        True
        """
        if values not in ("strength", "distance"):
            raise ValueError("values must be 'strength' or 'distance'")
        return CSR(self.nodes, self.indptr, self.indices, getattr(self, values), self.rev, True)

    def is_hub(self, code) -> bool:
        """Whether group ``code`` (a position in :attr:`groups`) is a hub."""
        return len(self._members[code]) > BIG_GROUP

    def hub_edges(self):
        """The member-hub edges of the large groups: ``(actor, hub, participation,
        members)`` arrays, ``hub`` numbered from 0 in the order of :attr:`hubs`
        and ``members`` the size of the actor's hub group."""
        actor, hub, weight, size = [], [], [], []
        for h, code in enumerate(self.hubs.tolist()):
            joined = self._members[code]
            actor.append(np.fromiter(joined.keys(), np.int64, len(joined)))
            weight.append(np.fromiter(joined.values(), float, len(joined)))
            hub.append(np.full(len(joined), h, np.int64))
            size.append(np.full(len(joined), len(joined), float))
        if not actor:
            return (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), np.empty(0))
        return (np.concatenate(actor), np.concatenate(hub), np.concatenate(weight),
                np.concatenate(size))

    def path_csr(self, values="distance", *, mask=None) -> CSR:
        """The links for paths: the actors, then one node per large group (a hub).

        Nodes ``0 .. n-1`` are the actors as in :meth:`csr`; node ``n + h`` is
        the group ``groups[hubs[h]]`` (its id in ``nodes``). A member with
        participation ``w`` in a hub of ``k`` members is linked to it with
        length ``(k - 1) / (2 w)`` (``values="distance"``) or strength
        ``2 w / (k - 1)``, so a path member-hub-member is exactly as long as
        a direct link of Newman's weight (module notes, "Large groups").
        Without large groups this is :meth:`csr` itself.

        ``mask``, a boolean array over the CSR positions of :meth:`csr`,
        keeps only those actor links (e.g. leaving out formal partnerships).

        Examples
        --------
        >>> import networkx as nx
        >>> from actornet.graph.network import ActorNetwork
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("net", kind="network", name="Net")
        >>> for i in range(BIG_GROUP + 1):
        ...     G.add_node(f"a{i}", kind="city", name=f"A{i}")
        ...     _ = G.add_edge(f"a{i}", "net", key=f"m{i}", type="MEMBER_OF")
        >>> P = ActorNetwork(G).projection()
        >>> P.m, P.groups, P.hubs.tolist()
        (0, ['net'], [0])
        >>> csr = P.path_csr()
        >>> csr.n, csr.nodes[-1], float(csr.values[0])
        (102, 'net', 50.0)
        """
        if values not in ("strength", "distance"):
            raise ValueError("values must be 'strength' or 'distance'")
        base = getattr(self, values)
        if mask is None and not self.hubs.shape[0]:
            return self.csr(values)
        n = self.n
        row = np.repeat(np.arange(n), np.diff(self.indptr))
        keep = (row < self.indices) if mask is None else (row < self.indices) & mask
        actor, hub, weight, size = self.hub_edges()
        half = (size - 1.0) / (2.0 * weight)
        hub_value = half if values == "distance" else 1.0 / half
        src = np.concatenate([row[keep], actor])
        dst = np.concatenate([self.indices[keep], n + hub])
        vals = np.concatenate([base[keep], hub_value])
        nodes = list(self.nodes) + [self.groups[c] for c in self.hubs.tolist()]
        return csr_from_edges(nodes, src, dst, vals)

    def mask(self, types) -> int:
        """The bitmask of the link types named (see :data:`LINK_TYPES`).

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> routes = (P.flags & ~P.mask(["PARTNER_OF"])) != 0  # not only a partnership
        >>> int(routes.sum()) <= P.flags.shape[0]
        True
        """
        if isinstance(types, str):
            types = [types]
        out = 0
        for t in types:
            t = getattr(t, "value", t)
            if t not in _BIT:
                raise ValueError(f"not a link type: {t}; known: {', '.join(LINK_TYPES)}")
            out |= _BIT[t]
        return out

    def link_types(self, i, j) -> list:
        """The sorted names of the link types between actors ``i`` and ``j`` (positions)."""
        row = self.neighbours(i)
        at = np.searchsorted(row, j)
        if at >= row.shape[0] or row[at] != j:
            return []
        bits = int(self.flags[self.indptr[i] + at])
        return sorted(name for name, bit in _BIT.items() if bits & bit)

    def city_of(self, i):
        """The id of the city actor ``i`` (a position) sits in, or None."""
        code = self.city[i]
        return None if code < 0 else self.cities[code]

    def city_code(self, city) -> int:
        """The code of ``city`` in :attr:`city` (-1 when no actor sits there)."""
        return self._city_code.get(city, -1)

    def tie_types(self) -> list:
        """The type of each direct tie (parallel to :attr:`tie_ids`)."""
        names = {bit: name for name, bit in _BIT.items()}
        return [names[b] for b in self._tie_bit.tolist()]

    def direct_ties(self, types=None):
        """Positions (into :attr:`tie_ids`) of the direct ties, optionally of some types.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> formal = P.direct_ties(["PARTNER_OF"])
        >>> len(formal), {P.nodes[P.tie_source[t]] for t in formal}
        (2, {'c000'})
        """
        if types is None:
            return np.arange(len(self.tie_ids))
        return np.flatnonzero(self._tie_bit & self.mask(types))

    # -- themes --------------------------------------------------------------------
    @functools.cached_property
    def _themes(self):
        node_data = self._graph._node
        declared = {}
        for i, n in enumerate(self.nodes):
            for theme in node_data[n].get("themes", ()):
                declared.setdefault(theme, set()).add(i)
        for theme, found in self._declared_by_ties.items():
            declared.setdefault(theme, set()).update(found)
        tied = {}
        src, dst = self.tie_source.tolist(), self.tie_target.tolist()
        for x, d in enumerate(self._tie_data):
            themes = d.get("themes", ())
            project = d.get("project")
            if project is not None:
                themes = [*themes, *node_data[project].get("themes", ())]
            for theme in themes:
                found = tied.get(theme)
                if found is None:
                    found = tied[theme] = set()
                found.add(src[x])
                found.add(dst[x])
        for group, joined in zip(self.groups, self._members):
            if len(joined) < 2:
                continue  # a large group (a hub) links its members too, through itself
            for theme in node_data[group].get("themes", ()):
                tied.setdefault(theme, set()).update(joined)
        return declared, tied

    def declared(self, theme) -> np.ndarray:
        """Positions of the actors declaring ``theme`` (their own themes or a
        tie to the theme node), sorted."""
        return np.array(sorted(self._themes[0].get(theme, ())), np.int64)

    def tied(self, theme) -> np.ndarray:
        """Positions of the actors with a link in ``theme`` (a direct tie
        carrying it, itself or through the project it names, or a shared
        group about it), sorted."""
        return np.array(sorted(self._themes[1].get(theme, ())), np.int64)

    # -- the evidence index ----------------------------------------------------------
    @functools.cached_property
    def _by_actor(self):
        """Per actor: its direct tie positions (ascending) and its memberships."""
        n, T = self.n, len(self.tie_ids)
        src, dst = self.tie_source, self.tie_target
        loop = src == dst
        ends = np.concatenate([src, dst[~loop]])
        pos = np.concatenate([np.arange(T), np.flatnonzero(~loop)])
        order = np.lexsort((pos, ends))
        tie_ptr = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(ends, minlength=n), out=tie_ptr[1:])
        order_m = np.lexsort((self.member_group, self.member_actor))
        member_ptr = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(self.member_actor, minlength=n), out=member_ptr[1:])
        return tie_ptr, pos[order], member_ptr, order_m

    def ties_of(self, actor) -> list:
        """The direct ties of ``actor`` (an id): ``(tie id, other end, type)``,
        in the network's tie order.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> P.ties_of("c001")[0]
        ('c000>PARTNER_OF>c001', 'c000', 'PARTNER_OF')
        """
        i = self.index[actor]
        tie_ptr, tie_pos, _, _ = self._by_actor
        names = {bit: name for name, bit in _BIT.items()}
        out = []
        for t in tie_pos[tie_ptr[i]:tie_ptr[i + 1]].tolist():
            s, d = int(self.tie_source[t]), int(self.tie_target[t])
            out.append((self.tie_ids[t], self.nodes[d if s == i else s],
                        names[int(self._tie_bit[t])]))
        return out

    def groups_of(self, actor) -> dict:
        """The groups (projects) ``actor`` (an id) belongs to -> its strongest
        participation, in the order the groups were first met."""
        return {self.groups[code]: weight
                for code, weight in self._group_weights(self.index[actor]).items()}

    def _group_weights(self, i) -> dict:
        """Group code -> actor ``i``'s strongest participation (as given)."""
        _, _, member_ptr, order = self._by_actor
        codes = self.member_group[order[member_ptr[i]:member_ptr[i + 1]]].tolist()
        return {code: self._members[code][i] for code in codes}

    def edge(self, a, b) -> dict:
        """The evidence of the link between actors ``a`` and ``b`` (ids).

        The same attributes ``ActorNetwork.actor_graph()`` puts on the edge:
        ``strength``, ``distance``, ``themes``, ``types``, ``ties`` (tie ids,
        in the network's tie order) and ``projects`` (group ids, in the
        order the groups were first met), computed from the two actors' ties
        only.

        Raises
        ------
        KeyError
            If no link joins the two.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> net = generated_network(50, 120, cities=3, seed=2)
        >>> a, b = next(iter(net.actor_graph().edges()))
        >>> net.projection().edge(a, b) == net.actor_graph().edges[a, b]
        True
        """
        i, j = self.index[a], self.index[b]
        tie_ptr, tie_pos, _, _ = self._by_actor
        mine = tie_pos[tie_ptr[i]:tie_ptr[i + 1]]
        other = np.where(self.tie_source[mine] == i, self.tie_target[mine], self.tie_source[mine])
        between = mine[other == j].tolist()
        gi, gj = self._group_weights(i), self._group_weights(j)
        shared = [] if i == j else sorted(c for c in gi.keys() & gj.keys()
                                          if not self.is_hub(c))
        if not between and not shared:
            raise KeyError((a, b))
        item = [0, set(), set(), [], []]
        for t in between:
            self._add_tie(item, t)
        node_data = self._graph._node
        for code in shared:
            wa, wb = gi[code], gj[code]
            group = self.groups[code]
            item[0] += wa if wa < wb else wb
            item[1].update(node_data[group].get("themes", ()))
            item[2].add(SHARED_PROJECT)
            item[4].append(group)
        return _attributes(item)

    def _add_tie(self, item, t):
        d = self._tie_data[t]
        item[0] += self._tie_weight[t]
        item[1].update(d.get("themes", ()))
        project = d.get("project")
        if project is not None:
            item[1].update(self._graph._node[project].get("themes", ()))
        item[2].add(d["type"])
        item[3].append(self.tie_ids[t])

    def edges(self) -> list:
        """Every link with its evidence: a list of ``(a, b, attributes)`` as
        ``actor_graph()`` lists them (direct links in tie order, then links
        by shared groups; a self-loop for a tie from an actor to itself).

        The evidence is gathered once per projection; each call returns new
        dicts and lists, the caller's to keep or change.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> a, b, attributes = P.edges()[0]
        >>> sorted(attributes)
        ['distance', 'projects', 'strength', 'themes', 'ties', 'types']
        """
        inf = float("inf")
        with gc_paused():
            return [(a, b, {"strength": strength,
                            "distance": 1.0 / strength if strength > 0 else inf,
                            "themes": list(themes), "types": list(types), "ties": list(ties),
                            "projects": list(projects)})
                    for a, b, strength, themes, types, ties, projects in self._evidence]

    @functools.cached_property
    def _evidence(self) -> list:
        """``(a, b, strength, themes, types, ties, projects)`` per link, the
        lists as tuples (sorted themes and types): gathered once."""
        nodes = self.nodes
        node_data = self._graph._node
        weights, keys = self._tie_weight, self.tie_ids
        links = {}  # (a, b) with a <= b -> [strength, themes, types, ties, projects]
        with gc_paused():
            for t, (iu, iv, d) in enumerate(zip(self.tie_source.tolist(),
                                                self.tie_target.tolist(), self._tie_data)):
                u, v = nodes[iu], nodes[iv]
                pair = (u, v) if u <= v else (v, u)
                item = links.get(pair)
                if item is None:
                    item = links[pair] = [0, set(), set(), [], []]
                item[0] += weights[t]
                themes = d.get("themes")
                if themes:
                    item[1].update(themes)
                project = d.get("project")
                if project is not None:
                    item[1].update(node_data[project].get("themes", ()))
                item[2].add(d["type"])
                item[3].append(keys[t])
            for group, joined in zip(self.groups, self._members):
                if len(joined) > BIG_GROUP:
                    continue  # a hub: its members are not linked pairwise
                add_group_links(links, group, node_data[group].get("themes", ()),
                                sorted((nodes[i], w) for i, w in joined.items()))
            return [(a, b, strength, tuple(sorted(themes)), tuple(sorted(types)), tuple(ties),
                     tuple(projects))
                    for (a, b), (strength, themes, types, ties, projects) in links.items()]


def _attributes(item) -> dict:
    strength, themes, types, ties, projects = item
    return {"strength": strength, "distance": 1.0 / strength if strength > 0 else float("inf"),
            "themes": sorted(themes), "types": sorted(types), "ties": ties, "projects": projects}
