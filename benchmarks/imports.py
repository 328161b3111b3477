"""Imports at the speed of the file, in bounded memory (issue 19).

Generates files in a temporary folder (never committed) and measures, each in
a fresh interpreter (peak memory is the child's max RSS):

* ``pandas.read_csv`` of the file (all columns as text): the baseline;
* ``import pairs`` of the same file (cities by name and country, resolved
  against the gazetteer; the gazetteer's one-off index build timed apart);
* a gzip of one pair repeated to ``--repeat-mb`` MB (0.7 MB packed for 300
  MB): it must finish within 1 GB and 20 s, the duplicates counted;
* the same repeated ten times larger (3 GB): it must finish or stop with a
  clear error, never by running out of memory (``--big`` to run it).

Prints a markdown table with the ratios. No time is asserted.

    .venv/bin/python benchmarks/imports.py --pairs 2500000 --repeat-mb 300 [--big]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = r"""
import json, sys, time
import pandas as pd
from actornet.loaders.imports import import_pairs
kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
started = time.perf_counter()
result = {}
if kind == "read_csv":
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    result["rows"] = len(frame)
elif kind == "gazetteer":
    from actornet.graph.gazetteer import gazetteer_size
    result["cities"] = gazetteer_size()
else:
    from actornet.graph.errors import ActornetError
    if kind == "pairs":  # the gazetteer's index first, timed apart
        from actornet.graph.gazetteer import gazetteer_size
        t = time.perf_counter(); gazetteer_size(); result["gazetteer_s"] = time.perf_counter() - t
        result["gazetteer_mb"] = int(open("/proc/self/status").read().split("VmHWM:")[1]
                                     .split()[0]) / 1024
    try:
        s = import_pairs([path], out, a="city1", b="city2", a_country="country1",
                         b_country="country2", claims=True, gazetteer=(kind == "pairs"))
        c = next(iter(s.files.values()))
        result.update(read=c.read, kept=c.kept, duplicates=c.duplicates, rejected=c.rejected,
                      ties=s.ties, actors=s.actors)
    except ActornetError as err:
        result["error"] = str(err)
result["seconds"] = time.perf_counter() - started
# the peak of this process alone (ru_maxrss would carry the parent's over exec)
result["peak_mb"] = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps(result))
"""


def _run(kind, path, out="-"):
    done = subprocess.run([sys.executable, "-c", _CHILD, kind, str(path), str(out)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["killed"])[-1],
                "returncode": done.returncode}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _towns(n, seed=7):
    """``n`` (town, country) pairs: real GeoNames names and invented ones, half each."""
    from actornet.graph import gazetteer

    index = gazetteer._index()
    rng = random.Random(seed)
    rows = rng.sample(range(len(index.name)), n // 2)
    real = [(index.name[i], index.country[i]) for i in rows]
    syllables = ["ber", "lin", "war", "saw", "pra", "gue", "kor", "ta", "mo", "na", "vi", "el"]
    made = [("".join(rng.choice(syllables) for _ in range(3)).title() + f" {i}", "DE")
            for i in range(n - len(real))]
    return real + made


def write_pairs(path: Path, pairs: int, towns: int = 50_000, seed=7) -> None:
    rng = random.Random(seed)
    places = _towns(towns, seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("city1,country1,city2,country2\n")
        for _ in range(pairs):
            (a, ca), (b, cb) = rng.choice(places), rng.choice(places)
            handle.write(f'"{a}",{ca},"{b}",{cb}\n')


def write_repeated(path: Path, megabytes: int) -> None:
    line = b"Berlin,Germany,Warsaw,Poland\n"
    block = line * (1 << 16)
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(b"city1,country1,city2,country2\n")
        for _ in range(megabytes * (1 << 20) // len(block)):
            handle.write(block)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--repeat-mb", type=int, default=300)
    parser.add_argument("--big", action="store_true", help="also the 3 GB expansion")
    args = parser.parse_args(argv)
    import os

    print(f"load average: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="actornet-bench-") as tmp:
        tmp = Path(tmp)
        pairs = tmp / "pairs.csv"
        write_pairs(pairs, args.pairs)
        size = pairs.stat().st_size / 1e6
        base = _run("read_csv", pairs)
        gaz = _run("gazetteer", pairs)
        ours = _run("pairs", pairs, tmp / "out")
        raw = _run("pairs-raw", pairs, tmp / "out-raw")
        rows = [("pandas.read_csv (baseline)", base), ("gazetteer index alone", gaz),
                ("import pairs, gazetteer on", ours), ("import pairs, --no-gazetteer", raw)]
        print(f"\n{args.pairs:,} pairs, {size:.1f} MB\n")
        print("| run | s | ratio to read_csv | peak MB | read / kept / duplicates / rejected |")
        print("|---|---|---|---|---|")
        for label, r in rows:
            counts = "/".join(str(r.get(k, "")) for k in ("read", "kept", "duplicates",
                                                        "rejected")) if "read" in r else ""
            print(f"| {label} | {r.get('seconds', float('nan')):.1f} | "
                  f"{r.get('seconds', float('nan')) / base['seconds']:.2f} | "
                  f"{r.get('peak_mb', float('nan')):.0f} | {counts or r.get('error', '')} |")
        if "gazetteer_s" in ours:
            less = ours["seconds"] - ours["gazetteer_s"]
            print(f"| import pairs less the gazetteer index | {less:.1f} | "
                  f"{less / base['seconds']:.2f} | | |")
        for mb in [args.repeat_mb] + ([args.repeat_mb * 10] if args.big else []):
            packed = tmp / f"repeated{mb}.csv.gz"
            started = time.perf_counter()
            write_repeated(packed, mb)
            made = time.perf_counter() - started
            r = _run("pairs", packed, tmp / f"rep{mb}")
            print(f"\none pair repeated to {mb} MB ({packed.stat().st_size / 1e6:.2f} MB "
                  f"packed, written in {made:.0f} s): {json.dumps(r)}")
            packed.unlink()


if __name__ == "__main__":
    main()
