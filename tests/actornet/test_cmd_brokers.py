"""``actornet brokers``, called in-process: exit codes and output."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.queries.brokers import COLUMNS
from testdata import GOOD


@pytest.fixture
def run():
    def invoke(*args):
        return CliRunner().invoke(cli, ["brokers", *[str(a) for a in args]])
    return invoke


def test_help_has_an_example(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "--as-of" in result.output


def test_default_table_on_the_sample_is_the_home_citys(run):
    # Issue 20: by default, the brokers of the home city's partnerships.
    result = run("--top", "5")
    assert result.exit_code == 0
    assert "Brokers of Berlin's partnerships" in result.stdout
    assert "Freie Universität Berlin" in result.stdout
    assert "fu_berlin" not in result.stdout


def test_home_scope_json_ranks_by_share_of_routes(run):
    doc = json.loads(run("--top", "0", "--format", "json").stdout)
    assert doc["scope"] == "home" and doc["home"] == "Berlin"
    rows = doc["brokers"]
    shares = [r["share"] for r in rows]
    assert shares == sorted(shares, reverse=True) and shares[0] <= 1
    assert {r["side"] for r in rows} <= {"home", "partner"}
    assert all(r["why"].startswith(("Berlin actor on ", f"{r['city']} actor on ")) for r in rows)
    # names in the why, never ids
    assert not any(r["actor"] in r["why"] for r in rows)


def test_home_scope_csv_columns(run):
    from actornet.queries.home_brokers import HOME_COLUMNS
    result = run("--top", "4", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4 and list(rows[0]) == HOME_COLUMNS


def test_scope_home_refuses_network_options(run):
    result = run("--scope", "home", "--by", "kind")
    assert result.exit_code == 1
    assert "--scope network" in result.stderr


def test_default_table_on_the_sample_network_scope(run):
    result = run("--top", "5", "--scope", "network")
    assert result.exit_code == 0
    assert "exact betweenness from 226 of 226 actors" in result.stdout
    # Names in the table, not ids (ids stay in csv / json).
    assert "Freie Universität Berlin" in result.stdout
    assert "fu_berlin" not in result.stdout


def test_csv_has_every_column_and_top_rows(run):
    result = run("--top", "7", "--format", "csv", "--scope", "network")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 7
    assert list(rows[0]) == COLUMNS
    assert "exact" in result.stderr


def test_json_says_which_mode(run):
    result = run("--top", "3", "--format", "json", "--mode", "sampled")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["mode"] == "sampled"
    assert doc["sources"] < doc["actors"]
    assert len(doc["brokers"]) == 3


def test_json_has_no_nan(run):
    result = run("--top", "0", "--format", "json", "--scope", "network")
    assert "NaN" not in result.stdout
    assert len(json.loads(result.stdout)["brokers"]) == 226
    assert "NaN" not in run("--top", "0", "--format", "json").stdout


def test_by_kind(run):
    result = run("--by", "kind", "--top", "3", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["by"] == "kind"
    assert {row["group"] for row in doc["brokers"]} <= {"city", "institution", "federal_body",
                                                        "ngo", "person"}


def test_as_of(run):
    for scope in ("home", "network"):
        now = json.loads(run("--top", "0", "--format", "json", "--scope", scope).stdout)
        then = json.loads(run("--top", "0", "--format", "json", "--as-of", "1995",
                              "--scope", scope).stdout)
        assert [r["actor"] for r in now["brokers"]] != [r["actor"] for r in then["brokers"]]


def test_a_small_network_folder(run):
    result = run(GOOD, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["actors"] > 0


def test_unknown_grouping_is_a_usage_error(run):
    result = run("--by", "colour")
    assert result.exit_code == 2


def test_missing_data_is_error_exit_one(run, tmp_path):
    result = run(tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output


def test_library_errors_become_error_lines(run, monkeypatch):
    import actornet.queries.brokers as command  # the command imports it when it runs
    from actornet.graph.errors import MeasureError

    def fail(*args, **kwargs):
        raise MeasureError("no actor has a value for 'country'")

    monkeypatch.setattr(command, "brokers", fail)
    result = run("--scope", "network")
    assert result.exit_code == 1
    assert result.stderr == "Error: no actor has a value for 'country'\n"


def test_home_scope_one_side(run):
    home = json.loads(run("--side", "home", "--top", "0", "--format", "json").stdout)
    partner = json.loads(run("--side", "partner", "--top", "0", "--format", "json").stdout)
    both = json.loads(run("--top", "0", "--format", "json").stdout)
    assert {r["side"] for r in home["brokers"]} == {"home"}
    assert {r["side"] for r in partner["brokers"]} == {"partner"}
    assert len(home["brokers"]) + len(partner["brokers"]) == len(both["brokers"])
    assert run("--side", "home", "--scope", "network").exit_code == 1
