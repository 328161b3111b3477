"""actornet.graph.linkage: the match model behind `dedupe`, on hand-written networks
whose right answers are known."""

from __future__ import annotations

import os
import subprocess
import sys

import networkx as nx
import pytest

from actornet.graph.linkage import MatchModel, band_of, score_candidates
from actornet.graph.linkage_records import actor_records, blocking_pairs, external_ids
from actornet.graph.network import ActorNetwork
from actornet.graph.resolve import CANDIDATE_COLUMNS, duplicate_candidates
from linkage_world import world

@pytest.fixture(scope="module")
def table():
    return duplicate_candidates(world(), threshold=0.0)


def probability(table, a, b):
    rows = table[((table.id_a == a) & (table.id_b == b)) | ((table.id_a == b) & (table.id_b == a))]
    return float(rows.probability.iloc[0]) if len(rows) else 0.0


@pytest.mark.parametrize("pair", [("tub_keep", "tub_en"), ("tub_keep", "tub_cordis"),
                                  ("tub_en", "tub_cordis"), ("tug", "tug_de")])
def test_spellings_of_one_university_are_proposed(table, pair):
    assert probability(table, *pair) >= MatchModel().review


@pytest.mark.parametrize("pair", [("tug", "unigraz"), ("tug_de", "unigraz"),
                                  ("tub_keep", "tum"), ("uw", "wum"), ("unigraz", "medunigraz"),
                                  ("fub", "tub_en"), ("univie", "tuwien")])
def test_different_universities_are_kept_apart(table, pair):
    assert probability(table, *pair) < MatchModel().review


def test_one_organisation_listed_as_two_kinds_is_proposed(table):
    row = table[(table.id_a == "eco_company") & (table.id_b == "eco_inst")].iloc[0]
    assert (row.band, row.kind, "kinds differ (company, institution)" in row.reason) == (
        "review", "company / institution", True)


def test_a_rare_word_weighs_more_than_a_common_one():
    records = actor_records(world())
    from actornet.graph.linkage import _Group

    group = _Group("organisation", records[records.group == "organisation"], MatchModel())
    assert group.only("medyczny") < group.only("university") < 0


def test_the_table_has_the_documented_columns_best_first(table):
    assert (list(table.columns), table.probability.is_monotonic_decreasing) == (
        CANDIDATE_COLUMNS, True)


def test_reasons_name_the_actors_and_the_evidence(table):
    row = table[(table.id_a == "tug") & (table.id_b == "unigraz")].iloc[0]
    assert ("only in TU Graz: technical" in row.reason, "same city (Graz)" in row.reason,
            "tug" in row.reason) == (True, True, False)


def test_bands_follow_the_probability():
    assert [band_of(p) for p in (1.0, 0.99, 0.989, 0.5, 0.49)] == [
        "auto", "auto", "review", "review", "unlikely"]


def test_a_shared_external_id_is_certain():
    extra = [("eco_q", "company", "Ecologic", "berlin", {"external_ids": "wikidata:Q1"}),
             ("eco_r", "ngo", "Ecologic Berlin", "berlin", {"external_ids": ["wikidata:Q1"]})]
    table = duplicate_candidates(world(extra))
    row = table[(table.id_a == "eco_q") & (table.id_b == "eco_r")].iloc[0]
    assert (row.probability, row.band, row.reason.startswith("same wikidata id (Q1)")) == (
        1.0, "auto", True)


def test_two_ids_of_one_scheme_rule_a_pair_out():
    extra = [("s1", "company", "Stadtwerke Nord", "berlin", {"external_ids": "pic:1"}),
             ("s2", "company", "Stadtwerke Nord", "berlin", {"external_ids": "pic:2"})]
    table = duplicate_candidates(world(extra), threshold=0.0)
    assert probability(table, "s1", "s2") == 0.0


def test_without_external_ids_the_same_name_is_proposed():
    extra = [("s1", "company", "Stadtwerke Nord", "berlin"),
             ("s2", "company", "Stadtwerke Nord", "berlin")]
    assert probability(duplicate_candidates(world(extra)), "s1", "s2") >= 0.5


def test_cities_are_compared_by_their_aliases():
    G = nx.MultiDiGraph()
    G.add_node("beijing_cn", kind="city", name="Beijing", country="CN", aliases=["Peking"])
    G.add_node("Q956", kind="city", name="Peking")
    G.add_node("paris_fr", kind="city", name="Paris", country="FR")
    table = score_candidates(ActorNetwork(G))
    assert table[["id_a", "id_b"]].values.tolist() == [["beijing_cn", "Q956"]]


def test_actors_without_a_name_are_not_compared():
    G = nx.MultiDiGraph()
    G.add_node("999986678", kind="institution", name="999986678")
    G.add_node("999986679", kind="institution", name="999986679")
    assert actor_records(ActorNetwork(G)).empty


def test_blocking_keeps_pairs_that_share_nothing_apart():
    records = actor_records(world())
    pairs = {frozenset((records.id[a], records.id[b])) for a, b in blocking_pairs(records).values}
    assert (frozenset(("siemens", "pw")) in pairs, frozenset(("tug", "tug_de")) in pairs) == (
        False, True)


def test_external_ids_read_a_list_or_a_cell():
    assert external_ids(["wikidata:Q64", "pic:1", "nonsense"]) == external_ids(
        "wikidata:Q64;pic:1") == {"wikidata": {"Q64"}, "pic": {"1"}}


def test_the_input_network_is_unchanged():
    net = world()
    before = (dict(net.graph.nodes(data=True)), list(net.graph.edges(keys=True, data=True)))
    duplicate_candidates(net)
    assert (dict(net.graph.nodes(data=True)), list(net.graph.edges(keys=True, data=True))) == \
        before


_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from linkage_world import world
from actornet.graph.resolve import duplicate_candidates
print(duplicate_candidates(world(), threshold=0.0).to_csv(index=False))
"""


def test_same_input_same_output_whatever_the_hash_seed():
    tests = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", _SCRIPT.format(tests=tests)], env=env,
                              capture_output=True, text=True, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") > 5


def twin_towns():
    """Twin-town list entries as Wikipedia's pages write them."""
    G = nx.MultiDiGraph()
    cities = [("glogow", "Głogów", "PL"), ("glogow_county", "Głogów County", "PL"),
              ("langen", "Langen", "DE"), ("langen_hessen", "Langen (Hessen)", "DE"),
              ("longwy", "Longwy", "FR"), ("tata", "Tata", "HU"), ("kiel", "Kiel", "DE")]
    for n, name, country in cities:
        G.add_node(n, kind="city", name=name, country=country)
    for u, v in [("glogow", "langen"), ("glogow_county", "langen"), ("langen", "longwy"),
                 ("langen_hessen", "longwy"), ("langen_hessen", "tata"), ("langen", "tata"),
                 ("kiel", "tata")]:
        G.add_edge(u, v, key=f"{u}>PARTNER_OF>{v}", type="PARTNER_OF")
    return ActorNetwork(G)


def test_a_town_and_its_county_are_not_one_place():
    table = score_candidates(twin_towns())
    assert probability(table, "glogow", "glogow_county") < MatchModel().auto


def test_a_qualifier_in_brackets_is_another_spelling():
    table = score_candidates(twin_towns())
    assert probability(table, "langen", "langen_hessen") >= MatchModel().review


def test_two_places_of_one_name_in_two_districts_stay_two():
    G = nx.MultiDiGraph()
    for n, name in [("b1", "Behringen (Bispingen)"), ("b2", "Behringen (Stadtilm)"),
                    ("b", "Behringen"), ("l", "Langen")]:
        G.add_node(n, kind="city", name=name, country="DE")
    table = score_candidates(ActorNetwork(G), threshold=0.0)
    assert (probability(table, "b1", "b2") < MatchModel().review,
            probability(table, "b", "b1") >= MatchModel().review) == (True, True)


def test_a_network_without_candidates_gives_an_empty_table():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="person", name="Anna Muster")
    G.add_node("b", kind="company", name="Siemens AG")
    table = duplicate_candidates(ActorNetwork(G), kinds=["person"])
    assert (table.empty, list(table.columns)) == (True, CANDIDATE_COLUMNS)
