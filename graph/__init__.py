"""The network model: schema, validation, the ActorNetwork and its views.

``graph`` imports none of the other actornet packages; they all import it.
The names below load on first use (PEP 562), so that importing
``actornet.graph.errors`` alone does not pull in networkx.
"""

import importlib

_WHERE = {
    "build_network": "build",
    "ActorNetwork": "network", "tie_key": "network", "ActorProjection": "projection",
    "FileCount": "report", "LoadReport": "report", "Problem": "report",
    "ACTOR_KINDS": "schema", "Kind": "schema", "Theme": "schema", "ThemeTable": "schema",
    "TieType": "schema", "parse_kind": "schema", "parse_tie_type": "schema",
}
_ERRORS = ["ActornetError", "InputError", "ResolveError", "SchemaError", "StoreError",
           "QueryError", "NoPathError", "MeasureError", "UsageError", "VizError", "KindConflict"]
_WHERE.update({name: "errors" for name in _ERRORS})

__all__ = sorted(_WHERE)


def __getattr__(name):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_WHERE))
