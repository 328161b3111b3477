"""Fragility and introduction-path speed, as ratios to a naive approach measured in the same run.

Fragility: the per-partnership route counts of ``actornet.queries.fragility`` (one
indexed graph, augmenting paths searched from the partner side) against
networkx's ``maximum_flow_value`` on a node-split DiGraph built per
partnership (the textbook construction). The naive approach runs on
``--naive`` partnerships only and its total is extrapolated to all of them.
Paths: ``introduction_path`` with k=1 and k=3 for random pairs.
Nothing is asserted: the machines are shared and noisy.

    .venv/bin/python benchmarks/paths.py [--sizes 1000:5000,10000:100000] [--naive 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actornet.graph.generate import generated_network  # noqa: E402
from actornet.queries.cuts import RouteGraph  # noqa: E402
from actornet.queries.fragility import NOT_ROUTES, fragility  # noqa: E402
from actornet.queries.paths import introduction_path  # noqa: E402


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def naive_routes(A, home_side, partner_side):
    """The textbook construction: split every node, run networkx's max flow."""
    D = nx.DiGraph()
    for v in A:
        D.add_edge((v, 0), (v, 1), capacity=1)
    for u, v, d in A.edges(data=True):
        if set(d["types"]) - NOT_ROUTES:
            D.add_edge((u, 1), (v, 0))
            D.add_edge((v, 1), (u, 0))
    for s in partner_side:
        D.add_edge("S", (s, 0))
    for t in home_side:
        D.add_edge((t, 1), "T")
    return nx.maximum_flow_value(D, "S", "T")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:5000,10000:100000",
                        help="actors:ties pairs, comma-separated")
    parser.add_argument("--naive", type=int, default=3,
                        help="partnerships to run the naive max flow on (then extrapolated)")
    parser.add_argument("--pairs", type=int, default=20, help="random pairs for the path timing")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    header = (f"{'actors':>7} {'ties':>7} {'step':<40} {'seconds':>9} {'per item':>9} "
              f"{'x naive':>8}")
    print(header)
    print("-" * len(header))
    for actors, ties in sizes:
        net = generated_network(actors, ties, seed=0)
        cities = len(net.partnerships())
        graph_s, A = timed(net.actor_graph)
        table_s, table = timed(fragility, net)
        home = net.home_city
        home_side = [n for n in A if net.city_of(n) == home]
        # The route counting alone (what fragility() does after the projection),
        # timed on the same projection the naive approach gets.
        start = time.perf_counter()
        routes = RouteGraph(A, edge_ok=lambda d: any(t not in NOT_ROUTES for t in d["types"]))
        home_index = [routes.index[n] for n in home_side]
        for p in net.partnerships():
            routes.routes([routes.index[n] for n in A if net.city_of(n) == p["city"]], home_index)
        flows_s = time.perf_counter() - start
        chosen = net.partnerships()[:args.naive]
        naive_s = 0.0
        for p in chosen:
            partner_side = [n for n in A if net.city_of(n) == p["city"]]
            seconds, value = timed(naive_routes, A, home_side, partner_side)
            naive_s += seconds
            mine = int(table.loc[table["city"] == p["city"], "routes"].iloc[0])
            if value != mine:
                print(f"MISMATCH for {p['city']}: naive {value}, fragility {mine}")
        naive_all = naive_s / max(len(chosen), 1) * cities
        rows = [
            ("actor_graph()", graph_s, None, None),
            (f"fragility() total, {cities} partnerships", table_s, table_s / cities, None),
            ("route counting alone (as in fragility)", flows_s, flows_s / cities, flows_s / naive_all),
            (f"naive max flow (x{cities} from {len(chosen)})", naive_all, naive_all / cities, 1.0),
        ]
        rng = random.Random(0)
        people = net.actors()
        pairs = [tuple(rng.sample(people, 2)) for _ in range(args.pairs)]
        for k in (1, 3):
            start = time.perf_counter()
            for s, t in pairs:
                try:
                    introduction_path(net, s, t, k=k)
                except LookupError:
                    pass
            seconds = time.perf_counter() - start
            rows.append((f"introduction_path k={k} ({len(pairs)} pairs)", seconds,
                         seconds / len(pairs), None))
        for name, seconds, per, ratio in rows:
            per_s = f"{per:9.3f}" if per is not None else " " * 9
            ratio_s = f"{ratio:8.3f}" if ratio is not None else " " * 8
            print(f"{actors:>7} {ties:>7} {name:<40} {seconds:9.3f} {per_s} {ratio_s}")


if __name__ == "__main__":
    main()
