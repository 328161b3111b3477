"""The evidence of the actor projection's links, computed on demand.

:class:`LinkEvidence` is the part of
:class:`~actornet.graph.projection.ActorProjection` that answers "what is
behind this link": the direct ties and groups of an actor
(:meth:`~LinkEvidence.ties_of`, :meth:`~LinkEvidence.groups_of`), a
direct tie by its id (:meth:`~LinkEvidence.direct_tie`), the
evidence of one link (:meth:`~LinkEvidence.edge`), of the links among some
actors (:meth:`~LinkEvidence.edges_among`) or of all of them
(:meth:`~LinkEvidence.edges`) -- exactly the attributes
``ActorNetwork.actor_graph()`` puts on an edge. Every one of them follows the
rules of :mod:`actornet.graph.link_rules` (a direct tie: :func:`add_tie_link`;
a shared group: :func:`add_group_links`).

It reads the state :func:`~actornet.graph.projection_build.projection_state`
built (``nodes``, ``index``, ``tie_ids``, ``tie_source``, ``tie_target``,
``groups``, ``member_actor``, ``member_group``, ``_tie_bit``,
``_tie_weight``, ``_members``) and the network's graph (``_graph``) for the
ties' own attributes.

Examples
--------
>>> from actornet.graph.generate import generated_network
>>> P = generated_network(50, 120, cities=3, seed=2).projection()
>>> some = P.nodes[:20]
>>> P.edges_among(some) == [e for e in P.edges() if e[0] in some and e[1] in some]
True
"""

from __future__ import annotations

import functools

import numpy as np

from actornet.graph.gc_pause import gc_paused
from actornet.graph.link_rules import (
    BIG_GROUP, LINK_BITS, add_group_links, add_tie_link, link_attributes, new_link,
)

__all__ = ["LinkEvidence"]

#: Link type bit -> its name.
_TYPE_OF_BIT = {bit: name for name, bit in LINK_BITS.items()}


class LinkEvidence:
    """The evidence queries of :class:`~actornet.graph.projection.ActorProjection`
    (a mixin: it holds no state of its own, see the module notes)."""

    __slots__ = ()

    @functools.cached_property
    def _tie_data(self) -> list:
        """The attributes of each direct tie (the graph's own dicts)."""
        succ, nodes = self._graph._succ, self.nodes
        return [succ[nodes[s]][nodes[t]][k] for s, t, k in
                zip(self.tie_source.tolist(), self.tie_target.tolist(), self.tie_ids)]

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

    def tie_types(self) -> list:
        """The type of each direct tie (parallel to :attr:`tie_ids`)."""
        return [_TYPE_OF_BIT[b] for b in self._tie_bit.tolist()]

    @functools.cached_property
    def _tie_position(self) -> dict:
        return {tie: t for t, tie in enumerate(self.tie_ids)}

    def direct_tie(self, tie) -> tuple:
        """``(source, target, tie)`` of the direct tie with id ``tie``: the
        ids of its two ends, in the network's direction, and its own id (the
        key of ``network.graph.edges[source, target, tie]``).

        Raises
        ------
        KeyError
            If ``tie`` is no direct tie of the projection (a tie linking no
            two actors, or none at all).

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> P.direct_tie("c000>PARTNER_OF>c001")
        ('c000', 'c001', 'c000>PARTNER_OF>c001')
        """
        t = self._tie_position[tie]
        return self.nodes[self.tie_source[t]], self.nodes[self.tie_target[t]], tie

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
        out = []
        for t in tie_pos[tie_ptr[i]:tie_ptr[i + 1]].tolist():
            s, d = int(self.tie_source[t]), int(self.tie_target[t])
            out.append((self.tie_ids[t], self.nodes[d if s == i else s],
                        _TYPE_OF_BIT[int(self._tie_bit[t])]))
        return out

    def groups_of(self, actor) -> dict:
        """The groups (projects) ``actor`` (an id) belongs to -> its strongest
        participation, in the order the groups were first met.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> member = P.nodes[int(P.member_actor[0])]
        >>> P.groups[int(P.member_group[0])] in P.groups_of(member)
        True
        """
        return {self.groups[code]: weight
                for code, weight in self._group_weights(self.index[actor]).items()}

    def _group_weights(self, i) -> dict:
        """Group code -> actor ``i``'s strongest participation (as given)."""
        _, _, member_ptr, order = self._by_actor
        codes = self.member_group[order[member_ptr[i]:member_ptr[i + 1]]].tolist()
        return {code: self._members[code][i] for code in codes}

    def _project_themes(self, data):
        """The themes of the project a tie names (``project``), if any."""
        project = data.get("project")
        return () if project is None else self._graph._node[project].get("themes", ())

    def _group_themes(self, code):
        return self._graph._node[self.groups[code]].get("themes", ())

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
        item = new_link()
        data, weights = self._tie_data, self._tie_weight
        for t in between:
            add_tie_link(item, self.tie_ids[t], data[t], weights[t],
                         self._project_themes(data[t]))
        links = {(a, b): item}  # the participations in the order the two were asked
        for code in shared:
            add_group_links(links, self.groups[code], self._group_themes(code),
                            [(a, gi[code]), (b, gj[code])])
        return link_attributes(item)

    def edges_among(self, actors) -> list:
        """The links between the actors ``actors`` (ids), with their evidence,
        as :meth:`edges` lists them: ``(a, b, attributes)``, the links that
        :meth:`edges` gives with both ends among ``actors``, in its order.

        Gathered from those actors' own ties and groups only: a few actors of
        a network with millions of links cost a few links' work.

        Examples
        --------
        >>> from actornet.graph.generate import generated_network
        >>> P = generated_network(50, 120, cities=3, seed=2).projection()
        >>> inside = P.ball("c001", 1)
        >>> [(a, b) for a, b, _ in P.edges_among(inside)] == [
        ...     (a, b) for a, b, _ in P.edges() if a in inside and b in inside]
        True
        """
        inside = np.zeros(self.n, bool)
        inside[[self.index[a] for a in actors]] = True
        ties = np.flatnonzero(inside[self.tie_source] & inside[self.tie_target]).tolist()
        rows = np.flatnonzero(inside[self.member_actor])
        found = np.bincount(self.member_group[rows], minlength=len(self.groups))
        nodes, members = self.nodes, self._members
        groups = [(code, sorted((nodes[i], w) for i, w in members[code].items() if inside[i]))
                  for code in np.flatnonzero(found >= 2).tolist()
                  if len(members[code]) <= BIG_GROUP]
        return [(a, b, link_attributes(item))
                for (a, b), item in self._gathered(ties, groups).items()]

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
        with gc_paused():
            groups = [(code, sorted((nodes[i], w) for i, w in joined.items()))
                      for code, joined in enumerate(self._members)
                      if len(joined) <= BIG_GROUP]  # a hub: its members are not linked pairwise
            links = self._gathered(np.arange(len(self.tie_ids)), groups)
            return [(a, b, strength, tuple(sorted(themes)), tuple(sorted(types)), tuple(ties),
                     tuple(projects))
                    for (a, b), (strength, themes, types, ties, projects) in links.items()]

    def _gathered(self, ties, groups) -> dict:
        """The evidence of the links the direct ties ``ties`` (positions, in
        tie order) and the groups ``groups`` (``(code, [(actor id,
        participation)] sorted)`` in code order) form: ``(a, b)`` with
        ``a <= b`` -> ``[strength, themes, types, ties, projects]``, the
        links in the order ``actor_graph()`` adds them."""
        nodes, data, weights, keys = self.nodes, self._tie_data, self._tie_weight, self.tie_ids
        ties = np.asarray(ties, np.int64)
        links = {}
        for t, s, d in zip(ties.tolist(), self.tie_source[ties].tolist(),
                           self.tie_target[ties].tolist()):
            u, v = nodes[s], nodes[d]
            pair = (u, v) if u <= v else (v, u)
            item = links.get(pair)
            if item is None:
                item = links[pair] = new_link()
            add_tie_link(item, keys[t], data[t], weights[t], self._project_themes(data[t]))
        for code, people in groups:
            add_group_links(links, self.groups[code], self._group_themes(code), people)
        return links
