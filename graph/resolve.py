"""Entity resolution: find the same actor under several names, and merge.

:func:`duplicate_candidates` proposes likely duplicates, each with a match
probability from the record-linkage model of :mod:`actornet.graph.linkage`
(Fellegi–Sunter with term-frequency adjustment), its band (auto, review,
unlikely) and the reason, for a person to accept or reject;
:func:`merge_duplicates` merges the accepted pairs and :func:`union_networks`
combines networks from several sources, matching actors by id. A merged actor
keeps every name as an alias and every source as evidence; nothing is dropped
silently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from actornet.graph.errors import ResolveError
from actornet.graph.linkage import BANDS, LINK_COLUMNS, MatchModel, score_candidates
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.options import DEFAULT_THRESHOLD  # pairs below it are not proposed
from actornet.graph.schema import ACTOR_KINDS, Kind, ThemeTable, fold_text

__all__ = ["duplicate_candidates", "merge_duplicates", "union_networks", "MergeSummary",
           "CANDIDATE_COLUMNS", "DEFAULT_THRESHOLD", "BANDS"]

#: The columns of the candidates table (and file).
CANDIDATE_COLUMNS = LINK_COLUMNS + ["accept"]
_KINDS = {k.value for k in ACTOR_KINDS} | {Kind.NETWORK.value}


def duplicate_candidates(network: ActorNetwork, *, threshold: float = DEFAULT_THRESHOLD,
                         kinds=None, model: MatchModel | None = None,
                         progress=None) -> pd.DataFrame:
    """Likely duplicates among the actors (and networks) of ``network``.

    Actors of one kind are compared, and institutions, companies and NGOs with
    each other (a different kind weighs against). Pairs that share a rare
    word of their names, a word and their city, all their words or an
    external id are scored by the match model of
    :mod:`actornet.graph.linkage`: names word by word, a rare word weighing
    more than a common one, then country, city, kind, shared partners, and
    external ids (a shared one makes a pair certain, two different ones of a
    scheme rule it out).

    Parameters
    ----------
    network : ActorNetwork
    threshold : float
        The lowest match probability listed (default 0.05).
    kinds : iterable of str, optional
        Only these kinds (default: every actor kind and networks).
    model : MatchModel, optional
        The model's parameters (default: the documented ones).
    progress : callable, optional
        Called as ``progress(done, total)`` with the pairs compared so far.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CANDIDATE_COLUMNS`: ``probability`` (0-1), ``band``
        (``auto`` at 0.99 or more, ``review`` at 0.5 or more, else
        ``unlikely``), ``reason`` (which fields agreed, by how many bits of
        evidence), the most probable first; ``accept`` is empty, for a person
        to fill with yes or no.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("b", kind="city", name="Berlin", country="DE")
    >>> G.add_node("tu", kind="institution", name="TU Berlin", country="DE")
    >>> G.add_node("tub", kind="institution", name="Technical University of Berlin",
    ...            country="DE")
    >>> G.add_node("fu", kind="institution", name="Free University of Berlin", country="DE")
    >>> for n in ("tu", "tub", "fu"):
    ...     _ = G.add_edge(n, "b", key=f"{n}>BASED_IN>b", type="BASED_IN")
    >>> table = duplicate_candidates(ActorNetwork(G))
    >>> table[["id_a", "id_b", "band"]].values.tolist()
    [['tu', 'tub', 'review']]
    """
    table = score_candidates(network, kinds=kinds, threshold=threshold, model=model,
                             progress=progress)
    table["accept"] = ""
    return table[CANDIDATE_COLUMNS]


# -- merging ------------------------------------------------------------------------------


@dataclass
class MergeSummary:
    """What a merge did: actors per source, matches, merges, ties dropped."""

    sources: list[tuple[str, int]] = field(default_factory=list)
    matched_by_id: int = 0
    merged: list[tuple[str, list[str]]] = field(default_factory=list)
    loops_dropped: int = 0
    ties_combined: int = 0
    kind_conflicts: list[str] = field(default_factory=list)
    actors: int = 0
    ties: int = 0

    def to_dict(self) -> dict:
        return {"sources": [{"source": s, "nodes": n} for s, n in self.sources],
                "matched_by_id": self.matched_by_id,
                "merged": [{"kept": k, "merged": m} for k, m in self.merged],
                "loops_dropped": self.loops_dropped, "ties_combined": self.ties_combined,
                "kind_conflicts": self.kind_conflicts, "actors": self.actors, "ties": self.ties}


def _join(first, second):
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


def _absorb(G, keep, other):
    """Merge node ``other``'s attributes into ``keep``: names become aliases."""
    data, extra = G.nodes[keep], G.nodes[other]
    aliases = list(data.get("aliases", []))
    for name in (extra.get("name"), *extra.get("aliases", ())):
        if name and fold_text(name) != fold_text(data.get("name", "")) and name not in aliases:
            aliases.append(name)
    if aliases:
        data["aliases"] = aliases
    evidence = _join(data.get("evidence"), extra.get("evidence"))
    if evidence:
        data["evidence"] = evidence
    themes = list(data.get("themes", []))
    themes += [t for t in extra.get("themes", ()) if t not in themes]
    if themes:
        data["themes"] = themes
    merged = list(data.get("merged_ids", []))
    merged += [other] + [m for m in extra.get("merged_ids", ()) if m not in merged]
    data["merged_ids"] = merged
    for key, value in extra.items():
        data.setdefault(key, value)


def _rewire(G, mapping, summary):
    """A copy of ``G`` with nodes merged per ``mapping`` (old id -> kept id)."""
    H = nx.MultiDiGraph(**G.graph)
    for n, d in G.nodes(data=True):
        if n not in mapping:
            H.add_node(n, **{k: (list(v) if isinstance(v, list) else v) for k, v in d.items()})
    for n in G.nodes:
        if n in mapping:
            H.add_node(n, **dict(G.nodes[n]))
            _absorb(H, mapping[n], n)
            H.remove_node(n)
    for u, v, key, d in G.edges(keys=True, data=True):
        nu, nv = mapping.get(u, u), mapping.get(v, v)
        if nu == nv:
            summary.loops_dropped += 1
            continue
        d = dict(d)
        if (nu, nv) != (u, v) and key == tie_key(u, d["type"], v, since=d.get("since"),
                                                 project=d.get("project")):
            project = mapping.get(d.get("project"), d.get("project"))
            if project is not None:
                d["project"] = project
            key = tie_key(nu, d["type"], nv, since=d.get("since"), project=project)
        elif d.get("project") in mapping:
            d["project"] = mapping[d["project"]]
        if H.has_edge(nu, nv, key):
            existing = H.edges[nu, nv, key]
            evidence = _join(existing.get("evidence"), d.get("evidence"))
            if evidence:
                existing["evidence"] = evidence
            summary.ties_combined += 1
            continue
        if d["type"] == "PARTNER_OF" and _same_partnership(H, nu, nv, d):
            summary.ties_combined += 1
            continue
        H.add_edge(nu, nv, key=key, **d)
    return H


def _same_partnership(H, u, v, d):
    """A partnership already there the other way round: combine evidence."""
    if not H.has_edge(v, u):
        return False
    for key, existing in H[v][u].items():
        if existing["type"] == "PARTNER_OF":
            evidence = _join(existing.get("evidence"), d.get("evidence"))
            if evidence:
                existing["evidence"] = evidence
            if existing.get("claimed_by") and existing.get("claimed_by") != d.get("claimed_by", ""):
                existing["claimed_by"] = ""  # both sides claim it now
            return True
    return False


def merge_duplicates(network: ActorNetwork, pairs, *, summary: MergeSummary | None = None):
    """Merge the accepted duplicate ``pairs`` ``[(id_a, id_b), ...]``.

    Chains merge into one actor (a = b, b = c). The actor kept is the one
    with the most ties (then the smaller id); the others' names become its
    aliases, their evidence joins its evidence, their ids are listed in
    ``merged_ids``, and their ties move to it (a tie that would join the
    actor to itself is dropped and counted).

    Returns
    -------
    (ActorNetwork, MergeSummary)

    Raises
    ------
    ResolveError
        If a pair names an id that is not in the network, or joins two kinds.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("tu", kind="institution", name="TU Berlin", evidence="keep.eu")
    >>> G.add_node("tub", kind="institution", name="Technical University of Berlin")
    >>> G.add_node("p", kind="project", name="P")
    >>> _ = G.add_edge("tub", "p", key="tub>PARTICIPATES_IN>p", type="PARTICIPATES_IN")
    >>> merged, summary = merge_duplicates(ActorNetwork(G), [("tu", "tub")])
    >>> merged.graph.nodes["tub"]["aliases"], list(merged.graph.predecessors("p"))
    (['TU Berlin'], ['tub'])
    """
    summary = summary if summary is not None else MergeSummary()
    G = network.graph
    parent = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        for n in (a, b):
            if n not in G:
                raise ResolveError("an accepted pair names an id that is not in the network "
                                   f"({n})", [])
        if G.nodes[a]["kind"] != G.nodes[b]["kind"]:
            raise ResolveError(f"an accepted pair joins two kinds ({a}, {b})", [a, b])
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    groups = defaultdict(list)
    for n in list(parent):
        groups[find(n)].append(n)
    for root in list(groups):
        if root not in groups[root]:
            groups[root].append(root)
    mapping = {}
    for members in groups.values():
        keep = min(members, key=lambda n: (-G.degree(n), n))
        others = sorted(m for m in members if m != keep)
        for m in others:
            mapping[m] = keep
        summary.merged.append((keep, others))
    H = _rewire(G, mapping, summary)
    summary.actors = sum(1 for _, k in H.nodes(data="kind") if k in _KINDS)
    summary.ties = H.number_of_edges()
    merged = ActorNetwork._adopt(H, network.themes, name=network.name,
                                 home=network._home)
    return merged, summary


def union_networks(networks, names=None):
    """One network from several: actors with the same id are one actor.

    The first network's attributes win; later ones add aliases, evidence and
    properties it lacks. A tie present in several (same id) is kept once
    with its evidence joined; a partnership listed the other way round is
    the same partnership. An id used for two different kinds (a city and an
    organisation named like it) stays two actors: the later one is renamed
    ``id_kind`` and listed in ``kind_conflicts``. The home city is the first
    stated one.

    Returns
    -------
    (ActorNetwork, MergeSummary)
    """
    summary = MergeSummary()
    H = nx.MultiDiGraph(name="merged")
    themes = ThemeTable()
    home = None
    for index, net in enumerate(networks):
        label = names[index] if names else net.name
        summary.sources.append((label, net.graph.number_of_nodes()))
        home = home or net._home
        for theme in net.themes:
            if theme.id not in themes:
                themes.add(theme)
        rename = {}
        for n, d in net.graph.nodes(data=True):
            if n in H and H.nodes[n]["kind"] != d["kind"]:
                # the same id for two kinds (a city and an organisation named like it):
                # kept apart, the later one renamed and reported
                new = f"{n}_{d['kind']}"
                while new in H or new in net.graph:
                    new += "_"
                rename[n] = new
                summary.kind_conflicts.append(f"{n} ({label}) -> {new}")
                n = new
            if n in H:
                if d["kind"] != Kind.THEME.value:
                    summary.matched_by_id += 1
                H.add_node(f"\0{n}", **dict(d))
                _absorb(H, n, f"\0{n}")
                H.nodes[n]["merged_ids"].remove(f"\0{n}")
                if not H.nodes[n]["merged_ids"]:
                    del H.nodes[n]["merged_ids"]
                H.remove_node(f"\0{n}")
            else:
                H.add_node(n, **{k: (list(v) if isinstance(v, list) else v) for k, v in d.items()})
        for u, v, key, d in net.graph.edges(keys=True, data=True):
            if u in rename or v in rename or d.get("project") in rename:
                d = dict(d)
                if d.get("project") in rename:
                    d["project"] = rename[d["project"]]
                derived = key == tie_key(u, d["type"], v, since=d.get("since"),
                                         project=net.graph.edges[u, v, key].get("project"))
                u, v = rename.get(u, u), rename.get(v, v)
                if derived:
                    key = tie_key(u, d["type"], v, since=d.get("since"), project=d.get("project"))
            if H.has_edge(u, v, key):
                existing = H.edges[u, v, key]
                evidence = _join(existing.get("evidence"), d.get("evidence"))
                if evidence:
                    existing["evidence"] = evidence
                summary.ties_combined += 1
            elif d["type"] == "PARTNER_OF" and _same_partnership(H, u, v, d):
                summary.ties_combined += 1
            else:
                H.add_edge(u, v, key=key, **dict(d))
    summary.actors = sum(1 for _, k in H.nodes(data="kind") if k in _KINDS)
    summary.ties = H.number_of_edges()
    return ActorNetwork._adopt(H, themes, name="merged", home=home), summary
