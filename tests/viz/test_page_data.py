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
