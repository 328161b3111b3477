"""Places resolved against the gazetteer while importing (tests/data/import/exonym_pairs.csv).

The fixture is hand-written: each partner city of Berlin under the names
real sources give it (German and local exonyms, a legal prefix, a district,
a country that its coordinates contradict, same-name cities in two countries).
"""

from __future__ import annotations

import pytest

from testdata import DATA
from actornet.loaders import read_network
from actornet.loaders.imports import import_pairs

PAIRS = DATA / "import" / "exonym_pairs.csv"
OPTIONS = dict(a="city1", b="city2", a_country="country1", b_country="country2",
               a_lat="lat1", a_lon="lon1", b_lat="lat2", b_lon="lon2", claims=True)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("places") / "net"
    summary = import_pairs([PAIRS], out, **OPTIONS)
    return summary, read_network(out)


@pytest.mark.parametrize("spellings, city", [
    (["Warsaw", "Warschau", "Warszawa"], "warsaw_pl"),
    (["Prague", "Prag", "Praha"], "prague_cz"),
    (["Beijing", "Peking"], "beijing_cn"),
    (["Moscow", "Moskau"], "moscow_ru"),
    (["Kyiv", "Kiew", "Kiev"], "kyiv_ua"),
    (["Brussels", "Brüssel", "Bruxelles"], "brussels_be"),
    (["Tashkent", "Taschkent"], "tashkent_uz"),
    (["Mexico City", "Mexiko-Stadt"], "mexico_city_mx"),
    (["Tokyo", "Präfektur Tokio"], "tokyo_jp"),
    (["Berlin", "Ville de Berlin"], "berlin_de"),
])
def test_exonyms_are_one_city(imported, spellings, city):
    _, net = imported
    node = net.graph.nodes[city]
    assert {node["name"], *node.get("aliases", [])} >= set(spellings)
    # "Berlin" alone also names Berlin, Austria (kept apart): every other spelling is one city
    assert {net.resolve(s) for s in spellings if s != "Berlin"} == {city}
    assert any(e.startswith("geonames:") for e in node["external_ids"])


def test_berlin_has_one_partnership_per_city(imported):
    _, net = imported
    partners = [p["city"] for p in net.with_home("berlin_de").partnerships()]
    assert len(partners) == len(set(partners)) == 12


def test_a_town_with_a_district_resolves_to_its_city(imported):
    _, net = imported
    assert "dresden_de" in set(net.graph.neighbors("prague_cz")) | set(
        net.graph.predecessors("prague_cz"))  # "Praha 6" is Prague
    assert net.graph.has_edge("berlin_de", "paris_fr")  # Berlin-Adlershof, Paris Cedex 05


def test_coordinates_correct_a_contradicting_country(imported):
    _, net = imported
    node = net.graph.nodes["copenhagen_dk"]
    assert node["country"] == "DK" and "copenhagen_se" not in net.graph


def test_same_name_in_two_countries_stays_apart(imported):
    _, net = imported
    assert {"paris_fr", "paris_us", "berlin_de", "berlin_at"} <= set(net.graph)
    assert net.graph.nodes["berlin_at"].get("external_ids") is None  # no Berlin in Austria


def test_unresolved_towns_are_counted_with_examples(imported):
    summary, _ = imported
    assert (summary.unresolved, summary.unresolved_examples) == (1, ["Berlin (AT)"])


def test_no_gazetteer_keeps_every_spelling(tmp_path):
    summary = import_pairs([PAIRS], tmp_path / "raw", gazetteer=False, **OPTIONS)
    net = read_network(tmp_path / "raw")
    assert {"warschau_pl", "warszawa_pl", "warsaw_pl"} <= set(net.graph)
    assert summary.resolved == summary.unresolved == 0


def test_ids_are_the_same_in_every_run(tmp_path):
    import_pairs([PAIRS], tmp_path / "one", **OPTIONS)
    import_pairs([PAIRS], tmp_path / "two", **OPTIONS)
    one = (tmp_path / "one" / "actors.csv").read_text(encoding="utf-8")
    assert one == (tmp_path / "two" / "actors.csv").read_text(encoding="utf-8")
