"""`actornet load` and `--neo4j` on the commands, against the real Bolt server;
and a password canary that no command may print."""

from __future__ import annotations

import json
import logging
import re

import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.sample import sample_path
from boltserver import free_port
from actornet.loaders import read_network as read_files
from testdata import DATA, GOOD

pytestmark = pytest.mark.neo4j


def invoke(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def test_load_prints_the_verified_summary(store):
    result = invoke("load", GOOD, env=store.env())
    assert result.exit_code == 0, result.output
    good = read_files(GOOD)
    assert f"{good.graph.number_of_nodes()} nodes and {good.graph.number_of_edges()} ties" in result.stdout
    assert "Verified: the store holds what was sent; no duplicate ids." in result.stdout
    assert store.count("MATCH (a:Actor) RETURN count(a)") == good.graph.number_of_nodes()


def test_second_load_says_nothing_new(store):
    invoke("load", GOOD, env=store.env())
    result = invoke("load", GOOD, "--format", "json", env=store.env())
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["nodes_created"], summary["ties_created"]) == (0, 0)


def test_load_replace_and_batch_size(store):
    invoke("load", sample_path(), "--dataset", "d", env=store.env())
    result = invoke("load", GOOD, "--replace", "--batch-size", "2", "--dataset", "d",
                    env=store.env())
    assert result.exit_code == 0, result.output
    good = read_files(GOOD)
    assert "Replaced: removed " in result.stdout
    assert "batches of up to 2 rows" in result.stdout
    assert store.count("MATCH (a:Actor) RETURN count(a)") == good.graph.number_of_nodes()


def test_repeated_load_sends_no_batch_again(store):
    invoke("load", GOOD, "--batch-size", "4", env=store.env())
    result = invoke("load", GOOD, "--batch-size", "4", env=store.env())
    assert result.exit_code == 0, result.output
    summary = re.search(r"(\d+) of (\d+) batches unchanged", result.stdout)
    assert summary and summary.group(1) == summary.group(2)


def test_load_neo4j_option_overrides_the_environment(store):
    env = store.env()
    env["NEO4J_URI"] = f"bolt://127.0.0.1:{free_port()}"  # nothing there
    result = invoke("load", GOOD, "--neo4j", store.server.uri, env=env)
    assert result.exit_code == 0, result.output


def test_commands_read_from_the_store_when_neo4j_uri_is_set(store):
    invoke("load", GOOD, env=store.env())
    result = invoke("info", "--format", "json", env=store.env())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actors"] == len(read_files(GOOD).actors())


def test_data_argument_wins_over_the_store(store):
    invoke("load", GOOD, env=store.env())
    result = invoke("info", sample_path(), "--format", "json", env=store.env())
    assert json.loads(result.stdout)["actors"] == len(read_files(sample_path()).actors())


def test_export_from_the_store_equals_the_files(store, tmp_path):
    invoke("load", GOOD, env=store.env())
    result = invoke("export", "-o", tmp_path / "back.json", env=store.env())
    assert result.exit_code == 0, result.output
    assert read_files(tmp_path / "back.json") == read_files(GOOD)


def test_load_without_a_store_is_a_clear_error():
    result = invoke("load", GOOD)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no Neo4j server given")


def test_unreachable_store_names_host_and_scheme():
    port = free_port()
    result = invoke("info", "--neo4j", f"bolt://127.0.0.1:{port}")
    assert result.exit_code == 1
    assert f"Error: bolt://127.0.0.1:{port}: the server could not be reached" in result.stderr
    assert "Traceback" not in result.output


def test_remote_plain_connection_needs_insecure():
    result = invoke("info", "--neo4j", "bolt://db.example.org:7687")
    assert result.exit_code == 1
    assert "--insecure" in result.stderr


# -- the password canary --------------------------------------------------------

#: Arguments that make each command do its real work (reading the store when
#: NEO4J_URI is set). A new command must be added here.
def _commands(tmp_path):
    return {
        "validate": [],
        "info": [],
        "export": ["-o", tmp_path / "export.json"],
        "demo": ["--out", tmp_path / "demo"],
        "load": [GOOD],
        "path": ["tu", "itb", "--k", "2"],
        "fragility": [],
        "brokers": ["--top", "3"],
        "communities": ["--top", "3"],
        "whatif": ["--tie", "tu,itb"],
        "gaps": [],
        "recommend": ["--theme", "science", "--city", "Jakarta"],
        "viz": ["-o", tmp_path / "viz" / "page.html"],
        "report": ["-o", tmp_path / "report.html"],
        "import": ["twin-towns", DATA / "import" / "twin_towns.csv", "-o", tmp_path / "imported"],
        "dedupe": ["-o", tmp_path / "candidates.csv"],
        "merge": [GOOD, "-o", tmp_path / "merged"],
        "build": [DATA / "recipe" / "berlin.toml", "-o", tmp_path / "built"],
    }


def test_canary_password_appears_in_no_output(store, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    password = store.server.password
    assert password.startswith("canary-") or pytest.skip("NEO4J_PASSWORD is not a canary")
    invoke("load", GOOD, env=store.env())
    commands = _commands(tmp_path)
    assert set(cli.commands) <= set(commands), "add the new command to the canary table"
    wrong = dict(store.env(), NEO4J_PASSWORD=password + "-wrong")
    down = dict(store.env(), NEO4J_URI=f"bolt://127.0.0.1:{free_port()}")
    outcomes = {}
    for name, args in commands.items():
        for label, env in (("right", store.env()), ("wrong", wrong), ("down", down)):
            result = invoke(name, *args, env=env)
            outcomes[name, label] = result.exit_code
            text = result.stdout + result.stderr + repr(result.exception or "")
            assert password not in text, f"{name} with the {label} password"
            assert "Traceback" not in result.stdout + result.stderr
    assert password not in caplog.text
    # the canary ran through real successes and real failures
    store_free = {"demo", "import", "merge", "build"}  # read files only, never a store
    assert {n for (n, label), code in outcomes.items() if label == "right" and code} == set()
    assert {n for (n, label), code in outcomes.items() if label != "right" and code != 1} == store_free


# -- analyses inside the store give the output the files give ------------------------

@pytest.mark.parametrize("args", [[], ["--as-of", "2015", "--years", "3"], ["--format", "json"],
                                  ["--format", "csv"]])
def test_gaps_in_the_store_prints_what_the_files_give(store, args):
    assert invoke("load", sample_path(), env=store.env()).exit_code == 0
    from_files = invoke("gaps", sample_path(), *args)
    in_store = invoke("gaps", "--neo4j", store.server.uri, *args, env=store.env())
    assert in_store.exit_code == 0, in_store.output
    assert from_files.exit_code == 0, from_files.output
    if args == ["--format", "json"]:
        files, stored = json.loads(from_files.stdout), json.loads(in_store.stdout)
        # Fragility runs on the network read back (nodes in id order): the
        # single points of failure come in that order. Sums run in another
        # order in the store: floats agree to 1e-9.
        for table in (files, stored):
            for row in table["under_served"]:
                row.pop("why")
                row["single_points_of_failure"].sort()
                row["single_point_names"].sort()
        assert _rounded(stored) == _rounded(files)
    else:
        # Only the sentences naming who holds a route together ("if any one of
        # A, B leaves") may list the same actors in another order.
        assert _lines(in_store.stdout) == _lines(from_files.stdout)
        assert in_store.stdout.count("\n") == from_files.stdout.count("\n")


def _rounded(value):
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _lines(text):
    return [line for line in text.splitlines() if " leaves" not in line]


@pytest.mark.parametrize("args", [["Freie Universität Berlin", "Taschkent"],
                                  ["bvg", "jakarta_gov", "--as-of", "2021", "--format", "json"],
                                  ["ngo_tbb", "istanbul_chamber", "--format", "csv"]])
def test_path_in_the_store_prints_what_the_files_give(store, args):
    assert invoke("load", sample_path(), env=store.env()).exit_code == 0
    a, b, *rest = args
    from_files = invoke("path", a, b, sample_path(), *rest)
    in_store = invoke("path", a, b, "--neo4j", store.server.uri, *rest, env=store.env())
    assert from_files.exit_code == 0, from_files.output
    assert in_store.exit_code == 0, in_store.output
    if "json" in rest:
        files, stored = json.loads(from_files.stdout), json.loads(in_store.stdout)
        for table in (files, stored):  # projects and ties in graph order: compare as sets
            for row in table:
                row["projects"] = sorted(row["projects"])
        assert stored == files
    else:
        assert in_store.stdout.splitlines()[0] == from_files.stdout.splitlines()[0]
        # The same words: a step's projects may come in another order, and
        # wrap differently in a table cell.
        assert sorted(re.findall(r"[^\s│┃|;,]+", in_store.stdout)) == \
            sorted(re.findall(r"[^\s│┃|;,]+", from_files.stdout))


def test_path_unknown_actor_in_the_store_is_an_error(store):
    assert invoke("load", sample_path(), env=store.env()).exit_code == 0
    result = invoke("path", "Atlantis", "paris", "--neo4j", store.server.uri, env=store.env())
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: A: no actor has that id, name or alias")
    assert result.stderr == invoke("path", "Atlantis", "paris", sample_path()).stderr


def test_recommend_in_the_store_prints_what_the_files_give(store):
    assert invoke("load", sample_path(), env=store.env()).exit_code == 0
    args = ["--theme", "climate", "--city", "Jakarta", "--format", "json"]
    from_files = invoke("recommend", sample_path(), *args)
    in_store = invoke("recommend", "--neo4j", store.server.uri, *args, env=store.env())
    assert from_files.exit_code == 0, from_files.output
    assert in_store.exit_code == 0, in_store.output
    files, stored = json.loads(from_files.stdout), json.loads(in_store.stdout)
    pairs = [(r["home_actor"], r["partner_actor"]) for r in files["introductions"]]
    assert [(r["home_actor"], r["partner_actor"]) for r in stored["introductions"]] == pairs
    assert _rounded([r["score"] for r in stored["introductions"]]) == \
        _rounded([r["score"] for r in files["introductions"]])


# -- the warm cache: a second command on an unchanged store reads no network ------------

def _no_read_back(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the network was read back from the store again")

    import actornet.loaders.store as store_module

    monkeypatch.setattr(store_module, "read_network", refuse)


def test_a_second_command_on_an_unchanged_store_uses_the_network_read_before(store, monkeypatch):
    invoke("load", GOOD, env=store.env())
    first = invoke("info", "--format", "json", env=store.env())
    assert first.exit_code == 0, first.output
    _no_read_back(monkeypatch)
    second = invoke("info", "--format", "json", env=store.env())
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout) == json.loads(first.stdout)
    refused = invoke("info", "--no-cache", env=store.env())
    assert refused.exit_code != 0  # --no-cache reads the store again


def test_a_new_load_is_read_again(store):
    invoke("load", GOOD, "--dataset", "a", env=store.env())
    assert invoke("info", "--format", "json", env=store.env()).exit_code == 0
    invoke("load", sample_path(), "--dataset", "b", env=store.env())
    result = invoke("info", "--format", "json", env=store.env())
    assert result.exit_code == 0, result.output
    fresh = invoke("info", "--format", "json", "--no-cache", env=store.env())
    assert json.loads(result.stdout) == json.loads(fresh.stdout)
    assert json.loads(result.stdout)["actors"] > len(read_files(GOOD).actors())


def test_a_store_changed_by_another_writer_is_read_again(store):
    invoke("load", GOOD, env=store.env())
    before = json.loads(invoke("info", "--format", "json", env=store.env()).stdout)["actors"]
    store.driver.execute_query("CREATE (:Actor:NGO {id: 'written_elsewhere', kind: 'ngo', "
                               "name: 'Written Elsewhere'})", database_=store.database)
    result = invoke("info", "--format", "json", env=store.env())
    assert result.exit_code == 0, result.output
    fresh = invoke("info", "--format", "json", "--no-cache", env=store.env())
    assert json.loads(fresh.stdout)["actors"] == before + 1, fresh.output
    assert json.loads(result.stdout)["actors"] == before + 1


def test_an_interrupted_load_is_refused_even_when_the_network_was_read_before(store):
    invoke("load", GOOD, "--dataset", "d", env=store.env())
    assert invoke("info", env=store.env()).exit_code == 0
    store.driver.execute_query("MATCH (d:ActornetDataset {name: 'd'}) SET d.state = 'loading'",
                               database_=store.database)
    result = invoke("info", env=store.env())
    assert result.exit_code == 1
    assert "dataset d is incomplete" in result.output
