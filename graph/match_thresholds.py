"""Option defaults of the graph package, importable without networkx or pandas.

The command line shows these in ``--help``; :mod:`actornet.graph.resolve`
uses the same values (a test checks that both agree).

Examples
--------
>>> DEFAULT_THRESHOLD, AUTO_PROBABILITY, REVIEW_PROBABILITY
(0.05, 0.99, 0.5)
"""

__all__ = ["DEFAULT_THRESHOLD", "AUTO_PROBABILITY", "REVIEW_PROBABILITY"]

#: The lowest match probability (0-1) at which ``actornet dedupe`` lists a pair.
DEFAULT_THRESHOLD = 0.05
#: The lowest match probability of the auto band (``dedupe --auto`` accepts it).
AUTO_PROBABILITY = 0.99
#: The lowest match probability of the review band.
REVIEW_PROBABILITY = 0.5
