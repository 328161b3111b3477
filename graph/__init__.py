"""The network model: schema, validation, the ActorNetwork and its views.

``graph`` imports none of the other actornet packages; they all import it.
The names below load on first use (PEP 562), so that importing
``actornet.graph.errors`` alone does not pull in networkx.
"""

from actornet.graph.lazy_package import lazy_attributes

_WHERE = {
    "build_network": "build",
    "ActorNetwork": "network", "tie_key": "network", "ActorProjection": "projection",
    "FileCount": "load_report", "LoadReport": "load_report", "Problem": "load_report",
    "ACTOR_KINDS": "schema", "Kind": "schema", "Theme": "schema", "ThemeTable": "schema",
    "TieType": "schema", "parse_kind": "schema", "parse_tie_type": "schema",
}
_ERRORS = ["ActornetError", "InputError", "ResolveError", "SchemaError", "StoreError",
           "QueryError", "NoPathError", "MeasureError", "UsageError", "VizError", "KindConflict"]
_WHERE.update({name: "errors" for name in _ERRORS})

__all__ = sorted(_WHERE)


__getattr__, __dir__ = lazy_attributes(globals(), _WHERE)
