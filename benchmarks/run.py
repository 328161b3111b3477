"""Reading and building speed, as ratios to a baseline measured in the same run.

The baseline is pandas.read_csv of the same files with every column as text
(parsing only, no validation); pyarrow.csv.read_csv of the same files is a
second baseline when pyarrow can be imported (from the environment, or from
``--pyarrow-path DIR``, a folder added to the path of a separate interpreter
so that pandas in this one keeps its own string storage). actornet's reader parses, validates every row
and builds the graph, so it does more; the ratio says how much that costs.
Both readers are timed: the reference (the csv module, row by row,
``read_csv_table(columnar=False)``) and the default (plain lines into columns
by pandas' C parser). Both builders are timed on the same parsed tables:
the row-by-row reference the tests keep (``tests/reference_build.py``) and
the package's (every rule over whole columns, plain rows built in bulk). ``read_network`` is then timed end to end.
Times are CPU seconds of the process (the machines are shared). Then, as
a second table, a command
run twice on the same folder (first: read and validate; second: the cache),
with the time until the network is ready and the total. With the real CORDIS
H2020 network (imported with ``actornet import cordis``, see benchmarks/README.md)
given as ``--real FOLDER``, or found at ``/tmp/h2020``, it is measured too;
without it that part is skipped with a message. Nothing is asserted: the
machines are shared and noisy.

    .venv/bin/python benchmarks/run.py [--sizes 10000:100000,100000:1000000] [--real /tmp/h2020]

Needs the installed package (``make .venv/.installed-test``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests"))
from reference_build import reference_network  # noqa: E402  (the row-by-row reference)

from actornet.graph.build import build_network  # noqa: E402
from actornet.graph.generate import generated_network  # noqa: E402
from actornet.loaders import read_network, read_tables, write_folder  # noqa: E402
import actornet.loaders.read as _read  # noqa: E402

REAL_DATA = ROOT.parent.parent / "shared" / "real" / "cordis_h2020"


def timed(func, *args, repeat=1, **kwargs):
    """``(CPU seconds, result)`` of the best of ``repeat`` calls (CPU time: the
    machines are shared, and wall time there says more about the neighbours)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = func(*args, **kwargs)
        best = min(best, time.process_time() - start)
    return best, result


def pandas_baseline(folder):
    return {f.stem: pd.read_csv(f, dtype=str, keep_default_na=False) for f in folder.glob("*.csv")}


_PYARROW = """\
import sys, time
import pyarrow.csv as pc
from pathlib import Path
best = float("inf")
for _ in range(int(sys.argv[2])):
    start = time.process_time()  # CPU seconds of all its threads
    for f in Path(sys.argv[1]).glob("*.csv"):
        pc.read_csv(f, convert_options=pc.ConvertOptions(
            column_types={}, strings_can_be_null=False, auto_dict_encode=False))
    best = min(best, time.process_time() - start)
print(best)
"""


def pyarrow_baseline(folder, repeat, path):
    """Seconds of pyarrow.csv.read_csv of the files in ``folder`` (a separate
    interpreter, ``path`` on its PYTHONPATH), or None when pyarrow is absent."""
    env = {**os.environ}
    if path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", _PYARROW, str(folder), str(repeat)],
                          env=env, capture_output=True, text=True)
    return float(done.stdout) if done.returncode == 0 else None


def reference_tables(folder):
    """The tables read row by row by the csv module (the reference reader)."""
    real = _read.read_csv_table
    _read.read_csv_table = lambda *a, **k: real(*a, columnar=False, **k)
    try:
        return read_tables(folder)
    finally:
        _read.read_csv_table = real


def reading_rows(label, folder, repeat, pyarrow_path=None):
    """One table row per step for the network in ``folder``."""
    rows = sum(sum(1 for _ in open(f, encoding="utf-8")) - 1 for f in folder.glob("*.csv"))
    base, _ = timed(pandas_baseline, folder, repeat=repeat)
    arrow = pyarrow_baseline(folder, repeat, pyarrow_path)
    parse_reference, reference_parsed = timed(reference_tables, folder, repeat=repeat)
    reference, _ = timed(reference_network, reference_parsed, repeat=repeat)
    del reference_parsed
    parse, tables = timed(read_tables, folder, repeat=repeat)
    fast, _ = timed(build_network, tables, repeat=repeat)
    del tables
    whole, _ = timed(read_network, folder, repeat=repeat)
    steps = [("pandas.read_csv (base)", base),
             ("parse, csv module row by row (reference)", parse_reference),
             ("parse, columnar (default)", parse),
             ("validate+build, reference", reference), ("validate+build, columnar", fast),
             ("read_network, reference (sum)", parse_reference + reference),
             ("read_network (default, end to end)", whole)]
    if arrow is not None:
        steps.insert(1, ("pyarrow.csv.read_csv (base 2)", arrow))
    return [(label, rows, name, seconds, seconds / base, arrow and seconds / arrow)
            for name, seconds in steps]


def command_rows(label, folder):
    """``actornet info`` twice on ``folder`` (a fresh cache): seconds until the
    network is loaded (ACTORNET_BENCH_LOADED, printed by the wrapper) and in all."""
    out = []
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache, "ACTORNET_CACHE_DIR": cache}
        code = ("import sys, time\nstart = time.perf_counter()\n"
                "import actornet.source as s\nreal = s.NetworkSource.load\n"
                "def load(self, *a, **k):\n    n = real(self, *a, **k)\n"
                "    print(f'LOADED {time.perf_counter() - start:.3f}', file=sys.stderr)\n"
                "    return n\n"
                "s.NetworkSource.load = load\n"
                "from actornet.cli import main\nsys.argv = ['actornet', 'info', sys.argv[1]]\n"
                "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n")
        for run in ("first (read + validate)", "second (cached)"):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code, str(folder)], env=env,
                                  capture_output=True, text=True)
            total = time.perf_counter() - start
            loaded = next((float(line.split()[1]) for line in done.stderr.splitlines()
                           if line.startswith("LOADED")), float("nan"))
            out.append((label, run, loaded, total))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000:100000,100000:1000000",
                        help="actors:ties pairs, comma-separated")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--real", type=Path, default=Path("/tmp/h2020"),
                        help="an imported CORDIS H2020 network folder (actornet import cordis)")
    parser.add_argument("--pyarrow-path", type=Path, default=None,
                        help="a folder holding pyarrow (pip install --target DIR pyarrow), "
                             "for the second baseline")
    parser.add_argument("--no-commands", action="store_true",
                        help="skip the first-vs-cached command table")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    reading, commands = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for actors, ties in sizes:
            folder = Path(tmp) / f"gen{actors}"
            write_folder(generated_network(actors, ties, seed=1), folder)
            folders.append((f"{actors // 1000}k/{ties // 1000}k", folder))
        if args.real.is_dir():
            folders.append(("H2020 (real)", args.real))
        elif not REAL_DATA.is_dir():
            print(f"Skipping the real H2020 network: {REAL_DATA} is absent.", file=sys.stderr)
        else:
            print(f"Skipping the real H2020 network: import it first to {args.real} "
                  "(see benchmarks/README.md).", file=sys.stderr)
        for label, folder in folders:
            reading += reading_rows(label, folder, args.repeat, args.pyarrow_path)
            if not args.no_commands:
                commands += command_rows(label, folder)
    print("| network | rows | step | CPU s | x pandas | x pyarrow |")
    print("|---|---:|---|---:|---:|---:|")
    for label, rows, name, seconds, ratio, arrow_ratio in reading:
        arrow_cell = f"{arrow_ratio:.1f}" if arrow_ratio else "—"
        print(f"| {label} | {rows:,} | {name} | {seconds:.2f} | {ratio:.1f} | {arrow_cell} |")
    if commands:
        print()
        print("| network | `actornet info` | network ready (s) | total (s) |")
        print("|---|---|---:|---:|")
        for label, run, loaded, total in commands:
            print(f"| {label} | {run} | {loaded:.2f} | {total:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
