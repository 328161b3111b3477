"""A network with a 10,000-member group: every analysis stays pair-free.

The group (a city network like the Covenant of Mayors) would be 50 million
pairs; these tests assert on array sizes, not on time.
"""

import random

import networkx as nx
import numpy as np
import pytest

from actornet.graph.network import ActorNetwork
from actornet.queries import compiled, path_kernels
from actornet.queries.brokers import brokers
from actornet.queries.communities import communities

MEMBERS = 10_000
CITIES = ["berlin", "paris", "rome", "oslo", "lima"]
TIES = 6_000


@pytest.fixture(scope="module")
def network():
    rng = random.Random(7)
    G = nx.MultiDiGraph()
    for c in CITIES:
        G.add_node(c, kind="city", name=c.title())
    for c in CITIES[1:4]:
        G.add_edge("berlin", c, key=f"berlin-{c}", type="PARTNER_OF")
    G.add_node("covenant", kind="network", name="Covenant")
    for i in range(MEMBERS):
        a = f"n{i}"
        G.add_node(a, kind="ngo", name=f"NGO {i}")
        G.add_edge(a, rng.choice(CITIES), key=f"b{i}", type="BASED_IN")
        G.add_edge(a, "covenant", key=f"m{i}", type="MEMBER_OF")
    for t in range(TIES):
        u, v = rng.sample(range(MEMBERS), 2)
        G.add_edge(f"n{u}", f"n{v}", key=f"t{t}", type="COOPERATES_WITH", weight=3)
    return ActorNetwork(G, home="berlin")


def test_the_projection_holds_the_direct_links_only(network):
    P = network.projection()
    assert P.indices.shape[0] <= 2 * (TIES + 3)


def test_the_path_graph_adds_one_edge_per_member(network):
    P = network.projection()
    assert P.path_csr().indices.shape[0] == P.indices.shape[0] + 2 * MEMBERS


def test_brokers_finish_with_small_per_group_arrays(network, monkeypatch):
    seen = []
    real = compiled.kernel

    def watching(func, backend):
        run = real(func, backend)

        def wrapped(*args):
            out = run(*args)
            if func is path_kernels.brandes:
                seen.append(out[0].shape)
            return out
        return wrapped

    monkeypatch.setattr(compiled, "kernel", watching)
    table = brokers(network, top=20, mode="sampled", k=100, seed=1)
    # groups: Berlin, its three partners, elsewhere (+ no group); nodes: actors + one hub
    assert seen[0] == (MEMBERS + len(CITIES) + 1, 5 + 1)
    assert len(table) == 20
    assert "covenant" not in set(table["actor"])


def test_brokers_group_by_home_partners_and_elsewhere(network):
    table = brokers(network, top=None, mode="sampled", k=50, seed=1)
    assert set(table["group"].dropna()) == {"Berlin", "Paris", "Rome", "Oslo", "elsewhere"}


def test_communities_finish_and_list_actors_only(network):
    table = communities(network, top=0)
    assert len(table) == MEMBERS + len(CITIES)
    assert "covenant" not in set(table["actor"])


def test_communities_sizes_count_actors_only(network):
    table = communities(network, top=1)
    assert sum(table.attrs["sizes"]) == MEMBERS + len(CITIES)


def test_the_pages_broker_scores_finish(network):
    from actornet.network_page import page_scores

    scores = page_scores(network, seed=0)
    assert len(scores) == MEMBERS + len(CITIES)
    assert np.isfinite(scores["betweenness"]).all()


def test_without_a_home_city_the_biggest_cities_are_groups_and_the_rest_elsewhere():
    from actornet.queries.groups import ELSEWHERE, MAX_CITY_GROUPS, actor_groups

    G = nx.MultiDiGraph()
    for c in range(MAX_CITY_GROUPS + 10):
        G.add_node(f"c{c}", kind="city", name=f"C{c}")
        for i in range(2 if c < MAX_CITY_GROUPS else 1):  # the last ten are smaller
            G.add_node(f"o{c}-{i}", kind="ngo", name=f"O{c}-{i}")
            G.add_edge(f"o{c}-{i}", f"c{c}", key=f"b{c}-{i}", type="BASED_IN")
    net = ActorNetwork(G)
    P = net.projection()
    _, labels, _ = actor_groups(net, P.nodes, "partner_city")
    assert len(labels) == MAX_CITY_GROUPS + 1 and ELSEWHERE in labels
