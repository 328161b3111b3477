"""`actornet path` and `actornet fragility`, called in-process."""

from __future__ import annotations

import csv
import io
import json

import pytest

from actornet.sample import sample_path
from testdata import GOOD, PERSONAL


# -- path -----------------------------------------------------------------------------
def test_path_without_data_uses_the_sample(run):
    result = run("path", "hu_berlin", "nuu_tashkent")
    assert result.exit_code == 0, result.output
    assert "Path 1 of 1" in result.stdout
    # Steps by name (the person at the middle too), not by id.
    assert "Rahimova" in result.stdout
    assert "p001" not in result.stdout and "hu_berlin" not in result.stdout


def test_path_with_data_after_the_actors(run):
    result = run("path", "hu_berlin", "nuu_tashkent", sample_path())
    assert result.exit_code == 0, result.output
    assert "Path 1 of 1" in result.stdout


def test_path_accepts_names_and_aliases(run):
    result = run("path", "Freie Universität Berlin", "Taschkent", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["from"] == "fu_berlin"
    assert rows[-1]["to"] == "tashkent"


def test_path_k_gives_alternatives(run):
    result = run("path", "hu_berlin", "nuu_tashkent", "--k", "3")
    assert result.exit_code == 0, result.output
    assert "Path 3 of 3" in result.stdout


def test_path_csv_has_a_header_and_one_row_per_step(run):
    result = run("path", "hu_berlin", "nuu_tashkent", "--k", "2", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["path"] for r in rows} == {"1", "2"}
    first = [r for r in rows if r["path"] == "1"]
    assert first[0]["from"] == "hu_berlin"
    assert first[-1]["to"] == "nuu_tashkent"
    assert [r["from"] for r in first[1:]] == [r["to"] for r in first[:-1]]


def test_path_json_steps_carry_evidence(run):
    result = run("path", "p001", "nuu_tashkent", "--format", "json")
    [step] = json.loads(result.stdout)
    assert step["types"] == ["COOPERATES_WITH"]
    assert step["since"] == 2014
    assert step["evidence"] == ["illustrative"]


def test_path_as_of_without_a_path_is_an_error(run):
    result = run("path", "hu_berlin", "tashkent_khokimiyat", "--as-of", "2005")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no chain of ties links")
    assert "Traceback" not in result.output


def test_path_gazetteer_spelling_finds_the_city(run):
    # "Tashkend" is one of Tashkent's other names in GeoNames
    result = run("path", "Tashkend", "p001", "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_path_unknown_name_lists_candidates(run):
    result = run("path", "Tashkenq", "p001")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: A: no actor has that id, name or alias; "
                                    "did you mean")
    assert "tashkent" in result.stderr


def test_path_unknown_names_the_argument_and_suggests_the_nearest(run):
    # The example: a misspelt first actor; the second is fine.
    result = run("path", "Humbolt", "Tashkent")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: A: no actor has that id, name or alias")
    assert "hu_berlin (Humboldt-Universität zu Berlin)" in result.stderr
    result = run("path", "Tashkent", "Humbolt")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: B: ")


def test_path_never_crosses_a_suspended_partnership_or_a_city(run):
    # Moscow's partnership is suspended: a route from Berlin's senate to
    # Budapest's city hall runs through people and organisations.
    result = run("path", "skzl_protocol", "budapest_city_hall", "--format", "json")
    assert result.exit_code == 0, result.output
    steps = json.loads(result.stdout)
    ends = {s["from"] for s in steps} | {s["to"] for s in steps}
    assert "moscow" not in ends and "berlin" not in ends


def test_path_error_never_shows_personal_data(run):
    # In the small test network, a near-miss of a person's name lists the person by id only.
    result = run("path", "Anna Lindqvistt", "Budi Santosoo", GOOD)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "p1" in result.stderr  # the candidate, by id
    for secret in PERSONAL:
        assert secret not in result.stderr


def test_path_ambiguous_name_lists_both_ids(run, tmp_path):
    (tmp_path / "actors.csv").write_text(
        "id,kind,name\nf1,ngo,Friends of Culture\nf2,ngo,Friends of Culture\nx,ngo,X\n",
        encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,type\nf1,x,COOPERATES_WITH\n",
                                       encoding="utf-8")
    result = run("path", "friends of culture", "x", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: A: the name matches several actors")
    assert "f1" in result.stderr and "f2" in result.stderr


def test_path_k_must_be_positive(run):
    result = run("path", "p001", "p002", "--k", "0")
    assert result.exit_code == 2  # click's usage error


# -- fragility -------------------------------------------------------------------------
def test_fragility_table_names_the_desk_officer(run):
    result = run("fragility")
    assert result.exit_code == 0, result.output
    assert "Aziza Rahimova-Klein" in result.stdout and "(p001)" not in result.stdout
    assert "Tashkent" in result.stdout


def test_fragility_with_data_argument(run):
    result = run("fragility", sample_path(), "--city", "Windhuk", "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["city"] == "windhoek"
    assert row["routes"] == 2
    assert sorted(row["cut"]) == ["ngo_windhoek_partnership", "p002"]


def test_fragility_csv_has_every_partnership(run):
    result = run("fragility", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 18
    assert rows[0]["city"] == "tashkent"
    assert rows[0]["single_points_of_failure"] == "p001"


def test_fragility_as_of(run):
    result = run("fragility", "--city", "Moscow", "--as-of", "2024", "--format", "json")
    [row] = json.loads(result.stdout)
    assert (row["routes"], row["status"]) == (0, "suspended")


def test_fragility_city_that_is_not_a_partner(run):
    result = run("fragility", "--city", "Berlin")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: berlin (Berlin) is the home city itself, not a "
                                    "partner city; its partner cities, nearest spelling first: ")


def test_fragility_without_partnerships_is_an_error(run, tmp_path):
    (tmp_path / "actors.csv").write_text("id,kind,name\na,ngo,A\nb,ngo,B\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,type\na,b,COOPERATES_WITH\n",
                                       encoding="utf-8")
    result = run("fragility", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the network has no home city")


@pytest.mark.parametrize("command", ["path", "fragility"])
def test_help_has_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
