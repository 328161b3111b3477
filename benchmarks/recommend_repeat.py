"""A second ``recommend`` on the same data: learning again vs the weights kept in the cache.

Each run is ``actornet recommend DATA --theme T --city C --format csv`` in a
fresh interpreter, as a user runs it, with a private network cache
(``ACTORNET_CACHE_DIR``, fresh for each network):

- *first*: nothing cached (read, validate, learn; both kept);
- *learn again*: the network cached, its learned weights deleted first (what
  every second command did before the weights were kept);
- *kept*: the network and its learned weights cached.

*learn again* and *kept* run ``--repeat`` times each, alternating; the table
gives the median wall and CPU seconds (the process and its children) and
the ratio kept / learn again, and checks that every run printed the same
answer as the first. Networks: the folder(s) given with ``--data`` (e.g.
H2020 with Berlin's partnerships, see benchmarks/README.md) and a generated
one per ``--sizes``. Measures; asserts nothing.

    .venv/bin/python benchmarks/recommend_repeat.py --data /tmp/h2020part \\
        --theme climate --city paris_fr [--sizes 24000:220000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from actornet.graph.generate import generated_network
from actornet.loaders import write_folder


def run(data, theme, city, cache):
    """(wall s, CPU s, output) of one recommend in a fresh interpreter."""
    env = dict(os.environ, ACTORNET_CACHE_DIR=str(cache))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "actornet", "recommend", str(data), "--theme",
                           theme, "--city", city, "--format", "csv"],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"recommend failed on {data}: {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def measure(label, data, theme, city, repeat):
    cache = Path(tempfile.mkdtemp(prefix="actornet-repeat-"))
    first = run(data, theme, city, cache)
    kept = list(cache.glob("*.actornet-data"))
    runs = {"learn again": [], "kept": []}
    for _ in range(repeat):
        for entry in cache.glob("*.actornet-data"):
            entry.unlink()
        runs["learn again"].append(run(data, theme, city, cache))
        runs["kept"].append(run(data, theme, city, cache))
    same = all(r[2] == first[2] for rs in runs.values() for r in rs)
    wall = {k: statistics.median(r[0] for r in rs) for k, rs in runs.items()}
    cpu = {k: statistics.median(r[1] for r in rs) for k, rs in runs.items()}
    print(f"| {label} | {first[0]:.1f} / {first[1]:.1f} | {wall['learn again']:.1f} / "
          f"{cpu['learn again']:.1f} | {wall['kept']:.1f} / {cpu['kept']:.1f} | "
          f"{wall['kept'] / wall['learn again']:.2f} | {len(kept)} | "
          f"{'yes' if same else 'NO'} |", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", default=[], help="a network folder")
    parser.add_argument("--theme", default="climate")
    parser.add_argument("--city", default="paris_fr")
    parser.add_argument("--sizes", default="", help="actors:ties of generated networks, "
                        "comma-separated (theme business, the first partner city)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"recommend, {args.repeat} runs each (median): wall s / CPU s\n")
    print("| network | first (nothing cached) | learn again (network cached) | kept "
          "(both cached) | kept / learn again (wall) | data entries | same answer |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for folder in args.data:
        folder = Path(folder)
        if not (folder / "network.toml").exists() and not (folder / "actors.csv").exists():
            print(f"| {folder} | skipped: not a network folder | | | | | |")
            continue
        measure(folder.name, folder, args.theme, args.city, args.repeat)
    for size in filter(None, args.sizes.split(",")):
        actors, ties = (int(x) for x in size.split(":"))
        work = Path(tempfile.mkdtemp(prefix="actornet-repeat-net-"))
        net = generated_network(actors, ties, seed=0)
        write_folder(net, work / "net")
        city = sorted(p["city"] for p in net.partnerships())[0]
        measure(f"generated {actors:,} / {ties:,}", work / "net", "business", city,
                args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
