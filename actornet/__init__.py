"""actornet: the people and organisations behind a city's international
partnerships, as a graph.

The packages: :mod:`actornet.graph` (the model), :mod:`actornet.loaders`
(files and the Neo4j store), :mod:`actornet.queries` (the analyses),
:mod:`actornet.viz` (the page and the report's drawing); this package holds
the command line and the composition of the others.

Every error actornet raises on purpose is an :class:`ActornetError`
(defined, with the rest of the family, in :mod:`actornet.graph.errors`).

Examples
--------
>>> import actornet
>>> issubclass(actornet.InputError, actornet.ActornetError)
True
"""

from actornet.graph.errors import (
    ActornetError, CacheEntryError, DamagedEntry, InputError, KindConflict, MeasureError,
    NoPathError, NotStorable, QueryError, ResolveError, SchemaError, StoreError, UsageError,
    VizError,
)

__all__ = ["ActornetError", "CacheEntryError", "DamagedEntry", "InputError", "KindConflict",
           "MeasureError", "NoPathError", "NotStorable", "QueryError", "ResolveError",
           "SchemaError", "StoreError", "UsageError", "VizError"]
