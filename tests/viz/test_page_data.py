"""The page draws the scores it is given: viz computes no analysis itself."""

from __future__ import annotations

import pandas as pd

from actornet.viz.page_data import Scope, page_data, page_scope


def given_scores(values, *, mode="sampled", sources=7):
    table = pd.DataFrame({"actor": list(values), "betweenness": list(values.values()),
                          "dominant_role": ["liaison"] + [None] * (len(values) - 1)})
    table.attrs.update(mode=mode, sources=sources)
    return table


def test_sizes_and_order_follow_the_scores_given(hostile):
    scores = given_scores({"x_href": 0.9, "p1": 0.3, "jakarta_gov": 0.0})
    page = page_data(hostile, scores)
    nodes = {n["id"]: n for n in page["nodes"]}
    assert nodes["x_href"]["rank"] == 1 and nodes["p1"]["rank"] == 2
    assert nodes["x_href"]["size"] == 40.0  # the top score: the largest node
    assert nodes["jakarta_gov"]["size"] == 10.0
    assert nodes["x_href"]["role"] == "liaison" and nodes["p1"]["role"] == ""
    assert page["scores"] == {"mode": "sampled", "sources": 7}
    assert page["nodes"][-1]["id"] != "x_href"  # brokers first: drawn last, on top
    assert page["nodes"][0]["id"] == "x_href"


def test_without_scores_every_actor_is_the_same_size(hostile):
    page = page_data(hostile, None)
    assert {n["size"] for n in page["nodes"]} == {10.0}
    assert page["scores"] == {"mode": "exact", "sources": 0}


def test_a_scope_titles_the_page(hostile):
    scope = page_scope(hostile, city="Jakarta", as_of=2021)
    assert isinstance(scope, Scope) and scope.network is hostile
    assert scope.said == ("as of 2021", "partner city Jakarta")
    assert page_data(scope)["title"] == "hostile (as of 2021, partner city Jakarta)"


def _themed_network():
    import networkx as nx

    from actornet.graph.network import ActorNetwork
    from actornet.graph.schema import Theme, ThemeTable

    G = nx.MultiDiGraph()
    G.add_node("a", kind="institution", name="Alpha Institute")
    G.add_node("b", kind="institution", name="Beta University")
    G.add_edge("a", "b", key="t1", type="COOPERATES_WITH", themes=["SC5"], since=2019)
    sc5 = Theme("SC5", "Climate action, environment, resource efficiency and raw materials",
                properties={"short_en": "Climate and environment"})
    return ActorNetwork(G, ThemeTable([sc5]))


def test_the_page_names_themes_in_full_and_short():
    page = page_data(_themed_network(), None)
    assert page["themes"] == [{
        "id": "SC5", "label": "Climate action, environment, resource efficiency and raw materials",
        "short": "Climate and environment"}]


def test_a_ties_evidence_names_its_themes_by_short_label_not_code():
    page = page_data(_themed_network(), None)
    evidence = {n["id"]: n["ties"][0][3] for n in page["nodes"]}["a"]
    assert "(Climate and environment)" in evidence and "SC5" not in evidence
