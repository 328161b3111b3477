"""actornet dedupe and actornet merge, in-process, on the import fixtures."""

from __future__ import annotations

import csv
import json

import pytest

from actornet.loaders import read_network
from testdata import DATA

IMPORT = DATA / "import"


@pytest.fixture
def keep(run, tmp_path):
    run("import", "keep", IMPORT / "keep_partners.csv", "-o", tmp_path / "keep")
    return tmp_path / "keep"


def candidates(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_dedupe_proposes_the_graz_and_berlin_university_variants(run, keep, tmp_path):
    result = run("dedupe", keep, "-o", tmp_path / "c.csv")
    assert result.exit_code == 0
    pairs = {frozenset((r["name_a"], r["name_b"])): r["band"]
             for r in candidates(tmp_path / "c.csv")}
    assert (pairs[frozenset(("TU Berlin", "Technical University of Berlin"))],
            pairs[frozenset(("Technische Universität Graz",
                             "TU Graz - Technische Universität Graz"))]) == ("auto", "review")


def test_dedupe_file_has_probability_band_reason_and_an_empty_accept_column(run, keep, tmp_path):
    run("dedupe", keep, "-o", tmp_path / "c.csv")
    row = candidates(tmp_path / "c.csv")[0]
    assert (0.99 <= float(row["probability"]) <= 1, row["band"], "same city (Berlin)" in
            row["reason"], row["accept"]) == (True, "auto", True, "")


def test_dedupe_summary_counts_each_band(run, keep, tmp_path):
    result = run("dedupe", keep, "-o", tmp_path / "c.csv")
    assert "4 candidate pairs (1 auto, 1 review, 2 unlikely)" in " ".join(result.stdout.split())


def test_dedupe_auto_accepts_the_auto_band_only(run, keep, tmp_path):
    result = run("dedupe", keep, "-o", tmp_path / "c.csv", "--auto")
    marks = {(r["band"], r["accept"]) for r in candidates(tmp_path / "c.csv")}
    assert (marks, "1 pair marked accept=yes" in result.stdout) == (
        {("auto", "yes"), ("review", ""), ("unlikely", "")}, True)


def test_dedupe_auto_then_merge_merges_the_auto_pair(run, keep, tmp_path):
    run("dedupe", keep, "-o", tmp_path / "c.csv", "--auto")
    run("merge", keep, "--accept", tmp_path / "c.csv", "-o", tmp_path / "m")
    net = read_network(tmp_path / "m")
    assert (net.resolve("TU Berlin") == net.resolve("Technical University of Berlin"),
            net.resolve("TU Graz - Technische Universität Graz") ==
            net.resolve("Technische Universität Graz")) == (True, False)


def test_dedupe_threshold_is_a_probability(run, keep, tmp_path):
    result = run("dedupe", keep, "-o", tmp_path / "c.csv", "--threshold", "85")
    assert result.exit_code == 2 and "0<=x<=1" in result.output.replace(" ", "")


def accept_berlin(path):
    rows = candidates(path)
    for row in rows:
        row["accept"] = "yes" if "Berlin" in row["name_a"] + row["name_b"] else "no"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_merge_accepted_pairs_keeps_names_as_aliases(run, keep, tmp_path):
    run("dedupe", keep, "-o", tmp_path / "c.csv")
    accept_berlin(tmp_path / "c.csv")
    result = run("merge", keep, "--accept", tmp_path / "c.csv", "-o", tmp_path / "m")
    assert "Merged 1 actor into 1" in result.stdout
    net = read_network(tmp_path / "m")
    assert net.resolve("TU Berlin") == net.resolve("Technical University of Berlin")


def test_merge_result_validates_clean(run, keep, tmp_path):
    run("dedupe", keep, "-o", tmp_path / "c.csv")
    accept_berlin(tmp_path / "c.csv")
    run("merge", keep, "--accept", tmp_path / "c.csv", "-o", tmp_path / "m")
    assert "OK: every row kept." in run("validate", tmp_path / "m").stdout


def test_merge_of_two_sources_matches_cities_by_id(run, keep, tmp_path):
    run("import", "twin-towns", IMPORT / "twin_towns.csv", "-o", tmp_path / "t",
        "--home", "berlin_de")
    result = run("merge", tmp_path / "t", keep, "-o", tmp_path / "both", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["matched_by_id"] == 1  # berlin_de
    net = read_network(tmp_path / "both")
    assert net.home_city == "berlin_de" and net.city_of("tu_berlin_de") == "berlin_de"


def test_bad_accept_cell_is_an_error_naming_the_line(run, keep, tmp_path):
    (tmp_path / "c.csv").write_text("id_a,id_b,accept\ntu_berlin_de,x,perhaps\n", encoding="utf-8")
    result = run("merge", keep, "--accept", tmp_path / "c.csv", "-o", tmp_path / "m")
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "accept must be yes, no or empty" in result.stderr


def test_an_accept_file_naming_an_id_merged_away_says_into_which_actor(run, keep, tmp_path):
    run("dedupe", keep, "-o", tmp_path / "c.csv", "--auto")
    run("merge", keep, "--accept", tmp_path / "c.csv", "-o", tmp_path / "m")
    (tmp_path / "again.csv").write_text(
        "id_a,id_b,accept\ntu_berlin_de,invented_foundation_e_v_de,yes\n", encoding="utf-8")
    result = run("merge", tmp_path / "m", "--accept", tmp_path / "again.csv", "-o",
                 tmp_path / "m2")
    assert result.exit_code == 0
    assert ("Note: an accepted pair names tu_berlin_de, which an earlier merge folded into "
            "Technical University of Berlin (technical_university_of_berlin_de); the pair "
            "applies to it.") in " ".join(result.stdout.split())


def test_an_accept_file_naming_an_unknown_id_is_an_error(run, keep, tmp_path):
    (tmp_path / "c.csv").write_text("id_a,id_b,accept\ntu_berlin_de,Q9005,yes\n",
                                    encoding="utf-8")
    result = run("merge", keep, "--accept", tmp_path / "c.csv", "-o", tmp_path / "m")
    assert result.exit_code == 1 and "not in the network (Q9005)" in result.stderr


def test_merge_summary_accounts_for_every_tie(run, keep, tmp_path):
    run("dedupe", keep, "-o", tmp_path / "c.csv", "--auto")
    result = run("merge", keep, "--accept", tmp_path / "c.csv", "-o", tmp_path / "m",
                 "--format", "json")
    doc = json.loads(result.stdout)
    before = read_network(keep).graph.number_of_edges()
    assert doc["ties"] + doc["ties_combined"] + doc["loops_dropped"] == before
