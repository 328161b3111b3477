"""--home and network.toml: whose partnerships a command is about."""

from __future__ import annotations

import json

import pytest



ACTORS = """id,kind,name,country
berlin,city,Berlin,DE
berlin_nh,city,Berlin,US
london,city,London,GB
paris,city,Paris,FR
rome,city,Rome,IT
"""
TIES = """source,target,type,claimed_by
berlin,london,PARTNER_OF,
london,berlin,PARTNER_OF,
berlin,paris,PARTNER_OF,berlin
paris,rome,PARTNER_OF,
paris,london,PARTNER_OF,
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "ties.csv").write_text(TIES, encoding="utf-8")
    return tmp_path


def partners(result):
    return [p["name"] for p in json.loads(result.stdout)["partnerships"]]


def test_inferred_home_is_warned_about_with_the_runner_up(run, folder):
    result = run("info", folder, "--format", "json")
    assert "chose Paris (paris)" in result.stderr
    assert "runner-up Berlin (berlin, 2)" in result.stderr


def test_home_option_picks_the_home_by_id(run, folder):
    result = run("info", folder, "--format", "json", "--home", "berlin")
    assert partners(result) == ["London", "Paris"]


def test_home_option_is_not_warned_about(run, folder):
    result = run("info", folder, "--format", "json", "--home", "berlin")
    assert "Warning" not in result.stderr


def test_ambiguous_home_name_is_an_error_listing_the_candidates(run, folder):
    result = run("info", folder, "--home", "Berlin")
    assert result.exit_code == 1
    assert "berlin (Berlin, DE), berlin_nh (Berlin, US)" in result.stderr


def test_network_toml_states_the_home(run, folder):
    (folder / "network.toml").write_text('home = "berlin"\n', encoding="utf-8")
    result = run("info", folder, "--format", "json")
    assert partners(result) == ["London", "Paris"]


def test_home_option_overrides_network_toml(run, folder):
    (folder / "network.toml").write_text('home = "berlin"\n', encoding="utf-8")
    result = run("info", folder, "--format", "json", "--home", "rome")
    assert partners(result) == ["Paris"]


def test_broken_network_toml_is_an_error(run, folder):
    (folder / "network.toml").write_text('home = berlin\n', encoding="utf-8")
    result = run("info", folder)
    assert result.exit_code == 1
    assert "not valid TOML" in result.stderr


def test_one_sided_claims_are_marked_in_info(run, folder):
    result = run("info", folder, "--home", "berlin")
    assert "1 of 2 partnerships are claimed by one side only" in result.stdout


def test_one_sided_claim_in_json(run, folder):
    result = run("info", folder, "--format", "json", "--home", "berlin")
    claims = {p["name"]: p["claimed_by"] for p in json.loads(result.stdout)["partnerships"]}
    assert claims == {"London": "", "Paris": "berlin"}


def test_export_to_a_folder_keeps_the_home(run, folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "out"  # not inside the input folder
    assert run("export", folder, "--home", "berlin", "-o", out).exit_code == 0
    result = run("info", out, "--format", "json")
    assert partners(result) == ["London", "Paris"]


def test_info_counts_one_sided_claims_in_the_whole_network(run, folder):
    result = run("info", folder, "--home", "berlin")
    assert "Formal partnerships in the network: 4, of which 1 are claimed by one side only." \
        in result.stdout
