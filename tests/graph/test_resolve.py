"""actornet.graph.resolve: merging accepted pairs, union of sources (candidates: test_linkage)."""

from __future__ import annotations

import networkx as nx
import pytest

from actornet.graph.errors import ResolveError
from actornet.graph.names import country_code, match_key, name_tokens
from actornet.graph.network import ActorNetwork
from actornet.graph.resolve import merge_duplicates, union_networks


def org_world():
    G = nx.MultiDiGraph()
    G.add_node("berlin", kind="city", name="Berlin", country="DE")
    G.add_node("graz", kind="city", name="Graz", country="AT")
    orgs = {
        "tub1": ("TU Berlin", "berlin", "DE", "keep.eu"),
        "tub2": ("Technical University of Berlin", "berlin", "DE", "CORDIS"),
        "fub": ("Free University of Berlin", "berlin", "DE", None),
        "tug1": ("Technische Universität Graz", "graz", "AT", None),
        "tug2": ("TU Graz - Technische Universität Graz", "graz", "AT", None),
        "tug3": ("Technische Universität Graz, Institut für Softwaretechnologie", "graz", "AT",
                 None),
        "unigraz": ("University of Graz", "graz", "AT", None),
        "eco1": ("Ecologic Institut gemeinnützige GmbH", "berlin", "DE", None),
        "eco2": ("Ecologic Institute", "berlin", "DE", None),
    }
    for n, (name, city, country, evidence) in orgs.items():
        G.add_node(n, kind="institution", name=name, country=country,
                   **({"evidence": evidence} if evidence else {}))
        G.add_edge(n, city, key=f"{n}>BASED_IN>{city}", type="BASED_IN")
    G.add_node("p", kind="project", name="P")
    for n in ("tub1", "tub2", "fub"):
        G.add_edge(n, "p", key=f"{n}>PARTICIPATES_IN>p", type="PARTICIPATES_IN")
    G.add_edge("tub1", "tub2", key="tub1>COOPERATES_WITH>tub2", type="COOPERATES_WITH")
    return ActorNetwork(G)


@pytest.fixture
def merged():
    return merge_duplicates(org_world(), [("tub1", "tub2")])


def test_merge_keeps_the_actor_with_more_ties(merged):
    net, _ = merged
    assert "tub2" not in net.graph and "tub1" in net.graph


def test_merge_keeps_every_name_as_an_alias(merged):
    net, _ = merged
    assert net.graph.nodes["tub1"]["aliases"] == ["Technical University of Berlin"]


def test_merge_keeps_every_source_as_evidence(merged):
    net, _ = merged
    assert net.graph.nodes["tub1"]["evidence"] == "keep.eu; CORDIS"


def test_merge_moves_ties_and_drops_self_ties(merged):
    net, summary = merged
    assert (summary.loops_dropped, summary.ties_combined) == (1, 2)  # the cooperation; p, BASED_IN


def test_merge_finds_the_merged_by_old_name(merged):
    net, _ = merged
    assert net.resolve("Technical University of Berlin") == "tub1"


def test_merge_chains_into_one_actor():
    net, summary = merge_duplicates(org_world(), [("tug1", "tug2"), ("tug2", "tug3")])
    assert summary.merged == [("tug1", ["tug2", "tug3"])]


def test_merge_of_an_unknown_id_is_an_error():
    with pytest.raises(ResolveError, match="not in the network"):
        merge_duplicates(org_world(), [("tub1", "nobody")])


def test_merge_of_two_kinds_is_an_error():
    with pytest.raises(ResolveError, match="two kinds"):
        merge_duplicates(org_world(), [("tub1", "berlin")])


def test_merge_leaves_the_input_unchanged():
    net = org_world()
    before = dict(net.graph.nodes["tub1"])
    merge_duplicates(net, [("tub1", "tub2")])
    assert dict(net.graph.nodes["tub1"]) == before


def city_source(pairs, evidence):
    G = nx.MultiDiGraph()
    for u, v in pairs:
        for n in (u, v):
            G.add_node(n, kind="city", name=n.title(), evidence=evidence)
        G.add_edge(u, v, key=f"{u}>PARTNER_OF>{v}", type="PARTNER_OF", evidence=evidence)
    return ActorNetwork(G)


def test_union_matches_actors_by_id_and_partnerships_either_way():
    a = city_source([("berlin", "london")], "wikipedia")
    b = city_source([("london", "berlin"), ("berlin", "paris")], "wikidata")
    net, summary = union_networks([a, b])
    assert (summary.matched_by_id, net.with_home("berlin").partnerships()[0]["city"],
            len(net.with_home("berlin").partnerships())) == (2, "london", 2)


def test_union_joins_the_evidence_of_a_shared_tie():
    a = city_source([("berlin", "london")], "wikipedia")
    b = city_source([("berlin", "london")], "wikidata")
    net, _ = union_networks([a, b])
    assert net.graph.edges["berlin", "london", "berlin>PARTNER_OF>london"]["evidence"] == \
        "wikipedia; wikidata"


def test_union_keeps_one_id_of_two_kinds_apart():
    a = city_source([("ghent", "berlin")], "w")
    G = nx.MultiDiGraph()
    G.add_node("ghent", kind="institution", name="Ghent")
    net, summary = union_networks([a, ActorNetwork(G)], ["twins", "keep"])
    assert (net.kind("ghent_institution").value, summary.kind_conflicts) == (
        "institution", ["ghent (keep) -> ghent_institution"])


# -- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, code", [("England", "GB"), ("England, United Kingdom", "GB"),
                                        ("UK", "GB"), ("EL", "GR"), ("Greece", "GR"),
                                        ("Czech Republic", "CZ"), ("Russia", "RU"),
                                        ("XK", "XK"), ("NA", "NA"), ("", None)])
def test_country_codes(text, code):
    assert country_code(text) == code


@pytest.mark.parametrize("a, b", [("BERLIN", "Berlin"), ("Müller GmbH", "Mueller".replace("ue", "u") + " gmbh"),
                                  ("Forschungsverbund Berlin e.V.", "Forschungsverbund Berlin"),
                                  ("Universität Wien", "University of Vienna".replace("Vienna", "Wien"))])
def test_match_keys_fold_spellings(a, b):
    assert match_key(a) == match_key(b)


def test_name_tokens_spell_out_abbreviations():
    assert name_tokens("TU Graz") == ("technical", "university", "graz")


# -- external ids, kinds, merged-away ids, claims -------------------------------------------


def test_union_merges_actors_sharing_an_external_id_first():
    a = city_source([("berlin_de", "london_gb")], "wikipedia")
    a.graph.nodes["berlin_de"]["external_ids"] = ["geonames:2950159"]
    G = nx.MultiDiGraph()
    G.add_node("Q64", kind="city", name="Berlin", external_ids=["wikidata:Q64",
                                                                "geonames:2950159"])
    G.add_node("Q84", kind="city", name="London")
    G.add_edge("Q64", "Q84", key="Q64>PARTNER_OF>Q84", type="PARTNER_OF", evidence="wikidata")
    net, summary = union_networks([a, ActorNetwork(G)])
    assert (summary.by_external_id, net.graph.nodes["Q64"]["merged_ids"],
            len(net.with_home("Q64").partnerships())) == (
        [("Q64", "berlin_de", "geonames:2950159")], ["berlin_de"], 2)


def test_an_institution_and_a_company_can_be_merged():
    G = nx.MultiDiGraph()
    G.add_node("eco1", kind="company", name="Ecologic gGmbH")
    G.add_node("eco2", kind="institution", name="Ecologic Institute")
    net, summary = merge_duplicates(ActorNetwork(G), [("eco1", "eco2")])
    assert (list(net.graph.nodes), summary.kinds_changed) == (
        ["eco1"], [("eco2", "institution", "company")])


def test_an_accepted_pair_naming_a_merged_away_id_applies_to_its_actor():
    first, _ = merge_duplicates(org_world(), [("tub1", "tub2")])
    again, summary = merge_duplicates(first, [("tub2", "fub")])
    kept = again.resolve("Free University of Berlin")
    assert (summary.redirected, again.resolve("TU Berlin") == kept,
            set(again.graph.nodes[kept]["merged_ids"]) >= {"tub2"}) == (
        [("tub2", "tub1")], True, True)


def test_an_accepted_pair_already_one_actor_changes_nothing():
    first, _ = merge_duplicates(org_world(), [("tub1", "tub2")])
    again, summary = merge_duplicates(first, [("tub1", "tub2")])
    assert (summary.already_one, again.graph.number_of_edges()) == (
        1, first.graph.number_of_edges())


def test_a_partnership_listed_from_both_sides_is_not_one_sided_after_a_merge():
    G = nx.MultiDiGraph()
    for n, name in [("berlin_de", "Berlin"), ("beijing_cn", "Beijing"), ("Q956", "Peking")]:
        G.add_node(n, kind="city", name=name)
    G.add_edge("berlin_de", "beijing_cn", key="a", type="PARTNER_OF", claimed_by="berlin_de")
    G.add_edge("Q956", "berlin_de", key="b", type="PARTNER_OF", claimed_by="Q956")
    net, _ = merge_duplicates(ActorNetwork(G), [("beijing_cn", "Q956")])
    assert net.with_home("berlin_de").partnerships()[0]["claimed_by"] == "" and all(
        "claimed_by" not in d for _, _, d in net.graph.edges(data=True))
