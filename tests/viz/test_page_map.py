"""The partnership map: its data is computed in actornet.queries.partnership_map (states,
widths' counts, gaps, introductions) and drawn by viz as given."""

from __future__ import annotations

import json
import math
import re

import pytest

from actornet.network_page import network_page
from actornet.queries.partnership_map import link_state, partnership_map
from actornet.viz.layout import circle_layout
from actornet.viz.page_data import CITY_ACTORS, page_data, pseudonym
from actornet.viz.style import LINK_STATES

KEY = "ACTORNET_PSEUDONYM_KEY"


def data_of(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="actornet-data">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))


@pytest.fixture(scope="module")
def berlin_map(berlin):
    return partnership_map(berlin)


def test_every_partnership_with_its_state_and_activity(berlin, berlin_map):
    partners = {p["city"]: p for p in berlin_map["partners"]}
    assert berlin_map["home"] == "berlin"
    assert set(partners) == {p["city"] for p in berlin.partnerships()} and len(partners) == 18
    assert {p["state"] for p in partners.values()} <= set(LINK_STATES)
    assert partners["moscow"]["state"] == "suspended"  # status suspended in the sample
    assert partners["budapest"]["state"] == "dormant"  # nothing active since 2015
    assert partners["tashkent"]["state"] == "single_person"  # one route, held by p001
    assert partners["tashkent"]["single_points"] == ["p001"]
    assert partners["brussels"]["state"] == "under_served"  # 3 of 5 priority themes missing
    assert partners["paris"]["state"] == "active"
    assert (partners["paris"]["ties"], partners["paris"]["projects"]) == (30, 4)


def test_introductions_for_the_most_important_missing_themes(berlin, berlin_map):
    partners = {p["city"]: p for p in berlin_map["partners"]}
    tashkent = partners["tashkent"]
    assert [i["theme"] for i in tashkent["introductions"]] == tashkent["missing"][:3]
    rows = tashkent["introductions"][0]["rows"]
    assert 1 <= len(rows) <= 3
    assert all(r["path"][0] == r["home"] and r["path"][-1] == r["partner"] for r in rows if r["path"])
    assert all(berlin.city_of(r["partner"]) == "tashkent" for r in rows)
    assert partners["moscow"]["introductions"] == []  # not in force: nobody to introduce
    assert partners["paris"]["missing"] == [] and partners["paris"]["introductions"] == []


def test_link_state_order():
    row = {"active_ties": 0, "active_projects": 0, "years_dormant": 11.0, "routes": 1,
           "theme_gaps": 1.0}
    assert link_state(row, status="suspended") == "suspended"
    assert link_state(row, status="active") == "dormant"
    row.update(active_ties=2, years_dormant=0.0)
    assert link_state(row, status="active") == "single_person"
    row.update(routes=3)
    assert link_state(row, status="active") == "under_served"
    row.update(theme_gaps=0.4)
    assert link_state(row, status="active") == "active"
    row.update(routes=0)
    assert link_state(row, status="active") == "under_served"


def test_the_page_draws_every_partner_city_first(berlin, tmp_path):
    data = data_of(network_page(berlin, tmp_path / "p.html").read_text(encoding="utf-8"))
    assert data["view"] == "map"
    cities = data["map"]["cities"]
    assert cities[0]["id"] == "berlin" and cities[0]["home"] is True
    partners = {c["id"]: c for c in cities[1:]}
    assert set(partners) == {p["city"] for p in berlin.partnerships()}
    assert all(c["state"] in LINK_STATES and c["width"] > 0 for c in partners.values())
    # Width follows activity: the busiest partnership is the widest.
    busiest = max(partners.values(), key=lambda c: c["ties"] + c["projects"])
    assert busiest["width"] == max(c["width"] for c in partners.values())
    assert partners["moscow"]["width"] < busiest["width"]
    # Cities' most important actors, by broker rank, with the count of the rest.
    home = cities[0]
    ranks = [a[3] for a in home["actors"]]
    assert ranks == sorted(ranks) and len(home["actors"]) == CITY_ACTORS
    in_berlin = [a for a in berlin.actors() if berlin.city_of(a) == "berlin" and a != "berlin"]
    assert home["more"] == len(in_berlin) - CITY_ACTORS
    assert {s["state"] for s in data["map"]["states"]} == {c["state"] for c in partners.values()}


def test_a_focus_or_a_cut_opens_on_the_actors(berlin, tmp_path):
    for options in ({"focus": "Jakarta"}, {"theme": "climate"}, {"city": "Paris"}):
        data = data_of(network_page(berlin, tmp_path / "p.html", **options)
                       .read_text(encoding="utf-8"))
        assert data["view"] == "actors", options
        assert data["map"] is not None  # the map stays a click away


def test_viz_draws_the_states_it_is_given(hostile):
    given = {"home": "berlin", "year": 2020, "partners": [
        {"city": "jakarta", "since": 1994, "status": "active", "state": "dormant", "ties": 9,
         "projects": 1, "activity": 3.0, "last_active": 2020, "years_dormant": 0, "routes": 1,
         "single_points": ["p2"], "missing": ["climate"], "kinds": ["institution"],
         "introductions": [{"theme": "climate", "rows": [
             {"home": "p1", "partner": "p2", "path": ["p1", "p2"], "score": 1.0}]}]},
        {"city": "paris", "since": 1987, "status": "active", "state": "active", "ties": 0,
         "projects": 0, "activity": 0.0, "last_active": None, "years_dormant": None,
         "routes": 0, "single_points": [], "missing": [], "kinds": [], "introductions": []}]}
    page = page_data(hostile, None, partners=given)
    cities = {c["id"]: c for c in page["map"]["cities"]}
    assert cities["jakarta"]["state"] == "dormant"  # as given, though 9 ties are active
    assert cities["paris"]["state"] == "active"  # as given, though nothing is
    assert cities["jakarta"]["width"] > cities["paris"]["width"]
    assert cities["jakarta"]["single"] == [{"id": "p2", "name": "Budi Hidden"}]
    assert page_data(hostile, None)["map"] is None and page_data(hostile, None)["view"] == "actors"
    redacted = page_data(hostile, None, partners=given, key=b"k")
    jakarta = next(c for c in redacted["map"]["cities"] if c["id"] == "jakarta")
    assert jakarta["single"] == [{"id": pseudonym(b"k", "p2"), "name": pseudonym(b"k", "p2")}]
    row = jakarta["intros"][0]["rows"][0]
    assert row["path"] == [pseudonym(b"k", "p1"), pseudonym(b"k", "p2")]
    assert "Anna Secret" not in json.dumps(redacted) and "Budi Hidden" not in json.dumps(redacted)


def test_redacted_map_names_no_person(berlin, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY, "map key")
    html = network_page(berlin, tmp_path / "r.html", redact_people=True).read_text(encoding="utf-8")
    data = data_of(html)
    tashkent = next(c for c in data["map"]["cities"] if c["id"] == "tashkent")
    assert tashkent["single"] == [{"id": pseudonym(b"map key", "p001"),
                                   "name": pseudonym(b"map key", "p001")}]
    people = {a: d for a, d in berlin.graph.nodes(data=True) if d["kind"] == "person"}
    text = json.dumps(data["map"], ensure_ascii=False)
    assert not [d["name"] for d in people.values() if d["name"] in text]
    assert not [f'"{a}"' for a in people if f'"{a}"' in text]
    strongest = [t for n in data["nodes"] for t in n["ties"]]
    assert strongest and not [t for t in strongest if t[1] in {d["name"] for d in people.values()}]


def test_circle_leaves_each_label_room():
    labels = ["Buenos Aires", "Mexico City", "Paris", "Los Angeles"] * 5
    points = circle_layout(labels, font=20)
    widest = max(0.6 * 20 * len(s) for s in labels)
    gaps = [math.dist(points[i], points[(i + 1) % len(points)]) for i in range(len(points))]
    assert min(gaps) >= widest
    assert points[0][0] == 0.0 and points[0][1] < 0  # the first at the top


def test_same_map_in_another_process(tmp_path):
    """The map's cities, states and introductions come in a fixed order: two
    processes with different string hashing write the same bytes."""
    import os
    import subprocess
    import sys

    script = ("import sys\nfrom actornet.sample import sample_path\n"
              "from actornet.loaders import read_network\nfrom actornet.network_page import network_page\n"
              "network_page(read_network(sample_path()), sys.argv[1])\n")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"p{seed}.html"
        subprocess.run([sys.executable, "-c", script, str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, cwd=tmp_path)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert b'"view":"map"' in outs[0]
