"""The community-finding step alone: igraph's Leiden and Louvain against networkx.

On the working graph of ``actornet.graph.generate.generated_network(actors, ties,
seed=0)`` (the actor graph without formal partnerships, weighted by tie
strength, built once and not timed), times ``find_communities`` with each
method against ``nx.community.louvain_communities`` on the same graph, same
weights and seed, with the modularity each partition reaches. ``gaps.py``
times the whole ``communities`` table (actor graph, participation, rows
included). Nothing is asserted: the machines are shared and noisy.

    .venv/bin/python benchmarks/communities.py [--sizes 1000:5000,10000:100000,100000:1000000]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actornet.graph.generate import generated_network  # noqa: E402
from actornet.queries.communities import find_communities  # noqa: E402
from actornet.queries.fragility import NOT_ROUTES  # noqa: E402


def timed(func, *args, **kwargs):
    gc.collect()
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:5000,10000:100000",
                        help="actors:ties pairs, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    print("| actors | ties | edges | method | seconds | networkx s | ratio | modularity "
          "| networkx modularity |")
    print("|" + "|".join(" --- " for _ in range(9)) + "|")
    for actors, ties in sizes:
        A = generated_network(actors, ties, seed=0).actor_graph()
        W = nx.Graph()
        W.add_nodes_from(A)
        W.add_edges_from((u, v, {"strength": d["strength"]}) for u, v, d in A.edges(data=True)
                         if u != v and any(t not in NOT_ROUTES for t in d["types"]))
        del A
        base, found = timed(nx.community.louvain_communities, W, weight="strength",
                            seed=args.seed)
        q_nx = nx.community.modularity(W, found, weight="strength")
        for method in ("leiden", "louvain"):
            seconds, found = timed(find_communities, W, "strength", method=method,
                                   seed=args.seed)
            q = nx.community.modularity(W, found, weight="strength")
            print(f"| {actors} | {ties} | {W.number_of_edges()} | {method} | {seconds:.2f} "
                  f"| {base:.2f} | {base / seconds:.0f}x | {q:.4f} | {q_nx:.4f} |", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"\npeak RSS {peak:.2f} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
