"""Gaps and recommendations speed on generated networks.

Times ``coverage``, ``under_served`` (with the share of it spent in
``fragility``, measured alone in the same run), ``dormant`` and
``recommend`` (one theme, the first partner city). Nothing is asserted: the
machines are shared and noisy.

    .venv/bin/python benchmarks/gaps.py [--sizes 1000:5000,10000:100000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.generate import generated_network  # noqa: E402
from queries.fragility import fragility  # noqa: E402
from queries.gaps import coverage, dormant, under_served  # noqa: E402
from queries.recommend import recommend  # noqa: E402


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000:5000,10000:100000",
                        help="actors:ties pairs, comma-separated")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    header = f"{'actors':>7} {'ties':>7} {'step':<34} {'seconds':>9}"
    print(header)
    print("-" * len(header))
    for actors, ties in sizes:
        net = generated_network(actors, ties, seed=0)
        year = net.years()[1]
        city = net.partnerships()[0]["city"]
        steps = [
            ("coverage", lambda: coverage(net)),
            ("under_served", lambda: under_served(net)),
            ("  of which fragility (alone)", lambda: fragility(net, as_of=year)),
            ("dormant (5 years)", lambda: dormant(net)),
            (f"recommend business / {city}, k=10", lambda: recommend(net, "business", city)),
        ]
        for name, step in steps:
            seconds, _ = timed(step)
            print(f"{actors:>7} {ties:>7} {name:<34} {seconds:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
