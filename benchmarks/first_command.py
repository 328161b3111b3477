"""The first command's phases on a folder, nothing cached: read + validate,
prepare (the column tables, the projection, counts, years, cities), and
keeping it in the cache, in CPU seconds, with the peak resident memory per tie.

Run it with two checkouts' interpreters on the same folder, alternating, to
compare them (the machine is shared: compare within a run, not across runs):

    .venv/bin/python benchmarks/first_command.py /tmp/gen100k after

Writes its cache into a fresh temporary folder, never the user's. Measures;
asserts nothing.
"""
import os
import resource
import sys
import tempfile
import time

os.environ["ACTORNET_CACHE_DIR"] = tempfile.mkdtemp()  # never the user's cache
from pathlib import Path
c = time.process_time
c0 = c()
from actornet.loaders.read import read_inputs
from actornet.loaders import read
from actornet.loaders.cache import NetworkCache
from actornet.source import program_identity
p = Path(sys.argv[1])
inputs = read_inputs(p)
c1 = c()
net = read.read_network(p, inputs=inputs)
c2 = c()
net.prepare()
c3 = c()
cache = NetworkCache(program=program_identity())
cache.put(cache.key(inputs, encoding=None), net)
c4 = c()
ties = net.__dict__.get("_counts", {}).get("ties") or net.graph.number_of_edges()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(f"{sys.argv[2]}: read {c2-c0:.2f}  prepare {c3-c2:.2f}  cache.put {c4-c3:.2f}  total {c4-c0:.2f} CPU s; peak RSS {rss/2**20:.0f} MiB, {rss/ties:.0f} B/tie; load {os.getloadavg()[0]:.1f}")
