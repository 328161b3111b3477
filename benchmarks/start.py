"""How soon a command starts its analysis: first run (read + validate) vs a second run (cache).

Each command runs in a fresh interpreter, as a user runs it, with a private
network cache (``ACTORNET_CACHE_DIR``, fresh for each network): ``actornet
info`` twice (the first reads, validates and fills the cache; the second
loads from it), then ``brokers`` and ``gaps`` on the filled cache. For each
run: the seconds until the network is ready (``NetworkSource.load``
returned, the same wrapper as ``benchmarks/run.py``), until the actor
projection every analysis starts from is there (its first
``ActorNetwork.projection()`` call returned; ``info`` asks for it only to
measure), and in all (wall seconds, and the CPU seconds of the process until
the network is ready and in all), with the peak resident memory of a run that ends (and
that per tie). ``brokers`` and ``gaps`` stop once their analysis has
started (``--full``: run to the end, within ``--timeout`` seconds).

Networks: a generated one per ``--sizes`` (actors:ties, heavy-tailed with
``--hubs`` hub organisations per city) and the real CORDIS H2020 network
when imported (``--real``, see benchmarks/README.md; skipped with a message
when absent). Prints a markdown table. Measures; asserts nothing.

    .venv/bin/python benchmarks/start.py --real /tmp/h2020b --sizes 100000:1000000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from actornet.graph.generate import generated_network
from actornet.loaders import write_folder

# Runs one command; prints LOADED / PROJECTION <seconds since start> on
# stderr; with STOP, leaves as soon as the projection is there.
_WRAPPER = """\
import os, sys, time
start = time.perf_counter()
import actornet.source as s
real = s.NetworkSource.load
stop = os.environ.get("BENCH_STOP") == "1"
measure = os.environ.get("BENCH_PROJECTION") == "1"
def load(self, *a, **k):
    n = real(self, *a, **k)
    print(f"LOADED {time.perf_counter() - start:.3f}", file=sys.stderr, flush=True)
    print(f"LOADEDCPU {time.process_time():.3f}", file=sys.stderr, flush=True)
    if measure:
        n.projection()
    return n
s.NetworkSource.load = load
from actornet.graph.network import ActorNetwork
projection = ActorNetwork.projection
seen = []
def timed(self, *a, **k):
    p = projection(self, *a, **k)
    if not seen:
        seen.append(1)
        print(f"PROJECTION {time.perf_counter() - start:.3f}", file=sys.stderr, flush=True)
        if stop:
            os._exit(0)
    return p
ActorNetwork.projection = timed
from actornet.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(f"CPU {time.process_time():.3f}", file=sys.stderr)
# VmHWM: this process's own peak (ru_maxrss keeps the parent's across exec)
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(f"PEAKRSS {peak}", file=sys.stderr)
"""


def run(args, cache, *, stop, measure_projection, timeout):
    """``(ready, projection, total)`` seconds of ``actornet ARGS`` in a fresh interpreter."""
    env = {**os.environ, "ACTORNET_CACHE_DIR": cache, "BENCH_STOP": "1" if stop else "0",
           "BENCH_PROJECTION": "1" if measure_projection else "0"}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", _WRAPPER, *args], env=env,
                              capture_output=True, text=True, timeout=timeout)
        err = done.stderr
    except subprocess.TimeoutExpired as timed_out:
        err = timed_out.stderr.decode() if isinstance(timed_out.stderr, bytes) else (
            timed_out.stderr or "")
    total = time.perf_counter() - start

    def mark(name):
        return next((float(line.split()[1]) for line in err.splitlines()
                     if line.startswith(name + " ")), float("nan"))

    return (mark("LOADED"), mark("PROJECTION"), total, mark("PEAKRSS") * 1024,
            mark("LOADEDCPU"), mark("CPU"))


def count_ties(folder):
    with open(Path(folder) / "ties.csv", "rb") as ties:
        return sum(1 for _ in ties) - 1


def network_rows(label, folder, *, full, timeout):
    rows = []
    ties = count_ties(folder)
    with tempfile.TemporaryDirectory() as cache:
        plan = [("info", "first (read + validate)", ["info"], False),
                ("info", "second (cache)", ["info"], False),
                ("brokers", "second (cache)", ["brokers"], not full),
                ("gaps", "second (cache)", ["gaps"], not full)]
        for command, run_label, args, stop in plan:
            ready, projection, total, peak, ready_cpu, cpu = run([*args, str(folder)], cache, stop=stop,
                                           measure_projection=command == "info",
                                           timeout=timeout)
            rows.append((label, command, run_label, ready, projection,
                         "stopped at the analysis" if stop else f"{total:.2f}",
                         peak, peak / ties, ready_cpu, cpu))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000:1000000",
                        help="actors:ties pairs, comma-separated (empty: none)")
    parser.add_argument("--hubs", type=int, default=3,
                        help="hub organisations per city in the generated networks")
    parser.add_argument("--real", type=Path, default=Path("/tmp/h2020b"),
                        help="an imported CORDIS H2020 network folder (actornet import cordis)")
    parser.add_argument("--folder", type=Path, action="append", default=[],
                        help="a network folder to measure as well (repeatable)")
    parser.add_argument("--full", action="store_true",
                        help="run brokers and gaps to the end instead of stopping at the analysis")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",") if pair]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        if args.real.is_dir():
            folders.append(("H2020 (real)", args.real))
        else:
            print(f"Skipping the real H2020 network: {args.real} is absent (import it first, "
                  "see benchmarks/README.md).", file=sys.stderr)
        folders += [(folder.name, folder) for folder in args.folder]
        for actors, ties in sizes:
            folder = Path(tmp) / f"gen{actors}"
            write_folder(generated_network(actors, ties, hubs=args.hubs, seed=1), folder)
            folders.append((f"generated {actors // 1000}k/{ties // 1000}k", folder))
        for label, folder in folders:
            rows += network_rows(label, folder, full=args.full, timeout=args.timeout)
    print("| network | command | run | network ready (s) | ready (CPU s) | projection there (s) "
          "| total (s) | total (CPU s) | peak RSS (MiB) | bytes per tie |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, command, run_label, ready, projection, total, peak, per_tie, ready_cpu, cpu \
            in rows:
        rss = "—" if peak != peak else f"{peak / 2**20:.0f}"
        per = "—" if per_tie != per_tie else f"{per_tie:,.0f}"
        cpu_cell = "—" if cpu != cpu else f"{cpu:.2f}"
        print(f"| {label} | `{command}` | {run_label} | {ready:.2f} | {ready_cpu:.2f} "
              f"| {projection:.2f} | {total} | {cpu_cell} | {rss} | {per} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
