"""CORDIS programme parts in words: the shipped labels, the themes.csv a CORDIS
import writes with its folder, and themes found by id, label or alias.

Fixtures: tests/data/themes (hand-written, CORDIS format, invented organisations).
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from actornet.graph.errors import InputError
from actornet.graph.schema import Theme, ThemeTable, theme_label
from actornet.loaders import read_network
from actornet.loaders.programme_parts import programme_parts, programme_theme_rows
from actornet.loaders.recipes import run_recipe
from testdata import DATA

THEMES = DATA / "themes"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "cordis_h2020"

H2020 = ["SC1", "SC2", "SC3", "SC4", "SC5", "SC6", "SC7", "LEIT", "ARF", "SME", "ERC", "FET",
         "MSCA", "RI", "SEWP", "SWAFS", "Euratom"]
CLUSTERS = ["CL1", "CL2", "CL3", "CL4", "CL5", "CL6"]


def _table(codes):
    rows, _, _ = programme_theme_rows(codes)
    return ThemeTable(Theme(r["id"], r["label_en"], r.get("label_de", ""), 1.0,
                            {k: v for k, v in r.items()
                             if k not in ("id", "label_en", "label_de", "priority")})
                      for r in rows)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("cordis") / "net"
    summary = run_recipe("cordis", [THEMES / "cordis_participations.csv"], out,
                         organisations=THEMES / "cordis_organisations.csv",
                         themes=THEMES / "cordis_programme_parts.csv", gazetteer=False)
    return out, summary, read_network(out)


# -- the shipped table --------------------------------------------------------------


def test_the_table_names_every_h2020_part_and_horizon_europe_cluster():
    ids = [p["id"] for p in programme_parts()]
    assert set(H2020 + CLUSTERS) <= set(ids)


def test_each_part_once():
    ids = [p["id"] for p in programme_parts()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("column", ["label_en", "label_de", "short_en", "short_de"])
def test_every_part_has_its_labels_in_english_and_german(column):
    assert [p["id"] for p in programme_parts() if not p[column].strip()] == []


def test_short_labels_are_short_and_never_a_code():
    parts = programme_parts()
    assert max(len(p["short_en"]) for p in parts) <= 28
    assert [p["id"] for p in parts if p["short_en"] == p["id"]] == []


def test_sc5_is_climate_action_in_words():
    sc5 = {p["id"]: p for p in programme_parts()}["SC5"]
    assert sc5["label_en"] == "Climate action, environment, resource efficiency and raw materials"


@pytest.mark.skipif(not (REAL / "programme_parts.csv.gz").exists(),
                    reason="../shared/real/cordis_h2020 is absent (third-party data, not shipped)")
def test_every_code_of_the_real_programme_parts_has_a_label():
    with gzip.open(REAL / "programme_parts.csv.gz", "rt", encoding="utf-8") as handle:
        codes = {row["programme_part"] for row in csv.DictReader(handle)}
    _, _, unknown = programme_theme_rows(codes)
    assert unknown == []


# -- one spelling, one theme ----------------------------------------------------------


@pytest.mark.parametrize("text, theme_id", [
    ("climate", "SC5"), ("Klima", "SC5"), ("KLIMASCHUTZ", "SC5"), ("umwelt", "SC5"),
    ("health", "SC1"), ("Gesundheit", "SC1"), ("energy", "SC3"), ("transport", "SC4"),
    ("Mobilitat", "SC4"), ("security", "SC7"), ("sc 5", "SC5"), ("Innovation in SMEs", "SME"),
    ("Climate and environment", "SC5"), ("INFRA", "RI"), ("H2020-EU.3.5", "SC5"),
    ("Marie Sklodowska-Curie actions", "MSCA"),
])
def test_h2020_themes_by_id_label_or_alias(text, theme_id):
    assert _table(H2020 + CLUSTERS).resolve(text).id == theme_id


@pytest.mark.parametrize("text, theme_id", [("climate", "CL5"), ("health", "CL1"),
                                            ("security", "CL3"), ("Klima", "CL5")])
def test_without_h2020_the_aliases_name_horizon_europe_clusters(text, theme_id):
    assert _table(CLUSTERS).resolve(text).id == theme_id


def test_every_spelling_of_every_part_names_that_part_when_all_are_met():
    table = _table([p["id"] for p in programme_parts()])
    wrong = [(t.id, s) for t in table for _, s in t.spellings() if table.find(s).id != t.id]
    assert wrong == []


def test_a_typo_suggests_the_alias_and_says_the_theme_in_words():
    with pytest.raises(Exception) as info:
        _table(H2020).resolve("climat")
    assert str(info.value) == ("unknown theme 'climat'; did you mean climate "
                               "(SC5 Climate and environment)?")


def test_a_miss_with_nothing_near_lists_the_themes_in_words():
    with pytest.raises(Exception) as info:
        _table(["SC3", "SC4"]).resolve("xyzzy")
    assert str(info.value) == "unknown theme 'xyzzy'; known: SC3 (Energy), SC4 (Transport)"


def test_theme_label_long_and_short():
    table = _table(["SC3"])
    assert (theme_label(table, "SC3"), theme_label(table, "SC3", short=True)) == (
        "Secure, clean and efficient energy", "Energy")


def test_theme_label_of_an_unknown_id_is_the_id():
    assert theme_label(_table(["SC3"]), "XX") == "XX"


# -- the import ------------------------------------------------------------------------


def test_the_import_writes_themes_csv_with_the_folder(imported):
    out, _, _ = imported
    with open(out / "themes.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["SC1", "SC3", "SC5", "SME", "MSCA", "Euratom", "ZZ9"]


def test_the_imported_themes_have_their_labels(imported):
    net = imported[2]
    assert net.themes["SC5"].label_en.startswith("Climate action")


def test_the_imported_themes_have_german_labels(imported):
    assert imported[2].themes["SC3"].label_de == "Sichere, saubere und effiziente Energie"


def test_a_code_spelt_as_a_label_becomes_the_parts_id(imported):
    net = imported[2]
    assert net.graph.nodes["300004"]["themes"] == ["SME"]


def test_a_project_keeps_every_part(imported):
    assert sorted(imported[2].graph.nodes["300006"]["themes"]) == ["MSCA", "SC1"]


def test_a_code_without_a_label_is_kept_and_warned_about(imported):
    _, summary, net = imported
    assert net.themes["ZZ9"].label_en == "ZZ9"
    assert [w.reason for w in summary.warnings if w.file == "themes.csv"] == [
        "the theme ZZ9 has no label: its code stands in"]


def test_the_imported_network_finds_themes_by_alias(imported):
    assert imported[2].themes.resolve("Klimaschutz").id == "SC5"


def test_the_imported_network_reads_without_problems(imported):
    net = imported[2]
    assert (net.report.problems, net.report.warnings) == ([], [])


def test_an_unnamed_organisation_is_named_by_pic_and_country(imported):
    assert imported[2].graph.nodes["999992401"]["name"] == \
        "unnamed organisation (PIC 999992401, FR)"


def test_without_programme_parts_no_themes_csv_is_written(tmp_path):
    run_recipe("cordis", [THEMES / "cordis_participations.csv"], tmp_path / "n",
               organisations=THEMES / "cordis_organisations.csv", gazetteer=False)
    assert not (tmp_path / "n" / "themes.csv").exists()


def test_a_failed_import_leaves_the_earlier_folder_and_its_themes_as_they_were(imported, tmp_path):
    out = tmp_path / "net"
    run_recipe("cordis", [THEMES / "cordis_participations.csv"], out,
               organisations=THEMES / "cordis_organisations.csv",
               themes=THEMES / "cordis_programme_parts.csv", gazetteer=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = tmp_path / "parts.csv"
    broken.write_text("rcn,part\n300001,SC5\n", encoding="utf-8")  # no programme_part column
    with pytest.raises(InputError):
        run_recipe("cordis", [THEMES / "cordis_participations.csv"], out,
                   organisations=THEMES / "cordis_organisations.csv", themes=broken,
                   gazetteer=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
