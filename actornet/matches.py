"""Matches a build applies: the pairs ``dedupe`` puts in its auto band, and a reviewed
candidates file (rows marked accept = yes), both applied on every build.

An id of a reviewed pair that an earlier merge took away stands for the actor
that kept it (its ``merged_ids``); a pair that has become one actor is
passed over.
"""

from __future__ import annotations

__all__ = ["apply_matches", "auto_pairs", "current_pairs"]


def auto_pairs(network) -> tuple[list[tuple[str, str]], dict]:
    """The pairs in ``dedupe``'s auto band, and the size of each band (empty
    when the candidates carry no band)."""
    from actornet.graph import resolve

    if "band" not in getattr(resolve, "CANDIDATE_COLUMNS", ["band"]):
        return [], {}  # candidates without bands (before the match model): nothing is auto
    table = resolve.duplicate_candidates(network)
    if "band" not in table.columns:
        return [], {}
    bands = {str(k): int(v) for k, v in table["band"].value_counts().items()}
    auto = table[table["band"] == "auto"]
    return list(zip(auto["id_a"], auto["id_b"])), bands


def current_pairs(network, pairs) -> list[tuple[str, str]]:
    """``pairs`` with ids merged away replaced by the actor kept; self-pairs dropped."""
    G = network.graph
    kept = {old: n for n, d in G.nodes(data=True) for old in d.get("merged_ids") or ()}
    out = []
    for a, b in pairs:
        a, b = kept.get(a, a), kept.get(b, b)
        if a != b and (a, b) not in out:
            out.append((a, b))
    return out


def _read_reviewed(path):
    from actornet.cmd_resolve import read_accepted

    return read_accepted(path)


def apply_matches(network, recipe, summary):
    """Merge the auto band (``accept = "auto"``) and the reviewed file's pairs."""
    from actornet.graph.resolve import merge_duplicates

    if recipe.accept_auto:
        pairs, summary.bands = auto_pairs(network)
        if pairs:
            network, merged = merge_duplicates(network, current_pairs(network, pairs))
            summary.auto_merged = sum(len(m) for _, m in merged.merged)
    if recipe.reviewed is not None:
        pairs = current_pairs(network, _read_reviewed(recipe.reviewed))
        if pairs:
            network, merged = merge_duplicates(network, pairs)
            summary.reviewed_merged = sum(len(m) for _, m in merged.merged)
    return network
