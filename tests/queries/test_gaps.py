"""Gaps: coverage per city and theme, the under-served ranking, dormant partnerships."""

from __future__ import annotations

import copy
import math
import re

import networkx as nx
import pandas as pd
import pytest

from actornet.sample import sample_path
from actornet.graph.errors import QueryError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable
from actornet.loaders import read_network
from actornet.queries.coverage import COVERAGE_COLUMNS, coverage
from actornet.queries.dormant import DORMANT_COLUMNS, dormant
from actornet.queries.under_served import UNDER_SERVED_COLUMNS, UNDER_SERVED_WEIGHTS, under_served
from actornet.queries.paths import introduction_path

THEMES = ThemeTable([Theme("business", "Business", priority=3),
                     Theme("culture", "Culture", priority=3),
                     Theme("integration", "Integration", priority=2),
                     Theme("sport", "Sport", priority=1)])


def small_graph():
    """A home city with five partnerships whose answers are obvious:

    - busy: three independent ties (business+culture, integration, business) and a
      project (culture, integration), institutions, NGOs;
    - mono: culture only, two ties from two home actors;
    - solo: everything runs through one person, desk;
    - old: two ties that ended in 2015;
    - frozen: suspended, its only tie ran 2000-2022;
    - fresh: signed 2019, a tie since 2019.
    """
    G = nx.MultiDiGraph()
    actors = [
        ("home", "city", None), ("busy", "city", None), ("mono", "city", None),
        ("solo", "city", None), ("old", "city", None), ("frozen", "city", None),
        ("fresh", "city", None),
        ("uni", "institution", "home"), ("club", "ngo", "home"), ("chamber", "institution", "home"),
        ("desk", "person", "home"),
        ("b_uni", "institution", "busy"), ("b_ngo", "ngo", "busy"),
        ("b_chamber", "institution", "busy"),
        ("m_museum", "institution", "mono"), ("m_theatre", "institution", "mono"),
        ("s_office", "institution", "solo"), ("s_uni", "institution", "solo"),
        ("o_uni", "institution", "old"), ("o_ngo", "ngo", "old"),
        ("f_agency", "institution", "frozen"),
        ("n_lab", "institution", "fresh"),
    ]
    for n, kind, seat in actors:
        G.add_node(n, kind=kind, name=n.replace("_", " ").title())
        if seat:
            G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_node("proj", kind="project", name="Joint Festival", themes=["culture", "integration"],
               since=2018)
    for city, since in [("busy", 1990), ("mono", 1991), ("solo", 1992), ("old", 1993),
                        ("fresh", 2019)]:
        G.add_edge("home", city, key=f"home-{city}", type="PARTNER_OF", since=since,
                   status="active")
    G.add_edge("home", "frozen", key="home-frozen", type="PARTNER_OF", since=1994,
               status="suspended")
    ties = [
        ("uni", "b_uni", "t_busy1", ["business", "culture"], 2010, None, 3),
        ("club", "b_ngo", "t_busy2", ["integration"], 2012, None, 2),
        ("chamber", "b_chamber", "t_busy3", ["business"], 2015, None, 4),
        ("club", "m_museum", "t_mono1", ["culture"], 2010, None, 3),
        ("uni", "m_theatre", "t_mono2", ["culture"], 2011, None, 2),
        ("desk", "s_office", "t_solo1", ["business"], 2012, None, 2),
        ("desk", "s_uni", "t_solo2", ["culture"], 2014, None, 2),
        ("uni", "o_uni", "t_old1", ["business"], 2000, 2015, 3),
        ("club", "o_ngo", "t_old2", ["culture"], 2005, 2015, 1),
        ("chamber", "f_agency", "t_frozen", ["business"], 2000, 2022, 2),
        ("uni", "n_lab", "t_fresh", ["business"], 2019, None, 1),
    ]
    for u, v, key, themes, since, until, weight in ties:
        G.add_edge(u, v, key=key, type="COOPERATES_WITH", themes=themes, since=since,
                   until=until, weight=weight)
    G.add_edge("uni", "proj", key="j1", type="PARTICIPATES_IN", weight=4)
    G.add_edge("b_uni", "proj", key="j2", type="PARTICIPATES_IN", weight=5)
    return G


@pytest.fixture
def small():
    return ActorNetwork(small_graph(), THEMES)


def row(table, city):
    [found] = table[table["city"] == city].to_dict("records")
    return found


def cell(table, city, theme):
    [found] = table[(table["city"] == city) & (table["theme"] == theme)].to_dict("records")
    return found


# -- coverage ---------------------------------------------------------------------------
def test_coverage_has_one_row_per_partnership_and_theme(small):
    table = coverage(small, as_of=2020)
    assert list(table.columns) == COVERAGE_COLUMNS
    assert len(table) == 6 * 4


def test_coverage_counts_active_ties_and_projects(small):
    busy = cell(coverage(small, as_of=2020), "busy", "culture")
    assert (busy["ties"], busy["projects"]) == (1, 1)
    assert busy["intensity"] == 3 + 5  # the tie's weight, the busy side's participation


def test_coverage_priority_comes_from_the_themes_table(small):
    table = coverage(small, as_of=2020)
    assert dict(zip(table["theme"], table["priority"])) == {
        "business": 3.0, "culture": 3.0, "integration": 2.0, "sport": 1.0}


def test_coverage_priority_weights_can_be_overridden(small):
    table = coverage(small, as_of=2020, weights={"sport": 3})
    assert cell(table, "mono", "sport")["priority"] == 3.0
    assert cell(table, "mono", "sport")["gap"]


def test_coverage_unknown_theme_weight_is_an_error(small):
    with pytest.raises(QueryError):
        coverage(small, weights={"chess": 2})


def test_coverage_one_theme_only(small):
    table = coverage(small, as_of=2020)
    mono = table[table["city"] == "mono"]
    assert dict(zip(mono["theme"], mono["ties"])) == {
        "business": 0, "culture": 2, "integration": 0, "sport": 0}
    assert dict(zip(mono["theme"], mono["gap"])) == {
        "business": True, "culture": False, "integration": True, "sport": False}


def test_coverage_decays_ended_ties(small):
    old = cell(coverage(small, as_of=2020), "old", "business")
    assert old["ties"] == 0
    assert old["activity"] == pytest.approx(3 * 0.5)  # ended 2015, half-life 5 years
    assert old["last_active"] == 2015


def test_coverage_as_of_changes_the_answer(small):
    assert cell(coverage(small, as_of=2012), "old", "business")["ties"] == 1
    assert cell(coverage(small, as_of=2012), "old", "business")["gap"] is False
    assert cell(coverage(small, as_of=2009), "mono", "culture")["ties"] == 0


def test_coverage_ignores_the_partnership_tie_itself():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="city", name="A")
    G.add_node("b", kind="city", name="B")
    G.add_edge("a", "b", key="p", type="PARTNER_OF", since=1990, themes=["business"])
    table = coverage(ActorNetwork(G, THEMES), as_of=2000)
    assert table["ties"].sum() == 0


# -- under_served ----------------------------------------------------------------------------
def test_under_served_columns_and_one_row_per_partnership(small):
    table = under_served(small, as_of=2020)
    assert list(table.columns) == UNDER_SERVED_COLUMNS
    assert sorted(table["city"]) == ["busy", "fresh", "frozen", "mono", "old", "solo"]


def test_under_served_dormant_partnership_ranks_first(small):
    table = under_served(small, as_of=2020)
    assert table["city"].iloc[0] == "old"
    assert table["rank"].iloc[0] == 1


def test_under_served_busy_partnership_ranks_last_of_the_active(small):
    table = under_served(small, as_of=2020)
    ranked = table[table["rank"].notna()]
    assert ranked["city"].iloc[-1] == "busy"


def test_under_served_suspended_is_reported_not_ranked(small):
    table = under_served(small, as_of=2020)
    frozen = row(table, "frozen")
    assert frozen["status"] == "suspended"
    assert pd.isna(frozen["rank"])
    assert table["city"].iloc[-1] == "frozen"
    assert "suspended" in frozen["why"]
    assert "not ranked" in frozen["why"]


def test_under_served_ranks_are_consecutive(small):
    ranks = [int(r) for r in under_served(small, as_of=2020)["rank"].dropna()]
    assert ranks == [1, 2, 3, 4, 5]


def test_under_served_one_priority_theme_only(small):
    mono = row(under_served(small, as_of=2020), "mono")
    assert mono["missing_themes"] == ["business", "integration"]
    assert mono["theme_gaps"] == pytest.approx((3 + 2) / (3 + 3 + 2))
    assert "themes Business and Integration." in mono["why"]  # labels, not ids


def test_under_served_single_person(small):
    solo = row(under_served(small, as_of=2020), "solo")
    assert solo["routes"] == 1
    assert solo["single_points_of_failure"] == ["desk"]
    assert solo["fragility"] == 1.0
    assert "Desk leaves" in solo["why"] and "(desk)" not in solo["why"]  # names, not ids


def test_under_served_dormancy(small):
    old = row(under_served(small, as_of=2020), "old")
    assert old["last_active"] == 2015
    assert old["years_dormant"] == 5
    assert old["dormancy"] == pytest.approx(0.5)
    assert "2015" in old["why"]


def test_under_served_kinds_involved(small):
    table = under_served(small, as_of=2020)
    assert row(table, "busy")["kinds"] == ["institution", "ngo"]
    assert row(table, "solo")["kinds"] == ["institution", "person"]
    assert "No civil society (NGO)" in row(table, "solo")["why"]
    assert row(table, "solo")["narrow_actors"] == pytest.approx(1 - 2 / 6)  # 6 actor kinds


def test_under_served_busy_has_no_theme_gap_and_three_routes(small):
    busy = row(under_served(small, as_of=2020), "busy")
    assert busy["missing_themes"] == []
    assert busy["routes"] == 3
    assert (busy["active_ties"], busy["active_projects"]) == (3, 1)


def test_under_served_score_is_the_sum_of_weighted_components(small):
    table = under_served(small, as_of=2020)
    parts = sum(table[f"{c}_weighted"] for c in UNDER_SERVED_WEIGHTS)
    assert list(table["score"]) == pytest.approx(list(parts))


def test_under_served_weights_override(small):
    table = under_served(small, as_of=2020, weights={"fragility": 0, "dormancy": 2})
    assert (table["fragility_weighted"] == 0).all()
    old = row(table, "old")
    assert old["dormancy_weighted"] == pytest.approx(2 * old["dormancy"])
    assert old["low_activity_weighted"] == pytest.approx(old["low_activity"])


def test_under_served_weights_change_the_ranking(small):
    # Only fragility counts: the single-person partnership and the dead ones come first.
    weights = {c: 0 for c in UNDER_SERVED_WEIGHTS} | {"fragility": 1}
    table = under_served(small, as_of=2020, weights=weights)
    top = set(table[table["fragility_weighted"] == 1.0]["city"])
    assert top == {"old", "solo", "fresh", "frozen"}


def test_under_served_unknown_weight_is_an_error(small):
    with pytest.raises(QueryError, match="unknown component"):
        under_served(small, weights={"charm": 1})


def test_under_served_negative_weight_is_an_error(small):
    with pytest.raises(QueryError):
        under_served(small, weights={"dormancy": -1})


def test_under_served_as_of_before_signing(small):
    table = under_served(small, as_of=2015)
    fresh = row(table, "fresh")
    assert fresh["status"] == "not yet signed"
    assert "not yet signed" in fresh["why"]
    assert table["rank"].notna().sum() == 4


def test_under_served_as_of_when_old_was_alive(small):
    old = row(under_served(small, as_of=2012), "old")
    assert old["years_dormant"] == 0
    assert old["active_ties"] == 2
    assert old["missing_themes"] == ["integration"]


def test_under_served_no_home_city_is_an_error():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    with pytest.raises(QueryError, match="no home city"):
        under_served(ActorNetwork(G))


def test_queries_never_mutate_the_network(small):
    before = copy.deepcopy(dict(small.graph.nodes(data=True)))
    edges = copy.deepcopy(list(small.graph.edges(keys=True, data=True)))
    coverage(small, as_of=2020)
    under_served(small, as_of=2020)
    dormant(small, as_of=2020)
    assert dict(small.graph.nodes(data=True)) == before
    assert list(small.graph.edges(keys=True, data=True)) == edges


def test_the_callers_graph_is_untouched():
    G = small_graph()
    before = nx.node_link_data(G, edges="links")
    net = ActorNetwork(G, THEMES)
    under_served(net, as_of=2020)
    dormant(net, as_of=2020)
    assert nx.node_link_data(G, edges="links") == before


# -- dormant ---------------------------------------------------------------------------
def test_dormant_columns(small):
    assert list(dormant(small, as_of=2020).columns) == DORMANT_COLUMNS


def test_dormant_partnership_and_actors(small):
    table = dormant(small, as_of=2020)
    assert table[table["level"] == "partnership"]["id"].tolist() == ["old"]
    assert sorted(table[table["level"] == "actor"]["id"]) == ["o_ngo", "o_uni"]


def test_dormant_trend_and_slope(small):
    old = dormant(small, as_of=2020).iloc[0]
    assert old["trend"] == [2, 2, 2, 0]  # 2001-05, 2006-10, 2011-15, 2016-20
    assert old["slope"] == pytest.approx(-0.6)
    assert old["last_active"] == 2015
    assert "2015" in old["why"]


def test_dormant_years_threshold(small):
    assert dormant(small, years=6, as_of=2020).empty
    assert dormant(small, years=5, as_of=2020)["id"].iloc[0] == "old"


def test_dormant_suspended_says_so(small):
    table = dormant(small, as_of=2030)
    [frozen] = table[table["id"] == "frozen"].to_dict("records")
    assert frozen["status"] == "suspended"
    assert "suspended" in frozen["why"]
    assert frozen["last_active"] == 2022


def test_dormant_never_active_partnership():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="city", name="A")
    G.add_node("b", kind="city", name="B")
    G.add_edge("a", "b", key="p", type="PARTNER_OF", since=1990)
    table = dormant(ActorNetwork(G), as_of=2000)
    assert table["id"].tolist() == ["b"]
    assert table["last_active"].iloc[0] is None
    assert math.isnan(table["years_dormant"].iloc[0])
    assert "never" in table["why"].iloc[0]


def test_dormant_years_must_be_positive(small):
    with pytest.raises(QueryError):
        dormant(small, years=0)


# -- the Berlin sample ------------------------------------------------------------------
@pytest.mark.parametrize("city, theme", [("istanbul", "climate"), ("madrid", "climate"),
                                         ("tokyo", "integration"), ("windhoek", "business")])
def test_berlin_theme_gaps(berlin, city, theme):
    assert cell(coverage(berlin, as_of=2024), city, theme)["gap"]
    found = row(under_served(berlin, as_of=2024), city)
    assert theme in found["missing_themes"]
    assert berlin.themes.resolve(theme).label_en in found["why"]


def test_berlin_budapest_and_buenos_aires_are_dormant(berlin):
    table = dormant(berlin, as_of=2024)
    partnerships = table[table["level"] == "partnership"]
    assert {"budapest", "buenos_aires"} <= set(partnerships["id"])
    assert (partnerships.set_index("id").loc[["budapest", "buenos_aires"], "last_active"]
            <= 2015).all()


def test_berlin_moscow_is_suspended_not_a_gap(berlin):
    table = under_served(berlin, as_of=2024)
    moscow = row(table, "moscow")
    assert moscow["status"] == "suspended"
    assert table[table["city"] == "moscow"]["rank"].isna().all()
    assert "suspended" in moscow["why"]


def test_berlin_tashkent_names_its_desk_officer(berlin):
    tashkent = row(under_served(berlin, as_of=2024), "tashkent")
    assert tashkent["single_points_of_failure"] == ["p001"]
    assert "Aziza Rahimova-Klein leaves" in tashkent["why"]


def test_berlin_kyiv_before_2023_is_not_yet_signed(berlin):
    assert row(under_served(berlin, as_of=2020), "kyiv")["status"] == "not yet signed"


def test_berlin_every_why_names_real_evidence(berlin):
    table = under_served(berlin, as_of=2024)
    G = berlin.graph
    for found in table.to_dict("records"):
        assert found["why"].startswith(found["name"])
        for theme in found["missing_themes"]:
            assert theme in berlin.themes
            assert berlin.themes.resolve(theme).label_en in found["why"]
        for actor in found["single_points_of_failure"]:
            assert actor in G
            assert G.nodes[actor]["name"] in found["why"]  # by name, not id
            assert f"({actor})" not in found["why"]
        if found["last_active"] is not None and found["years_dormant"] > 0:
            assert str(found["last_active"]) in found["why"]
        if found["active_ties"] + found["active_projects"] > 0:
            # The strongest tie described (type, the two by name), never its raw key.
            named = re.search(r"strongest: (a [a-z ]+ tie between .+? and .+?|the project .+?)"
                              r"(?: since \d+)?\)", found["why"])
            assert named, found["why"]
            assert ">" not in found["why"] and "@" not in found["why"]


# -- the fast activity_items agrees with the plain one ------------------------------------

def _collect_reference(network):
    """The plain version of actornet.queries.activity.activity_items, over network.ties and
    network.period (as it was before the one-pass rewrite)."""
    from collections import defaultdict

    from actornet.queries.activity import _DIRECT, _PROJECT, ActivityItem, _weight

    G = network.graph
    nodes = G.nodes
    city_of = network.city_of
    by_city = defaultdict(list)
    by_actor = defaultdict(list)
    for u, v, key, data in network.ties(_DIRECT):
        since, until = network.period(u, v, key)
        themes = set(data.get("themes", ()))
        project = data.get("project")
        if project is not None and project in G:
            themes.update(nodes[project].get("themes", ()))
        item = ActivityItem("tie", key, frozenset(themes), since, until, _weight(data), (u, v))
        by_actor[u].append(item)
        by_actor[v].append(item)
        cu, cv = city_of(u), city_of(v)
        if cu != cv:
            for c in (cu, cv):
                if c is not None:
                    by_city[c].append(item)
    members = defaultdict(list)
    for u, p, key, data in network.ties(_PROJECT):
        since, until = network.period(u, p, key)
        members[p].append((u, city_of(u), since, until, _weight(data), key))
        themes = frozenset(data.get("themes", ())) | frozenset(nodes[p].get("themes", ()))
        by_actor[u].append(ActivityItem("tie", key, themes, since, until, _weight(data), (u,)))
    for p, joined in members.items():
        themes = frozenset(nodes[p].get("themes", ()))
        cities = {c for _, c, *_ in joined}
        participants = tuple(sorted({a for a, *_ in joined}))
        for c in cities:
            if c is None or cities == {c}:
                continue
            mine = [m for m in joined if m[1] == c]
            starts = [m[2] for m in mine]
            ends = [m[3] for m in mine]
            since = None if any(s is None for s in starts) else min(starts)
            until = None if any(e is None for e in ends) else max(ends)
            by_city[c].append(ActivityItem("project", p, themes, since, until,
                                    max(m[4] for m in mine), participants))
    return by_city, by_actor


@pytest.mark.parametrize("make", [
    lambda: read_network(sample_path()),
    lambda: generated_network(400, 2000, seed=3),
    lambda: generated_network(2000, 9000, seed=4).as_of(2015),
], ids=["sample", "generated", "generated-as-of"])
def test_fast_collect_gives_the_same_items_in_the_same_order(make):
    from actornet.queries.activity import activity_items

    network = make()
    fast_city, fast_actor = activity_items(network)
    slow_city, slow_actor = _collect_reference(network)
    assert dict(fast_city) == dict(slow_city)
    assert dict(fast_actor) == dict(slow_actor)
    assert list(fast_actor) == list(slow_actor)


def test_fast_items_behave_like_dataclass_items():
    from actornet.queries.activity import ActivityItem, _item

    args = ("tie", "t1", frozenset({"climate"}), 2001, None, 3, ("a", "b"))
    fast, slow = _item(*args), ActivityItem(*args)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert fast.active(2005) and fast.recency(2005) == 1.0
    with pytest.raises(AttributeError):
        fast.since = 1990  # frozen as the dataclass is


@pytest.mark.parametrize("make", [
    lambda: read_network(sample_path()),
    lambda: generated_network(2000, 10000, hubs=3, seed=4),
], ids=["sample", "generated"])
def test_dormant_counts_match_the_plain_trend(make):
    """dormant's inlined window counts against the plain _trend they replaced."""
    from actornet.queries.activity import activity_items
    from actornet.queries.dormant import _counts, _trend, trend_windows

    network = make()
    by_city, by_actor = activity_items(network)
    for year in (2005, 2015, 2024):
        windows = trend_windows(year)
        for items in [*by_city.values(), *by_actor.values()]:
            started = [i for i in items if i.started(year)]
            assert _counts(started, windows) == _trend(started, year)[0]


def test_collect_is_gathered_once_per_network():
    from actornet.queries.activity import activity_items

    network = generated_network(300, 900, seed=6)
    assert activity_items(network) is activity_items(network)
    assert activity_items(network.as_of(2015)) is not activity_items(network)
