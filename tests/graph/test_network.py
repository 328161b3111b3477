"""Tests for actornet.graph.network: the ActorNetwork, its views and the actor graph."""

import networkx as nx
import pytest

from actornet.graph.errors import ResolveError
from actornet.graph.network import ActorNetwork, tie_key
from actornet.graph.schema import DEFAULT_INTENSITY, TieType
from checks import graph_snapshot


def multigraph(nodes, edges):
    """A MultiDiGraph from ``{id: attrs}`` and ``[(u, v, key, attrs)]``."""
    G = nx.MultiDiGraph()
    for n, attrs in nodes.items():
        G.add_node(n, **attrs)
    for u, v, key, attrs in edges:
        G.add_edge(u, v, key=key, **attrs)
    return G


def city_world():
    """Cities, organisations, people, a project and themes: the common fixture."""
    nodes = {
        "berlin": {"kind": "city", "name": "Berlin"},
        "kyiv": {"kind": "city", "name": "Kyiv", "aliases": ["Kiew", "Kyjiw"]},
        "beijing": {"kind": "city", "name": "Beijing", "aliases": ["Peking"]},
        "cdmx": {"kind": "city", "name": "Ciudad de México"},
        "fu": {"kind": "institution", "name": "Freie Universität", "themes": ["climate"]},
        "ngo1": {"kind": "ngo", "name": "Green Bridges"},
        "bmz": {"kind": "federal_body", "name": "Federal Ministry"},
        "ngo2": {"kind": "ngo", "name": "Kyiv Solo"},
        "p1": {"kind": "person", "name": "Anna Schmidt"},
        "p2": {"kind": "person", "name": "Anna Schmitt"},
        "proj": {"kind": "project", "name": "Clean Air", "themes": ["climate"],
                 "since": 2015, "until": 2018},
        "climate": {"kind": "theme", "name": "Climate", "label_de": "Klimaschutz",
                    "priority": 3},
        "sport": {"kind": "theme", "name": "Sport", "label_de": "Sport", "priority": 1},
    }
    edges = [
        ("berlin", "kyiv", "pk", {"type": "PARTNER_OF", "since": 2023}),
        ("berlin", "beijing", "pb", {"type": "PARTNER_OF", "since": 1994,
                                     "status": "suspended"}),
        ("fu", "berlin", "fu_in", {"type": "BASED_IN"}),
        ("ngo1", "kyiv", "ngo_in", {"type": "BASED_IN"}),
        ("ngo2", "kyiv", "ngo2_in", {"type": "BASED_IN"}),
        ("p1", "fu", "m1", {"type": "MEMBER_OF", "since": 2010}),
        ("p2", "ngo1", "m2", {"type": "MEMBER_OF"}),
        ("fu", "ngo1", "c1", {"type": "COOPERATES_WITH", "weight": 2, "themes": ["climate"]}),
        ("ngo1", "fu", "c2", {"type": "COOPERATES_WITH", "weight": 3, "themes": ["sport"]}),
        ("p1", "p2", "k1", {"type": "KNOWS"}),
        ("fu", "proj", "pi1", {"type": "PARTICIPATES_IN", "weight": 4}),
        ("ngo1", "proj", "pi2", {"type": "PARTICIPATES_IN", "weight": 2}),
        ("bmz", "proj", "f1", {"type": "FUNDS"}),
        ("ngo1", "climate", "w1", {"type": "WORKS_ON"}),
    ]
    return multigraph(nodes, edges)


@pytest.fixture
def G():
    return city_world()


@pytest.fixture
def net(G):
    return ActorNetwork(G)


# -- the actor graph ---------------------------------------------------------------


def test_actor_graph_parallel_ties_sum_their_intensities(net):
    assert net.actor_graph()["fu"]["ngo1"]["strength"] == 5 + 2  # ties 2 + 3, project min(4, 2)


def test_actor_graph_direct_ties_only_sum_intensities():
    G = multigraph({"a": {"kind": "ngo", "name": "A"}, "b": {"kind": "ngo", "name": "B"}},
                   [("a", "b", "t1", {"type": "COOPERATES_WITH", "weight": 2}),
                    ("b", "a", "t2", {"type": "COOPERATES_WITH", "weight": 3})])
    assert ActorNetwork(G).actor_graph()["a"]["b"]["strength"] == 5


def test_actor_graph_distance_is_inverse_strength():
    G = multigraph({"a": {"kind": "ngo", "name": "A"}, "b": {"kind": "ngo", "name": "B"}},
                   [("a", "b", "t1", {"type": "COOPERATES_WITH", "weight": 2}),
                    ("a", "b", "t2", {"type": "COOPERATES_WITH", "weight": 3})])
    assert ActorNetwork(G).actor_graph()["a"]["b"]["distance"] == pytest.approx(0.2)


def test_actor_graph_edge_lists_its_tie_ids(net):
    assert sorted(net.actor_graph()["fu"]["ngo1"]["ties"]) == ["c1", "c2"]


@pytest.mark.parametrize("u, v, tie_type", [
    ("berlin", "kyiv", "PARTNER_OF"),
    ("fu", "ngo1", "COOPERATES_WITH"),
    ("p1", "fu", "MEMBER_OF"),
    ("p1", "p2", "KNOWS"),
])
def test_actor_graph_direct_ties_link_actors(net, u, v, tie_type):
    assert tie_type in net.actor_graph()[u][v]["types"]


def test_actor_graph_missing_weight_counts_default_intensity(net):
    assert net.actor_graph()["p1"]["p2"]["strength"] == DEFAULT_INTENSITY


def test_actor_graph_default_intensity_can_be_chosen(net):
    assert net.actor_graph(default_intensity=3)["p1"]["p2"]["strength"] == 3


def test_actor_graph_shared_project_takes_the_smaller_participation_weight(net):
    assert net.actor_graph()["fu"]["bmz"]["strength"] == 1  # min(4, default 1)


def test_actor_graph_shared_project_is_listed(net):
    assert net.actor_graph()["fu"]["bmz"]["projects"] == ["proj"]


def test_actor_graph_shared_project_carries_the_project_themes(net):
    assert net.actor_graph()["fu"]["bmz"]["themes"] == ["climate"]


def test_actor_graph_shared_project_type(net):
    assert net.actor_graph()["ngo1"]["bmz"]["types"] == ["SHARED_PROJECT"]


def test_actor_graph_shared_project_has_no_tie_ids(net):
    assert net.actor_graph()["ngo1"]["bmz"]["ties"] == []


def test_actor_graph_based_in_links_nobody(net):
    assert not net.actor_graph().has_edge("fu", "berlin")


def test_actor_graph_works_on_links_nobody(net):
    assert not net.actor_graph().has_edge("ngo1", "climate")


@pytest.mark.parametrize("node", ["proj", "climate", "sport"])
def test_actor_graph_leaves_out_projects_and_themes(net, node):
    assert node not in net.actor_graph()


def test_actor_graph_has_every_actor(net):
    assert set(net.actor_graph()) == set(net.actors())


def test_actor_graph_city_from_based_in(net):
    assert net.actor_graph().nodes["fu"]["city"] == "berlin"


def test_actor_graph_person_sits_where_their_organisation_does(net):
    assert net.actor_graph().nodes["p2"]["city"] == "kyiv"


def test_actor_graph_city_sits_in_itself(net):
    assert net.actor_graph().nodes["kyiv"]["city"] == "kyiv"


def test_actor_graph_city_is_none_when_unknown(net):
    assert net.actor_graph().nodes["bmz"]["city"] is None


def test_actor_graph_own_seat_wins_over_membership():
    G = multigraph({"berlin": {"kind": "city", "name": "Berlin"},
                    "paris": {"kind": "city", "name": "Paris"},
                    "o": {"kind": "ngo", "name": "O"},
                    "p": {"kind": "person", "name": "P"}},
                   [("o", "berlin", "b1", {"type": "BASED_IN"}),
                    ("p", "o", "m", {"type": "MEMBER_OF"}),
                    ("p", "paris", "b2", {"type": "BASED_IN"})])
    assert ActorNetwork(G).actor_graph().nodes["p"]["city"] == "paris"


def test_actor_graph_node_keeps_its_themes(net):
    assert net.actor_graph().nodes["fu"]["themes"] == ["climate"]


def test_actor_graph_is_undirected_and_simple(net):
    A = net.actor_graph()
    assert type(A) is nx.Graph


def test_actor_graph_weight_none_counts_as_missing():
    G = multigraph({"a": {"kind": "ngo", "name": "A"}, "b": {"kind": "ngo", "name": "B"}},
                   [("a", "b", "t", {"type": "COOPERATES_WITH", "weight": None})])
    assert ActorNetwork(G).actor_graph()["a"]["b"]["strength"] == DEFAULT_INTENSITY


# -- as_of -------------------------------------------------------------------------


def dated_world():
    nodes = {n: {"kind": "ngo", "name": n.upper()} for n in ("a", "b", "c", "d")}
    nodes["proj"] = {"kind": "project", "name": "P", "since": 2003, "until": 2006}
    edges = [
        ("a", "b", "closed", {"type": "COOPERATES_WITH", "since": 2000, "until": 2010}),
        ("a", "c", "open_end", {"type": "COOPERATES_WITH", "since": 2000}),
        ("a", "d", "open_start", {"type": "COOPERATES_WITH", "until": 2010}),
        ("b", "c", "timeless", {"type": "COOPERATES_WITH"}),
        ("c", "proj", "inherits", {"type": "PARTICIPATES_IN"}),
        ("d", "proj", "own_years", {"type": "PARTICIPATES_IN", "since": 2001}),
    ]
    return ActorNetwork(multigraph(nodes, edges))


def tie_ids(network):
    return {k for _, _, k in network.graph.edges(keys=True)}


@pytest.mark.parametrize("year, present", [
    (1999, False), (2000, True), (2005, True), (2010, True), (2011, False)])
def test_as_of_closed_tie_is_valid_in_its_years_inclusive(year, present):
    assert ("closed" in tie_ids(dated_world().as_of(year))) is present


@pytest.mark.parametrize("year, present", [(1999, False), (2000, True), (2099, True)])
def test_as_of_open_ended_tie(year, present):
    assert ("open_end" in tie_ids(dated_world().as_of(year))) is present


@pytest.mark.parametrize("year, present", [(1900, True), (2010, True), (2011, False)])
def test_as_of_open_start_tie(year, present):
    assert ("open_start" in tie_ids(dated_world().as_of(year))) is present


@pytest.mark.parametrize("year", [1800, 2100])
def test_as_of_tie_without_years_is_always_valid(year):
    assert "timeless" in tie_ids(dated_world().as_of(year))


@pytest.mark.parametrize("year, present", [(2002, False), (2003, True), (2006, True),
                                           (2007, False)])
def test_as_of_project_tie_inherits_the_project_years(year, present):
    assert ("inherits" in tie_ids(dated_world().as_of(year))) is present


@pytest.mark.parametrize("year, present", [(2001, True), (2006, True), (2007, False)])
def test_as_of_project_tie_own_since_and_project_until(year, present):
    assert ("own_years" in tie_ids(dated_world().as_of(year))) is present


def test_as_of_keeps_all_nodes():
    net = dated_world()
    assert set(net.as_of(1900).graph) == set(net.graph)


def test_as_of_accepts_a_year_as_text():
    assert "closed" in tie_ids(dated_world().as_of("2005"))


def test_period_of_project_tie_comes_from_the_project():
    assert dated_world().period("c", "proj", "inherits") == (2003, 2006)


# -- ego ---------------------------------------------------------------------------


def path_world():
    nodes = {n: {"kind": "ngo", "name": f"Org {n.upper()}"} for n in "abcd"}
    nodes["a"]["aliases"] = ["Alpha"]
    edges = [(u, v, f"{u}{v}", {"type": "COOPERATES_WITH"}) for u, v in ("ab", "bc", "cd")]
    return ActorNetwork(multigraph(nodes, edges))


@pytest.mark.parametrize("depth, actors", [
    (0, {"a"}), (1, {"a", "b"}), (2, {"a", "b", "c"}), (3, {"a", "b", "c", "d"})])
def test_ego_keeps_actors_within_depth(depth, actors):
    assert set(path_world().ego("a", depth).actors()) == actors


def test_ego_keeps_ties_among_kept_actors():
    assert tie_ids(path_world().ego("a", 2)) == {"ab", "bc"}


def test_ego_from_the_middle():
    assert set(path_world().ego("c", 1).actors()) == {"b", "c", "d"}


@pytest.mark.parametrize("name", ["Org A", "org a", "Alpha", "ALPHA"])
def test_ego_accepts_name_or_alias(name):
    assert set(path_world().ego(name, 1).actors()) == {"a", "b"}


def test_ego_negative_depth_raises():
    with pytest.raises(ValueError):
        path_world().ego("a", -1)


def test_ego_unknown_actor_raises():
    with pytest.raises(ResolveError):
        path_world().ego("zzz", 1)


def test_ego_keeps_the_city_of_kept_actors_as_context(net):
    assert "berlin" in net.ego("fu", 0).graph


# -- subgraph ----------------------------------------------------------------------


def themed_world():
    nodes = {
        "a": {"kind": "ngo", "name": "A", "themes": ["climate"]},
        "b": {"kind": "ngo", "name": "B"},
        "c": {"kind": "ngo", "name": "C"},
        "d": {"kind": "ngo", "name": "D", "themes": ["sport"]},
        "e": {"kind": "ngo", "name": "E"},
        "proj": {"kind": "project", "name": "P", "themes": ["climate"]},
        "climate": {"kind": "theme", "name": "Climate", "label_de": "Klimaschutz"},
        "sport": {"kind": "theme", "name": "Sport", "label_de": "Sport"},
    }
    edges = [
        ("b", "climate", "b_works", {"type": "WORKS_ON"}),
        ("c", "proj", "c_in", {"type": "PARTICIPATES_IN"}),
        ("a", "b", "ab_climate", {"type": "COOPERATES_WITH", "themes": ["climate"]}),
        ("a", "b", "ab_sport", {"type": "COOPERATES_WITH", "themes": ["sport"]}),
        ("a", "c", "ac_plain", {"type": "COOPERATES_WITH"}),
        ("d", "e", "de_sport", {"type": "COOPERATES_WITH", "themes": ["sport"]}),
        ("a", "d", "ad_sport", {"type": "COOPERATES_WITH", "themes": ["sport"]}),
    ]
    return ActorNetwork(multigraph(nodes, edges))


def test_subgraph_theme_keeps_the_actors_active_in_it():
    assert set(themed_world().subgraph(theme="climate").actors()) == {"a", "b", "c"}


def test_subgraph_theme_keeps_ties_about_it_or_about_nothing():
    assert tie_ids(themed_world().subgraph(theme="climate")) == {
        "b_works", "c_in", "ab_climate", "ac_plain"}


def test_subgraph_theme_drops_ties_about_another_theme():
    assert "ab_sport" not in tie_ids(themed_world().subgraph(theme="climate"))


@pytest.mark.parametrize("label", ["Climate", "Klimaschutz", "CLIMATE"])
def test_subgraph_theme_by_label(label):
    world = themed_world()
    assert world.subgraph(theme=label) == world.subgraph(theme="climate")


def test_subgraph_city_keeps_actors_based_there_and_their_neighbours(net):
    actors = set(net.subgraph(city="berlin").actors())
    assert {"berlin", "fu", "p1", "kyiv", "beijing", "ngo1", "bmz"} <= actors


def test_subgraph_city_keeps_neighbours_of_people_based_there(net):
    assert "p2" in net.subgraph(city="berlin").actors()  # knows p1, who sits in berlin


def test_subgraph_city_drops_actors_not_tied_to_the_city(net):
    assert "ngo2" not in net.subgraph(city="berlin").actors()


def test_subgraph_city_by_alias(net):
    assert net.subgraph(city="Kiew") == net.subgraph(city="kyiv")


def test_subgraph_city_that_is_not_a_city_raises(net):
    with pytest.raises(ResolveError):
        net.subgraph(city="fu")


def test_subgraph_unknown_city_raises(net):
    with pytest.raises(ResolveError):
        net.subgraph(city="Atlantis")


def test_subgraph_without_arguments_is_the_network(net):
    assert net.subgraph() == net


# -- resolve -----------------------------------------------------------------------


@pytest.mark.parametrize("text, node", [
    ("kyiv", "kyiv"),
    ("Kyiv", "kyiv"),
    ("kiew", "kyiv"),
    ("KYJIW", "kyiv"),
    ("PEKING", "beijing"),
    ("ciudad de mexico", "cdmx"),
    ("  Ciudad  de México ", "cdmx"),
    ("freie universitat", "fu"),
    ("Clean Air", "proj"),
])
def test_resolve_by_id_name_or_alias(net, text, node):
    assert net.resolve(text) == node


def test_resolve_does_not_find_themes(net):
    with pytest.raises(ResolveError):
        net.resolve("climate")


def ambiguous_people():
    return ActorNetwork(multigraph({
        "p1": {"kind": "person", "name": "Anna Schmidt"},
        "p2": {"kind": "person", "name": "Anna Schmidt", "aliases": ["A. Schmidt"]},
        "p3": {"kind": "person", "name": "Anna Schmitt"},
    }, []))


def test_resolve_ambiguous_name_lists_both_ids():
    with pytest.raises(ResolveError) as info:
        ambiguous_people().resolve("anna schmidt")
    assert info.value.candidates == ["p1", "p2"]


def test_resolve_ambiguous_name_never_shows_a_person_name():
    with pytest.raises(ResolveError) as info:
        ambiguous_people().resolve("Anna Schmidt")
    assert "schmidt" not in str(info.value).casefold()


def test_resolve_unknown_name_offers_close_matches(net):
    with pytest.raises(ResolveError) as info:
        net.resolve("Anna Schmid")
    assert set(info.value.candidates) == {"p1", "p2"}


def test_resolve_close_match_never_shows_a_person_name(net):
    with pytest.raises(ResolveError) as info:
        net.resolve("Anna Schmid")
    assert "Schmidt" not in str(info.value)


def test_resolve_close_match_never_shows_the_other_person_name(net):
    with pytest.raises(ResolveError) as info:
        net.resolve("Anna Schmid")
    assert "Schmitt" not in str(info.value)


def test_resolve_close_match_names_an_organisation(net):
    with pytest.raises(ResolveError) as info:
        net.resolve("Green Bridge")
    assert "ngo1 (Green Bridges)" in str(info.value)


def test_resolve_without_any_match_has_no_candidates(net):
    with pytest.raises(ResolveError) as info:
        net.resolve("qqqqqqqqqq")
    assert info.value.candidates == []


def test_resolve_error_is_a_lookup_error(net):
    with pytest.raises(LookupError):
        net.resolve("qqqqqqqqqq")


# -- immutability ------------------------------------------------------------------


@pytest.mark.parametrize("view", [
    lambda n: n.actor_graph(),
    lambda n: n.as_of(2016),
    lambda n: n.ego("fu", 2),
    lambda n: n.subgraph(theme="climate"),
    lambda n: n.subgraph(city="kyiv"),
    lambda n: (n.resolve("kiew"), n.partnerships(), n.years(), n.home_city),
], ids=["actor_graph", "as_of", "ego", "subgraph_theme", "subgraph_city", "lookups"])
def test_views_leave_the_network_unchanged(net, view):
    before = graph_snapshot(net.graph)
    view(net)
    assert graph_snapshot(net.graph) == before


@pytest.mark.parametrize("view", [
    lambda n: n.actor_graph(),
    lambda n: n.as_of(2016),
    lambda n: n.ego("fu", 2),
    lambda n: n.subgraph(theme="climate", city="berlin"),
], ids=["actor_graph", "as_of", "ego", "subgraph"])
def test_network_never_changes_the_callers_graph(G, view):
    before = graph_snapshot(G)
    view(ActorNetwork(G))
    assert graph_snapshot(G) == before


def test_changing_the_callers_graph_later_does_not_change_the_network(G):
    net = ActorNetwork(G)
    before = graph_snapshot(net.graph)
    G.add_node("new", kind="ngo", name="New")
    G.add_edge("fu", "new", key="x", type="COOPERATES_WITH")
    G.nodes["fu"]["name"] = "Renamed"
    G.remove_node("bmz")
    assert graph_snapshot(net.graph) == before


def test_changing_a_list_in_the_callers_graph_later_does_not_change_the_network(G):
    net = ActorNetwork(G)
    G.nodes["kyiv"]["aliases"].append("Kyjev")
    assert net.graph.nodes["kyiv"]["aliases"] == ["Kiew", "Kyjiw"]


def test_network_graph_is_frozen(net):
    with pytest.raises(nx.NetworkXError):
        net.graph.add_node("new")


def test_view_graph_is_frozen(net):
    with pytest.raises(nx.NetworkXError):
        net.as_of(2000).graph.add_edge("fu", "bmz")


def test_network_requires_a_multidigraph():
    with pytest.raises(TypeError):
        ActorNetwork(nx.Graph())


NAMED_VIEWS = pytest.mark.parametrize("view", [
    lambda n: n.as_of(2016),
    lambda n: n.ego("fu", 5),
    lambda n: n.subgraph(theme="climate"),
], ids=["as_of", "ego", "subgraph"])


@NAMED_VIEWS
def test_views_of_a_named_graph_add_no_nodes(view):
    # Regression: nx.MultiDiGraph(G.graph) read the attribute dict {"name": "net"}
    # as adjacency data and added nodes "name", "n", "e", "t".
    G = city_world()
    G.graph["name"] = "net"
    net = ActorNetwork(G)
    assert set(view(net).graph) <= set(net.graph)


@NAMED_VIEWS
def test_views_keep_the_graph_attributes(view):
    G = city_world()
    G.graph["name"] = "net"
    assert view(ActorNetwork(G)).graph.graph == {"name": "net"}


# -- partnerships, years, equality ------------------------------------------------------


def test_home_city_has_the_most_partnerships(net):
    assert net.home_city == "berlin"


def test_home_city_ties_are_broken_by_id():
    G = multigraph({c: {"kind": "city", "name": c} for c in ("zagreb", "athens")},
                   [("zagreb", "athens", "t", {"type": "PARTNER_OF"})])
    assert ActorNetwork(G).home_city == "athens"


def test_home_city_is_none_without_partnerships():
    assert path_world().home_city is None


def test_partnerships_sorted_by_year(net):
    assert [p["city"] for p in net.partnerships()] == ["beijing", "kyiv"]


def test_partnership_status_defaults_to_active(net):
    kyiv = [p for p in net.partnerships() if p["city"] == "kyiv"]
    assert kyiv[0]["status"] == "active"


def test_suspended_partnership_is_kept(net):
    beijing = [p for p in net.partnerships() if p["city"] == "beijing"]
    assert beijing[0]["status"] == "suspended"


def test_partnership_row(net):
    assert net.partnerships()[1] == {"city": "kyiv", "name": "Kyiv", "since": 2023,
                                     "status": "active", "tie": "pk", "ties": ["pk"],
                                     "claimed_by": ""}


def test_years_span_ties_and_projects(net):
    assert net.years() == (1994, 2023)


def test_years_include_project_years():
    G = multigraph({"a": {"kind": "ngo", "name": "A"},
                    "p": {"kind": "project", "name": "P", "since": 1990, "until": 2030}},
                   [("a", "p", "t", {"type": "PARTICIPATES_IN", "since": 2000})])
    assert ActorNetwork(G).years() == (1990, 2030)


def test_years_without_any_year():
    assert path_world().years() == (None, None)


def test_equal_networks_are_equal():
    assert ActorNetwork(city_world()) == ActorNetwork(city_world())


def test_networks_differing_in_a_node_attribute_are_not_equal():
    other = city_world()
    other.nodes["fu"]["name"] = "FU Berlin"
    assert ActorNetwork(city_world()) != ActorNetwork(other)


def test_networks_differing_in_an_edge_attribute_are_not_equal():
    other = city_world()
    other.edges["fu", "ngo1", "c1"]["weight"] = 5
    assert ActorNetwork(city_world()) != ActorNetwork(other)


def test_networks_differing_in_a_tie_key_are_not_equal():
    other = city_world()
    data = dict(other.edges["p1", "p2", "k1"])
    other.remove_edge("p1", "p2", key="k1")
    other.add_edge("p1", "p2", key="k2", **data)
    assert ActorNetwork(city_world()) != ActorNetwork(other)


def test_network_is_not_hashable(net):
    with pytest.raises(TypeError):
        hash(net)


# -- tie_key -----------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, expected", [
    ({}, "a>KNOWS>b"),
    ({"since": 2019}, "a>KNOWS>b@2019"),
    ({"project": "p"}, "a>KNOWS>b#p"),
    ({"since": 2019, "project": "p"}, "a>KNOWS>b@2019#p"),
])
def test_tie_key_format(kwargs, expected):
    assert tie_key("a", TieType.KNOWS, "b", **kwargs) == expected


def test_tie_key_accepts_the_type_as_text():
    assert tie_key("a", "PARTNER_OF", "b") == "a>PARTNER_OF>b"


def test_ego_of_a_project_is_an_error():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    G.add_node("p", kind="project", name="P")
    G.add_edge("a", "p", key="t", type="PARTICIPATES_IN")
    with pytest.raises(ResolveError, match="not an actor"):
        ActorNetwork(G).ego("p")
