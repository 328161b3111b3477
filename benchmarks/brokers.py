"""Broker measures: time, peak memory and the ratio to networkx, in one run.

On generated networks (actornet.graph.generate.generated_network) of the sizes given,
each measure runs once with actornet's kernels and once with networkx where
that is feasible; exact networkx betweenness on the larger sizes is estimated
from a k-source sample (time x n / k) and marked "est.". Sampled betweenness
also prints the overlap of its top 20 with the exact top 20 (or, where exact
is out of reach, with a large-sample reference, marked so). Peak memory is
the rise of the process's resident set during the call, sampled every 2 ms
(so it covers numba's and numpy's allocations too). Nothing is asserted: the
machines are shared and noisy; run the big size once.

    .venv/bin/python benchmarks/brokers.py [--sizes 1000:5000,10000:100000,100000:1000000]
        [--reference-k 4000] [--hubs 3]
"""

from __future__ import annotations

import argparse
import gc
import sys
import threading
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actornet.graph.generate import generated_network  # noqa: E402
from actornet.queries.brokers import brokers  # noqa: E402
from actornet.queries.compiled import threads  # noqa: E402
from actornet.queries.graph_arrays import actor_csr  # noqa: E402
from actornet.queries.groups import actor_groups  # noqa: E402
from actornet.queries.path_sums import PathGraph  # noqa: E402
from actornet.queries.structural_holes import holes_arrays  # noqa: E402

PAGE = 4096


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def measure(func, *args, **kwargs):
    """(seconds, peak MiB above the start, result) of one call."""
    gc.collect()
    start_rss = rss()
    peak = [start_rss]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss())
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    result = func(*args, **kwargs)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    peak[0] = max(peak[0], rss())
    return seconds, (peak[0] - start_rss) / 2**20, result


def top(values, nodes, k=20):
    order = np.argsort(-np.asarray(values), kind="stable")[:k]
    return {nodes[i] for i in order}


def overlap(a, b):
    return len(a & b) / max(1, len(b))


class Table:
    def __init__(self):
        self.rows = []

    def add(self, size, measure, ours=None, ours_mib=None, nx_s=None, nx_mib=None, note=""):
        self.rows.append((size, measure, ours, ours_mib, nx_s, nx_mib, note))

    def print(self):
        print("| size (actors/ties) | measure | actornet s | actornet MiB | networkx s | "
              "networkx MiB | x networkx | note |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for size, measure, ours, mib, nx_s, nx_mib, note in self.rows:
            ratio = f"{nx_s / ours:.0f}x" if ours and nx_s else ""
            print(f"| {size} | {measure} | {_f(ours)} | {_f(mib)} | {_f(nx_s)} | {_f(nx_mib)} | "
                  f"{ratio} | {note} |")


def _f(x):
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def run_size(actors, ties, table, args):
    size = f"{actors}/{ties}"
    net = generated_network(actors, ties, seed=1, hubs=args.hubs)
    brokers(generated_network(300, 900, seed=1), top=3)  # load the compiled kernels
    t_nx_graph, mib_nx_graph, A = measure(net.actor_graph)
    t_csr, mib_csr, (lengths, strengths) = measure(actor_csr, net)
    n = lengths.n
    table.add(size, "actor graph: arrays vs nx.Graph", t_csr, mib_csr, t_nx_graph, mib_nx_graph,
              f"{n} actors, {lengths.indices.shape[0] // 2} links")
    codes, labels, _ = actor_groups(net, lengths.nodes, "partner_city")
    paths = PathGraph.from_csr(lengths, codes=codes, labels=labels)
    small = n <= 2000
    exact_ok = n * lengths.indices.shape[0] <= args.exact_work

    # -- exact betweenness (with cross-group: one pass) --------------------------
    exact = None
    if exact_ok:
        t_ours, mib_ours, exact = measure(paths.run)
        note = "measured"
    else:
        k = 40
        t_k, mib_ours, _ = measure(paths.run, k=k, seed=3)
        t_ours = t_k * n / k
        note = f"actornet est. from k={k}"
    if small:
        t_nx, mib_nx, ref = measure(nx.betweenness_centrality, A, weight="distance")
        nx_note = "networkx measured"
    else:
        k_nx = 20 if n > 50_000 else 50
        t_k, mib_nx, _ = measure(nx.betweenness_centrality, A, k=k_nx, seed=3, weight="distance")
        t_nx = t_k * n / k_nx
        nx_note = f"networkx est. from k={k_nx}"
    table.add(size, "betweenness, exact (+ cross-group)", t_ours, mib_ours, t_nx, mib_nx,
              f"{note}; {nx_note}")

    # -- sampled betweenness -------------------------------------------------------
    k = 100
    t_s, mib_s, sampled = measure(paths.run, k=k, seed=5)
    if n <= 50_000:
        t_nx_s, mib_nx_s, _ = measure(nx.betweenness_centrality, A, k=k, seed=5, weight="distance")
    else:  # the k-source networkx run above, scaled to k sources
        t_nx_s, mib_nx_s = t_nx * k / n, mib_nx
        nx_note += f" (k={k}: est. from it)"
    if exact is not None:
        reference, what = exact, "exact"
    else:
        _, _, reference = measure(paths.run, k=args.reference_k, seed=11)
        what = f"a k={reference.k} sample (exact out of reach)"
    nodes = lengths.nodes
    ov_b = overlap(top(sampled.betweenness(), nodes), top(reference.betweenness(), nodes))
    ov_c = overlap(top(sampled.cross(), nodes), top(reference.cross(), nodes))
    in_40 = overlap(top(sampled.betweenness(), nodes) & top(reference.betweenness(), nodes, 40),
                    top(sampled.betweenness(), nodes))
    table.add(size, f"betweenness, sampled k={sampled.k}", t_s, mib_s, t_nx_s, mib_nx_s,
              f"top-20 overlap with {what}: {ov_b:.2f} (cross-group {ov_c:.2f}); "
              f"{in_40:.2f} of its top 20 in the reference top 40")

    # -- structural holes ------------------------------------------------------------
    t_h, mib_h, _ = measure(holes_arrays, strengths, codes, len(labels))
    t_c, mib_c, _ = measure(nx.constraint, A, weight="strength")
    table.add(size, "constraint (with eff. size, hierarchy, roles)", t_h, mib_h, t_c, mib_c,
              "one triangle pass for all four measures and the five roles")
    if n <= args.nx_effective_size_max:
        t_e, mib_e, _ = measure(nx.effective_size, A, weight="strength")
        table.add(size, "effective size", t_h, mib_h, t_e, mib_e,
                  "same actornet pass; networkx's all-nodes path builds an n x n matrix")
    else:
        table.add(size, "effective size", t_h, mib_h, None, None,
                  f"networkx skipped: its n x n matrix needs {8 * n * n / 2**30:.0f} GiB")

    # -- the broker table ---------------------------------------------------------------
    if exact_ok:
        t_te, mib_te, exact_table = measure(brokers, net, mode="exact", top=40)
        nx_table = t_nx_graph + t_nx + t_c
        table.add(size, "broker table, exact", t_te, mib_te, nx_table, None,
                  "networkx: actor_graph + betweenness + constraint only (no cross-group, "
                  "holes or roles)")
    t_ts, mib_ts, sampled_table = measure(brokers, net, mode="sampled")
    note = (f"k={sampled_table.attrs['sources']} (confidence "
            f"{sampled_table.attrs['confidence']:.2f}, stopped: {sampled_table.attrs['stopped']}), "
            "including arrays from the network")
    picked = set(sampled_table["actor"])
    if exact_ok:
        ov = overlap(picked, set(exact_table["actor"].head(20)))
        in_40 = overlap(picked & set(exact_table["actor"]), picked)
        note += f"; top-20 overlap with the exact table {ov:.2f} ({in_40:.2f} in its top 40)"
    else:
        ov = overlap(picked, top(reference.cross(), nodes))
        in_40 = overlap(picked & top(reference.cross(), nodes, 40), picked)
        note += f"; top-20 overlap with {what}: {ov:.2f} ({in_40:.2f} in its top 40)"
    table.add(size, "broker table, sampled (auto k)", t_ts, mib_ts, None, None, note)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:5000,10000:100000,100000:1000000",
                        help="actors:ties pairs, comma-separated")
    parser.add_argument("--reference-k", type=int, default=4000,
                        help="sources of the reference where exact is out of reach")
    parser.add_argument("--exact-work", type=float, default=5e9,
                        help="run exact betweenness while actors x 2 links stays below this")
    parser.add_argument("--hubs", type=int, default=0,
                        help="hub organisations per city (heavy-tailed, as real networks; "
                             "0: the flat generator)")
    parser.add_argument("--nx-effective-size-max", type=int, default=20_000,
                        help="largest size for networkx's effective_size (n x n memory)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    print(f"# broker measures; {threads()} threads; weighted paths (distance = 1/strength); "
          f"hubs={args.hubs}")
    table = Table()
    for actors, ties in sizes:
        run_size(actors, ties, table, args)
        print(f"# done {actors}/{ties}", file=sys.stderr, flush=True)
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
