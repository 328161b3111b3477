"""A graph made when it is first used.

A network loaded from the cache between commands (:mod:`actornet.loaders.cache`)
comes back as column tables: the actor projection every analysis starts from
is there at once, and the networkx graph, a view of the tables that takes a
while to make (every node, edge and attribute dict of a network like Horizon
2020's), is made only when a caller first uses it. Such a network holds its
graph as a :class:`GraphBox` under ``_graph_box``: the network and its
projections share one box, so one graph. The box is transparent: the object's
``_graph`` is the graph, whether it came from a box or not (:class:`Boxed`).

Examples
--------
>>> import networkx as nx
>>> box = GraphBox(lambda: nx.path_graph(3))
>>> box.loaded
False
>>> sorted(box.get().edges()), box.loaded
([(0, 1), (1, 2)], True)
"""

from __future__ import annotations

from actornet.graph.gc_pause import gc_paused

__all__ = ["GraphBox", "Boxed", "TablesGraph"]


class GraphBox:
    """A graph, or the function making it until :meth:`get` is first called."""

    __slots__ = ("_graph", "_make")

    def __init__(self, make):
        self._graph = None
        self._make = make

    @property
    def loaded(self) -> bool:
        """Whether the graph has been made."""
        return self._graph is not None

    def get(self):
        """The graph (made on the first call)."""
        if self._graph is None:
            # Hundreds of thousands of small dicts: the cyclic collector would
            # walk them again and again while they are made.
            with gc_paused():
                self._graph = self._make()
            self._make = None
        return self._graph


class TablesGraph:
    """Makes the frozen graph the column tables ``arrays`` hold (see
    :class:`~actornet.graph.columns.GraphTables`), named ``name``: a box's
    maker that pickles, as the network holding the box does."""

    def __init__(self, arrays: dict, name):
        self.arrays, self.name = arrays, name

    def __call__(self):
        import networkx as nx

        from actornet.graph.columns import GraphTables

        return nx.freeze(GraphTables(self.arrays).make(name=self.name))


class Boxed:
    """Mixin for an object whose graph may still be in a box (under
    ``_graph_box``): its ``_graph`` is made on first use, then found in its
    ``__dict__`` and never asked for here again. Other attributes may be
    deferred the same way: ``_deferred`` maps a name to the function making it.

    Examples
    --------
    >>> class Thing(Boxed):
    ...     pass
    >>> thing = Thing()
    >>> thing._deferred = {"answer": lambda: 42}
    >>> thing.answer, thing.__dict__["answer"], thing._deferred
    (42, 42, {})
    """

    __slots__ = ()

    def __getattr__(self, name):
        state = self.__dict__
        if name == "_graph":
            box = state.get("_graph_box")
            if box is not None:
                graph = state["_graph"] = box.get()
                return graph
        deferred = state.get("_deferred")
        if deferred and name in deferred:
            value = state[name] = deferred[name]()
            del deferred[name]
            return value
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
