"""Recommend: introductions for a project in a theme with a partner city."""

from __future__ import annotations

import copy

import networkx as nx
import pytest

from actornet.sample import sample_path
from graph.errors import QueryError
from graph.generate import generated_network
from graph.network import ActorNetwork
from graph.schema import Theme, ThemeTable
from loaders import read_network
from queries.paths import introduction_path
from queries.recommend import RECOMMEND_COLUMNS, RECOMMEND_WEIGHTS, recommend


@pytest.fixture(scope="module")
def berlin():
    return read_network(sample_path())


# -- recommend ---------------------------------------------------------------------------
def climate_graph():
    """home: uni (climate), agency, desk; twin: lab (climate), office, museum (culture).

    agency-office is the one tie across; uni knows agency, lab knows office.
    uni-lab is the obvious introduction (both climate, shared route via
    agency and office); agency-office may never be suggested (already tied).
    """
    G = nx.MultiDiGraph()
    for n, kind, seat, themes in [
            ("home", "city", None, []), ("twin", "city", None, []),
            ("uni", "institution", "home", ["climate"]), ("agency", "institution", "home", []),
            ("desk", "person", "home", ["climate"]),
            ("lab", "institution", "twin", ["climate"]), ("office", "institution", "twin", []),
            ("museum", "institution", "twin", ["culture"])]:
        G.add_node(n, kind=kind, name=n.title(), themes=themes)
        if seat:
            G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    G.add_edge("agency", "office", key="t1", type="COOPERATES_WITH", weight=3, since=2000)
    G.add_edge("uni", "agency", key="t2", type="COOPERATES_WITH", weight=2, since=2000)
    G.add_edge("desk", "agency", key="t3", type="MEMBER_OF", since=2000)
    G.add_edge("lab", "office", key="t4", type="COOPERATES_WITH", weight=2, since=2010)
    G.add_edge("desk", "lab", key="t5", type="COOPERATES_WITH", themes=["climate"], since=2015)
    themes = ThemeTable([Theme("climate", "Climate", "Klimaschutz", 3),
                         Theme("culture", "Culture", priority=3)])
    return ActorNetwork(G, themes)


def test_recommend_columns_and_k():
    table = recommend(climate_graph(), "climate", "twin", k=1).introductions
    assert list(table.columns) == RECOMMEND_COLUMNS
    assert len(table) == 1


def test_recommend_obvious_pair_first_with_its_path():
    best = recommend(climate_graph(), "climate", "twin").introductions.iloc[0]
    assert (best["home_actor"], best["partner_actor"]) == ("uni", "lab")
    assert best["path"][0] == "uni"
    assert best["path"][-1] == "lab"
    assert "uni" in best["why"] and "lab" in best["why"]


def test_recommend_never_suggests_an_existing_tie_or_the_actor_itself():
    net = climate_graph()
    A = net.actor_graph()
    table = recommend(net, "Klimaschutz", "Twin", k=50).introductions
    assert len(table) > 0
    for h, p in zip(table["home_actor"], table["partner_actor"]):
        assert h != p
        assert not A.has_edge(h, p)
    assert ("desk", "lab") not in set(zip(table["home_actor"], table["partner_actor"]))


def test_recommend_only_theme_actors_when_there_are_some():
    table = recommend(climate_graph(), "climate", "twin", k=50).introductions
    assert set(table["home_actor"]) <= {"uni", "desk"}
    assert set(table["partner_actor"]) == {"lab"}


def test_recommend_as_of_changes_the_answer():
    # Before 2015 desk and lab are not tied yet: desk-lab becomes a candidate.
    later = recommend(climate_graph(), "climate", "twin", k=50).introductions
    earlier = recommend(climate_graph(), "climate", "twin", k=50, as_of=2012).introductions
    assert ("desk", "lab") not in set(zip(later["home_actor"], later["partner_actor"]))
    assert ("desk", "lab") in set(zip(earlier["home_actor"], earlier["partner_actor"]))


def test_recommend_weights_and_errors():
    net = climate_graph()
    with pytest.raises(QueryError):
        recommend(net, "climate", "twin", k=0)
    with pytest.raises(QueryError, match="not a partner city"):
        recommend(net, "climate", "uni")
    with pytest.raises(QueryError):
        recommend(net, "climate", "twin", weights={"luck": 1})
    table = recommend(net, "climate", "twin", weights={"bridging": 0, "theme": 0,
                                                        "adamic_adar": 0,
                                                        "resource_allocation": 0}).introductions
    assert (table["score"] == 0).all()


def test_recommend_does_not_mutate():
    net = climate_graph()
    before = copy.deepcopy(list(net.graph.edges(keys=True, data=True)))
    recommend(net, "climate", "twin")
    assert list(net.graph.edges(keys=True, data=True)) == before


def test_recommend_berlin_jakarta_climate(berlin):
    table = recommend(berlin, "climate", "Jakarta", k=10).introductions
    A = berlin.actor_graph()
    assert len(table) == 10
    for found in table.to_dict("records"):
        assert berlin.city_of(found["home_actor"]) == "berlin"
        assert berlin.city_of(found["partner_actor"]) == "jakarta"
        assert not A.has_edge(found["home_actor"], found["partner_actor"])
        assert found["path"][0] == found["home_actor"]
        assert found["path"][-1] == found["partner_actor"]


def _reference_graph(net):
    """The actor graph without formal-partnership-only links, as networkx sees it."""
    A = net.actor_graph()
    H = nx.Graph()
    H.add_nodes_from(A)
    H.add_edges_from((u, v) for u, v, t in A.edges(data="types") if t != ["PARTNER_OF"])
    return H


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("part, reference", [("adamic_adar", nx.adamic_adar_index),
                                             ("resource_allocation",
                                              nx.resource_allocation_index)])
def test_recommend_shared_contacts_agree_with_networkx(seed, part, reference):
    net = generated_network(300, 1500, seed=seed)
    city = net.partnerships()[0]["city"]
    only = {name: 0 for name in RECOMMEND_WEIGHTS} | {part: 1}
    table = recommend(net, "business", city, k=10**6, weights=only).introductions
    pairs = list(zip(table["home_actor"], table["partner_actor"]))
    expected = {(u, v): s for u, v, s in reference(_reference_graph(net), pairs)}
    top = max(expected.values())
    assert top > 0
    assert list(table[part]) == pytest.approx([expected[p] / top for p in pairs])


def test_recommend_paths_agree_with_introduction_path(berlin):
    table = recommend(berlin, "climate", "Jakarta", k=5).introductions
    for h, p, path in zip(table["home_actor"], table["partner_actor"], table["path"]):
        [best] = introduction_path(berlin, h, p)
        assert path == best.actors
