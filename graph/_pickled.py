"""A graph pickled on its own, unpickled when first used.

Unpickling a big networkx graph means making every node, edge and attribute
dict again: a second on a network like Horizon 2020's (161k ties), most of
the time a cached network takes to load. Many commands start with the actor
projection (arrays, fast to load) and read the graph itself only later, or
only a little of it. So a pickled :class:`~actornet.graph.network.ActorNetwork`
holds its graph as a :class:`GraphBox`: the graph's own pickle, as bytes,
made into the graph again on the first :meth:`GraphBox.get` (the network and
its projections share one box). The box is transparent: the network's
``_graph`` is the graph, whether it came from a box or not.

Examples
--------
>>> import pickle
>>> import networkx as nx
>>> G = nx.path_graph(3)
>>> box = pickle.loads(pickle.dumps(box_of(G)))
>>> box.loaded
False
>>> sorted(box.get().edges()), box.loaded
([(0, 1), (1, 2)], True)
"""

from __future__ import annotations

import pickle
import weakref

from actornet.graph._gc import gc_paused

__all__ = ["GraphBox", "Boxed", "box_of"]

# id(graph) -> its box while the box lives (a box holds its graph, so the id
# is not reused meanwhile), so that a network and its projections pickled
# together share one copy of the graph's bytes. Weak values: the map keeps
# no box, and so no graph, alive.
_BOXES: "weakref.WeakValueDictionary" = weakref.WeakValueDictionary()


class GraphBox:
    """A graph, or the bytes of its pickle until :meth:`get` is first called."""

    __slots__ = ("_graph", "_blob", "__weakref__")

    def __init__(self, graph=None, blob=None):
        self._graph = graph
        self._blob = blob

    @property
    def loaded(self) -> bool:
        """Whether the graph has been made (or was never pickled)."""
        return self._graph is not None

    def get(self):
        """The graph (unpickled on the first call)."""
        if self._graph is None:
            # Hundreds of thousands of small dicts: the cyclic collector would
            # walk them again and again while they are made.
            with gc_paused():
                self._graph = pickle.loads(self._blob)
            self._blob = None
            _BOXES.setdefault(id(self._graph), self)
        return self._graph

    def __reduce_ex__(self, protocol):
        blob = self._blob
        if blob is None:
            blob = pickle.dumps(self._graph, protocol=pickle.HIGHEST_PROTOCOL)
        if protocol >= 5:
            # A buffer: with a buffer callback it is kept out of band (the
            # network cache maps it from its file, uncopied).
            blob = pickle.PickleBuffer(blob)
        return (_from_blob, (blob,))


def _from_blob(blob) -> GraphBox:
    return GraphBox(blob=blob)


def box_of(graph) -> GraphBox:
    """The one box of ``graph`` while any holds it (else a new one)."""
    box = _BOXES.get(id(graph))
    if box is None or box._graph is not graph:
        box = _BOXES[id(graph)] = GraphBox(graph)
    return box


class Boxed:
    """Mixin for an object unpickled with its graph still in a box (under
    ``_graph_box``): its ``_graph`` is made on first use, then found in its
    ``__dict__`` and never asked for here again."""

    __slots__ = ()

    def __getattr__(self, name):
        if name == "_graph":
            box = self.__dict__.get("_graph_box")
            if box is not None:
                graph = self.__dict__["_graph"] = box.get()
                return graph
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
