"""The cache's column tables (issue 23): the package's against the reference, in one run.

For each folder: read and prepare the network once, then make the graph's
tables (``graph_tables``) and each projection's arrays (``_projection_arrays``)
with tests/reference_columns.py (the code before issue 23, one row and one
value at a time) and with the package, alternately, ``--repeat`` times each;
check that the arrays are the same (names, dtypes, shapes, bytes) and print
the best CPU seconds of each and the ratio, with the load average before
and after. Nothing is asserted: the machine is shared and noisy.

With ``--phases``, first the phases of a first ``info`` on each folder
(read_network, prepare, cache.put) and cache.put again, into a second cache,
with the reference's tables swapped in.

    nice .venv/bin/python benchmarks/tables.py FOLDER [FOLDER ...] [--repeat 2] [--phases]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("ACTORNET_CACHE_DIR", tempfile.mkdtemp())
import actornet  # noqa: E402,F401 -- the package first: tests/actornet would pass for it
sys.path.append(str(ROOT / "tests"))

import reference_columns as reference  # noqa: E402
from actornet.graph import columns, stored  # noqa: E402
from actornet.loaders.cache import NetworkCache  # noqa: E402
from actornet.loaders.read import read_inputs, read_network  # noqa: E402
from actornet.source import program_identity  # noqa: E402


def cpu(make) -> float:
    start = time.process_time()
    make()
    return time.process_time() - start


def same_arrays(made: dict, expected: dict) -> bool:
    return list(made) == list(expected) and all(
        made[k].dtype == expected[k].dtype and made[k].shape == expected[k].shape
        and made[k].tobytes() == expected[k].tobytes() for k in expected)


def measure(folder: Path, repeat: int) -> list:
    network = read_network(folder).prepare()
    G = network.graph
    index = {n: i for i, n in enumerate(G._node)}
    projections = list(network.__dict__["_projections"].values())

    def tables(module):
        arrays = {}
        module.graph_tables(G, arrays, leave_out=("name",))
        return arrays

    def projection_arrays(make):
        arrays = {}
        for at, P in enumerate(projections):
            make(P, index, arrays, f"projection.{at}")
        return arrays

    same = (same_arrays(tables(columns), tables(reference)),
            same_arrays(projection_arrays(stored._projection_arrays),
                        projection_arrays(reference.projection_arrays)))
    times = {"graph_tables": ([], []), "_projection_arrays": ([], [])}
    for _ in range(repeat):
        times["graph_tables"][0].append(cpu(lambda: tables(reference)))
        times["graph_tables"][1].append(cpu(lambda: tables(columns)))
        times["_projection_arrays"][0].append(
            cpu(lambda: projection_arrays(reference.projection_arrays)))
        times["_projection_arrays"][1].append(
            cpu(lambda: projection_arrays(stored._projection_arrays)))
    rows = []
    for (name, (before, after)), equal in zip(times.items(), same):
        rows.append((f"{folder.name} ({G.number_of_nodes()} nodes, {G.number_of_edges()} ties)",
                     name, min(before), min(after), equal))
    return rows


def phases(folder: Path) -> list:
    """CPU seconds of a first ``info``'s phases (as /tmp/phase.py times them),
    then of putting the same network into a second cache with the reference's
    tables swapped in."""
    inputs = read_inputs(folder)
    network = None

    def read():
        nonlocal network
        network = read_network(folder, inputs=inputs)

    found = [cpu(read), cpu(lambda: network.prepare())]
    key = NetworkCache(program=program_identity()).key(inputs, encoding=None)
    for swapped in (False, True):
        cache = NetworkCache(Path(tempfile.mkdtemp()), program=program_identity())
        saved = stored.graph_tables, stored._projection_arrays
        if swapped:
            stored.graph_tables, stored._projection_arrays = (reference.graph_tables,
                                                              reference.projection_arrays)
        try:
            found.append(cpu(lambda: cache.put(key, network)))
        finally:
            stored.graph_tables, stored._projection_arrays = saved
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--phases", action="store_true",
                        help="also a first info's phases and cache.put with the reference")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    if args.phases:
        print("| folder | read_network | prepare | cache.put | cache.put, reference tables "
              "| ratio |")
        print("|---|---|---|---|---|---|")
        for folder in args.folders:
            read, prepare, put, before = phases(folder)
            print(f"| {folder.name} | {read:.2f} | {prepare:.2f} | {put:.2f} | {before:.2f} | "
                  f"{before / put:.1f}x |", flush=True)
    print("| network | step | reference CPU s | package CPU s | ratio | same arrays |")
    print("|---|---|---|---|---|---|")
    for folder in args.folders:
        for network, step, before, after, equal in measure(folder, args.repeat):
            print(f"| {network} | `{step}` | {before:.2f} | {after:.2f} | "
                  f"{before / after:.1f}x | {'yes' if equal else 'NO'} |", flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
