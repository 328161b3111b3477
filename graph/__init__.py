"""The network model: schema, validation, the ActorNetwork and its views.

``graph`` imports none of the other actornet packages; they all import it.
"""

from actornet.graph.build import build_network
from actornet.graph.errors import ActornetError, InputError, ResolveError, SchemaError, StoreError
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.report import FileCount, LoadReport, Problem
from actornet.graph.schema import ACTOR_KINDS, Kind, Theme, ThemeTable, TieType, parse_kind, parse_tie_type

__all__ = [
    "ActorNetwork", "build_network", "tie_key",
    "ActornetError", "InputError", "ResolveError", "SchemaError", "StoreError",
    "FileCount", "LoadReport", "Problem",
    "ACTOR_KINDS", "Kind", "Theme", "ThemeTable", "TieType", "parse_kind", "parse_tie_type",
]
