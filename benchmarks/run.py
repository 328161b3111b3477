"""Reading and building speed, as ratios to a baseline measured in the same run.

The baseline is pandas.read_csv of the same files with every column as text
(parsing only, no validation). actornet's reader parses, validates every row
and builds the graph, so it does more; the ratio says how much that costs.
Nothing is asserted: the machines are shared and noisy.

    .venv/bin/python benchmarks/run.py [--sizes 1000:5000,10000:50000,100000:500000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actornet.graph.build import build_network  # noqa: E402
from actornet.graph.generate import generated_network  # noqa: E402
from actornet.loaders import read_tables, write_folder  # noqa: E402


def timed(func, *args, repeat=1):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(func, *args):
    tracemalloc.start()
    func(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def pandas_baseline(folder):
    return {f.stem: pd.read_csv(f, dtype=str, keep_default_na=False) for f in folder.glob("*.csv")}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:5000,10000:50000,100000:500000",
                        help="actors:ties pairs, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    header = f"{'actors':>8} {'ties':>8} {'rows':>8} {'step':<22} {'seconds':>8} {'rows/s':>10} {'x pandas':>9} {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    for actors, ties in sizes:
        net = generated_network(actors, ties, seed=1)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_folder(net, folder)
            rows = sum(sum(1 for _ in open(f, encoding="utf-8")) - 1 for f in folder.glob("*.csv"))
            repeat = args.repeat if rows < 200_000 else 1
            base, _ = timed(pandas_baseline, folder, repeat=repeat)
            parse, tables = timed(read_tables, folder, repeat=repeat)
            build, built = timed(build_network, tables, repeat=repeat)
            project, _ = timed(built.actor_graph, repeat=repeat)
            memory = peak_memory(lambda: build_network(read_tables(folder)))
            steps = [("pandas.read_csv (base)", base, None),
                     ("parse (read_tables)", parse, None),
                     ("validate + build", build, None),
                     ("read_network total", parse + build, memory),
                     ("actor_graph()", project, None)]
            for name, seconds, mem in steps:
                mib = f"{mem:9.1f}" if mem is not None else " " * 9
                print(f"{actors:>8} {ties:>8} {rows:>8} {name:<22} {seconds:8.3f} "
                      f"{rows / seconds:10.0f} {seconds / base:9.2f} {mib}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
