"""The weights check shared by the scored tables (gaps and recommendations).

Examples
--------
>>> checked_weights({"a": 1.0, "b": 0.5}, {"b": 2})
{'a': 1.0, 'b': 2.0}
"""

from __future__ import annotations

import math

from actornet.graph.errors import QueryError

__all__ = ["checked_weights"]


def checked_weights(defaults, weights, *, part="component", what="weights") -> dict:
    """``defaults`` with the overrides in ``weights`` applied, each checked:
    a known name and a number, 0 or more (shared by the gaps and the
    recommendations, whose scores are weighted sums).

    Raises
    ------
    QueryError
        Naming the unknown ``part`` in ``what``, or the weight that is wrong.
    """
    chosen = dict(defaults)
    for name, value in (weights or {}).items():
        if name not in chosen:
            raise QueryError(f"unknown {part} in {what}: {name}; known: " + ", ".join(defaults))
        if (not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value)
                or value < 0):
            raise QueryError(f"the weight of {name} must be a number, 0 or more")
        chosen[name] = float(value)
    return chosen
