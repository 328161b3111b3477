"""The recommender's past: memberships from the column tables vs a walk of the graph.

``Past(network)`` reads every membership of a network once, for the
recommender to learn from and score with. It reads them from the network's
column tables; ``Past(network, walk=True)`` walks the graph's ties (the
reference, and what views do). For each network: the CPU seconds of each
(median of ``--repeat``), their ratio, and whether every array is equal.
Networks: the folders given (e.g. H2020 with Berlin's partnerships, see
benchmarks/README.md) and a generated one per ``--sizes``. Measures;
asserts nothing.

    .venv/bin/python benchmarks/past_columns.py /tmp/h2020part [--sizes 24000:220000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from actornet.graph.generate import generated_network
from actornet.loaders import read_network
from actornet.queries.link_history import Past


def timed(network, walk, repeat):
    seconds, past = [], None
    for _ in range(repeat):
        start = time.process_time()
        past = Past(network, walk=walk)
        seconds.append(time.process_time() - start)
    return statistics.median(seconds), past


def same(a, b) -> bool:
    arrays = ("_member", "_group", "_since", "_coordinator", "group_year")
    return (a.actors == b.actors and a.kinds.tolist() == b.kinds.tolist()
            and all(np.array_equal(getattr(a, n), getattr(b, n)) for n in arrays)
            and (a._group_themes != b._group_themes).nnz == 0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--sizes", default="24000:220000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    networks = [(Path(f).name, lambda f=f: read_network(f)) for f in args.folders]
    networks += [(f"generated {a} / {t}", lambda a=int(a), t=int(t): generated_network(a, t, seed=0))
                 for a, t in (s.split(":") for s in filter(None, args.sizes.split(",")))]
    print("| network | memberships | walk CPU s | columns CPU s | walk / columns | equal |")
    print("|---|---:|---:|---:|---:|---|")
    for label, make in networks:
        network = make()
        network.column_tables()  # made when read; made here for a generated one
        walk, walked = timed(network, True, args.repeat)
        cols, ours = timed(network, False, args.repeat)
        print(f"| {label} | {len(ours._member):,} | {walk:.2f} | {cols:.2f} | "
              f"{walk / cols:.1f} | {'yes' if same(ours, walked) else 'NO'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
