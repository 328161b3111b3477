"""Option defaults of the graph package, importable without networkx or pandas.

The command line shows these in ``--help``; :mod:`actornet.graph.resolve`
uses the same values (a test checks that both agree).

Examples
--------
>>> DEFAULT_THRESHOLD
85
"""

__all__ = ["DEFAULT_THRESHOLD"]

#: The lowest score (0-100) at which ``actornet dedupe`` proposes two actors as one.
DEFAULT_THRESHOLD = 85
