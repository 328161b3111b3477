"""The commands on a Neo4j store against the same commands on warm files.

For each network (the real CORDIS H2020 folder, when ``../shared/real`` is
there, and a generated one, default 24k actors / 220k ties): load it into the
ArcadeDB test server (tests/boltserver.py, a database of its own), load it
again unchanged, then time each command as its own process, on the files
with a warm cache (an ``actornet info`` first) and on the store (DATA not
given, ``NEO4J_URI`` set):

- read-back: ``info --no-cache`` on the store against ``info --no-cache`` on
  the files (reading and validating each uncached);
- ``info``, ``gaps``, ``recommend`` (a theme and a partner city of the
  network) and ``path`` (two actors of the home and the partner city) on the
  warm files, on the store cold (``--no-cache``: read back, validated and
  prepared in that command) and on the store warm (after a first store
  command: two cheap reads, the datasets' load ids and the actor and tie
  counts, show that the store holds what it held, and the network read then
  is used from the cache).

Prints a markdown table with the ratios and ``uptime`` before and after.
Nothing is asserted: the machine is shared and noisy.

With ``--split``, after loading each network, a cold read-back is split into
its stages, in this process (wall seconds, this process's CPU seconds and
the server process's CPU seconds, from ``/proc``, for each): the server's
match alone (``count(*)`` over the same patterns), the bare queries (the
same Cypher with the driver, records consumed and nothing else, at several
fetch sizes), then the reader's own stages: streaming and per-row
conversion (``read_parts``), the tables as text columns (``store_tables``),
validation and build (``build_network``), the actor
projection (``prepare``) and the cache put; and the files read uncached in
this process for scale.

With ``--replace-ties 50000,100000,200000``, only this: for generated
networks of about that many ties, a first ``actornet load`` and then ``actornet
load --replace`` of the same data, each its own process, with the time per
tie (which should stay flat as the ties grow: ``--replace`` linear).

    nice .venv/bin/python benchmarks/store.py [--h2020 DIR] [--generated 24000:220000]
        [--skip-h2020] [--work DIR] [--split] [--split-only] [--replace-ties N,N,...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from boltserver import BoltServer  # noqa: E402


def run(args, env=None) -> float:
    """Seconds one ``actornet`` command takes as its own process (it must succeed)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "actornet", *args], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"actornet {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return seconds


def uptime() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def questions(folder):
    """A theme, a partner city and two actors to ask about, from the network."""
    from actornet.loaders import read_network

    network = read_network(folder)
    theme = next(iter(network.themes)).id
    partner = network.partnerships()[0]["city"]
    seats = network.cities()
    home = network.home_city
    mine = [a for a in network.actors() if seats.get(a) == home and a != home]
    theirs = [a for a in network.actors() if seats.get(a) == partner and a != partner]
    return theme, partner, mine[0], theirs[0]


def h2020_folder(work, given):
    if given:
        return Path(given)
    from h2020 import add_partnerships, find_real

    real = find_real(None)
    if real is None:
        return None
    folder = work / "h2020"
    if not folder.exists():
        run(["import", "cordis", str(real / "h2020.csv.gz"), "--organisations",
             str(real / "organisations_2017.csv"), "--themes", str(real / "programme_parts.csv.gz"),
             "--home", "berlin_de", "-o", str(folder)])
        add_partnerships(folder)
    return folder


def generated_folder(work, actors, ties):
    from actornet.graph.generate import generated_network
    from actornet.loaders import write_folder

    folder = work / f"generated_{actors}_{ties}"
    if not folder.exists():
        network = generated_network(actors, ties, hubs=3, seed=1)
        write_folder(network, folder)
        (folder / "network.toml").write_text(f'home = "{network.home_city}"\n', encoding="utf-8")
    return folder


def store_env(folder, server, database):
    return dict(os.environ, NEO4J_URI=server.uri, NEO4J_USERNAME=server.auth[0],
                NEO4J_PASSWORD=server.password, NEO4J_DATABASE=database,
                ACTORNET_CACHE_DIR=str(folder.parent / "cache"))


def load_only(folder, server, database):
    run(["load", str(folder)], store_env(folder, server, database))


def measure(name, folder, server, database, rows):
    env = store_env(folder, server, database)
    plain = {k: v for k, v in env.items() if not k.startswith("NEO4J_")}
    theme, partner, a, b = questions(folder)
    first = run(["load", str(folder)], env)
    again = run(["load", str(folder)], env)
    rows.append((name, "load (first / again, unchanged)", first, again, None))
    rows.append((name, "read-back: info (files and store: --no-cache)",
                 run(["info", "--no-cache", str(folder)], plain),
                 run(["info", "--no-cache"], env), None))
    run(["info", str(folder)], plain)  # the files' cache, warm
    run(["info"], env)  # the store's entry, warm: the next store commands check it
    commands = [("info", ["info"]),
                ("gaps", ["gaps", "--format", "csv"]),
                ("recommend", ["recommend", "--theme", theme, "--city", partner, "--format", "csv"]),
                ("path", ["path", a, b, "--format", "csv"])]
    for label, args in commands:
        files = run([*args, str(folder)], plain)
        cold = run([args[0], "--no-cache", *args[1:]], env)
        warm = run(args, env)
        rows.append((name, label, files, cold, warm))


class Clock:
    """Wall seconds, this process's CPU seconds and the server's CPU seconds
    since it was made."""

    def __init__(self, server_pid):
        self.pid = server_pid
        self.start = self.now()

    def server_cpu(self) -> float:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def now(self):
        return time.perf_counter(), time.process_time(), self.server_cpu()

    def taken(self):
        return tuple(b - a for a, b in zip(self.start, self.now()))


def _queries():
    from actornet.graph.schema import Kind, TieType
    from actornet.loaders import cypher

    return ([cypher.render(cypher.READ_KIND_NODES, label=kind) for kind in Kind]
            + [cypher.render(cypher.READ_TYPE_TIES, tie_type=t) for t in TieType])


def _grouped_queries():
    from actornet.graph.schema import Kind, TieType
    from actornet.loaders import cypher

    return ([cypher.render(cypher.READ_KIND_NODE_GROUPS, label=kind) for kind in Kind]
            + [cypher.render(cypher.READ_TYPE_TIE_GROUPS, tie_type=t) for t in TieType])


def _count_queries():
    """The same matches and projections, the server counting the rows instead of sending them."""
    from actornet.graph.schema import Kind, TieType
    from actornet.loaders import cypher

    return ([cypher.render(cypher.COUNT_KIND_NODES, label=kind) for kind in Kind]
            + [cypher.render(cypher.COUNT_TYPE_TIES, tie_type=t) for t in TieType])


def split(name, folder, server, database):
    """Rows of (network, stage, wall s, client CPU s, server CPU s, rows) for one cold read-back."""
    import neo4j

    from actornet.graph.gc_pause import gc_paused
    from actornet.graph.build import build_network
    from actornet.graph.tables import NetworkTables
    from actornet.loaders import read, store_read
    from actornet.loaders.cache import NetworkCache
    from actornet.loaders.store_tables import store_tables

    pid = server.process.pid
    rows = []
    driver = neo4j.GraphDatabase.driver(server.uri, auth=server.auth)
    try:
        clock, count = Clock(pid), 0
        with driver.session(database=database) as session:
            for query in _count_queries():
                count += session.run(query, dataset=None).single()["rows"]
        rows.append((name, "server: the match alone (count(*), no rows sent)", *clock.taken(),
                     count))
        for fetch_size in (1_000, store_read.FETCH_SIZE, 100_000):
            clock, count = Clock(pid), 0
            with driver.session(database=database, fetch_size=fetch_size) as session:
                for query in _queries():
                    for _ in session.run(query, dataset=None):
                        count += 1
            rows.append((name, f"bare queries, records consumed, fetch_size {fetch_size:,}",
                         *clock.taken(), count))
        for group in (store_read.GROUP_SIZE,):
            clock, count = Clock(pid), 0
            with driver.session(database=database) as session:
                for query in _grouped_queries():
                    for record in session.run(query, dataset=None, group=group):
                        count += len(record[0])
            rows.append((name, f"bare queries, rows {group:,} to a record (grouped)",
                         *clock.taken(), count))
        clock = Clock(pid)
        with driver.session(database=database) as session:
            records = store_read.read_dataset_records(session, None)
        expected = store_read.expected_rows(records)
        parts = store_read.read_parts(driver, database=database, expected=expected)
        how = "grouped" if 0 < expected <= store_read.GROUPED_MAX_ROWS else "row by row"
        rows.append((name, f"read_parts ({how}, {store_read.READERS} queries at once): "
                     "streaming + columns + load order",
                     *clock.taken(), len(parts.node_ids) + len(parts.tie_keys)))
        clock = Clock(pid)
        meta = records[0] if records else {}
        with gc_paused():  # as store_read.read_network does
            raw = store_tables(parts, meta.get("themes"))
        columns = ", ".join(k for k, table in raw.items() if table.data is not None)
        rows.append((name, f"store_tables (as text columns: {columns})", *clock.taken(), None))
        clock = Clock(pid)
        network = build_network(NetworkTables(
            [raw["actors"]], [raw["ties"]], [raw["projects"]] if raw["projects"].rows_read else [],
            [raw["themes"]] if raw["themes"].rows_read else [], name=name))
        rows.append((name, "build_network (validation + build)", *clock.taken(), None))
        clock = Clock(pid)
        network.prepare()
        rows.append((name, "prepare (actor projection)", *clock.taken(), None))
        cache = NetworkCache(program="benchmarks/store.py --split")
        clock = Clock(pid)
        cache.put(cache.key_of([("split", f"{name} {time.time()}")]), network)
        rows.append((name, "cache put", *clock.taken(), None))
        clock = Clock(pid)
        read.read_network(folder)
        rows.append((name, "files: read_network, uncached (for scale)", *clock.taken(), None))
    finally:
        driver.close()
    return rows


def print_split(rows):
    print("| network | stage | wall s | client CPU s | server CPU s | rows |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, stage, wall, client, server_cpu, count in rows:
        print(f"| {name} | {stage} | {wall:.2f} | {client:.2f} | {server_cpu:.2f} | "
              f"{'' if count is None else f'{count:,}'} |")


def replace_growth(work, sizes):
    """Rows of (ties, nodes, first load s, --replace s) on generated networks."""
    from actornet.loaders import read_network

    rows = []
    server = BoltServer(work / "server").start()
    try:
        for i, ties in enumerate(sizes):
            folder = generated_folder(work, max(ties * 24 // 220, 100), ties)
            network = read_network(folder)
            env = store_env(folder, server, server.create_database(f"replace{i}"))
            first = run(["load", str(folder)], env)
            again = run(["load", str(folder), "--replace"], env)
            rows.append((network.graph.number_of_edges(), network.graph.number_of_nodes(),
                         first, again))
            print(f"uptime after {ties:,} ties: {uptime()}", flush=True)
    finally:
        server.stop()
    print("| ties | nodes | first load s | --replace s | --replace µs per tie | "
          "--replace / first |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for ties, nodes, first, again in rows:
        print(f"| {ties:,} | {nodes:,} | {first:.1f} | {again:.1f} | {again / ties * 1e6:.0f} | "
              f"{again / first:.2f} |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--h2020", default=None, help="an imported H2020 folder")
    parser.add_argument("--skip-h2020", action="store_true")
    parser.add_argument("--generated", default="24000:220000", help="actors:ties ('' for none)")
    parser.add_argument("--work", default=None)
    parser.add_argument("--split", action="store_true",
                        help="also split a cold read-back into its stages")
    parser.add_argument("--split-only", action="store_true",
                        help="load, then split the read-back; time no commands")
    parser.add_argument("--replace-ties", default=None,
                        help="only time load --replace on generated networks of these tie counts")
    args = parser.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="actornet-store-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"uptime before: {uptime()}", flush=True)
    if args.replace_ties:
        replace_growth(work, [int(x) for x in args.replace_ties.split(",")])
        print(f"uptime after: {uptime()}")
        return
    rows, split_rows = [], []
    server = BoltServer(work / "server").start()
    try:
        networks = []
        if not args.skip_h2020:
            folder = h2020_folder(work, args.h2020)
            if folder is None:
                print("skipped H2020: ../shared/real/cordis_h2020 is not here")
            else:
                networks.append(("H2020", folder))
        if args.generated:
            actors, ties = (int(x) for x in args.generated.split(":"))
            networks.append((f"generated {actors:,}/{ties:,}",
                             generated_folder(work, actors, ties)))
        for i, (name, folder) in enumerate(networks):
            database = server.create_database(f"bench{i}")
            if args.split_only:
                load_only(folder, server, database)
            else:
                measure(name, folder, server, database, rows)
            if args.split or args.split_only:
                os.environ["ACTORNET_CACHE_DIR"] = str(work / "split-cache")
                split_rows += split(name, folder, server, database)
            print(f"uptime after {name}: {uptime()}", flush=True)
    finally:
        server.stop()
    if split_rows:
        print_split(split_rows)
        if args.split_only:
            print(f"uptime after: {uptime()}")
            return
    print("| network | command | files s | store s (cold) | store / files | "
          "store s (warm) | warm / files |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, label, files, store, warm in rows:
        warm_cells = ("—", "—") if warm is None else (f"{warm:.1f}", f"{warm / files:.2f}")
        print(f"| {name} | {label} | {files:.1f} | {store:.1f} | {store / files:.2f} | "
              f"{warm_cells[0]} | {warm_cells[1]} |")
    print(f"uptime after: {uptime()}")


if __name__ == "__main__":
    main()
