"""`merge` conserves: every tie, role, evidence and alias of the input is in the output,
or listed in the summary (a duplicate of a kept tie, or a tie between two merged actors).
A property test on random networks with random accepted pairs, cycles included."""

from __future__ import annotations

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actornet.graph.merging import TiePlacer
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.resolve import merge_duplicates, union_networks
from actornet.graph.schema import fold_text

ORG_KINDS = ("institution", "company", "ngo")


@st.composite
def networks(draw):
    cities = [f"c{i}" for i in range(draw(st.integers(2, 4)))]
    orgs = [f"o{i}" for i in range(draw(st.integers(2, 7)))]
    projects = [f"p{i}" for i in range(draw(st.integers(1, 3)))]
    G = nx.MultiDiGraph()
    for c in cities:
        G.add_node(c, kind="city", name=draw(st.sampled_from(["Berlin", "Graz", "Kyiv"])),
                   evidence=draw(st.sampled_from(["twins", "p190"])))
    for o in orgs:
        G.add_node(o, kind=draw(st.sampled_from(ORG_KINDS)), name=f"Org {o}",
                   aliases=draw(st.lists(st.sampled_from(["A", "B", "Org X"]), max_size=2,
                                         unique=True)),
                   evidence=draw(st.sampled_from(["keep", "cordis", "keep; cordis"])))
    for p in projects:
        G.add_node(p, kind="project", name=f"Project {p}")
    years = st.one_of(st.none(), st.integers(1990, 2020))
    evidence = st.sampled_from(["keep", "cordis", "twins"])
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["coop", "part", "partner", "based"]))
        if kind == "coop":
            u, v = draw(st.sampled_from(orgs)), draw(st.sampled_from(orgs))
            d = {"type": "COOPERATES_WITH", "since": draw(years), "until": draw(years),
                 "themes": draw(st.lists(st.sampled_from(["business", "science"]),
                                         max_size=2, unique=True))}
        elif kind == "part":
            u, v = draw(st.sampled_from(orgs)), draw(st.sampled_from(projects))
            d = {"type": "PARTICIPATES_IN", "role": draw(st.sampled_from(["lead", "partner"])),
                 "since": draw(years)}
        elif kind == "partner":
            u, v = draw(st.sampled_from(cities)), draw(st.sampled_from(cities))
            d = {"type": "PARTNER_OF", "since": draw(years),
                 "claimed_by": draw(st.sampled_from(["", u]))}
        else:
            u, v = draw(st.sampled_from(orgs)), draw(st.sampled_from(cities))
            d = {"type": "BASED_IN"}
        if u == v:
            continue
        d = {k: x for k, x in d.items() if x not in (None, [], "")}
        d["evidence"] = draw(evidence)
        key = tie_key(u, d["type"], v, since=d.get("since"))
        if not G.has_edge(u, v, key):
            G.add_edge(u, v, key=key, **d)
    pairs = draw(st.lists(st.one_of(st.tuples(st.sampled_from(orgs), st.sampled_from(orgs)),
                                    st.tuples(st.sampled_from(cities), st.sampled_from(cities))),
                          max_size=8))
    return ActorNetwork(G), pairs


def _items(cell):
    return {x.strip() for x in str(cell or "").split(";") if x.strip()}


def check_conserved(before, after, summary, mapping):
    out = {}
    for x, y, data in after.graph.edges(data=True):
        out.setdefault(TiePlacer.what(x, y, data), []).append(data)
    for u, v, data in before.graph.edges(data=True):
        nu, nv = mapping.get(u, u), mapping.get(v, v)
        if nu == nv:
            assert (u, data["type"], v) in summary.loops
            continue
        data = dict(data)
        if data.get("project") in mapping:
            data["project"] = mapping[data["project"]]
        kept = out.get(TiePlacer.what(nu, nv, data))
        assert kept, (u, v, data)
        assert any(_items(data.get("evidence")) <= _items(k.get("evidence")) for k in kept)
    assert after.graph.number_of_edges() + summary.loops_dropped + summary.ties_combined == \
        before.graph.number_of_edges()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_merge_closes_pairs_and_loses_no_tie_role_evidence_or_alias(case):
    network, pairs = case
    pairs = [(a, b) for a, b in pairs if a != b]
    merged, summary = merge_duplicates(network, pairs)
    mapping = {m: k for k, ms in summary.merged for m in ms}
    assert all(mapping.get(a, a) == mapping.get(b, b) for a, b in pairs)  # closed transitively
    check_conserved(network, merged, summary, mapping)
    for n, d in network.graph.nodes(data=True):
        kept = merged.graph.nodes[mapping.get(n, n)]
        spellings = {fold_text(s) for s in [kept["name"], *kept.get("aliases", ())]}
        assert {fold_text(s) for s in [d["name"], *d.get("aliases", ())]} <= spellings
        assert _items(d.get("evidence")) <= _items(kept.get("evidence"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), networks())
def test_union_loses_no_tie(first, second):
    a, b = first[0], second[0]
    merged, summary = union_networks([a, b], ["a", "b"])
    renamed = {n: f"{n}_{d['kind']}" for n, d in b.graph.nodes(data=True)
               if n in a.graph and a.graph.nodes[n]["kind"] != d["kind"]}
    both = nx.MultiDiGraph()
    both.add_nodes_from(merged.graph.nodes(data=True))
    for net, rename in ((a, {}), (b, renamed)):
        for u, v, key, d in net.graph.edges(keys=True, data=True):
            d = dict(d)
            if d.get("project") in rename:
                d["project"] = rename[d["project"]]
            both.add_edge(rename.get(u, u), rename.get(v, v), key=f"{len(both.edges)}", **d)
    check_conserved(ActorNetwork(both), merged, summary, {})


def test_the_cycle_of_the_issue_keeps_every_cooperation():
    G = nx.MultiDiGraph()
    for n in ("a", "b", "c", "x"):
        G.add_node(n, kind="company", name=n.upper())
    G.add_edge("a", "x", key="a>COOPERATES_WITH>x>1995", type="COOPERATES_WITH", since=1995,
               until=2008, themes=["business"])
    G.add_edge("b", "x", key="b>COOPERATES_WITH>x>1995", type="COOPERATES_WITH", since=1995,
               until=2010, themes=["business"])
    G.add_edge("c", "x", key="c>COOPERATES_WITH>x>1995", type="COOPERATES_WITH", since=1995,
               until=2008, themes=["business"])
    merged, summary = merge_duplicates(ActorNetwork(G), [("a", "b"), ("b", "c"), ("c", "a")])
    untils = sorted(d["until"] for _, _, d in merged.graph.edges(data=True))
    assert (untils, summary.duplicates) == ([2008, 2010], [("c", "COOPERATES_WITH", "x")])


def _said(net):
    """Every tie as what it says (with its evidence and claim), and every node."""
    ties = sorted(repr(TiePlacer.what(u, v, d) + (tuple(sorted(_items(d.get("evidence")))),
                                                 d.get("claimed_by")))
                  for u, v, d in net.graph.edges(data=True))
    nodes = {n: (d["name"], sorted(d.get("aliases", ())), sorted(d.get("merged_ids", ())),
                 sorted(_items(d.get("evidence"))))
             for n, d in net.graph.nodes(data=True)}
    return ties, nodes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_merging_in_place_says_what_rebuilding_says(case):
    # build merges in its own graph, moving only the merged actors' ties; its
    # graph comes from a union, where ties saying the same are one already
    network, pairs = case
    pairs = [(a, b) for a, b in pairs if a != b]
    network, _ = merge_duplicates(network, [])
    rebuilt, first = merge_duplicates(network, pairs)
    own = ActorNetwork(network.graph.copy())
    in_place, second = merge_duplicates(own, pairs, in_place=True)
    assert _said(in_place) == _said(rebuilt)
    assert (second.loops_dropped, second.ties_combined, second.merged) == \
        (first.loops_dropped, first.ties_combined, first.merged)
