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

The module's parts
------------------
This module holds the class and its queries on the arrays (sizes,
neighbours, balls, CSR views, link types, cities, themes). The arrays are
built by :mod:`actornet.graph.projection_build`; the evidence of links (the
ties and groups behind each) is :mod:`actornet.graph.projection_evidence`;
the rules both follow are :mod:`actornet.graph.link_rules`, and the CSR
arrays :mod:`actornet.graph.csr`. Their public names are found here too.

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

import numpy as np

from actornet.graph._deferred import Boxed
from actornet.graph.csr import CSR, csr_from_edges
from actornet.graph.link_rules import (
    BIG_GROUP, LINK_TYPES, SHARED_PROJECT, add_group_links, link_mask, link_role, link_type_names,
)
from actornet.graph.projection_build import projection_state
from actornet.graph.projection_evidence import LinkEvidence
from actornet.graph.schema import DEFAULT_INTENSITY

# The projection's rules (link_rules) and arrays (csr) are re-exported here,
# where callers have always found them.
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


class ActorProjection(LinkEvidence, Boxed):
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
        self.__dict__.update(projection_state(graph, cities, default_intensity=default_intensity,
                                              progress=progress))

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
        return link_mask(types)

    def link_types(self, i, j) -> list:
        """The sorted names of the link types between actors ``i`` and ``j`` (positions)."""
        row = self.neighbours(i)
        at = np.searchsorted(row, j)
        if at >= row.shape[0] or row[at] != j:
            return []
        bits = int(self.flags[self.indptr[i] + at])
        return link_type_names(bits)

    def city_of(self, i):
        """The id of the city actor ``i`` (a position) sits in, or None."""
        code = self.city[i]
        return None if code < 0 else self.cities[code]

    def city_code(self, city) -> int:
        """The code of ``city`` in :attr:`city` (-1 when no actor sits there)."""
        return self._city_code.get(city, -1)

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

