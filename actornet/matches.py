"""Matches a build applies: the pairs ``dedupe`` puts in its auto band, and a reviewed
candidates file (rows marked accept = yes merge, rows marked no stay apart even
when the model puts them in its auto band), both applied on every build in one merge.

An id of a reviewed pair that an earlier merge took away stands for the actor
that kept it (its ``merged_ids``); a pair that has become one actor is passed
over, and so is a pair naming an actor no source has any more (counted). The
actor kept is chosen by the ids alone (:func:`actornet.graph.merging.stable_keep`),
so the same sources give the same ids.
"""

from __future__ import annotations

from actornet.graph import resolve
from actornet.graph.merging import id_list, stable_keep
from actornet.graph.resolve import merge_duplicates
from actornet.loaders.candidates import read_decisions

__all__ = ["apply_matches", "auto_pairs", "current_pairs"]


def auto_pairs(network) -> tuple[list[tuple[str, str]], dict]:
    """The pairs in ``dedupe``'s auto band, and the size of each band."""
    table = resolve.duplicate_candidates(network)
    bands = {band: int((table["band"] == band).sum()) for band in resolve.BANDS}
    auto = table[table["band"] == "auto"]
    return list(zip(auto["id_a"], auto["id_b"])), bands


def _held_by(network) -> dict:
    """``old id -> actor id now`` for every id an earlier merge folded into an actor."""
    return {old: n for n, ids in network.graph.nodes(data="merged_ids") for old in id_list(ids)}


def current_pairs(network, pairs, *, missing=None) -> list[tuple[str, str]]:
    """``pairs`` with ids merged away replaced by the actor kept; self-pairs
    dropped; pairs naming an id the network lacks dropped (and appended to
    ``missing`` when given)."""
    G = network.graph
    kept = _held_by(network)
    out, seen = [], set()
    for a, b in pairs:
        a, b = kept.get(a, a), kept.get(b, b)
        if a not in G or b not in G:
            if missing is not None:
                missing.append((a, b))
            continue
        if a != b and frozenset((a, b)) not in seen:
            seen.add(frozenset((a, b)))
            out.append((a, b))
    return out


def _apart(pairs, rejected, start=()):
    """``pairs`` less those that would make one actor of a rejected pair, directly
    or through others (taken in order, after the pairs ``start``), and how many
    were left out."""
    parent, members = {}, {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    def group(root):
        return members.get(root, {root})

    def union(ra, rb):
        parent[rb] = ra
        members[ra] = group(ra) | group(rb)
        members.pop(rb, None)

    for a, b in start:
        ra, rb = find(a), find(b)
        if ra != rb:
            union(ra, rb)
    kept, left = [], 0
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            ga, gb = group(ra), group(rb)
            if any((x in ga and y in gb) or (x in gb and y in ga) for x, y in rejected):
                left += 1
                continue
            union(ra, rb)
        kept.append((a, b))
    return kept, left


def apply_matches(network, recipe, summary):
    """Merge the auto band (``accept = "auto"``) and the reviewed file's accepted
    pairs, less the pairs it rejects; one merge, the actor kept chosen by id."""
    auto, accepted, rejected, missing = [], [], [], []
    if recipe.accept_auto:
        found, summary.bands = auto_pairs(network)
        auto = current_pairs(network, found)
    if recipe.reviewed is not None:
        yes, no = read_decisions(recipe.reviewed)
        accepted = current_pairs(network, yes, missing=missing)
        rejected = current_pairs(network, no)
    accepted, _ = _apart(accepted, rejected)
    auto, summary.auto_rejected = _apart(auto, rejected, start=accepted)
    summary.auto_merged, summary.reviewed_merged = len(auto), len(accepted)
    summary.reviewed_missing = len(missing)
    pairs = accepted + auto
    if not pairs:
        return network
    network, merged = merge_duplicates(network, pairs, keep=stable_keep, in_place=True)
    summary.merged_away = sum(len(m) for _, m in merged.merged)
    return network
