"""Introduction paths: shortest by distance, k alternatives, the evidence behind each step."""

from __future__ import annotations

import copy
import csv
import random

import networkx as nx
import pytest

from actornet.sample import sample_path
from actornet.graph.errors import NoPathError, QueryError, ResolveError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network
from actornet.queries.paths import CITY_DETOUR, STEP_COLUMNS, IntroductionPath, introduction_path, paths_frame


@pytest.fixture(scope="module")
def berlin_graph(berlin):
    return berlin.actor_graph()


def path_length(A, path):
    return sum(A.edges[u, v]["distance"] for u, v in zip(path, path[1:]))


PAIRS = [("hu_berlin", "nuu_tashkent"), ("fu_berlin", "windhoek_city_council"),
         ("p002", "p023"), ("bvg", "transjakarta"), ("ihk_berlin", "msu")]


# -- the best path ------------------------------------------------------------------
@pytest.mark.parametrize("source, target", PAIRS)
def test_best_path_has_dijkstra_length(berlin, berlin_graph, source, target):
    best = introduction_path(berlin, source, target)[0]
    expected = nx.dijkstra_path_length(berlin_graph, source, target, weight="distance")
    assert best.distance == pytest.approx(expected)


@pytest.mark.parametrize("source, target", PAIRS)
def test_best_path_is_a_path_of_the_actor_graph(berlin, berlin_graph, source, target):
    best = introduction_path(berlin, source, target)[0]
    assert best.actors[0] == source and best.actors[-1] == target
    assert all(berlin_graph.has_edge(u, v) for u, v in zip(best.actors, best.actors[1:]))
    assert best.distance == pytest.approx(path_length(berlin_graph, best.actors))


def test_strong_ties_beat_few_hops():
    G = nx.MultiDiGraph()
    for n in "abcd":
        G.add_node(n, kind="ngo", name=n.upper())
    G.add_edge("a", "d", key="weak", type="COOPERATES_WITH", weight=1)
    G.add_edge("a", "b", key="ab", type="COOPERATES_WITH", weight=5)
    G.add_edge("b", "c", key="bc", type="COOPERATES_WITH", weight=5)
    G.add_edge("c", "d", key="cd", type="COOPERATES_WITH", weight=5)
    best = introduction_path(ActorNetwork(G), "a", "d")[0]
    assert best.actors == ["a", "b", "c", "d"]
    assert best.distance == pytest.approx(0.6)
    assert best.hops == 3


def test_tashkent_is_reached_through_p001(berlin):
    # Every path into Tashkent's actors passes the desk officer (the sample's finding);
    # the partnership tie between the two city nodes cannot help hu_berlin, which
    # has no tie to the Berlin city node.
    for path in introduction_path(berlin, "hu_berlin", "nuu_tashkent", k=5):
        assert "p001" in path.actors


# -- alternatives --------------------------------------------------------------------
@pytest.mark.parametrize("source, target", PAIRS)
def test_alternatives_are_distinct_simple_and_sorted(berlin, berlin_graph, source, target):
    paths = introduction_path(berlin, source, target, k=4)
    assert len(paths) == 4
    assert len({tuple(p.actors) for p in paths}) == 4
    for p in paths:
        assert len(set(p.actors)) == len(p.actors)
        assert p.distance == pytest.approx(path_length(berlin_graph, p.actors))
    distances = [p.distance for p in paths]
    assert distances == sorted(distances)


def test_alternatives_are_the_k_shortest_by_brute_force():
    rng = random.Random(1)
    checked = 0
    for seed in range(8):
        G = nx.MultiDiGraph()
        for i in range(9):
            G.add_node(f"n{i}", kind="ngo", name=f"N{i}")
        for i, (u, v) in enumerate(nx.gnp_random_graph(9, 0.35, seed=seed).edges()):
            G.add_edge(f"n{u}", f"n{v}", key=f"t{i}", type="COOPERATES_WITH",
                       weight=rng.randint(1, 5))
        net = ActorNetwork(G)
        A = net.actor_graph()
        if not nx.has_path(A, "n0", "n8"):
            continue
        every = sorted(path_length(A, p) for p in nx.all_simple_paths(A, "n0", "n8"))
        found = introduction_path(net, "n0", "n8", k=3)
        assert [p.distance for p in found] == pytest.approx(every[:3])
        checked += 1
    assert checked >= 4


def test_fewer_paths_than_k_when_fewer_exist():
    G = nx.MultiDiGraph()
    for n in "abc":
        G.add_node(n, kind="ngo", name=n.upper())
    G.add_edge("a", "b", key="1", type="COOPERATES_WITH")
    G.add_edge("b", "c", key="2", type="COOPERATES_WITH")
    assert len(introduction_path(ActorNetwork(G), "a", "c", k=5)) == 1


def test_k1_and_first_of_k_agree_on_a_generated_network():
    net = generated_network(400, 1500, seed=3)
    actors = net.actors()
    rng = random.Random(0)
    A = net.actor_graph()
    checked = 0
    for _ in range(8):
        s, t = rng.sample(actors, 2)
        if not nx.has_path(A, s, t):
            continue
        one = introduction_path(net, s, t)[0]
        first = introduction_path(net, s, t, k=3)[0]
        assert one.distance == pytest.approx(first.distance)
        # The same rule by networkx: a city node is a detour of CITY_DETOUR.
        def length(u, v, d):
            return d["distance"] + sum(CITY_DETOUR / 2 for x in (u, v)
                                       if net.graph.nodes[x]["kind"] == "city")
        expected = nx.dijkstra_path(A, s, t, weight=length)
        assert one.distance == pytest.approx(
            sum(A.edges[u, v]["distance"] for u, v in zip(expected, expected[1:])))
        checked += 1
    assert checked >= 3


# -- evidence ---------------------------------------------------------------------------
def sample_row(source, target, tie_type):
    """The row of the sample's ties.csv, read with the csv module."""
    with open(sample_path() / "ties.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (row["source"], row["target"], row["type"]) == (source, target, tie_type):
                return row
    raise AssertionError("row not found")


def test_direct_step_carries_the_original_tie(berlin):
    path = introduction_path(berlin, "p001", "nuu_tashkent")[0]
    assert path.actors == ["p001", "nuu_tashkent"]
    step = path.steps[0]
    row = sample_row("p001", "nuu_tashkent", "COOPERATES_WITH")
    assert step.types == ["COOPERATES_WITH"]
    assert step.since == int(row["since"])
    assert step.until is None
    assert step.evidence == [row["evidence"]]
    assert sorted(step.themes) == sorted(row["themes"].split(";"))
    assert [t["tie"] for t in step.ties] == ["p001>COOPERATES_WITH>nuu_tashkent@2014"]


def test_step_against_the_tie_direction_finds_the_tie(berlin):
    step = introduction_path(berlin, "nuu_tashkent", "p001")[0].steps[0]
    assert (step.source, step.target) == ("nuu_tashkent", "p001")
    assert step.ties[0]["from"] == "p001"


def test_shared_project_step_lists_the_project_and_both_participations():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    G.add_node("b", kind="institution", name="B")
    G.add_node("prj", kind="project", name="P", themes=["climate"], since=2019, until=2023)
    G.add_edge("a", "prj", key="a-in", type="PARTICIPATES_IN", weight=4, role="lead",
               evidence="contract 12")
    G.add_edge("b", "prj", key="b-in", type="FUNDS", weight=2, evidence="budget 2019")
    step = introduction_path(ActorNetwork(G), "A", "B")[0].steps[0]
    assert step.types == ["SHARED_PROJECT"]
    assert step.projects == ["prj"]
    assert step.themes == ["climate"]
    assert (step.since, step.until) == (2019, 2023)
    assert step.evidence == ["contract 12", "budget 2019"]
    assert {t["tie"]: t["role"] for t in step.ties} == {"a-in": "lead", "b-in": None}
    assert step.strength == 2


def test_years_span_all_ties_of_a_step():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    G.add_node("b", kind="ngo", name="B")
    G.add_edge("a", "b", key="old", type="COOPERATES_WITH", since=1995, until=2001)
    G.add_edge("b", "a", key="new", type="COOPERATES_WITH", since=2010, until=2014)
    step = introduction_path(ActorNetwork(G), "a", "b")[0].steps[0]
    assert (step.since, step.until) == (1995, 2014)
    assert step.strength == 2


# -- names, time, errors -------------------------------------------------------------------
def test_names_and_aliases_are_accepted(berlin):
    by_id = introduction_path(berlin, "fu_berlin", "tashkent")[0]
    by_name = introduction_path(berlin, "Freie Universität Berlin", "Taschkent")[0]
    assert by_name.actors == by_id.actors


def test_unknown_name_is_a_resolve_error_with_candidates(berlin):
    with pytest.raises(ResolveError) as info:
        introduction_path(berlin, "Tashkenq", "p001")
    assert "tashkent" in info.value.candidates


def test_ambiguous_name_is_a_resolve_error():
    G = nx.MultiDiGraph()
    G.add_node("a1", kind="ngo", name="Friends")
    G.add_node("a2", kind="ngo", name="Friends")
    with pytest.raises(ResolveError) as info:
        introduction_path(ActorNetwork(G), "Friends", "a1")
    assert info.value.candidates == ["a1", "a2"]


def test_project_is_not_an_endpoint(berlin):
    with pytest.raises(ResolveError, match="not an actor"):
        introduction_path(berlin, "prj_windhoek_school_2004", "p002")


def test_no_path_is_a_typed_error():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    G.add_node("b", kind="person", name="Private Person")
    with pytest.raises(NoPathError) as info:
        introduction_path(ActorNetwork(G), "a", "b")
    assert "Private Person" not in str(info.value)  # people by id only


def test_as_of_uses_only_ties_of_that_year(berlin):
    # p001's ties to Tashkent start in 2009; nothing reached Tashkent's actors before.
    with pytest.raises(NoPathError, match="2005"):
        introduction_path(berlin, "hu_berlin", "tashkent_khokimiyat", as_of=2005)
    assert introduction_path(berlin, "hu_berlin", "tashkent_khokimiyat", as_of=2015)


def test_as_of_paths_avoid_ended_ties(berlin):
    for path in introduction_path(berlin, "ihk_berlin", "moscow_gov", k=3, as_of=2021):
        for step in path.steps:
            for tie in step.ties:
                assert tie["since"] is None or tie["since"] <= 2021
                assert tie["until"] is None or tie["until"] >= 2021


def test_same_actor_is_a_path_of_no_steps(berlin):
    [path] = introduction_path(berlin, "p001", "Aziza Rahimova-Klein", k=3)
    assert (path.actors, path.hops, path.distance) == (["p001"], 0, 0.0)


@pytest.mark.parametrize("k", [0, -1, 1.5, True])
def test_bad_k_is_a_query_error(berlin, k):
    with pytest.raises(QueryError):
        introduction_path(berlin, "p001", "p002", k=k)


def test_paths_leave_the_network_unchanged():
    net = read_network(sample_path())
    nodes = copy.deepcopy(dict(net.graph.nodes(data=True)))
    edges = copy.deepcopy(list(net.graph.edges(keys=True, data=True)))
    introduction_path(net, "hu_berlin", "nuu_tashkent", k=3)
    introduction_path(net, "hu_berlin", "nuu_tashkent", as_of=2016)
    assert dict(net.graph.nodes(data=True)) == nodes
    assert list(net.graph.edges(keys=True, data=True)) == edges


# -- tables -----------------------------------------------------------------------------------
def test_to_frame_has_one_row_per_step(berlin):
    path = introduction_path(berlin, "hu_berlin", "nuu_tashkent")[0]
    frame = path.to_frame()
    assert list(frame.columns) == STEP_COLUMNS
    assert len(frame) == path.hops
    assert list(frame["from"]) == path.actors[:-1]
    assert list(frame["to"]) == path.actors[1:]


def test_paths_frame_numbers_the_paths(berlin):
    paths = introduction_path(berlin, "hu_berlin", "nuu_tashkent", k=3)
    frame = paths_frame(paths)
    assert list(frame.columns[:2]) == ["path", "path_distance"]
    assert len(frame) == sum(p.hops for p in paths)
    assert sorted(set(frame["path"])) == [1, 2, 3]


def test_paths_frame_of_nothing_is_empty():
    assert paths_frame([]).empty


def test_result_is_a_list_of_introduction_paths(berlin):
    paths = introduction_path(berlin, "p002", "p024", k=2)
    assert all(isinstance(p, IntroductionPath) for p in paths)
