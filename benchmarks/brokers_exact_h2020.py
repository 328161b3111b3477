"""The sampled (adaptive, default) broker table against the exact one on a
real network folder (default: an imported H2020 folder): seconds, sources,
reported confidence and the top-20 overlap with exact, for seeds 0-2.

Exact betweenness on H2020 takes minutes (438 s on 2 cores): that is why
``mode="auto"`` samples there. Prints a markdown table; asserts nothing.

    .venv/bin/python benchmarks/brokers_exact_h2020.py [FOLDER]
"""
import os
import sys
import time
from pathlib import Path
from actornet.source import NetworkSource
from actornet.queries.brokers import brokers
folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/h2020")
if not folder.is_dir():
    sys.exit(f"skipped: no network folder at {folder} (import it with actornet import cordis)")
net = NetworkSource(data=folder).load()
net.projection()
rows = []
for seed in (0, 1, 2):
    t = time.perf_counter()
    s = brokers(net, top=20, mode="sampled", seed=seed)
    rows.append((seed, time.perf_counter() - t, s))
t = time.perf_counter()
e = brokers(net, top=20, mode="exact")
te = time.perf_counter() - t
col = "actor" if "actor" in e.columns else e.columns[0]
exact_top = set(e[col])
print(f"exact: {te:.1f} s, {os.cpu_count()} cpus")
print("| seed | seconds | sources | confidence | stopped | top-20 overlap with exact |")
print("|---|---:|---:|---:|---|---:|")
for seed, sec, s in rows:
    a = s.attrs
    print(f"| {seed} | {sec:.1f} | {a.get('sources', a.get('k'))} | {a.get('confidence'):.2f} | {a.get('stopped')} | {len(set(s[col]) & exact_top) / 20:.2f} |")
