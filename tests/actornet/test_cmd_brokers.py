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


def test_default_table_on_the_sample(run):
    result = run("--top", "5")
    assert result.exit_code == 0
    assert "exact betweenness from 226 of 226 actors" in result.stdout
    # Names in the table, not ids (ids stay in csv / json).
    assert "Freie Universität Berlin" in result.stdout
    assert "fu_berlin" not in result.stdout


def test_csv_has_every_column_and_top_rows(run):
    result = run("--top", "7", "--format", "csv")
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
    result = run("--top", "0", "--format", "json")
    assert "NaN" not in result.stdout
    assert len(json.loads(result.stdout)["brokers"]) == 226


def test_by_kind(run):
    result = run("--by", "kind", "--top", "3", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["by"] == "kind"
    assert {row["group"] for row in doc["brokers"]} <= {"city", "institution", "federal_body",
                                                        "ngo", "person"}


def test_as_of(run):
    now = json.loads(run("--top", "0", "--format", "json").stdout)["brokers"]
    then = json.loads(run("--top", "0", "--format", "json", "--as-of", "1995").stdout)["brokers"]
    assert [r["actor"] for r in now] != [r["actor"] for r in then]


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
    result = run()
    assert result.exit_code == 1
    assert result.stderr == "Error: no actor has a value for 'country'\n"
