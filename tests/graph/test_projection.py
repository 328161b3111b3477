"""Tests for actornet.graph.projection: the one actor projection and its arrays."""

import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from actornet.graph import schema
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.projection import BIG_GROUP, LINK_TYPES, ActorProjection, link_role
from actornet.loaders import read_network
from actornet.sample import sample_path
from checks import graph_snapshot

ROOT = Path(__file__).resolve().parents[2]


NETWORKS = {
    "sample": lambda: read_network(sample_path()),
    "generated": lambda: generated_network(400, 2500, seed=3),
    "generated-as-of": lambda: generated_network(1500, 8000, cities=6, seed=4).as_of(2012),
    "generated-small": lambda: generated_network(60, 150, cities=3, seed=9),
    "big-group": lambda: ActorNetwork(big_group_graph(2000)),
}


def big_group_graph(members, *, weight=2):
    """An outsider who knows member a0, members a0.. of one network "net"
    (participation ``weight``, a1 participates with 4), a small project of a0, a1, a2."""
    G = nx.MultiDiGraph()
    G.add_node("net", kind="network", name="Net")
    G.add_node("o", kind="ngo", name="Outsider")
    G.add_node("p", kind="project", name="P", themes=["climate"])
    for i in range(members):
        G.add_node(f"a{i}", kind="city", name=f"A{i}")
        G.add_edge(f"a{i}", "net", key=f"m{i}", type="MEMBER_OF", weight=4 if i == 1 else weight)
    for i in range(3):
        G.add_edge(f"a{i}", "p", key=f"p{i}", type="PARTICIPATES_IN")
    G.add_edge("o", "a0", key="k", type="KNOWS")
    return G


@pytest.fixture(params=list(NETWORKS), scope="module")
def network(request):
    return NETWORKS[request.param]()


def array_edges(P, values):
    """{(a, b): value} of each undirected link in the arrays (a < b by position)."""
    rows = np.repeat(np.arange(P.n), np.diff(P.indptr))
    out = {}
    for i, j, x in zip(rows.tolist(), P.indices.tolist(), values.tolist()):
        if i < j:
            out[(P.nodes[i], P.nodes[j])] = x
    return out


def graph_edges(A, attribute):
    order = {n: i for i, n in enumerate(A)}
    return {((a, b) if order[a] < order[b] else (b, a)): d[attribute]
            for a, b, d in A.edges(data=True) if a != b}


# -- the arrays and the networkx graph describe the same links ----------------------
def test_same_actors_in_the_same_order(network):
    P = network.projection()
    assert P.nodes == list(network.actor_graph())


def test_same_edges_with_the_same_strengths(network):
    P = network.projection()
    from_arrays = array_edges(P, P.strength)
    from_graph = graph_edges(network.actor_graph(), "strength")
    assert from_arrays == pytest.approx(from_graph)


def test_same_distances(network):
    P = network.projection()
    assert array_edges(P, P.distance) == pytest.approx(
        graph_edges(network.actor_graph(), "distance"))


def test_flags_name_the_types_of_each_edge(network):
    P = network.projection()
    A = network.actor_graph()
    for a, b, d in A.edges(data=True):
        if a != b:
            assert P.link_types(P.index[a], P.index[b]) == d["types"]


def test_reverse_positions_point_back(network):
    P = network.projection()
    rows = np.repeat(np.arange(P.n), np.diff(P.indptr))
    assert np.array_equal(rows[P.rev], P.indices)
    assert np.array_equal(P.strength[P.rev], P.strength)


def test_cities_kinds_and_names_are_the_networks(network):
    P = network.projection()
    assert [P.city_of(i) for i in range(P.n)] == [network.city_of(n) for n in P.nodes]
    assert P.kinds == [network.kind(n).value for n in P.nodes]
    assert P.names == [network.graph.nodes[n].get("name", n) for n in P.nodes]


def test_evidence_of_each_edge_equals_actor_graph(network):
    P = network.projection()
    A = network.actor_graph()
    edges = list(A.edges(data=True))
    if len(edges) > 3000:  # a sample of the big ones: edge() is per pair
        edges = edges[::7]
    for a, b, d in edges:
        assert P.edge(a, b) == d
        assert P.edge(b, a) == d


@pytest.mark.parametrize("share", [0.0, 0.1, 0.5, 1.0])
def test_edges_among_are_the_links_of_edges_between_those_actors(network, share):
    """The evidence of the links among some actors (what the page draws) is
    that of edges(), in its order, restricted to links with both ends inside."""
    P = network.projection()
    rng = np.random.default_rng(int(share * 10))
    inside = {a for a in P.nodes if rng.random() < share}
    expected = [e for e in P.edges() if e[0] in inside and e[1] in inside]
    assert P.edges_among(inside) == expected
    if share == 1.0:
        assert P.edges_among(P.nodes) == P.edges()


def reference_actor_graph(network, default_intensity=schema.DEFAULT_INTENSITY):
    """The actor graph as ActorNetwork.actor_graph built it before the
    projection module: one pass over the ties (the reference)."""
    from collections import defaultdict

    G0 = network.graph
    nodes = G0.nodes
    direct = {t.value for t in schema.TieType if t.projection is schema.Projection.DIRECT}
    group = {t.value for t in schema.TieType if t.projection is schema.Projection.PROJECT}
    actors = {n for n, d in nodes(data=True) if schema.Kind(d["kind"]).is_actor}
    A = nx.Graph(name=f"{network.name} (actors)")
    A.add_nodes_from((n, {"kind": nodes[n]["kind"], "name": nodes[n].get("name", n),
                          "city": network.city_of(n), "themes": list(nodes[n].get("themes", ()))})
                     for n in nodes if n in actors)
    links = {}
    members = defaultdict(dict)
    for u, v, key, d in G0.edges(keys=True, data=True):
        if u not in actors:
            continue
        intensity = d.get("weight")
        if intensity is None:
            intensity = default_intensity
        if d["type"] in direct:
            if v not in actors:
                continue
            item = links.setdefault((u, v) if u <= v else (v, u), [0, set(), set(), [], []])
            item[0] += intensity
            item[1].update(d.get("themes", ()))
            if d.get("project") is not None:
                item[1].update(nodes[d["project"]].get("themes", ()))
            item[2].add(d["type"])
            item[3].append(key)
        elif d["type"] in group:
            if intensity > members[v].get(u, 0):
                members[v][u] = intensity
    for project, joined in members.items():
        people = sorted(joined.items())
        for i, (a, wa) in enumerate(people):
            for b, wb in people[i + 1:]:
                item = links.setdefault((a, b), [0, set(), set(), [], []])
                item[0] += min(wa, wb)
                item[1].update(nodes[project].get("themes", ()))
                item[2].add("SHARED_PROJECT")
                item[4].append(project)
    A.add_edges_from(
        (a, b, {"strength": s, "distance": 1.0 / s if s > 0 else float("inf"),
                "themes": sorted(t), "types": sorted(y), "ties": ties, "projects": projects})
        for (a, b), (s, t, y, ties, projects) in links.items())
    return A


def test_actor_graph_is_what_it_was(network):
    A, R = network.actor_graph(), reference_actor_graph(network)
    assert list(A.nodes(data=True)) == list(R.nodes(data=True))
    assert list(A.edges(data=True)) == list(R.edges(data=True))
    assert [list(A.adj[n]) for n in A] == [list(R.adj[n]) for n in R]
    assert A.graph == R.graph


def test_actor_csr_is_the_projection(network):
    from actornet.queries.graph_arrays import actor_csr

    by_distance, by_strength = actor_csr(network)
    P = network.projection()
    assert np.array_equal(by_strength.values, P.strength)
    assert np.array_equal(by_distance.indices, P.indices)


# -- small known answers -------------------------------------------------------------
def small():
    G = nx.MultiDiGraph()
    for n, kind in [("b", "city"), ("k", "city"), ("fu", "institution"), ("ngo", "ngo"),
                    ("ana", "person"), ("ben", "person")]:
        G.add_node(n, kind=kind, name=n.upper(), themes=["climate"] if n == "fu" else [])
    G.add_node("p", kind="project", name="P", themes=["science"])
    G.add_node("q", kind="project", name="Q")
    G.add_node("climate", kind="theme", name="Climate")
    G.add_node("culture", kind="theme", name="Culture")
    edges = [("b", "k", "s", "PARTNER_OF", {}),
             ("k", "b", "s2", "PARTNER_OF", {"weight": 2}),
             ("ana", "fu", "m", "MEMBER_OF", {"weight": 3}),
             ("fu", "ngo", "c", "COOPERATES_WITH", {"themes": ["culture"], "project": "q"}),
             ("fu", "p", "j1", "PARTICIPATES_IN", {"weight": 4}),
             ("ngo", "p", "j2", "PARTICIPATES_IN", {"weight": 2}),
             ("ngo", "p", "j3", "FUNDS", {"weight": 5}),
             ("ben", "p", "j4", "PARTICIPATES_IN", {"weight": 0}),  # weight 0 joins nothing
             ("ben", "culture", "w", "WORKS_ON", {}),
             ("fu", "b", "in", "BASED_IN", {})]
    for u, v, key, tie_type, attrs in edges:
        G.add_edge(u, v, key=key, type=tie_type, **attrs)
    return ActorNetwork(G)


def test_known_strengths_types_and_evidence():
    P = small().projection()
    edge = P.edge("fu", "ngo")
    # COOPERATES_WITH without a weight (1) + min(4, strongest of 2 and 5) for p
    assert edge == {"strength": 5, "distance": 0.2, "themes": ["culture", "science"],
                    "types": ["COOPERATES_WITH", "SHARED_PROJECT"], "ties": ["c"],
                    "projects": ["p"]}


def test_both_directions_of_a_partnership_add_up():
    P = small().projection()
    assert P.edge("k", "b")["strength"] == 3
    assert P.edge("k", "b")["ties"] == ["s", "s2"]


def test_a_missing_edge_is_a_key_error():
    with pytest.raises(KeyError):
        small().projection().edge("ana", "k")


def test_route_mask_leaves_out_the_formal_partnership():
    P = small().projection()
    route = (P.flags & ~P.mask("PARTNER_OF")) != 0
    rows = np.repeat(np.arange(P.n), np.diff(P.indptr))
    pairs = {(P.nodes[i], P.nodes[j]) for i, j, r in zip(rows, P.indices, route) if r}
    assert ("b", "k") not in pairs
    assert ("fu", "ngo") in pairs


def test_mask_rejects_a_name_that_is_no_link_type():
    with pytest.raises(ValueError):
        small().projection().mask("BASED_IN")


def test_theme_facts():
    P = small().projection()
    assert [P.nodes[i] for i in P.declared("climate")] == ["fu"]
    assert [P.nodes[i] for i in P.declared("culture")] == ["ben"]
    assert [P.nodes[i] for i in P.tied("culture")] == ["fu", "ngo"]
    assert [P.nodes[i] for i in P.tied("science")] == ["fu", "ngo"]


def test_evidence_index_per_actor():
    P = small().projection()
    # in tie order: fu's own ties (fu was added before ana), then ana's
    assert P.ties_of("fu") == [("c", "ngo", "COOPERATES_WITH"), ("m", "ana", "MEMBER_OF")]
    assert P.groups_of("ngo") == {"p": 5}
    assert P.groups_of("ben") == {}


def test_direct_ties_by_type():
    P = small().projection()
    assert [P.tie_ids[t] for t in P.direct_ties(["PARTNER_OF"])] == ["s", "s2"]
    assert P.tie_types()[:1] == ["PARTNER_OF"]


def test_a_tie_to_itself_is_a_self_loop_in_actor_graph_only():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    G.add_edge("a", "a", key="t", type="COOPERATES_WITH", weight=2)
    net = ActorNetwork(G)
    assert net.actor_graph().edges["a", "a"]["strength"] == 2
    assert net.projection().m == 0


def test_link_types_are_the_direct_tie_types_and_shared_project():
    direct = [t.value for t in schema.TieType if t.projection is schema.Projection.DIRECT]
    assert LINK_TYPES == (*direct, "SHARED_PROJECT")


def test_the_projection_follows_tie_role(monkeypatch):
    """A kind made a group kind in the schema turns its memberships into
    shared-group links, with no edit here."""
    monkeypatch.setattr(schema, "GROUP_KINDS", schema.GROUP_KINDS | {schema.Kind.NGO})
    link_role.cache_clear()
    try:
        G = nx.MultiDiGraph()
        G.add_node("club", kind="ngo", name="Club")
        for n in ("ana", "ben"):
            G.add_node(n, kind="person", name=n)
            G.add_edge(n, "club", key=f"{n}-club", type="MEMBER_OF", weight=2)
        P = ActorNetwork(G).projection()
        assert P.edge("ana", "ben")["projects"] == ["club"]
        assert P.groups == ["club"]
    finally:
        link_role.cache_clear()


# -- built once, never changing the network ------------------------------------------
def test_built_once_per_network(monkeypatch):
    from actornet.graph import projection_columns

    net = generated_network(100, 300, cities=3, seed=5)
    built = []
    original, from_columns = ActorProjection.__init__, projection_columns.projection_state_from_columns

    def counting(self, *args, **kwargs):
        built.append(1)
        return original(self, *args, **kwargs)

    def counting_columns(*args, **kwargs):  # built from the network's tables
        built.append(1)
        return from_columns(*args, **kwargs)

    monkeypatch.setattr(ActorProjection, "__init__", counting)
    monkeypatch.setattr(projection_columns, "projection_state_from_columns", counting_columns)
    first = net.projection()
    net.actor_graph()
    net.actor_graph()
    from actornet.queries.graph_arrays import actor_csr

    actor_csr(net)
    assert first is net.projection()
    assert len(built) == 1


def test_a_view_has_a_projection_of_its_own():
    net = generated_network(100, 300, cities=3, seed=5)
    view = net.as_of(2000)
    assert view.projection() is not net.projection()
    assert view.projection().m < net.projection().m


def test_the_network_is_never_changed():
    net = read_network(sample_path())
    before = graph_snapshot(net.graph)
    P = net.projection()
    list(P.edges())
    for a, b in list(net.actor_graph().edges())[:20]:
        P.edge(a, b)
    P.ties_of(P.nodes[0])
    P.tied("climate")
    assert graph_snapshot(net.graph) == before


def test_the_arrays_are_read_only():
    P = generated_network(60, 150, cities=3, seed=9).projection()
    with pytest.raises(ValueError):
        P.strength[0] = 99.0


# -- nobody outside graph/ reads networkx or ActorNetwork internals ------------------
INTERNALS = re.compile(r"\._(node|succ|adj|pred|cities)\b")


@pytest.mark.parametrize("folder", ["loaders", "queries", "viz", "actornet"])
def test_no_internals_outside_graph(folder):
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted((ROOT / folder).rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if INTERNALS.search(line)]
    assert found == []


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_ball_is_networkx_shortest_path_ball(network, depth):
    A = network.actor_graph()
    P = network.projection()
    for start in P.nodes[::max(1, P.n // 5)]:
        expected = set(nx.single_source_shortest_path_length(A, start, cutoff=depth))
        assert P.ball(start, depth) == expected


def test_changing_one_actor_graph_leaves_the_next_alone():
    net = small()
    A = net.actor_graph()
    A.edges["fu", "ngo"]["ties"].append("mine")
    A.edges["fu", "ngo"]["themes"].clear()
    again = net.actor_graph().edges["fu", "ngo"]
    assert again["ties"] == ["c"]
    assert again["themes"] == ["culture", "science"]


def test_members_of_a_network_are_linked_like_a_projects():
    G = nx.MultiDiGraph()
    for n, kind in [("a", "city"), ("b", "city"), ("c", "ngo")]:
        G.add_node(n, kind=kind, name=n.upper())
    G.add_node("euro", kind="network", name="Eurocities")
    G.add_edge("a", "euro", key="m1", type="MEMBER_OF")
    G.add_edge("b", "euro", key="m2", type="MEMBER_OF", weight=3)
    A = ActorNetwork(G).actor_graph()
    assert sorted(A.edges()) == [("a", "b")]
    assert A["a"]["b"]["projects"] == ["euro"]


# -- large groups are hubs, never pairs -----------------------------------------------
@pytest.fixture(scope="module")
def big():
    return ActorNetwork(big_group_graph(2000)).projection()


def test_a_large_group_makes_no_pairs(big):
    # the 1,999,000 pairs of the network are never made: the KNOWS tie and
    # the three pairs of the small project are all the links there are
    assert big.m == 1 + 3


def test_a_large_group_is_a_hub(big):
    assert [big.groups[c] for c in big.hubs.tolist()] == ["net"]


def test_a_small_group_is_still_pairs(big):
    assert big.edge("a0", "a2")["projects"] == ["p"]


def test_two_members_of_a_large_group_only_are_not_linked(big):
    with pytest.raises(KeyError):
        big.edge("a5", "a6")


def test_the_path_graph_has_one_node_and_one_edge_per_member_more(big):
    csr = big.path_csr()
    assert (csr.n, csr.indices.shape[0]) == (big.n + 1, 2 * (big.m + 2000))


def test_the_path_graph_keeps_the_actors_first(big):
    assert big.path_csr().nodes == big.nodes + ["net"]


def test_a_path_through_the_hub_is_as_long_as_a_newman_link(big):
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    csr = big.path_csr()
    matrix = csr_matrix((csr.values, csr.indices, csr.indptr), shape=(csr.n, csr.n))
    a5, a1 = big.index["a5"], big.index["a1"]
    dist = dijkstra(matrix, indices=[a5])[0]
    # equal participations w: strength w / (n - 1), length (n - 1) / w
    assert dist[big.index["a6"]] == pytest.approx(1999 / 2)
    # wa = 2, wb = 4: strength 2 / ((n - 1) (1/2 + 1/4)), length 1999 * 0.75 / 2
    assert dist[a1] == pytest.approx(1999 * 0.75 / 2)


def test_path_csr_is_csr_without_large_groups():
    P = generated_network(60, 150, cities=3, seed=9).projection()
    assert P.path_csr().indices is P.csr().indices


def test_betweenness_credit_never_goes_to_the_hub(big):
    from actornet.queries.path_sums import PathGraph

    paths = PathGraph.from_csr(big.path_csr(), actors=big.n)
    values = paths.run().betweenness(False)
    # the outsider reaches the 1,999 other members only through a0 (a1 and
    # a2 through the small project, the rest then through the hub, which is
    # no broker); the pairs of members run through the hub alone
    assert values[big.index["a0"]] == pytest.approx(1999)


def test_the_strong_member_brokers_into_the_large_group(big):
    from actornet.queries.path_sums import PathGraph

    values = PathGraph.from_csr(big.path_csr(), actors=big.n).run().betweenness(False)
    # a1's participation 4 makes its hub edge half as long: a0, a2 and the
    # outsider reach the 1,997 members outside the project through a1
    assert values[big.index["a1"]] == pytest.approx(3 * 1997)


def test_betweenness_of_the_other_members_is_none(big):
    from actornet.queries.path_sums import PathGraph

    values = PathGraph.from_csr(big.path_csr(), actors=big.n).run().betweenness(False)
    others = np.delete(values[:big.n], [big.index["a0"], big.index["a1"]])
    assert float(others.sum()) == 0.0


def test_brokers_lists_actors_only_with_a_large_group(big):
    from actornet.queries.brokers import brokers

    table = brokers(ActorNetwork(big_group_graph(2000)), by="kind", top=None)
    assert "net" not in set(table["actor"]) and len(table) == big.n


# -- stored as arrays (the network cache between commands keeps the projection) ----
ARRAYS = ("city", "indptr", "indices", "strength", "distance", "rev", "flags", "tie_source",
          "tie_target", "member_actor", "member_group", "member_weight", "hubs")


def restored(network):
    """The network after a round trip through the arrays the cache keeps."""
    from actornet.graph.stored import network_arrays, network_from_arrays

    network.projection()
    return network_from_arrays(network_arrays(network), name=network.name)


def test_a_stored_projection_has_the_same_arrays(network):
    P = network.projection()
    Q = restored(network).projection()
    for name in ARRAYS:
        mine, theirs = getattr(P, name), getattr(Q, name)
        assert (name, mine.dtype, mine.tolist()) == (name, theirs.dtype, theirs.tolist())
        assert not theirs.flags.writeable, name


def test_a_stored_projection_has_the_same_lists(network):
    P, Q = network.projection(), restored(network).projection()
    assert ((Q.nodes, Q.index, Q.kinds, Q.names, Q.cities, Q.groups, Q.tie_ids, Q.tie_types())
            == (P.nodes, P.index, P.kinds, P.names, P.cities, P.groups, P.tie_ids, P.tie_types()))


def test_a_stored_projection_gives_the_same_evidence(network):
    P, Q = network.projection(), restored(network).projection()
    assert Q.edges() == P.edges()
    some = P.nodes[:20]
    assert [Q.ties_of(a) for a in some] == [P.ties_of(a) for a in some]
    assert [Q.groups_of(a) for a in some] == [P.groups_of(a) for a in some]
    themes = sorted({t for n in P.nodes for t in network.graph.nodes[n].get("themes", ())})
    assert [Q.declared(t).tolist() for t in themes] == [P.declared(t).tolist() for t in themes]
    assert [Q.tied(t).tolist() for t in themes] == [P.tied(t).tolist() for t in themes]


def test_a_stored_projection_gives_the_same_path_arrays(network):
    mine, theirs = network.projection().path_csr(), restored(network).projection().path_csr()
    assert (theirs.nodes, theirs.indptr.tolist(), theirs.indices.tolist(),
            theirs.values.tolist()) == (mine.nodes, mine.indptr.tolist(),
                                        mine.indices.tolist(), mine.values.tolist())


def test_a_stored_network_makes_its_graph_only_when_used(network):
    again = restored(network)
    box = again.__dict__["_graph_box"]
    again.projection().csr()
    assert not box.loaded
    assert again == network
    assert box.loaded


def test_a_stored_network_and_its_projection_share_one_graph(network):
    again = restored(network)
    assert again.projection()._graph is again.graph


def test_the_group_pairs_are_those_of_a_loop_over_the_groups():
    """The pairs made one group size at a time are, in order, those of a loop
    over the groups with numpy.triu_indices (as the projection once made them)."""
    from actornet.graph.projection_build import group_pairs

    rng = np.random.default_rng(7)
    sizes = rng.integers(0, 8, 40)
    sizes[3] = BIG_GROUP + 1  # a hub: never expanded
    actor = rng.integers(0, 500, int(sizes.sum()))
    weight = rng.random(int(sizes.sum()))
    a, b, w = group_pairs(actor, weight, sizes)
    expected, at = [], 0
    for size in sizes.tolist():
        ids, ws = actor[at:at + size], weight[at:at + size]
        at += size
        if 2 <= size <= BIG_GROUP:
            x, y = np.triu_indices(size, 1)
            expected += zip(ids[x].tolist(), ids[y].tolist(), np.minimum(ws[x], ws[y]).tolist())
    assert list(zip(a.tolist(), b.tolist(), w.tolist())) == expected


def test_progress_hears_the_steps():
    heard = []
    generated_network(60, 150, cities=3, seed=9).projection(
        progress=lambda done, total=None: heard.append((done, total)))
    assert heard[-1][0] == heard[-1][1] and len(heard) >= 2
