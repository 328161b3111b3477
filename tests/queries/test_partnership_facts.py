"""One set of facts per partnership (issue 20): the sections cannot disagree."""

from __future__ import annotations

import networkx as nx
import pytest

from actornet.graph.network import ActorNetwork
from actornet.graph.schema import Theme, ThemeTable
from actornet.queries.coverage import coverage
from actornet.queries.dormant import dormant
from actornet.queries.fragility import fragility
from actornet.queries.partnership_facts import ALL, WORKING, partnership_facts
from actornet.queries.under_served import under_served
from actornet.network_report import report_data


def windhoek_like():
    """The old contradiction: Berlin's routes to Windhoek ran through three
    actors in other cities over ties that ended in 2020, while another
    partnership is active until 2026 (the network's last year).

    Old code: fragility (all ties) said "3 independent routes" while
    under-served (the ties working in 2026) said the partnership "exists on
    paper only".
    """
    G = nx.MultiDiGraph()
    seats = {"berlin": None, "windhoek": None, "paris": None, "rome": None,
             "tu": "berlin", "fu": "berlin", "hu": "berlin",
             "nust": "windhoek", "unam": "windhoek", "mrc": "windhoek",
             "cnr": "rome", "inaf": "rome", "ingv": "rome",
             "cnrs": "paris"}
    for n, seat in seats.items():
        G.add_node(n, kind="city" if seat is None else "institution", name=n.upper())
        if seat:
            G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_edge("berlin", "windhoek", key="bw", type="PARTNER_OF", since=2000)
    G.add_edge("berlin", "paris", key="bp", type="PARTNER_OF", since=1987)
    for home, middle, far in [("tu", "cnr", "nust"), ("fu", "inaf", "unam"),
                              ("hu", "ingv", "mrc")]:
        for a, b in ((home, middle), (middle, far)):
            G.add_edge(a, b, key=f"{a}-{b}", type="COOPERATES_WITH", since=2014, until=2020,
                       themes=["science"])
    G.add_edge("tu", "cnrs", key="tu-cnrs", type="COOPERATES_WITH", since=2015, until=2026,
               themes=["science"])
    themes = ThemeTable([Theme("science", "Science", priority=3),
                         Theme("culture", "Culture", priority=1)])
    return ActorNetwork(G, themes)


def _row(table, city):
    return table[table["city"] == city].iloc[0]


def test_the_record_holds_both_views():
    fact = next(f for f in partnership_facts(windhoek_like()) if f["city"] == "windhoek")
    assert fact["year"] == 2026
    assert fact["routes"][ALL]["routes"] == 3
    assert fact["routes"][WORKING]["routes"] == 0
    assert fact["routes"][ALL]["via_others"] is True
    assert fact["last_active"] == 2020


def test_fragility_and_under_served_now_agree_on_windhoek():
    net = windhoek_like()
    frag = _row(fragility(net), "windhoek")
    under = _row(under_served(net), "windhoek")
    assert frag["routes"] == 3 and under["routes"] == 0
    # Under-served no longer says "on paper only" of a partnership with routes.
    assert "exists on paper only" not in under["why"]
    assert "there are 3 independent routes" in under["why"]
    assert "No working tie links BERLIN's actors to those of WINDHOEK in 2026" in under["why"]
    # Fragility says the same from its side: 3 routes, none working in 2026,
    # and all of them through actors in other cities.
    assert frag["why"].startswith("3 independent routes")
    assert "; that counts ended ties too: none of them works in 2026." in frag["why"]
    assert "every route runs through actors in other cities" in frag["why"]
    assert "no BERLIN actor has a direct tie with a WINDHOEK actor" in frag["why"]


def test_the_report_sections_agree():
    data = report_data(windhoek_like())
    frag = {r["city"]: r for r in data["fragile"]}
    under = {r["city"]: r for r in data["under_served"]}
    quiet = {r["id"]: r for r in data["dormant"]}
    assert set(frag) == set(under)
    for city in frag:
        paper = "exists on paper only"
        # a partnership is "on paper only" in one section exactly when it is in the other
        assert (paper in frag[city]["why"]) == (paper in under[city]["why"]), city
        if frag[city]["routes"] > 0:
            assert paper not in under[city]["why"]
    # Dormant says Windhoek's last activity is 2020, as under-served does.
    assert quiet["windhoek"]["last_active"] == 2020 == under["windhoek"]["last_active"]
    assert "2020" in under["windhoek"]["why"]


def test_coverage_and_dormant_read_the_same_items():
    net = windhoek_like()
    facts = {f["city"]: f for f in partnership_facts(net)}
    cov = coverage(net)
    science = cov[(cov["city"] == "paris") & (cov["theme"] == "science")].iloc[0]
    assert science["ties"] == facts["paris"]["active_ties"] == 1
    quiet = dormant(net)
    assert "windhoek" in set(quiet["id"]) and "paris" not in set(quiet["id"])


def test_records_are_shared_and_never_changed():
    net = windhoek_like()
    first = partnership_facts(net)
    under_served(net)
    assert partnership_facts(net) is first
    assert all("_routes_text" not in f for f in first)


def test_a_network_is_called_a_network():
    G = nx.MultiDiGraph()
    for n, kind, seat in [("home", "city", None), ("twin", "city", None),
                          ("uni", "institution", "home"), ("lab", "institution", "twin"),
                          ("eurocities", "network", None)]:
        G.add_node(n, kind=kind, name=n.title())
        if seat:
            G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    for a in ("uni", "lab"):
        G.add_edge(a, "eurocities", key=f"{a} member", type="MEMBER_OF", since=2010)
    why = under_served(ActorNetwork(G), as_of=2020)["why"].iloc[0]
    assert "the network Eurocities" in why and "1 network" in why
    assert "project" not in why.replace("tie or project", "")


@pytest.mark.parametrize("as_of", [None, 2018, 2026])
def test_under_served_routes_are_fragilitys_working_routes(as_of):
    net = windhoek_like()
    working = fragility(net, as_of=as_of if as_of is not None else 2026)
    under = under_served(net, as_of=as_of)
    assert dict(zip(working["city"], working["routes"])) == dict(zip(under["city"],
                                                                     under["routes"]))


def test_an_unnamed_project_is_described_not_shown_by_id():
    G = nx.MultiDiGraph()
    for n, kind, seat in [("home", "city", None), ("twin", "city", None),
                          ("uni", "institution", "home"), ("lab", "institution", "twin")]:
        G.add_node(n, kind=kind, name=n.title())
        if seat:
            G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_node("231404", kind="project", name="231404", themes=["science"], since=2018,
               until=2022)
    G.add_edge("home", "twin", key="signed", type="PARTNER_OF", since=1990)
    for a in ("uni", "lab"):
        G.add_edge(a, "231404", key=f"{a} in p", type="PARTICIPATES_IN")
    themes = ThemeTable([Theme("science", "Science", priority=3)])
    why = under_served(ActorNetwork(G, themes), as_of=2020)["why"].iloc[0]
    assert "231404" not in why
    assert "(strongest: an unnamed project in Science, 2018–2022)" in why


def test_the_report_says_why_no_theme_is_missing():
    net = windhoek_like()
    assert "priority_note" not in report_data(net)
    G = net.graph.copy()
    bare = ActorNetwork(G, ThemeTable([Theme("science", "Science", priority=1)]))
    data = report_data(bare)
    assert data["priority_note"].startswith("No priority themes are set: mark some with "
                                            "`priority` in themes.csv")
    assert all(not r["missing_names"] for r in data["under_served"])
