"""Loading into a Bolt server: actornet's batched loader against the server's
ceiling and against one row per transaction, measured in the same run.

One ArcadeDB server (the test server, see tests/boltserver.py) runs per
network size, warmed up with an untimed load; each configuration writes into
a database of its own, created empty for it.

- ceiling: the same rows as ``UNWIND $rows … CREATE`` into an empty database
  (no existence check, nothing verified), at each batch size; the best is the
  server's ceiling. "with unique tie ids" is the same stream into a database
  that has the loader's uniqueness constraints on tie ids (the index the
  loader needs to be idempotent costs the server time too).
- loader: ``actornet.loaders.store.write_network`` end to end (preparing rows, MERGE
  batches, reading back the counts and checking for duplicates), then the same
  load again with nothing changed (every batch's digest is known: nothing sent),
  then ``replace=True`` with the same data (every batch written with exactly
  its properties, then one pass to find what the dataset no longer has).
- row by row: the loader's statements (ties merged), one row per
  transaction, for at most
  ``--row-seconds`` seconds; rows/s is from the rows done in that time.

Nothing is asserted: the machines are shared and noisy.

    .venv/bin/python benchmarks/load.py [--sizes 10000:50000,100000:500000]
        [--batch-sizes 500,2000,5000,10000] [--row-seconds 60] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import neo4j  # noqa: E402

from boltserver import BoltServer  # noqa: E402
from actornet.graph.generate import generated_network  # noqa: E402
from actornet.graph.schema import TieType  # noqa: E402
from actornet.loaders import cypher  # noqa: E402
from actornet.loaders import store_batches  # noqa: E402
from actornet.loaders.store import write_network  # noqa: E402
from actornet.loaders.store_rows import Batch, chunks, node_rows, tie_rows  # noqa: E402


class Server:
    """One warmed-up server; ``database()`` gives a new empty database each time."""

    def __enter__(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.server = BoltServer(Path(self.tmp.name)).start()
        self.driver = neo4j.GraphDatabase.driver(self.server.uri, auth=self.server.auth)
        self.count = 0
        warm_up = generated_network(2000, 10000, seed=2)
        write_network(self.driver, warm_up, database=self.database(), batch_size=1000)
        return self

    def database(self) -> str:
        self.count += 1
        return self.server.create_database(f"bench{self.count}")

    def __exit__(self, *exc):
        self.driver.close()
        self.server.stop()
        self.tmp.cleanup()


def _run(tx, query, rows, dataset):
    tx.run(query, rows=rows, dataset=dataset).consume()


def ceiling_plan(network, dataset):
    nodes, ties = node_rows(network), tie_rows(network)
    steps = [(cypher.render(cypher.CREATE_NODES_UNCHECKED, label=k), rows) for k, rows in nodes.items()]
    steps += [(cypher.render(cypher.CREATE_TIES_UNCHECKED, tie_type=t), rows) for t, rows in ties.items()]
    return steps


def ceiling(server, network, batch_size, *, tie_constraints=False):
    steps = ceiling_plan(network, "bench")
    with server.driver.session(database=server.database()) as session:
        session.execute_write(_run, cypher.CREATE_ACTOR_ID_CONSTRAINT, [], "bench")
        if tie_constraints:  # the unique tie ids the loader relies on
            for tie_type in TieType:
                session.execute_write(_run, cypher.render(cypher.CREATE_TIE_ID_CONSTRAINT,
                                                          tie_type=tie_type), [], "bench")
        started = time.perf_counter()
        for query, rows in steps:
            for batch in chunks(rows, batch_size):
                session.execute_write(_run, query, batch, "bench")
        return time.perf_counter() - started


def loader(server, network, batch_size):
    """A first load into an empty database, then the same load again (nothing
    changed), then ``--replace`` with the same data; the three times."""
    database = server.database()
    times = []
    for replace in (False, False, True):
        started = time.perf_counter()
        write_network(server.driver, network, database=database, batch_size=batch_size,
                      replace=replace)
        times.append(time.perf_counter() - started)
    return times


def row_by_row(server, network, seconds):
    """The loader's own statements, one row per transaction (a repeated load's)."""
    nodes, ties = node_rows(network), tie_rows(network)
    steps = [(store_batches.write_node_batch, Batch([row], "", kind=k), {})
             for k, rows in nodes.items() for row, _ in rows]
    steps += [(store_batches.write_tie_batch, Batch([row], "", tie_type=t),
               {"constrained": True}) for t, rows in ties.items() for row, _ in rows]
    done = 0
    with server.driver.session(database=server.database()) as session:
        session.execute_write(_run, cypher.CREATE_ACTOR_ID_CONSTRAINT, [], "bench")
        started = time.perf_counter()
        for work, batch, options in steps:
            work(session, batch, "bench", repeat=True, replace=False, **options)
            done += 1
            if time.perf_counter() - started > seconds:
                break
        return done, time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000:50000,100000:500000",
                        help="actors:ties pairs, comma-separated")
    parser.add_argument("--batch-sizes", default="500,2000,5000,10000")
    parser.add_argument("--row-seconds", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per configuration; the fastest counts (noise only slows)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    print("| actors / ties | rows | method | batch | seconds | rows/s | × ceiling | × row by row |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for actors, ties in sizes:
        print(f"<!-- {actors:,} / {ties:,}: uptime {os.getloadavg()} -->", flush=True)
        network = generated_network(actors, ties, seed=1)
        rows = network.graph.number_of_nodes() + network.graph.number_of_edges()
        results = []
        with Server() as server:
            # interleaved, so drift in the machine's load hits both alike
            for b in batch_sizes:
                best = {"ceiling": [], "constrained": [], "loader": [], "again": [],
                        "replace": []}
                for _ in range(args.repeat):
                    best["ceiling"].append(ceiling(server, network, b))
                    best["constrained"].append(ceiling(server, network, b, tie_constraints=True))
                    first, again, replace = loader(server, network, b)
                    best["loader"].append(first)
                    best["again"].append(again)
                    best["replace"].append(replace)
                results.append(("ceiling: UNWIND … CREATE", b, min(best["ceiling"]), rows))
                results.append(("same, with unique tie ids", b, min(best["constrained"]), rows))
                results.append(("actornet write_network", b, min(best["loader"]), rows))
                results.append(("the same load again (nothing changed)", b, min(best["again"]),
                                rows))
                results.append(("--replace with the same data", b, min(best["replace"]), rows))
            done, seconds = row_by_row(server, network, args.row_seconds)
        results.append((f"one row per transaction ({done:,} rows)", 1, seconds, done))
        best_ceiling = max(r / s for m, _, s, r in results if m.startswith("ceiling"))
        naive = done / seconds
        for method, batch, seconds, n in results:
            rate = n / seconds
            print(f"| {actors:,} / {ties:,} | {rows:,} | {method} | {batch:,} | {seconds:.1f} | "
                  f"{rate:,.0f} | {rate / best_ceiling:.2f} | {rate / naive:.1f} |", flush=True)


if __name__ == "__main__":
    main()
