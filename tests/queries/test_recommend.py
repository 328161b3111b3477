"""Recommend: introductions for a project in a theme with a partner city."""

from __future__ import annotations

import copy
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from actornet.graph.errors import QueryError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable
from actornet.queries.paths import introduction_path
from actornet.queries.nearest_kernel import nearest_path
from actornet.queries.recommend import (
    RECOMMEND_COLUMNS, RECOMMEND_WEIGHTS, SIDE_COLUMNS, Recommender, recommend,
)


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
    assert "Uni" in best["why"] and "Lab" in best["why"]
    assert "uni" not in best["why"] and "lab" not in best["why"]  # names, not ids


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


# -- bring in and counterparts ------------------------------------------------------------
def _side(table):
    return table[["actor", "score", "theme", "contacts", "reach", "roles", "direct_contacts",
                  "via", "path"]].to_dict("records")


def test_bring_in_exact_rows():
    bring_in = recommend(climate_graph(), "climate", "twin").bring_in
    assert list(bring_in.columns) == SIDE_COLUMNS
    # desk: a climate tie with lab (1/3 of agency's strength across), reaches office;
    # uni: declares climate, reaches office. agency has the strongest tie across but
    # does nothing in climate: not someone to bring in for it.
    assert _side(bring_in) == [
        {"actor": "desk", "score": pytest.approx(1 + 1 / 3 + 0.5), "theme": 1.0,
         "contacts": pytest.approx(1 / 3), "reach": 1.0,
         "roles": ["active in Climate (1 tie or project)", "tied to 1 in Twin (e.g. Lab)",
                   "reaches 1 in Twin via Agency"],
         "direct_contacts": ["lab"], "via": ["agency"], "path": ["desk", "lab"]},
        {"actor": "uni", "score": 1.0, "theme": 0.5, "contacts": 0.0, "reach": 1.0,
         "roles": ["declares Climate", "reaches 1 in Twin via Agency"],
         "direct_contacts": [], "via": ["agency"], "path": ["uni", "agency", "office"]},
    ]
    assert list(bring_in["rank"]) == [1, 2]


def test_counterparts_exact_rows_paths_run_from_the_home_side():
    counterparts = recommend(climate_graph(), "climate", "twin").counterparts
    # museum declares culture only and has no tie: nothing to show, not listed.
    assert _side(counterparts) == [
        # lab reaches agency in two steps; office reaches uni and desk: the most.
        {"actor": "lab", "score": pytest.approx(1 + 1 / 3 + 0.5 * 0.5), "theme": 1.0,
         "contacts": pytest.approx(1 / 3), "reach": 0.5,
         "roles": ["active in Climate (1 tie or project)", "tied to 1 in Home (e.g. Desk)",
                   "reaches 1 in Home via Office"],
         "direct_contacts": ["desk"], "via": ["office"],
         # agency -> office -> lab (1/3 + 1/2) is shorter than desk -> lab (1).
         "path": ["agency", "office", "lab"]},
        {"actor": "office", "score": 1.5, "theme": 0.0, "contacts": 1.0, "reach": 1.0,
         "roles": ["tied to 1 in Home (e.g. Agency)", "reaches 2 in Home via Lab"],
         "direct_contacts": ["agency"], "via": ["lab"], "path": ["agency", "office"]},
    ]


def test_sides_leave_out_the_cities_and_stay_on_their_side(berlin):
    answer = recommend(berlin, "climate", "Jakarta", k=50)
    assert len(answer.bring_in) > 10
    assert (answer.bring_in["theme"] > 0).all()  # only actors in the theme to bring in
    assert set(answer.bring_in["actor"]).isdisjoint({"berlin", "jakarta"})
    assert {berlin.city_of(a) for a in answer.bring_in["actor"]} == {"berlin"}
    assert {berlin.city_of(a) for a in answer.counterparts["actor"]} == {"jakarta"}
    for row in answer.bring_in.to_dict("records"):
        assert row["path"][0] == row["actor"] and berlin.city_of(row["path"][-1]) == "jakarta"
        assert set(row["direct_contacts"]) <= set(berlin.actor_graph()[row["actor"]])
    for row in answer.counterparts.to_dict("records"):
        assert row["path"][-1] == row["actor"] and berlin.city_of(row["path"][0]) == "berlin"
    assert list(answer.bring_in["score"]) == sorted(answer.bring_in["score"], reverse=True)


def test_side_weights_and_errors():
    net = climate_graph()
    only_contacts = recommend(net, "climate", "twin",
                              side_weights={"theme": 0, "reach": 0}).bring_in
    assert list(only_contacts["actor"][:2]) == ["desk", "uni"]
    with pytest.raises(QueryError, match="unknown part in side_weights"):
        recommend(net, "climate", "twin", side_weights={"fame": 1})
    with pytest.raises(QueryError, match="must be a number"):
        recommend(net, "climate", "twin", side_weights={"theme": -1})


def test_sides_as_of_changes_the_answer():
    # desk's climate tie with lab starts in 2015: in 2012 desk only declares climate.
    earlier = recommend(climate_graph(), "climate", "twin", as_of=2012).bring_in
    desk = earlier.set_index("actor").loc["desk"]
    assert (desk["theme"], desk["contacts"], desk["direct_contacts"]) == (0.5, 0.0, [])
    assert recommend(climate_graph(), "climate", "twin", as_of=2012).as_of == 2012


def _reference_sides(net, theme, home, partner):
    """contacts and reach of every actor of ``home``'s side, with networkx."""
    A = net.actor_graph()
    H = nx.Graph()
    H.add_nodes_from(A)
    H.add_edges_from((u, v, {"strength": d["strength"]}) for u, v, d in A.edges(data=True)
                     if d["types"] != ["PARTNER_OF"] and u != v)
    there = {n for n in H if net.city_of(n) == partner}
    rows = {}
    for n in H:
        if net.city_of(n) != home or net.kind(n).value == "city":
            continue
        direct = {m for m in H[n] if m in there}
        two = {y for x in H[n] for y in H[x] if y in there} - direct
        rows[n] = (sum(H[n][m]["strength"] for m in direct), len(two))
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_sides_agree_with_networkx(seed):
    net = generated_network(400, 2000, seed=seed)
    home, city = net.home_city, net.partnerships()[0]["city"]
    table = recommend(net, "science", city, k=10**6).bring_in
    reference = _reference_sides(net, "science", home, city)
    top_contacts = max(c for c, _ in reference.values())
    top_reach = max(r for _, r in reference.values())
    assert top_contacts > 0 and top_reach > 0
    for row in table.to_dict("records"):
        contacts, reach = reference[row["actor"]]
        assert row["contacts"] == pytest.approx(contacts / top_contacts)
        assert row["reach"] == pytest.approx(reach / top_reach)
    # Only actors in the theme are brought in.
    assert len(table) > 0 and (table["theme"] > 0).all()


# -- the only bridge between two clusters -------------------------------------------------
def two_clusters():
    """Home: a tight cluster a1-a3 and broker x; twin: a tight cluster b1-b3.

    x (home) knows a1 and b1: the only bridge. No one else crosses.
    """
    G = nx.MultiDiGraph()
    G.add_node("home", kind="city", name="Home")
    G.add_node("twin", kind="city", name="Twin")
    for n, seat in [("a1", "home"), ("a2", "home"), ("a3", "home"), ("x", "home"),
                    ("b1", "twin"), ("b2", "twin"), ("b3", "twin")]:
        G.add_node(n, kind="institution", name=n.upper(), themes=["climate"])
        G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    for cluster in (["a1", "a2", "a3"], ["b1", "b2", "b3"]):
        for i, u in enumerate(cluster):
            for v in cluster[i + 1:]:
                G.add_edge(u, v, key=f"{u}-{v}", type="COOPERATES_WITH", weight=3,
                           themes=["climate"], evidence="minutes")
    G.add_edge("x", "a1", key="x-a1", type="KNOWS", weight=2, evidence="interview")
    G.add_edge("x", "b1", key="x-b1", type="KNOWS", weight=2, evidence="interview")
    themes = ThemeTable([Theme("climate", "Climate", priority=3)])
    return ActorNetwork(G, themes)


def test_the_only_bridge_makes_the_first_introduction():
    answer = recommend(two_clusters(), "climate", "twin", k=3)
    first = answer.introductions.iloc[0]
    assert (first["home_actor"], first["partner_actor"]) == ("a1", "b1")
    assert first["common_contacts"] == ["x"]
    assert first["path"] == ["a1", "x", "b1"]
    assert (first["adamic_adar"], first["resource_allocation"]) == (1.0, 1.0)
    # a1 has no tie across yet (only x does): half a new route.
    assert first["bridging"] == 0.5
    assert [s["ties"] for s in first["steps"]] == [["x-a1"], ["x-b1"]]
    assert [s["evidence"] for s in first["steps"]] == [["interview"], ["interview"]]
    assert "Shared contacts: X." in first["why"]
    # x is the one actor of Home tied into Twin; a1 reaches Twin through x.
    bring_in = answer.bring_in.set_index("actor")
    assert bring_in.index[0] == "x"
    assert bring_in.loc["x", "direct_contacts"] == ["b1"]
    # a1 reaches b1 through x; x reaches b2 and b3 through b1: the most.
    assert bring_in.loc["a1", "via"] == ["x"] and bring_in.loc["a1", "reach"] == 0.5
    assert bring_in.loc["x", "reach"] == 1.0
    assert bring_in.loc["a1", "path"] == ["a1", "x", "b1"]
    # The only other pairs sharing a contact are x's with b1's colleagues.
    rest = answer.introductions.iloc[1:]
    assert set(zip(rest["home_actor"], rest["partner_actor"])) == {("x", "b2"), ("x", "b3")}
    assert all(common == ["b1"] for common in rest["common_contacts"])


def test_without_the_bridge_introductions_are_cold():
    net = two_clusters()
    G = nx.MultiDiGraph(net.graph)
    G.remove_edge("x", "b1", key="x-b1")
    answer = recommend(ActorNetwork(G, net.themes), "climate", "twin", k=3)
    assert (answer.introductions["adamic_adar"] == 0).all()
    assert all(path == [] for path in answer.introductions["path"])
    assert all("cold introduction" in why for why in answer.introductions["why"])
    assert answer.bring_in["direct_contacts"].map(len).sum() == 0


# -- agreement of the fast parts with plain references ------------------------------------
def _reference_introductions(net, theme, home, partner):
    """Every candidate pair scored with networkx, sorted as recommend sorts."""
    A = net.actor_graph()
    in_theme = {n for n, t in A.nodes(data="themes") if theme in t}
    in_theme |= {u for u, v, _, _ in net.ties(["WORKS_ON"]) if v == theme}
    in_theme |= {x for u, v, t in A.edges(data="themes") if theme in t for x in (u, v)}
    R = _reference_graph(net)
    H = [n for n in A if net.city_of(n) == home and net.kind(n).value != "city"]
    P = [n for n in A if net.city_of(n) == partner and net.kind(n).value != "city"]
    H = [n for n in H if n in in_theme] or H
    P = [n for n in P if n in in_theme] or P
    crossing = {n for n in H + P for m in R[n]
                if {net.city_of(n), net.city_of(m)} == {home, partner}}
    pairs = [(h, p) for h in H for p in P if h != p and not A.has_edge(h, p)]
    aa = {(u, v): s for u, v, s in nx.adamic_adar_index(R, pairs)}
    ra = {(u, v): s for u, v, s in nx.resource_allocation_index(R, pairs)}
    aa_top, ra_top = max(aa.values()) or 1, max(ra.values()) or 1
    scored = []
    for h, p in pairs:
        theme_part = ((h in in_theme) + (p in in_theme)) / 2
        bridging = ((h not in crossing) + (p not in crossing)) / 2
        score = aa[h, p] / aa_top + ra[h, p] / ra_top + theme_part + 0.5 * bridging
        scored.append((-score, h, p))
    scored.sort()
    return [(h, p, -s) for s, h, p in scored]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("theme", ["business", "youth"])
def test_top_k_agrees_with_scoring_every_pair(seed, theme):
    net = generated_network(400, 2000, seed=seed)
    home, city = net.home_city, net.partnerships()[1]["city"]
    expected = _reference_introductions(net, theme, home, city)[:25]
    table = recommend(net, theme, city, k=25).introductions
    got = list(zip(table["home_actor"], table["partner_actor"], table["score"]))
    assert [(h, p) for h, p, _ in got] == [(h, p) for h, p, _ in expected]
    assert [s for *_, s in got] == pytest.approx([s for *_, s in expected])


def test_steps_agree_with_introduction_path(berlin):
    table = recommend(berlin, "science", "Paris", k=5).introductions
    assert len(table) == 5
    for h, p, path, steps in zip(table["home_actor"], table["partner_actor"], table["path"],
                                 table["steps"]):
        [best] = introduction_path(berlin, h, p)
        assert path == best.actors
        for mine, theirs in zip(steps, best.steps, strict=True):
            assert (mine["from"], mine["to"]) == (theirs.source, theirs.target)
            assert mine["types"] == theirs.types and mine["themes"] == theirs.themes
            assert (mine["since"], mine["until"]) == (theirs.since, theirs.until)
            assert sorted(mine["ties"]) == sorted(t["tie"] for t in theirs.ties)
            assert mine["projects"] == theirs.projects
            assert sorted(mine["evidence"]) == sorted(theirs.evidence)


def test_recommender_answers_as_recommend_does(berlin):
    ask = Recommender(berlin, as_of=2020)
    for theme, city in [("climate", "Jakarta"), ("culture", "Paris"), ("business", "Peking")]:
        once = recommend(berlin, theme, city, k=5, as_of=2020)
        again = ask.recommend(theme, city, k=5)
        for part in ("bring_in", "counterparts", "introductions"):
            pd.testing.assert_frame_equal(getattr(once, part), getattr(again, part))


def test_every_why_names_real_actors(berlin):
    answer = recommend(berlin, "culture", "Paris", k=10)
    for table in (answer.bring_in, answer.counterparts, answer.introductions):
        for why in table["why"]:
            for named in re.findall(r"\(([a-z0-9_]+)\)", why):
                assert named in berlin.graph, named


# -- nearest_path -------------------------------------------------------------------------
@pytest.mark.parametrize("backend", ["numba", "python"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_nearest_path_agrees_with_networkx(backend, seed):
    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(120, 300, seed=seed)
    for u, v in G.edges:
        G[u][v]["length"] = float(rng.integers(1, 6)) / 2
    csr = nx.to_scipy_sparse_array(G, nodelist=range(120), weight="length", format="csr")
    csr.sort_indices()
    indptr, indices = csr.indptr.astype(np.int64), csr.indices.astype(np.int64)
    for source in range(0, 120, 7):
        targets = rng.choice(120, size=5, replace=False)
        is_target = np.zeros(120, bool)
        is_target[targets] = True
        path, distance = nearest_path(indptr, indices, csr.data, source, is_target,
                                      backend=backend)
        lengths = nx.single_source_dijkstra_path_length(G, source, weight="length")
        reachable = [lengths[t] for t in targets if t in lengths]
        if not reachable:
            assert (path, distance) == ([], float("inf"))
            continue
        assert distance == pytest.approx(min(reachable))
        assert path[0] == source and is_target[path[-1]]
        assert sum(G[u][v]["length"] for u, v in zip(path, path[1:])) == pytest.approx(distance)


@pytest.mark.parametrize("seed", [1, 2])
def test_shared_contacts_from_elsewhere_give_the_same_answer(seed):
    net = generated_network(400, 2000, seed=seed)
    city = net.partnerships()[2]["city"]
    R = _reference_graph(net)
    asked = []

    def scored_by_networkx(sources, targets):
        asked.append((len(sources), len(targets)))
        pairs = [(s, t) for s in sources for t in targets if s != t and not R.has_edge(s, t)]
        aa = {(u, v): x for u, v, x in nx.adamic_adar_index(R, pairs)}
        ra = {(u, v): x for u, v, x in nx.resource_allocation_index(R, pairs)}
        return pd.DataFrame([{"source": u, "target": v, "adamic_adar": aa[u, v],
                              "resource_allocation": ra[u, v]} for u, v in pairs if ra[u, v]])

    here = recommend(net, "culture", city, k=15).introductions
    there = recommend(net, "culture", city, k=15, shared_contacts=scored_by_networkx).introductions
    assert asked and asked[0][0] > 0
    pd.testing.assert_frame_equal(here, there)


def test_shared_contacts_naming_strangers_is_an_error():
    def strangers(sources, targets):
        return pd.DataFrame([{"source": "nobody", "target": targets[0], "adamic_adar": 1.0,
                              "resource_allocation": 1.0}])

    with pytest.raises(QueryError, match="not candidates"):
        recommend(climate_graph(), "climate", "twin", shared_contacts=strangers)


@pytest.mark.parametrize("as_of", [None, 1995])
def test_recommender_knows_the_partnerships_the_network_lists(berlin, as_of):
    home, partners = Recommender(berlin, as_of=as_of)._partnerships
    assert home == berlin.home_city
    assert partners == {p["city"] for p in berlin.partnerships()}


