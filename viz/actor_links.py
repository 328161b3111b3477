"""The actor graph of a view as far as the page reads it, from the view's
projection, without building the whole graph (:class:`ActorLinks`)."""

from __future__ import annotations

import networkx as nx

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

    def drawn(self, keep):
        """A networkx graph of the actors in ``keep`` (in the network's
        order) and the links between them, each with the attributes
        ``actor_graph()`` gives it: the projection's own
        :meth:`~actornet.graph.projection_evidence.LinkEvidence.edges_among`,
        gathered from the drawn actors' own ties and groups only."""
        inside = set(keep)
        A = nx.Graph()
        A.add_nodes_from(a for a in self.P.nodes if a in inside)
        A.add_edges_from(self.P.edges_among(inside))
        return A
