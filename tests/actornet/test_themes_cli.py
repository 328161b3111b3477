"""Themes in words on the command line: ``--theme`` by id, label or alias on a
CORDIS network (built from the hand-written fixtures in tests/data/themes,
with Berlin's partnerships with Paris and Madrid) and on the sample; labels,
never codes, where people read."""

from __future__ import annotations

import re

import pytest

from actornet.build_recipe import build_from_recipe, read_build_recipe
from testdata import DATA
from checks import run_cli as run

CODES = {"SC1", "SC3", "SC5", "SME", "MSCA", "Euratom"}


@pytest.fixture(scope="module")
def cordis(tmp_path_factory):
    out = tmp_path_factory.mktemp("themes") / "berlin"
    build_from_recipe(read_build_recipe(DATA / "themes" / "berlin.toml"), out)
    return out


def test_recommend_climate_with_paris_on_cordis(cordis):
    result = run("recommend", cordis, "--theme", "climate", "--city", "Paris")
    assert result.exit_code == 0, result.output
    assert "Counterparts in Paris for Climate action" in result.stdout


def test_recommend_on_cordis_shows_no_programme_code(cordis):
    result = run("recommend", cordis, "--theme", "climate", "--city", "Paris")
    assert CODES & set(re.findall(r"[A-Za-z0-9]+", result.stdout)) == set()


@pytest.mark.parametrize("spelling", ["SC5", "sc5", "Klimaschutz", "Climate and environment",
                                      "klima und umwelt"])
def test_recommend_takes_the_theme_by_id_label_or_alias(cordis, spelling):
    by_alias = run("recommend", cordis, "--theme", "climate", "--city", "Paris", "--format", "csv")
    result = run("recommend", cordis, "--theme", spelling, "--city", "Paris", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == by_alias.stdout


def test_a_misspelt_theme_on_cordis_suggests_the_theme_in_words(cordis):
    result = run("recommend", cordis, "--theme", "climat", "--city", "Paris")
    assert result.exit_code == 1
    assert result.stderr == ("Error: unknown theme 'climat'; did you mean climate "
                             "(SC5 Climate and environment)?\n")


def test_a_theme_nothing_is_near_lists_the_themes_in_words(cordis):
    result = run("recommend", cordis, "--theme", "astrology", "--city", "Paris")
    assert result.exit_code == 1
    assert "SC5 (Climate and environment)" in result.stderr


def test_viz_takes_a_theme_by_its_german_alias(cordis, tmp_path):
    result = run("viz", cordis, "--theme", "Klima", "-o", tmp_path / "p.html")
    assert result.exit_code == 0, result.output
    assert "theme Climate action, environment" in (tmp_path / "p.html").read_text("utf-8")


def test_whatif_takes_a_theme_by_alias(cordis):
    result = run("whatif", cordis, "--tie", "Spree Polytechnic,Centro Manzanares",
                 "--theme", "energy")
    assert result.exit_code == 0, result.output


def test_the_report_heatmap_is_headed_by_labels_not_codes(cordis, tmp_path):
    result = run("report", cordis, "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text("utf-8")
    headings = re.findall(r'<text class="theme"[^>]*>(?:\u2605 )?([^<]*)</text>', html)
    assert len(headings) == 7
    assert CODES & set(headings) == set()


def test_the_report_heatmap_heads_sc5_by_its_words(cordis, tmp_path):
    run("report", cordis, "-o", tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text("utf-8")
    headings = re.findall(r'<text class="theme"[^>]*>(?:\u2605 )?([^<]*)</text>', html)
    assert any(h.startswith("Climate") for h in headings)


def test_the_sample_takes_a_theme_by_its_german_label():
    by_id = run("recommend", "--theme", "climate", "--city", "Jakarta", "--format", "csv")
    result = run("recommend", "--theme", "KLIMASCHUTZ", "--city", "Jakarta", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == by_id.stdout
