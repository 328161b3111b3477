"""actornet.loaders.imports on hand-written fixtures in each real format (tests/data/import)."""

from __future__ import annotations

import gzip
import shutil

import pytest

from testdata import DATA
from actornet.graph.errors import InputError
from actornet.loaders import read_network
from actornet.loaders.imports import SourceFile, import_memberships, import_pairs, run_recipe

IMPORT = DATA / "import"


def rows_of(summary, file):
    c = summary.files[file]
    return c.read, c.kept, c.rejected


def lines(problems):
    return [(p.file, p.line, p.column) for p in problems]


# -- twin towns ----------------------------------------------------------------------------


@pytest.fixture
def twins(tmp_path):
    out = tmp_path / "twins"
    summary = run_recipe("twin-towns", [IMPORT / "twin_towns.csv"], out, home="berlin_de")
    return summary, read_network(out)


def test_twin_towns_rows_balance(twins):
    summary, _ = twins
    assert rows_of(summary, "twin_towns.csv") == (13, 10, 2)
    assert summary.files["twin_towns.csv"].duplicates == 1  # Berlin-Windhoek, listed twice
    assert summary.balanced


def test_twin_towns_rejects_self_pairs_and_empty_ends(twins):
    summary, _ = twins
    assert lines(summary.problems) == [("twin_towns.csv", 9, "city2"),
                                       ("twin_towns.csv", 14, "city1")]


def test_twin_towns_rejected_self_pair_makes_no_city(twins):
    _, net = twins
    assert "luneburg_de" not in net.graph


def test_twin_towns_unknown_country_is_left_empty(twins):
    summary, _ = twins
    assert lines(summary.warnings) == [("twin_towns.csv", 12, "country2")]


def test_twin_towns_writes_a_network_that_validates_clean(twins):
    _, net = twins
    assert net.report.problems == [] and net.report.warnings == []


def test_country_spellings_make_one_city(twins):
    _, net = twins
    assert [n for n in net.actors() if n.startswith("london")] == ["london_gb"]


def test_exonyms_make_one_city_with_aliases(twins):
    _, net = twins
    assert net.resolve("Warszawa") == "warsaw_pl"


def test_home_is_written_to_network_toml(twins):
    _, net = twins
    assert net.home_stated and net.home_city == "berlin_de"


def test_berlin_has_one_partnership_per_city(twins):
    _, net = twins
    assert [p["city"] for p in net.partnerships()] == [
        "buenos_aires_ar", "london_gb", "warsaw_pl", "windhoek_na"]


def test_one_sided_claims_are_marked(twins):
    _, net = twins
    claims = {p["city"]: p["claimed_by"] for p in net.partnerships()}
    assert claims == {"buenos_aires_ar": "buenos_aires_ar", "london_gb": "",
                      "warsaw_pl": "", "windhoek_na": "berlin_de"}


def test_one_sided_claims_are_counted(twins):
    summary, _ = twins
    assert summary.one_sided == 4  # Windhoek, Buenos Aires, Pogradec, Potsdam


def test_same_name_cities_in_two_countries_stay_apart(twins):
    _, net = twins
    assert {"berlin_de", "berlin_us"} <= set(net.graph)


def test_gzipped_file_is_read_as_it_is(tmp_path):
    packed = tmp_path / "twins.csv.gz"
    packed.write_bytes(gzip.compress((IMPORT / "twin_towns.csv").read_bytes()))
    summary = run_recipe("twin-towns", [packed], tmp_path / "out")
    assert rows_of(summary, "twins.csv.gz") == (13, 10, 2)


def test_several_files_are_one_network(tmp_path):
    copy = tmp_path / "again.csv"
    shutil.copy(IMPORT / "twin_towns.csv", copy)
    summary = run_recipe("twin-towns", [IMPORT / "twin_towns.csv", copy], tmp_path / "out")
    assert summary.ties == 7


def test_pairs_without_claims_marks_nothing(tmp_path):
    import_pairs([IMPORT / "twin_towns.csv"], tmp_path / "out", a="city1", b="city2",
                 a_country="country1", b_country="country2")
    net = read_network(tmp_path / "out")
    assert all(not d.get("claimed_by") for _, _, _, d in net.ties(["PARTNER_OF"]))


def test_pairs_unknown_column_names_the_option(tmp_path):
    with pytest.raises(InputError, match="no column named by --a"):
        import_pairs([IMPORT / "twin_towns.csv"], tmp_path / "out", a="town", b="city2")


def test_pairs_of_a_type_that_cannot_join_one_kind_is_an_error(tmp_path):
    with pytest.raises(InputError, match="--type"):
        import_pairs([IMPORT / "twin_towns.csv"], tmp_path / "out", a="city1", b="city2",
                     tie_type="MEMBER_OF")


# -- wikidata -------------------------------------------------------------------------------


@pytest.fixture
def p190(tmp_path):
    out = tmp_path / "p190"
    summary = run_recipe("wikidata-p190", [IMPORT / "p190_relations.tsv"], out,
                         names=IMPORT / "p190_names.tsv")
    return summary, read_network(out).with_home("Q64")


def test_p190_rows_balance(p190):
    summary, _ = p190
    assert rows_of(summary, "p190_relations.tsv") == (6, 5, 1)


def test_p190_labelled_items_become_gazetteer_cities(p190):
    _, net = p190
    node = net.graph.nodes["copenhagen_dk"]
    assert (node["name"], node["aliases"], node["country"]) == ("Copenhagen", ["Kopenhagen"], "DK")
    assert set(node["external_ids"]) == {"wikidata:Q1748", "geonames:2618425"}


def test_p190_item_is_found_by_its_qid_and_label(p190):
    _, net = p190
    assert net.resolve("Q1748") == net.resolve("Kopenhagen") == "copenhagen_dk"


def test_p190_items_have_countries_from_the_gazetteer(p190):
    _, net = p190  # never "AL" or empty for a city the gazetteer knows
    assert {n: net.graph.nodes[n].get("country") for n in ("berlin_de", "london_gb",
                                                            "paris_fr")} == {
        "berlin_de": "DE", "london_gb": "GB", "paris_fr": "FR"}


def test_p190_unlabelled_qid_is_named_by_its_id(p190):
    summary, net = p190
    assert (summary.named_by_id, net.graph.nodes["Q999"]["name"]) == (1, "Q999")


def test_p190_two_items_of_one_name_sharing_a_partner_are_one_city(tmp_path):
    # two items labelled "Brüssel" (a municipality and a region), both Berlin's
    # partners, are one partner city; two "Alexandria"s twinned with different
    # cities stay two (the lower id gets the gazetteer's city)
    (tmp_path / "names.tsv").write_text(
        "Q64\tBerlin\nQ239\tBrüssel\nQ9005\tBrüssel\nQ90\tParis\n"
        "Q87\tAlexandria\nQ88\tAlexandria\nQ1748\tKopenhagen\n", encoding="utf-8")
    (tmp_path / "rel.tsv").write_text(
        "Q64\tQ239\nQ9005\tQ64\nQ90\tQ9005\nQ90\tQ87\nQ1748\tQ88\n", encoding="utf-8")
    run_recipe("wikidata-p190", [tmp_path / "rel.tsv"], tmp_path / "out",
               names=tmp_path / "names.tsv")
    net = read_network(tmp_path / "out").with_home("Q64")
    brussels = net.graph.nodes["brussels_be"]
    assert {"wikidata:Q239", "wikidata:Q9005"} <= set(brussels["external_ids"])
    assert "Q9005" not in net.graph and net.resolve("Q9005") == "brussels_be"
    assert [p["city"] for p in net.partnerships()] == ["brussels_be"]
    assert {u if v == "brussels_be" else v for u, v, _, _ in net.ties(["PARTNER_OF"])
            if "brussels_be" in (u, v)} == {"berlin_de", "paris_fr"}
    alexandrias = [n for n, d in net.graph.nodes(data=True) if d.get("name") == "Alexandria"
                   or "wikidata:Q88" in d.get("external_ids", ())]
    assert len(alexandrias) == 2 and "Q88" in alexandrias


def test_p190_statements_from_both_sides_are_one_partnership(p190):
    _, net = p190
    assert {p["city"]: p["claimed_by"] for p in net.partnerships()} == {
        "london_gb": "", "copenhagen_dk": "berlin_de", "paris_fr": "paris_fr"}


# -- cordis ---------------------------------------------------------------------------------


@pytest.fixture
def cordis(tmp_path):
    out = tmp_path / "h2020"
    summary = run_recipe("cordis", [IMPORT / "cordis_participations.csv"], out,
                         organisations=IMPORT / "cordis_organisations.csv",
                         themes=IMPORT / "cordis_programme_parts.csv")
    return summary, read_network(out)


def test_cordis_rows_balance(cordis):
    summary, _ = cordis
    assert [rows_of(summary, f) for f in ("cordis_participations.csv",
                                          "cordis_organisations.csv",
                                          "cordis_programme_parts.csv")] == [
        (7, 6, 1), (4, 3, 1), (4, 3, 1)]


def test_cordis_pic_stays_text(cordis):
    _, net = cordis
    assert net.graph.nodes["000123456"]["name"] == "Technische Universitaet Berlin"


def test_cordis_activity_types_become_kinds(cordis):
    _, net = cordis
    assert [net.kind(n).value for n in ("000123456", "998000111", "997000222", "996000333")] \
        == ["institution", "company", "institution", "ngo"]


def test_cordis_country_codes_become_iso(cordis):
    _, net = cordis
    assert [net.graph.nodes[n].get("country") for n in ("998000111", "997000222")] == ["GR", "GB"]


def test_cordis_bad_country_and_years_are_left_empty_not_rejected(cordis):
    summary, _ = cordis
    # NA in end_year and start_year (lines 5-8) is no value: no warning, nothing kept
    assert {(p.line, p.column) for p in summary.warnings} == {(6, "country")}


def test_cordis_role_and_contribution_are_kept(cordis):
    _, net = cordis
    tie = net.graph.edges["000123456", "100001", "000123456>PARTICIPATES_IN>100001"]
    assert (tie["role"], tie["contribution"]) == ("coordinator", "250000")


def test_cordis_programme_parts_are_themes(cordis):
    _, net = cordis
    assert net.graph.nodes["100001"]["themes"] == ["SC5", "LEIT"]


def test_cordis_empty_city_makes_no_city(cordis):
    _, net = cordis
    assert net.city_of("997000222") is None
    assert "" not in net.graph and not any(n.startswith("_") for n in net.graph)


def test_cordis_city_in_capitals_is_one_readable_city(cordis):
    _, net = cordis
    assert net.graph.nodes[net.city_of("000123456")]["name"] == "Berlin"


def test_cordis_without_organisations_names_members_by_id(tmp_path):
    summary = run_recipe("cordis", [IMPORT / "cordis_participations.csv"], tmp_path / "o")
    assert summary.named_by_id == 4


# -- keep.eu ------------------------------------------------------------------------------


@pytest.fixture
def keep(tmp_path):
    out = tmp_path / "keep"
    return run_recipe("keep", [IMPORT / "keep_partners.csv"], out), read_network(out)


def test_keep_rows_balance(keep):
    summary, _ = keep
    assert rows_of(summary, "keep_partners.csv") == (9, 8, 1)


def test_keep_multiline_cell_keeps_line_numbers(keep):
    summary, _ = keep
    assert lines(summary.problems) == [("keep_partners.csv", 11, "Acronym")]


def test_keep_project_is_programme_and_acronym(keep):
    _, net = keep
    assert sorted(net.graph.nodes[p]["name"] for p in net.projects()) == [
        "BLUE-Y", "GREEN-X", "GREEN-X"]


def test_keep_lead_partner_is_the_role(keep):
    _, net = keep
    roles = sorted(d["role"] for _, _, _, d in net.ties(["PARTICIPATES_IN"]))
    assert roles == ["lead"] * 3 + ["partner"] * 5


def test_keep_spelling_variants_stay_apart_until_dedupe(keep):
    _, net = keep
    assert {"tu_berlin_de", "technical_university_of_berlin_de"} <= set(net.graph)


def test_keep_partner_without_town_has_no_city(keep):
    _, net = keep
    assert net.city_of("invented_foundation_e_v_de") is None


# -- generic memberships: a network of cities -----------------------------------------------


def test_cities_as_members_of_a_network(tmp_path):
    source = tmp_path / "members.csv"
    source.write_text("network,city,country,joined\nEurocities,Berlin,DE,1989\n"
                      "Eurocities,Warschau,Polen,NA\nEurocities,,DE,2000\n", encoding="utf-8")
    summary = import_memberships([source], tmp_path / "out", member_name="city",
                                 member_kind="city", member_country="country",
                                 group="network", group_kind="network", since="joined")
    net = read_network(tmp_path / "out")
    assert (rows_of(summary, "members.csv"), sorted(net.actors()), net.kind("Eurocities").value) \
        == ((3, 2, 1), ["berlin_de", "warsaw_pl"], "network")


def test_read_rows_rejects_a_ragged_row(tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("a,b\n1,2\n1,2,3\n", encoding="utf-8")
    table = SourceFile(source)
    assert [len(frame) for frame, _ in table.chunks()] == [1]
    assert [(p.line, p.reason) for p in table.problems] == [
        (3, "the row has 3 cells but the header has 2")]


def test_home_name_is_written_as_the_city_id(tmp_path):
    run_recipe("twin-towns", [IMPORT / "twin_towns.csv"], tmp_path / "t", home="Warschau")
    assert read_network(tmp_path / "t").stated_home == "warsaw_pl"


def test_ambiguous_home_name_is_a_warning_listing_the_candidates(tmp_path):
    summary = run_recipe("twin-towns", [IMPORT / "twin_towns.csv"], tmp_path / "t", home="Berlin")
    assert [p.reason for p in summary.warnings if p.column == "home"] == [
        "the home city matches several cities: berlin_de (DE), berlin_us (US)"]
