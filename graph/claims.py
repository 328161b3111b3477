"""Who claims a partnership: ``claimed_by`` worked out again after sources are combined.

A directed source (Wikidata's P190 statements, Wikipedia's list pages) says
from which side a partnership is listed; ``actornet import`` writes the one
side that lists a pair into the tie's ``claimed_by``. Once sources are
combined (``merge``, ``build``), a pair that any source lists from both sides,
or that a source without sides lists at all, is no longer one-sided, and a
claim made by an id that was merged away is a claim by the actor kept.
:func:`recount_claims` says what each partnership tie's ``claimed_by`` is then;
:func:`with_claims_recounted` applies it to a copy of a graph.
"""

from __future__ import annotations

from collections import defaultdict

from actornet.graph.schema import TieType

__all__ = ["recount_claims", "with_claims_recounted", "set_recounted_claims"]


def recount_claims(G) -> dict[tuple, str]:
    """Each partnership tie ``(u, v, key)`` -> its ``claimed_by``: the one side
    that lists the pair, or ``""`` when both sides do (or a tie names no side).

    A tie's ``claimed_by`` naming an id merged into another actor (listed in
    that actor's ``merged_ids``) counts as a claim by that actor.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("berlin", kind="city", merged_ids=["Q64"])
    >>> for n in ("paris", "rome"):
    ...     G.add_node(n, kind="city")
    >>> _ = G.add_edge("berlin", "paris", key="a", type="PARTNER_OF", claimed_by="Q64")
    >>> _ = G.add_edge("paris", "berlin", key="b", type="PARTNER_OF", claimed_by="paris")
    >>> _ = G.add_edge("berlin", "rome", key="c", type="PARTNER_OF", claimed_by="Q64")
    >>> sorted(recount_claims(G).items())
    [(('berlin', 'paris', 'a'), ''), (('berlin', 'rome', 'c'), 'berlin'), (('paris', 'berlin', 'b'), '')]
    """
    kept = {old: n for n, d in G.nodes(data=True) for old in d.get("merged_ids") or ()}
    pairs = defaultdict(lambda: ([], set()))
    partner = TieType.PARTNER_OF.value
    for u, v, key, d in G.edges(keys=True, data=True):
        if d.get("type") != partner:
            continue
        edges, claims = pairs[(u, v) if u <= v else (v, u)]
        edges.append((u, v, key))
        claimed = d.get("claimed_by")
        claimed = kept.get(claimed, claimed)
        claims.update({claimed} if claimed in (u, v) else {u, v})
    out = {}
    for edges, claims in pairs.values():
        value = next(iter(claims)) if len(claims) == 1 else ""
        for edge in edges:
            out[edge] = value
    return out


def set_recounted_claims(G) -> None:
    """Write :func:`recount_claims`' answer into the ties of ``G`` itself (a graph
    the caller owns: only tie attributes change, so a frozen one will do);
    ``claimed_by`` is dropped where both sides claim the pair."""
    for (u, v, key), value in recount_claims(G).items():
        data = G._succ[u][v][key]
        if value:
            data["claimed_by"] = value
        else:
            data.pop("claimed_by", None)


def with_claims_recounted(G):
    """A copy of ``G`` whose partnership ties carry :func:`recount_claims`' answer."""
    H = G.copy()
    set_recounted_claims(H)
    return H
