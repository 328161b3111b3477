"""The actor graph of a view as far as the page reads it, from the view's
projection, without building the whole graph (:class:`ActorLinks`)."""

from __future__ import annotations

from actornet.graph.projection import add_group_links

__all__ = ["ActorLinks"]


class ActorLinks:
    """The actor graph of a view (``ActorNetwork.actor_graph()``) as far as
    the page reads it, from the view's projection: its actors in order, each
    actor's neighbours with the link's strength, the evidence of a link
    (:meth:`ActorProjection.edge`) and :meth:`drawn`, a networkx graph of
    the actors drawn with exactly the edges and attributes ``actor_graph()``
    gives them. The whole graph's evidence (every link of a network like
    Horizon 2020's: a million) is never built."""

    def __init__(self, P):
        self.P = P
        loops = P.tie_source == P.tie_target  # self-ties: self-loops in actor_graph()
        self.loops = frozenset(P.tie_source[loops].tolist())
        self._near = {}

    def __iter__(self):
        return iter(self.P.nodes)

    def __len__(self):
        return self.P.n

    def __contains__(self, actor):
        return actor in self.P.index

    def number_of_nodes(self) -> int:
        return self.P.n

    def number_of_edges(self) -> int:
        return self.P.m + len(self.loops)

    def __getitem__(self, actor):
        """Neighbour -> {"strength": ...} (the arrays' sums, in the order
        actor_graph() adds them); remembered per actor."""
        near = self._near.get(actor)
        if near is not None:
            return near
        P = self.P
        i = P.index[actor]
        lo, hi = P.indptr[i], P.indptr[i + 1]
        near = {P.nodes[j]: {"strength": s}
                for j, s in zip(P.indices[lo:hi].tolist(), P.strength[lo:hi].tolist())}
        if i in self.loops:
            near[actor] = {"strength": P.edge(actor, actor)["strength"]}
        self._near[actor] = near
        return near

    def edge(self, a, b) -> dict:
        return self.P.edge(a, b)

    def drawn(self, keep, graph):
        """A networkx graph of the actors in ``keep`` (in the network's
        order) and the links between them, each with the attributes
        ``actor_graph()`` gives it (:meth:`ActorProjection.edge`), gathered
        from the drawn actors' own ties and groups only. ``graph``: the
        network's MultiDiGraph (the ties' data)."""
        import networkx as nx

        P = self.P
        inside = set(keep)
        order = [a for a in P.nodes if a in inside]
        tie_data = {}
        for u, v, k, d in graph.edges(keys=True, data=True):
            if u in inside and v in inside:
                tie_data[k] = d
        node_data = graph.nodes
        default = P.default_intensity
        links = {}  # (a, b), a <= b -> [strength, themes, types, ties, projects]
        ties = []  # (tie position, a, b): each tie between drawn actors once
        for a in order:
            for tie, other, _ in P.ties_of(a):
                if other in inside and tie in tie_data and (a <= other):
                    ties.append((tie, a, other))
        position = {t: i for i, t in enumerate(P.tie_ids)}
        ties = sorted(set(ties), key=lambda t: position[t[0]])
        for tie, a, b in ties:  # in the network's tie order, as actor_graph() adds them
            d = tie_data[tie]
            item = links.get((a, b))
            if item is None:
                item = links[(a, b)] = [0, set(), set(), [], []]
            weight = d.get("weight")
            item[0] += default if weight is None else weight
            item[1].update(d.get("themes", ()))
            project = d.get("project")
            if project is not None:
                item[1].update(node_data[project].get("themes", ()))
            item[2].add(d["type"])
            item[3].append(tie)
        members = {}  # group code -> [(actor, participation)] of drawn actors
        code = {g: c for c, g in enumerate(P.groups)}
        for a in order:
            for group, weight in P.groups_of(a).items():
                c = code[group]
                if not P.is_hub(c):
                    members.setdefault(c, []).append((a, weight))
        for c in sorted(members):  # in group order, as actor_graph() adds them
            people = sorted(members[c])
            if len(people) < 2:
                continue
            group = P.groups[c]
            add_group_links(links, group, node_data[group].get("themes", ()), people)
        inf = float("inf")
        A = nx.Graph()
        A.add_nodes_from(order)
        A.add_edges_from((a, b, {"strength": strength,
                                 "distance": 1.0 / strength if strength > 0 else inf,
                                 "themes": sorted(themes), "types": sorted(types),
                                 "ties": ties, "projects": projects})
                         for (a, b), (strength, themes, types, ties, projects) in links.items())
        return A
