"""Entity resolution: find the same actor under several names, and merge.

:func:`duplicate_candidates` proposes likely duplicates, each with a match
probability from the record-linkage model of :mod:`actornet.graph.linkage`
(Fellegi–Sunter with term-frequency adjustment), its band (auto, review,
unlikely) and the reason, for a person to accept or reject;
:func:`merge_duplicates` merges the accepted pairs and :func:`union_networks`
combines networks from several sources, matching actors by id. A merged actor
keeps every name as an alias, every source as evidence and the ids it
absorbed in ``merged_ids``; a tie is combined with another only when it says
the same, and every tie not kept as one of its own is listed in the summary.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pandas as pd

from actornet.graph.gc_pause import gc_paused
from actornet.graph.claims import set_recounted_claims
from actornet.graph.errors import ResolveError
from actornet.graph.linkage import BANDS, LINK_COLUMNS, MatchModel, score_candidates
from actornet.graph.linkage_records import ORGANISATION_KINDS, external_ids
from actornet.graph.merging import MergeSummary, TiePlacer, absorb, id_list, rewire_in_place, \
    thawed
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.match_thresholds import DEFAULT_THRESHOLD  # pairs below it are not proposed
from actornet.graph.schema import ACTOR_KINDS, Kind, ThemeTable

__all__ = ["duplicate_candidates", "merge_duplicates", "merge_external_ids",
           "external_id_pairs", "union_networks", "MergeSummary", "CANDIDATE_COLUMNS",
           "DEFAULT_THRESHOLD", "BANDS"]

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


def _resolver(G):
    """``id -> actor id now``: an id in ``G`` is itself; an id an earlier merge
    folded into an actor (its ``merged_ids``) is that actor; else None."""
    absorbed = {}
    for n, ids in G.nodes(data="merged_ids"):
        for old in id_list(ids):
            if old not in G:
                absorbed.setdefault(old, n)
    return lambda node: node if node in G else absorbed.get(node)


def _compatible(G, a, b) -> bool:
    kinds = {G.nodes[a]["kind"], G.nodes[b]["kind"]}
    return len(kinds) == 1 or kinds <= ORGANISATION_KINDS


def _groups(G, pairs, summary):
    """Accepted pairs closed transitively (union-find): lists of actors, each
    sorted, in a stable order."""
    now = _resolver(G)
    parent = {}

    def find(x):
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for pair in pairs:
        ends = []
        for n in pair:
            held = now(n)
            if held is None:
                raise ResolveError("an accepted pair names an id that is not in the network "
                                   f"({n})", [])
            if held != n and (n, held) not in summary.redirected:
                summary.redirected.append((n, held))
            ends.append(held)
        a, b = ends
        if not _compatible(G, a, b):
            raise ResolveError(f"an accepted pair joins two kinds ({a}, {b})", [a, b])
        ra, rb = find(a), find(b)
        if ra == rb:
            summary.already_one += a == b
            continue
        parent[max(ra, rb)] = min(ra, rb)
    groups = defaultdict(list)
    for n in sorted(parent.keys() | set(parent.values())):
        groups[find(n)].append(n)
    return [groups[root] for root in sorted(groups)]


def _rewire(G, mapping, summary):
    """A copy of ``G`` with nodes merged per ``mapping`` (old id -> kept id)."""
    H = nx.MultiDiGraph(**G.graph)
    for n, d in G.nodes(data=True):
        if n not in mapping:
            H.add_node(n, **_copied(d))
    for n in G.nodes:
        if n in mapping:
            H.add_node(n, **dict(G.nodes[n]))
            absorb(H, mapping[n], n)
            H.remove_node(n)
    placer = TiePlacer(H, summary)
    for u, v, key, d in G.edges(keys=True, data=True):
        nu, nv = mapping.get(u, u), mapping.get(v, v)
        if nu == nv:
            summary.loops.append((u, d["type"], v))
            continue
        d = dict(d)
        if d.get("claimed_by") in mapping:
            d["claimed_by"] = mapping[d["claimed_by"]]
        project = d.get("project")
        if project in mapping:
            d["project"] = mapping[project]
        if (nu, nv, d.get("project")) != (u, v, project) and key == tie_key(
                u, d["type"], v, since=d.get("since"), project=project):
            key = tie_key(nu, d["type"], nv, since=d.get("since"), project=d.get("project"))
        placer.place(nu, nv, key, d, origin=(u, v))
    return _claims_settled(H, summary)


def _claims_settled(H, summary):
    """``H`` with one-sided claims worked out again (``graph.claims``), counted."""
    before = {(u, v, k): d.get("claimed_by") for u, v, k, d in H.edges(keys=True, data=True)
              if d.get("type") == "PARTNER_OF"}
    set_recounted_claims(H)
    summary.claims_settled += sum(1 for (u, v, k), c in before.items()
                                  if H.edges[u, v, k].get("claimed_by") != c)
    return H


def merge_duplicates(network: ActorNetwork, pairs, *, summary: MergeSummary | None = None,
                     keep=None, in_place: bool = False):
    """Merge the accepted duplicate ``pairs`` ``[(id_a, id_b), ...]``.

    The pairs are closed transitively first (a = b and b = c merge a, b and
    c; a cycle is one group). The actor kept is the one with the most ties
    (then the smaller id); the others' names become its aliases, their
    evidence joins its evidence, their ids are listed in its ``merged_ids``,
    and their ties move to it. Nothing is lost: a tie is combined with
    another only when it says the same (ends, type, years, themes, role and
    other properties; its evidence is joined) and is then listed in
    ``summary.duplicates``; a tie joining two merged actors is listed in
    ``summary.loops``. An institution, a company and an NGO can be merged
    (the kind of the actor kept stays; listed in ``summary.kinds_changed``).
    A pair naming an id that an earlier merge folded into an actor (its
    ``merged_ids``) applies to that actor (listed in ``summary.redirected``).
    One-sided partnership claims are settled again
    (:func:`actornet.graph.claims.set_recounted_claims`). ``keep``, a function
    ``keep(G, members) -> id``, chooses the actor kept instead
    (``build`` uses :func:`actornet.graph.merging.stable_keep`). With
    ``in_place``, the network's own graph is changed and only the merged
    actors' ties are moved (for a caller that owns the network: ``build``).

    Returns
    -------
    (ActorNetwork, MergeSummary)

    Raises
    ------
    ResolveError
        If a pair names an id that is not in the network (nor merged into an
        actor of it), or joins two kinds that cannot be one actor.

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
    >>> merged.graph.nodes["tub"]["merged_ids"]
    ['tu']
    """
    summary = summary if summary is not None else MergeSummary()
    G = network.graph
    mapping = {}
    for members in _groups(G, pairs, summary):
        kept = (keep(G, members) if keep is not None
                else min(members, key=lambda n: (-G.degree(n), n)))
        others = [m for m in members if m != kept]
        for m in others:
            mapping[m] = kept
            if G.nodes[m]["kind"] != G.nodes[kept]["kind"]:
                summary.kinds_changed.append((m, G.nodes[m]["kind"], G.nodes[kept]["kind"]))
        summary.merged.append((kept, others))
    if in_place and not any(G.nodes[n]["kind"] == Kind.PROJECT.value for n in mapping):
        H = thawed(G)
        rewire_in_place(H, mapping, summary, lambda u, t, v, since, project: tie_key(
            u, t, v, since=since, project=project))
        H = _claims_settled(H, summary)
    else:
        H = _rewire(G, mapping, summary)
    summary.actors = sum(1 for _, k in H.nodes(data="kind") if k in _KINDS)
    summary.ties = H.number_of_edges()
    merged = ActorNetwork._adopt(H, network.themes, name=network.name, home=network._home)
    return merged, summary


def external_id_pairs(network: ActorNetwork) -> list[tuple[str, str, str]]:
    """Pairs of actors that share an external id: ``(a, b, "scheme:value")``.

    Only actors that can be one are paired (the same kind, or an institution,
    a company and an NGO), each pair once, in a stable order.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("berlin_de", kind="city", name="Berlin", external_ids="geonames:2950159")
    >>> G.add_node("Q64", kind="city", name="Berlin", external_ids=["wikidata:Q64",
    ...            "geonames:2950159"])
    >>> external_id_pairs(ActorNetwork(G))
    [('Q64', 'berlin_de', 'geonames:2950159')]
    """
    G = network.graph
    holders = defaultdict(list)
    for n, d in G.nodes(data=True):
        if d["kind"] not in _KINDS:
            continue
        for scheme, values in external_ids(d.get("external_ids")).items():
            for value in values:
                holders[f"{scheme}:{value}"].append(n)
    pairs, seen = [], set()
    for ident in sorted(holders):
        members = sorted(holders[ident])
        for b in members[1:]:
            a = members[0]
            if (a, b) not in seen and _compatible(G, a, b):
                seen.add((a, b))
                pairs.append((a, b, ident))
    return pairs


def merge_external_ids(network: ActorNetwork, *, summary: MergeSummary | None = None,
                       in_place: bool = False):
    """Merge the actors that share an external id (``wikidata:Q64``), as
    :func:`merge_duplicates` merges accepted pairs; each match is listed in
    ``summary.by_external_id``.

    Returns
    -------
    (ActorNetwork, MergeSummary)
    """
    summary = summary if summary is not None else MergeSummary()
    pairs = external_id_pairs(network)
    if not pairs:
        return network, summary
    merged, summary = merge_duplicates(network, [(a, b) for a, b, _ in pairs],
                                       summary=summary, in_place=in_place)
    now = {m: k for k, ms in summary.merged for m in ms}
    for a, b, ident in pairs:
        kept = now.get(a, a)
        summary.by_external_id.append((kept, b if kept != b else a, ident))
    return merged, summary


def union_networks(networks, names=None):
    """One network from several: actors with the same id are one actor, then
    actors sharing an external id are one actor.

    The first network's attributes win; later ones add aliases, evidence and
    properties it lacks. A tie present in several is kept once with its
    evidence joined when it says the same (a partnership listed the other way
    round included: see :func:`merge_duplicates`), else kept as a tie of its
    own. An id used for two different kinds (a city and an organisation
    named like it) stays two actors: the later one is renamed ``id_kind`` and
    listed in ``kind_conflicts``. Then :func:`merge_external_ids`. The home
    city is the first stated one.

    Returns
    -------
    (ActorNetwork, MergeSummary)
    """
    with gc_paused():  # every actor and tie copied: many small dicts, none in a cycle
        return _union(networks, names)


def _union(networks, names):
    summary = MergeSummary()
    H = nx.MultiDiGraph(name="merged")
    placer = TiePlacer(H, summary)
    themes = ThemeTable()
    home = None
    for index, net in enumerate(networks):
        label = names[index] if names else net.name
        summary.sources.append((label, net.graph.number_of_nodes()))
        home = home or net._home
        for theme in net.themes:
            if theme.id not in themes:
                themes.add(theme)
        rename = _add_nodes(H, net, label, summary)
        for u, v, key, d in net.graph.edges(keys=True, data=True):
            if u in rename or v in rename or d.get("project") in rename:
                d = dict(d)
                project = d.get("project")
                d["project"] = rename.get(project, project)
                if d["project"] is None:
                    del d["project"]
                derived = key == tie_key(u, d["type"], v, since=d.get("since"), project=project)
                u, v = rename.get(u, u), rename.get(v, v)
                if derived:
                    key = tie_key(u, d["type"], v, since=d.get("since"), project=d.get("project"))
            placer.place(u, v, key, d)
    H = _claims_settled(H, summary)
    network = ActorNetwork._adopt(H, themes, name="merged", home=home)
    network, summary = merge_external_ids(network, summary=summary, in_place=True)
    summary.actors = sum(1 for _, k in network.graph.nodes(data="kind") if k in _KINDS)
    summary.ties = network.graph.number_of_edges()
    return network, summary


def _add_nodes(H, net, label, summary) -> dict:
    """Add ``net``'s nodes to ``H`` (one id, one actor); the renames of ids
    used there for another kind."""
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
            absorb(H, n, f"\0{n}", remember=False)
            H.remove_node(f"\0{n}")
        else:
            H.add_node(n, **_copied(d))
    return rename


def _copied(data) -> dict:
    """A node's attributes for a new graph: lists copied, ``merged_ids`` a list."""
    out = {k: (list(v) if isinstance(v, list) else v) for k, v in data.items()}
    if "merged_ids" in out:
        out["merged_ids"] = id_list(out["merged_ids"])
    return out
