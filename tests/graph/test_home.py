"""The home city (stated or inferred) and undirected formal partnerships."""

import networkx as nx
import pytest

from actornet.graph.errors import ResolveError
from actornet.graph.network import ActorNetwork


def world(partner_edges, cities=("berlin", "london", "paris", "rome", "kyiv")):
    """Cities named after their id, and PARTNER_OF ties ``(u, v, key, attrs)``."""
    G = nx.MultiDiGraph()
    for c in cities:
        G.add_node(c, kind="city", name=c.title(), country="XX")
    for u, v, key, attrs in partner_edges:
        G.add_edge(u, v, key=key, type="PARTNER_OF", **attrs)
    return G


BOTH_WAYS = world([
    ("berlin", "london", "bl", {"since": 2000}),
    ("london", "berlin", "lb", {"since": 1999}),
    ("berlin", "paris", "bp", {}),
    ("rome", "paris", "rp", {}),
    ("paris", "kyiv", "pk", {"claimed_by": "paris"}),
])


def test_a_pair_listed_from_both_sides_is_one_partnership():
    net = ActorNetwork(BOTH_WAYS, home="berlin")
    assert [p["city"] for p in net.partnerships()] == ["london", "paris"]


def test_a_pair_listed_twice_keeps_both_ties_and_the_earliest_year():
    net = ActorNetwork(BOTH_WAYS, home="berlin")
    london = net.partnerships()[0]
    assert (london["ties"], london["since"]) == (["bl", "lb"], 1999)


def test_inference_counts_partner_cities_not_ties():
    # berlin has 2 partners (3 ties), paris 3 partners (3 ties)
    assert ActorNetwork(BOTH_WAYS).home_city == "paris"


def test_a_one_sided_claim_is_kept_and_marked():
    net = ActorNetwork(BOTH_WAYS, home="paris")
    kyiv = [p for p in net.partnerships() if p["city"] == "kyiv"]
    assert kyiv[0]["claimed_by"] == "paris"


def test_a_claim_from_both_sides_is_not_marked():
    net = ActorNetwork(BOTH_WAYS, home="berlin")
    assert net.partnerships()[0]["claimed_by"] == ""


def test_stated_home_wins_over_inference():
    assert ActorNetwork(BOTH_WAYS, home="Rome").home_city == "rome"


def test_stated_home_is_not_warned_about():
    assert ActorNetwork(BOTH_WAYS, home="rome").home_note() is None


def test_inferred_home_note_names_the_choice_and_the_runner_up():
    note = ActorNetwork(BOTH_WAYS).home_note()
    assert "chose Paris (paris)" in note and "runner-up Berlin (berlin, 2)" in note


def test_with_home_keeps_the_graph():
    net = ActorNetwork(BOTH_WAYS)
    assert net.with_home("rome").graph is net.graph


def test_views_keep_the_stated_home():
    assert ActorNetwork(BOTH_WAYS, home="rome").as_of(2020).home_city == "rome"


def test_ambiguous_home_lists_the_candidates_with_their_country():
    G = world([])
    G.add_node("berlin_us", kind="city", name="Berlin", country="US")
    with pytest.raises(ResolveError, match=r"berlin \(Berlin, XX\), berlin_us \(Berlin, US\)"):
        ActorNetwork(G, home="Berlin").home_city


def test_unknown_home_is_an_error():
    with pytest.raises(ResolveError, match="no city"):
        ActorNetwork(BOTH_WAYS, home="Atlantis").home_city


def test_partnership_counts_in_the_whole_network():
    assert ActorNetwork(BOTH_WAYS).partnership_counts() == (4, 1)
