"""actornet build: one network from the hand-written fixtures of every format (tests/data/recipe)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from actornet.build_recipe import build_from_recipe, read_build_recipe
from actornet.cli import cli
from actornet.graph.errors import InputError
from actornet.loaders import read_network
from testdata import DATA

RECIPE = DATA / "recipe" / "berlin.toml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "berlin"
    _, summary = build_from_recipe(read_build_recipe(RECIPE), out)
    return summary, read_network(out), out


def partnerships(net):
    return {p["city"]: p for p in net.partnerships()}


def test_every_source_is_one_network_around_one_berlin(built):
    summary, net, _ = built
    assert summary.home == "berlin_de" and net.home_city == "berlin_de"
    assert net.report.problems == []
    # Berlin of the twin towns, Q64 of Wikidata, BERLIN of CORDIS and keep.eu, Eurocities
    node = net.graph.nodes["berlin_de"]
    assert "wikidata:Q64" in node["external_ids"]
    assert net.city_of("000123456") == "berlin_de"
    assert ("berlin_de", "Eurocities") in {(u, v) for u, v, _, _ in net.ties(["MEMBER_OF"])}


def test_the_partnership_list_wins_over_public_sources(built):
    _, net, _ = built
    found = partnerships(net)
    assert (found["moscow_ru"]["status"], found["moscow_ru"]["since"]) == ("suspended", 1990)
    assert found["warsaw_pl"]["since"] == 1991
    assert "tel_aviv_il" in found  # listed, though no source has it


def test_public_claims_the_list_lacks_are_kept_as_unofficial(built):
    _, net, _ = built
    official = {v if u == "berlin_de" else u: d.get("official")
                for u, v, _, d in net.ties(["PARTNER_OF"]) if "berlin_de" in (u, v)}
    assert official["london_gb"] == "no" and official["warsaw_pl"] == "yes"


def test_claims_are_recounted_across_sources(built):
    _, net, _ = built
    found = partnerships(net)
    # London is listed from both sides; Copenhagen from Berlin's side only (Wikidata),
    # but the office's list states it: no longer one-sided
    assert found["london_gb"]["claimed_by"] == "" and found["copenhagen_dk"]["claimed_by"] == ""
    assert found["windhoek_na"]["claimed_by"] == "berlin_de"


def test_each_partner_once(built):
    _, net, _ = built
    cities = [p["city"] for p in net.partnerships()]
    assert len(cities) == len(set(cities))


def test_building_twice_gives_the_same_ids(built, tmp_path):
    _, _, first = built
    build_from_recipe(read_build_recipe(RECIPE), tmp_path / "again")
    for name in ("actors.csv", "ties.csv"):
        assert (tmp_path / "again" / name).read_text(encoding="utf-8") == \
            (first / name).read_text(encoding="utf-8")


def test_a_changed_source_keeps_the_ids_of_the_same_actors(built, tmp_path):
    _, net, _ = built
    folder = tmp_path / "recipe"
    shutil.copytree(DATA / "recipe", folder / "recipe")
    shutil.copytree(DATA / "import", folder / "import")
    with open(folder / "import" / "keep_partners.csv", "a", encoding="utf-8") as handle:
        handle.write("2014 - 2020 INTERREG VB Baltic Sea;NEW-Z;Invented Port Authority;Yes;;;"
                     "Gdańsk;Poland;;;public;PL Poland / POLSKA;;;\n")
    again, _ = build_from_recipe(read_build_recipe(folder / "recipe" / "berlin.toml"),
                                 tmp_path / "out")
    assert set(net.graph) <= set(again.graph)
    assert "gdansk_pl" in again.graph


def test_cli_builds_and_reports(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(RECIPE), "-o", str(tmp_path / "b"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["home"] == "berlin_de" and doc["partnerships"]["listed"] == 4
    assert len(doc["sources"]) == 5


def test_unknown_recipe_or_option_is_one_error_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nrecipe = "twin-towns"\nfiles = ["x.csv"]\n'
                   'options = { colour = "blue" }\n', encoding="utf-8")
    (tmp_path / "x.csv").write_text("city1,country1,city2,country2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "colour" in result.stderr
    bad.write_text('[[source]]\nrecipe = "twin-cities"\nfiles = ["x.csv"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="recipe must be one of"):
        read_build_recipe(bad)


def test_the_readme_recipe_reads(tmp_path):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = text.split("### One network from many sources", 1)[1].split("```toml\n", 1)[1]
    recipe = tmp_path / "readme.toml"
    recipe.write_text(block.split("```", 1)[0], encoding="utf-8")
    plan = read_build_recipe(recipe)
    assert [s.recipe for s in plan.sources] == ["twin-towns", "wikidata-p190", "cordis", "keep",
                                                "memberships"]
    assert plan.accept_auto and plan.reviewed == tmp_path / "candidates.csv"
    assert plan.sources[4].options["groups"][0] == tmp_path / "urbact" / "networks.csv"
