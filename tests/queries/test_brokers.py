"""The broker table on the Berlin sample and on generated networks."""

from __future__ import annotations

import math
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest

from actornet.source import NetworkSource
from actornet.graph.errors import ActornetError
from actornet.graph.generate import generated_network
from actornet.graph.network import ActorNetwork
from actornet.queries.betweenness import group_pair_betweenness
from actornet.queries.brokerage import ROLES
from actornet.queries.brokers import COLUMNS, brokers


@pytest.fixture(scope="module")
def table(berlin):
    return brokers(berlin, top=None)


def rank(table, actor):
    return int(table.index[table["actor"] == actor][0]) + 1


@pytest.mark.parametrize("actor", ["fu_berlin", "berlin_partner", "goethe_institut", "skzl_protocol"])
def test_documented_brokers_are_in_the_top_ten(table, actor):
    assert rank(table, actor) <= 10


def test_ihk_berlin_is_near_the_top(table):
    # 24th of 226 on weighted paths (the business broker shares its ties with
    # berlin_partner, which ranks 3rd).
    assert rank(table, "ihk_berlin") <= 25


def test_the_tashkent_desk_officer_carries_the_tashkent_paths(berlin):
    # SOURCES.md: apart from the formal PARTNER_OF row, Tashkent hangs on p001.
    A = berlin.actor_graph()
    shares = group_pair_betweenness(A, "city", weight="distance")
    tashkent = {n: s.get(("berlin", "tashkent"), 0.0) for n, s in shares.items()}
    assert max(tashkent, key=tashkent.get) == "p001"
    assert tashkent["p001"] > 0.99


def test_columns_and_one_row_per_actor(table, berlin):
    assert list(table.columns) == COLUMNS
    assert len(table) == len(berlin.actor_graph())
    assert table["actor"].is_unique


def test_sorted_by_cross_group_betweenness(table):
    values = table["cross_group_betweenness"].tolist()
    assert values == sorted(values, reverse=True)


def test_small_network_is_exact_by_default(table):
    assert table.attrs["mode"] == "exact"
    assert table.attrs["sources"] == table.attrs["actors"]


def test_values_agree_with_networkx(table, berlin):
    A = berlin.actor_graph()
    # Exact rational distances: 1/3 + 1/6 is 1/2 for networkx too (in floats it is not).
    for u, v, d in A.edges(data=True):
        d["exact"] = Fraction(1) / Fraction(d["strength"])
    bc = nx.betweenness_centrality(A, weight="exact")
    con = nx.constraint(A, weight="strength")
    for row in table.head(15).itertuples():
        assert row.betweenness == pytest.approx(bc[row.actor], abs=1e-9)
        assert row.constraint == pytest.approx(con[row.actor], abs=1e-9)


def test_roles_add_up_to_open_pairs(table, berlin):
    A = berlin.actor_graph()
    triangles = nx.triangles(A)
    for row in table.head(10).itertuples():
        k = A.degree(row.actor)
        assert sum(getattr(row, r) for r in ROLES) == k * (k - 1) - 2 * triangles[row.actor]


def test_why_names_groups_and_a_share(table):
    fu = table[table["actor"] == "fu_berlin"].iloc[0]
    assert fu["why"].startswith("links ")
    assert "% of shortest paths between Berlin and " in fu["why"]


def test_dominant_role_is_one_the_actor_plays(table):
    for row in table.head(20).itertuples():
        if row.dominant_role:
            assert getattr(row, row.dominant_role) > 0


def test_top_limits_the_rows(berlin):
    assert len(brokers(berlin, top=5)) == 5


def test_forced_sampled_mode_samples(berlin):
    sampled = brokers(berlin, top=10, mode="sampled", seed=1)
    assert sampled.attrs["mode"] == "sampled"
    assert sampled.attrs["sources"] < sampled.attrs["actors"]


def test_sampled_with_every_source_reports_exact(berlin):
    full = brokers(berlin, top=5, mode="sampled", k=10_000)
    assert full.attrs["mode"] == "exact"


def test_auto_samples_a_large_network(monkeypatch):
    import actornet.queries.brokers as module
    monkeypatch.setattr(module, "EXACT_WORK", 1.0)
    table = brokers(generated_network(300, 900, seed=2), top=3)
    assert table.attrs["mode"] == "sampled"


def test_as_of_changes_the_network(berlin, table):
    early = brokers(berlin, top=None, as_of=1995)
    assert early.attrs["as_of"] == 1995
    fu_now = table.loc[table["actor"] == "fu_berlin", "betweenness"].iloc[0]
    fu_then = early.loc[early["actor"] == "fu_berlin", "betweenness"].iloc[0]
    assert fu_then != fu_now


@pytest.mark.parametrize("by,group", [("kind", "institution"), ("country", "Germany")])
def test_other_groupings(berlin, by, group):
    t = brokers(berlin, by=by, top=None)
    assert t.loc[t["actor"] == "fu_berlin", "group"].iloc[0] == group


def test_cities_belong_to_their_own_group(table):
    assert table.loc[table["actor"] == "jakarta", "group"].iloc[0] == "Jakarta"


def test_isolated_actor_has_nan_structural_holes():
    net = generated_network(400, 300, seed=5)  # sparse: some actors have no ties
    t = brokers(net, top=None)
    lonely = t[t["betweenness"] == 0]
    isolated = [a for a in lonely["actor"] if net.actor_graph().degree(a) == 0]
    assert isolated
    row = t[t["actor"] == isolated[0]].iloc[0]
    assert math.isnan(row["constraint"]) and math.isnan(row["hierarchy"])


def test_network_is_unchanged(berlin):
    before = NetworkSource().load()
    brokers(berlin, top=3, as_of=2000)
    assert berlin == before


@pytest.mark.parametrize("kwargs", [{"mode": "fast"}, {"by": "favourite_colour"}, {"top": -1},
                                    {"by": "themes"}, {"mode": "sampled", "k": 0}])
def test_bad_options_raise(berlin, kwargs):
    with pytest.raises(ActornetError):
        brokers(berlin, **kwargs)


def test_empty_network_gives_an_empty_table():
    table = brokers(ActorNetwork(nx.MultiDiGraph()))
    assert list(table.columns) == COLUMNS
    assert len(table) == 0


def test_no_cities_answers_with_betweenness_and_says_roles_need_groups():
    # A path a - b - c: b is on the one shortest path between others.
    G = nx.MultiDiGraph()
    for n in "abc":
        G.add_node(n, kind="ngo", name=n.upper())
    G.add_edge("a", "b", key="1", type="COOPERATES_WITH")
    G.add_edge("b", "c", key="2", type="COOPERATES_WITH")
    table = brokers(ActorNetwork(G))
    assert list(table["actor"]) == ["b", "a", "c"]
    assert table.loc[0, "betweenness"] == pytest.approx(1.0)
    assert table.loc[0, "constraint"] == pytest.approx(0.5)
    assert table["group"].isna().all() and (table["dominant_role"] == "").all()
    assert "group roles need groups" in table.attrs["note"]
    assert table.loc[0, "why"].startswith("betweenness 1.000")


def test_why_share_comes_from_every_source_when_it_fits(table):
    assert table.attrs["pair_sources"] == table.attrs["sources"]


def test_why_share_is_estimated_from_a_sample_when_paths_do_not_fit(berlin, table, monkeypatch):
    import actornet.queries.path_sums as module
    monkeypatch.setattr(module, "STORE_BYTES", 226 * 16 * 80)  # room for 80 sources
    small = brokers(berlin, top=None)
    assert small.attrs["mode"] == "exact"
    assert 40 <= small.attrs["pair_sources"] <= 80
    # the columns are still exact
    assert small["betweenness"].tolist() == pytest.approx(table["betweenness"].tolist())
    assert "% of shortest paths between" in small.loc[small["actor"] == "fu_berlin", "why"].iloc[0]


def test_why_quotes_shares_for_the_first_rows_only(berlin, monkeypatch):
    import actornet.queries.brokers as module
    monkeypatch.setattr(module, "WHY_ROWS", 3)
    t = brokers(berlin, top=6)
    quoted = ["% of shortest paths" in why for why in t["why"]]
    assert quoted[3:] == [False, False, False]
    assert any(quoted[:3])


# -- adaptive sampling ------------------------------------------------------------

def test_adaptive_sample_settles_on_a_heavy_tailed_network():
    from actornet.graph.generate import generated_network

    net = generated_network(1500, 7500, seed=0, hubs=3)
    exact = brokers(net, mode="exact", top=20)
    sampled = brokers(net, mode="sampled", top=20, seed=0)
    assert sampled.attrs["stopped"] == "stable"
    assert sampled.attrs["sources"] < sampled.attrs["actors"]
    assert sampled.attrs["confidence"] >= 0.9
    assert len(set(exact["actor"]) & set(sampled["actor"])) >= 18


def test_adaptive_sample_stops_at_its_budget_or_a_plateau_when_nothing_settles():
    from actornet.graph.generate import generated_network

    # a flat network: the top of the ranking is a crowd of near-equals
    net = generated_network(3000, 15000, seed=0)
    sampled = brokers(net, mode="sampled", top=20, seed=0)
    assert sampled.attrs["stopped"] in ("budget", "plateau")
    assert sampled.attrs["confidence"] < 0.9


def test_a_fixed_sample_size_is_not_adaptive():
    from actornet.graph.generate import generated_network

    sampled = brokers(generated_network(800, 3000, seed=2), mode="sampled", k=60, seed=0)
    assert sampled.attrs["stopped"] == "fixed"
    assert sampled.attrs["confidence"] is None


def test_hubs_zero_is_the_flat_generator():
    from actornet.graph.generate import generated_network

    assert generated_network(400, 1500, seed=3, hubs=0) == generated_network(400, 1500, seed=3)


# -- the sampled fast path against its references -------------------------------------

def _paths_of(net):
    from actornet.queries.groups import actor_groups
    from actornet.queries.path_sums import PathGraph

    P = net.projection()
    codes, labels, _ = actor_groups(net, P.nodes, "partner_city")
    return PathGraph.from_csr(P.path_csr("distance"), codes=codes, labels=labels, actors=P.n)


def test_sampled_sums_are_the_same_on_one_thread_and_two():
    numba = pytest.importorskip("numba")
    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("numba runs one thread here")
    net = generated_network(600, 2400, seed=3, hubs=2)
    paths = _paths_of(net)
    before = numba.get_num_threads()
    runs = []
    try:
        for threads in (1, 2):
            numba.set_num_threads(threads)
            adaptive = paths.run_adaptive(top=10, k_first=30, batch=12, k_max=90, seed=4)
            fixed = paths.run(k=50, seed=4)
            runs.append((adaptive.acc, adaptive.cross_acc, adaptive.k, adaptive.confidence,
                         fixed.acc, fixed.cross_acc))
    finally:
        numba.set_num_threads(before)
    one, two = runs
    for a, b in zip(one, two):
        assert (a == b).all() if hasattr(a, "shape") else a == b  # bit for bit


def test_adaptive_sample_sums_what_a_fixed_run_over_its_sources_sums():
    net = generated_network(500, 2000, seed=5, hubs=2)
    paths = _paths_of(net)
    adaptive = paths.run_adaptive(top=10, k_first=30, batch=12, k_max=60, seed=2, level=2.0)
    assert adaptive.stopped == "budget" and adaptive.k == 60
    # the same sources, through the plain kernel call
    chunks = 1
    slot = np.full(adaptive.k, -1, np.int64)
    from actornet.queries import path_kernels
    from actornet.queries.path_sums import EPS

    csr = paths.csr
    acc, cross = path_kernels.brandes(csr.indptr, csr.indices, csr.values, csr.weighted, EPS,
                                  paths.codes, len(paths.labels), adaptive.sources, chunks, slot,
                                  np.empty((0, csr.n)), np.empty((0, csr.n)), True, paths.actors,
                                  np.zeros((0, 0), np.float32), slot, True)
    assert np.allclose(adaptive.acc, 2 * acc, rtol=1e-12, atol=1e-12)
    assert np.allclose(adaptive.cross_acc, 2 * cross, rtol=1e-12, atol=1e-12)


def test_kept_paths_give_the_shares_a_second_round_of_shortest_paths_gives():
    net = generated_network(500, 2000, seed=6, hubs=2)
    paths = _paths_of(net)
    kept = paths.run_adaptive(top=10, k_first=30, batch=12, k_max=60, seed=1, level=2.0)
    again = paths.run_adaptive(top=10, k_first=30, batch=12, k_max=60, seed=1, level=2.0,
                               keep_paths=False)
    assert kept.kept is not None and again.kept is None
    assert (kept.sources == again.sources).all()
    rows = np.argsort(-kept.cross_raw()[:paths.actors])[:5]
    for (a, pa), (b, pb) in zip(kept.pair_breakdown(rows), again.pair_breakdown(rows)):
        assert np.array_equal(np.isnan(a), np.isnan(b))
        assert np.allclose(np.nan_to_num(a), np.nan_to_num(b), rtol=1e-9, atol=1e-12)
        assert (pa == pb).all()
    assert kept.pair_sources == again.pair_sources == 60


def test_confidence_is_the_share_of_the_top_a_resample_keeps():
    from actornet.queries.path_sums import PathSums, settled_share

    # three sources of one group; node 0 leads by far, nodes 1 and 2 trade places
    net = generated_network(60, 200, seed=1)
    paths = _paths_of(net)
    n = paths.csr.n
    per_source = np.zeros((3, n), np.float32)
    per_source[:, 0] = [9.0, 9.0, 9.0]
    per_source[:, 1] = [1.0, 0.0, 0.0]
    per_source[:, 2] = [0.0, 0.9, 0.0]
    drawn = np.flatnonzero(paths.codes[:paths.actors] == paths.codes[0])[:3]
    acc = np.zeros((n, len(paths.labels) + 1))
    cross = np.zeros_like(acc)
    g = paths.codes[drawn[0]]
    cross[:, g] = per_source.sum(axis=0)
    result = PathSums(paths, np.sort(drawn), True, acc, cross)
    assert settled_share(result, per_source, drawn, True, 1) == 1.0  # node 0 always first
    share = settled_share(result, per_source, drawn, True, 2)
    assert 0.5 < share < 1.0  # node 0 always kept, node 1 only when drawn


def test_elsewhere_is_never_called_a_city():
    # Issue 20: "links 2 partner cities (Berlin, elsewhere)" read as if elsewhere were a city.
    G = nx.MultiDiGraph()
    for n, kind, seat in [("home", "city", None), ("twin", "city", None), ("munich", "city", None),
                          ("rome", "city", None), ("uni", "institution", "home"),
                          ("lab", "institution", "twin"), ("fhg", "institution", "munich"),
                          ("cnr", "institution", "rome")]:
        G.add_node(n, kind=kind, name=n.title())
        if seat:
            G.add_edge(n, seat, key=f"{n} in {seat}", type="BASED_IN")
    G.add_edge("home", "twin", key="p", type="PARTNER_OF")
    for a, b in [("uni", "fhg"), ("fhg", "lab"), ("uni", "cnr"), ("cnr", "fhg"), ("uni", "lab")]:
        G.add_edge(a, b, key=f"{a}-{b}", type="COOPERATES_WITH")
    table = brokers(ActorNetwork(G), top=None).set_index("actor")
    for why in table["why"]:
        assert "elsewhere" not in why
    assert table.loc["fhg", "group"] == "elsewhere"  # the column keeps the group's key
    assert table.loc["fhg", "why"].startswith("links 2 partner cities (Home, Twin)")
    assert "links 1 other partner city (Twin) and actors in other cities" in table.loc["uni", "why"]
