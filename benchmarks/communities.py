"""The community-finding step against networkit's PLM with refinement.

On the graph ``actornet communities`` partitions (``working_arrays``: the
actor links that are not only a formal partnership, weighted by tie
strength, plus one hub per large group; built once and not timed), runs in
one process:

- ``membership`` -- actornet's partition step (igraph's Leiden as
  ``communities`` runs it, the igraph graph built from the arrays included);
- networkit's ``PLM(refine=True)`` on one thread and on all of them (the
  networkit graph built from the same arrays included);
- optionally (``--networkx``) ``nx.community.louvain_communities``, the
  pure-Python reference;
- the whole ``communities`` table (partition, participation, every row).

Modularity is Newman's, of each partition on the same arrays, by the same
function. Times are CPU seconds of this process (all threads), and the ratio
is against PLM on one thread, so that a parallel run is not credited with
the cores the machine lends it. networkit is a benchmark tool here, never a
dependency: without it the PLM rows are left out. Nothing is asserted: the
machines are shared and noisy.

The generated networks are ``generated_network(actors, ties, hubs=..., seed=1)``
(as ``benchmarks/start.py`` generates them); ``--real`` adds an imported
folder (e.g. the CORDIS H2020 import).

    .venv/bin/python benchmarks/communities.py [--sizes 100000:1000000] [--hubs 3]
        [--real /tmp/h2020] [--networkx]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actornet.graph.generate import generated_network  # noqa: E402
from actornet.loaders.read import read_network  # noqa: E402
from actornet.queries.communities import communities, working_arrays  # noqa: E402
from actornet.queries import partition  # noqa: E402
from actornet.queries.partition import LEIDEN_ITERATIONS, membership, modularity  # noqa: E402

try:
    import networkit
except ImportError:  # a benchmark tool, not a dependency
    networkit = None


def cpu(func, *args, **kwargs):
    """(CPU seconds of this process, wall seconds, result)."""
    gc.collect()
    start, wall = time.process_time(), time.perf_counter()
    result = func(*args, **kwargs)
    return time.process_time() - start, time.perf_counter() - wall, result


def plm(n, src, dst, strength, threads, seed):
    networkit.setNumberOfThreads(threads)
    networkit.setSeed(seed, False)
    graph = networkit.GraphFromCoo((strength.astype(float), (src, dst)), n, weighted=True,
                                   directed=False)
    found = networkit.community.PLM(graph, refine=True)
    found.run()
    return np.asarray(found.getPartition().getVector(), np.int64)


def nx_louvain(n, src, dst, strength, seed):
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), strength.tolist()))
    label = np.empty(n, np.int64)
    for i, group in enumerate(nx.community.louvain_communities(graph, seed=seed)):
        label[list(group)] = i
    return label


def leiden(n, src, dst, strength, seed, iterations):
    """actornet's partition step with ``iterations`` Leiden passes."""
    kept = partition.LEIDEN_ITERATIONS
    partition.LEIDEN_ITERATIONS = iterations
    try:
        return membership(n, src, dst, strength, method="leiden", seed=seed, resolution=1.0)
    finally:
        partition.LEIDEN_ITERATIONS = kept


def rows_for(name, network, args):
    """Per command: modularity with the first seed, its range over the seeds,
    mean CPU and wall seconds."""
    n, src, dst, strength = working_arrays(network)
    seeds = range(args.seed, args.seed + args.seeds)
    rows = []

    def row(command, func, *extra):
        runs = []
        for seed in seeds:
            seconds, wall, label = cpu(func, n, src, dst, strength, *extra, seed)
            q = modularity(n, src, dst, strength, np.unique(label, return_inverse=True)[1])
            runs.append((q, seconds, wall))
        q, seconds, wall = (np.array(x) for x in zip(*runs))
        rows.append([name, command, q[0], q.min(), q.max(), seconds.mean(), wall.mean()])

    for iterations in args.iterations:
        shown = "" if iterations != LEIDEN_ITERATIONS else ", as communities runs it"
        row(f"actornet partition (Leiden, {iterations} iterations{shown})",
            lambda *a: leiden(*a[:4], a[5], a[4]), iterations)
    if networkit is not None:
        for threads in (1, os.cpu_count() or 1):
            row(f"networkit PLM(refine=True), {threads} thread{'s' if threads > 1 else ''}",
                plm, threads)
    if args.networkx:
        row("networkx louvain_communities", nx_louvain)
    seconds, wall, table = cpu(communities, network, seed=args.seed, top=0)
    q = table.attrs["modularity"]
    rows.append([name, "actornet communities() (whole table, first seed)", q, q, q, seconds,
                 wall])
    base = next((r[5] for r in rows if r[1].startswith("networkit") and "1 thread" in r[1]),
                None)
    for r in rows:
        r.append(r[5] / base if base else None)
    return f"{n} nodes, {src.shape[0]} edges", rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000:1000000",
                        help="actors:ties pairs, comma-separated ('' for none)")
    parser.add_argument("--hubs", type=int, default=3, help="hub organisations per city")
    parser.add_argument("--real", action="append", default=[],
                        help="an imported network folder (repeatable)")
    parser.add_argument("--seed", type=int, default=0, help="the first seed")
    parser.add_argument("--seeds", type=int, default=1,
                        help="run each partition with this many seeds (seed, seed + 1, ...)")
    parser.add_argument("--iterations", default=str(LEIDEN_ITERATIONS),
                        help="Leiden passes to try, comma-separated (default: what "
                             "communities runs)")
    parser.add_argument("--networkx", action="store_true",
                        help="add networkx's Louvain (slow: minutes at 1M ties)")
    args = parser.parse_args(argv)
    args.iterations = [int(x) for x in args.iterations.split(",")]
    networks = []
    for pair in filter(None, args.sizes.split(",")):
        actors, ties = (int(x) for x in pair.split(":"))
        networks.append((f"generated {actors}/{ties}, hubs={args.hubs}",
                         lambda a=actors, t=ties: generated_network(a, t, hubs=args.hubs,
                                                                    seed=1)))
    for folder in args.real:
        networks.append((Path(folder).name, lambda f=folder: read_network(f)))
    if networkit is None:
        print("networkit is not installed: no PLM rows, no ratios")
    print(f"seeds {args.seed}..{args.seed + args.seeds - 1}; CPU and wall seconds are means "
          "over the seeds\n")
    print("| network | graph | command | modularity | over the seeds | CPU s | wall s "
          "| CPU x PLM (1 thread) |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, make in networks:
        network = make()
        graph, rows = rows_for(name, network, args)
        for _, command, q, low, high, seconds, wall, ratio in rows:
            shown = f"{ratio:.2f}x" if ratio is not None else "—"
            spread = f"{low:.4f}-{high:.4f}" if args.seeds > 1 else "—"
            print(f"| {name} | {graph} | {command} | {q:.4f} | {spread} | {seconds:.2f} "
                  f"| {wall:.2f} | {shown} |", flush=True)
        del network
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"\npeak RSS {peak:.2f} GiB; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
