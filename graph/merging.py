"""The parts of a merge: one actor absorbing another, ties placed without loss, the summary.

:func:`absorb` folds one actor's record into another's (names become
aliases, evidence and themes are joined, the absorbed id is remembered in
``merged_ids``). :class:`TiePlacer` adds ties to a graph being built so that
nothing is lost: a tie is combined with one already there only when it says
the same thing (the same ends, type, years, themes, role, project and every
other property but its evidence and ``claimed_by``), and then its evidence is
joined and it is listed in the summary as a duplicate; a tie that differs is
kept as a tie of its own, under a new id if its id is taken.
:class:`MergeSummary` says what a merge did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actornet.graph.schema import TieType, fold_text

__all__ = ["MergeSummary", "TiePlacer", "absorb", "join_evidence", "id_list", "stable_keep",
           "rewire_in_place", "thawed"]

# Properties that say where a tie comes from or who claims it, not what it is.
_PROVENANCE = frozenset({"evidence", "claimed_by"})


@dataclass
class MergeSummary:
    """What a merge did: actors per source, matches, merges, and every tie not
    kept as a tie of its own (with why)."""

    sources: list[tuple[str, int]] = field(default_factory=list)
    matched_by_id: int = 0
    #: (kept actor, absorbed actor, the shared external id)
    by_external_id: list[tuple[str, str, str]] = field(default_factory=list)
    merged: list[tuple[str, list[str]]] = field(default_factory=list)
    #: (an id named in an accepted pair, the actor that absorbed it in an earlier merge)
    redirected: list[tuple[str, str]] = field(default_factory=list)
    #: accepted pairs whose two ids are one actor already
    already_one: int = 0
    #: (absorbed actor, its kind, the kind of the actor kept)
    kinds_changed: list[tuple[str, str, str]] = field(default_factory=list)
    #: ties between two actors merged into one: (source, type, target), dropped
    loops: list[tuple[str, str, str]] = field(default_factory=list)
    #: ties saying what a kept tie says: (source, type, target), evidence joined to it
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)
    claims_settled: int = 0
    kind_conflicts: list[str] = field(default_factory=list)
    actors: int = 0
    ties: int = 0

    @property
    def loops_dropped(self) -> int:
        return len(self.loops)

    @property
    def ties_combined(self) -> int:
        return len(self.duplicates)

    def to_dict(self) -> dict:
        return {"sources": [{"source": s, "nodes": n} for s, n in self.sources],
                "matched_by_id": self.matched_by_id,
                "matched_by_external_id": [{"kept": k, "merged": m, "id": i}
                                           for k, m, i in self.by_external_id],
                "merged": [{"kept": k, "merged": m} for k, m in self.merged],
                "redirected": [{"named": n, "now": h} for n, h in self.redirected],
                "already_one": self.already_one,
                "kinds_changed": [{"merged": m, "kind": k, "kept_kind": c}
                                  for m, k, c in self.kinds_changed],
                "loops_dropped": self.loops_dropped,
                "loops": [list(t) for t in self.loops],
                "ties_combined": self.ties_combined,
                "duplicates": [list(t) for t in self.duplicates],
                "claims_settled": self.claims_settled,
                "kind_conflicts": self.kind_conflicts, "actors": self.actors, "ties": self.ties}


def id_list(value) -> list[str]:
    """A list cell (``merged_ids``) as a list: a list as it is, text split at ``;``.

    Examples
    --------
    >>> id_list("Q64; berlin"), id_list(["a"]), id_list(None)
    (['Q64', 'berlin'], ['a'], [])
    """
    if value is None or value != value:
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).split(";")
    return [str(i).strip() for i in items if str(i).strip()]


def stable_keep(G, members):
    """The actor a group of ``members`` merges into, chosen by the ids alone
    (not by counts of ties, which change when a source grows), so that a build
    run again after a source changed keeps the same id: a place the gazetteer
    resolved (a GeoNames id) first, then an actor whose id is one of its own
    external ids (a CORDIS PIC, a Wikidata QID), then any other; the smallest
    id among equals.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("brussels_be", external_ids=["geonames:2800866"])
    >>> G.add_node("Q9005", external_ids=["wikidata:Q9005"])
    >>> G.add_node("tu_berlin_de")
    >>> G.add_node("999986678", external_ids="pic:999986678")
    >>> stable_keep(G, ["Q9005", "brussels_be"]), stable_keep(G, ["tu_berlin_de", "999986678"])
    ('brussels_be', '999986678')
    """
    def rank(n):
        ids = [str(i).strip() for i in id_list(G.nodes[n].get("external_ids"))]
        if any(i.casefold().startswith("geonames:") for i in ids):
            return (0, str(n))
        own = any(i.partition(":")[2].strip() == str(n) for i in ids)
        return (1 if own else 2, str(n))

    return min(members, key=rank)


def join_evidence(first, second):
    """Two evidence cells as one ``;``-separated cell, each source once."""
    items = []
    for cell in (first, second):
        if cell is None:
            continue
        for item in (cell if isinstance(cell, list) else str(cell).split(";")):
            item = str(item).strip()
            if item and item not in items:
                items.append(item)
    return "; ".join(items) if items else None


def absorb(G, keep, other, *, remember=True):
    """Fold node ``other``'s record into ``keep``'s (``other`` stays; the caller
    removes it): its names become aliases, its evidence and themes join,
    properties ``keep`` lacks are taken, and (with ``remember``) its id and the
    ids it had absorbed are listed in ``keep``'s ``merged_ids``."""
    data, extra = G.nodes[keep], G.nodes[other]
    aliases = list(data.get("aliases", []))
    for name in (extra.get("name"), *extra.get("aliases", ())):
        if name and fold_text(name) != fold_text(data.get("name", "")) and name not in aliases:
            aliases.append(name)
    if aliases:
        data["aliases"] = aliases
    evidence = join_evidence(data.get("evidence"), extra.get("evidence"))
    if evidence:
        data["evidence"] = evidence
    themes = list(data.get("themes", []))
    themes += [t for t in extra.get("themes", ()) if t not in themes]
    if themes:
        data["themes"] = themes
    merged = id_list(data.get("merged_ids"))
    for m in ([other] if remember else []) + id_list(extra.get("merged_ids")):
        if m not in merged and m != keep:
            merged.append(m)
    if merged:
        data["merged_ids"] = merged
    for key, value in extra.items():
        data.setdefault(key, value)


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


class TiePlacer:
    """Add ties to a graph being built, losing none (see the module's notes)."""

    def __init__(self, H, summary: MergeSummary):
        self.H = H
        self.summary = summary
        self.said = {}  # what a tie says -> (u, v, key) of the tie kept

    @staticmethod
    def what(u, v, data) -> tuple:
        """What a tie says: its ends (either way round for a partnership) and
        every property but its provenance."""
        ends = (u, v) if data["type"] != TieType.PARTNER_OF.value or u <= v else (v, u)
        return ends + tuple(sorted((k, _frozen(x)) for k, x in data.items()
                                   if k not in _PROVENANCE))

    def place(self, u, v, key, data, origin=None) -> None:
        """Add the tie ``u -> v`` (``data`` is not kept; a copy is); ``origin``,
        the tie's ends before merging, is what the summary lists."""
        said = self.what(u, v, data)
        kept = self.said.get(said)
        if kept is not None:
            existing = self.H.edges[kept]
            evidence = join_evidence(existing.get("evidence"), data.get("evidence"))
            if evidence:
                existing["evidence"] = evidence
            if existing.get("claimed_by", "") != data.get("claimed_by", ""):
                existing["claimed_by"] = ""  # two sides (or a tie naming none) claim it
            first, second = origin or (u, v)
            self.summary.duplicates.append((first, data["type"], second))
            return
        base, n = key, 1
        while self.H.has_edge(u, v, key):
            n += 1
            key = f"{base}#{n}"
        self.H.add_edge(u, v, key=key, **{k: (list(x) if isinstance(x, list) else x)
                                          for k, x in data.items()})
        self.said[said] = (u, v, key)


def thawed(G):
    """``G``'s data as a graph that can change, without copying it: for a caller
    that owns a frozen graph (``ActorNetwork`` freezes the graphs it wraps) and
    will not use the frozen one again."""
    H = G.__class__.__new__(G.__class__)
    H.__dict__.update({k: v for k, v in G.__dict__.items()
                       if k in ("graph", "_adj", "_node", "_pred", "_succ")})
    H.__networkx_cache__ = {}
    return H


def rewire_in_place(G, mapping, summary: MergeSummary, key_of) -> None:
    """Merge the nodes of ``G`` per ``mapping`` (old id -> kept id) in ``G`` itself,
    touching only the merged actors' ties (for a graph its caller owns, such as
    a build's: rebuilding 170k ties to move a few hundred is most of a merge).

    Ties are placed as :func:`actornet.graph.resolve.merge_duplicates` places
    them: one saying what a tie of the kept actor says joins its evidence,
    one between two merged actors is dropped as a loop. ``key_of(u, type, v,
    since, project)`` is the derived id of a tie (recomputed for a moved tie
    whose id was derived). A tie naming a merged actor as its ``project`` is
    not handled here: the caller rebuilds then.
    """
    for n in [n for n in G if n in mapping]:
        absorb(G, mapping[n], n)
    placer = TiePlacer(G, summary)
    for k in sorted(set(mapping.values())):
        for u, v, key, d in [*G.out_edges(k, keys=True, data=True),
                             *G.in_edges(k, keys=True, data=True)]:
            if u not in mapping and v not in mapping:
                placer.said.setdefault(placer.what(u, v, d), (u, v, key))
    moved, seen = [], set()
    for n in [n for n in G if n in mapping]:
        for u, v, key, d in [*G.out_edges(n, keys=True, data=True),
                             *G.in_edges(n, keys=True, data=True)]:
            if (u, v, key) not in seen:
                seen.add((u, v, key))
                moved.append((u, v, key, dict(d)))
    G.remove_nodes_from(list(mapping))
    for u, v, key, d in moved:
        nu, nv = mapping.get(u, u), mapping.get(v, v)
        if nu == nv:
            summary.loops.append((u, d["type"], v))
            continue
        if d.get("claimed_by") in mapping:
            d["claimed_by"] = mapping[d["claimed_by"]]
        if key == key_of(u, d["type"], v, d.get("since"), d.get("project")):
            key = key_of(nu, d["type"], nv, d.get("since"), d.get("project"))
        placer.place(nu, nv, key, d, origin=(u, v))
