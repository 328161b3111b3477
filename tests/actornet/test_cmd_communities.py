"""`actornet communities` on the command line."""

from __future__ import annotations

import json

from testdata import GOOD
from checks import run_cli as run


def test_table_names_the_communities_and_the_matrix():
    result = run("communities", "--top", "5")
    assert result.exit_code == 0, result.output
    assert "communities of two or more actors" in result.stdout
    assert "Actors that bridge communities" in result.stdout
    assert "Ties between groups (partner_city)" in result.stdout


def test_json_is_the_same_for_the_same_seed():
    first = run("communities", "--format", "json", "--seed", "2")
    second = run("communities", "--format", "json", "--seed", "2")
    assert first.exit_code == 0
    assert json.loads(first.stdout) == json.loads(second.stdout)
    data = json.loads(first.stdout)
    assert len(data["actors"]) == 20 and data["matrix"]["by"] == "partner_city"


def test_csv_lists_every_actor_with_top_zero():
    result = run("communities", GOOD, "--top", "0", "--format", "csv", "--matrix", "none")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("actor,name,kind,city,community")
    assert len(lines) - 1 == 8  # the small network's actors


def test_bad_option_exits_with_usage_error():
    result = run("communities", "--top", "-3")
    assert result.exit_code == 2


def test_method_option_is_passed_through_and_reported():
    result = run("communities", "--format", "json", "--method", "louvain", "--top", "3")
    assert json.loads(result.stdout)["method"] == "louvain"


def test_unknown_method_is_a_usage_error():
    result = run("communities", "--method", "spectral")
    assert result.exit_code == 2
