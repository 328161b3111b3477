"""`actornet gaps`, called in-process."""

from __future__ import annotations

import csv
import io
import json

from actornet.sample import sample_path


def test_gaps_help_has_an_example(run):
    result = run("gaps", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_gaps_table_ranks_and_explains(run):
    result = run("gaps", "--as-of", "2024")
    assert result.exit_code == 0, result.output
    assert "Under-served partnerships in 2024" in result.stdout
    assert "1. Budapest in 2024" in result.stdout
    assert "If Aziza Rahimova-Klein leaves" in result.stdout
    assert "- Moscow in 2024: the partnership is suspended" in result.stdout
    assert "Dormant: no active tie in 5 years in 2024" in result.stdout


def test_gaps_json_has_both_lists(run):
    result = run("gaps", sample_path(), "--as-of", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ranking = data["under_served"]
    assert [r["city"] for r in ranking[:2]] == ["budapest", "buenos_aires"]
    moscow = [r for r in ranking if r["city"] == "moscow"]
    assert moscow[0]["rank"] is None
    assert moscow[0]["status"] == "suspended"
    partnerships = {r["id"] for r in data["dormant"] if r["level"] == "partnership"}
    assert partnerships == {"budapest", "buenos_aires"}


def test_gaps_years_changes_the_dormant_list(run):
    result = run("gaps", "--as-of", "2024", "--years", "10", "--format", "json")
    assert result.exit_code == 0, result.output
    partnerships = {r["id"] for r in json.loads(result.stdout)["dormant"]
                    if r["level"] == "partnership"}
    assert partnerships == set()  # both went quiet 9 years before 2024


def test_gaps_csv_has_two_sections(run):
    result = run("gaps", "--as-of", "2024", "--format", "csv")
    assert result.exit_code == 0, result.output
    ranking, quiet = result.stdout.split("\n\n")
    rows = list(csv.DictReader(io.StringIO(ranking)))
    assert len(rows) == 18
    assert rows[0]["city"] == "budapest"
    assert rows[-1]["city"] == "moscow"
    assert rows[-1]["rank"] == ""
    dormant_rows = list(csv.DictReader(io.StringIO(quiet)))
    assert dormant_rows[0]["level"] == "partnership"


def test_gaps_years_must_be_positive(run):
    result = run("gaps", "--years", "0")
    assert result.exit_code == 2  # click's usage error


def test_gaps_without_partnerships_is_an_error(run, tmp_path):
    (tmp_path / "actors.csv").write_text("id,kind,name\na,ngo,A\nb,ngo,B\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,type\na,b,COOPERATES_WITH\n",
                                       encoding="utf-8")
    result = run("gaps", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the network has no home city")
    assert "Traceback" not in result.output


def test_gaps_missing_folder_is_an_error(run, tmp_path):
    result = run("gaps", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


# -- recommend --------------------------------------------------------------------------
def test_recommend_help_has_an_example(run):
    result = run("recommend", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_recommend_table(run):
    result = run("recommend", "--theme", "climate", "--city", "Jakarta", "--k", "3")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Bring in: Berlin actors for Climate and environment with Jakarta" in out
    assert "Counterparts in Jakarta for Climate and environment" in out
    assert "Introductions for Climate and environment with Jakarta" in out
    assert "3. Bring in" in out
    assert "4. Bring in" not in out
    # Each of the three lists has three explained rows.
    assert out.count("\n3. ") == 3 and "\n4. " not in out


def test_recommend_json_rows_have_paths(run):
    result = run("recommend", sample_path(), "--theme", "Klimaschutz", "--city", "jakarta",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["theme"], answer["city"], answer["home"]) == ("climate", "jakarta", "berlin")
    rows = answer["introductions"]
    assert len(rows) == 10
    assert all(r["path"][0] == r["home_actor"] and r["path"][-1] == r["partner_actor"]
               for r in rows)
    for r in rows:  # each step names the ties behind it
        assert [s["from"] for s in r["steps"]] == r["path"][:-1]
        assert all(s["ties"] or s["projects"] for s in r["steps"])
    assert len(answer["bring_in"]) == 10
    # Jakarta has fewer actors with anything to show than k: all of them are listed.
    assert [r["rank"] for r in answer["counterparts"]] == list(range(1, 10))
    assert all(r["path"][-1] == r["actor"] for r in answer["counterparts"] if r["path"])


def test_recommend_csv_has_three_sections(run):
    result = run("recommend", "--theme", "climate", "--city", "Jakarta", "--k", "2",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    sections = result.stdout.strip("\n").split("\n\n")
    assert [s.splitlines()[0].split(",")[:2] for s in sections] == [
        ["rank", "actor"], ["rank", "actor"], ["rank", "home_actor"]]
    assert [len(s.splitlines()) for s in sections] == [3, 3, 3]


def test_recommend_unknown_theme_is_an_error(run):
    result = run("recommend", "--theme", "climat", "--city", "Jakarta")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: unknown theme 'climat'; did you mean climate (Climate and environment)?")


def test_recommend_city_that_is_no_partner_is_an_error(run):
    result = run("recommend", "--theme", "climate", "--city", "tu_berlin")
    assert result.exit_code == 1
    assert "is not a partner city" in result.stderr


def test_recommend_says_so_when_everyone_is_tied(run, tmp_path):
    (tmp_path / "actors.csv").write_text(
        "id,kind,name,city,themes\nhome,city,Home,,\ntwin,city,Twin,,\n"
        "uni,institution,Uni,home,climate\nlab,institution,Lab,twin,climate\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text(
        "source,target,type,themes\nhome,twin,PARTNER_OF,\nuni,lab,COOPERATES_WITH,climate\n",
        encoding="utf-8")
    result = run("recommend", tmp_path, "--theme", "climate", "--city", "twin")
    assert result.exit_code == 0, result.output
    assert "No introductions to suggest" in result.stdout


def test_gaps_says_none_when_nothing_is_dormant(run, tmp_path):
    (tmp_path / "actors.csv").write_text(
        "id,kind,name,city\nhome,city,Home,\ntwin,city,Twin,\nuni,institution,Uni,home\n"
        "lab,institution,Lab,twin\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text(
        "source,target,type,since\nhome,twin,PARTNER_OF,1990\nuni,lab,COOPERATES_WITH,2010\n",
        encoding="utf-8")
    result = run("gaps", tmp_path, "--as-of", "2020")
    assert result.exit_code == 0, result.output
    assert "Dormant: no active tie in 5 years in 2020: none." in result.stdout
    assert "1. Twin in 2020" in result.stdout


def _no_priorities(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "id,kind,name,city\nhome,city,Home,\ntwin,city,Twin,\nuni,institution,Uni,home\n"
        "lab,institution,Lab,twin\nold,institution,Old Lab,twin\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text(
        "source,target,type,since,until,themes\nhome,twin,PARTNER_OF,1990,,\n"
        "uni,lab,COOPERATES_WITH,2010,,sc5\nuni,old,COOPERATES_WITH,2001,2003,sc5\n",
        encoding="utf-8")
    (tmp_path / "themes.csv").write_text(
        "id,label_en,label_de,priority\nsc5,Climate action,Klimaschutz,1\n", encoding="utf-8")
    return tmp_path


def test_gaps_says_why_the_priority_column_would_be_empty(run, tmp_path):
    # Issue 20: on CORDIS (no priorities) gaps printed an empty column with no word.
    result = run("gaps", _no_priorities(tmp_path), "--as-of", "2020")
    assert result.exit_code == 0, result.output
    assert "missing priority" not in result.stdout
    assert "No priority themes are set: mark some with `priority` in themes.csv" in \
        result.stdout


def test_gaps_dormant_table_shows_names_not_ids(run, tmp_path):
    result = run("gaps", _no_priorities(tmp_path), "--as-of", "2020", "--top", "0")
    assert result.exit_code == 0, result.output
    table = result.stdout[result.stdout.index("Dormant"):]
    assert "Old Lab" in table
    assert " old " not in table and "│ id" not in table
