"""actornet import: the commands, in-process, on the fixtures in tests/data/import."""

from __future__ import annotations

import json

from testdata import DATA

IMPORT = DATA / "import"


def test_twin_towns_prints_rows_per_file_and_rejections(run, tmp_path):
    result = run("import", "twin-towns", IMPORT / "twin_towns.csv", "-o", tmp_path / "t")
    assert result.exit_code == 0
    assert "both ends are the same actor" in result.stdout
    assert "4 pairs are claimed by one side only" in result.stdout


def test_twin_towns_json_summary_balances(run, tmp_path):
    result = run("import", "twin-towns", IMPORT / "twin_towns.csv", "-o", tmp_path / "t",
                 "--format", "json")
    [row] = json.loads(result.stdout)["files"]
    assert row["read"] == row["kept"] + row["duplicates"] + row["rejected"] == 13
    assert row["duplicates"] == 1


def test_imported_folder_answers_with_home(run, tmp_path):
    run("import", "twin-towns", IMPORT / "twin_towns.csv", "-o", tmp_path / "t")
    result = run("info", tmp_path / "t", "--home", "berlin_de", "--format", "json")
    assert [p["name"] for p in json.loads(result.stdout)["partnerships"]] == [
        "Buenos Aires", "London", "Warsaw", "Windhoek"]


def test_ambiguous_home_after_import_lists_both_berlins(run, tmp_path):
    run("import", "twin-towns", IMPORT / "twin_towns.csv", "-o", tmp_path / "t")
    result = run("info", tmp_path / "t", "--home", "Berlin")
    assert result.exit_code == 1
    assert "berlin_de (Berlin, DE), berlin_us (Berlin, US)" in result.stderr


def test_home_flag_is_written_to_network_toml(run, tmp_path):
    run("import", "twin-towns", IMPORT / "twin_towns.csv", "-o", tmp_path / "t",
        "--home", "berlin_de")
    assert 'home = "berlin_de"' in (tmp_path / "t" / "network.toml").read_text(encoding="utf-8")


def test_pairs_generic_with_delimiter_and_type(run, tmp_path):
    source = tmp_path / "coop.txt"
    source.write_text("from|to|start\nAlpha|Beta|2001\nBeta|Alpha|1999\nAlpha|Gamma|19x\n",
                      encoding="utf-8")
    result = run("import", "pairs", source, "-o", tmp_path / "c", "--a", "from", "--b", "to",
                 "--since", "start", "--kind", "ngo", "--type", "COOPERATES_WITH",
                 "--delimiter", "|", "--format", "json")
    doc = json.loads(result.stdout)
    assert (doc["ties"], len(doc["left_empty"])) == (2, 1)


def test_wikidata_recipe(run, tmp_path):
    result = run("import", "wikidata-p190", IMPORT / "p190_relations.tsv",
                 IMPORT / "p190_names.tsv", "-o", tmp_path / "w", "--format", "json")
    assert json.loads(result.stdout)["one_sided_claims"] == 3  # Copenhagen, Paris, Q999


def test_cordis_recipe(run, tmp_path):
    result = run("import", "cordis", IMPORT / "cordis_participations.csv",
                 "--organisations", IMPORT / "cordis_organisations.csv",
                 "--themes", IMPORT / "cordis_programme_parts.csv", "-o", tmp_path / "c")
    assert result.exit_code == 0
    assert "left empty" in result.stdout


def test_keep_recipe_then_validate_is_clean(run, tmp_path):
    run("import", "keep", IMPORT / "keep_partners.csv", "-o", tmp_path / "k")
    result = run("validate", tmp_path / "k")
    assert "OK: every row kept." in result.stdout


def test_memberships_generic_kind_map(run, tmp_path):
    result = run("import", "memberships", IMPORT / "cordis_participations.csv", "-o",
                 tmp_path / "m", "--member", "pic", "--group", "rcn", "--member-kind", "type",
                 "--kind-map", "PRC=company", "--kind-map", "HES=institution", "--format", "json")
    doc = json.loads(result.stdout)
    assert [w["column"] for w in doc["left_empty"]].count("type") == 2  # PUB and OTH unmapped


def test_bad_kind_map_is_a_usage_error(run, tmp_path):
    result = run("import", "memberships", IMPORT / "cordis_participations.csv", "-o",
                 tmp_path / "m", "--member", "pic", "--group", "rcn", "--kind-map", "PRC")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --kind-map takes VALUE=KIND")


def test_missing_column_is_one_error_line(run, tmp_path):
    result = run("import", "pairs", IMPORT / "twin_towns.csv", "-o", tmp_path / "x",
                 "--a", "town", "--b", "city2")
    assert result.exit_code == 1
    assert "no column named by --a" in result.stderr
    assert "Traceback" not in result.output
