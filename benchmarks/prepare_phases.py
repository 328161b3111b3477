"""What `ActorNetwork.prepare()` costs, phase by phase: the graph walks
against the column tables (issue 23), in one run on the same graph.

Each folder is read once; two networks share its graph: one computes its
facts by walking the graph (as a view still does), the other from the
column tables (made first, timed apart). CPU seconds (process time, the
machine is shared), the ratio walk / columns, and whether the two agree.

    nice .venv/bin/python benchmarks/prepare_phases.py /tmp/gen100k /tmp/h2020net
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("ACTORNET_CACHE_DIR", tempfile.mkdtemp())

from actornet.graph.network import ActorNetwork  # noqa: E402
from actornet.loaders.read import read_network  # noqa: E402

PHASES = [("cities", lambda net: net._cities),
          ("projection", lambda net: net.projection()),
          ("partnerships", lambda net: (net._partner_pairs, net.home_inference)),
          ("years", lambda net: net.years()),
          ("counts", lambda net: net._counts)]


def _cpu(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _twin(network, *, walk: bool) -> ActorNetwork:
    net = ActorNetwork._adopt(network.graph, network.themes, report=network.report,
                              name=network.name)
    if walk:
        net._tables = None
    return net


def _agree(a, b) -> bool:
    P, Q = a.projection(), b.projection()
    return (a._cities == b._cities and a._counts == b._counts and a.years() == b.years()
            and a._partner_pairs == b._partner_pairs and P.nodes == Q.nodes
            and all(np.array_equal(P.__dict__[k], Q.__dict__[k])
                    for k in ("indptr", "indices", "strength", "flags", "member_actor")))


def measure(folder: Path) -> None:
    network = read_network(folder)
    walk, cols = _twin(network, walk=True), _twin(network, walk=False)
    tables = _cpu(cols._column_tables)
    rows = [(name, _cpu(lambda: phase(walk)), _cpu(lambda: phase(cols))) for name, phase in PHASES]
    print(f"\n{folder.name}: {len(network.graph):,} nodes, {network.graph.number_of_edges():,} ties"
          f"; load average {os.getloadavg()[0]:.2f}\n")
    print("| phase | graph walk (s) | columns (s) | walk / columns |")
    print("|---|---:|---:|---:|")
    for name, a, b in rows:
        print(f"| {name} | {a:.2f} | {b:.2f} | {a / max(b, 1e-3):.1f}x |")
    total_a, total_b = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"| **prepare** | **{total_a:.2f}** | **{total_b:.2f}** | "
          f"**{total_a / max(total_b, 1e-3):.1f}x** |")
    print(f"| making the tables (apart; the cache reuses them) | | {tables:.2f} | |")
    print(f"\nthe two agree: {'yes' if _agree(walk, cols) else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    for folder in parser.parse_args().folders:
        if not folder.is_dir():
            print(f"\n{folder}: absent, skipped")
            continue
        measure(folder)


if __name__ == "__main__":
    main()
