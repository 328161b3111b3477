"""Fragility: the per-partnership table of independent routes and single points of failure."""

from __future__ import annotations

import copy
import random

import networkx as nx
import pytest

from actornet.sample import sample_path
from actornet.graph.errors import QueryError, ResolveError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network
from actornet.queries.fragility import FRAGILITY_COLUMNS, fragility

from cut_references import max_flow_routes, reference_fragility_rows, separated


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
    assert row["why"] == "If Aziza Rahimova-Klein leaves, ties to Tashkent drop to zero."


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
    assert "Berlin–Windhoek Partnership Association and" in why
    assert "Marlene Hoveka-Schulz:" in why
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
    # Issue 20: counted over every tie (ended ones too), the text says so.
    assert row["why"] == ("No tie, working or ended, links Home's actors to those of Twin: "
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


# -- the compiled route counting against the plain-Python one it replaced ------
def _by_city(table):
    return {r["city"]: {k: v for k, v in r.items() if k != "why"}
            for r in table.to_dict("records")}


@pytest.mark.parametrize("year", [None, 2010, 2016, 2024])
def test_fragility_matches_the_reference_on_the_sample(berlin, year):
    expected = {r["city"]: r for r in reference_fragility_rows(berlin, as_of=year)}
    assert _by_city(fragility(berlin, as_of=year)) == expected


@pytest.mark.parametrize("args", [dict(n=300, m=900, cities=5, seed=1),
                                  dict(n=2000, m=10000, hubs=3, seed=2)])
def test_fragility_matches_the_reference_on_generated_networks(args):
    n, m = args.pop("n"), args.pop("m")
    net = generated_network(n, m, **args)
    expected = {r["city"]: r for r in reference_fragility_rows(net)}
    assert _by_city(fragility(net)) == expected


def test_fragility_matches_the_reference_on_sparse_networks():
    for seed in range(15):
        net = sparse_network(seed)
        expected = {r["city"]: r for r in reference_fragility_rows(net)}
        assert _by_city(fragility(net)) == expected, seed


def test_fragility_progress_runs_to_the_total(berlin):
    calls = []
    fragility(berlin, progress=lambda done, total: calls.append((done, total)))
    total = len(berlin.partnerships())
    assert calls[-1] == (total, total)
    assert all(b >= a for (a, _), (b, _) in zip(calls, calls[1:]))
    assert all(0 <= done <= t == total for done, t in calls)
