"""Namesakes are told apart in words: city, else country; ids only as a last
resort, and a person never by place."""

import networkx as nx

from actornet.graph.labels import actor_labels
from actornet.graph.network import ActorNetwork


def _network():
    G = nx.MultiDiGraph()
    G.add_node("paris", kind="city", name="Paris", country="FR")
    G.add_node("paris_us", kind="city", name="Paris", country="US")
    G.add_node("montpellier", kind="city", name="Montpellier", country="FR")
    G.add_node("999993274", kind="institution", name="INRA")
    G.add_node("999993275", kind="institution", name="INRA")
    G.add_edge("999993274", "paris", key="b1", type="BASED_IN")
    G.add_edge("999993275", "montpellier", key="b2", type="BASED_IN")
    G.add_node("ucl_a", kind="institution", name="UCL", country="GB")
    G.add_node("ucl_b", kind="institution", name="UCL", country="BE")
    G.add_node("p1", kind="person", name="Anna Schmidt")
    G.add_node("p2", kind="person", name="Anna Schmidt")
    G.add_edge("p1", "paris", key="b3", type="BASED_IN")
    G.add_edge("p2", "montpellier", key="b4", type="BASED_IN")
    return ActorNetwork(G)


def test_namesakes_are_told_apart_by_city_then_country():
    label = actor_labels(_network())
    assert label("999993274") == "INRA (Paris)"
    assert label("999993275") == "INRA (Montpellier)"
    assert label("ucl_a") == "UCL (GB)"
    assert label("ucl_b") == "UCL (BE)"
    assert label("paris") == "Paris (FR)" and label("paris_us") == "Paris (US)"
    assert label("montpellier") == "Montpellier"


def test_a_person_is_told_apart_by_id_never_by_place():
    label = actor_labels(_network())
    assert label("p1") == "Anna Schmidt (p1)"
    assert "Paris" not in label("p1") and "Montpellier" not in label("p2")


def test_namesakes_in_one_place_fall_back_to_their_ids():
    network = _network()
    G = network.graph.copy()
    G.add_node("999993276", kind="institution", name="INRA")
    G.add_edge("999993276", "paris", key="b5", type="BASED_IN")
    label = actor_labels(ActorNetwork(G))
    assert label("999993274") == "INRA (999993274)"
    assert label("999993276") == "INRA (999993276)"
    assert label("999993275") == "INRA (Montpellier)"
