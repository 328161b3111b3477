"""The bundled sample (data/berlin): valid, rich enough, honest about its sources."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from actornet.sample import sample_path
from actornet.graph.schema import ACTOR_KINDS, Kind, TieType
from actornet.loaders import read_network

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "berlin_partner_cities.csv"


@pytest.fixture(scope="module")
def net():
    return read_network(sample_path(), strict=True)


def test_sample_is_clean(net):
    assert net.report.clean
    assert net.report.balanced


def test_at_least_150_actors_of_every_kind(net):
    kinds = Counter(net.kind(n) for n in net.actors())
    assert sum(kinds.values()) >= 150
    # companies (added for real sources such as CORDIS) are not in the sample yet
    assert set(kinds) == set(ACTOR_KINDS) - {Kind.COMPANY}


def test_at_least_400_ties_of_every_type(net):
    types = Counter(data["type"] for *_, data in net.ties())
    assert sum(types.values()) >= 400
    assert set(types) == {t.value for t in TieType}


def test_projects_exist(net):
    assert len(net.projects()) >= 10


def test_years_span_1990_to_2026(net):
    years = [d[c] for *_, d in net.ties() for c in ("since", "until") if c in d
             and d["type"] != TieType.PARTNER_OF.value]
    assert min(years) <= 1992
    assert max(years) == 2026


def test_all_eleven_themes_with_five_priorities(net):
    assert len(net.themes) == 11
    priorities = {t.id for t in net.themes.priorities()}
    assert priorities == {"business", "science", "culture", "climate", "integration"}


@pytest.mark.skipif(not SHARED.is_file(), reason="../shared/data (the public table) is not beside "
                    "this checkout; CI always has it")
def test_partnerships_match_the_public_table(net):
    with SHARED.open(encoding="utf-8") as handle:
        public = {row["city"]: row for row in csv.DictReader(handle)}
    found = {p["name"]: p for p in net.partnerships()}
    assert set(found) == set(public)
    for city, row in public.items():
        assert found[city]["since"] == int(row["signed"][:4]), city
        assert found[city]["status"] == row["status"], city
    assert net.graph.nodes[net.home_city]["name"] == "Berlin"


@pytest.mark.parametrize("alias,city", [("Peking", "Beijing"), ("kiew", "Kyiv"),
                                        ("Moskau", "Moscow"), ("CDMX", "Mexico City"),
                                        ("Warszawa", "Warsaw"), ("ciudad de mexico", "Mexico City")])
def test_aliases_find_cities(net, alias, city):
    assert net.graph.nodes[net.resolve(alias)]["name"] == city


def test_every_illustrative_row_says_so(net):
    for node, data in net.graph.nodes(data=True):
        if data["kind"] not in (Kind.CITY.value, Kind.THEME.value):
            assert data.get("evidence") == "illustrative", node
    for u, v, key, data in net.ties():
        if data["type"] == TieType.BASED_IN.value and "evidence" not in data:
            continue  # from an actor's city column; the actor row carries the evidence
        if data["type"] != TieType.PARTNER_OF.value:
            assert data.get("evidence") == "illustrative", key


def test_people_are_fictional_with_example_addresses(net):
    for person in net.actors([Kind.PERSON]):
        email = net.graph.nodes[person].get("email")
        assert email is None or email.endswith("@example.org"), person


def test_every_partner_city_has_actors(net):
    A = net.actor_graph()
    for p in net.partnerships():
        assert any(A.nodes[n]["city"] == p["city"] for n in A if n != p["city"]), p["name"]


def test_moscow_ties_end_by_2022(net):
    moscow = net.resolve("Moscow")
    A = net.as_of(2024).actor_graph()
    home = net.home_city
    inside = {n for n in A if A.nodes[n]["city"] == moscow and n != moscow}
    for n in inside:
        assert all(A.nodes[m]["city"] in (moscow, None) for m in A[n]
                   if A.nodes[m]["city"] == home), n


def test_there_are_dormant_partnerships(net):
    """Some partnerships had ties once and have none with the home city's actors since 2016."""
    home = net.home_city
    dormant = []
    for p in net.partnerships():
        now = net.as_of(2025).actor_graph()
        then = net.as_of(2008).actor_graph()

        def cross(A):
            return sum(1 for a, b in A.edges()
                       if {A.nodes[a]["city"], A.nodes[b]["city"]} == {home, p["city"]}
                       and not {a, b} == {home, p["city"]})
        if cross(then) > 0 and cross(now) == 0:
            dormant.append(p["name"])
    assert dormant, "no dormant partnership in the sample"


def test_a_partnership_hangs_on_one_person(net):
    """Removing one person cuts every route between the home city's actors and a partner city's."""
    A = net.actor_graph().copy()
    home = net.home_city
    found = []
    for p in net.partnerships():
        city = p["city"]
        B = A.copy()
        B.remove_edges_from([(home, city), (city, home)])
        outside = [n for n in B if B.nodes[n]["city"] == city]
        inside = [n for n in B if B.nodes[n]["city"] == home]
        B.add_node("_s")
        B.add_node("_t")
        B.add_edges_from(("_s", n) for n in inside)
        B.add_edges_from((n, "_t") for n in outside)
        if nx.has_path(B, "_s", "_t") and nx.node_connectivity(B, "_s", "_t") == 1:
            cut = nx.minimum_node_cut(B, "_s", "_t")
            if all(net.kind(n) is Kind.PERSON for n in cut):
                found.append(p["name"])
    assert found, "no partnership depends on a single person"


@pytest.mark.parametrize("writer,suffix", [("write_folder", ""), ("write_excel", ".xlsx"),
                                           ("write_json", ".json")])
def test_sample_round_trips(net, tmp_path, writer, suffix):
    from actornet import loaders

    target = tmp_path / f"berlin{suffix}"
    getattr(loaders, writer)(net, target)
    again = read_network(target)
    assert again.report.clean
    assert again == net


@pytest.mark.skipif(not SHARED.is_file(), reason="../shared/data (the public table) is not beside "
                    "this checkout; CI always has it")
def test_sample_is_what_its_script_generates(tmp_path):
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "data" / "berlin" / "make_sample.py"
    done = subprocess.run([sys.executable, str(script), "--partners", str(SHARED), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for name in ("actors.csv", "ties.csv", "projects.csv", "themes.csv"):
        assert (tmp_path / name).read_bytes() == (script.parent / name).read_bytes(), name
