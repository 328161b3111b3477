"""Fragility: articulation points, bridges, node-disjoint routes, the per-partnership table."""

from __future__ import annotations

import copy
import itertools
import random

import networkx as nx
import pytest

from actornet.sample import sample_path
from actornet.graph.errors import MeasureError, QueryError, ResolveError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network
from actornet.queries.fragility import (
    FRAGILITY_COLUMNS, articulation_points, bridges, cut_off, disjoint_routes, fragility,
)


@pytest.fixture(scope="module")
def berlin():
    return read_network(sample_path())


def random_graphs(count=40, n=(5, 14), p=(0.1, 0.4), seed=7):
    rng = random.Random(seed)
    for i in range(count):
        yield nx.gnp_random_graph(rng.randint(*n), rng.uniform(*p), seed=rng.randrange(10**6))


# -- references, independent of actornet.queries.fragility ----------------------------
def cut_off_by_removal(G, v):
    """Remove v; count the nodes of its component outside the largest remaining piece."""
    component = nx.node_connected_component(G, v)
    H = G.subgraph(component - {v})
    pieces = [len(c) for c in nx.connected_components(H)]
    return len(component) - 1 - max(pieces) if pieces else 0


def max_flow_routes(G, sources, targets):
    """Node-disjoint source-target routes as networkx's maximum flow on a split graph."""
    D = nx.DiGraph()
    for v in G:
        D.add_edge((v, "in"), (v, "out"), capacity=1)
    for u, v in G.edges():
        D.add_edge((u, "out"), (v, "in"))
        D.add_edge((v, "out"), (u, "in"))
    for s in sources:
        D.add_edge("SOURCE", (s, "in"))
    for t in targets:
        D.add_edge((t, "out"), "SINK")
    if not sources or not targets:
        return 0
    return nx.maximum_flow_value(D, "SOURCE", "SINK")


def separated(G, removed, sources, targets):
    """True when no path joins a source to a target once ``removed`` is gone."""
    gone = set(removed)
    H = nx.Graph(G.subgraph(set(G) - gone))
    H.add_edges_from(("SOURCE", s) for s in sources if s not in gone)
    H.add_edges_from((t, "SINK") for t in targets if t not in gone)
    return not ("SOURCE" in H and "SINK" in H and nx.has_path(H, "SOURCE", "SINK"))


def smallest_separator_size(G, sources, targets):
    """Brute force over node subsets, smallest first (Menger's other side)."""
    nodes = list(G)
    for size in range(len(nodes) + 1):
        for removed in itertools.combinations(nodes, size):
            if separated(G, removed, sources, targets):
                return size
    raise AssertionError("unreachable")


def working_graph(net, year=None):
    """The actor graph without formal partnership ties, built with networkx only."""
    view = net if year is None else net.as_of(year)
    A = view.actor_graph()
    H = nx.Graph()
    H.add_nodes_from(A)
    H.add_edges_from((u, v) for u, v, d in A.edges(data=True) if set(d["types"]) - {"PARTNER_OF"})
    return H


def sides(net, partner):
    home = net.home_city
    A = net.actor_graph()
    return ([n for n in A if net.city_of(n) == home], [n for n in A if net.city_of(n) == partner])


# -- articulation points, cut_off, bridges ------------------------------------
def test_path_graph_inner_nodes_are_articulation_points():
    assert articulation_points(nx.path_graph(5)) == [1, 2, 3]


def test_star_centre_is_the_only_articulation_point():
    assert articulation_points(nx.star_graph(5)) == [0]


def test_star_centre_cuts_off_all_but_one_leaf():
    # 5 leaves fall apart into 5 pieces of one: the largest keeps 1, 4 are cut off
    assert cut_off(nx.star_graph(5))[0] == 4


def test_cycle_has_no_articulation_points_or_bridges():
    assert articulation_points(nx.cycle_graph(6)) == []
    assert bridges(nx.cycle_graph(6)) == {}


def test_barbell_articulation_points():
    # triangles {0,1,2} and {4,5,6} joined through 3
    assert set(articulation_points(nx.barbell_graph(3, 1))) == {2, 3, 4}


def test_medici_cuts_off_acciaiuoli_salviati_and_pazzi():
    # By hand: Acciaiuoli's only tie is to Medici; Salviati's are Medici and Pazzi,
    # Pazzi's only tie is Salviati. Albizzi keeps the rest together.
    G = nx.florentine_families_graph()
    assert cut_off(G, nodes=["Medici"]) == {"Medici": 3}


def test_florentine_articulation_points_match_networkx():
    G = nx.florentine_families_graph()
    assert set(articulation_points(G)) == set(nx.articulation_points(G))


def test_articulation_points_match_networkx_on_random_graphs():
    for G in random_graphs():
        assert set(articulation_points(G)) == set(nx.articulation_points(G))


def test_cut_off_matches_removal_on_random_graphs():
    for G in random_graphs():
        assert cut_off(G) == {v: cut_off_by_removal(G, v) for v in G}


def test_bridges_match_networkx_on_random_graphs():
    for G in random_graphs():
        mine = {frozenset(e) for e in bridges(G)}
        assert mine == {frozenset(e) for e in nx.bridges(G)}


def test_bridge_counts_the_smaller_side():
    for G in random_graphs(count=20):
        for (u, v), lost in bridges(G).items():
            H = G.copy()
            H.remove_edge(u, v)
            parts = (len(nx.node_connected_component(H, u)), len(nx.node_connected_component(H, v)))
            assert lost == min(parts)


def test_self_loop_does_not_hide_an_articulation_point():
    G = nx.path_graph(3)
    G.add_edge(1, 1)
    assert articulation_points(G) == [1]


def test_directed_graph_is_refused():
    with pytest.raises(MeasureError):
        cut_off(nx.DiGraph([(0, 1)]))


def test_graph_functions_leave_the_graph_unchanged():
    G = nx.florentine_families_graph()
    nx.set_edge_attributes(G, 1, "w")
    before = nx.node_link_data(G, edges="links")
    cut_off(G)
    bridges(G)
    articulation_points(G)
    disjoint_routes(G, ["Medici"], ["Strozzi"])
    assert nx.node_link_data(G, edges="links") == before


# -- disjoint routes ------------------------------------------------------------
def test_routes_on_a_cycle():
    # C6: {0,1} to {3,4}: 1-2-3 and 0-5-4
    assert disjoint_routes(nx.cycle_graph(6), [0, 1], [3, 4]).count == 2


def test_routes_through_a_single_joint():
    r = disjoint_routes(nx.barbell_graph(3, 1), [0, 1], [5, 6])
    assert r.count == 1


def test_routes_in_a_complete_bipartite_graph():
    # K(3,3): sources {0,1,2}, targets {3,4,5}: a perfect matching gives 3
    assert disjoint_routes(nx.complete_bipartite_graph(3, 3), [0, 1, 2], [3, 4, 5]).count == 3


def test_no_route_between_components():
    G = nx.Graph([(0, 1), (2, 3)])
    r = disjoint_routes(G, [0], [3])
    assert (r.count, r.paths, r.cut) == (0, [], [])


def test_node_in_both_groups_is_a_route():
    assert disjoint_routes(nx.path_graph(3), [1], [1]).count == 1


def test_unknown_node_is_refused():
    with pytest.raises(nx.NodeNotFound):
        disjoint_routes(nx.path_graph(3), [0], [9])


@pytest.mark.parametrize("seed", range(6))
def test_routes_equal_node_connectivity(seed):
    # Internally disjoint s-t paths (non-adjacent s, t) are node-disjoint routes
    # from N(s) to N(t) once s and t are gone.
    G = nx.gnp_random_graph(14, 0.3, seed=seed)
    rng = random.Random(seed)
    pairs = [(s, t) for s, t in itertools.combinations(G, 2) if not G.has_edge(s, t)]
    for s, t in rng.sample(pairs, min(8, len(pairs))):
        H = G.subgraph(set(G) - {s, t})
        mine = disjoint_routes(H, list(G[s]), list(G[t])).count
        assert mine == nx.node_connectivity(G, s, t)


def test_routes_agree_with_max_flow_and_brute_force_on_random_graphs():
    rng = random.Random(3)
    for G in random_graphs(count=60, n=(4, 9), p=(0.15, 0.5), seed=11):
        nodes = list(G)
        sources = rng.sample(nodes, rng.randint(1, 3))
        rest = [n for n in nodes if n not in sources]
        targets = rng.sample(rest, rng.randint(1, min(3, len(rest))))
        r = disjoint_routes(G, sources, targets)
        assert r.count == max_flow_routes(G, sources, targets)
        assert r.count == smallest_separator_size(G, sources, targets)


def test_routes_paths_and_cut_are_consistent_on_random_graphs():
    rng = random.Random(5)
    for G in random_graphs(count=60, n=(6, 30), p=(0.05, 0.3), seed=13):
        nodes = list(G)
        sources = rng.sample(nodes, rng.randint(1, 5))
        rest = [n for n in nodes if n not in sources]
        targets = rng.sample(rest, rng.randint(1, min(5, len(rest))))
        r = disjoint_routes(G, sources, targets)
        assert len(r.paths) == r.count
        used = [v for path in r.paths for v in path]
        assert len(used) == len(set(used)), "routes share a node"
        for path in r.paths:
            assert path[0] in sources and path[-1] in targets
            assert all(G.has_edge(u, v) for u, v in zip(path, path[1:]))
        assert len(r.cut) == r.count
        assert separated(G, r.cut, sources, targets)


# -- the per-partnership table on the Berlin sample -----------------------------
def test_table_has_the_documented_columns(berlin):
    assert list(fragility(berlin).columns) == FRAGILITY_COLUMNS


def test_one_row_per_partnership(berlin):
    table = fragility(berlin)
    assert sorted(table["city"]) == sorted(p["city"] for p in berlin.partnerships())


def test_rows_fewest_routes_first(berlin):
    routes = list(fragility(berlin)["routes"])
    assert routes == sorted(routes)


def test_tashkent_hangs_on_p001(berlin):
    row = fragility(berlin, city="Tashkent").iloc[0]
    assert row["routes"] == 1
    assert row["single_points_of_failure"] == ["p001"]
    assert row["single_point_names"] == ["Aziza Rahimova-Klein"]


def test_tashkent_why_names_the_person(berlin):
    row = fragility(berlin, city="Tashkent").iloc[0]
    assert row["why"] == "If Aziza Rahimova-Klein (p001) leaves, ties to Tashkent drop to zero."


def test_tashkent_finding_holds_in_networkx(berlin):
    # Independent check: without p001 no working path joins Berlin's and Tashkent's actors;
    # with p001 one does.
    H = working_graph(berlin)
    home, partner = sides(berlin, "tashkent")
    assert separated(H, ["p001"], home, partner)
    assert not separated(H, [], home, partner)


def test_windhoek_is_held_by_the_association_and_its_chair(berlin):
    row = fragility(berlin, city="windhoek").iloc[0]
    assert row["routes"] == 2
    assert set(row["cut"]) == {"ngo_windhoek_partnership", "p002"}
    assert set(row["one_route_left"]) == {"ngo_windhoek_partnership", "p002"}
    assert row["single_points_of_failure"] == []


def test_windhoek_finding_holds_in_networkx(berlin):
    H = working_graph(berlin)
    home, partner = sides(berlin, "windhoek")
    assert separated(H, ["ngo_windhoek_partnership", "p002"], home, partner)
    assert not separated(H, ["ngo_windhoek_partnership"], home, partner)
    assert not separated(H, ["p002"], home, partner)


def test_windhoek_why(berlin):
    why = fragility(berlin, city="Windhuk").iloc[0]["why"]
    assert "Berlin–Windhoek Partnership Association (ngo_windhoek_partnership)" in why
    assert "Marlene Hoveka-Schulz (p002)" in why
    assert "ties to Windhoek drop to zero" in why


def test_route_counts_match_networkx_max_flow_for_every_partnership(berlin):
    H = working_graph(berlin)
    for row in fragility(berlin).itertuples():
        home, partner = sides(berlin, row.city)
        assert row.routes == max_flow_routes(H, partner, home), row.city


def test_cuts_separate_every_partnership(berlin):
    H = working_graph(berlin)
    for row in fragility(berlin).itertuples():
        home, partner = sides(berlin, row.city)
        assert len(row.cut) == row.routes
        assert separated(H, row.cut, home, partner), row.city


def test_most_partnerships_have_many_routes(berlin):
    table = fragility(berlin)
    assert (table["routes"] >= 3).sum() > len(table) / 2


def test_formal_partnership_is_not_a_route(berlin):
    # With PARTNER_OF counted, Berlin-city -> Tashkent-city would be a second route.
    H = working_graph(berlin)
    H.add_edge("berlin", "tashkent")
    home, partner = sides(berlin, "tashkent")
    assert max_flow_routes(H, partner, home) == 2
    assert fragility(berlin, city="tashkent").iloc[0]["routes"] == 1


def test_contacts_are_direct_ties_across(berlin):
    row = fragility(berlin, city="Tashkent").iloc[0]
    assert row["home_contacts"] == ["p001"]
    assert row["partner_contacts"] == ["nuu_tashkent", "p023", "tashkent", "tashkent_khokimiyat"]
    assert row["partner_actors"] == 4


# -- time ------------------------------------------------------------------------
@pytest.mark.parametrize("year", [2023, 2024])
def test_moscow_has_no_route_after_2022(berlin, year):
    row = fragility(berlin, city="Moscow", as_of=year).iloc[0]
    assert row["routes"] == 0
    assert row["status"] == "suspended"
    assert "suspended" in row["why"]


def test_moscow_had_routes_until_2022(berlin):
    assert fragility(berlin, city="Moscow", as_of=2022).iloc[0]["routes"] > 0


@pytest.mark.parametrize("city", ["budapest", "buenos_aires"])
def test_dormant_partnerships_had_a_route_in_2015(berlin, city):
    assert fragility(berlin, city=city, as_of=2015).iloc[0]["routes"] > 0


@pytest.mark.parametrize("city", ["budapest", "buenos_aires"])
def test_dormant_partnerships_have_no_route_after_2015(berlin, city):
    row = fragility(berlin, city=city, as_of=2016).iloc[0]
    assert row["routes"] == 0
    assert row["why"].startswith("No working tie links Berlin's actors")


def test_kyiv_before_signing(berlin):
    row = fragility(berlin, city="Kyiv", as_of=2020).iloc[0]
    assert (row["routes"], row["status"]) == (0, "not yet signed")
    assert "signed only in 2023" in row["why"]


def test_kyiv_has_no_route_before_2022(berlin):
    assert fragility(berlin, city="Kyiv", as_of=2021).iloc[0]["routes"] == 0


def test_kyiv_has_routes_from_2022(berlin):
    row = fragility(berlin, city="Kyiv", as_of=2022).iloc[0]
    assert row["routes"] > 0
    assert row["status"] == "not yet signed"  # signed in 2023: working ties came first


# -- small networks and errors -----------------------------------------------------
def small_network(extra_ties=()):
    G = nx.MultiDiGraph()
    for n, kind in [("home", "city"), ("twin", "city"), ("third", "city")]:
        G.add_node(n, kind=kind, name=n.title())
    for n, seat in [("a", "home"), ("b", "home"), ("x", "twin"), ("y", "twin")]:
        G.add_node(n, kind="ngo", name=n.upper())
        G.add_edge(n, seat, key=f"{n}@{seat}", type="BASED_IN")
    G.add_edge("home", "twin", key="p1", type="PARTNER_OF", since=1990)
    G.add_edge("home", "third", key="p2", type="PARTNER_OF", since=1991, status="suspended")
    for i, (u, v) in enumerate(extra_ties):
        G.add_edge(u, v, key=f"t{i}", type="COOPERATES_WITH", since=2000)
    return ActorNetwork(G)


def test_partnership_with_no_working_tie_has_zero_routes():
    row = fragility(small_network(), city="Twin").iloc[0]
    assert row["routes"] == 0
    assert row["cut"] == []
    assert row["why"] == ("No working tie links Home's actors to those of Twin: "
                          "the partnership exists on paper only.")


def test_two_disjoint_ties_give_two_routes():
    row = fragility(small_network([("a", "x"), ("b", "y")]), city="twin").iloc[0]
    assert row["routes"] == 2
    assert set(row["one_route_left"]) == {"a", "b", "x", "y"}


def test_one_home_actor_to_two_partner_actors_is_one_route():
    row = fragility(small_network([("a", "x"), ("a", "y")]), city="twin").iloc[0]
    assert row["routes"] == 1
    assert row["single_points_of_failure"] == ["a"]


def test_suspended_partnership_says_so():
    row = fragility(small_network(), city="third").iloc[0]
    assert "the partnership is suspended" in row["why"]


def test_network_without_home_city_is_a_query_error():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    with pytest.raises(QueryError, match="no home city"):
        fragility(ActorNetwork(G))


def test_city_that_is_not_a_partner_is_a_query_error(berlin):
    with pytest.raises(QueryError, match="not a partner city"):
        fragility(berlin, city="Berlin")


def test_unknown_city_is_a_resolve_error(berlin):
    with pytest.raises(ResolveError):
        fragility(berlin, city="Atlantis")


def test_fragility_leaves_the_network_unchanged(berlin):
    net = read_network(sample_path())
    nodes = copy.deepcopy(dict(net.graph.nodes(data=True)))
    edges = copy.deepcopy(list(net.graph.edges(keys=True, data=True)))
    fragility(net)
    fragility(net, as_of=2016, city="Tashkent")
    assert dict(net.graph.nodes(data=True)) == nodes
    assert list(net.graph.edges(keys=True, data=True)) == edges


@pytest.mark.parametrize("seed", range(4))
def test_generated_networks_match_networkx_max_flow(seed):
    net = generated_network(120, 260, cities=5, seed=seed)
    H = working_graph(net)
    table = fragility(net)
    assert len(table) == 4
    for row in table.itertuples():
        home, partner = sides(net, row.city)
        assert row.routes == max_flow_routes(H, partner, home), row.city
        assert separated(H, row.cut, home, partner)


def sparse_network(seed):
    """A home city, three partners and a fourth city, a few actors each, few ties:
    partnerships that hang on one or two actors are common."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    cities = ["home", "p1", "p2", "p3", "elsewhere"]
    actors = []
    for c in cities:
        G.add_node(c, kind="city", name=c.title())
        actors.append(c)
        for i in range(rng.randint(2, 5)):
            n = f"{c}_{i}"
            G.add_node(n, kind=rng.choice(["ngo", "institution", "person"]), name=n)
            G.add_edge(n, c, key=f"{n}@", type="BASED_IN")
            actors.append(n)
    for c in cities[1:4]:
        G.add_edge("home", c, key=f"home-{c}", type="PARTNER_OF")
    for i in range(rng.randint(8, 22)):
        u, v = rng.sample(actors, 2)
        G.add_edge(u, v, key=f"t{i}", type="COOPERATES_WITH", weight=rng.randint(1, 5))
    return ActorNetwork(G)


def test_single_points_of_failure_are_exact_on_random_networks():
    seen = {1: 0, 2: 0}
    for seed in range(30):
        net = sparse_network(seed)
        H = working_graph(net)
        for row in fragility(net).itertuples():
            home, partner = sides(net, row.city)
            assert row.routes == max_flow_routes(H, partner, home)
            if row.routes == 1:
                seen[1] += 1
                expected = sorted(v for v in H if separated(H, [v], home, partner))
                assert sorted(row.single_points_of_failure) == expected
            else:
                assert row.single_points_of_failure == []
            if row.routes == 2:
                seen[2] += 1
                expected = sorted(v for v in H
                                  if max_flow_routes(H.subgraph(set(H) - {v}),
                                                     [p for p in partner if p != v],
                                                     [h for h in home if h != v]) == 1)
                assert sorted(row.one_route_left) == expected
            else:
                assert row.one_route_left == []
    assert seen[1] >= 3 and seen[2] >= 3, seen  # both cases were exercised
