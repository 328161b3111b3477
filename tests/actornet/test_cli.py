"""The command line, called in-process: exit codes and output."""

from __future__ import annotations

import json

import pytest

from actornet.cli import cli
from testdata import BAD, GOOD, PERSONAL


def test_every_command_has_help_with_an_example(run):
    assert cli.commands, "no commands registered"
    for name in cli.commands:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example:" in result.output, f"`actornet {name} --help` shows no example"


def test_top_level_help_has_an_example(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_validate_clean_network(run):
    result = run("validate", GOOD)
    assert result.exit_code == 0
    assert "OK: every row kept." in result.output


def test_validate_reports_problems_but_exits_zero(run, make_network_dir):
    result = run("validate", make_network_dir(ties="ties_dangling.csv"))
    assert result.exit_code == 0
    assert "2 of 17 rows rejected." in result.output
    assert "target is not the id of any actor" in result.output


def test_validate_strict_exits_one_with_error_line(run, make_network_dir):
    result = run("validate", make_network_dir(ties="ties_dangling.csv"), "--strict")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 2 rows rejected")
    assert "Traceback" not in result.output + result.stderr


def test_validate_csv_format_lists_problems(run, make_network_dir):
    result = run("validate", make_network_dir(ties="ties_bad_weight.csv"), "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "file,line,column,problem,fix"
    assert lines[1].startswith("ties.csv,3,weight,weight is outside 1-5; left empty,")
    assert len(lines) == 4


def test_validate_json_format(run, make_network_dir):
    result = run("validate", make_network_dir(ties="ties_bad_weight.csv"), "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["line"], r["column"]) for r in rows] == [(3, "weight"), (4, "weight"), (5, "weight")]


def test_fatal_input_error_is_one_line_exit_one(run, make_network_dir):
    result = run("info", make_network_dir(actors="actors_cp1252.csv"))
    assert result.exit_code == 1
    assert result.stderr == ("Error: actors.csv, line 4: the file is not UTF-8 text (save it as "
                             "UTF-8, or name its encoding, e.g. --encoding cp1252)\n")


def test_encoding_option(run, make_network_dir):
    result = run("info", make_network_dir(actors="actors_cp1252.csv"), "--encoding", "cp1252")
    assert result.exit_code == 0


def test_missing_data_path(run, tmp_path):
    result = run("info", tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "no such file or folder" in result.stderr


def test_info_json(run):
    result = run("info", GOOD, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["actors_per_kind"]["person"] == 2
    assert doc["ties_per_type"]["BASED_IN"] == 6
    assert doc["partnerships"][0]["name"] == "Jakarta"
    assert doc["partnerships"][0]["since"] == 1993
    assert doc["years"] == {"first": 1993, "last": 2023}


def test_info_table_mentions_partner_and_years(run):
    result = run("info", GOOD)
    assert result.exit_code == 0
    assert "Partner cities of Berlin" in result.stdout
    assert "Years covered: 1993–2023" in result.stdout


def test_info_warns_about_rejected_rows_on_stderr(run, make_network_dir):
    result = run("info", make_network_dir(ties="ties_dangling.csv"))
    assert result.exit_code == 0
    assert "Warning: 2 of 17 rows rejected" in result.stderr


@pytest.mark.parametrize("actors,ties", [
    ("actors_duplicate_ids.csv", None), ("actors_blank_ids.csv", None),
    ("actors_cp1252.csv", None), (None, "ties_dangling.csv"), (None, "ties_bad_years.csv"),
])
@pytest.mark.parametrize("command", ["validate", "info"])
def test_no_personal_data_in_any_output(run, make_network_dir, actors, ties, command):
    result = run(command, make_network_dir(actors=actors, ties=ties), "--strict")
    assert result.exit_code == 1
    for secret in PERSONAL:
        assert secret not in result.stderr
        if command == "validate":
            assert secret not in result.stdout


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json", ".xlsx", ""])
def test_export(run, tmp_path, suffix):
    target = tmp_path / f"net{suffix}"
    result = run("export", GOOD, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.exists()


def test_export_unknown_suffix(run, tmp_path):
    result = run("export", GOOD, "-o", tmp_path / "net.pdf")
    assert result.exit_code == 1
    assert "unknown output format" in result.stderr


def test_internal_errors_show_no_traceback(run, monkeypatch):
    import actornet.graph.summary as module  # `info` imports summarize when it runs

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail from a cell: a.lindqvist@example.org")

    monkeypatch.setattr(module, "summarize", broken)
    monkeypatch.delenv("ACTORNET_DEBUG", raising=False)
    result = run("info", GOOD)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: internal error (RuntimeError)")
    assert "example.org" not in result.stderr


def test_demo_prints_summary_and_writes_graphml(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anything written to the cwd would show up here
    result = run("demo", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Partner cities of Berlin" in result.stdout
    assert "Years covered: " in result.stdout
    assert "Actors per kind" in result.stdout and "Ties per type" in result.stdout
    # The first job too: who to connect for the most under-served partnership.
    assert "Who to connect for a " in result.stdout
    assert "  bring in: " in result.stdout and "  meet there: " in result.stdout
    assert result.stdout.count("  introduce ") == 3
    graphml = tmp_path / "out" / "berlin.graphml"
    assert graphml.stat().st_size > 10_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_demo_graphml_holds_the_whole_sample(run, tmp_path):
    import networkx as nx

    from actornet.sample import sample_path
    from actornet.loaders import read_network

    run("demo", "--out", tmp_path)
    G = nx.read_graphml(tmp_path / "berlin.graphml")
    net = read_network(sample_path())
    assert G.number_of_nodes() == net.graph.number_of_nodes()
    assert G.number_of_edges() == net.graph.number_of_edges()


def test_validate_limits_the_table_and_groups_by_check(run, tmp_path):
    (tmp_path / "actors.csv").write_text("id,kind,name\nberlin,city,Berlin\n", encoding="utf-8")
    rows = "".join(f"berlin,nobody{i},KNOWS\n" for i in range(7))
    (tmp_path / "ties.csv").write_text("source,target,type\n" + rows, encoding="utf-8")
    result = run("validate", tmp_path, "--limit", "3")
    assert result.exit_code == 0
    assert "Showing 3 of 7 problems" in result.stdout
    assert "Problems by check" in result.stdout
    everything = run("validate", tmp_path, "--format", "csv")
    assert len(everything.stdout.strip().splitlines()) == 1 + 7


def test_validate_lists_values_left_empty(run, make_network_dir):
    result = run("validate", make_network_dir(ties="ties_bad_weight.csv"))
    assert "3 optional values left empty (rows kept)" in result.stdout


def test_strict_fails_on_a_value_left_empty(run, make_network_dir):
    result = run("info", make_network_dir(ties="ties_bad_weight.csv"), "--strict")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 3 optional values left empty; first: ties.csv, line 3")


def test_info_warns_about_values_left_empty(run, make_network_dir):
    result = run("info", make_network_dir(ties="ties_bad_weight.csv"))
    assert "Warning: 3 optional values left empty (rows kept)" in result.stderr
