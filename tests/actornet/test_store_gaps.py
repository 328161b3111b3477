"""Gaps inside the store return what the in-memory queries (coverage, under_served, dormant) return."""

from __future__ import annotations

import networkx as nx
import pytest
from pandas.testing import assert_frame_equal

from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.loaders import read_network
from actornet.loaders.store import read_network as read_store
from actornet.loaders.store import write_network
from actornet.store_analyses import store_coverage, store_dormant, store_under_served
from actornet.queries.coverage import coverage
from actornet.queries.dormant import dormant
from actornet.queries.under_served import under_served

pytestmark = pytest.mark.neo4j


def _same(got, expected):
    """Exact for ints, strings and lists; floats to 1e-9 (sums run in another order)."""
    assert_frame_equal(got, expected, check_exact=False, rtol=1e-9, atol=1e-12)


def _fragility_as_sets(table):
    """The under-served table without ``why``, single points of failure sorted.

    Fragility runs in memory on the network read back from the store, whose
    nodes come in id order; queries/fragility.py lists the single points of
    failure (and the ``why`` sentence about them) in graph order.
    """
    table = table.drop(columns="why")
    for column in ("single_points_of_failure", "single_point_names"):
        table[column] = table[column].map(sorted)
    return table


def _sample():
    from actornet.sample import sample_path
    return read_network(sample_path())


def _hand_made():
    """A person with no seat of their own (sits where their NGO sits), a project
    spanning three cities (one participant nowhere), an undated project, a tie
    naming a project for its years and themes, a suspended partnership and
    one not yet signed in 2015."""
    G = nx.MultiDiGraph()
    for n, kind, seat in [("home", "city", None), ("twin", "city", None), ("far", "city", None),
                          ("late", "city", None), ("uni", "institution", "home"),
                          ("club", "ngo", "home"), ("lab", "institution", "twin"),
                          ("fans", "ngo", "far"), ("desk", "person", None),
                          ("drifter", "person", None), ("agency", "federal_body", "home")]:
        G.add_node(n, kind=kind, name=n.title())
        if seat:
            G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_node("bridge", kind="project", name="Bridge", themes=["science", "culture"],
               since=2005, until=2012)
    G.add_node("open", kind="project", name="Open", themes=["sport"])
    G.add_edge("home", "twin", key="p-twin", type="PARTNER_OF", since=1990)
    G.add_edge("home", "far", key="p-far", type="PARTNER_OF", since=1995, status="suspended")
    G.add_edge("home", "late", key="p-late", type="PARTNER_OF", since=2018)
    G.add_edge("desk", "club", key="m1", type="MEMBER_OF", since=2001)
    G.add_edge("desk", "lab", key="k1", type="COOPERATES_WITH", themes=["science"], weight=4,
               since=2003, until=2009)
    G.add_edge("uni", "fans", key="k2", type="COOPERATES_WITH", project="bridge", weight=2)
    G.add_edge("drifter", "lab", key="k3", type="COOPERATES_WITH", since=2014)
    for actor, key, weight in [("uni", "j1", 3), ("lab", "j2", 5), ("fans", "j3", None),
                               ("drifter", "j4", 1)]:
        G.add_edge(actor, "bridge", key=key, type="PARTICIPATES_IN",
                   **({"weight": weight} if weight else {}))
    G.add_edge("agency", "bridge", key="f1", type="FUNDS", since=2006, until=2007)
    G.add_edge("club", "open", key="j5", type="PARTICIPATES_IN")
    G.add_edge("lab", "open", key="j6", type="PARTICIPATES_IN", weight=2)
    # The themes table travels to the store as theme nodes, as a loaded file's does.
    for theme, priority in [("science", 3.0), ("culture", 2.0), ("sport", 1.0)]:
        G.add_node(theme, kind="theme", name=theme.title(), priority=priority)
    return ActorNetwork(G, name="hand-made")


def test_hand_made_network_exercises_the_rules():
    net = _hand_made()
    assert net.city_of("desk") == "home"  # from the NGO they are a member of
    assert net.city_of("drifter") is None
    assert {net.city_of(a) for a in ("uni", "lab", "fans")} == {"home", "twin", "far"}


NETWORKS = {
    "sample": _sample,
    "generated-3": lambda: generated_network(300, 1500, seed=3),
    "generated-11": lambda: generated_network(300, 1500, seed=11),
    "hand-made": _hand_made,
}


@pytest.fixture(scope="module", params=list(NETWORKS))
def network(request):
    return NETWORKS[request.param]()


@pytest.fixture
def loaded(store, network):
    write_network(store.driver, network, database=store.database)
    return store, network


@pytest.mark.parametrize("as_of", [None, 2008, 2015])
def test_store_coverage_equals_coverage(loaded, as_of):
    store, network = loaded
    got = store_coverage(store.driver, database=store.database, as_of=as_of)
    _same(got, coverage(network, as_of=as_of))


def test_store_coverage_with_weights(loaded):
    store, network = loaded
    weights = {next(iter(network.themes)).id: 0.5}
    got = store_coverage(store.driver, database=store.database, weights=weights)
    _same(got, coverage(network, weights=weights))


@pytest.mark.parametrize("as_of", [None, 2008, 2015])
def test_store_dormant_equals_dormant(loaded, as_of):
    store, network = loaded
    for years in (1, 5):
        got = store_dormant(store.driver, database=store.database, years=years, as_of=as_of)
        _same(got, dormant(network, years=years, as_of=as_of))


@pytest.mark.parametrize("as_of", [None, 2008, 2015])
def test_store_under_served_equals_under_served(loaded, as_of):
    store, network = loaded
    got = store_under_served(store.driver, database=store.database, as_of=as_of)
    read_back = read_store(store.driver, database=store.database)
    _same(got, under_served(read_back, as_of=as_of))
    _same(_fragility_as_sets(got), _fragility_as_sets(under_served(network, as_of=as_of)))


def test_store_under_served_with_weights(loaded):
    store, network = loaded
    weights = {"fragility": 0.0, "narrow_actors": 2.0}
    got = store_under_served(store.driver, database=store.database, weights=weights)
    _same(_fragility_as_sets(got), _fragility_as_sets(under_served(network, weights=weights)))


def test_store_gaps_without_partnerships_raise_query_error(store):
    from actornet.graph.errors import QueryError

    G = nx.MultiDiGraph()
    G.add_node("a", kind="ngo", name="A")
    write_network(store.driver, ActorNetwork(G), database=store.database)
    for run in (store_coverage, store_under_served, store_dormant):
        with pytest.raises(QueryError, match="no home city"):
            run(store.driver, database=store.database)


def test_hand_made_network_is_valid_and_round_trips(store):
    network = _hand_made()
    write_network(store.driver, network, database=store.database)
    back = read_store(store.driver, database=store.database)
    assert back.report.problems == []
    assert back == network
