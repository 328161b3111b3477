"""`actornet whatif` on the command line."""

from __future__ import annotations

import json

from checks import run_cli as run


def test_second_route_to_tashkent_in_the_table():
    result = run("whatif", "--tie", "FU Berlin,nuu_tashkent", "--theme", "science")
    assert result.exit_code == 0, result.output
    assert "Partnerships the ties touch" in result.stdout
    assert "routes 1 → 2" in result.stdout


def test_json_lists_the_ties_and_partnerships():
    result = run("whatif", "--tie", "fu_berlin,nuu_tashkent", "--tie", "ihk_berlin,nust",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["ties"]) == 2
    assert {p["city"] for p in data["partnerships"]} == {"tashkent", "windhoek"}


def test_a_malformed_tie_is_a_usage_error():
    result = run("whatif", "--tie", "fu_berlin")
    assert result.exit_code == 2
    assert "A,B" in result.output


def test_an_unknown_actor_is_an_error_line():
    result = run("whatif", "--tie", "fu_berlin,nobody-at-all")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")
