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


def _recipe_with(tmp_path, dedupe: str, reviewed: str | None = None):
    """The fixture recipe with a ``[dedupe]`` table, in a copy of the fixtures."""
    folder = tmp_path / "fixtures"
    shutil.copytree(DATA / "recipe", folder / "recipe")
    shutil.copytree(DATA / "import", folder / "import")
    recipe = folder / "recipe" / "berlin.toml"
    with open(recipe, "a", encoding="utf-8") as handle:
        handle.write("\n[dedupe]\n" + dedupe + "\n")
    if reviewed is not None:
        (folder / "recipe" / "candidates.csv").write_text(reviewed, encoding="utf-8")
    return read_build_recipe(recipe)


# The fixtures' TU Berlin (keep.eu twice, CORDIS once) is in the auto band, its
# TU Graz ("TU Graz - Technische Universität Graz", "Technische Universität Graz")
# in the review band.
TU_BERLIN = {"000123456", "tu_berlin_de", "technical_university_of_berlin_de"}
TU_GRAZ = ("tu_graz_technische_universitat_graz_at", "technische_universitat_graz_at")


def test_the_fixture_pairs_are_in_the_bands_the_tests_take_them_for(built):
    from actornet.graph.resolve import duplicate_candidates

    _, net, _ = built
    table = duplicate_candidates(net)
    band = {frozenset((a, b)): x for a, b, x in zip(table["id_a"], table["id_b"], table["band"])}
    assert {band[frozenset((a, b))] for a in TU_BERLIN for b in TU_BERLIN if a < b} == {"auto"}
    assert band[frozenset(TU_GRAZ)] == "review"


def test_build_merges_the_auto_band_and_not_the_review_band(tmp_path):
    net, summary = build_from_recipe(_recipe_with(tmp_path, 'accept = "auto"'), tmp_path / "o")
    assert summary.bands["auto"] == 3 and summary.bands["review"] == 1
    # one TU Berlin, kept under its CORDIS PIC (an id of its own), the others remembered
    assert TU_BERLIN & set(net.graph) == {"000123456"}
    node = net.graph.nodes["000123456"]
    assert sorted(node["merged_ids"]) == sorted(TU_BERLIN - {"000123456"})
    assert {"TU Berlin", "Technical University of Berlin"} <= set(node["aliases"])
    assert net.city_of("000123456") == "berlin_de"
    assert all(n in net.graph for n in TU_GRAZ)  # the review band waits for a person
    assert (summary.auto_merged, summary.merged_away) == (3, 2)
    written = read_network(tmp_path / "o")
    assert set(written.graph) == set(net.graph)


def test_build_applies_a_reviewed_file_accepting_and_rejecting(tmp_path):
    reviewed = ("id_a,id_b,accept\n"
                f"{TU_GRAZ[0]},{TU_GRAZ[1]},yes\n"
                "technical_university_of_berlin_de,000123456,no\n")
    plan = _recipe_with(tmp_path, 'accept = "auto"\nreviewed = "candidates.csv"', reviewed)
    net, summary = build_from_recipe(plan, tmp_path / "o")
    # the accepted review pair is one actor (the smaller id kept, neither an id of its own)
    assert TU_GRAZ[0] not in net.graph and TU_GRAZ[0] in net.graph.nodes[TU_GRAZ[1]]["merged_ids"]
    # the rejected pair stays two, also through the third spelling that matches both
    assert {"000123456", "technical_university_of_berlin_de"} <= set(net.graph)
    assert "tu_berlin_de" not in net.graph
    assert (summary.reviewed_merged, summary.auto_rejected) == (1, 2)


def test_a_reviewed_file_alone_merges_only_its_pairs(tmp_path):
    reviewed = f"id_a,id_b,accept\n{TU_GRAZ[1]},{TU_GRAZ[0]},yes\ngone_id,000123456,yes\n"
    net, summary = build_from_recipe(_recipe_with(tmp_path, 'reviewed = "candidates.csv"',
                                                  reviewed), tmp_path / "o")
    assert TU_GRAZ[0] not in net.graph and TU_BERLIN <= set(net.graph)
    assert (summary.reviewed_merged, summary.reviewed_missing) == (1, 1)


def test_building_twice_with_matches_gives_the_same_ids(tmp_path):
    plan = _recipe_with(tmp_path, 'accept = "auto"\nreviewed = "candidates.csv"',
                        f"id_a,id_b,accept\n{TU_GRAZ[0]},{TU_GRAZ[1]},yes\n")
    build_from_recipe(plan, tmp_path / "one")
    build_from_recipe(plan, tmp_path / "two")
    for name in ("actors.csv", "ties.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert "000123456" in read_network(tmp_path / "one").graph


def test_the_actor_kept_does_not_depend_on_counts_of_ties(tmp_path):
    # the keep.eu spelling gains ties in a changed source: the PIC is still kept
    plan = _recipe_with(tmp_path, 'accept = "auto"')
    with open(tmp_path / "fixtures" / "import" / "keep_partners.csv", "a",
              encoding="utf-8") as handle:
        for n in range(4):
            handle.write(f"2014 - 2020 INTERREG VB Baltic Sea;EXTRA-{n};TU Berlin;No;;;"
                         "Berlin;Germany;;;public;DE Germany / DEUTSCHLAND;;;\n")
    net, _ = build_from_recipe(plan, tmp_path / "o")
    assert TU_BERLIN & set(net.graph) == {"000123456"}


def test_cli_says_what_the_matches_did(tmp_path):
    reviewed = ("id_a,id_b,accept\ntechnical_university_of_berlin_de,000123456,no\n"
                "gone_id,000123456,yes\n")
    plan = _recipe_with(tmp_path, 'accept = "auto"\nreviewed = "candidates.csv"', reviewed)
    result = CliRunner().invoke(cli, ["build", str(plan.path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Duplicate candidates per band: auto 3, review 1" in text
    assert "Merged 1 actor into others: 1 pair of the auto band" in text
    assert "2 auto-band pairs left out" in text and "1 pair passed over" in text
