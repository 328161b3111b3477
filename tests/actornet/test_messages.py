"""Messages that lead somewhere (issue 21), called in-process: an ambiguous
name lists the candidates with kind, city and country; "not a partner city"
lists the home city's partner cities, nearest spelling first; "no chain of
ties" says the two sit in separate parts, how big each is, and the nearest
actor the first can reach. People by id only."""

from __future__ import annotations

import pytest

from checks import run_cli as run


@pytest.fixture
def folder(tmp_path):
    """Berlin with two partner cities (Paris, Prague), a Paris in Texas that
    is no partner, a Paris of unknown country, an island no tie reaches but
    through Kyiv's city hall, and a person named like a place."""
    tmp_path = tmp_path / "net"
    tmp_path.mkdir()
    (tmp_path / "actors.csv").write_text(
        "id,kind,name,city,country\n"
        "berlin_de,city,Berlin,,Germany\n"
        "paris_fr,city,Paris,,France\n"
        "paris_us,city,Paris,,United States\n"
        "q90,city,Paris,,\n"
        "prague,city,Prague,,Czechia\n"
        "kyiv,city,Kyiv,,Ukraine\n"
        "tu,institution,Technische Universität Berlin,berlin_de,\n"
        "louvre,institution,Musée du Louvre,paris_fr,\n"
        "kyiv_hall,institution,Kyiv City Council,kyiv,\n"
        "kyiv_uni,institution,Kyiv University,kyiv,\n"
        "p1,person,Olena Secretova,kyiv,\n",
        encoding="utf-8")
    (tmp_path / "ties.csv").write_text(
        "source,target,type,since\n"
        "berlin_de,paris_fr,PARTNER_OF,1987\n"
        "berlin_de,prague,PARTNER_OF,1995\n"
        "tu,louvre,COOPERATES_WITH,2015\n"
        "tu,kyiv_hall,COOPERATES_WITH,2016\n"
        "kyiv_uni,p1,COOPERATES_WITH,2017\n",
        encoding="utf-8")
    (tmp_path / "themes.csv").write_text("id,label_en,priority\nculture,Culture,3\n",
                                         encoding="utf-8")
    (tmp_path / "network.toml").write_text('home = "berlin_de"\n', encoding="utf-8")
    return tmp_path


def test_an_ambiguous_name_lists_kind_city_and_country(folder, tmp_path):
    result = run("viz", folder, "--city", "Paris", "-o", tmp_path / "out" / "p.html")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --city: the name matches several actors: paris_fr (Paris: city, France, 2 ties); "
        "paris_us (Paris: city, United States, 0 ties); q90 (Paris: city, country unknown, 0 ties); "
        "use an id\n")


def test_an_ambiguous_organisation_names_its_city(folder):
    (folder / "actors.csv").write_text((folder / "actors.csv").read_text(encoding="utf-8")
                                       + "tu2,company,Technische Universität Berlin,prague,\n",
                                       encoding="utf-8")
    result = run("path", "Technische Universität Berlin", "Kyiv", folder)
    assert result.exit_code == 1
    assert ("tu (Technische Universität Berlin: institution, Berlin, Germany, 3 ties); "
            "tu2 (Technische Universität Berlin: company, Prague, Czechia, 1 tie)") in result.stderr


def test_not_a_partner_city_lists_the_partner_cities_nearest_first(folder):
    result = run("recommend", folder, "--theme", "culture", "--city", "paris_us")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: paris_us (Paris) is not a partner city of berlin_de (Berlin); its partner cities, "
        "nearest spelling first: Paris (paris_fr), Prague (prague)\n")
    result = run("fragility", folder, "--city", "Kyiv")
    assert result.exit_code == 1
    assert "kyiv (Kyiv) is not a partner city of berlin_de (Berlin); its partner cities" in result.stderr


def test_no_chain_of_ties_names_the_parts_and_the_nearest_reachable(folder):
    result = run("path", "tu", "kyiv_uni", folder)
    assert result.exit_code == 1
    message = result.stderr
    assert message.startswith("Error: no chain of ties links tu (Technische Universität Berlin) "
                              "and kyiv_uni (Kyiv University): they are in separate parts")
    assert "(3 actors on the first one's side, 2 on the second's)" in message
    assert ("the nearest actor the first one can reach is kyiv_hall (Kyiv City Council), "
            "its side's best-connected actor in Kyiv (try: actornet path tu kyiv_hall)") in message


def test_no_chain_to_a_person_never_names_them_or_their_city(folder):
    result = run("path", "tu", "p1", folder)
    assert result.exit_code == 1
    assert "Olena" not in result.stderr and "Secretova" not in result.stderr
    assert "in the same city as p1" in result.stderr and "Kyiv" not in result.stderr.split("can reach")[0]


def test_a_city_name_shared_by_several_cities_is_the_partner_city(folder):
    """`--city Paris` where three cities are called Paris, one of them a
    partner: recommend and fragility take the partner and say so on stderr;
    viz, which wants no partner, still asks for an id."""
    result = run("fragility", folder, "--city", "Paris", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Note: --city names several actors; taken as the one expected: paris_fr (Paris: " \
           "city, France, 2 ties)" in result.stderr
    assert "Paris" in result.stdout and "United States" not in result.stdout
    result = run("recommend", folder, "--theme", "culture", "--city", "Paris")
    assert result.exit_code == 0, result.output
    assert "taken as the one expected: paris_fr" in result.stderr


def test_a_city_name_shared_by_two_partner_cities_still_asks_for_an_id(folder):
    ties = folder / "ties.csv"
    ties.write_text(ties.read_text(encoding="utf-8") + "berlin_de,paris_us,PARTNER_OF,2001\n",
                    encoding="utf-8")
    result = run("recommend", folder, "--theme", "culture", "--city", "Paris")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --city: the name matches several actors: paris_fr")
